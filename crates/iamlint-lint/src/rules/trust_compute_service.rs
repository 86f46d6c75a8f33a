use super::prelude::*;
use crate::principals::principal_sites;

declare_rule! {
    /// A role that a compute service can assume (`ec2.amazonaws.com`, `lambda.amazonaws.com`,
    /// `ecs-tasks.amazonaws.com`, `eks.amazonaws.com`, ...). Code running there gets the
    /// role's permissions, so whoever can run code there can use them (info; off by default).
    pub struct TrustComputeService {
        code: "IAM515",
        name: "trust-compute-service",
        category: Security,
        severity: Info,
        fix: None,
        default_enabled: false,
        summary: "a role that a compute service can assume",
    }
}

const COMPUTE: [&str; 8] = [
    "ec2.amazonaws.com",
    "lambda.amazonaws.com",
    "ecs-tasks.amazonaws.com",
    "eks.amazonaws.com",
    "eks-fargate-pods.amazonaws.com",
    "pods.eks.amazonaws.com",
    "batch.amazonaws.com",
    "codebuild.amazonaws.com",
];

impl Rule for TrustComputeService {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Trust || !stmt.is_allow() {
            return;
        }
        for site in principal_sites(stmt) {
            if site.not
                || site.kind != Some(iamlint_model::PrincipalKind::Service)
                || !COMPUTE.contains(&site.value.value.as_str())
            {
                continue;
            }
            ctx.report(site.value.range, format!("{} lets code running on `{}` use this role", stmt.label(), site.value.value))
                .help("keep the role's permissions to what that code needs: anyone who can run code there can use them");
        }
    }
}
