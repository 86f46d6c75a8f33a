use super::prelude::*;
use crate::size::{Counting, check_size};

declare_rule! {
    /// A resource control policy over 5,120 characters, white space included.
    pub struct SizeRcp {
        code: "IAM055",
        name: "size-rcp",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "an RCP over 5,120 characters (white space counted)",
    }
}

impl Rule for SizeRcp {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        if ctx.policy_type() != PolicyType::Rcp {
            return;
        }
        if let Some(d) = check_size(
            ctx,
            policy,
            Counting::AllCharacters,
            5_120,
            "a resource control policy",
        ) {
            d.help("Organizations counts white space too: minify the document, or split it into several RCPs");
        }
    }
}
