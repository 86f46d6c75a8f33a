use super::prelude::*;
use crate::security::reaches_action;
use iamlint_catalog::glob_match;

declare_rule! {
    /// An identity policy that lets a principal write a bucket's policy or ACL
    /// (`s3:PutBucketPolicy`, `s3:PutBucketAcl`) but not read its objects: whoever holds it
    /// can grant itself the object access the policy withholds (Parliament's
    /// `RESOURCE_POLICY_PRIVILEGE_ESCALATION`).
    pub struct ResourcePolicyPrivesc {
        code: "IAM818",
        name: "resource-policy-privesc",
        category: Security,
        severity: Security,
        fix: None,
        summary: "a bucket-policy write without the object access it can grant",
    }
}

const WRITES: [&str; 2] = ["s3:PutBucketPolicy", "s3:PutBucketAcl"];

impl Rule for ResourcePolicyPrivesc {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        if !matches!(
            ctx.policy_type(),
            PolicyType::Identity | PolicyType::Session
        ) {
            return;
        }
        let allows = || policy.statements().filter(|s| s.is_allow());
        // resources on which objects may be read
        let readable: Vec<&str> = allows()
            .filter(|s| reaches_action(s, "s3:GetObject") && s.not_resource.is_none())
            .flat_map(|s| s.resource_strings().map(|r| r.value.as_str()))
            .collect();
        for stmt in allows() {
            let Some(write) = WRITES.iter().find(|w| reaches_action(stmt, w)) else {
                continue;
            };
            for bucket in stmt.resource_strings() {
                let b = bucket.value.as_str();
                if b == "*" || !b.starts_with("arn:aws:s3:::") || b.contains('/') {
                    continue;
                }
                let probe = format!("{b}/object");
                if readable.iter().any(|r| {
                    glob_match(r, &probe, false)
                        || glob_match(&format!("{r}/object"), &probe, false)
                }) {
                    continue;
                }
                ctx.report(bucket.range, format!("{} allows `{write}` on `{b}` but no object reads there: the holder can grant itself more", stmt.label()))
                    .help("if the principal should not read the objects, do not let it write the bucket's policy or ACL either");
            }
        }
    }
}
