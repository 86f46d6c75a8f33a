use super::prelude::*;

declare_rule! {
    /// `NotPrincipal` with `Allow`: the statement grants its actions to every principal but
    /// the listed ones, anonymous users included.
    pub struct NotprincipalAllow {
        code: "IAM509",
        name: "notprincipal-allow",
        category: Security,
        severity: Security,
        fix: None,
        summary: "NotPrincipal with Allow, which grants everyone else",
    }
}

impl Rule for NotprincipalAllow {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        // elsewhere `NotPrincipal` is not allowed at all (`notprincipal-not-allowed`,
        // `principal-not-allowed`, `scp-principal`, `rcp-principal`)
        if ctx.policy_type() != PolicyType::Resource {
            return;
        }
        if !stmt.is_allow() {
            return;
        }
        let Some(entry) = &stmt.not_principal else {
            return;
        };
        ctx.report(
            entry.key.range,
            format!(
                "{} allows everyone except the listed principals, anonymous users included",
                stmt.label()
            ),
        )
        .help("name the principals that should have access in `Principal` instead");
    }
}
