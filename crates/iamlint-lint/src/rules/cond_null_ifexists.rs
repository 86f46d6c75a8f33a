use super::prelude::*;
use iamlint_model::operators::Operator;

declare_rule! {
    /// `NullIfExists`: `Null` already tests whether the key exists, so `IfExists` makes no
    /// sense and AWS rejects it.
    pub struct CondNullIfexists {
        code: "IAM618",
        name: "cond-null-ifexists",
        category: Correctness,
        severity: Error,
        fix: Always,
        summary: "the operator NullIfExists",
    }
}

impl Rule for CondNullIfexists {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for op in &cond.operators {
            if op.operator.operator == Some(Operator::Null) && op.operator.if_exists {
                let name = op.key.name.replace("IfExists", "").replace("ifexists", "");
                ctx.report(
                    op.key.range,
                    format!(
                        "`{}` is not an operator: `Null` cannot take `IfExists`",
                        op.key.name
                    ),
                )
                .help("`Null` itself tests whether the key is present")
                .fix(Fix::unsafe_(
                    format!("write `{name}`"),
                    vec![rename_key(&op.key, &name)],
                ));
            }
        }
    }
}
