use super::prelude::*;
use crate::arns::{field_rules, resource_sites, shape_hint};

declare_rule! {
    /// An ARN with an empty account field for a resource whose ARN needs one, such as an IAM
    /// role (`arn:aws:iam:::role/x`). It matches nothing; use the account id, or `*`. AWS's
    /// own shared resources have no account and are not reported: names with an `AWS`,
    /// `Amazon` or `Amzn` prefix in any case (public SSM documents such as
    /// `document/AWS-RunShellScript`), and SSM parameters, documents and automation
    /// definitions in general (with no account they mean AWS's public ones, as AWS's
    /// data-perimeter policies write them).
    pub struct ArnAccountMissing {
        code: "IAM411",
        name: "arn-account-missing",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "an empty account in an ARN that needs one",
    }
}

/// AWS's own shared resources (public SSM documents `document/AWS-*`, Resource Explorer
/// service views `view/AWSServiceView…`) have ARNs without an account; AWS names them with an
/// `AWS`, `Amazon` or `Amzn` prefix in any case (`AwsEnaNetworkDriver-…`), which SSM forbids
/// customers to use.
fn aws_owned(service: &str, resource: &str) -> bool {
    let named = resource.split(['/', ':']).nth(1).is_some_and(|name| {
        let lower = name.to_ascii_lowercase();
        ["aws", "amazon", "amzn"]
            .iter()
            .any(|p| lower.starts_with(p))
    });
    // SSM's public parameters, shared documents and automation definitions have no account:
    // AWS's data-perimeter policies name them as `arn:aws:ssm:*::parameter/*`
    let ssm_public = service.eq_ignore_ascii_case("ssm")
        && ["parameter/", "document/", "automation-definition/"]
            .iter()
            .any(|p| resource.starts_with(p));
    named || ssm_public
}

impl Rule for ArnAccountMissing {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let catalog = ctx.catalog();
        for s in resource_sites(stmt) {
            let Ok((parts, off)) = iamlint_catalog::split_arn(&s.value) else {
                continue;
            };
            if !parts.account.is_empty() {
                continue;
            }
            let Some(rules) = field_rules(catalog, &parts) else {
                continue;
            };
            if !rules.account_required || aws_owned(parts.service, parts.resource) {
                continue;
            }
            let mut fixed = s.value.clone();
            fixed.insert(off.account, '*');
            let at = s.sub_range(ctx.source(), off.account.saturating_sub(1), off.account + 1);
            ctx.report(at, format!("this `{}` ARN has no account", parts.service))
                .help(format!(
                    "{}; an empty account matches no resource",
                    shape_hint(&rules)
                ))
                .fix(Fix::unsafe_(
                    "use `*` for the account",
                    vec![Edit::replace(s.range, quote_json(&fixed))],
                ));
        }
    }
}
