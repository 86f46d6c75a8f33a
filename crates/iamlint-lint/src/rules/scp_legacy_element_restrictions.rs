use super::prelude::*;

declare_rule! {
    /// Legacy SCP profile: before September 2025, an SCP `Allow` could not have a
    /// `Condition`, a `NotAction` or a specific `Resource`, and `NotResource` was not
    /// supported. Off by default.
    pub struct ScpLegacyElementRestrictions {
        code: "IAM212",
        name: "scp-legacy-element-restrictions",
        category: Correctness,
        severity: Error,
        fix: None,
        default_enabled: false,
        summary: "SCP elements rejected by the pre-2025 SCP grammar",
    }
}

impl Rule for ScpLegacyElementRestrictions {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Scp {
            return;
        }
        const HELP: &str = "SCPs accept the full policy language since September 2025; this rule is for organizations that validate against the older grammar";
        if let Some(e) = &stmt.not_resource {
            ctx.report(
                e.key.range,
                "the legacy SCP grammar does not support `NotResource`",
            )
            .help(HELP);
        }
        if !stmt.is_allow() {
            return;
        }
        if let Some(e) = &stmt.condition {
            ctx.report(
                e.key.range,
                "the legacy SCP grammar does not allow `Condition` in an `Allow` statement",
            )
            .help(HELP);
        }
        if let Some(e) = &stmt.not_action {
            ctx.report(
                e.key.range,
                "the legacy SCP grammar does not allow `NotAction` in an `Allow` statement",
            )
            .help(HELP);
        }
        if let Some(list) = stmt.resource.as_ref().and_then(|e| e.value.ok()) {
            for r in list.strings().filter(|r| r.value != "*") {
                ctx.report(r.range, "the legacy SCP grammar allows only `\"*\"` as the `Resource` of an `Allow` statement").help(HELP);
            }
        }
    }
}
