use super::prelude::*;
use crate::arns::{field_rules, is_open, resource_sites, shape_hint};

declare_rule! {
    /// An ARN with an account id for a resource whose ARN has none, such as an S3 bucket
    /// (`arn:aws:s3::123456789012:bucket`). Such an ARN matches nothing.
    pub struct ArnAccountNotAllowed {
        code: "IAM410",
        name: "arn-account-not-allowed",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "an account in an ARN that has none",
    }
}

impl Rule for ArnAccountNotAllowed {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let catalog = ctx.catalog();
        for s in resource_sites(stmt) {
            let Ok((parts, off)) = iamlint_catalog::split_arn(&s.value) else {
                continue;
            };
            if parts.account.is_empty() || is_open(parts.account) {
                continue;
            }
            let Some(rules) = field_rules(catalog, &parts) else {
                continue;
            };
            if rules.account_allowed {
                continue;
            }
            let mut fixed = s.value.clone();
            fixed.replace_range(off.account..off.account + parts.account.len(), "");
            let at = s.sub_range(ctx.source(), off.account, off.account + parts.account.len());
            ctx.report(
                at,
                format!(
                    "the account `{}` does not belong in this `{}` ARN",
                    parts.account, parts.service
                ),
            )
            .help(format!(
                "{}: its account field is empty",
                shape_hint(&rules)
            ))
            .fix(Fix::unsafe_(
                "remove the account",
                vec![Edit::replace(s.range, quote_json(&fixed))],
            ));
        }
    }
}
