use super::prelude::*;
use crate::conditions::restricts_resources;

declare_rule! {
    /// An `Allow` on `"Resource": "*"` for actions that support resource-level permissions:
    /// they could be limited to the resources that need them. Statements whose conditions
    /// restrict the resources (tags, account, organization) are not reported, nor is
    /// `"Action": "*"` (see the security rules). Identity and session policies only: in a
    /// resource policy `"*"` means the holding resource, and SCPs, RCPs and permissions
    /// boundaries cap permissions rather than grant them.
    pub struct ResourceStarRestrictable {
        code: "IAM414",
        name: "resource-star-restrictable",
        category: Suspicious,
        severity: Warning,
        fix: None,
        summary: "Allow on Resource \"*\" for actions that can be scoped to resources",
    }
}

impl Rule for ResourceStarRestrictable {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        // only where the policy grants a principal its own permissions: in resource policies
        // `"*"` means the holding resource, and SCPs, RCPs and boundaries cap rather than grant
        if !matches!(
            ctx.policy_type(),
            PolicyType::Identity | PolicyType::Session
        ) {
            return;
        }
        if !stmt.is_allow() || restricts_resources(stmt) {
            return;
        }
        let Some(star) = stmt
            .resource
            .as_ref()
            .and_then(|e| e.value.ok())
            .and_then(|l| l.strings().find(|s| s.value == "*"))
        else {
            return;
        };
        if stmt.action_strings().any(|a| a.value == "*") {
            return;
        }
        let catalog = ctx.catalog();
        let Some(actions) = ctx.statement_actions(stmt) else {
            return;
        };
        let scopable: Vec<&iamlint_catalog::Action> = actions
            .iter()
            .copied()
            .filter(|a| catalog.has_resource_types(a))
            .collect();
        let Some(first) = scopable.first() else {
            return;
        };
        let more = if scopable.len() > 1 {
            format!(" and {} more actions", scopable.len() - 1)
        } else {
            String::new()
        };
        ctx.report(star.range, format!("{} allows `{}`{more} on every resource", stmt.label(), catalog.full_name(first)))
            .help("these actions support resource-level permissions: list the ARNs they need instead of `\"*\"`, or restrict with a condition such as `aws:ResourceTag`");
    }
}
