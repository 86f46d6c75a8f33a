use super::prelude::*;
use crate::principals::{AwsPrincipal, classify_aws, principal_sites};

declare_rule! {
    /// An `AWS` principal that is not `"*"`, a 12-digit account id, or the ARN of an account
    /// root, IAM user or role, assumed-role session or federated user. Groups, unique ids and
    /// partial wildcards have their own rules.
    pub struct PrincipalAwsValueInvalid {
        code: "IAM503",
        name: "principal-aws-value-invalid",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "an AWS principal that is not an account, user, role or session",
    }
}

impl Rule for PrincipalAwsValueInvalid {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        for site in principal_sites(stmt) {
            let v = &site.value.value;
            if site.kind != Some(iamlint_model::PrincipalKind::Aws)
                || v.contains("${")
                || (v != "*" && v.contains(['*', '?']))
            {
                continue;
            }
            if classify_aws(v) != AwsPrincipal::Invalid {
                continue;
            }
            ctx.report(site.value.range, format!("`{v}` is not an AWS principal"))
                .help("use a 12-digit account id, `arn:aws:iam::ACCOUNT:root`, or the ARN of a role (`…:role/NAME`), user (`…:user/NAME`) or session (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`)");
        }
    }
}
