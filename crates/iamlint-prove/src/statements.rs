//! Statement-level questions for the lint rules: which Allow statements never take effect
//! because Deny statements cover them (`deny-shadows-allow`), and which add nothing to the
//! other Allows (`redundant-statement`).
//!
//! Every question is asked in open-world mode: a statement is reported only if no action
//! string at all escapes, so a statement whose actions the catalog does not know yet (it
//! always lags AWS) is never reported as dead merely because, over the catalog, it matches
//! nothing.

use std::collections::HashSet;

use iamlint_catalog::globs_intersect;
use iamlint_eval::{
    Request as EvalRequest, action_matches, condition_holds, epoch_seconds, statement_applies,
};
use iamlint_model::operators::Family;
use iamlint_model::{Condition, Effect, Entry, Polarity, Policy, Statement, StrList, Typed};

use crate::encode::parse_cidr;
use crate::guess::{self, Goal};
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
    if denies.is_empty() {
        return Ok(Vec::new());
    }
    // each Allow with the Denies that may overlap it (the others cannot cover any of its
    // requests, and leaving them out keeps the query small)
    let deny_footprints: Vec<Footprint> = denies.iter().map(|(_, d)| Footprint::of(d)).collect();
    let candidates: Vec<(Numbered<'_>, Vec<Numbered<'_>>)> = stmts
        .iter()
        .copied()
        .filter(|(_, s)| s.effect() == Some(Effect::Allow))
        .map(|allow| {
            let own = Footprint::of(allow.1);
            let near: Vec<(usize, &Statement)> = denies
                .iter()
                .zip(&deny_footprints)
                .filter(|(_, f)| own.meets(f))
                .map(|(d, _)| *d)
                .collect();
            (allow, near)
        })
        .filter(|(allow, near)| may_be_covered(allow.1, near))
        .collect();
    let mut vocabulary = None;
    let mut out = Vec::new();
    for (allow, near) in candidates {
        out.push(covered(&mut vocabulary, policy, allow, &near, timeout_ms)?);
    }
    Ok(out)
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

/// The action and resource patterns of a statement as [`patterns`] reads them, worked out
/// once however many statements it is compared with ([`Footprint::meets`]).
pub(crate) struct Footprint {
    actions: Option<Globs>,
    resources: Option<Globs>,
}

/// The patterns of one element.
struct Globs {
    /// Those without wildcards, in ASCII lower case.
    exact: HashSet<String>,
    /// Those with `*` or `?`.
    wild: Vec<String>,
}

impl Footprint {
    pub(crate) fn of(stmt: &Statement) -> Footprint {
        Footprint {
            actions: Globs::of(patterns(stmt.actions())),
            resources: Globs::of(patterns(stmt.resources())),
        }
    }

    /// Whether some request may match both statements: some action pattern of each may match
    /// one action, and some resource pattern of each one resource (compared as plain globs
    /// ignoring case, which can only find more overlaps than the real matching). A
    /// `NotAction`, a `NotResource` or an element that is not a list of strings may overlap
    /// anything.
    pub(crate) fn meets(&self, other: &Footprint) -> bool {
        let dimension = |x: &Option<Globs>, y: &Option<Globs>| match (x, y) {
            (Some(x), Some(y)) => x.meet(y),
            _ => true,
        };
        dimension(&self.actions, &other.actions) && dimension(&self.resources, &other.resources)
    }
}

impl Globs {
    fn of(list: Option<Vec<String>>) -> Option<Globs> {
        let mut globs = Globs {
            exact: HashSet::new(),
            wild: Vec::new(),
        };
        for p in list? {
            if p.contains(['*', '?']) {
                globs.wild.push(p);
            } else {
                globs.exact.insert(p.to_ascii_lowercase());
            }
        }
        Some(globs)
    }

