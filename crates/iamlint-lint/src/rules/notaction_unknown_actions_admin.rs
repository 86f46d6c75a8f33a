use super::prelude::*;
use crate::proved::{BUDGET_MS, undecided};
use iamlint_model::Polarity;

declare_rule! {
    /// An `Allow` with `NotAction` none of whose entries matches an action the catalog knows
    /// (misspelled or invented names, proved over the whole catalog): the statement allows
    /// every action, on its resources and under its condition, when it was written to allow
    /// all but a few.
    pub struct NotactionUnknownActionsAdmin {
        code: "IAM904",
        name: "notaction-unknown-actions-admin",
        category: Security,
        severity: Security,
        fix: None,
        summary: "an Allow with NotAction that excludes no known action, so allows every action (proved)",
    }
}

impl Rule for NotactionUnknownActionsAdmin {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        if ctx.options().no_smt {
            return;
        }
        // what the prover does not encode yet (principals) is skipped
        let Ok(answers) = iamlint_prove::notaction_excluding_nothing(policy, BUDGET_MS) else {
            return;
        };
        let stmts: Vec<&Statement> = policy.statements().collect();
        for (i, verdict) in answers {
            let Some(stmt) = stmts.get(i) else { continue };
            let Some((_, entry)) = stmt.actions() else {
                continue;
            };
            let everywhere = stmt.resources().is_some_and(|(p, e)| {
                p == Polarity::Positive
                    && e.value
                        .ok()
                        .is_some_and(|l| l.strings().any(|s| s.value == "*"))
            });
            let scope = match (everywhere, stmt.condition().is_some()) {
                (true, false) => "every action on every resource (administrator access)",
                (true, true) => "every action on every resource whenever its condition holds",
                (false, false) => "every action on its resources",
                (false, true) => "every action on its resources whenever its condition holds",
            };
            match verdict {
                iamlint_prove::Verdict::Holds => {
                    ctx.report(
                        entry.key.range,
                        format!("{} allows {scope}: no entry of its `NotAction` matches an action the catalog knows", stmt.label()),
                    )
                    .help("`NotAction` in an `Allow` grants everything it does not name; every name here is unknown, so nothing is excluded. Fix the action names, or list the actions to allow in `Action` instead");
                }
                iamlint_prove::Verdict::Unknown(reason) => undecided(ctx, entry.key.range, &reason),
                iamlint_prove::Verdict::Fails(_) => {}
            }
        }
    }
}
