use super::prelude::*;

declare_rule! {
    /// A statement written as `{}`.
    pub struct StmtEmpty {
        code: "IAM109",
        name: "stmt-empty",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "an empty statement object",
    }
}

impl Rule for StmtEmpty {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if is_empty_statement(stmt) {
            ctx.report(stmt.range, format!("{} is empty", stmt.label()))
                .help("remove it, or give it an `Effect`, an `Action` and a `Resource`");
        }
    }
}
