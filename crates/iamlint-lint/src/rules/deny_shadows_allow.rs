use super::prelude::*;
use crate::proved::{BUDGET_MS, report, within_limits};

declare_rule! {
    /// An Allow statement that never takes effect: the SMT prover shows that every request it
    /// matches is denied by the policy's Deny statements.
    pub struct DenyShadowsAllow {
        code: "IAM901",
        name: "deny-shadows-allow",
        category: Correctness,
        severity: Warning,
        fix: None,
        summary: "an Allow statement whose every request a Deny denies (proved)",
    }
}

impl Rule for DenyShadowsAllow {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        if ctx.options().no_smt || !within_limits(policy) {
            return;
        }
        // what the prover does not encode yet (principals, policy variables) is skipped
        let Ok(answers) = iamlint_prove::shadowed_allows(policy, BUDGET_MS) else {
            return;
        };
        report(
            ctx,
            policy,
            &answers,
            "{who} never takes effect: every request it matches is denied",
            "this `Deny` denies requests the `Allow` matches",
            "the prover found no request this statement allows that every `Deny` spares; remove the statement, or narrow the `Deny` if the access is wanted",
        );
    }
}
