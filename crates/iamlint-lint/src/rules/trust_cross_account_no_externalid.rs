use super::prelude::*;
use crate::principals::{principal_account, principal_sites};

declare_rule! {
    /// With `--account-id`: a role trust in another account's principals without
    /// `sts:ExternalId` (the defence against the confused deputy when a third party assumes
    /// the role) or an MFA condition.
    pub struct TrustCrossAccountNoExternalid {
        code: "IAM518",
        name: "trust-cross-account-no-externalid",
        category: Security,
        severity: Warning,
        fix: None,
        summary: "a cross-account trust without sts:ExternalId or MFA (with --account-id)",
    }
}

impl Rule for TrustCrossAccountNoExternalid {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(own) = ctx.options().account_id.clone() else {
            return;
        };
        if ctx.policy_type() != PolicyType::Trust || !stmt.is_allow() {
            return;
        }
        let guarded = stmt.condition().is_some_and(|c| {
            c.pairs().any(|(_, k)| {
                [
                    "sts:ExternalId",
                    "aws:MultiFactorAuthPresent",
                    "aws:MultiFactorAuthAge",
                ]
                .iter()
                .any(|g| k.key.name.eq_ignore_ascii_case(g))
            })
        });
        if guarded {
            return;
        }
        for site in principal_sites(stmt) {
            if site.not || site.kind != Some(iamlint_model::PrincipalKind::Aws) {
                continue;
            }
            let Some(account) = principal_account(&site.value.value) else {
                continue;
            };
            if account == own {
                continue;
            }
            ctx.report(site.value.range, format!("{} trusts account `{account}` without `sts:ExternalId` or MFA", stmt.label()))
                .help("for a third party, require the external id it gave you: `\"StringEquals\": {\"sts:ExternalId\": \"…\"}`; for your own people, require MFA");
        }
    }
}
