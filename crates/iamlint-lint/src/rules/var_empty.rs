use super::prelude::*;
use crate::vars::{syntax_errors, text_of};
use iamlint_model::variables::VarErrorKind;

declare_rule! {
    /// An empty variable: `${}`.
    pub struct VarEmpty {
        code: "IAM704",
        name: "var-empty",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "an empty policy variable",
    }
}

impl Rule for VarEmpty {
    fn check_statement(&self, ctx: &mut Ctx<'_>, policy: &Policy, stmt: &Statement) {
        if !policy.expands_variables() {
            return;
        }
        for (s, e) in syntax_errors(ctx, stmt, VarErrorKind::Empty) {
            let whole = text_of(s, &e.range);
            let part = text_of(s, &e.at);
            let at = s.sub_range(ctx.source(), e.at.start, e.at.end);
            let _ = part;
            ctx.report(at, format!("`{whole}` names no variable"))
                .help("name a context key, as in `${aws:username}`; for a literal `$`, `*` or `?` write `${$}`, `${*}` or `${?}`");
        }
    }
}
