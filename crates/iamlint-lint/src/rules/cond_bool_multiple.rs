use super::prelude::*;
use iamlint_model::operators::Family;

declare_rule! {
    /// More than one value for a `Bool` key. A boolean has one value; AWS rejects the list.
    pub struct CondBoolMultiple {
        code: "IAM617",
        name: "cond-bool-multiple",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "more than one value for a Bool condition",
    }
}

impl Rule for CondBoolMultiple {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            if op
                .operator
                .operator
                .is_none_or(|o| o.family() != Family::Bool)
            {
                continue;
            }
            let Some(values) = key.values.ok() else {
                continue;
            };
            if values.items.len() > 1 {
                ctx.report(values.range, format!("`{}` has {} values; a `Bool` condition takes one", key.key.name, values.items.len()))
                    .help("`[\"true\", \"false\"]` would match any value: remove the condition, or keep the value that is meant");
            }
        }
    }
}
