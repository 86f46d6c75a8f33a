use super::prelude::*;
use iamlint_model::operators::SetQualifier;

declare_rule! {
    /// An empty value list under `ForAllValues:`, `ForAnyValue:` or `…IfExists`: the
    /// condition then holds only when the key is absent (`ForAllValues`, `IfExists`) or never
    /// (`ForAnyValue`).
    pub struct CondEmptyValuesQualified {
        code: "IAM627",
        name: "cond-empty-values-qualified",
        category: Suspicious,
        severity: Warning,
        fix: None,
        summary: "an empty value list under a set qualifier or IfExists",
    }
}

impl Rule for CondEmptyValuesQualified {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            let Some(values) = key.values.ok() else {
                continue;
            };
            if !values.items.is_empty() {
                continue;
            }
            let effect = match (op.operator.qualifier, op.operator.if_exists) {
                (Some(SetQualifier::ForAnyValue), _) => "never holds",
                (Some(SetQualifier::ForAllValues), _) => {
                    "holds only when the request has no values for the key"
                }
                (None, true) => "holds only when the key is absent",
                (None, false) => continue,
            };
            ctx.report(
                values.range,
                format!(
                    "with no values, `{}` on `{}` {effect}",
                    op.key.name, key.key.name
                ),
            )
            .help("list the values that are meant, or test presence with `Null`");
        }
    }
}
