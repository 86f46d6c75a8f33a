use super::prelude::*;
use crate::vars::expanding_sites;
use iamlint_model::operators::Family;
use iamlint_model::variables;

declare_rule! {
    /// A policy variable under an operator other than the String and ARN families
    /// (Numeric, Date, Bool, Binary, IP address, Null), where AWS does not expand it.
    pub struct VarNonStringOperator {
        code: "IAM708",
        name: "var-non-string-operator",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a policy variable under a non-String, non-ARN operator",
    }
}

impl Rule for VarNonStringOperator {
    fn check_statement(&self, ctx: &mut Ctx<'_>, policy: &Policy, stmt: &Statement) {
        if !policy.expands_variables() {
            return;
        }
        for site in expanding_sites(stmt) {
            let Some(op) = site.operator else { continue };
            let Some(operator) = op.operator.operator else {
                continue;
            };
            if matches!(operator.family(), Family::String | Family::Arn) {
                continue;
            }
            for piece in variables::parse(&site.s.value) {
                let variables::Piece::Variable(v) = piece else {
                    continue;
                };
                let text = site.s.value.get(v.range.clone()).unwrap_or("");
                ctx.report(
                    site.s.sub_range(ctx.source(), v.range.start, v.range.end),
                    format!(
                        "policy variable `{text}` cannot be used with `{}`",
                        op.key.name
                    ),
                )
                .help("AWS expands variables only under String and ARN operators");
            }
        }
    }
}
