//! Which rules run: defaults, `--select`, `--extend-select` and `--ignore`.

use std::fmt;

use crate::rules::RULES;

/// One flag per registered rule, in registry order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    enabled: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectionError {
    pub selector: String,
}

impl fmt::Display for SelectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` matches no rule; use a code (`IAM111`), a code prefix (`IAM1`), a name (`effect-invalid`), a category (`security`) or `ALL`",
            self.selector
        )
    }
}

impl std::error::Error for SelectionError {}

impl Default for Selection {
    fn default() -> Self {
        Selection::defaults()
    }
}

impl Selection {
    /// Every rule that is on by default.
    pub fn defaults() -> Selection {
        Selection {
            enabled: RULES.iter().map(|r| r.meta().default_enabled).collect(),
        }
    }

    pub fn none() -> Selection {
        Selection {
            enabled: vec![false; RULES.len()],
        }
    }

    pub fn all() -> Selection {
        Selection {
            enabled: vec![true; RULES.len()],
        }
    }

    /// Exactly the rules matching `selectors`.
    pub fn only<S: AsRef<str>>(selectors: &[S]) -> Result<Selection, SelectionError> {
        let mut s = Selection::none();
        s.extend(selectors)?;
        Ok(s)
    }

    /// Resolves CLI-style options: `select` replaces the default set, `extend` adds to it,
    /// `ignore` removes from it (ignore wins).
    pub fn resolve<S: AsRef<str>>(
        select: Option<&[S]>,
        extend: &[S],
        ignore: &[S],
    ) -> Result<Selection, SelectionError> {
        let mut s = match select {
            Some(sel) => Selection::only(sel)?,
            None => Selection::defaults(),
        };
        s.extend(extend)?;
        for sel in ignore {
            let m = matcher(sel.as_ref())?;
            for (flag, rule) in s.enabled.iter_mut().zip(RULES) {
                if m(rule.meta()) {
                    *flag = false;
                }
            }
        }
        Ok(s)
    }

    fn extend<S: AsRef<str>>(&mut self, selectors: &[S]) -> Result<(), SelectionError> {
        for sel in selectors {
            let m = matcher(sel.as_ref())?;
            for (flag, rule) in self.enabled.iter_mut().zip(RULES) {
                if m(rule.meta()) {
                    *flag = true;
                }
            }
        }
        Ok(())
    }

    pub fn is_enabled(&self, index: usize) -> bool {
        self.enabled.get(index).copied().unwrap_or(false)
    }

    /// Whether the rule with this code is enabled.
    pub fn is_code_enabled(&self, code: &str) -> bool {
        RULES
            .iter()
            .position(|r| r.meta().code == code)
            .is_some_and(|i| self.is_enabled(i))
    }
}

type Matcher = Box<dyn Fn(&crate::RuleMeta) -> bool>;

fn matcher(selector: &str) -> Result<Matcher, SelectionError> {
    let sel = selector.trim().to_owned();
    let upper = sel.to_ascii_uppercase();
    let m: Matcher = if upper == "ALL" {
        Box::new(|_| true)
    } else if RULES.iter().any(|r| r.meta().name == sel) {
        Box::new(move |m| m.name == sel)
    } else if RULES.iter().any(|r| r.meta().category.as_str() == sel) {
        Box::new(move |m| m.category.as_str() == sel)
    } else if upper.starts_with("IAM") && RULES.iter().any(|r| r.meta().code.starts_with(&upper)) {
        Box::new(move |m| m.code.starts_with(&upper))
    } else {
        return Err(SelectionError {
            selector: selector.to_owned(),
        });
    };
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enabled(s: &Selection) -> Vec<&'static str> {
        RULES
            .iter()
            .enumerate()
            .filter(|(i, _)| s.is_enabled(*i))
            .map(|(_, r)| r.meta().code)
            .collect()
    }

    #[test]
    fn select_by_code_name_prefix_and_category() {
        let s = Selection::only(&["IAM111", "version-missing"]).unwrap();
        assert_eq!(enabled(&s), ["IAM104", "IAM111"]);
        let s = Selection::only(&["IAM00"]).unwrap();
        assert!(enabled(&s).iter().all(|c| c.starts_with("IAM00")));
        assert!(!enabled(&s).is_empty());
        let s = Selection::only(&["syntax"]).unwrap();
        assert_eq!(enabled(&s), ["IAM001", "IAM002", "IAM003"]);
        assert!(Selection::only(&["nope"]).is_err());
        assert!(Selection::only(&["IAM999"]).is_err());
    }

    #[test]
    fn resolve_ignore_wins_and_defaults_exclude_off_rules() {
        let s = Selection::resolve(None, &[] as &[&str], &["IAM1"]).unwrap();
        assert!(enabled(&s).iter().all(|c| !c.starts_with("IAM1")));
        let d = Selection::defaults();
        let off: Vec<_> = RULES
            .iter()
            .filter(|r| !r.meta().default_enabled)
            .map(|r| r.meta().code)
            .collect();
        assert!(!off.is_empty());
        for code in &off {
            assert!(!d.is_code_enabled(code));
        }
        let s = Selection::resolve(None, &[off[0]], &[]).unwrap();
        assert!(s.is_code_enabled(off[0]));
        let s = Selection::resolve(Some(&["ALL"]), &[], &["IAM111"]).unwrap();
        assert!(!s.is_code_enabled("IAM111"));
        assert!(s.is_code_enabled("IAM110"));
    }
}
