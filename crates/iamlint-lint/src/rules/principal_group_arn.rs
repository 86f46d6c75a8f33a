use super::prelude::*;
use crate::principals::{AwsPrincipal, classify_aws, principal_sites};

declare_rule! {
    /// An IAM group ARN as a principal. A group is not a principal: nobody can sign a request
    /// as a group, so AWS rejects the policy.
    pub struct PrincipalGroupArn {
        code: "IAM504",
        name: "principal-group-arn",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "an IAM group ARN as a principal",
    }
}

impl Rule for PrincipalGroupArn {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        for site in principal_sites(stmt) {
            if site.kind != Some(iamlint_model::PrincipalKind::Aws)
                || classify_aws(&site.value.value) != AwsPrincipal::Group
            {
                continue;
            }
            ctx.report(site.value.range, format!("`{}` is an IAM group, which can never be a principal", site.value.value))
                .help("name the group's users or, better, a role they assume; or grant the access in an identity policy attached to the group");
        }
    }
}
