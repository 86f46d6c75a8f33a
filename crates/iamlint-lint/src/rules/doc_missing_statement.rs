use super::prelude::*;
use iamlint_model::{StatementBlock, Typed};

declare_rule! {
    /// A policy with no `Statement`, or an empty one.
    pub struct DocMissingStatement {
        code: "IAM103",
        name: "doc-missing-statement",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "no Statement, or an empty one",
    }
}

impl Rule for DocMissingStatement {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        match &policy.statement {
            None => {
                ctx.report(first_char(policy.range), "policy has no `Statement`")
                    .help("add `\"Statement\": [...]` with at least one statement");
            }
            Some(Entry {
                value: Typed::Ok(StatementBlock::Array { range, items }),
                ..
            }) if items.is_empty() => {
                ctx.report(*range, "`Statement` is empty")
                    .help("a policy needs at least one statement; AWS rejects an empty list");
            }
            _ => {}
        }
    }
}
