use super::prelude::*;
use crate::arns::{is_open, resource_sites};

declare_rule! {
    /// An ARN account field that is not a 12-digit account id (nor `*`, a wildcard, a policy
    /// variable or `aws`).
    pub struct ArnAccountInvalid {
        code: "IAM409",
        name: "arn-account-invalid",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "an ARN account that is not a 12-digit id",
    }
}

impl Rule for ArnAccountInvalid {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        for s in resource_sites(stmt) {
            let Ok((parts, off)) = iamlint_catalog::split_arn(&s.value) else {
                continue;
            };
            let a = parts.account;
            let twelve = a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit());
            if a.is_empty() || twelve || a == "aws" || is_open(a) {
                continue;
            }
            let at = s.sub_range(ctx.source(), off.account, off.account + a.len());
            let digits = a.bytes().filter(u8::is_ascii_digit).count();
            let d = ctx.report(at, format!("`{a}` is not an AWS account id"));
            if a.bytes().all(|b| b.is_ascii_digit() || b == b'-') && digits == 12 {
                d.help("write the account id without dashes");
            } else {
                d.help("account ids have 12 digits; use `*` to mean any account");
            }
        }
    }
}
