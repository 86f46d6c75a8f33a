use super::prelude::*;
use crate::vars::{syntax_errors, text_of};
use iamlint_model::variables::VarErrorKind;

declare_rule! {
    /// A default value that is not wrapped in single quotes: `${aws:username, default}`.
    pub struct VarMissingQuote {
        code: "IAM702",
        name: "var-missing-quote",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "a variable default value without single quotes",
    }
}

impl Rule for VarMissingQuote {
    fn check_statement(&self, ctx: &mut Ctx<'_>, policy: &Policy, stmt: &Statement) {
        if !policy.expands_variables() {
            return;
        }
        for (s, e) in syntax_errors(ctx, stmt, VarErrorKind::MissingQuote) {
            let whole = text_of(s, &e.range);
            let part = text_of(s, &e.at);
            let at = s.sub_range(ctx.source(), e.at.start, e.at.end);
            let d = ctx.report(
                at,
                format!("the default value in `{whole}` must be in single quotes"),
            );
            d.help("write a default as `${key, 'value'}`");
            let inner = part.trim_matches('\'');
            if !part.is_empty() && !inner.contains('\'') {
                let mut value = s.value.clone();
                value.replace_range(e.at.clone(), &format!("'{inner}'"));
                d.fix(Fix::safe(
                    format!("quote the default: `'{inner}'`"),
                    vec![Edit::replace(s.range, quote_json(&value))],
                ));
            }
        }
    }
}
