use super::prelude::*;
use crate::size::{Counting, check_size};

declare_rule! {
    /// A resource policy over 20 KB, the quota of S3 bucket and DynamoDB resource policies.
    /// (SQS queue policies allow 8 KB and KMS key policies 32 KB.)
    pub struct SizeResource {
        code: "IAM052",
        name: "size-resource",
        category: Correctness,
        severity: Warning,
        fix: None,
        summary: "a resource policy over 20 KB",
    }
}

impl Rule for SizeResource {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        if ctx.policy_type() != PolicyType::Resource {
            return;
        }
        if let Some(d) = check_size(ctx, policy, Counting::Bytes, 20_480, "an S3 bucket policy") {
            d.help("services set their own quotas: S3 and DynamoDB 20 KB, SQS 8 KB, KMS 32 KB; merge statements or move grants to identity policies");
        }
    }
}
