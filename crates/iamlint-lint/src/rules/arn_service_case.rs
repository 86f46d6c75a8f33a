use super::prelude::*;
use crate::arns::resource_sites;

declare_rule! {
    /// Upper-case letters in an ARN's service field (`arn:aws:S3:::bucket`). Service fields
    /// are lowercase and compared exactly, so such an ARN matches nothing.
    pub struct ArnServiceCase {
        code: "IAM404",
        name: "arn-service-case",
        category: Correctness,
        severity: Error,
        fix: Always,
        summary: "upper case in an ARN's service field",
    }
}

impl Rule for ArnServiceCase {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        for s in resource_sites(stmt) {
            let Ok((parts, off)) = iamlint_catalog::split_arn(&s.value) else {
                continue;
            };
            if !parts.service.chars().any(|c| c.is_ascii_uppercase()) {
                continue;
            }
            let lower = parts.service.to_ascii_lowercase();
            let mut fixed = s.value.clone();
            fixed.replace_range(off.service..off.service + parts.service.len(), &lower);
            let at = s.sub_range(ctx.source(), off.service, off.service + parts.service.len());
            ctx.report(
                at,
                format!("service `{}` in the ARN must be lowercase", parts.service),
            )
            .help(
                "the service field of an ARN is compared exactly, and AWS writes it in lower case",
            )
            .fix(Fix::safe(
                format!("write `{lower}`"),
                vec![Edit::replace(s.range, quote_json(&fixed))],
            ));
        }
    }
}
