//! Shared tests for the security rules: what a statement can reach.

use iamlint_model::{Polarity, Statement};

use crate::helpers::glob_match_ignore_case;

/// Whether an `Allow`'s action element reaches `action` (`iam:PassRole`): named, matched by a
/// wildcard, or not excluded by `NotAction`.
pub fn reaches_action(stmt: &Statement, action: &str) -> bool {
    let Some((polarity, entry)) = stmt.actions() else {
        return false;
    };
    let Some(list) = entry.value.ok() else {
        return false;
    };
    let matched = list
        .strings()
        .any(|a| glob_match_ignore_case(&a.value, action));
    match polarity {
        Polarity::Positive => matched,
        Polarity::Negative => !matched,
    }
}

/// Whether the statement's resources are unrestricted: `"*"` in `Resource`, or `NotResource`.
pub fn any_resource(stmt: &Statement) -> bool {
    match stmt.resources() {
        Some((Polarity::Negative, _)) => true,
        Some((Polarity::Positive, e)) => e
            .value
            .ok()
            .is_some_and(|l| l.strings().any(|s| s.value == "*")),
        None => false,
    }
}

/// Whether the statement's condition tests `key` with a positive (not negated) operator,
/// which is how a grant is narrowed to some values of the key. `…IfExists` counts: AWS's own
/// policies narrow `iam:PassedToService` that way, since some services pass roles without it.
pub fn narrows_with(stmt: &Statement, key: &str) -> bool {
    stmt.condition().is_some_and(|c| {
        c.pairs().any(|(op, k)| {
            op.operator.operator.is_some_and(|o| !o.is_negated())
                && k.key.name.eq_ignore_ascii_case(key)
        })
    })
}

/// Whether the `Action` element holds exactly `"*"`.
pub fn action_star(stmt: &Statement) -> Option<&iamlint_model::Str> {
    match stmt.actions() {
        Some((Polarity::Positive, e)) => e.value.ok()?.strings().find(|s| s.value == "*"),
        _ => None,
    }
}

/// For an `Allow` with `NotAction`: whether some entry names a real action (or a declared
/// one), so that something is excluded. When nothing is, the statement allows every action.
pub fn notaction_excludes_something(
    catalog: &'static iamlint_catalog::Catalog,
    options: &crate::Options,
    stmt: &Statement,
) -> bool {
    use crate::actions::{Resolution, resolve};
    let Some(list) = stmt.not_action.as_ref().and_then(|e| e.value.ok()) else {
        return true;
    };
    list.strings().any(|s| {
        options.is_known_action(&s.value)
            || match &*resolve(catalog, &s.value) {
                Resolution::Star | Resolution::Action(_) => true,
                Resolution::Pattern(v) => !v.is_empty(),
                _ => false,
            }
    })
}

/// Whether the statement is administrator access: `"Action": "*"`, or a `NotAction` that
/// excludes nothing, on every resource. `admin-star` and `notaction-allow` report it; the
/// rules about single actions stay silent.
pub fn is_admin(
    catalog: &'static iamlint_catalog::Catalog,
    options: &crate::Options,
    stmt: &Statement,
) -> bool {
    let all_actions = action_star(stmt).is_some()
        || (stmt.not_action.is_some() && !notaction_excludes_something(catalog, options, stmt));
    all_actions && any_resource(stmt)
}

/// Whether the policy grants permissions (identity, session and resource policies) rather than
/// capping them (SCPs, RCPs, permissions boundaries) or filtering a VPC endpoint (an endpoint
/// policy grants nothing). The breadth rules judge only grants.
pub fn grants(ctx: &crate::Ctx<'_>) -> bool {
    use iamlint_model::PolicyType;
    matches!(
        ctx.policy_type(),
        PolicyType::Identity | PolicyType::Session | PolicyType::Resource
    ) && !crate::arns::is_endpoint_policy(ctx.options())
}
