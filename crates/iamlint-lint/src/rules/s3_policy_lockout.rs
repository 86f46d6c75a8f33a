use super::prelude::*;
use crate::arns::holding;

declare_rule! {
    /// An S3 bucket policy with an unconditional `Deny` to everyone (`"Principal": "*"`) of
    /// `*`, `s3:*` or the bucket-policy actions on the bucket. It locks out every principal,
    /// administrators included: only the account's root user can then delete the policy.
    pub struct S3PolicyLockout {
        code: "IAM809",
        name: "s3-policy-lockout",
        category: Security,
        severity: Warning,
        fix: None,
        summary: "an S3 bucket policy that denies everyone everything, unconditionally",
    }
}

const LOCKING: [&str; 5] = [
    "*",
    "s3:*",
    "s3:PutBucketPolicy",
    "s3:DeleteBucketPolicy",
    "s3:GetBucketPolicy",
];

impl Rule for S3PolicyLockout {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        if ctx.policy_type() != PolicyType::Resource {
            return;
        }
        if !holding(ctx.options(), policy).is_some_and(|h| h.s3) {
            return;
        }
        for stmt in policy.statements() {
            if stmt.effect() != Some(iamlint_model::Effect::Deny) || stmt.condition.is_some() {
                continue;
            }
            let everyone = stmt
                .principal
                .as_ref()
                .and_then(|e| e.value.ok())
                .is_some_and(|p| p.is_wildcard());
            if !everyone {
                continue;
            }
            let Some(action) = stmt
                .action
                .as_ref()
                .and_then(|e| e.value.ok())
                .and_then(|l| {
                    l.strings()
                        .find(|a| LOCKING.iter().any(|k| k.eq_ignore_ascii_case(&a.value)))
                })
            else {
                continue;
            };
            ctx.report(action.range, format!("{} denies `{}` to everyone, without a condition: it locks out administrators too", stmt.label(), action.value))
                .help("exempt the administrators with a condition (`\"ArnNotLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::ACCOUNT:role/admin\"}`), or deny only what must never happen");
        }
    }
}
