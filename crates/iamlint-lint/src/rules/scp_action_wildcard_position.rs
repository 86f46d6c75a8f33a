use super::prelude::*;

declare_rule! {
    /// Legacy SCP profile: before September 2025, SCPs accepted a wildcard in an action only
    /// at its end (`iam:*Role` was rejected). Off by default.
    pub struct ScpActionWildcardPosition {
        code: "IAM211",
        name: "scp-action-wildcard-position",
        category: Correctness,
        severity: Error,
        fix: None,
        default_enabled: false,
        summary: "an SCP action wildcard before the end (legacy SCP grammar)",
    }
}

impl Rule for ScpActionWildcardPosition {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Scp {
            return;
        }
        for a in stmt.action_strings() {
            let v = &a.value;
            let Some(pos) = v.find(['*', '?']) else {
                continue;
            };
            if v == "*" || (pos + 1 == v.len() && v.ends_with('*')) {
                continue;
            }
            let r = a.sub_range(ctx.source(), pos, pos + 1);
            ctx.report(r, format!("wildcard inside `{v}`: the legacy SCP grammar allows `*` only at the end of an action"))
                .help("SCPs accept wildcards anywhere since September 2025; this rule is for organizations that validate against the older grammar");
        }
    }
}
