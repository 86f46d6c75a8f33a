//! Fixes: text edits with a safety level, and applying them.

use crate::{Diagnostic, TextRange};

/// How safe a fix is to apply without review (ruff's three levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Applicability {
    /// Shown to the user, never applied automatically.
    DisplayOnly,
    /// Changes what the policy grants; applied only on request (`--unsafe-fixes`).
    Unsafe,
    /// Keeps the policy's meaning; applied by `--fix`.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// Replace `range` with `replacement`. An empty range inserts; an empty replacement deletes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: TextRange,
    pub replacement: String,
}

impl Edit {
    pub fn replace(range: TextRange, replacement: impl Into<String>) -> Edit {
        Edit {
            range,
            replacement: replacement.into(),
        }
    }

    pub fn delete(range: TextRange) -> Edit {
        Edit::replace(range, "")
    }

    pub fn insert(at: text_size::TextSize, text: impl Into<String>) -> Edit {
        Edit::replace(TextRange::empty(at), text)
    }
}

/// A titled group of edits applied together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, e.g. "replace with `Allow`".
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(title: impl Into<String>, applicability: Applicability, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            applicability,
            edits,
        }
    }

    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Applicability::Safe, edits)
    }

    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Applicability::Unsafe, edits)
    }
}

/// The result of applying fixes to one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixOutcome {
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
}

/// Applies the first fix of each diagnostic whose applicability is at least `min`. A fix whose
/// edits overlap an already chosen fix is skipped (run again to converge), as is one whose
/// edits fall outside the text or off char boundaries.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic], min: Applicability) -> FixOutcome {
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for d in diagnostics {
        let Some(fix) = d.fixes.first() else { continue };
        if fix.applicability < min || fix.applicability == Applicability::DisplayOnly {
            continue;
        }
        let valid = fix.edits.iter().all(|e| {
            let (s, t) = (usize::from(e.range.start()), usize::from(e.range.end()));
            t <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(t)
        });
        let overlaps = fix
            .edits
            .iter()
            .any(|e| chosen.iter().any(|c| edits_conflict(c.range, e.range)));
        if !valid || overlaps {
            continue;
        }
        chosen.extend(fix.edits.iter());
        applied += 1;
    }
    chosen.sort_by_key(|e| (e.range.start(), e.range.end()));
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    for e in chosen {
        let (s, t) = (usize::from(e.range.start()), usize::from(e.range.end()));
        out.push_str(text.get(at..s).unwrap_or(""));
        out.push_str(&e.replacement);
        at = t;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    FixOutcome { text: out, applied }
}

/// Two edits conflict when their ranges overlap, or when both insert at the same point.
fn edits_conflict(a: TextRange, b: TextRange) -> bool {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => a.start() == b.start(),
        (true, false) => b.start() < a.start() && a.start() < b.end(),
        (false, true) => a.start() < b.start() && b.start() < a.end(),
        (false, false) => a.start() < b.end() && b.start() < a.end(),
    }
}

#[cfg(test)]
#[allow(
    clippy::string_slice,
    reason = "tests slice ranges they have just checked"
)]
mod tests {
    use super::*;
    use crate::{Severity, range};

    fn diag_with(fix: Fix) -> Diagnostic {
        let mut d = Diagnostic::new("IAM000", "t", Severity::Error, range(0, 0), "m");
        d.fix(fix);
        d
    }

    #[test]
    fn applies_non_overlapping_edits_in_order() {
        let text = r#"{"Effect":"allow",}"#;
        let diags = [
            diag_with(Fix::safe("trailing", vec![Edit::delete(range(17, 18))])),
            diag_with(Fix::safe(
                "case",
                vec![Edit::replace(range(10, 17), "\"Allow\"")],
            )),
        ];
        let out = apply_fixes(text, &diags, Applicability::Safe);
        assert_eq!(out.text, r#"{"Effect":"Allow"}"#);
        assert_eq!(out.applied, 2);
    }

    #[test]
    fn skips_unsafe_and_overlapping() {
        let text = "abcdef";
        let diags = [
            diag_with(Fix::unsafe_("u", vec![Edit::delete(range(0, 1))])),
            diag_with(Fix::safe("a", vec![Edit::replace(range(2, 4), "X")])),
            diag_with(Fix::safe("b", vec![Edit::replace(range(3, 5), "Y")])),
        ];
        let out = apply_fixes(text, &diags, Applicability::Safe);
        assert_eq!(out.text, "abXef");
        assert_eq!(out.applied, 1);
        let out = apply_fixes(text, &diags, Applicability::Unsafe);
        assert_eq!(out.text, "bXef");
    }

    #[test]
    fn rejects_edits_off_char_boundaries() {
        let text = "é";
        let diags = [diag_with(Fix::safe("bad", vec![Edit::delete(range(0, 1))]))];
        let out = apply_fixes(text, &diags, Applicability::Safe);
        assert_eq!(out.text, "é");
        assert_eq!(out.applied, 0);
    }
}
