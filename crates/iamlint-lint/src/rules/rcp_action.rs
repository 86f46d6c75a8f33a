use super::prelude::*;

declare_rule! {
    /// An RCP action that is a bare `"*"` or belongs to a service RCPs do not cover.
    pub struct RcpAction {
        code: "IAM216",
        name: "rcp-action",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "an RCP action that is \"*\" or outside the services RCPs cover",
    }
}

/// Service prefixes whose actions RCPs apply to. Sources: AWS Organizations user guide,
/// "Resource control policies" (S3, STS, KMS, SQS, Secrets Manager at launch, 2024-11);
/// ECR and OpenSearch Serverless (2025-06); Cognito and CloudWatch Logs (2026-01);
/// DynamoDB (checks.md, `rcp-action`).
pub const RCP_SERVICES: &[&str] = &[
    "s3",
    "sts",
    "kms",
    "sqs",
    "secretsmanager",
    "ecr",
    "aoss",
    "cognito-identity",
    "cognito-idp",
    "logs",
    "dynamodb",
];

impl Rule for RcpAction {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Rcp {
            return;
        }
        let Some(list) = stmt.action.as_ref().and_then(|e| e.value.ok()) else {
            return;
        };
        for a in list.strings() {
            if a.value == "*" {
                ctx.report(
                    a.range,
                    "`\"*\"` is not allowed as an action in a resource control policy",
                )
                .help("name the services, for example `\"s3:*\"` and `\"kms:*\"`");
                continue;
            }
            let Some((service, _)) = a.value.split_once(':') else {
                continue;
            };
            if service.contains(['*', '?']) {
                continue;
            }
            if !RCP_SERVICES.iter().any(|s| s.eq_ignore_ascii_case(service)) {
                let r = a.sub_range(ctx.source(), 0, service.len());
                ctx.report(
                    r,
                    format!("resource control policies do not apply to `{service}` actions"),
                )
                .help(format!(
                    "RCPs cover {}",
                    join_and(RCP_SERVICES.iter().map(|s| format!("`{s}`")))
                ));
            }
        }
    }
}
