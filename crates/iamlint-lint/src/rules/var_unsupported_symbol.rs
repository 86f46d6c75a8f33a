use super::prelude::*;
use crate::vars::{syntax_errors, text_of};
use iamlint_model::variables::VarErrorKind;

declare_rule! {
    /// A character that cannot appear in a context key name, such as `#` in `${aws:user#name}`.
    pub struct VarUnsupportedSymbol {
        code: "IAM705",
        name: "var-unsupported-symbol",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "an illegal character in a policy variable name",
    }
}

impl Rule for VarUnsupportedSymbol {
    fn check_statement(&self, ctx: &mut Ctx<'_>, policy: &Policy, stmt: &Statement) {
        if !policy.expands_variables() {
            return;
        }
        for (s, e) in syntax_errors(ctx, stmt, VarErrorKind::UnsupportedSymbol) {
            let whole = text_of(s, &e.range);
            let part = text_of(s, &e.at);
            let at = s.sub_range(ctx.source(), e.at.start, e.at.end);
            ctx.report(
                at,
                format!("`{part}` cannot appear in the variable name of `{whole}`"),
            )
            .help("context key names use letters, digits and `: / _ - . + = @`");
        }
    }
}
