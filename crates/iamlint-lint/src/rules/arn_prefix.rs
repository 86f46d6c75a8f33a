use super::prelude::*;
use crate::arns::resource_sites;

declare_rule! {
    /// A resource that is neither `"*"` nor an ARN starting with `arn:`.
    pub struct ArnPrefix {
        code: "IAM401",
        name: "arn-prefix",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "a resource that is neither \"*\" nor an ARN",
    }
}

impl Rule for ArnPrefix {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        for s in resource_sites(stmt) {
            if s.value.starts_with("arn:") {
                continue;
            }
            let d = ctx.report(s.range, format!("`{}` is not an ARN", s.value));
            d.help(
                "resources are ARNs (`arn:partition:service:region:account:resource`) or `\"*\"`",
            );
            if let Some(rest) = s
                .value
                .get(..4)
                .filter(|p| p.eq_ignore_ascii_case("arn:"))
                .and_then(|_| s.value.get(4..))
            {
                let fixed = format!("arn:{rest}");
                d.fix(Fix::safe(
                    format!("write `{fixed}`"),
                    vec![Edit::replace(s.range, quote_json(&fixed))],
                ));
            }
        }
    }
}
