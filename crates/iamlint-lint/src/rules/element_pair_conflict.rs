use super::prelude::*;

declare_rule! {
    /// `Action` with `NotAction`, `Resource` with `NotResource`, or `Principal` with
    /// `NotPrincipal` in one statement.
    pub struct ElementPairConflict {
        code: "IAM114",
        name: "element-pair-conflict",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "an element and its Not counterpart in one statement",
    }
}

impl Rule for ElementPairConflict {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let pairs = [
            (
                stmt.action.as_ref().map(|e| e.key.range),
                stmt.not_action.as_ref().map(|e| e.key.range),
                "Action",
            ),
            (
                stmt.resource.as_ref().map(|e| e.key.range),
                stmt.not_resource.as_ref().map(|e| e.key.range),
                "Resource",
            ),
            (
                stmt.principal.as_ref().map(|e| e.key.range),
                stmt.not_principal.as_ref().map(|e| e.key.range),
                "Principal",
            ),
        ];
        for (pos, neg, name) in pairs {
            if let (Some(pos), Some(neg)) = (pos, neg) {
                ctx.report(neg, format!("`Not{name}` cannot be combined with `{name}` in {}", stmt.label()))
                    .secondary(pos, format!("`{name}` is here"))
                    .help("AWS rejects the statement; keep one of the two, or split it into two statements");
            }
        }
    }
}
