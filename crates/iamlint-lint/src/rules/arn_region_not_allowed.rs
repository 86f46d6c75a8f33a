use super::prelude::*;
use crate::arns::{field_rules, is_open, resource_sites, shape_hint};

declare_rule! {
    /// An ARN with a region for a resource that has none, such as an S3 bucket
    /// (`arn:aws:s3:us-east-1::bucket`) or an IAM role. Such an ARN matches nothing.
    pub struct ArnRegionNotAllowed {
        code: "IAM407",
        name: "arn-region-not-allowed",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "a region in the ARN of a global resource",
    }
}

impl Rule for ArnRegionNotAllowed {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let catalog = ctx.catalog();
        for s in resource_sites(stmt) {
            let Ok((parts, off)) = iamlint_catalog::split_arn(&s.value) else {
                continue;
            };
            if parts.region.is_empty() || is_open(parts.region) {
                continue;
            }
            let Some(rules) = field_rules(catalog, &parts) else {
                continue;
            };
            if rules.region_allowed {
                continue;
            }
            let mut fixed = s.value.clone();
            fixed.replace_range(off.region..off.region + parts.region.len(), "");
            let at = s.sub_range(ctx.source(), off.region, off.region + parts.region.len());
            ctx.report(
                at,
                format!(
                    "the region `{}` does not belong in this `{}` ARN",
                    parts.region, parts.service
                ),
            )
            .help(format!("{}: its region field is empty", shape_hint(&rules)))
            .fix(Fix::unsafe_(
                "remove the region",
                vec![Edit::replace(s.range, quote_json(&fixed))],
            ));
        }
    }
}
