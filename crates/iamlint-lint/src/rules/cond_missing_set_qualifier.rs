use super::prelude::*;
use crate::condkeys::classify;
use iamlint_model::operators::Operator;

declare_rule! {
    /// A multivalued condition key (such as `aws:TagKeys`) used without `ForAllValues:` or
    /// `ForAnyValue:`. Without a qualifier the operator compares a list as if it were one
    /// value, and the result depends on how many values the request carries.
    pub struct CondMissingSetQualifier {
        code: "IAM623",
        name: "cond-missing-set-qualifier",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "a multivalued key used without ForAllValues or ForAnyValue",
    }
}

impl Rule for CondMissingSetQualifier {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            let Some(operator) = op.operator.operator else {
                continue;
            };
            if op.operator.qualifier.is_some() || operator == Operator::Null {
                continue;
            }
            let Some((_, true)) = classify(ctx.catalog(), ctx.options(), &key.key.name).ty() else {
                continue;
            };
            let any = format!("ForAnyValue:{}", op.key.name);
            let all = format!("ForAllValues:{}", op.key.name);
            let d = ctx.report(
                key.key.range,
                format!(
                    "`{}` is multivalued, so `{}` needs `ForAnyValue:` or `ForAllValues:`",
                    key.key.name, op.key.name
                ),
            );
            d.help(format!("`{any}` matches when one value matches; `{all}` when every value does (and when there is none)"));
            let alone = op.keys.ok().is_some_and(|k| k.entries.len() == 1);
            if alone && !cond.operators.iter().any(|o| o.key.name == any) {
                d.fix(Fix::unsafe_(
                    format!("write `{any}`"),
                    vec![rename_key(&op.key, &any)],
                ));
            }
        }
    }
}
