use super::prelude::*;
use iamlint_model::operators::Operator;

declare_rule! {
    /// Several bounds for one key under `NumericLessThan`, `NumericGreaterThan` and their
    /// `Equals` forms. The values are OR'd, so only the loosest bound counts; the others are
    /// dead weight that suggests a stricter limit than the one in force.
    pub struct CondRedundantNumeric {
        code: "IAM633",
        name: "cond-redundant-numeric",
        category: Style,
        severity: Info,
        fix: None,
        summary: "numeric bounds made redundant by a looser one",
    }
}

impl Rule for CondRedundantNumeric {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            let upper = match op.operator.operator {
                Some(Operator::NumericLessThan | Operator::NumericLessThanEquals) => true,
                Some(Operator::NumericGreaterThan | Operator::NumericGreaterThanEquals) => false,
                _ => continue,
            };
            let Some(values) = key.values.ok() else {
                continue;
            };
            let nums: Vec<(f64, TextRange, &str)> = values
                .items
                .iter()
                .filter_map(|v| Some((v.text()?.parse::<f64>().ok()?, v.range, v.text()?)))
                .collect();
            if nums.len() < 2 {
                continue;
            }
            let loosest = nums.iter().copied().reduce(|a, b| {
                if (upper && b.0 > a.0) || (!upper && b.0 < a.0) {
                    b
                } else {
                    a
                }
            });
            let Some((best, best_range, best_text)) = loosest else {
                continue;
            };
            for (n, r, text) in &nums {
                if *n != best {
                    ctx.report(
                        *r,
                        format!(
                            "`{text}` is redundant: `{}` on `{}` already allows `{best_text}`",
                            op.key.name, key.key.name
                        ),
                    )
                    .secondary(best_range, "the bound in force")
                    .help(
                        "values of one key are OR'd, so the loosest bound decides; keep one value",
                    );
                }
            }
        }
    }
}
