use super::prelude::*;
use crate::security::{action_star, any_resource};

declare_rule! {
    /// An `Allow` of every action (`"Action": "*"`) on every resource: administrator access.
    /// `Deny` statements are never reported.
    pub struct AdminStar {
        code: "IAM801",
        name: "admin-star",
        category: Security,
        severity: Security,
        fix: None,
        summary: "Allow of every action on every resource (administrator access)",
    }
}

impl Rule for AdminStar {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        // SCPs, RCPs and boundaries cap permissions (`"*"` there is the usual "allow all"),
        // and VPC endpoint policies filter
        if !crate::security::grants(ctx) || !stmt.is_allow() {
            return;
        }
        let Some(star) = action_star(stmt) else {
            return;
        };
        if !any_resource(stmt) {
            return;
        }
        let conditioned = if stmt.condition.is_some() {
            " (under a condition)"
        } else {
            ""
        };
        ctx.report(star.range, format!("{} allows every action on every resource{conditioned}: administrator access", stmt.label()))
            .help("grant the actions and resources the principal needs; keep full access for break-glass roles, ideally AWS's `AdministratorAccess` policy so that it is easy to audit");
    }
}
