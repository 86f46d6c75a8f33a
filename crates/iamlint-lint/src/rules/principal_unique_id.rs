use super::prelude::*;
use crate::principals::{AwsPrincipal, classify_aws, principal_sites};

declare_rule! {
    /// A unique id (`AROA…`, `AIDA…`) as an `AWS` principal. IAM turns a principal ARN into
    /// this id when the role or user it named is deleted; a new role of the same name does
    /// not match it.
    pub struct PrincipalUniqueId {
        code: "IAM505",
        name: "principal-unique-id",
        category: Suspicious,
        severity: Warning,
        fix: None,
        summary: "a unique id (AROA…, AIDA…) as a principal",
    }
}

impl Rule for PrincipalUniqueId {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        for site in principal_sites(stmt) {
            if site.kind != Some(iamlint_model::PrincipalKind::Aws)
                || classify_aws(&site.value.value) != AwsPrincipal::UniqueId
            {
                continue;
            }
            ctx.report(site.value.range, format!("`{}` is a unique id, usually left behind by a deleted role or user", site.value.value))
                .help("IAM shows a deleted principal's ARN as its unique id; if the principal was recreated, write its ARN again, otherwise remove the id");
        }
    }
}
