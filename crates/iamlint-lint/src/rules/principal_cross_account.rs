use super::prelude::*;
use crate::principals::{AwsPrincipal, classify_aws, principal_account, principal_sites};

declare_rule! {
    /// With `--account-id`: a resource policy that allows principals of other accounts. A whole
    /// other account (a 12-digit id or `:root`) without a condition is a warning; a named
    /// role or user of another account is info.
    pub struct PrincipalCrossAccount {
        code: "IAM517",
        name: "principal-cross-account",
        category: Security,
        severity: Warning,
        fix: None,
        summary: "a resource policy that allows other accounts (with --account-id)",
    }
}

impl Rule for PrincipalCrossAccount {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(own) = ctx.options().account_id.clone() else {
            return;
        };
        if ctx.policy_type() != PolicyType::Resource || !stmt.is_allow() {
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
            let whole = classify_aws(&site.value.value) == AwsPrincipal::Account;
            let d = ctx.report(
                site.value.range,
                format!(
                    "{} allows {} of account `{account}`, outside `{own}`",
                    stmt.label(),
                    if whole {
                        "every principal"
                    } else {
                        "a principal"
                    }
                ),
            );
            d.help("make sure this access is meant; for a whole account, prefer naming its roles, or require `aws:PrincipalOrgID`");
            if !whole || stmt.condition.is_some() {
                d.severity(Severity::Info);
            }
        }
    }
}
