use super::prelude::*;

declare_rule! {
    /// A resource or trust policy statement that names no principal.
    pub struct PrincipalMissing {
        code: "IAM202",
        name: "principal-missing",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a resource or trust policy statement without Principal",
    }
}

impl Rule for PrincipalMissing {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let t = ctx.policy_type();
        if !matches!(t, PolicyType::Resource | PolicyType::Trust)
            || stmt.has_principal_element()
            || is_empty_statement(stmt)
        {
            return;
        }
        ctx.report(statement_anchor(stmt), format!("{} names no `Principal`", stmt.label()))
            .help(format!("every statement of {} must say whom it applies to, for example `\"Principal\": {{\"AWS\": \"arn:aws:iam::111122223333:root\"}}`", t.phrase()));
    }
}
