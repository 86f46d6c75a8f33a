//! The action sets behind the security rules (`data/action-sets.txt`, provenance in
//! `data/ACTION-SETS.md`), compiled through the catalog on first use, and what a statement
//! reaches of them.

use std::sync::OnceLock;

use iamlint_catalog::{Action, Catalog, glob_match};
use iamlint_model::{Polarity, Statement};

const TEXT: &str = include_str!("../data/action-sets.txt");

/// One privilege-escalation method: every step must be allowed; a step is one action.
#[derive(Debug)]
pub struct Method {
    pub name: &'static str,
    pub steps: Vec<&'static Action>,
}

#[derive(Debug, Default)]
pub struct ActionSets {
    pub escalation: Vec<Method>,
    pub credentials: Vec<&'static Action>,
    pub exfiltration: Vec<&'static Action>,
    pub permissions: Vec<&'static Action>,
    /// Entries that name no catalog action (a test keeps this empty).
    pub unresolved: Vec<&'static str>,
}

pub fn action_sets(catalog: &'static Catalog) -> &'static ActionSets {
    static SETS: OnceLock<ActionSets> = OnceLock::new();
    SETS.get_or_init(|| compile(catalog))
}

fn compile(catalog: &'static Catalog) -> ActionSets {
    let mut sets = ActionSets::default();
    let mut section = "";
    for line in TEXT.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
            continue;
        }
        if section == "privilege-escalation" {
            let Some((name, steps)) = line.split_once(':').filter(|(n, _)| !n.contains(' ')) else {
                sets.unresolved.push(line);
                continue;
            };
            let mut resolved = Vec::new();
            for step in steps.split('+').map(str::trim) {
                match catalog.action(step) {
                    Some(a) => resolved.push(a),
                    None => sets.unresolved.push(step),
                }
            }
            sets.escalation.push(Method {
                name,
                steps: resolved,
            });
            continue;
        }
        let expanded = catalog.expand(line);
        if expanded.is_empty() {
            sets.unresolved.push(line);
        }
        let target = match section {
            "credentials-exposure" => &mut sets.credentials,
            "data-exfiltration" => &mut sets.exfiltration,
            "permissions-management" => &mut sets.permissions,
            _ => {
                sets.unresolved.push(line);
                continue;
            }
        };
        target.extend(expanded);
    }
    sets
}

/// What a statement's action element reaches.
pub enum Reach<'a> {
    /// The catalog actions of `Action`, ordered by service and index.
    Only(crate::context::StatementActions),
    /// Everything but the `NotAction` patterns.
    AllBut(Vec<&'a str>),
    /// Unknown (an unresolvable action): judge nothing.
    Unknown,
}

impl Reach<'_> {
    pub fn reaches(&self, catalog: &Catalog, action: &Action) -> bool {
        match self {
            // the statement's actions are in catalog order, which is their order in memory:
            // comparing addresses finds one without reading the actions it passes over
            Reach::Only(actions) => actions
                .binary_search_by_key(&std::ptr::from_ref(action), |a| std::ptr::from_ref(*a))
                .is_ok(),
            Reach::AllBut(patterns) => {
                let name = catalog.full_name(action);
                !patterns.iter().any(|p| glob_match(p, &name, true))
            }
            Reach::Unknown => false,
        }
    }
}

pub fn reach<'s>(ctx: &crate::Ctx<'_>, stmt: &'s Statement) -> Reach<'s> {
    match stmt.actions() {
        Some((Polarity::Negative, e)) => match e.value.ok() {
            Some(list) => Reach::AllBut(list.strings().map(|s| s.value.as_str()).collect()),
            None => Reach::Unknown,
        },
        Some((Polarity::Positive, _)) => match ctx.statement_actions(stmt) {
            Some(actions) => Reach::Only(actions),
            None => Reach::Unknown,
        },
        None => Reach::Unknown,
    }
}

/// The statements a breadth rule judges: `Allow`s of a granting policy (identity or session)
/// on every resource that are not administrator access (`admin-star` reports those).
pub fn judged(ctx: &crate::Ctx<'_>, stmt: &Statement) -> bool {
    matches!(
        ctx.policy_type(),
        iamlint_model::PolicyType::Identity | iamlint_model::PolicyType::Session
    ) && stmt.is_allow()
        && crate::security::any_resource(stmt)
        && !crate::security::is_admin(ctx.catalog(), ctx.options(), stmt)
}

/// What a rule about one action set says: the set, how to name one action and several, and
/// the help.
pub struct Unscoped {
    pub set: fn(&ActionSets) -> &[&'static Action],
    pub one: &'static str,
    pub many: &'static str,
    pub help: &'static str,
}

/// Reports a statement that allows, on every resource, actions of a set that accept a narrower
/// resource (actions without resource-level permissions can only be granted on `*`, so they
/// are left out). Shared by `credentials-exposure`, `data-exfiltration` and
/// `permissions-management`.
pub fn report_unscoped(ctx: &mut crate::Ctx<'_>, stmt: &Statement, what: &Unscoped) {
    if !judged(ctx, stmt) {
        return;
    }
    let catalog = ctx.catalog();
    let r = reach(ctx, stmt);
    let found: Vec<String> = (what.set)(action_sets(catalog))
        .iter()
        .filter(|a| catalog.has_resource_types(a) && r.reaches(catalog, a))
        .map(|a| format!("`{}`", catalog.full_name(a)))
        .collect();
    let Some(first) = found.first() else { return };
    let Some((_, entry)) = stmt.actions() else {
        return;
    };
    let (more, kind) = match found.len() {
        1 => (String::new(), what.one),
        n => (format!(" and {} more", n - 1), what.many),
    };
    ctx.report(
        entry.key.range,
        format!(
            "{} allows {first}{more} on every resource: {kind}",
            stmt.label()
        ),
    )
    .help(what.help);
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_entry_names_a_catalog_action() {
        let sets = super::action_sets(iamlint_catalog::catalog());
        assert!(
            sets.unresolved.is_empty(),
            "unresolved: {:?}",
            sets.unresolved
        );
        assert_eq!(sets.escalation.len(), 21);
        assert!(sets.credentials.len() >= 15);
        assert!(sets.permissions.len() >= 25);
    }
}
