use super::prelude::*;
use crate::conditions::restricting_keys;

declare_rule! {
    /// The other side of `principal-public`: an `Allow` in a resource policy to `"*"` that a
    /// condition restricts, reported as what it is: open to an organization, an account, a
    /// VPC or endpoint, a network, or a source resource (info). VPC endpoint policies and RCPs,
    /// where `"*"` is the rule, are not reported.
    pub struct PrincipalPublicRestricted {
        code: "IAM520",
        name: "principal-public-restricted",
        category: Security,
        severity: Info,
        fix: None,
        summary: "a \"*\" principal restricted to an organization, account, network or source",
    }
}

/// How a restricting key scopes the callers.
fn scope(key: &str) -> &'static str {
    match key {
        "aws:PrincipalOrgID"
        | "aws:PrincipalOrgPaths"
        | "aws:SourceOrgID"
        | "aws:SourceOrgPaths" => "organization",
        "aws:PrincipalAccount" | "aws:SourceAccount" | "aws:PrincipalArn" => "account",
        "aws:SourceVpce" | "aws:SourceVpc" => "VPC",
        "aws:SourceIp" => "network",
        _ => "source",
    }
}

impl Rule for PrincipalPublicRestricted {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Resource
            || !stmt.is_allow()
            || crate::arns::is_endpoint_policy(ctx.options())
        {
            return;
        }
        let Some(p) = stmt.principal.as_ref().and_then(|e| e.value.ok()) else {
            return;
        };
        let Some(at) = p.wildcard_range() else { return };
        let keys: Vec<&str> = restricting_keys(stmt)
            .into_iter()
            .filter(|k| !k.starts_with("aws:Resource"))
            .collect();
        if keys.is_empty() {
            return;
        }
        let mut scopes: Vec<&str> = keys.iter().map(|k| scope(k)).collect();
        scopes.dedup();
        let list = join_and(keys.iter().map(|k| format!("`{k}`")));
        ctx.report(
            at,
            format!(
                "{} opens `*` restricted to {} by {list}",
                stmt.label(),
                scopes.join("/")
            ),
        )
        .help("not public: the condition pins the callers; keep it when editing the statement");
    }
}
