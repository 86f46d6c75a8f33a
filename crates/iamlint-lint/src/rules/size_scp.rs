use super::prelude::*;
use crate::size::{Counting, check_size};

declare_rule! {
    /// A service control policy over 5,120 characters. AWS Organizations counts every
    /// character, white space included.
    pub struct SizeScp {
        code: "IAM054",
        name: "size-scp",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "an SCP over 5,120 characters (white space counted)",
    }
}

impl Rule for SizeScp {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        if ctx.policy_type() != PolicyType::Scp {
            return;
        }
        if let Some(d) = check_size(
            ctx,
            policy,
            Counting::AllCharacters,
            5_120,
            "a service control policy",
        ) {
            d.help("Organizations counts white space too: minify the document, or split it into several SCPs (up to 5 per target)");
        }
    }
}
