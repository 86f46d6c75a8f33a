use super::prelude::*;
use crate::arns::{is_open, resource_sites};

declare_rule! {
    /// An ARN whose partition is not an AWS partition (`aws`, `aws-cn`, `aws-us-gov`, ...).
    pub struct ArnPartition {
        code: "IAM403",
        name: "arn-partition",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "an ARN with an unknown partition",
    }
}

impl Rule for ArnPartition {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let partitions = ctx.catalog().partitions();
        for s in resource_sites(stmt) {
            let Ok((parts, off)) = iamlint_catalog::split_arn(&s.value) else {
                continue;
            };
            if is_open(parts.partition) || partitions.contains(&parts.partition) {
                continue;
            }
            let at = s.sub_range(
                ctx.source(),
                off.partition,
                off.partition + parts.partition.len(),
            );
            let lower = parts.partition.to_ascii_lowercase();
            let near = closest(&lower, partitions.iter().copied(), 2);
            let d = ctx.report(at, format!("`{}` is not an AWS partition", parts.partition));
            match near {
                Some(p) if p == lower => {
                    let mut fixed = s.value.clone();
                    fixed.replace_range(off.partition..off.partition + parts.partition.len(), p);
                    d.help("partitions are lowercase").fix(Fix::safe(
                        format!("write `{p}`"),
                        vec![Edit::replace(s.range, quote_json(&fixed))],
                    ));
                }
                Some(p) => {
                    d.help(format!("did you mean `{p}`?"));
                }
                None => {
                    d.help(format!(
                        "partitions are {}",
                        join_and(partitions.iter().map(|p| format!("`{p}`")))
                    ));
                }
            }
        }
    }
}
