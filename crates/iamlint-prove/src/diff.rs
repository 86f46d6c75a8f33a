//! What one policy grants that another does not (`iamlint diff`), as families of requests:
//! one per action pattern of each Allow statement of the wider policy (one per statement when
//! it uses `NotAction`), each with a request that shows it, replayed through the evaluator.

use iamlint_catalog::glob_match;
use iamlint_eval::{Request as EvalRequest, statement_applies};
use iamlint_model::{Effect, Polarity, Policy};

use crate::ir::{Formula, In, Unsupported, Vocabulary};
use crate::query::{Mode, Verdict, allowed, kind_of, witness};

/// Requests of one statement (and one of its action patterns) that one policy allows and the
/// other does not.
#[derive(Debug, Clone, PartialEq)]
pub struct Family {
    /// The statement, by its position among the policy's statements.
    pub statement: usize,
    /// The action pattern; `None` for a statement with `NotAction`, taken whole.
    pub action: Option<String>,
    /// `Fails` with a request of the family that only the first policy allows; `Unknown`
    /// with the reason. (Families that add nothing are left out.)
    pub verdict: Verdict,
}

/// The requests `from` allows and `than` does not.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// `Holds` when there is none; `Fails` with one; `Unknown` with the reason.
    pub verdict: Verdict,
    /// When there are some: where in `from` they come from.
    pub families: Vec<Family>,
}

/// Both directions between two versions of a policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// What `new` grants that `old` did not.
    pub added: Difference,
    /// What `old` granted that `new` no longer does.
    pub removed: Difference,
}

/// Compares two versions of a policy. `Err` when one holds something the prover does not
/// encode.
pub fn diff(old: &Policy, new: &Policy, mode: Mode, timeout_ms: u32) -> Result<Diff, Unsupported> {
    let v = Vocabulary::of(&[old, new])?;
    Ok(Diff {
        added: difference(&v, new, old, mode, timeout_ms),
        removed: difference(&v, old, new, mode, timeout_ms),
    })
}

fn difference(v: &Vocabulary, from: &Policy, than: &Policy, mode: Mode, ms: u32) -> Difference {
    let only_from = |r: &EvalRequest| allowed(from, r) && !allowed(than, r);
    let verdict = witness(
        v,
        &v.allows(from),
        &Formula::not(v.allows(than)),
        mode,
        ms,
        &only_from,
    );
    if !matches!(verdict, Verdict::Fails(_)) {
        return Difference {
            verdict,
            families: Vec::new(),
        };
    }
    let mut families = Vec::new();
    for (i, stmt) in from.statements().enumerate() {
        if stmt.effect() != Some(Effect::Allow) {
            continue;
        }
        let applies = |r: &EvalRequest| {
            statement_applies(stmt, kind_of(from), r, from.expands_variables()) && only_from(r)
        };
        let patterns: Vec<Option<&str>> = match stmt.actions() {
            Some((Polarity::Positive, entry)) => entry
                .value
                .ok()
                .into_iter()
                .flat_map(|l| l.strings())
                .map(|s| Some(s.value.as_str()))
                .collect(),
            _ => vec![None],
        };
        for pattern in dedup(patterns) {
            let scope = match pattern {
                Some(p) => Formula::and(vec![v.statement(stmt, In::policy(from)), v.action(p)]),
                None => v.statement(stmt, In::policy(from)),
            };
            let in_family = |r: &EvalRequest| {
                pattern.is_none_or(|p| glob_match(p, &r.action, true)) && applies(r)
            };
            let verdict = witness(
                v,
                &Formula::and(vec![scope, v.allows(from)]),
                &Formula::not(v.allows(than)),
                mode,
                ms,
                &in_family,
            );
            if verdict != Verdict::Holds {
                families.push(Family {
                    statement: i,
                    action: pattern.map(str::to_owned),
                    verdict,
                });
            }
        }
    }
    Difference { verdict, families }
}

/// The patterns in their first order, each once.
fn dedup(patterns: Vec<Option<&str>>) -> Vec<Option<&str>> {
    let mut out: Vec<Option<&str>> = Vec::new();
    for p in patterns {
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}
