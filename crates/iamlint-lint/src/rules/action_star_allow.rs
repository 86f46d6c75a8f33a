use super::prelude::*;
use crate::security::{action_star, any_resource};

declare_rule! {
    /// An `Allow` of every action (`"Action": "*"`) on specific resources: every present and
    /// future action of every service those resources belong to. (On every resource it is
    /// `admin-star`.)
    pub struct ActionStarAllow {
        code: "IAM802",
        name: "action-star-allow",
        category: Security,
        severity: Security,
        fix: None,
        summary: "Allow of every action (\"Action\": \"*\") on specific resources",
    }
}

impl Rule for ActionStarAllow {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if !crate::security::grants(ctx) || !stmt.is_allow() {
            return;
        }
        let Some(star) = action_star(stmt) else {
            return;
        };
        if any_resource(stmt) {
            return;
        }
        ctx.report(star.range, format!("{} allows every action, including deleting and sharing, on its resources", stmt.label()))
            .help("list the actions that are needed (`s3:GetObject`, `s3:PutObject`, …); `*` also grants actions AWS adds later");
    }
}
