use super::prelude::*;

declare_rule! {
    /// In a resource policy attached to a known resource (`--resource-type`), a condition on
    /// the resource's own account or organization (`aws:ResourceAccount`, `aws:ResourceOrgID`,
    /// `aws:ResourceOrgPaths`, `s3:ResourceAccount`): the resource is the one holding the
    /// policy, so the value is fixed. Not reported without `--resource-type`, because in VPC
    /// endpoint policies, which are resource policies too, these keys are the right tool.
    pub struct ResourcePolicyIrrelevantConditionKey {
        code: "IAM220",
        name: "resource-policy-irrelevant-condition-key",
        category: Style,
        severity: Info,
        fix: None,
        summary: "a resource-account condition in a resource policy",
    }
}

const KEYS: [&str; 4] = [
    "aws:ResourceAccount",
    "aws:ResourceOrgID",
    "aws:ResourceOrgPaths",
    "s3:ResourceAccount",
];

impl Rule for ResourcePolicyIrrelevantConditionKey {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Resource
            || ctx.options().resource_type.is_none()
            || crate::arns::is_endpoint_policy(ctx.options())
        {
            return;
        }
        let Some(cond) = stmt.condition() else { return };
        for (_, key) in cond.pairs() {
            if let Some(k) = KEYS.iter().find(|k| k.eq_ignore_ascii_case(&key.key.name)) {
                ctx.report(key.key.range, format!("`{k}` is always the holding resource's own value in a resource policy"))
                    .help("resource-account conditions belong in identity policies, SCPs and VPC endpoint policies, where the resource varies");
            }
        }
    }
}
