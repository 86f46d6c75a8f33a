use super::prelude::*;

declare_rule! {
    /// An `Allow` with `NotResource`: it grants its actions on every resource except the
    /// listed ones, including resources created later and resources in other accounts.
    pub struct NotresourceAllow {
        code: "IAM805",
        name: "notresource-allow",
        category: Security,
        severity: Security,
        fix: None,
        summary: "Allow with NotResource, which grants everything else",
    }
}

impl Rule for NotresourceAllow {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if !crate::security::grants(ctx) || !stmt.is_allow() {
            return;
        }
        let Some(entry) = &stmt.not_resource else {
            return;
        };
        ctx.report(entry.key.range, format!("{} allows its actions on every resource except those in `NotResource`", stmt.label()))
            .help("list the resources to allow in `Resource`; to carve exceptions out of a broad grant, use a separate `Deny`");
    }
}
