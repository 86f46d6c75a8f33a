//! Questions rules ask about a statement's conditions.

use iamlint_model::Statement;
use iamlint_model::operators::SetQualifier;

/// Condition keys that pin a statement to an organization, account, network or source.
pub const RESTRICTING_KEYS: &[&str] = &[
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:SourceVpce",
    "aws:SourceVpc",
    "aws:SourceIp",
    "aws:ResourceAccount",
    "aws:ResourceOrgID",
    "aws:ResourceOrgPaths",
];

/// The restricting keys a statement's condition really requires to hold: under a
/// non-negated operator, without `IfExists` and without `ForAllValues` (which pass when the
/// key is absent, as it is for anonymous callers). Returned with the spelling of
/// [`RESTRICTING_KEYS`], each once, in document order.
pub fn restricting_keys(stmt: &Statement) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    let Some(cond) = stmt.condition() else {
        return out;
    };
    for (op, key) in cond.pairs() {
        let Some(operator) = op.operator.operator else {
            continue;
        };
        if operator.is_negated()
            || op.operator.if_exists
            || op.operator.qualifier == Some(SetQualifier::ForAllValues)
            || !op.operator.is_known()
            || key.values.ok().is_none_or(|v| v.items.is_empty())
        {
            continue;
        }
        let found = RESTRICTING_KEYS
            .iter()
            .copied()
            .find(|k| k.eq_ignore_ascii_case(&key.key.name));
        if let Some(k) = found
            && !out.contains(&k)
        {
            out.push(k);
        }
    }
    out
}

/// Whether the statement's condition has `"Null": {key: "<value>"}` (with `value` true or
/// false) for `key`.
pub fn has_null_guard(stmt: &Statement, key: &str, value: bool) -> bool {
    let want = if value { "true" } else { "false" };
    stmt.condition().is_some_and(|c| {
        c.pairs().any(|(op, k)| {
            op.operator.operator == Some(iamlint_model::operators::Operator::Null)
                && op.operator.qualifier.is_none()
                && k.key.name.eq_ignore_ascii_case(key)
                && k.values.ok().is_some_and(|v| {
                    v.items
                        .iter()
                        .any(|i| i.text().is_some_and(|t| t.eq_ignore_ascii_case(want)))
                })
        })
    })
}

/// Whether a statement's condition narrows the resources it applies to (resource tags,
/// resource account or organization), so that `"Resource": "*"` is restricted after all.
pub fn restricts_resources(stmt: &Statement) -> bool {
    let Some(cond) = stmt.condition() else {
        return false;
    };
    cond.pairs().any(|(op, key)| {
        let k = key.key.name.to_ascii_lowercase();
        let resource_key = k.starts_with("aws:resourcetag/")
            || k == "aws:resourceaccount"
            || k == "aws:resourceorgid"
            || k == "aws:resourceorgpaths"
            || (k.contains(":resourcetag/") || k.contains(":existingobjecttag/"));
        resource_key
            && !op.operator.if_exists
            && op.operator.operator.is_some_and(|o| !o.is_negated())
    })
}

/// `aws:RequestTag/<name>`, `aws:ResourceTag/<name>` (with a name) or `aws:TagKeys`: the tag
/// keys whose support varies per action.
pub fn is_tag_condition_key(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let tagged = ["aws:requesttag/", "aws:resourcetag/"]
        .iter()
        .any(|p| lower.strip_prefix(p).is_some_and(|rest| !rest.is_empty()));
    tagged || lower == "aws:tagkeys"
}

