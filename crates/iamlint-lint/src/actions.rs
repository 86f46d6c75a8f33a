//! What an `Action` entry means according to the catalog, resolved once per distinct string
//! and cached per thread (policies repeat the same actions and wildcards constantly).

use std::sync::Arc;

use crate::memo::SharedMemo;

use iamlint_catalog::{Action, Catalog, RemovedAction};
use iamlint_model::Statement;

use crate::Options;

/// The catalog's reading of one action string.
#[derive(Debug, Clone)]
pub enum Resolution {
    /// `"*"`: every action.
    Star,
    /// Neither `*` nor `service:action`.
    Malformed,
    /// An action of the catalog.
    Action(&'static Action),
    /// A wildcard pattern and the actions it matches (possibly none).
    Pattern(Vec<&'static Action>),
    /// The service prefix is not in the catalog.
    UnknownService,
    /// The service prefix is only used by removed actions (a retired service).
    RetiredService,
    /// The service is known, the action is not.
    UnknownAction,
    /// An action that existed in an earlier reference.
    RetiredAction(&'static RemovedAction),
}

impl Resolution {
    /// The catalog actions this string stands for (none for unknown ones and for `*`).
    pub fn actions(&self) -> &[&'static Action] {
        match self {
            Resolution::Action(a) => std::slice::from_ref(a),
            Resolution::Pattern(v) => v,
            _ => &[],
        }
    }
}

/// Whether `s` has the shape `service:action` (or `*`).
pub fn is_well_formed(s: &str) -> bool {
    if s == "*" {
        return true;
    }
    match iamlint_catalog::split_at_colon(s) {
        Some((service, action)) => {
            !service.is_empty()
                && !action.is_empty()
                && !action.contains(':')
                && s.bytes().all(|c| {
                    c.is_ascii_alphanumeric()
                        || matches!(c, b':' | b'-' | b'_' | b'*' | b'?' | b'.')
                })
        }
        None => false,
    }
}

fn resolve_uncached(catalog: &'static Catalog, s: &str) -> Resolution {
    if s == "*" {
        return Resolution::Star;
    }
    if !is_well_formed(s) {
        return Resolution::Malformed;
    }
    let Some((service, action)) = iamlint_catalog::split_at_colon(s) else {
        return Resolution::Malformed;
    };
    if service.contains(['*', '?']) || action.contains(['*', '?']) {
        if !service.contains(['*', '?']) && catalog.service(service).is_none() {
            return if catalog.is_retired_service(service) {
                Resolution::RetiredService
            } else {
                Resolution::UnknownService
            };
        }
        return Resolution::Pattern(catalog.expand(s));
    }
    if catalog.service(service).is_none() {
        return if catalog.is_retired_service(service) {
            Resolution::RetiredService
        } else {
            Resolution::UnknownService
        };
    }
    match catalog.action(s) {
        Some(a) => Resolution::Action(a),
        None => match catalog.removed_action(s) {
            Some(r) => Resolution::RetiredAction(r),
            None => Resolution::UnknownAction,
        },
    }
}

/// Resolutions by the action as written (a spelling in another case is another entry,
/// resolved the same way).
static RESOLVED: SharedMemo<Arc<Resolution>> = SharedMemo::new();

/// A resolution, shared without a count where it can be: `*` and each catalog action are held
/// in place (a reference to the catalog's action), the rest (wildcards, unknown names) are
/// counted and memoised.
#[derive(Debug, Clone)]
pub enum Resolved {
    /// Only `Resolution::Star` and `Resolution::Action`, which copy cheaply.
    Inline(Resolution),
    Shared(Arc<Resolution>),
}

impl std::ops::Deref for Resolved {
    type Target = Resolution;

    fn deref(&self) -> &Resolution {
        match self {
            Resolved::Inline(r) => r,
            Resolved::Shared(r) => r,
        }
    }
}

pub fn resolve(catalog: &'static Catalog, s: &str) -> Resolved {
    if s == "*" {
        return Resolved::Inline(Resolution::Star);
    }
    // a catalog action (most entries) needs neither the memo nor a count; a name the catalog
    // finds is made of a service prefix and letters, so it is well formed
    if !has_wildcard(s)
        && let Some(a) = catalog.action(s)
    {
        return Resolved::Inline(Resolution::Action(a));
    }
    memoised(catalog, s)
}

/// [`resolve`] for each of `strings`, in order. Each plain name is first looked for just
/// after the previous name's action ([`Catalog::action_after`]): long lists are often sorted.
pub fn resolve_all(catalog: &'static Catalog, strings: &[&str]) -> Vec<Resolved> {
    let mut previous: Option<&'static Action> = None;
    strings
        .iter()
        .map(|s| {
            if *s == "*" {
                return Resolved::Inline(Resolution::Star);
            }
            if !has_wildcard(s) {
                let found = match previous {
                    Some(p) => catalog.action_after(p, s),
                    None => catalog.action(s),
                };
                previous = found;
                if let Some(a) = found {
                    return Resolved::Inline(Resolution::Action(a));
                }
            }
            memoised(catalog, s)
        })
        .collect()
}

fn memoised(catalog: &'static Catalog, s: &str) -> Resolved {
    Resolved::Shared(RESOLVED.get_or_compute(s, || Arc::new(resolve_uncached(catalog, s))))
}

fn has_wildcard(s: &str) -> bool {
    s.bytes().any(|b| b == b'*' || b == b'?')
}

/// The catalog actions a statement's positive `Action` element allows, or `None` when it
/// cannot be listed: `NotAction`, `"*"`, a malformed or wrongly typed element, or entries the
/// catalog does not know (including those the user declared known). `resolved` holds what
/// each of the statement's action strings resolves to, in order.
pub fn statement_actions(
    catalog: &'static Catalog,
    options: &Options,
    stmt: &Statement,
    resolved: &[Resolved],
) -> Option<Vec<&'static Action>> {
    let list = stmt.action.as_ref()?.value.ok()?;
    let mut out = Vec::new();
    for (s, r) in list.strings().zip(resolved) {
        match &**r {
            Resolution::Action(_) | Resolution::Pattern(_) => out.extend_from_slice(r.actions()),
            _ if options.is_known_action(&s.value) => return None,
            // retired and unknown actions grant nothing; they do not change what is known
            Resolution::RetiredAction(_) | Resolution::RetiredService => {}
            _ => return None,
        }
    }
    // catalog order is index order (a service's actions are consecutive); one entry, or
    // entries already in that order, need no sort
    if out.is_sorted_by_key(|a| a.index) {
        out.dedup_by_key(|a| a.index);
        return Some(out);
    }
    if out.len() < 256 {
        out.sort_unstable_by_key(|a| a.index);
        out.dedup_by_key(|a| a.index);
        return Some(out);
    }
    // wildcards over several services: mark the actions, then read them off in order
    let mut marked = vec![0u64; catalog.actions.len().div_ceil(64)];
    for a in &out {
        if let Some(w) = marked.get_mut(a.index / 64) {
            *w |= 1 << (a.index % 64);
        }
    }
    out.clear();
    for (w, &bits) in marked.iter().enumerate() {
        let mut bits = bits;
        while bits != 0 {
            let i = w * 64 + bits.trailing_zeros() as usize;
            out.extend(catalog.actions.get(i));
            bits &= bits - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        for ok in [
            "*",
            "s3:GetObject",
            "s3:Get*",
            "*:Describe*",
            "ec2:Describe?nstances",
            "aws-portal:View*",
        ] {
            assert!(is_well_formed(ok), "{ok}");
        }
        for bad in [
            "s3",
            "s3:",
            ":Get",
            "s3:Get:Object",
            "s3 :Get",
            "",
            "s3:Get Object",
        ] {
            assert!(!is_well_formed(bad), "{bad}");
        }
    }

    #[test]
    fn resolutions_against_the_catalog() {
        let c = iamlint_catalog::catalog();
        assert!(matches!(*resolve(c, "S3:GETOBJECT"), Resolution::Action(_)));
        assert!(matches!(
            *resolve(c, "s3:GetObjectz"),
            Resolution::UnknownAction
        ));
        assert!(matches!(
            *resolve(c, "s4:GetObject"),
            Resolution::UnknownService
        ));
        assert!(matches!(&*resolve(c, "s3:Gett*"), Resolution::Pattern(v) if v.is_empty()));
        assert!(matches!(&*resolve(c, "s3:Get*"), Resolution::Pattern(v) if v.len() > 20));
        assert!(matches!(*resolve(c, "*"), Resolution::Star));
        assert!(matches!(*resolve(c, "s3"), Resolution::Malformed));
    }

    /// However the entries come (catalog order, out of order, many wildcards over several
    /// services), the statement's actions are each action once, in catalog order.
    #[test]
    fn statement_actions_are_sorted_and_distinct() {
        let c = iamlint_catalog::catalog();
        for actions in [
            r#""s3:GetObject""#,
            r#"["s3:GetObject", "ec2:RunInstances", "s3:getobject", "iam:PassRole"]"#,
            r#"["s3:*", "ec2:Describe*", "*:List*", "s3:Get*", "iam:*"]"#,
            r#"["*:Get*", "*:Describe*", "s3:*"]"#,
        ] {
            let text = format!(
                r#"{{"Statement": {{"Effect": "Allow", "Action": {actions}, "Resource": "*"}}}}"#
            );
            let parsed = iamlint_syntax::parse(&text);
            let policy = iamlint_model::lower(parsed.root.as_ref().unwrap()).unwrap();
            let stmt = policy.statements().next().unwrap();
            let resolved: Vec<Resolved> = stmt
                .action_strings()
                .map(|s| resolve(c, &s.value))
                .collect();
            let found = statement_actions(c, &Options::default(), stmt, &resolved).unwrap();
            let mut expected: Vec<usize> = resolved
                .iter()
                .flat_map(|r| r.actions().iter().map(|a| a.index))
                .collect();
            expected.sort_unstable();
            expected.dedup();
            assert_eq!(
                found.iter().map(|a| a.index).collect::<Vec<_>>(),
                expected,
                "{actions}"
            );
        }
    }

    /// A list resolved together (each name looked for after the previous one's action first)
    /// resolves each entry as it resolves alone: sorted runs, gaps, other services, case,
    /// wildcards, unknown names and `*` in between.
    #[test]
    fn resolving_a_list_is_resolving_each_entry() {
        let c = iamlint_catalog::catalog();
        let s3 = c.service("s3").unwrap();
        let mut names: Vec<String> = c
            .actions_of(s3)
            .iter()
            .step_by(3)
            .take(40)
            .map(|a| c.full_name(a))
            .collect();
        names.extend(
            [
                "s3:GetObject",
                "s3:getobjectacl",
                "S3:GETOBJECT",
                "s3:GetObjectz",
                "ec2:RunInstances",
                "ec2:RunInstances",
                "s3:Get*",
                "*",
                "s3:PutObject",
                "s4:GetObject",
                "s3",
                "iam:PassRole",
                "iam:PassRoles",
                "deeplens:ListProjects",
            ]
            .map(str::to_owned),
        );
        names.extend(
            c.actions_of(s3)
                .iter()
                .rev()
                .take(12)
                .map(|a| c.full_name(a)),
        );
        let strings: Vec<&str> = names.iter().map(String::as_str).collect();
        let together = resolve_all(c, &strings);
        assert_eq!(together.len(), strings.len());
        for (s, t) in strings.iter().zip(&together) {
            assert_eq!(
                format!("{:?}", &**t),
                format!("{:?}", &*resolve(c, s)),
                "{s}"
            );
        }
    }

    /// The resolutions of catalog actions held in place are what the full resolution gives.
    #[test]
    fn catalog_actions_resolve_in_place_as_in_full() {
        let c = iamlint_catalog::catalog();
        for a in &c.actions {
            let full = c.full_name(a).to_ascii_uppercase();
            let fast = resolve(c, &full);
            assert!(matches!(fast, Resolved::Inline(_)), "{full}");
            assert!(
                matches!((&*fast, resolve_uncached(c, &full)), (Resolution::Action(x), Resolution::Action(y)) if x.index == y.index && x.index == a.index),
                "{full}"
            );
        }
        assert!(matches!(resolve(c, "s3:GetObjectz"), Resolved::Shared(_)));
    }
}
