use super::prelude::*;

declare_rule! {
    /// A statement with neither `Action` nor `NotAction`.
    pub struct ActionMissing {
        code: "IAM112",
        name: "action-missing",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a statement with neither Action nor NotAction",
    }
}

impl Rule for ActionMissing {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if stmt.actions().is_none() && !is_empty_statement(stmt) {
            let typo = misspelling_of(stmt, &["Action", "NotAction"])
                .map(|(k, e)| (k.range, k.name.clone(), e));
            let d = ctx.report(statement_anchor(stmt), format!("{} has neither `Action` nor `NotAction`", stmt.label()))
                .help("every statement must say which actions it covers, for example `\"Action\": \"s3:GetObject\"`");
            if let Some((r, name, element)) = typo {
                d.secondary(r, format!("`{name}` is probably meant to be `{element}`"));
            }
        }
    }
}
