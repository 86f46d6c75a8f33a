use super::prelude::*;
use crate::condkeys::classify;
use crate::matrix::{Fit, fit};
use iamlint_model::operators::Operator;

declare_rule! {
    /// A String operator on an ARN-typed key (`StringLike` on `aws:SourceArn`). It works,
    /// but compares the ARN as one string: ARN operators match each field separately and are
    /// what AWS documents.
    pub struct CondStringOpOnArnKey {
        code: "IAM614",
        name: "cond-string-op-on-arn-key",
        category: Suspicious,
        severity: Warning,
        fix: Sometimes,
        summary: "a String operator on an ARN condition key",
    }
}

impl Rule for CondStringOpOnArnKey {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            let Some(operator) = op.operator.operator else {
                continue;
            };
            let Some((ty, _)) = classify(ctx.catalog(), ctx.options(), &key.key.name).ty() else {
                continue;
            };
            if fit(ty, operator.family()) != Fit::Usable {
                continue;
            }
            let arn_op = match operator {
                Operator::StringEquals => Some("ArnEquals"),
                Operator::StringLike => Some("ArnLike"),
                Operator::StringNotEquals => Some("ArnNotEquals"),
                Operator::StringNotLike => Some("ArnNotLike"),
                _ => None,
            };
            let d = ctx.report(
                op.key.range,
                format!(
                    "`{}` is an ARN key; `{}` compares it as plain text",
                    key.key.name, op.key.name
                ),
            );
            match arn_op {
                Some(a) => {
                    let mut name = String::new();
                    if let Some(q) = op.operator.qualifier {
                        name.push_str(q.as_str());
                        name.push(':');
                    }
                    name.push_str(a);
                    if op.operator.if_exists {
                        name.push_str("IfExists");
                    }
                    d.help(format!(
                        "use `{name}`, which matches each ARN field separately"
                    ));
                    // renaming the operator moves every key of the block: only when this key is
                    // alone and the new operator is not already there
                    let alone = op.keys.ok().is_some_and(|k| k.entries.len() == 1);
                    let free = !cond.operators.iter().any(|o| o.key.name == name);
                    if alone && free {
                        d.fix(Fix::unsafe_(
                            format!("write `{name}`"),
                            vec![rename_key(&op.key, &name)],
                        ));
                    }
                }
                None => {
                    d.help("use an ARN operator (`ArnEquals`, `ArnLike`), which matches each ARN field separately");
                }
            }
        }
    }
}
