use super::prelude::*;
use crate::principals::{Federated, classify_federated, principal_sites};

declare_rule! {
    /// A trust that lets an OIDC identity provider's users assume the role with no condition
    /// on the provider's claims (`HOST:aud`, `HOST:sub`). Anyone who can get a token from the
    /// provider (for a public provider, anyone at all) can then assume the role.
    pub struct OidcMissingCondition {
        code: "IAM512",
        name: "oidc-missing-condition",
        category: Security,
        severity: Security,
        fix: None,
        summary: "an OIDC trust without conditions on the provider's claims",
    }
}

/// The host whose claims the condition keys name: the provider ARN's host, or the domain.
pub(crate) fn oidc_host(value: &str) -> &str {
    value
        .split_once(":oidc-provider/")
        .map_or(value, |(_, host)| host)
}

impl Rule for OidcMissingCondition {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Trust || !stmt.is_allow() {
            return;
        }
        for site in principal_sites(stmt) {
            if site.not
                || site.kind != Some(iamlint_model::PrincipalKind::Federated)
                || classify_federated(&site.value.value) != Federated::Oidc
            {
                continue;
            }
            let host = oidc_host(&site.value.value);
            let prefix = format!("{host}:");
            let has_claim = stmt.condition().is_some_and(|c| {
                c.pairs().any(|(_, k)| {
                    k.key
                        .name
                        .get(..prefix.len())
                        .is_some_and(|p| p.eq_ignore_ascii_case(&prefix))
                })
            });
            if has_claim {
                continue;
            }
            ctx.report(site.value.range, format!("{} trusts `{host}` without a condition on its claims", stmt.label()))
                .help(format!("require the audience and subject the role is for: `\"StringEquals\": {{\"{host}:aud\": \"…\", \"{host}:sub\": \"…\"}}`"));
        }
    }
}