    /// Whether some string matches a pattern of each: two equal exact ones are found in the
    /// hash set, only pairs with a wildcard are searched.
    fn meet(&self, other: &Globs) -> bool {
        let (few, many) = if self.exact.len() <= other.exact.len() {
            (self, other)
        } else {
            (other, self)
        };
        few.exact.iter().any(|p| many.exact.contains(p))
            || self.wild.iter().any(|p| {
                other
                    .exact
                    .iter()
                    .chain(&other.wild)
                    .any(|q| globs_intersect(p, q, true))
            })
            || other
                .wild
                .iter()
                .any(|q| self.exact.iter().any(|p| globs_intersect(p, q, true)))
    }
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

/// A request that `stmt` matches and none of `covering` does, found without the solver
/// ([`guess`]).
fn escaping(policy: &Policy, stmt: &Statement, covering: &[Numbered<'_>]) -> Option<EvalRequest> {
    let variables = policy.expands_variables();
    let score = |r: &EvalRequest| {
        let own = if applies(policy, stmt, r) {
            0
        } else {
            1 + guess::failing(stmt.condition(), r, variables)
        };
        own + covering
            .iter()
            .filter(|(_, c)| applies(policy, c, r))
            .count()
    };
    let confirmed = |r: &EvalRequest| {
        applies(policy, stmt, r) && !covering.iter().any(|(_, c)| applies(policy, c, r))
    };
    let involved: Vec<&Statement> = std::iter::once(stmt)
        .chain(covering.iter().map(|(_, c)| *c))
        .collect();
    let goal = Goal {
        score: &score,
        confirmed: &confirmed,
        conditions: involved.iter().filter_map(|s| s.condition()).collect(),
        resources: guess::resource_texts(&involved),
        variables,
        now: None,
    };
    // the statement's own requests, and the same on the resources the covering statements
    // name (a `Resource *` escapes a `NotResource` only on what it leaves out)
    let own = guess::starts(stmt, variables, false, &[]);
    let elsewhere = guess::on_resources(
        &own,
        &guess::resource_texts(&covering_statements(covering)),
        variables,
    );
    guess::search(&goal, own.into_iter().chain(elsewhere).collect())
}

fn covering_statements<'s>(covering: &[Numbered<'s>]) -> Vec<&'s Statement> {
    covering.iter().map(|(_, c)| *c).collect()
}

/// The policy's vocabulary, built the first time a question needs the solver.
fn built<'v>(
    slot: &'v mut Option<Vocabulary>,
    policy: &Policy,
) -> Result<&'v Vocabulary, Unsupported> {
    match slot {
        Some(v) => Ok(v),
        None => Ok(slot.insert(Vocabulary::of(&[policy])?)),
    }
}

