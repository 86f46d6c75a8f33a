use super::prelude::*;
use crate::values::is_bool;
use iamlint_model::operators::Operator;

declare_rule! {
    /// A `Null` condition whose value is not `true` or `false`.
    pub struct CondNullValue {
        code: "IAM620",
        name: "cond-null-value",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a Null condition with a value other than true or false",
    }
}

impl Rule for CondNullValue {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            if op.operator.operator != Some(Operator::Null) {
                continue;
            }
            for v in key.values.ok().into_iter().flat_map(|v| v.items.iter()) {
                let Some(text) = v.text() else { continue };
                if !is_bool(text) {
                    ctx.report(v.range, format!("`Null` compares presence, so `{text}` is not a value it takes"))
                        .help("`\"true\"` matches requests without the key, `\"false\"` requests that have it");
                }
            }
        }
    }
}
