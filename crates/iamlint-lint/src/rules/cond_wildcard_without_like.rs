use super::prelude::*;
use iamlint_model::operators::{Family, Operator};

declare_rule! {
    /// A `*` or `?` in the value of a String operator that does not match patterns
    /// (`StringEquals`, `StringNotEquals` and their `IgnoreCase` forms). The character is
    /// compared literally, which is rarely what was meant.
    pub struct CondWildcardWithoutLike {
        code: "IAM622",
        name: "cond-wildcard-without-like",
        category: Suspicious,
        severity: Warning,
        fix: Sometimes,
        summary: "a wildcard in the value of a non-Like String operator",
    }
}

impl Rule for CondWildcardWithoutLike {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            let Some(operator) = op.operator.operator else {
                continue;
            };
            if operator.family() != Family::String || operator.is_like() {
                continue;
            }
            for v in key.values.ok().into_iter().flat_map(|v| v.items.iter()) {
                let Some(s) = v.as_str() else { continue };
                // `${*}` and `${?}` spell a literal `*` and `?`
                let bare = s.value.replace("${*}", "").replace("${?}", "");
                if !bare.contains(['*', '?']) {
                    continue;
                }
                let like = match operator {
                    Operator::StringEquals | Operator::StringEqualsIgnoreCase => "StringLike",
                    _ => "StringNotLike",
                };
                let mut name = String::new();
                if let Some(q) = op.operator.qualifier {
                    name.push_str(q.as_str());
                    name.push(':');
                }
                name.push_str(like);
                if op.operator.if_exists {
                    name.push_str("IfExists");
                }
                let d = ctx.report(
                    v.range,
                    format!(
                        "`{}` compares `{}` literally, wildcard included",
                        op.key.name, s.value
                    ),
                );
                d.help(format!(
                    "use `{name}` to match a pattern; to match a literal `*`, write `${{*}}`"
                ));
                let alone = op.keys.ok().is_some_and(|k| k.entries.len() == 1);
                let free = !cond.operators.iter().any(|o| o.key.name == name);
                let ignore_case = operator.ignores_case();
                if alone && free && !ignore_case {
                    d.fix(Fix::unsafe_(
                        format!("write `{name}`"),
                        vec![rename_key(&op.key, &name)],
                    ));
                }
            }
        }
    }
}
