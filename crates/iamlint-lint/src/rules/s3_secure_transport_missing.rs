use super::prelude::*;
use crate::arns::holding;

declare_rule! {
    /// An S3 bucket policy without a `Deny` for requests over plain HTTP
    /// (`"Bool": {"aws:SecureTransport": "false"}`) or old TLS (`s3:TlsVersion`). Without it the
    /// bucket accepts unencrypted connections. Checked when `--resource-type s3` (or
    /// `AWS::S3::Bucket`) says the policy is a bucket policy.
    pub struct S3SecureTransportMissing {
        code: "IAM810",
        name: "s3-secure-transport-missing",
        category: Security,
        severity: Warning,
        fix: None,
        summary: "an S3 bucket policy without a Deny on insecure transport",
    }
}

impl Rule for S3SecureTransportMissing {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        if ctx.policy_type() != PolicyType::Resource {
            return;
        }
        // only when the user said the policy is a bucket policy: a missing statement cannot be
        // judged from a fragment, and S3 ARNs also appear in access point and endpoint policies
        if !holding(ctx.options(), policy).is_some_and(|h| h.s3 && h.explicit) {
            return;
        }
        let enforced = policy.statements().any(|s| {
            s.effect() == Some(iamlint_model::Effect::Deny)
                && s.condition().is_some_and(|c| {
                    c.pairs().any(|(_, k)| {
                        k.key.name.eq_ignore_ascii_case("aws:SecureTransport")
                            || k.key.name.eq_ignore_ascii_case("s3:TlsVersion")
                    })
                })
        });
        if enforced {
            return;
        }
        let at = policy
            .statement
            .as_ref()
            .map_or(first_char(policy.range), |e| e.key.range);
        ctx.report(at, "this bucket policy does not deny requests over plain HTTP")
            .help("add `{\"Sid\": \"DenyInsecureTransport\", \"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": [BUCKET_ARN, BUCKET_ARN/*], \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}`");
    }
}
