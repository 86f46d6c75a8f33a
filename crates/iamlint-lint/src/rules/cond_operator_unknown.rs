use super::prelude::*;
use iamlint_model::operators::Operator;

declare_rule! {
    /// A condition operator that does not exist (`StringEqual`, `ForAnyValues:StringLike`),
    /// or one spelled with a different case than AWS documents.
    pub struct CondOperatorUnknown {
        code: "IAM601",
        name: "cond-operator-unknown",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "a condition operator that does not exist",
    }
}

impl Rule for CondOperatorUnknown {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for op in &cond.operators {
            let name = &op.operator;
            if name.is_known() {
                if let (false, Some(canonical)) = (name.exact_case, name.canonical()) {
                    ctx.report(
                        op.key.range,
                        format!("`{}` is spelled `{canonical}`", name.text),
                    )
                    .severity(Severity::Warning)
                    .help("AWS documents condition operators with this case; write it so")
                    .fix(Fix::safe(
                        format!("write `{canonical}`"),
                        vec![rename_key(&op.key, &canonical)],
                    ));
                }
                continue;
            }
            // suggest the closest full spelling (qualifier and IfExists included)
            let mut spellings: Vec<String> = Vec::new();
            for o in Operator::ALL {
                for q in ["", "ForAllValues:", "ForAnyValue:"] {
                    for s in ["", "IfExists"] {
                        if *o == Operator::Null && !s.is_empty() {
                            continue;
                        }
                        spellings.push(format!("{q}{}{s}", o.name()));
                    }
                }
            }
            let near =
                closest(&name.text, spellings.iter().map(String::as_str), 3).map(str::to_owned);
            let d = ctx.report(
                op.key.range,
                format!("`{}` is not a condition operator", name.text),
            );
            match near {
                Some(n) => {
                    d.help(format!("did you mean `{n}`?")).fix(Fix::unsafe_(
                        format!("write `{n}`"),
                        vec![rename_key(&op.key, &n)],
                    ));
                }
                None => {
                    d.help("operators are `String…`, `Numeric…`, `Date…`, `Bool`, `BinaryEquals`, `IpAddress`, `NotIpAddress`, `Arn…` and `Null`, optionally with `ForAllValues:`/`ForAnyValue:` and `IfExists`");
                }
            }
        }
    }
}
