use super::prelude::*;
use iamlint_model::Typed;

declare_rule! {
    /// A `Version` other than `2012-10-17` or `2008-10-17`. It is a fixed string, not a date.
    pub struct VersionInvalid {
        code: "IAM105",
        name: "version-invalid",
        category: Correctness,
        severity: Error,
        fix: Always,
        summary: "Version is neither 2012-10-17 nor 2008-10-17",
    }
}

impl Rule for VersionInvalid {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        let Some(Entry {
            value: Typed::Ok(v),
            ..
        }) = &policy.version
        else {
            return;
        };
        if policy.version().is_some() {
            return;
        }
        let trimmed = v.value.trim();
        let (to, applicability) = match trimmed {
            "2012-10-17" | "2008-10-17" => (trimmed, Applicability::Safe),
            _ => ("2012-10-17", Applicability::Unsafe),
        };
        ctx.report(v.range, format!("`{}` is not a policy language version", v.value))
            .primary_message("expected `2012-10-17`")
            .help("`Version` names the policy language, not the policy's date: use `2012-10-17` (the legacy `2008-10-17` is also accepted)")
            .fix(Fix::new(format!("replace with `{to}`"), applicability, vec![Edit::replace(v.range, quote_json(to))]));
    }
}
