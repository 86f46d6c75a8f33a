use super::prelude::*;
use crate::arns::{field_rules, resource_sites, shape_hint};

declare_rule! {
    /// An ARN with an empty region field for a resource that lives in a Region, such as a
    /// Lambda function (`arn:aws:lambda::123456789012:function:f`). It matches nothing; use
    /// the Region, or `*`.
    pub struct ArnRegionMissing {
        code: "IAM408",
        name: "arn-region-missing",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "an empty region in the ARN of a regional resource",
    }
}

impl Rule for ArnRegionMissing {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let catalog = ctx.catalog();
        for s in resource_sites(stmt) {
            let Ok((parts, off)) = iamlint_catalog::split_arn(&s.value) else {
                continue;
            };
            if !parts.region.is_empty() {
                continue;
            }
            let Some(rules) = field_rules(catalog, &parts) else {
                continue;
            };
            if !rules.region_required {
                continue;
            }
            let mut fixed = s.value.clone();
            fixed.insert(off.region, '*');
            // point at the empty field: the colon after it
            let at = s.sub_range(ctx.source(), off.region.saturating_sub(1), off.region + 1);
            ctx.report(at, format!("this `{}` ARN has no region", parts.service))
                .help(format!(
                    "{}; an empty region matches no resource",
                    shape_hint(&rules)
                ))
                .fix(Fix::unsafe_(
                    "use `*` for the region",
                    vec![Edit::replace(s.range, quote_json(&fixed))],
                ));
        }
    }
}
