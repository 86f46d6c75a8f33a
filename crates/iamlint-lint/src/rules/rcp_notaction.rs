use super::prelude::*;

declare_rule! {
    /// `NotAction` in a resource control policy, which RCPs do not support.
    pub struct RcpNotaction {
        code: "IAM215",
        name: "rcp-notaction",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "NotAction in an RCP",
    }
}

impl Rule for RcpNotaction {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Rcp {
            return;
        }
        if let Some(e) = &stmt.not_action {
            ctx.report(e.key.range, "`NotAction` is not allowed in a resource control policy")
                .help("list the actions to deny in `Action`; RCPs cover only some services, so a `NotAction` would be ambiguous");
        }
    }
}
