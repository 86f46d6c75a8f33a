use super::prelude::*;
use iamlint_model::operators::{Operator, SetQualifier};

declare_rule! {
    /// `ForAllValues:Null` or `ForAnyValue:Null`. Set qualifiers compare each value of a
    /// multivalued key; `Null` only tests presence, so the qualifier makes the condition
    /// constant.
    pub struct CondNullSetQualifier {
        code: "IAM619",
        name: "cond-null-set-qualifier",
        category: Suspicious,
        severity: Warning,
        fix: Sometimes,
        summary: "a set qualifier on the Null operator",
    }
}

impl Rule for CondNullSetQualifier {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for op in &cond.operators {
            let (Some(Operator::Null), Some(q)) = (op.operator.operator, op.operator.qualifier)
            else {
                continue;
            };
            let effect = match q {
                SetQualifier::ForAllValues => "is true whenever the key is absent or empty",
                SetQualifier::ForAnyValue => "compares nothing useful",
            };
            let free = !cond.operators.iter().any(|o| o.key.name == "Null");
            let d = ctx.report(op.key.range, format!("`{}` {effect}", op.key.name));
            d.help("use plain `Null` to test whether a key is present");
            if free {
                d.fix(Fix::unsafe_(
                    "write `Null`",
                    vec![rename_key(&op.key, "Null")],
                ));
            }
        }
    }
}
