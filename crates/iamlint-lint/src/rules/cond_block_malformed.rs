use super::prelude::*;
use iamlint_model::{ConditionValueKind, Typed};

declare_rule! {
    /// A `Condition` that is not an object of operators, each mapping condition keys to a
    /// value or a list of values.
    pub struct CondBlockMalformed {
        code: "IAM602",
        name: "cond-block-malformed",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a Condition that is not operator → key → values",
    }
}

impl Rule for CondBlockMalformed {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = &stmt.condition else { return };
        let cond = match &cond.value {
            Typed::Wrong(w) => {
                ctx.report(w.range, format!("`Condition` must be an object, found {}", w.found.name()))
                    .help("write `\"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}`");
                return;
            }
            Typed::Ok(c) => c,
        };
        for op in &cond.operators {
            let keys = match &op.keys {
                Typed::Wrong(w) => {
                    ctx.report(w.range, format!("`{}` must map condition keys to values, found {}", op.key.name, w.found.name()))
                        .help("an operator holds an object such as `{\"aws:SourceIp\": [\"203.0.113.0/24\"]}`");
                    continue;
                }
                Typed::Ok(k) => k,
            };
            for key in &keys.entries {
                match &key.values {
                    Typed::Wrong(w) => {
                        ctx.report(w.range, format!("the value of `{}` must be a string, number, boolean or a list of them, found {}", key.key.name, w.found.name()));
                    }
                    Typed::Ok(values) => {
                        for v in &values.items {
                            if let ConditionValueKind::Other(found) = v.kind {
                                ctx.report(v.range, format!("each value of `{}` must be a string, number or boolean, found {}", key.key.name, found.name()));
                            }
                        }
                    }
                }
            }
        }
    }
}
