use super::prelude::*;
use crate::arns::resource_sites;
use iamlint_catalog::{ArnError, split_arn};

declare_rule! {
    /// An ARN with fewer than the six colon-separated fields
    /// `arn:partition:service:region:account:resource` (empty fields still need their colons).
    pub struct ArnTooFewFields {
        code: "IAM402",
        name: "arn-too-few-fields",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "an ARN with fewer than six fields",
    }
}

impl Rule for ArnTooFewFields {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        for s in resource_sites(stmt) {
            if let Err(ArnError::TooFewFields(n)) = split_arn(&s.value) {
                ctx.report(s.range, format!("`{}` has {n} fields; an ARN has six", s.value))
                    .help("write `arn:partition:service:region:account:resource`, keeping the colons of empty fields, as in `arn:aws:s3:::bucket`");
            }
        }
    }
}
