use super::prelude::*;
use crate::proved::{BUDGET_MS, report, within_limits};

declare_rule! {
    /// An Allow statement that adds nothing: the SMT prover shows that the policy's other
    /// Allow statements already allow every request it matches.
    pub struct RedundantStatement {
        code: "IAM902",
        name: "redundant-statement",
        category: Style,
        severity: Info,
        fix: None,
        default_enabled: false,
        summary: "an Allow statement the other Allows already cover (proved)",
    }
}

impl Rule for RedundantStatement {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        if ctx.options().no_smt || !within_limits(policy) {
            return;
        }
        let Ok(answers) = iamlint_prove::redundant_allows(policy, BUDGET_MS) else {
            return;
        };
        report(
            ctx,
            policy,
            &answers,
            "{who} adds nothing: other `Allow` statements already allow every request it matches",
            "this statement already allows requests it matches",
            "the prover found no request this statement allows that the others do not; remove it (of two equal statements, the later is reported)",
        );
    }
}
