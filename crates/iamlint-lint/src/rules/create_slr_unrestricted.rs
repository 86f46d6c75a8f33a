use super::prelude::*;
use crate::security::{any_resource, narrows_with, reaches_action};

declare_rule! {
    /// `iam:CreateServiceLinkedRole` allowed on every resource without an
    /// `iam:AWSServiceName` condition: the principal can create the service-linked role of any
    /// service, which some services then use with broad permissions.
    pub struct CreateSlrUnrestricted {
        code: "IAM807",
        name: "create-slr-unrestricted",
        category: Security,
        severity: Warning,
        fix: None,
        summary: "iam:CreateServiceLinkedRole on every resource without iam:AWSServiceName",
    }
}

impl Rule for CreateSlrUnrestricted {
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
        if !reaches_action(stmt, "iam:CreateServiceLinkedRole")
            || !any_resource(stmt)
            || narrows_with(stmt, "iam:AWSServiceName")
        {
            return;
        }
        let Some((_, entry)) = stmt.actions() else {
            return;
        };
        ctx.report(entry.key.range, format!("{} lets the principal create any service's service-linked role", stmt.label()))
            .help("add `\"StringEquals\": {\"iam:AWSServiceName\": \"SERVICE.amazonaws.com\"}` for the services that need one");
    }
}
