use super::prelude::*;

declare_rule! {
    /// `NotPrincipal` with `Deny`. It works, but is easy to get wrong: the listed principals
    /// must name the role's session ARN and the account too, and permissions boundaries and
    /// session policies complicate it. AWS now recommends a `Deny` on `Principal: "*"` with an
    /// `ArnNotEquals` condition on `aws:PrincipalArn`.
    pub struct NotprincipalDenyReview {
        code: "IAM510",
        name: "notprincipal-deny-review",
        category: Style,
        severity: Info,
        fix: None,
        summary: "NotPrincipal with Deny, where a condition on aws:PrincipalArn is clearer",
    }
}

impl Rule for NotprincipalDenyReview {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        // elsewhere `NotPrincipal` is not allowed at all (`notprincipal-not-allowed`,
        // `principal-not-allowed`, `scp-principal`, `rcp-principal`)
        if ctx.policy_type() != PolicyType::Resource {
            return;
        }
        if stmt.effect() != Some(iamlint_model::Effect::Deny) {
            return;
        }
        let Some(entry) = &stmt.not_principal else {
            return;
        };
        ctx.report(entry.key.range, format!("{} denies everyone except the listed principals", stmt.label()))
            .help("write `\"Principal\": \"*\"` with `\"Condition\": {\"ArnNotEquals\": {\"aws:PrincipalArn\": [...]}}`: it matches role sessions by role and is easier to review");
    }
}
