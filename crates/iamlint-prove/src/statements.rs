//! Statement-level questions for the lint rules: which Allow statements never take effect
//! because Deny statements cover them (`deny-shadows-allow`), and which add nothing to the
//! other Allows (`redundant-statement`).
//!
//! Every question is asked in open-world mode: a statement is reported only if no action
//! string at all escapes, so a statement whose actions the catalog does not know yet (it
//! always lags AWS) is never reported as dead merely because, over the catalog, it matches
//! nothing.

use iamlint_catalog::globs_intersect;
use iamlint_eval::{
    Request as EvalRequest, action_matches, condition_holds, epoch_seconds, statement_applies,
};
use iamlint_model::operators::Family;
use iamlint_model::{Condition, Effect, Entry, Polarity, Policy, Statement, StrList, Typed};

use crate::encode::parse_cidr;
use crate::ir::{Formula, In, Unsupported, Vocabulary};
use crate::query::{Mode, Verdict, kind_of, witness};

/// The answer about one Allow statement that may be covered. A statement that the cheap
/// pattern test ([`may_be_covered`]) already shows escaping (or matching nothing) gets no
/// answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Covered {
    /// The Allow statement, by its position among the policy's statements.
    pub allow: usize,
    /// `Holds` when every request it matches is covered (denied, or allowed by another
    /// statement); `Fails` with a request that escapes; `Unknown` with the reason.
    pub verdict: Verdict,
    /// The statements that do the covering and overlap it, by position.
    pub by: Vec<usize>,
}

/// A statement with its position among the policy's statements.
type Numbered<'a> = (usize, &'a Statement);

fn effective(policy: &Policy) -> Vec<(usize, &Statement)> {
    policy
        .statements()
        .enumerate()
        .filter(|(_, s)| s.effect().is_some())
        .collect()
}

fn applies(policy: &Policy, stmt: &Statement, r: &EvalRequest) -> bool {
    statement_applies(stmt, kind_of(policy), r, policy.expands_variables())
}

/// Whether two statements can apply to one request.
fn overlaps(v: &Vocabulary, policy: &Policy, a: &Statement, b: &Statement, ms: u32) -> bool {
    let both = |r: &EvalRequest| applies(policy, a, r) && applies(policy, b, r);
    !matches!(
        witness(
            v,
            &v.statement(a, In::policy(policy)),
            &v.statement(b, In::policy(policy)),
            Mode::OpenWorld,
            ms,
            &both
        ),
        Verdict::Holds
    )
}

/// For each Allow statement of a policy that has Deny statements and may be covered by them:
/// whether the Denies cover it. `Err` when the policy holds something the prover does not
/// encode.
pub fn shadowed_allows(policy: &Policy, timeout_ms: u32) -> Result<Vec<Covered>, Unsupported> {
    let stmts = effective(policy);
    let denies: Vec<(usize, &Statement)> = stmts
        .iter()
        .copied()
        .filter(|(_, s)| s.effect() == Some(Effect::Deny))
        .collect();
    // each Allow with the Denies that may overlap it (the others cannot cover any of its
    // requests, and leaving them out keeps the query small)
    let candidates: Vec<(Numbered<'_>, Vec<Numbered<'_>>)> = stmts
        .iter()
        .copied()
        .filter(|(_, s)| s.effect() == Some(Effect::Allow))
        .map(|allow| {
            let near: Vec<(usize, &Statement)> = denies
                .iter()
                .copied()
                .filter(|(_, d)| may_overlap(allow.1, d))
                .collect();
            (allow, near)
        })
        .filter(|(allow, near)| may_be_covered(allow.1, near))
        .collect();
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let v = Vocabulary::of(&[policy])?;
    Ok(candidates
        .into_iter()
        .map(|(allow, near)| covered(&v, policy, allow, &near, timeout_ms))
        .collect())
}

