use super::prelude::*;
use crate::vars::{syntax_errors, text_of};
use iamlint_model::variables::VarErrorKind;

declare_rule! {
    /// A space inside a variable name: `${aws: username}`.
    pub struct VarSpace {
        code: "IAM703",
        name: "var-space",
        category: Correctness,
        severity: Error,
        fix: Always,
        summary: "a space inside a policy variable name",
    }
}

impl Rule for VarSpace {
    fn check_statement(&self, ctx: &mut Ctx<'_>, policy: &Policy, stmt: &Statement) {
        if !policy.expands_variables() {
            return;
        }
        for (s, e) in syntax_errors(ctx, stmt, VarErrorKind::Space) {
            let whole = text_of(s, &e.range);
            let part = text_of(s, &e.at);
            let at = s.sub_range(ctx.source(), e.at.start, e.at.end);
            let _ = part;
            let mut value = s.value.clone();
            value.replace_range(e.at.clone(), "");
            ctx.report(at, format!("`{whole}` has a space in its name"))
                .help("variable names cannot contain spaces")
                .fix(Fix::safe(
                    "remove the space",
                    vec![Edit::replace(s.range, quote_json(&value))],
                ));
        }
    }
}
