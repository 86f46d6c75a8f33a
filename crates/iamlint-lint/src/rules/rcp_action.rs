use super::prelude::*;

declare_rule! {
    /// An RCP action that is a bare `"*"` or belongs to a service RCPs do not cover,
    /// according to the catalog's list of RCP-supported services.
    pub struct RcpAction {
        code: "IAM216",
        name: "rcp-action",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "an RCP action that is \"*\" or outside the services RCPs cover",
    }
}

impl Rule for RcpAction {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Rcp {
            return;
        }
        let Some(list) = stmt.action.as_ref().and_then(|e| e.value.ok()) else {
            return;
        };
        for a in list.strings() {
            if a.value == "*" {
                ctx.report(
                    a.range,
                    "`\"*\"` is not allowed as an action in a resource control policy",
                )
                .help("name the services, for example `\"s3:*\"` and `\"kms:*\"`");
                continue;
            }
            let Some((service, _)) = iamlint_catalog::split_at_colon(&a.value) else {
                continue;
            };
            if service.contains(['*', '?']) {
                continue;
            }
            let catalog = ctx.catalog();
            // unknown services are `action-unknown-service`'s to report
            let Some(sv) = catalog.service(service) else {
                continue;
            };
            if !sv.rcp {
                let covered = catalog.services.iter().filter(|s| s.rcp).count();
                let r = a.sub_range(ctx.source(), 0, service.len());
                ctx.report(r, format!("resource control policies do not apply to `{}` actions", sv.prefix))
                    .help(format!("the catalog ({}) lists {covered} services that RCPs cover, and {} is not one of them", catalog.date, sv.name));
            }
        }
    }
}
