use super::prelude::*;
use iamlint_model::ConditionValueKind;

declare_rule! {
    /// One value list that mixes JSON types (`[true, "false"]`, `[10, "20"]`).
    pub struct CondValuesMixedTypes {
        code: "IAM616",
        name: "cond-values-mixed-types",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a condition value list mixing JSON types",
    }
}

fn kind(k: &ConditionValueKind) -> Option<&'static str> {
    match k {
        ConditionValueKind::String(_) => Some("string"),
        ConditionValueKind::Bool(_) => Some("boolean"),
        ConditionValueKind::Number(_) => Some("number"),
        ConditionValueKind::Other(_) => None,
    }
}

impl Rule for CondValuesMixedTypes {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (_, key) in cond.pairs() {
            let Some(values) = key.values.ok() else {
                continue;
            };
            let Some(first) = values
                .items
                .iter()
                .find_map(|v| kind(&v.kind).map(|k| (k, v.range)))
            else {
                continue;
            };
            if let Some(other) = values
                .items
                .iter()
                .find(|v| kind(&v.kind).is_some_and(|k| k != first.0))
            {
                let k = kind(&other.kind).unwrap_or("");
                ctx.report(
                    other.range,
                    format!(
                        "the values of `{}` mix {} and {k} values",
                        key.key.name, first.0
                    ),
                )
                .secondary(first.1, format!("a {} here", first.0))
                .help("write every value of a list the same way, preferably as strings");
            }
        }
    }
}
