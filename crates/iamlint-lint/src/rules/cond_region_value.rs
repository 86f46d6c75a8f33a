use super::prelude::*;
use crate::arns::{RegionVerdict, judge_region};

declare_rule! {
    /// An `aws:RequestedRegion` value that is not a Region code. A well-formed code missing
    /// from the catalog's list is a warning, since AWS adds Regions.
    pub struct CondRegionValue {
        code: "IAM631",
        name: "cond-region-value",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "an aws:RequestedRegion value that is not a Region",
    }
}

impl Rule for CondRegionValue {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        let catalog = ctx.catalog();
        for (op, key) in cond.pairs() {
            if !key.key.name.eq_ignore_ascii_case("aws:RequestedRegion") {
                continue;
            }
            if !crate::conditions::compares_values(op) {
                continue;
            }
            let like = op.operator.operator.is_some_and(|o| o.is_like());
            for v in key.values.ok().into_iter().flat_map(|v| v.items.iter()) {
                let Some(text) = v.text() else { continue };
                if text.contains("${") || (like && text.contains(['*', '?'])) {
                    continue;
                }
                match judge_region(catalog, text) {
                    RegionVerdict::Known => {}
                    RegionVerdict::Unlisted => {
                        ctx.report(v.range, format!("`{text}` is not a Region known to the catalog ({})", catalog.date))
                            .severity(Severity::Warning)
                            .help("if this is a new Region, ignore this warning; otherwise check the spelling");
                    }
                    RegionVerdict::Invalid(near) => {
                        let d = ctx.report(v.range, format!("`{text}` is not a Region code"));
                        match near {
                            Some(n) => d.help(format!("did you mean `{n}`? a value that is no Region never matches")),
                            None => d.help("Region codes look like `eu-west-1`; a value that is no Region never matches"),
                        };
                    }
                }
            }
        }
    }
}
