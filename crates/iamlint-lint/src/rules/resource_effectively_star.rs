use super::prelude::*;
use crate::arns::resource_arns;
use crate::conditions::restricts_resources;

declare_rule! {
    /// An unconditional `Allow` whose ARNs are wildcards even in their resource part
    /// (`arn:aws:s3:::*`, `arn:aws:s3:::*/*`, `arn:aws:dynamodb:*:*:*`) and, taken together,
    /// cover, for each action, every resource of its required types (or of one of its
    /// types, when none is required): `"Resource": "*"` in disguise. ARNs that
    /// name a resource type (`table/*`) are scoping, however broad, and are not reported.
    /// Identity and session policies only, as for `resource-star-restrictable`.
    pub struct ResourceEffectivelyStar {
        code: "IAM415",
        name: "resource-effectively-star",
        category: Suspicious,
        severity: Warning,
        fix: None,
        summary: "wildcard ARNs that amount to Resource \"*\"",
    }
}

impl Rule for ResourceEffectivelyStar {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        // only where the policy grants a principal its own permissions: in resource policies
        // `"*"` means the holding resource, and SCPs, RCPs and boundaries cap rather than grant
        if !matches!(
            ctx.policy_type(),
            PolicyType::Identity | PolicyType::Session
        ) {
            return;
        }
        if !stmt.is_allow() || restricts_resources(stmt) || stmt.condition.is_some() {
            return;
        }
        let Some(arns) = resource_arns(stmt) else {
            return;
        };
        // naming the resource type (`agentspace/*`) is scoping, even if broad; the disguise is
        // a resource part that is itself a wildcard (`arn:aws:s3:::*`, `arn:aws:s3:::*/*`)
        if !arns.iter().all(|(_, a)| a.resource.starts_with('*')) {
            return;
        }
        let Some(entry) = stmt.resource.as_ref() else {
            return;
        };
        let catalog = ctx.catalog();
        let Some(actions) = ctx.statement_actions(stmt) else {
            return;
        };
        let mut any = false;
        for a in actions.iter() {
            let resources = catalog.action_resources(a);
            if resources.is_empty() {
                continue;
            }
            any = true;
            // every type the action requires is covered, or, when it requires none (as
            // `s3:GetObject`: objects or access point objects), one of its types is
            let type_covered = |r: &&iamlint_catalog::ActionResource| {
                r.resource_type
                    .and_then(|i| catalog.resource_types.get(i))
                    .is_some_and(|rt| {
                        rt.arns().iter().any(|t| {
                            arns.iter().any(|(_, p)| {
                                p.service.eq_ignore_ascii_case(t.service) && t.covered_by(p)
                            })
                        })
                    })
            };
            let required: Vec<_> = resources.iter().filter(|r| r.required).collect();
            let covered = if required.is_empty() {
                resources.iter().any(|r| type_covered(&r))
            } else {
                required.iter().all(type_covered)
            };
            if !covered {
                return;
            }
        }
        if !any {
            return;
        }
        ctx.report(entry.key.range, format!("the resources of {} match every resource its actions apply to", stmt.label()))
            .help("wildcards in every field of the ARNs amount to `\"*\"`; name the buckets, keys or other resources that are meant");
    }
}
