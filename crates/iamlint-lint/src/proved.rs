//! What the prover-backed rules share: the per-query time budget, and how an answer about one
//! Allow statement becomes a diagnostic.

use iamlint_diagnostics::{Severity, TextRange};
use iamlint_model::{Policy, Statement};
use iamlint_prove::{Covered, Verdict};

use crate::context::Ctx;

/// How long the solver may take on one query of a lint rule. Past it the finding becomes an
/// info diagnostic saying the question was not decided, never a false finding.
pub const BUDGET_MS: u32 = 2_000;

/// The largest policy the prover-backed rules take: statements, and action and resource
/// strings in all. Each rule asks one query per Allow statement, each over the whole policy,
/// so the cost grows with the square of the policy; past these limits the rules stay silent
/// (their docs say so) rather than hold up `iamlint check`.
const MAX_STATEMENTS: usize = 32;
const MAX_STRINGS: usize = 256;

/// Whether a policy is small enough for the prover-backed rules.
pub fn within_limits(policy: &Policy) -> bool {
    let stmts: Vec<&Statement> = policy.statements().collect();
    let strings: usize = stmts
        .iter()
        .map(|s| {
            let actions = s
                .actions()
                .and_then(|(_, e)| e.value.ok())
                .map_or(0, |l| l.strings().count());
            actions + s.resource_strings().count()
        })
        .sum();
    stmts.len() <= MAX_STATEMENTS && strings <= MAX_STRINGS
}

/// The token a statement-level finding points at: the `Effect` entry, else the statement.
fn anchor(stmt: &Statement) -> TextRange {
    stmt.effect.as_ref().map_or(stmt.range, |e| e.range)
}

/// Reports each covered Allow statement (`Holds`) with `message` (`{who}` names the
/// statement), the covering statements as secondary labels named by `label`, and `help`; an
/// undecided one as an info diagnostic.
pub fn report(
    ctx: &mut Ctx<'_>,
    policy: &Policy,
    answers: &[Covered],
    message: &str,
    label: &str,
    help: &str,
) {
    let stmts: Vec<&Statement> = policy.statements().collect();
    for answer in answers {
        let Some(stmt) = stmts.get(answer.allow) else {
            continue;
        };
        match &answer.verdict {
            // covered without overlapping anything: the statement matches no request at all
            // (a typo such as `" *"` in `Resource`), which other rules explain better
            Verdict::Holds if answer.by.is_empty() => {}
            Verdict::Holds => {
                let who = match stmt.sid.as_ref().and_then(|e| e.value.ok()) {
                    Some(sid) if !sid.value.is_empty() => format!("statement `{}`", sid.value),
                    _ => "this `Allow`".to_owned(),
                };
                let d = ctx.report(anchor(stmt), message.replace("{who}", &who));
                for j in &answer.by {
                    if let Some(other) = stmts.get(*j) {
                        d.secondary(anchor(other), label.to_owned());
                    }
                }
                d.help(help.to_owned());
            }
            Verdict::Fails(_) => {}
            Verdict::Unknown(reason) => undecided(ctx, anchor(stmt), reason),
        }
    }
}

/// An info diagnostic for a question the solver did not settle: never a finding either way.
pub fn undecided(ctx: &mut Ctx<'_>, at: TextRange, reason: &str) {
    ctx.report(
        at,
        format!("the prover could not decide this check for this statement: {reason}"),
    )
    .severity(Severity::Info)
    .help(
        "an undecided check reports nothing either way; simplify the statement or raise the budget",
    );
}
