use super::prelude::*;
use crate::arns::{is_open, known_arn_service, resource_sites};

declare_rule! {
    /// An ARN whose service field is not the ARN namespace of any AWS service.
    pub struct ArnServiceUnknown {
        code: "IAM405",
        name: "arn-service-unknown",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "an ARN whose service is unknown",
    }
}

impl Rule for ArnServiceUnknown {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let catalog = ctx.catalog();
        for s in resource_sites(stmt) {
            let Ok((parts, off)) = iamlint_catalog::split_arn(&s.value) else {
                continue;
            };
            if parts.service.is_empty()
                || is_open(parts.service)
                || known_arn_service(catalog, parts.service)
            {
                continue;
            }
            let names = catalog.arn_service_names();
            let lower = parts.service.to_ascii_lowercase();
            let near = closest(&lower, names.iter().copied(), 2);
            let at = s.sub_range(ctx.source(), off.service, off.service + parts.service.len());
            let d = ctx.report(
                at,
                format!("`{}` is not an AWS service namespace", parts.service),
            );
            match near {
                Some(n) => d.help(format!("did you mean `{n}`?")),
                None => d.help(format!(
                    "the catalog ({}) has no resource types in this namespace",
                    catalog.date
                )),
            };
        }
    }
}
