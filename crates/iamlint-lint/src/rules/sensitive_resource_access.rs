use super::prelude::*;
use iamlint_catalog::glob_match;
use iamlint_model::Polarity;

declare_rule! {
    /// With `--sensitive-resource ARN`: an `Allow` that can reach one of those resources, by
    /// naming it, by a wildcard that covers it (`"*"`, `arn:aws:s3:::*`), or through
    /// `NotResource`. Without the option the rule stays silent.
    pub struct SensitiveResourceAccess {
        code: "IAM817",
        name: "sensitive-resource-access",
        category: Security,
        severity: Security,
        fix: None,
        summary: "an Allow that reaches a resource declared sensitive (--sensitive-resource)",
    }
}

/// Whether two ARN patterns can name one resource (a cheap test: one matches the other).
fn overlap(a: &str, b: &str) -> bool {
    glob_match(a, b, false) || glob_match(b, a, false)
}

impl Rule for SensitiveResourceAccess {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let sensitive = &ctx.options().sensitive_resources;
        if sensitive.is_empty() || !stmt.is_allow() || !crate::security::grants(ctx) {
            return;
        }
        let Some((polarity, entry)) = stmt.resources() else {
            return;
        };
        let Some(list) = entry.value.ok() else { return };
        for target in sensitive {
            let reached = match polarity {
                Polarity::Positive => list
                    .strings()
                    .find(|r| overlap(&r.value, target))
                    .map(|r| r.range),
                Polarity::Negative => {
                    (!list.strings().any(|r| glob_match(&r.value, target, false)))
                        .then_some(entry.key.range)
                }
            };
            if let Some(at) = reached {
                ctx.report(at, format!("{} can reach the sensitive resource `{target}`", stmt.label()))
                    .help("name only the resources this statement needs, or deny the sensitive ones explicitly");
            }
        }
    }
}
