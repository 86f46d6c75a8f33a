use super::prelude::*;
use crate::size::{Counting, check_size};

declare_rule! {
    /// A role trust policy over 2,048 characters (white space not counted), the default
    /// quota; it can be raised to 4,096, beyond which AWS always rejects it.
    pub struct SizeTrust {
        code: "IAM053",
        name: "size-trust",
        category: Correctness,
        severity: Warning,
        fix: None,
        summary: "a role trust policy over 2,048 characters",
    }
}

impl Rule for SizeTrust {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        if ctx.policy_type() != PolicyType::Trust {
            return;
        }
        if let Some(d) = check_size(
            ctx,
            policy,
            Counting::NonWhitespace,
            4_096,
            "any role trust policy",
        ) {
            d.severity(Severity::Error)
                .help("AWS rejects trust policies over 4,096 characters even with a raised quota");
            return;
        }
        if let Some(d) = check_size(
            ctx,
            policy,
            Counting::NonWhitespace,
            2_048,
            "a role trust policy by default",
        ) {
            d.help("request a quota increase (up to 4,096), or trust fewer principals per role");
        }
    }
}
