use super::prelude::*;

declare_rule! {
    /// An OIDC `aud` claim tested with a set qualifier (`ForAnyValue:`/`ForAllValues:`).
    /// Whether `aud` is one value or a list depends on the provider: with a qualifier on a
    /// single value, `ForAllValues` also matches tokens without the claim.
    pub struct CondOidcAudClaimType {
        code: "IAM639",
        name: "cond-oidc-aud-claim-type",
        category: Suspicious,
        severity: Info,
        fix: None,
        summary: "an OIDC aud claim tested with a set qualifier",
    }
}

impl Rule for CondOidcAudClaimType {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            let Some(q) = op.operator.qualifier else {
                continue;
            };
            let Some(provider) = crate::conditions::oidc_aud_provider(&key.key.name) else {
                continue;
            };
            ctx.report(op.key.range, format!("check that `{provider}` sends `aud` as a list before using `{}:`", q.as_str()))
                .help("most providers send a single audience; test it with `StringEquals`, which also fails when the claim is missing");
        }
    }
}
