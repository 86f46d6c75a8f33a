use super::prelude::*;

declare_rule! {
    /// The document's shape contradicts the policy type given with `--policy-type`.
    pub struct PolicyTypeHint {
        code: "IAM217",
        name: "policy-type-hint",
        category: Suspicious,
        severity: Info,
        fix: None,
        summary: "the document's shape contradicts the declared policy type",
    }
}

impl Rule for PolicyTypeHint {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        let file = ctx.file;
        if file.type_source != TypeSource::Explicit || policy.statements().next().is_none() {
            return;
        }
        let (declared, shape) = (file.policy_type, file.detected_type);
        let note = match (declared, shape) {
            (PolicyType::Identity | PolicyType::Boundary | PolicyType::Session | PolicyType::Scp, PolicyType::Resource | PolicyType::Trust) => {
                format!("this document names principals, like {}", shape.phrase())
            }
            (PolicyType::Resource, PolicyType::Trust) => {
                "this document lets a principal call `sts:AssumeRole*`, like a role trust policy".to_owned()
            }
            (PolicyType::Trust, PolicyType::Resource) => {
                "this document names principals but allows no `sts:AssumeRole*` action, unlike a role trust policy".to_owned()
            }
            (PolicyType::Resource | PolicyType::Trust | PolicyType::Rcp, PolicyType::Identity) => {
                "this document names no principal, like an identity policy".to_owned()
            }
            _ => return,
        };
        ctx.report(first_char(policy.range), format!("{note}, but it is checked as {}", declared.phrase()))
            .help(format!("check that `--policy-type {declared}` is right; the shape suggests `--policy-type {shape}`"));
    }
}
