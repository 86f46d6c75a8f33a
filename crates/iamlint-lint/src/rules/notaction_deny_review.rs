use super::prelude::*;

declare_rule! {
    /// A `Deny` with `NotAction` or `NotResource`. It is the right tool for guardrails (deny
    /// everything outside some Regions, except global services), but the exclusion list is
    /// what stays reachable, so it deserves a review whenever it changes (info).
    pub struct NotactionDenyReview {
        code: "IAM816",
        name: "notaction-deny-review",
        category: Style,
        severity: Info,
        fix: None,
        default_enabled: false,
        summary: "a Deny with NotAction or NotResource, whose exclusions stay reachable",
    }
}

impl Rule for NotactionDenyReview {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if stmt.effect() != Some(iamlint_model::Effect::Deny) {
            return;
        }
        for (entry, element, what) in [
            (&stmt.not_action, "NotAction", "actions"),
            (&stmt.not_resource, "NotResource", "resources"),
        ] {
            let Some(entry) = entry else { continue };
            ctx.report(
                entry.key.range,
                format!(
                    "{} denies everything except the {what} in `{element}`, which stay reachable",
                    stmt.label()
                ),
            )
            .help(format!(
                "review the `{element}` list: each entry is exempt from this `Deny`"
            ));
        }
    }
}
