use super::prelude::*;
use iamlint_model::{Typed, Version};

declare_rule! {
    /// `"Version": "2008-10-17"`, the legacy language without policy variables.
    pub struct VersionLegacy {
        code: "IAM106",
        name: "version-legacy",
        category: Suspicious,
        severity: Warning,
        fix: Always,
        summary: "Version 2008-10-17, the legacy policy language",
    }
}

impl Rule for VersionLegacy {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        if policy.version() != Some(Version::V2008_10_17) {
            return;
        }
        let Some(Entry {
            value: Typed::Ok(v),
            ..
        }) = &policy.version
        else {
            return;
        };
        let applicability = if ctx.source().contains("${") {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        ctx.report(v.range, "`2008-10-17` is the legacy policy language version")
            .help("use `2012-10-17`; under `2008-10-17`, policy variables such as `${aws:username}` are plain text")
            .fix(Fix::new("replace with `2012-10-17`", applicability, vec![Edit::replace(v.range, "\"2012-10-17\"")]));
    }
}
