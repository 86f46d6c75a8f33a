use super::prelude::*;
use crate::arns::{Holding, holding, is_open};

declare_rule! {
    /// In a resource policy whose holding resource was given with `--resource-type`, a
    /// `Resource` that cannot be that resource: an ARN of another service, or `"*"` in an S3
    /// bucket or access point policy (which must name ARNs).
    pub struct ResourcePolicyResourceUnsupported {
        code: "IAM219",
        name: "resource-policy-resource-unsupported",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a Resource that cannot be the resource holding the policy",
    }
}

impl Rule for ResourcePolicyResourceUnsupported {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        if ctx.policy_type() != PolicyType::Resource {
            return;
        }
        let Some(Holding {
            service,
            explicit: true,
            s3,
        }) = holding(ctx.options(), policy)
        else {
            return;
        };
        for stmt in policy.statements() {
            for r in stmt.resource_strings() {
                if r.value == "*" {
                    if s3 {
                        ctx.report(r.range, "an S3 bucket policy cannot use `\"*\"` as its resource")
                            .help("name the bucket and its objects: `arn:aws:s3:::BUCKET` and `arn:aws:s3:::BUCKET/*`");
                    }
                    continue;
                }
                let Ok((parts, _)) = iamlint_catalog::split_arn(&r.value) else {
                    continue;
                };
                if is_open(parts.service) || parts.service.eq_ignore_ascii_case(&service) {
                    continue;
                }
                ctx.report(r.range, format!("a `{}` resource cannot belong to a policy attached to a `{service}` resource", parts.service))
                    .help("a resource policy applies only to the resource it is attached to");
            }
        }
    }
}
