use super::prelude::*;
use iamlint_model::operators::Operator;

declare_rule! {
    /// A condition that only tests whether a key is present: `StringLike` or `ArnLike` with
    /// the single value `*` (true when the key has any value) or their negations (true only
    /// when it is absent). `Null` says so directly.
    pub struct CondEquivalentToNull {
        code: "IAM621",
        name: "cond-equivalent-to-null",
        category: Style,
        severity: Info,
        fix: None,
        summary: "a condition that only tests whether a key is present",
    }
}

impl Rule for CondEquivalentToNull {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            let Some(operator) = op.operator.operator else {
                continue;
            };
            if op.operator.qualifier.is_some() || op.operator.if_exists {
                continue;
            }
            let only_star = key.values.ok().is_some_and(|v| {
                v.items.len() == 1 && v.items.iter().all(|i| i.text() == Some("*"))
            });
            if !only_star {
                continue;
            }
            let null = match operator {
                Operator::StringLike | Operator::ArnLike | Operator::ArnEquals => "false",
                Operator::StringNotLike | Operator::ArnNotLike | Operator::ArnNotEquals => "true",
                _ => continue,
            };
            ctx.report(
                key.key.range,
                format!(
                    "`{}` with `*` only tests whether `{}` is present",
                    op.key.name, key.key.name
                ),
            )
            .help(format!(
                "say so directly: `\"Null\": {{\"{}\": \"{null}\"}}`",
                key.key.name
            ));
        }
    }
}
