use super::prelude::*;
use crate::arns::holding;
use crate::principals::principal_sites;

declare_rule! {
    /// A `CanonicalUser` principal in a resource policy of a service other than Amazon S3.
    /// Canonical user ids identify accounts only to S3 (and CloudFront origin access
    /// identities); other services do not match them.
    pub struct PrincipalCanonicaluserScope {
        code: "IAM508",
        name: "principal-canonicaluser-scope",
        category: Correctness,
        severity: Warning,
        fix: None,
        summary: "a CanonicalUser principal outside an S3 policy",
    }
}

impl Rule for PrincipalCanonicaluserScope {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        if ctx.policy_type() != PolicyType::Resource {
            return;
        }
        let Some(h) = holding(ctx.options(), policy) else {
            return;
        };
        if h.s3 {
            return;
        }
        for stmt in policy.statements() {
            for site in principal_sites(stmt) {
                if site.kind != Some(iamlint_model::PrincipalKind::CanonicalUser) {
                    continue;
                }
                let at = site.key.map_or(site.value.range, |k| k.range);
                ctx.report(at, format!("`CanonicalUser` principals only work in S3 policies, and this policy is for `{}`", h.service))
                    .help("name the account with `{\"AWS\": \"arn:aws:iam::ACCOUNT:root\"}` instead");
            }
        }
    }
}
