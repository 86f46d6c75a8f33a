use super::prelude::*;
use crate::vars::other_sites;
use iamlint_model::variables;

declare_rule! {
    /// A policy variable in an element where AWS does not expand variables: `Action`,
    /// `NotAction`, `Principal` or `NotPrincipal`. It is matched as literal text.
    pub struct VarBadElement {
        code: "IAM706",
        name: "var-bad-element",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a policy variable outside Resource and condition values",
    }
}

impl Rule for VarBadElement {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        for (s, element) in other_sites(stmt) {
            if !variables::has_variables(&s.value) {
                continue;
            }
            for piece in variables::parse(&s.value) {
                let r = match &piece {
                    variables::Piece::Variable(v) => v.range.clone(),
                    variables::Piece::Error(e) => e.range.clone(),
                    variables::Piece::Literal(_) => continue,
                };
                let text = s.value.get(r.clone()).unwrap_or("");
                ctx.report(s.sub_range(ctx.source(), r.start, r.end), format!("policy variable `{text}` in `{element}` is not expanded"))
                    .help("AWS expands variables only in `Resource`, `NotResource` and condition values; here the text is matched literally");
            }
        }
    }
}
