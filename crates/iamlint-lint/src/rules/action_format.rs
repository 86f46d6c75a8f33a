use super::prelude::*;
use crate::actions::{Resolution, is_well_formed};

declare_rule! {
    /// An action that is neither `"*"` nor `service:action`.
    pub struct ActionFormat {
        code: "IAM301",
        name: "action-format",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "an action that is not `service:action` or `*`",
    }
}

impl Rule for ActionFormat {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let resolved = ctx.resolutions(stmt);
        for (s, resolution) in stmt.action_strings().zip(resolved.iter()) {
            // a policy variable in `Action` is `var-bad-element`'s finding
            if !matches!(**resolution, Resolution::Malformed) || s.value.contains("${") {
                continue;
            }
            let trimmed: String = s.value.split_whitespace().collect();
            let d = ctx.report(s.range, format!("`{}` is not an action", s.value));
            d.primary_message("expected `service:action` or `*`")
                .help("actions are written `prefix:ActionName`, such as `s3:GetObject`; `*` and `?` may stand for parts of the name");
            if trimmed != s.value && is_well_formed(&trimmed) {
                d.fix(Fix::safe(
                    format!("write `{trimmed}`"),
                    vec![Edit::replace(s.range, quote_json(&trimmed))],
                ));
            }
        }
    }
}
