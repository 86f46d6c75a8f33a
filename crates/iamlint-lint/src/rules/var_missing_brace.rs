use super::prelude::*;
use crate::vars::{syntax_errors, text_of};
use iamlint_model::variables::VarErrorKind;

declare_rule! {
    /// A policy variable without its closing brace, such as `${aws:username`.
    pub struct VarMissingBrace {
        code: "IAM701",
        name: "var-missing-brace",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a policy variable without its closing brace",
    }
}

impl Rule for VarMissingBrace {
    fn check_statement(&self, ctx: &mut Ctx<'_>, policy: &Policy, stmt: &Statement) {
        if !policy.expands_variables() {
            return;
        }
        for (s, e) in syntax_errors(ctx, stmt, VarErrorKind::MissingBrace) {
            let whole = text_of(s, &e.range);
            let part = text_of(s, &e.at);
            let at = s.sub_range(ctx.source(), e.at.start, e.at.end);
            let _ = part;
            ctx.report(at, format!("`{whole}` is missing its closing `}}`"))
                .help("close the variable, as in `${aws:username}`; as written, the text is matched literally");
        }
    }
}
