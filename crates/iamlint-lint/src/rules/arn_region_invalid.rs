use super::prelude::*;
use crate::arns::{RegionVerdict, is_open, judge_region, resource_sites};

declare_rule! {
    /// An ARN region field that is not a Region code. A well-formed code missing from the
    /// catalog's list is only a warning, since AWS adds Regions.
    pub struct ArnRegionInvalid {
        code: "IAM406",
        name: "arn-region-invalid",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "an ARN region that is not a Region code",
    }
}

impl Rule for ArnRegionInvalid {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let catalog = ctx.catalog();
        for s in resource_sites(stmt) {
            let Ok((parts, off)) = iamlint_catalog::split_arn(&s.value) else {
                continue;
            };
            let r = parts.region;
            if r.is_empty() || is_open(r) {
                continue;
            }
            let at = s.sub_range(ctx.source(), off.region, off.region + r.len());
            match judge_region(catalog, r) {
                RegionVerdict::Known => {}
                RegionVerdict::Unlisted => {
                    ctx.report(at, format!("`{r}` is not a Region known to the catalog ({})", catalog.date))
                        .severity(Severity::Warning)
                        .help("if this is a new Region, ignore this warning; otherwise check the spelling");
                }
                RegionVerdict::Invalid(near) => {
                    let d = ctx.report(at, format!("`{r}` is not a Region code"));
                    match near {
                        Some(n) => d.help(format!("did you mean `{n}`?")),
                        None => d.help("Region codes look like `us-east-1` or `eu-central-2`"),
                    };
                }
            }
        }
    }
}
