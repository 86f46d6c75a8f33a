use super::prelude::*;

declare_rule! {
    /// A statement with neither `Resource` nor `NotResource` (role trust policies excepted,
    /// where the role itself is the resource).
    pub struct ResourceMissing {
        code: "IAM113",
        name: "resource-missing",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a statement with neither Resource nor NotResource",
    }
}

impl Rule for ResourceMissing {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() == PolicyType::Trust
            || stmt.resources().is_some()
            || is_empty_statement(stmt)
        {
            return;
        }
        let typo = misspelling_of(stmt, &["Resource", "NotResource"])
            .map(|(k, e)| (k.range, k.name.clone(), e));
        let d = ctx.report(
            statement_anchor(stmt),
            format!("{} has neither `Resource` nor `NotResource`", stmt.label()),
        );
        d.help("add the ARNs the statement applies to, or `\"Resource\": \"*\"`; only role trust policies omit `Resource`");
        if let Some((r, name, element)) = typo {
            d.secondary(r, format!("`{name}` is probably meant to be `{element}`"));
        }
    }
}
