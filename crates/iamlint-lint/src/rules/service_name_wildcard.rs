use super::prelude::*;

declare_rule! {
    /// A `*` or `?` inside the service part of an action (`*:Get*`, `s3*:List*`) or of an ARN.
    pub struct ServiceNameWildcard {
        code: "IAM306",
        name: "service-name-wildcard",
        category: Suspicious,
        severity: Warning,
        fix: None,
        summary: "a wildcard in the service part of an action or ARN",
    }
}

impl Rule for ServiceNameWildcard {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let catalog = ctx.catalog();
        for s in stmt.action_strings() {
            let Some((service, _)) = iamlint_catalog::split_at_colon(&s.value) else {
                continue;
            };
            if !service.contains(['*', '?']) {
                continue;
            }
            let n = catalog
                .services
                .iter()
                .filter(|sv| iamlint_catalog::glob_match(service, sv.prefix, true))
                .count();
            let at = s.sub_range(ctx.source(), 0, service.len());
            ctx.report(
                at,
                format!(
                    "wildcard in the service part of `{}` matches {n} services",
                    s.value
                ),
            )
            .help("name the services: a wildcard here also matches services that AWS adds later");
        }
        for s in stmt.resource_strings() {
            let Ok((parts, offsets)) = iamlint_catalog::split_arn(&s.value) else {
                continue;
            };
            if parts.service.contains(['*', '?']) && parts.service != "*" {
                let at = s.sub_range(
                    ctx.source(),
                    offsets.service,
                    offsets.service + parts.service.len(),
                );
                ctx.report(at, format!("wildcard in the service part of `{}`", s.value))
                    .help(
                        "name the service, or use `*` for the whole field if any service is meant",
                    );
            }
        }
    }
}
