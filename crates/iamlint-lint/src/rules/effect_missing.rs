use super::prelude::*;

declare_rule! {
    /// A statement without `Effect`.
    pub struct EffectMissing {
        code: "IAM110",
        name: "effect-missing",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a statement without Effect",
    }
}

impl Rule for EffectMissing {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if stmt.effect.is_none() && !is_empty_statement(stmt) {
            let typo = misspelling_of(stmt, &["Effect"]).map(|(k, e)| (k.range, k.name.clone(), e));
            let d = ctx
                .report(
                    statement_anchor(stmt),
                    format!("{} has no `Effect`", stmt.label()),
                )
                .help("add `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"`");
            if let Some((r, name, element)) = typo {
                d.secondary(r, format!("`{name}` is probably meant to be `{element}`"));
            }
        }
    }
}
