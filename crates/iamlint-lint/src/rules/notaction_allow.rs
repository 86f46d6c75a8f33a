use super::prelude::*;
use crate::security::any_resource;

declare_rule! {
    /// An `Allow` with `NotAction`: it grants every action except the listed ones, including
    /// actions AWS adds later. When none of the listed entries is a real action (all unknown
    /// or misspelt) the statement grants everything: with `"*"` resources, administrator
    /// access.
    pub struct NotactionAllow {
        code: "IAM804",
        name: "notaction-allow",
        category: Security,
        severity: Security,
        fix: None,
        summary: "Allow with NotAction, which grants everything else",
    }
}

impl Rule for NotactionAllow {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if !crate::security::grants(ctx) || !stmt.is_allow() {
            return;
        }
        let Some(entry) = &stmt.not_action else {
            return;
        };
        let excludes_something =
            crate::security::notaction_excludes_something(ctx.catalog(), ctx.options(), stmt);
        let everywhere = any_resource(stmt);
        if !excludes_something {
            let what = if everywhere {
                "every action on every resource: administrator access"
            } else {
                "every action on its resources"
            };
            ctx.report(entry.key.range, format!("{} excludes no real action with `NotAction`, so it allows {what}", stmt.label()))
                .help("none of the `NotAction` entries names an existing action, so nothing is excluded; list the actions to allow in `Action` instead");
            return;
        }
        let scope = if everywhere && stmt.condition.is_none() {
            " on every resource, unconditionally"
        } else {
            ""
        };
        ctx.report(entry.key.range, format!("{} allows every action except those in `NotAction`{scope}, including actions AWS adds later", stmt.label()))
            .help("list the actions to allow in `Action`; to carve exceptions out of a broad grant, use a separate `Deny`");
    }
}
