use super::prelude::*;
use crate::conditions::restricting_keys;

declare_rule! {
    /// A role trust policy that lets `"*"` (any AWS principal, in any account) assume the role.
    /// With a condition that pins the caller's organization or account it is a warning.
    pub struct TrustWildcardPrincipal {
        code: "IAM205",
        name: "trust-wildcard-principal",
        category: Security,
        severity: Security,
        fix: None,
        summary: "a role trust policy that any AWS principal can assume",
    }
}

impl Rule for TrustWildcardPrincipal {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Trust || !stmt.is_allow() {
            return;
        }
        let Some(p) = stmt.principal.as_ref().and_then(|e| e.value.ok()) else {
            return;
        };
        let Some(at) = p.wildcard_range() else { return };
        let keys = restricting_keys(stmt);
        let label = stmt.label();
        if keys.is_empty() {
            ctx.report(at, format!("{label} lets any AWS principal in any account assume this role"))
                .help("name the trusted accounts or roles in `Principal`, or restrict `*` with an `aws:PrincipalOrgID` or `aws:PrincipalArn` condition");
        } else {
            let list = join_and(keys.iter().map(|k| format!("`{k}`")));
            ctx.report(at, format!("{label} trusts `*`, restricted only by {list}"))
                .severity(Severity::Warning)
                .help("prefer naming the trusted accounts or roles in `Principal`; a wildcard principal depends entirely on the condition being right");
        }
    }
}
