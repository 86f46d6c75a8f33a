use super::prelude::*;

declare_rule! {
    /// `Principal` or `NotPrincipal` in an identity policy, permissions boundary or session
    /// policy: these apply to the identity they are attached to.
    pub struct PrincipalNotAllowed {
        code: "IAM201",
        name: "principal-not-allowed",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "Principal or NotPrincipal in an identity policy, boundary or session policy",
    }
}

impl Rule for PrincipalNotAllowed {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let t = ctx.policy_type();
        if !matches!(
            t,
            PolicyType::Identity | PolicyType::Boundary | PolicyType::Session
        ) {
            return;
        }
        for e in [&stmt.principal, &stmt.not_principal].into_iter().flatten() {
            ctx.report(e.key.range, format!("`{}` is not allowed in {}", e.key.name, t.phrase()))
                .help(format!(
                    "{} applies to the identity it is attached to; name principals only in resource and trust policies (if this is one, pass `--policy-type resource` or `trust`)",
                    t.phrase()
                ));
        }
    }
}
