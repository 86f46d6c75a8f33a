use super::prelude::*;
use crate::arns::holding;

declare_rule! {
    /// In a resource policy, an action of a service that cannot act on the resource holding
    /// the policy (a KMS action in an S3 bucket policy). The holding resource comes from
    /// `--resource-type`, or from the policy's ARNs when they all belong to one service.
    pub struct ResourcePolicyActionUnsupported {
        code: "IAM218",
        name: "resource-policy-action-unsupported",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "an action that cannot apply to the resource holding the policy",
    }
}

impl Rule for ResourcePolicyActionUnsupported {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        if ctx.policy_type() != PolicyType::Resource {
            return;
        }
        let Some(h) = holding(ctx.options(), policy) else {
            return;
        };
        let catalog = ctx.catalog();
        for stmt in policy.statements() {
            for a in stmt
                .action
                .as_ref()
                .and_then(|e| e.value.ok())
                .into_iter()
                .flat_map(|l| l.strings())
            {
                let Some((prefix, _)) = iamlint_catalog::split_at_colon(&a.value) else {
                    continue;
                };
                if prefix.contains(['*', '?']) {
                    continue;
                }
                let Some(service) = catalog.service(prefix) else {
                    continue;
                };
                let fits = catalog.resource_types_of(service).iter().any(|rt| {
                    rt.arn_text
                        .split(',')
                        .any(|t| t.split(':').nth(2) == Some(h.service.as_str()))
                });
                if fits {
                    continue;
                }
                let how = if h.explicit {
                    "given with `--resource-type`"
                } else {
                    "inferred from its ARNs"
                };
                ctx.report(a.range, format!("`{}` actions cannot apply to this `{}` resource", service.prefix, h.service))
                    .help(format!("the policy is attached to a `{}` resource ({how}); grant `{}` actions in a policy of that service, or in an identity policy", h.service, service.prefix));
            }
        }
    }
}
