use super::prelude::*;

declare_rule! {
    /// `Id` in an identity policy, permissions boundary or session policy, where it means
    /// nothing (SQS and SNS resource policies give it a meaning).
    pub struct IdInIdentityPolicy {
        code: "IAM107",
        name: "id-in-identity-policy",
        category: Style,
        severity: Info,
        fix: Always,
        summary: "Id in an identity policy, where it has no meaning",
    }
}

impl Rule for IdInIdentityPolicy {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        let t = ctx.policy_type();
        if !matches!(
            t,
            PolicyType::Identity | PolicyType::Boundary | PolicyType::Session
        ) {
            return;
        }
        let Some(id) = &policy.id else { return };
        let fix = ctx
            .file
            .parsed
            .root
            .as_ref()
            .and_then(|r| delete_member(r, id.key.range));
        let d = ctx.report(id.key.range, format!("`Id` has no meaning in {}", t.phrase()))
            .help("the policy language reserves `Id` for resource policies (SQS and SNS use it); remove it");
        if let Some(edit) = fix {
            d.fix(Fix::safe("remove `Id`", vec![edit]));
        }
    }
}
