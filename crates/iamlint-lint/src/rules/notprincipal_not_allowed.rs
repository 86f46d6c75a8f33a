use super::prelude::*;

declare_rule! {
    /// `NotPrincipal` in a role trust policy, which IAM rejects.
    pub struct NotprincipalNotAllowed {
        code: "IAM203",
        name: "notprincipal-not-allowed",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "NotPrincipal in a role trust policy",
    }
}

impl Rule for NotprincipalNotAllowed {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Trust {
            return;
        }
        if let Some(e) = &stmt.not_principal {
            ctx.report(e.key.range, "`NotPrincipal` is not allowed in a role trust policy")
                .help("name the principals that may assume the role in `Principal`; to exclude some, add a `Deny` with an `aws:PrincipalArn` condition");
        }
    }
}
