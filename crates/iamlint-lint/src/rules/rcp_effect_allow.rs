use super::prelude::*;

declare_rule! {
    /// `Allow` in a resource control policy: only the AWS-managed `RCPFullAWSAccess` may
    /// allow; customer RCPs can only deny.
    pub struct RcpEffectAllow {
        code: "IAM213",
        name: "rcp-effect-allow",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "Allow in a customer RCP",
    }
}

impl Rule for RcpEffectAllow {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Rcp || !stmt.is_allow() {
            return;
        }
        if let Some(e) = stmt.effect.as_ref().and_then(|e| e.value.ok()) {
            ctx.report(e.range, format!("{} of a resource control policy is an `Allow`", stmt.label()))
                .help("RCPs only restrict: only the AWS-managed `RCPFullAWSAccess` may use `Allow`; write a `Deny` with a condition instead");
        }
    }
}
