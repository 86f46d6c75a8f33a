//! What one policy grants that another does not (`iamlint diff`), as families of requests:
//! one per action pattern of each Allow statement of the wider policy (one per statement when
//! it uses `NotAction`), each with a request that shows it, replayed through the evaluator.

use iamlint_catalog::glob_match;
use iamlint_eval::{Request as EvalRequest, statement_applies};
use iamlint_model::{Effect, Entry, Polarity, Policy, Statement, StrList, Typed};

use crate::guess;
use crate::ir::{Formula, In, Unsupported, Vocabulary};
use crate::query::{Mode, Verdict, allowed, kind_of, presented, witness};

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
    let closed = mode == Mode::ClosedWorld;
    // a request read off `from`'s statements first (see `guess`), then the solver
    let verdict = match guess::difference(from, than, closed) {
        Some(found) => presented(found, &only_from),
        None => witness(
            v,
            &v.allows(from),
            &Formula::not(v.allows(than)),
            mode,
            ms,
            &only_from,
        ),
    };
    if !matches!(verdict, Verdict::Fails(_)) {
        return Difference {
            verdict,
            families: Vec::new(),
        };
    }
    // a family that `than` grants in the very same words, with no Deny that `from` lacks,
    // adds nothing: no solver call (versions of one policy share most statements)
    let same_denies = kind_of(from) == kind_of(than) && {
        let whole = |d: &Statement| {
            let actions = d.actions().map(|(_, e)| strings(e)).unwrap_or_default();
            format!("{actions:?}|{}", shape(d))
        };
        let ours: Vec<String> = denies(from).map(whole).collect();
        denies(than).all(|d| ours.contains(&whole(d)))
    };
    let theirs: Vec<(&Statement, String)> = than
        .statements()
        .filter(|s| s.effect() == Some(Effect::Allow))
        .map(|s| (s, shape(s)))
        .collect();
    let mut families = Vec::new();
    for (i, stmt) in from.statements().enumerate() {
        if stmt.effect() != Some(Effect::Allow) {
            continue;
        }
        let own_shape = shape(stmt);
        let granted_alike = |pattern: Option<&str>| {
            same_denies
                && from.expands_variables() == than.expands_variables()
                && theirs.iter().any(|(t, t_shape)| {
                    *t_shape == own_shape
                        && match (pattern, t.actions(), stmt.actions()) {
                            (Some(p), Some((Polarity::Positive, e)), _) => e
                                .value
                                .ok()
                                .is_some_and(|l| l.strings().any(|q| q.value == p)),
                            (
                                None,
                                Some((Polarity::Negative, a)),
                                Some((Polarity::Negative, b)),
                            ) => strings(a) == strings(b),
                            _ => false,
                        }
                })
        };
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
            if granted_alike(pattern) {
                continue;
            }
            let scope = match pattern {
                Some(p) => Formula::and(vec![v.statement(stmt, In::policy(from)), v.action(p)]),
                None => v.statement(stmt, In::policy(from)),
            };
            let in_family = |r: &EvalRequest| {
                pattern.is_none_or(|p| glob_match(p, &r.action, true)) && applies(r)
            };
            let verdict = match guess::family_difference(from, than, closed, stmt, pattern) {
                Some(found) => presented(found, &in_family),
                None => witness(
                    v,
                    &Formula::and(vec![scope, v.allows(from)]),
                    &Formula::not(v.allows(than)),
                    mode,
                    ms,
                    &in_family,
                ),
            };
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

fn denies(policy: &Policy) -> impl Iterator<Item = &Statement> {
    policy
        .statements()
        .filter(|s| s.effect() == Some(Effect::Deny))
}

/// The strings of a list element, sorted.
fn strings(entry: &Entry<Typed<StrList>>) -> Vec<String> {
    let mut out: Vec<String> = entry
        .value
        .ok()
        .into_iter()
        .flat_map(|l| l.strings().map(|s| s.value.clone()))
        .collect();
    out.sort();
    out
}

/// A statement in words, without its `Action` (but with a `NotAction` list) and without
/// positions: two statements of one shape apply to the same requests, action aside.
pub(crate) fn shape(stmt: &Statement) -> String {
    let mut out = format!("{:?}|", stmt.effect());
    if let Some((polarity, e)) = stmt.actions()
        && polarity == Polarity::Negative
    {
        out.push_str(&format!("notaction {:?}|", strings(e)));
    }
    for (name, element) in [
        ("principal", &stmt.principal),
        ("notprincipal", &stmt.not_principal),
    ] {
        if let Some(p) = element.as_ref().and_then(|e| e.value.ok()) {
            let mut values: Vec<String> = match p {
                iamlint_model::Principal::String(s) => vec![format!("*{}", s.value)],
                iamlint_model::Principal::Map { entries, .. } => entries
                    .iter()
                    .flat_map(|e| {
                        let kind = format!("{:?}", e.kind);
                        e.values
                            .ok()
                            .into_iter()
                            .flat_map(|l| l.strings())
                            .map(move |v| format!("{kind}:{}", v.value))
                    })
                    .collect(),
            };
            values.sort();
            out.push_str(&format!("{name} {values:?}|"));
        } else if element.is_some() {
            // present but malformed: never alike
            out.push_str(&format!("{name} ?{:p}|", stmt));
        }
    }
    match stmt.resources() {
        Some((polarity, e)) => out.push_str(&format!("{polarity:?} {:?}|", strings(e))),
        None => out.push_str("no resource|"),
    }
    if let Some(c) = stmt.condition() {
        let mut pairs: Vec<String> = c
            .pairs()
            .map(|(op, key)| {
                let values: Vec<&str> = key
                    .values
                    .ok()
                    .into_iter()
                    .flat_map(|v| v.items.iter())
                    .map(|i| i.text().unwrap_or("\u{0}"))
                    .collect();
                format!(
                    "{:?} {:?} {} {} {values:?}",
                    op.operator.operator,
                    op.operator.qualifier,
                    op.operator.if_exists,
                    key.key.name.to_ascii_lowercase()
                )
            })
            .collect();
        pairs.sort();
        out.push_str(&format!("condition {pairs:?}"));
    } else if stmt.condition.is_some() {
        out.push_str(&format!("condition ?{:p}", stmt));
    }
    out
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