/// Whether the `covering` statements apply to every request `stmt` matches, and if so which
/// of them overlap it: first by a guess ([`escaping`]), then by the solver.
fn covered(
    vocabulary: &mut Option<Vocabulary>,
    policy: &Policy,
    (i, stmt): (usize, &Statement),
    covering: &[(usize, &Statement)],
    timeout_ms: u32,
) -> Result<Covered, Unsupported> {
    if let Some(found) = escaping(policy, stmt, covering) {
        return Ok(Covered {
            allow: i,
            verdict: Verdict::Fails(found),
            by: Vec::new(),
        });
    }
    let v = built(vocabulary, policy)?;
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
    Ok(Covered {
        allow: i,
        verdict,
        by,
    })
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
    let footprints: Vec<Footprint> = allows.iter().map(|(_, s)| Footprint::of(s)).collect();
    let mut vocabulary = None;
    let mut redundant: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for ((i, stmt), own) in allows.iter().copied().zip(&footprints).rev() {
        let others: Vec<(usize, &Statement)> = allows
            .iter()
            .zip(&footprints)
            .filter(|((j, _), o)| *j != i && !redundant.contains(j) && own.meets(o))
            .map(|(o, _)| *o)
            .collect();
        if !may_be_covered(stmt, &others) {
            continue;
        }
        let answer = covered(&mut vocabulary, policy, (i, stmt), &others, timeout_ms)?;
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
    let mut vocabulary = None;
    let variables = policy.expands_variables();
    let mut out = Vec::new();
    for (i, stmt) in with_conditions {
        let Some(condition) = stmt.condition() else {
            continue;
        };
        let holds = |r: &EvalRequest| condition_holds(condition, r, variables);
        let timed = condition.pairs().any(|(_, k)| {
            let name = k.key.name.to_ascii_lowercase();
            name == "aws:currenttime" || name == "aws:epochtime"
        });
        // a request that satisfies the condition (from `now` on, when it tests the time),
        // found without the solver: nothing to report
        if satisfied(condition, variables, now.filter(|_| timed)) {
            continue;
        }
        let v = built(&mut vocabulary, policy)?;
        let formula = v.condition(stmt, variables);
        let verdict = witness(
            v,
            &formula,
            &Formula::True,
            Mode::OpenWorld,
            timeout_ms,
            &holds,
        );
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
                    v,
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

/// Whether a request satisfying the condition (with no time key before `now`, when given) is
/// found without the solver ([`guess`]).
fn satisfied(condition: &Condition, variables: bool, now: Option<i64>) -> bool {
    let score = |r: &EvalRequest| {
        guess::failing(Some(condition), r, variables) + now.map_or(0, |now| guess::before(now, r))
    };
    let confirmed = |r: &EvalRequest| {
        condition_holds(condition, r, variables) && now.is_none_or(|now| guess::before(now, r) == 0)
    };
    let goal = Goal {
        score: &score,
        confirmed: &confirmed,
        conditions: vec![condition],
        resources: Vec::new(),
        variables,
        now,
    };
    let start = EvalRequest::new(guess::plain_user(), "x:x", "*");
    guess::search(&goal, vec![start]).is_some()
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
                // an entry that names a catalog action excludes it: nothing to prove
                (!list.is_empty() && !list.iter().any(|p| names_an_action(p))).then_some((i, list))
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

/// Whether some action of the catalog matches the `Action` entry (as `action_matches` does:
/// the whole `service:Action`, ignoring case).
fn names_an_action(pattern: &str) -> bool {
    let catalog = iamlint_catalog::catalog();
    if !pattern.contains(['*', '?']) {
        return catalog.action(pattern).is_some();
    }
    if pattern.matches(':').count() == 1 {
        return !catalog.expand(pattern).is_empty();
    }
    // a wildcard across the colon (`*`, `s3*`): compared with every action's full name
    catalog
        .actions
        .iter()
        .any(|a| iamlint_catalog::glob_match(pattern, &catalog.full_name(a), true))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

    use super::*;
    use crate::testing::policy;

    fn numbered(p: &Policy) -> Vec<Numbered<'_>> {
        p.statements().enumerate().collect()
    }

    /// Footprints meet exactly when some pair of their patterns intersects (as plain globs
    /// ignoring case), whether the patterns are exact or wild; a `NotAction` meets anything.
    #[test]
    fn footprints_meet_where_patterns_intersect() {
        let p = policy(
            r#"{"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["s3:GetObject","ec2:RunInstances"],"Resource":"arn:aws:s3:::b/x"},
              {"Effect":"Allow","Action":"S3:getobject","Resource":"arn:aws:s3:::b/*"},
              {"Effect":"Allow","Action":"s3:Get*","Resource":"*"},
              {"Effect":"Allow","Action":"s3:Put*","Resource":"arn:aws:s3:::b/${aws:username}"},
              {"Effect":"Allow","Action":["ec2:*"],"Resource":"arn:aws:s3:::c"},
              {"Effect":"Deny","NotAction":"s3:*","Resource":"arn:aws:s3:::b/x"}]}"#,
        );
        let s: Vec<Footprint> = p.statements().map(Footprint::of).collect();
        let meets = |i: usize, j: usize| {
            assert_eq!(s[i].meets(&s[j]), s[j].meets(&s[i]), "{i} and {j}");
            s[i].meets(&s[j])
        };
        assert!(meets(0, 1));
        assert!(meets(0, 2));
        assert!(meets(1, 2));
        assert!(!meets(2, 3), "`s3:Get*` and `s3:Put*`");
        assert!(!meets(0, 4), "`arn:aws:s3:::b/x` and `arn:aws:s3:::c`");
        assert!(!meets(1, 3), "`s3:getobject` and `s3:Put*`");
        assert!(meets(3, 5), "a `NotAction` may match any action");
        assert!(!meets(4, 5), "different resources");
    }

    /// A `Resource *` escapes a Deny with `NotResource` only on the resources it leaves out
    /// (as in `AmazonSecurityLakePermissionsBoundary`): the guess tries the resources the
    /// Denies name.
    #[test]
    fn guesses_escape_a_deny_on_what_it_leaves_out() {
        let p = policy(
            r#"{"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["s3:GetObject","kms:Decrypt"],"Resource":"*"},
              {"Effect":"Deny","NotAction":["s3:GetObject","kms:Decrypt"],"Resource":"*"},
              {"Effect":"Deny","Action":"s3:GetObject","NotResource":"arn:aws:s3:::lake*"},
              {"Effect":"Deny","Action":"kms:Decrypt","Resource":"*"}]}"#,
        );
        let s = numbered(&p);
        let found = escaping(&p, s[0].1, &s[1..]).expect("a guess escapes the Denies");
        assert_eq!(found.action, "s3:GetObject");
        assert!(found.resource.starts_with("arn:aws:s3:::lake"), "{found:?}");
    }

    /// An Allow that a Deny covers except where two keys agree: the guess sets both.
    #[test]
    fn guesses_escape_a_deny_through_a_policy_variable() {
        let p = policy(
            r#"{"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"},
              {"Effect":"Deny","Action":"kms:*","Resource":"*","Condition":{"StringNotEquals":
                {"aws:ResourceAccount":"${aws:PrincipalAccount}"}}}]}"#,
        );
        let s = numbered(&p);
        let found = escaping(&p, s[0].1, &s[1..]).expect("a guess escapes the Deny");
        assert_eq!(found.action, "kms:Decrypt");
        let account = found.values("aws:ResourceAccount").expect("set");
        assert_eq!(Some(account), found.values("aws:PrincipalAccount"));
    }

    /// A Deny on every action of the service covers the Allow: no guess escapes it, and the
    /// solver proves it.
    #[test]
    fn no_guess_escapes_a_covering_deny() {
        let p = policy(
            r#"{"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
              {"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#,
        );
        let s = numbered(&p);
        assert_eq!(escaping(&p, s[0].1, &s[1..]), None);
        let shadowed = shadowed_allows(&p, 10_000).expect("encoded");
        assert_eq!(shadowed.len(), 1);
        assert_eq!(shadowed[0].verdict, Verdict::Holds);
        assert_eq!(shadowed[0].by, vec![1]);
    }

    /// A Deny with a condition on another action of the service: a catalog action escapes.
    #[test]
    fn guesses_an_action_the_deny_does_not_name() {
        let p = policy(
            r#"{"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"s3:Get*","Resource":"*"},
              {"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}"#,
        );
        let s = numbered(&p);
        let found = escaping(&p, s[0].1, &s[1..]).expect("escapes");
        assert!(found.action.starts_with("s3:Get") && found.action != "s3:GetObject");
    }

    /// A key the Allow needs present (`Null` false) is given a value.
    #[test]
    fn guesses_a_value_for_a_key_that_must_be_present() {
        let p = policy(
            r#"{"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"Null":
                {"aws:ResourceTag/project":"false"}}},
              {"Effect":"Deny","NotAction":"kms:*","Resource":"*"}]}"#,
        );
        let s = numbered(&p);
        let found = escaping(&p, s[0].1, &s[1..]).expect("escapes");
        assert!(found.values("aws:ResourceTag/project").is_some());
    }

    fn condition_of(p: &Policy) -> &Condition {
        p.statements()
            .next()
            .and_then(Statement::condition)
            .expect("a condition")
    }

    #[test]
    fn guesses_satisfy_bounds_and_refuse_contradictions() {
        let between = policy(
            r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{
              "NumericGreaterThan":{"s3:max-keys":"5"},"NumericLessThan":{"s3:max-keys":"10"}}}}"#,
        );
        assert!(satisfied(condition_of(&between), true, None));
        let never = policy(
            r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{
              "NumericGreaterThan":{"s3:max-keys":"10"},"NumericLessThan":{"s3:max-keys":"5"}}}}"#,
        );
        assert!(!satisfied(condition_of(&never), true, None));
        // not even one absent key helps: both operators need it present
        let unequal = policy(
            r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{
              "StringEquals":{"aws:RequestedRegion":"us-east-1"},
              "StringNotEquals":{"aws:RequestedRegion":"us-east-1"}}}}"#,
        );
        assert!(!satisfied(condition_of(&unequal), true, None));
    }

    #[test]
    fn guesses_respect_the_current_time() {
        let until = policy(
            r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{
              "DateLessThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}}}"#,
        );
        let now = 1_795_392_000; // 2026-11-23
        assert!(satisfied(condition_of(&until), true, None));
        assert!(!satisfied(condition_of(&until), true, Some(now)));
        let from = policy(
            r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{
              "DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}}}"#,
        );
        assert!(satisfied(condition_of(&from), true, Some(now)));
    }
}
