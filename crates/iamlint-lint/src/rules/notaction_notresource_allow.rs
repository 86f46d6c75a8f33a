use super::prelude::*;

declare_rule! {
    /// `NotAction` and `NotResource` together in an `Allow`: every action but some, on every
    /// resource but some. Together they reach nearly everything, `iam:PassRole` and
    /// `iam:CreateServiceLinkedRole` included, and are very hard to review.
    pub struct NotactionNotresourceAllow {
        code: "IAM815",
        name: "notaction-notresource-allow",
        category: Security,
        severity: Security,
        fix: None,
        summary: "NotAction and NotResource together in an Allow",
    }
}

impl Rule for NotactionNotresourceAllow {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if !crate::security::grants(ctx) || !stmt.is_allow() {
            return;
        }
        let (Some(not_action), Some(_)) = (&stmt.not_action, &stmt.not_resource) else {
            return;
        };
        ctx.report(not_action.key.range, format!("{} combines `NotAction` and `NotResource`: it allows nearly every action on nearly every resource", stmt.label()))
            .help("write what is allowed with `Action` and `Resource`, and carve out exceptions with a separate `Deny`");
    }
}
