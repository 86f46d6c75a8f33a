use super::prelude::*;
use crate::size::{Counting, check_size};

declare_rule! {
    /// An identity policy, permissions boundary or session policy over its size quota:
    /// 6,144 characters for a managed policy (white space not counted), 2,048 for a session
    /// policy.
    pub struct SizeIdentity {
        code: "IAM051",
        name: "size-identity",
        category: Correctness,
        severity: Warning,
        fix: None,
        summary: "an identity policy, boundary or session policy over its size quota",
    }
}

impl Rule for SizeIdentity {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        match ctx.policy_type() {
            PolicyType::Identity | PolicyType::Boundary => {
                if let Some(d) = check_size(
                    ctx,
                    policy,
                    Counting::NonWhitespace,
                    6_144,
                    "a managed policy",
                ) {
                    d.help("split the policy, or merge statements and use wildcards; inline policies share 2,048 (user), 5,120 (group) or 10,240 (role) characters per identity");
                }
            }
            PolicyType::Session => {
                if let Some(d) = check_size(
                    ctx,
                    policy,
                    Counting::NonWhitespace,
                    2_048,
                    "a session policy",
                ) {
                    d.severity(Severity::Error)
                        .help("AWS rejects session policies over 2,048 characters; attach a managed policy to the role instead");
                }
            }
            _ => {}
        }
    }
}