/// For a tag condition that tests a value (not `IfExists`, not negated, not `Null`), the
/// statement's actions that do not support the key, and their service prefixes. `None` when
/// the pair is not such a condition or the statement's actions are unknown.
pub fn tag_unsupported_actions(
    ctx: &crate::Ctx<'_>,
    stmt: &iamlint_model::Statement,
    op: &iamlint_model::ConditionOperator,
    key: &str,
) -> Option<(Vec<&'static iamlint_catalog::Action>, Vec<&'static str>)> {
    let operator = op.operator.operator?;
    if !is_tag_condition_key(key)
        || op.operator.if_exists
        || operator.is_negated()
        || operator.family() == iamlint_model::operators::Family::Null
    {
        return None;
    }
    let catalog = ctx.catalog();
    let actions = ctx.statement_actions(stmt)?;
    let unsupported: Vec<&iamlint_catalog::Action> = actions
        .iter()
        .copied()
        .filter(|a| !crate::condkeys::action_supports_key(catalog, a, key))
        .collect();
    if unsupported.is_empty() {
        return None;
    }
    let mut services: Vec<&str> = unsupported
        .iter()
        .filter_map(|a| catalog.service_of(a).map(|s| s.prefix))
        .collect();
    services.dedup();
    Some((unsupported, services))
}

/// ("`s3:GetObject`", "does", "it") or ("3 of its actions (such as `s3:GetObject`)", "do",
/// "them").
pub fn which_actions(
    catalog: &iamlint_catalog::Catalog,
    actions: &[&iamlint_catalog::Action],
) -> (String, &'static str, &'static str) {
    let first = actions
        .first()
        .map(|a| catalog.full_name(a))
        .unwrap_or_default();
    match actions.len() {
        1 => (format!("`{first}`"), "does", "it"),
        n => (
            format!("{n} of its actions (such as `{first}`)"),
            "do",
            "them",
        ),
    }
}

/// An OIDC provider's `aud` claim (`token.actions.githubusercontent.com:aud`): one value or a
/// list, depending on the provider. Returns the provider.
pub fn oidc_aud_provider(key: &str) -> Option<&str> {
    let (provider, claim) = key.rsplit_once(':')?;
    (claim.eq_ignore_ascii_case("aud") && provider.contains('.')).then_some(provider)
}

/// Whether the operator compares the key's values (a known operator other than `Null`, whose
/// values are `true`/`false` rather than values of the key).
pub fn compares_values(op: &iamlint_model::ConditionOperator) -> bool {
    op.operator
        .operator
        .is_some_and(|o| o.family() != iamlint_model::operators::Family::Null)
}

/// A global key that describes the request's context (`aws:PrincipalOrgPaths`,
/// `aws:RequestTag/env`), where an absent key is a gap in a condition. `aws:TagKeys` and
/// service keys list what the request asks for; there an absent key means it asks for
/// nothing, which conditions on them normally intend.
pub fn is_context_key(
    catalog: &'static iamlint_catalog::Catalog,
    options: &crate::Options,
    key: &str,
) -> bool {
    matches!(
        crate::condkeys::classify(catalog, options, key),
        crate::condkeys::KeyClass::Known { global: true, .. }
    ) && !key.eq_ignore_ascii_case("aws:TagKeys")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(cond: &str) -> Vec<&'static str> {
        let text = format!(
            r#"{{"Statement":{{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{cond}}}}}"#
        );
        let parsed = iamlint_syntax::parse(&text);
        let policy = iamlint_model::lower(parsed.root.as_ref().unwrap()).unwrap();
        let stmt = policy.statements().next().unwrap();
        restricting_keys(stmt)
    }

    #[test]
    fn only_conditions_that_must_hold_restrict() {
        assert_eq!(
            keys(r#"{"StringEquals":{"aws:principalorgid":"o-1"}}"#),
            ["aws:PrincipalOrgID"]
        );
        assert!(keys(r#"{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-1"}}"#).is_empty());
        assert!(keys(r#"{"StringNotEquals":{"aws:PrincipalOrgID":"o-1"}}"#).is_empty());
        assert!(
            keys(r#"{"ForAllValues:StringEquals":{"aws:PrincipalOrgPaths":"o-1/*"}}"#).is_empty()
        );
        assert!(keys(r#"{"StringEquals":{"aws:PrincipalOrgID":[]}}"#).is_empty());
        assert!(keys(r#"{"StringEquals":{"aws:username":"bob"}}"#).is_empty());
        assert_eq!(
            keys(
                r#"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"},"StringEquals":{"aws:SourceVpce":"vpce-1"}}"#
            ),
            ["aws:SourceIp", "aws:SourceVpce"]
        );
    }
}
