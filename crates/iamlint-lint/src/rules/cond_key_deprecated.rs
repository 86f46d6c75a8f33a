use super::prelude::*;
use crate::condkeys::deprecated_key;

declare_rule! {
    /// A condition key that AWS has retired or deprecated: `aws:ARN` is no longer supported
    /// (error); keys the reference marks deprecated, such as `kms:CustomerMasterKeySpec`,
    /// still work but have a replacement (warning).
    pub struct CondKeyDeprecated {
        code: "IAM611",
        name: "cond-key-deprecated",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "a retired or deprecated condition key",
    }
}

/// (retired key, replacement). Source: IAM Access Analyzer check
/// `UNSUPPORTED_GLOBAL_CONDITION_KEY` ("aws:ARN is not supported; use aws:SourceArn").
const RETIRED: &[(&str, &str)] = &[("aws:ARN", "aws:SourceArn")];

impl Rule for CondKeyDeprecated {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        let catalog = ctx.catalog();
        for (_, key) in cond.pairs() {
            if let Some((old, new)) = RETIRED
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(&key.key.name))
            {
                ctx.report(key.key.range, format!("`{old}` is no longer supported"))
                    .help(format!(
                        "the key is never present, so the condition never matches; use `{new}`"
                    ))
                    .fix(Fix::unsafe_(
                        format!("write `{new}`"),
                        vec![rename_key(&key.key, new)],
                    ));
                continue;
            }
            let Some((info, new)) = deprecated_key(catalog, &key.key.name) else {
                continue;
            };
            ctx.report(key.key.range, format!("`{}` is deprecated", info.name))
                .severity(Severity::Warning)
                .help(format!("the AWS reference says to use `{new}` instead"))
                .fix(Fix::unsafe_(
                    format!("write `{new}`"),
                    vec![rename_key(&key.key, new)],
                ));
        }
    }
}
