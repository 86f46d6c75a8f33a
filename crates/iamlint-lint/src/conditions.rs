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
