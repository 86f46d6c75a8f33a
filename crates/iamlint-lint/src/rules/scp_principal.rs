use super::prelude::*;

declare_rule! {
    /// `Principal` or `NotPrincipal` in a service control policy, which applies to every
    /// principal of the accounts it is attached to.
    pub struct ScpPrincipal {
        code: "IAM210",
        name: "scp-principal",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "Principal or NotPrincipal in an SCP",
    }
}

impl Rule for ScpPrincipal {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Scp {
            return;
        }
        for e in [&stmt.principal, &stmt.not_principal].into_iter().flatten() {
            ctx.report(e.key.range, format!("`{}` is not allowed in a service control policy", e.key.name))
                .help("an SCP applies to every principal in the accounts it is attached to; to exempt some, use an `aws:PrincipalArn` condition");
        }
    }
}