/// The patterns of an `Action` or `Resource` element, when it is a well-typed positive list
/// of strings, each policy variable made a `*` (which matches whatever it stands for);
/// `None` when the element may stand for more.
fn patterns(element: Option<(Polarity, &Entry<Typed<StrList>>)>) -> Option<Vec<String>> {
    let (Polarity::Positive, entry) = element? else {
        return None;
    };
    let list = entry.value.ok()?;
    let strings: Vec<String> = list
        .strings()
        .map(|s| variables_as_stars(&s.value))
        .collect();
    (strings.len() == list.items.len()).then_some(strings)
}

/// The text with each `${…}` replaced by `*`.
fn variables_as_stars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(rest.get(..start).unwrap_or(""));
        match rest.get(start..).and_then(|r| r.find('}')) {
            Some(end) => {
                out.push('*');
                rest = rest.get(start + end + 1..).unwrap_or("");
            }
            None => {
                out.push_str(rest.get(start..).unwrap_or(""));
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether two statements may apply to one request, by their patterns alone (glob
/// intersection ignoring case, which finds every real overlap and maybe more).
fn may_overlap(a: &Statement, b: &Statement) -> bool {
    let dimension = |x: Option<Vec<String>>, y: Option<Vec<String>>| match (x, y) {
        (Some(x), Some(y)) => x
            .iter()
            .any(|p| y.iter().any(|q| globs_intersect(p, q, true))),
        _ => true,
    };
    dimension(patterns(a.actions()), patterns(b.actions()))
        && dimension(patterns(a.resources()), patterns(b.resources()))
}

/// A cheap necessary condition for the `covering` statements to cover `stmt`: each of its
/// action patterns overlaps some covering statement's actions, and each of its resource
/// patterns some covering statement's resources (both compared as plain globs ignoring case,
/// which can only find more overlaps than the real matching). When it fails, one pattern's
/// requests escape every covering statement, or `stmt` matches nothing at all: either way
/// there is nothing to report, and no solver call is needed.
fn may_be_covered(stmt: &Statement, covering: &[(usize, &Statement)]) -> bool {
    let dimension = |own: Option<Vec<String>>, of: &dyn Fn(&Statement) -> Option<Vec<String>>| {
        let Some(own) = own else { return true };
        let theirs: Vec<Option<Vec<String>>> = covering.iter().map(|(_, c)| of(c)).collect();
        own.iter().all(|p| {
            theirs.iter().any(|t| {
                t.as_ref()
                    .is_none_or(|t| t.iter().any(|q| globs_intersect(p, q, true)))
            })
        })
    };
    dimension(patterns(stmt.actions()), &|c| patterns(c.actions()))
        && dimension(patterns(stmt.resources()), &|c| patterns(c.resources()))
}

/// Whether the `covering` statements apply to every request `stmt` matches, and if so which
/// of them overlap it.
fn covered(
    v: &Vocabulary,
    policy: &Policy,
    (i, stmt): (usize, &Statement),
    covering: &[(usize, &Statement)],
    timeout_ms: u32,
) -> Covered {
    let any = Formula::or(
        covering
            .iter()
            .map(|(_, s)| v.statement(s, In::policy(policy)))
            .collect(),
    );
    let escapes = |r: &EvalRequest| {
        applies(policy, stmt, r) && !covering.iter().any(|(_, c)| applies(policy, c, r))
    };
    let verdict = witness(
        v,
        &v.statement(stmt, In::policy(policy)),
        &Formula::not(any),
        Mode::OpenWorld,
        timeout_ms,
        &escapes,
    );
    let by = if verdict == Verdict::Holds {
        covering
            .iter()
            .filter(|(_, c)| overlaps(v, policy, stmt, c, timeout_ms))
            .map(|(j, _)| *j)
            .collect()
    } else {
        Vec::new()
    };
    Covered {
        allow: i,
        verdict,
        by,
    }
}

/// For each Allow statement of a policy with several that may be covered by the others:
/// whether the other Allows already allow everything it does. Of two equal statements only
/// the later is reported, so that removing every reported statement keeps the policy's
/// meaning.
pub fn redundant_allows(policy: &Policy, timeout_ms: u32) -> Result<Vec<Covered>, Unsupported> {
    let allows: Vec<(usize, &Statement)> = effective(policy)
        .into_iter()
        .filter(|(_, s)| s.effect() == Some(Effect::Allow))
        .collect();
    if allows.len() < 2 {
        return Ok(Vec::new());
    }
    let v = Vocabulary::of(&[policy])?;
    let mut redundant: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (i, stmt) in allows.iter().copied().rev() {
        let others: Vec<(usize, &Statement)> = allows
            .iter()
            .copied()
            .filter(|(j, o)| *j != i && !redundant.contains(j) && may_overlap(stmt, o))
            .collect();
        if !may_be_covered(stmt, &others) {
            continue;
        }
        let answer = covered(&v, policy, (i, stmt), &others, timeout_ms);
        if answer.verdict == Verdict::Holds {
            redundant.push(i);
        }
        out.push(answer);
    }
    out.reverse();
    // name only the statements that stay as the covering ones
    for c in &mut out {
        let kept: Vec<usize> =
            c.by.iter()
                .copied()
                .filter(|j| !redundant.contains(j))
                .collect();
        if !kept.is_empty() {
            c.by = kept;
        }
    }
    Ok(out)
}

/// A statement whose `Condition` can never hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Unsatisfiable {
    /// The statement, by its position among the policy's statements.
    pub statement: usize,
    /// `Holds` when no request satisfies the condition; `Unknown` with the reason.
    pub verdict: Verdict,
    /// Whether the condition can hold in itself, but only before `now`: a date already past.
    pub expired: bool,
}

/// The statements whose `Condition` no request satisfies (contradictory bounds, values that
/// cannot match the same key's patterns), and, given `now` (epoch seconds), those whose
/// condition can only hold before then. Only well-formed conditions are asked about (see
/// [`well_formed`]): a malformed one fails for reasons other rules explain better. `Err`
/// when the policy holds something the prover does not encode.
pub fn unsatisfiable_conditions(
    policy: &Policy,
    now: Option<i64>,
    timeout_ms: u32,
) -> Result<Vec<Unsatisfiable>, Unsupported> {
    let with_conditions: Vec<(usize, &Statement)> = policy
        .statements()
        .enumerate()
        .filter(|(_, s)| {
            s.condition()
                .is_some_and(|c| well_formed(c) && may_be_unsatisfiable(c, now.is_some()))
        })
        .collect();
    if with_conditions.is_empty() {
        return Ok(Vec::new());
    }
    let v = Vocabulary::of(&[policy])?;
    let variables = policy.expands_variables();
    let mut out = Vec::new();
    for (i, stmt) in with_conditions {
        let Some(condition) = stmt.condition() else {
            continue;
        };
        let holds = |r: &EvalRequest| condition_holds(condition, r, variables);
        let formula = v.condition(stmt, variables);
        let verdict = witness(
            &v,
            &formula,
            &Formula::True,
            Mode::OpenWorld,
            timeout_ms,
            &holds,
        );
        let timed = condition.pairs().any(|(_, k)| {
            let name = k.key.name.to_ascii_lowercase();
            name == "aws:currenttime" || name == "aws:epochtime"
        });
        let (verdict, expired) = match (verdict, now) {
            (Verdict::Fails(_), Some(now)) if timed => {
                let later = |r: &EvalRequest| {
                    holds(r)
                        && ["aws:currenttime", "aws:epochtime"].iter().all(|k| {
                            r.context.get(*k).is_none_or(|vs| {
                                vs.iter()
                                    .all(|v| epoch_seconds(v).is_some_and(|t| t >= now as f64))
                            })
                        })
                };
                let verdict = witness(
                    &v,
                    &formula,
                    &v.not_before(now),
                    Mode::OpenWorld,
                    timeout_ms,
                    &later,
                );
                (verdict, true)
            }
            (verdict, _) => (verdict, false),
        };
        if !matches!(verdict, Verdict::Fails(_)) {
            out.push(Unsatisfiable {
                statement: i,
                verdict,
                expired,
            });
        }
    }
    Ok(out)
}

/// A cheap necessary condition for a well-formed condition to be unsatisfiable (or, with
/// `dated`, expired): keys are independent of each other, and one operator with at least one
/// value on a key can always be satisfied, so the solver is needed only when a key is tested
/// twice, a test has no value, or (with `dated`) the current time is tested.
fn may_be_unsatisfiable(condition: &Condition, dated: bool) -> bool {
    let mut seen: Vec<String> = Vec::new();
    condition.pairs().any(|(_, key)| {
        let name = key.key.name.to_ascii_lowercase();
        let twice = seen.contains(&name);
        let timed = dated && (name == "aws:currenttime" || name == "aws:epochtime");
        seen.push(name);
        twice || timed || key.values.ok().is_none_or(|v| v.items.is_empty())
    })
}

/// Whether every operator of a condition is known and every value reads as its operator's
/// family expects (numbers, dates, addresses, `true`/`false`), with no policy variable and no
/// key repeated under one operator.
fn well_formed(condition: &Condition) -> bool {
    condition.operators.iter().all(|op| {
        let Some(operator) = op.operator.operator else {
            return false;
        };
        let Some(keys) = op.keys.ok() else {
            return false;
        };
        let mut names: Vec<String> = Vec::new();
        keys.entries.iter().all(|key| {
            let name = key.key.name.to_ascii_lowercase();
            if names.contains(&name) {
                return false;
            }
            names.push(name);
            let Some(values) = key.values.ok() else {
                return false;
            };
            values.items.iter().all(|item| {
                let Some(v) = item.text() else {
                    return false;
                };
                if v.contains("${") {
                    return false;
                }
                match operator.family() {
                    Family::Numeric => v.trim().parse::<f64>().is_ok_and(f64::is_finite),
                    Family::Date => epoch_seconds(v).is_some(),
                    Family::Ip => parse_cidr(v).is_some(),
                    Family::Bool | Family::Null => {
                        v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false")
                    }
                    Family::String | Family::Binary | Family::Arn => true,
                }
            })
        })
    })
}

/// For each Allow statement with `NotAction`: whether any action of the catalog matches one
/// of its entries. `Holds` means none does: over the catalog, the statement allows every
/// action (on its resources, under its condition), typically because every entry is
/// misspelled. `Err` when the policy holds something the prover does not encode.
pub fn notaction_excluding_nothing(
    policy: &Policy,
    timeout_ms: u32,
) -> Result<Vec<(usize, Verdict)>, Unsupported> {
    let candidates: Vec<(usize, Vec<&str>)> = effective(policy)
        .into_iter()
        .filter(|(_, s)| s.effect() == Some(Effect::Allow))
        .filter_map(|(i, s)| match s.actions() {
            Some((Polarity::Negative, entry)) => {
                let list: Vec<&str> = entry
                    .value
                    .ok()?
                    .strings()
                    .map(|x| x.value.as_str())
                    .collect();
                (!list.is_empty()).then_some((i, list))
            }
            _ => None,
        })
        .collect();
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let v = Vocabulary::of(&[policy])?;
    Ok(candidates
        .into_iter()
        .map(|(i, patterns)| {
            let any = Formula::or(patterns.iter().map(|p| v.action(p)).collect());
            let excluded = |r: &EvalRequest| patterns.iter().any(|p| action_matches(p, &r.action));
            let verdict = witness(
                &v,
                &any,
                &Formula::True,
                Mode::ClosedWorld,
                timeout_ms,
                &excluded,
            );
            (i, verdict)
        })
        .filter(|(_, verdict)| !matches!(verdict, Verdict::Fails(_)))
        .collect())
}
