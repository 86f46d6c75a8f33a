use super::prelude::*;
use crate::security::{any_resource, narrows_with, reaches_action};

declare_rule! {
    /// `iam:PassRole` allowed on every role (`"*"` or `NotResource`), whether named, reached
    /// by a wildcard (`iam:*`, `*`) or left over by `NotAction`, without an `iam:PassedToService`
    /// condition (`StringEqualsIfExists` counts). Passing any role to a service is a classic
    /// privilege escalation: the service
    /// then acts with that role's permissions.
    pub struct PassroleUnrestricted {
        code: "IAM806",
        name: "passrole-unrestricted",
        category: Security,
        severity: Security,
        fix: None,
        summary: "iam:PassRole on every role without iam:PassedToService",
    }
}

impl Rule for PassroleUnrestricted {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if !matches!(
            ctx.policy_type(),
            PolicyType::Identity | PolicyType::Session
        ) || !stmt.is_allow()
        {
            return;
        }
        // administrator access is `admin-star`'s or `notaction-allow`'s finding
        if crate::security::is_admin(ctx.catalog(), ctx.options(), stmt) {
            return;
        }
        if !reaches_action(stmt, "iam:PassRole")
            || !any_resource(stmt)
            || narrows_with(stmt, "iam:PassedToService")
        {
            return;
        }
        let Some((_, entry)) = stmt.actions() else {
            return;
        };
        ctx.report(entry.key.range, format!("{} lets the principal pass any role to any service", stmt.label()))
            .help("limit `iam:PassRole` to the roles that are needed (`arn:aws:iam::ACCOUNT:role/app-*`) and add `\"StringEquals\": {\"iam:PassedToService\": \"ec2.amazonaws.com\"}`");
    }
}
