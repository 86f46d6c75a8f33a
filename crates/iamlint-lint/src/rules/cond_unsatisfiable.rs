use super::prelude::*;
use crate::proved::{BUDGET_MS, undecided, within_limits};

declare_rule! {
    /// A `Condition` that no request can satisfy, proved by the SMT prover: contradictory
    /// bounds on one key, values that exclude each other, or (given the current time, as
    /// `iamlint check` has it) dates already past.
    pub struct CondUnsatisfiable {
        code: "IAM903",
        name: "cond-unsatisfiable",
        category: Correctness,
        severity: Warning,
        fix: None,
        summary: "a condition no request can satisfy, or only before now (proved)",
    }
}

impl Rule for CondUnsatisfiable {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        if ctx.options().no_smt || !within_limits(policy) {
            return;
        }
        let now = ctx.options().now;
        // what the prover does not encode yet (principals, policy variables) is skipped
        let Ok(answers) = iamlint_prove::unsatisfiable_conditions(policy, now, BUDGET_MS) else {
            return;
        };
        let stmts: Vec<&Statement> = policy.statements().collect();
        for answer in answers {
            let Some(stmt) = stmts.get(answer.statement) else {
                continue;
            };
            let Some(entry) = stmt.condition.as_ref() else {
                continue;
            };
            let at = entry.key.range;
            let effect = if stmt.is_allow() { "grants" } else { "denies" };
            match (&answer.verdict, answer.expired) {
                (iamlint_prove::Verdict::Holds, false) => {
                    ctx.report(
                        at,
                        format!("the condition of {} can never hold: no request satisfies all of it", stmt.label()),
                    )
                    .help(format!(
                        "the statement {effect} nothing; the condition's tests contradict each other (the prover found no values that pass them all); fix the bounds or values, or remove the statement"
                    ));
                }
                (iamlint_prove::Verdict::Holds, true) => {
                    ctx.report(
                        at,
                        format!("the condition of {} holds only before now: its dates are past", stmt.label()),
                    )
                    .help(format!(
                        "the current time (`aws:CurrentTime`, `aws:EpochTime`) is later than every time the condition admits, so the statement {effect} nothing any more; move the date or remove the statement"
                    ));
                }
                (iamlint_prove::Verdict::Unknown(reason), _) => undecided(ctx, at, reason),
                (iamlint_prove::Verdict::Fails(_), _) => {}
            }
        }
    }
}
