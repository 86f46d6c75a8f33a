use super::prelude::*;
use crate::principals::{AwsPrincipal, classify_aws, principal_sites};

declare_rule! {
    /// A trust policy that trusts a whole account (a 12-digit id or `arn:aws:iam::ACCOUNT:root`)
    /// with no condition narrowing who in it may assume the role (`aws:PrincipalArn`,
    /// `sts:ExternalId`, MFA). Every principal of that account whose identity policy allows
    /// `sts:AssumeRole` can then assume it.
    pub struct TrustAccountRoot {
        code: "IAM514",
        name: "trust-account-root",
        category: Security,
        severity: Warning,
        fix: None,
        summary: "a role trust in a whole account without a narrowing condition",
    }
}

const NARROWING: [&str; 5] = [
    "aws:PrincipalArn",
    "sts:ExternalId",
    "aws:MultiFactorAuthPresent",
    "aws:MultiFactorAuthAge",
    "aws:PrincipalTag/",
];

impl Rule for TrustAccountRoot {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Trust || !stmt.is_allow() {
            return;
        }
        let narrowed = stmt.condition().is_some_and(|c| {
            c.pairs().any(|(_, k)| {
                let name = k.key.name.to_ascii_lowercase();
                NARROWING
                    .iter()
                    .any(|n| name.starts_with(&n.to_ascii_lowercase()))
            })
        });
        if narrowed {
            return;
        }
        for site in principal_sites(stmt) {
            if site.not
                || site.kind != Some(iamlint_model::PrincipalKind::Aws)
                || classify_aws(&site.value.value) != AwsPrincipal::Account
            {
                continue;
            }
            ctx.report(site.value.range, format!("{} trusts every principal of the account in `{}`", stmt.label(), site.value.value))
                .help("name the roles that may assume this one, or add a condition on `aws:PrincipalArn`; for a third party, require `sts:ExternalId`");
        }
    }
}
