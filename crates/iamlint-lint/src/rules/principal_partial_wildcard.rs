use super::prelude::*;
use crate::principals::principal_sites;

declare_rule! {
    /// A `*` or `?` inside an `AWS` or `Service` principal (`arn:aws:iam::*:root`,
    /// `role/dev-*`, `*.amazonaws.com`). Principals are matched exactly: only the whole value
    /// `"*"` is a wildcard.
    pub struct PrincipalPartialWildcard {
        code: "IAM506",
        name: "principal-partial-wildcard",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a wildcard inside a principal value",
    }
}

impl Rule for PrincipalPartialWildcard {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        use iamlint_model::PrincipalKind::{Aws, Service};
        for site in principal_sites(stmt) {
            let v = &site.value.value;
            let partial = match site.kind {
                Some(Aws) => v != "*" && v.contains(['*', '?']),
                Some(Service) => v.contains(['*', '?']),
                _ => false,
            };
            if !partial {
                continue;
            }
            ctx.report(site.value.range, format!("`{v}` holds a wildcard, but principals are matched exactly"))
                .help("name the principals; to match by pattern, use `\"AWS\": \"*\"` with an `ArnLike` condition on `aws:PrincipalArn` (or `aws:PrincipalAccount`, `aws:PrincipalOrgID`)");
        }
    }
}
