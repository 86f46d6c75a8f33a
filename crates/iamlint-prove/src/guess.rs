//! Witnesses found without the solver.
//!
//! Most questions the lint rules ask have an obvious answer. An Allow statement that a Deny
//! overlaps usually escapes it on one of the first requests one would write down from the two
//! statements' text, and most conditions hold for their own values. Before a rule calls the
//! solver, [`search`] tries such requests: a few principals, actions and resources read off
//! the statement, and a context improved one key at a time with values read off the
//! conditions. A request is returned only when the question's own predicate (the evaluator)
//! confirms it, so a guessed witness is as good as the solver's. When no guess works, the
//! solver decides.
//!
//! Every value a guess uses lies in the prover's domain (resources are `*` or six-field
//! ARNs, each key takes values of its operators' family), so a guess never finds a witness
//! the solver could not have found.

use iamlint_catalog::{catalog, glob_match};
use iamlint_eval::{
    PolicyInput, Principal, Request, action_matches, epoch_seconds, pair_holds, policy_allows,
    statement_applies,
};
use iamlint_model::operators::Family;
use iamlint_model::variables::{Piece, VariableKind, parse};
use iamlint_model::{Condition, Effect, Polarity, Policy, PrincipalKind, Statement};

use crate::query::kind_of;

/// How many requests one search may evaluate before it leaves the question to the solver.
const BUDGET: usize = 2000;
/// The work a policy-level search may do, in evaluations times the patterns each compares.
const WORK: usize = 200_000;
/// How many starting requests are improved, best first.
const STARTS: usize = 6;
/// The account of the requests a guess writes.
const ACCOUNT: &str = "111122223333";

/// A change to a request's context: keys (in lower case) set to values, or removed.
type Move = Vec<(String, Option<Vec<String>>)>;

/// What a search looks for.
pub(crate) struct Goal<'a> {
    /// How far a request is from being a witness: 0 when it is one.
    pub score: &'a dyn Fn(&Request) -> usize,
    /// The question's own predicate, which confirms the witness.
    pub confirmed: &'a dyn Fn(&Request) -> bool,
    /// The conditions whose keys the search may set.
    pub conditions: Vec<&'a Condition>,
    /// The resource patterns involved: the keys their policy variables read may be set too,
    /// to the words of the request's resource (`b/${aws:username}/*` against `b/private/x`).
    pub resources: Vec<&'a str>,
    /// Whether policy variables are expanded (policy version 2012-10-17).
    pub variables: bool,
    /// The current time, when the time keys must not lie before it.
    pub now: Option<i64>,
}

/// Looks for a witness, starting from each of `starts`.
pub(crate) fn search(goal: &Goal<'_>, starts: Vec<Request>) -> Option<Request> {
    search_within(goal, starts, BUDGET).0
}

/// [`search`] with a budget of evaluations; also says how many it spent.
fn search_within(goal: &Goal<'_>, starts: Vec<Request>, budget: usize) -> (Option<Request>, usize) {
    let mut spent = 0usize;
    let mut scored: Vec<(usize, Request)> = starts
        .into_iter()
        .map(|r| {
            spent += 1;
            ((goal.score)(&r), r)
        })
        .collect();
    scored.sort_by_key(|(s, _)| *s);
    for (mut score, mut request) in scored.into_iter().take(STARTS) {
        // first improvement, one move at a time, until the request is a witness or no move
        // helps
        'improve: while score > 0 {
            for m in moves(goal, &request) {
                if spent >= budget {
                    return (None, spent);
                }
                spent += 1;
                let next = apply(&request, &m);
                let s = (goal.score)(&next);
                if s < score {
                    score = s;
                    request = next;
                    continue 'improve;
                }
            }
            break;
        }
        if score == 0 && (goal.confirmed)(&request) {
            return (Some(request), spent);
        }
    }
    (None, spent)
}

/// The request with a move applied.
fn apply(request: &Request, m: &Move) -> Request {
    let mut next = request.clone();
    for (key, values) in m {
        match values {
            Some(v) => {
                next.context.insert(key.clone(), v.clone());
            }
            None => {
                next.context.remove(key);
            }
        }
    }
    next
}

/// Every move the conditions suggest for a request: remove a key, or give it one value read
/// off one of its tests.
fn moves(goal: &Goal<'_>, request: &Request) -> Vec<Move> {
    // keys that some operator reads as other than a string keep to their own family's
    // values; the others may also take the plain string `x`
    let typed: Vec<String> = goal
        .conditions
        .iter()
        .flat_map(|c| c.pairs())
        .filter(|(op, _)| {
            op.operator
                .operator
                .is_some_and(|o| !matches!(o.family(), Family::String | Family::Null))
        })
        .map(|(_, key)| key.key.name.to_ascii_lowercase())
        .collect();
    let mut out: Vec<Move> = Vec::new();
    let mut seen: std::collections::HashSet<Move> = std::collections::HashSet::new();
    if goal.variables {
        let mut keys: Vec<String> = Vec::new();
        for text in goal.resources.iter().copied().chain(
            goal.conditions
                .iter()
                .flat_map(|c| c.pairs())
                .flat_map(|(_, key)| key.texts()),
        ) {
            for piece in parse(text) {
                if let Piece::Variable(v) = piece
                    && let Some(k) = v.key()
                {
                    let k = k.to_ascii_lowercase();
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
            }
        }
        let words: Vec<&str> = request
            .resource
            .split(['/', ':'])
            .filter(|w| !w.is_empty() && !w.contains(['*', '?']))
            .collect();
        for k in &keys {
            for w in &words {
                let m: Move = vec![(k.clone(), Some(vec![(*w).to_owned()]))];
                if seen.insert(m.clone()) {
                    out.push(m);
                }
            }
        }
    }
    for condition in &goal.conditions {
        for (op, key) in condition.pairs() {
            let Some(operator) = op.operator.operator else {
                continue;
            };
            let family = operator.family();
            let name = key.key.name.to_ascii_lowercase();
            let mut values: Vec<(String, Move)> = Vec::new();
            for text in key.texts() {
                candidates(family, text, request, goal.variables, &mut values);
            }
            if matches!(family, Family::String | Family::Null) && !typed.contains(&name) {
                values.push(("x".to_owned(), Vec::new()));
            }
            if let Some(now) = goal.now.filter(|_| is_time_key(&name)) {
                values.push((now.to_string(), Vec::new()));
                values.push((now.saturating_add(1).to_string(), Vec::new()));
            }
            let removal: Move = vec![(name.clone(), None)];
            if seen.insert(removal.clone()) {
                out.push(removal);
            }
            for (value, mut m) in values {
                m.push((name.clone(), Some(vec![value])));
                if seen.insert(m.clone()) {
                    out.push(m);
                }
            }
        }
    }
    out
}

/// Values of an operator's family that a test of `text` suggests: the text itself (with
/// wildcards filled), its neighbours for numbers and dates, the address of a range. Each comes
/// with the context its policy variables need.
fn candidates(
    family: Family,
    text: &str,
    request: &Request,
    variables: bool,
    out: &mut Vec<(String, Move)>,
) {
    match family {
        Family::String | Family::Arn => {
            let (s, extra) = instantiate(text, request, variables);
            out.push((s.replace('*', "").replace('?', "x"), extra.clone()));
            out.push((s.replace(['*', '?'], "x"), extra));
        }
        Family::Numeric => {
            if let Ok(n) = text.trim().parse::<f64>()
                && n.is_finite()
            {
                for m in [n, n + 1.0, n - 1.0] {
                    out.push((m.to_string(), Vec::new()));
                }
            }
        }
        Family::Date => {
            if let Some(t) = epoch_seconds(text).filter(|t| t.is_finite()) {
                out.push((text.to_owned(), Vec::new()));
                for m in [t + 1.0, t - 1.0] {
                    out.push((m.to_string(), Vec::new()));
                }
            }
        }
        Family::Ip => {
            if let Some(address) = text.split('/').next() {
                out.push((address.trim().to_owned(), Vec::new()));
            }
            out.push(("192.0.2.1".to_owned(), Vec::new()));
            out.push(("2001:db8::1".to_owned(), Vec::new()));
        }
        Family::Bool => {
            out.push(("true".to_owned(), Vec::new()));
            out.push(("false".to_owned(), Vec::new()));
        }
        Family::Binary => out.push((text.to_owned(), Vec::new())),
        Family::Null => {}
    }
}

fn is_time_key(name: &str) -> bool {
    name == "aws:currenttime" || name == "aws:epochtime"
}

/// The text with its policy variables replaced by the request's values (or their defaults,
/// or `x`), and the context that makes the replacement true.
fn instantiate(text: &str, request: &Request, variables: bool) -> (String, Move) {
    if !variables || !text.contains("${") {
        return (text.to_owned(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut extra: Move = Vec::new();
    for piece in parse(text) {
        match piece {
            Piece::Literal(r) => out.push_str(text.get(r).unwrap_or("")),
            Piece::Error(e) => out.push_str(text.get(e.range).unwrap_or("")),
            Piece::Variable(v) => match v.kind {
                VariableKind::Special(c) => out.push(c),
                VariableKind::Key { name, default, .. } => {
                    let lower = name.to_ascii_lowercase();
                    match request.values(&lower) {
                        Some([one]) => out.push_str(one),
                        _ => match default {
                            Some((d, _)) => out.push_str(&d),
                            None => {
                                out.push('x');
                                extra.push((lower, Some(vec!["x".to_owned()])));
                            }
                        },
                    }
                }
            },
        }
    }
    (out, extra)
}

/// The requests a search starts from for a statement: its principals, actions and resources,
/// each written down plainly, with an empty context (but for its resources' variables). With
/// `closed`, only catalog actions; actions written in `avoid` (lower case) come last.
pub(crate) fn starts(
    stmt: &Statement,
    variables: bool,
    closed: bool,
    avoid: &[String],
) -> Vec<Request> {
    combine(stmt, variables, actions(stmt, closed, avoid, None))
}

/// [`starts`] with the actions of one of the statement's patterns only.
fn starts_for(stmt: &Statement, variables: bool, closed: bool, pattern: &str) -> Vec<Request> {
    combine(stmt, variables, actions(stmt, closed, &[], Some(pattern)))
}

/// The statement's principals and resources with the given actions.
fn combine(stmt: &Statement, variables: bool, actions: Vec<String>) -> Vec<Request> {
    let principals = principals(stmt);
    let resources = resources(stmt, variables);
    let mut out = Vec::new();
    for (resource, context) in &resources {
        for action in &actions {
            for principal in &principals {
                let mut r = Request::new(principal.clone(), action, resource);
                r = apply(&r, context);
                out.push(r);
            }
        }
    }
    out
}

/// The requests of `starts` again on each resource that `texts` (resource patterns) spell,
/// with wildcards filled (six-field ARNs only, at most [`ON_RESOURCES`] requests).
pub(crate) fn on_resources(starts: &[Request], texts: &[&str], variables: bool) -> Vec<Request> {
    let empty = Request::new(plain_user(), "", "");
    let mut filled: Vec<(String, Move)> = Vec::new();
    for text in texts {
        let (s, extra) = instantiate(text, &empty, variables);
        let s = s.replace(['*', '?'], "x");
        if s.matches(':').count() >= 5 && !filled.iter().any(|(f, _)| *f == s) {
            filled.push((s, extra));
        }
    }
    let mut out = Vec::new();
    for (resource, context) in &filled {
        for r in starts.iter().filter(|r| r.resource != *resource) {
            if out.len() >= ON_RESOURCES {
                return out;
            }
            let mut moved = apply(r, context);
            moved.resource.clone_from(resource);
            out.push(moved);
        }
    }
    out
}

/// At most this many requests from [`on_resources`].
const ON_RESOURCES: usize = 256;

/// A user of the guesses' account.
pub(crate) fn plain_user() -> Principal {
    Principal::Aws {
        arn: format!("arn:aws:iam::{ACCOUNT}:user/x"),
    }
}

/// Callers a statement names (at most a few), or a plain user.
fn principals(stmt: &Statement) -> Vec<Principal> {
    let mut out = Vec::new();
    match stmt.principals() {
        Some((Polarity::Positive, entry)) => {
            if let Some(element) = entry.value.ok() {
                if element.is_wildcard() {
                    out.push(plain_user());
                    out.push(Principal::Anonymous);
                }
                for e in element.entries() {
                    let Some(list) = e.values.ok() else { continue };
                    for s in list.strings().take(2) {
                        let v = s.value.replace(['*', '?'], "x");
                        let p = match e.kind {
                            Some(PrincipalKind::Aws) if v.len() == 12 => Principal::Aws {
                                arn: format!("arn:aws:iam::{v}:root"),
                            },
                            Some(PrincipalKind::Aws) => Principal::Aws { arn: v },
                            Some(PrincipalKind::Service) => Principal::Service(v),
                            Some(PrincipalKind::Federated) => Principal::Federated(v),
                            Some(PrincipalKind::CanonicalUser) => Principal::CanonicalUser(v),
                            None => continue,
                        };
                        out.push(p);
                    }
                }
            }
        }
        Some((Polarity::Negative, _)) => {
            out.push(plain_user());
            out.push(Principal::Anonymous);
        }
        None => out.push(plain_user()),
    }
    out.truncate(4);
    out
}

/// Actions a statement matches, written down plainly: catalog actions first, then (in open
/// world, where any action may be asked for) the pattern with its wildcards filled. The
/// patterns written in `avoid` come last; with `only`, that pattern alone is used.
fn actions(stmt: &Statement, closed: bool, avoid: &[String], only: Option<&str>) -> Vec<String> {
    let plain: &[&str] = if closed {
        &["s3:GetObject", "ec2:DescribeInstances", "iam:PassRole"]
    } else {
        &[
            "s3:GetObject",
            "ec2:DescribeInstances",
            "iam:PassRole",
            "x:x",
        ]
    };
    let c = catalog();
    let mut out: Vec<String> = Vec::new();
    match stmt.actions() {
        Some((Polarity::Positive, entry)) => {
            let mut patterns: Vec<&str> = match only {
                Some(p) => vec![p],
                None => entry
                    .value
                    .ok()
                    .into_iter()
                    .flat_map(|l| l.strings())
                    .map(|p| p.value.as_str())
                    .collect(),
            };
            // stable: the written order otherwise
            patterns.sort_by_key(|p| avoid.contains(&p.to_ascii_lowercase()));
            for p in patterns {
                if out.len() >= 12 {
                    break;
                }
                if p == "*" {
                    out.extend(plain.iter().map(|s| (*s).to_owned()));
                } else if p.contains(['*', '?']) {
                    out.extend(c.expand(p).iter().take(3).map(|a| c.full_name(a)));
                    if !closed {
                        out.push(p.replace(['*', '?'], "x"));
                    }
                } else if !closed || c.action(p).is_some() {
                    out.push(p.to_owned());
                }
            }
        }
        Some((Polarity::Negative, entry)) => {
            let excluded: Vec<&str> = entry
                .value
                .ok()
                .into_iter()
                .flat_map(|l| l.strings())
                .map(|s| s.value.as_str())
                .collect();
            out.extend(
                plain
                    .iter()
                    .filter(|a| !excluded.iter().any(|p| action_matches(p, a)))
                    .map(|s| (*s).to_owned()),
            );
        }
        None => {}
    }
    out.dedup();
    out.truncate(12);
    out
}

/// Resources a statement matches, written down plainly (`*`, or an ARN with six fields),
/// each with the context its variables need.
fn resources(stmt: &Statement, variables: bool) -> Vec<(String, Move)> {
    let any = format!("arn:aws:x:us-east-1:{ACCOUNT}:x");
    let mut out: Vec<(String, Move)> = Vec::new();
    match stmt.resources() {
        Some((Polarity::Positive, entry)) => {
            let empty = Request::new(plain_user(), "", "");
            for p in entry.value.ok().into_iter().flat_map(|l| l.strings()) {
                if p.value == "*" {
                    out.push(("*".to_owned(), Vec::new()));
                    out.push((any.clone(), Vec::new()));
                    continue;
                }
                let (s, extra) = instantiate(&p.value, &empty, variables);
                let filled = s.replace(['*', '?'], "x");
                if filled.matches(':').count() >= 5 {
                    out.push((filled, extra));
                }
            }
        }
        Some((Polarity::Negative, _)) => {
            out.push(("*".to_owned(), Vec::new()));
            out.push((any, Vec::new()));
        }
        None => {}
    }
    out.truncate(8);
    out
}

/// A request `x` allows and `y` does not (each policy on its own, as the queries compare
/// them), found by a search from each Allow statement of `x`. With `closed`, actions range
/// over the catalog.
pub(crate) fn difference(x: &Policy, y: &Policy, closed: bool) -> Option<Request> {
    difference_in(x, y, closed, None)
}

/// [`difference`] within one family of `x`'s requests (`iamlint diff`): those its statement
/// `stmt` matches with an action matching `pattern` (any action when `None`).
pub(crate) fn family_difference(
    x: &Policy,
    y: &Policy,
    closed: bool,
    stmt: &Statement,
    pattern: Option<&str>,
) -> Option<Request> {
    difference_in(x, y, closed, Some((stmt, pattern)))
}

fn difference_in(
    x: &Policy,
    y: &Policy,
    closed: bool,
    family: Option<(&Statement, Option<&str>)>,
) -> Option<Request> {
    let (kx, ky) = (kind_of(x), kind_of(y));
    let vx = x.expands_variables();
    let vy = y.expands_variables();
    let (x_allows, x_denies) = (with_effect(x, Effect::Allow), with_effect(x, Effect::Deny));
    let (y_allows, y_denies) = (with_effect(y, Effect::Allow), with_effect(y, Effect::Deny));
    // the action patterns `y` allows as written: starting elsewhere finds a difference sooner
    let avoid: Vec<String> = y_allows
        .iter()
        .flat_map(|s| s.action_strings())
        .map(|a| a.value.to_ascii_lowercase())
        .collect();
    // an evaluation costs about as much as the patterns it compares
    let size: usize = x
        .statements()
        .chain(y.statements())
        .map(|s| s.action_strings().count() + s.resource_strings().count() + 1)
        .sum();
    let budget = (WORK / size.max(1)).clamp(1, BUDGET);
    let in_family = |r: &Request| {
        family.is_none_or(|(stmt, pattern)| {
            pattern.is_none_or(|p| glob_match(p, &r.action, true))
                && statement_applies(stmt, kx, r, vx)
        })
    };
    let confirmed = |r: &Request| {
        in_family(r)
            && policy_allows(
                &PolicyInput {
                    kind: kx,
                    policy: x,
                },
                r,
            )
            && !policy_allows(
                &PolicyInput {
                    kind: ky,
                    policy: y,
                },
                r,
            )
    };
    // statements `y` holds in the same words are tried last: they differ only through the
    // other statements
    let written = |s: &Statement| {
        let mut actions: Vec<String> = s.action_strings().map(|a| a.value.clone()).collect();
        actions.sort();
        format!("{}{actions:?}", crate::diff::shape(s))
    };
    let theirs: Vec<String> = y_allows.iter().map(|s| written(s)).collect();
    let mut x_allows = match family {
        Some((stmt, _)) => vec![stmt],
        None => x_allows,
    };
    x_allows.sort_by_cached_key(|s| theirs.contains(&written(s)));
    let mut spent = 0usize;
    for start in &x_allows {
        let score = |r: &Request| {
            let own = if statement_applies(start, kx, r, vx) {
                0
            } else {
                1 + failing(start.condition(), r, vx)
            };
            let denied = x_denies
                .iter()
                .filter(|d| statement_applies(d, kx, r, vx))
                .count();
            let kept = if y_denies.iter().any(|d| statement_applies(d, ky, r, vy)) {
                0
            } else {
                y_allows
                    .iter()
                    .filter(|s| statement_applies(s, ky, r, vy))
                    .count()
            };
            own + denied + kept
        };
        let involved: Vec<&Statement> = std::iter::once(*start)
            .chain(x_denies.iter().copied())
            .chain(y_allows.iter().copied())
            .chain(y_denies.iter().copied())
            .collect();
        let goal = Goal {
            score: &score,
            confirmed: &confirmed,
            conditions: involved.iter().filter_map(|s| s.condition()).collect(),
            resources: resource_texts(&involved),
            variables: vx,
            now: None,
        };
        let left = budget.saturating_sub(spent);
        if left == 0 {
            return None;
        }
        let from = match family {
            // the family's own actions (a long statement's list is cut short)
            Some((stmt, Some(p))) => starts_for(stmt, vx, closed, p),
            _ => starts(start, vx, closed, &avoid),
        };
        let (found, used) = search_within(&goal, from, left);
        spent += used;
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The `Resource` and `NotResource` patterns of statements.
pub(crate) fn resource_texts<'s>(statements: &[&'s Statement]) -> Vec<&'s str> {
    statements
        .iter()
        .flat_map(|s| s.resource_strings())
        .map(|r| r.value.as_str())
        .collect()
}

/// The statements of a policy with an effect.
fn with_effect(policy: &Policy, effect: Effect) -> Vec<&Statement> {
    policy
        .statements()
        .filter(|s| s.effect() == Some(effect))
        .collect()
}

/// How many of a condition's tests fail for a request.
pub(crate) fn failing(condition: Option<&Condition>, request: &Request, variables: bool) -> usize {
    condition.map_or(0, |c| {
        c.pairs()
            .filter(|(op, key)| !pair_holds(op, key, request, variables))
            .count()
    })
}

/// How many of the time keys hold a value before `now`.
pub(crate) fn before(now: i64, request: &Request) -> usize {
    ["aws:currenttime", "aws:epochtime"]
        .iter()
        .filter(|k| {
            request.values(k).is_some_and(|vs| {
                vs.iter()
                    .any(|v| epoch_seconds(v).is_none_or(|t| t < now as f64))
            })
        })
        .count()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

    use super::*;
    use crate::testing::policy;

    fn allow(action: &str, resource: &str, extra: &str) -> Policy {
        policy(&format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":{action},"Resource":"{resource}"{extra}}}]}}"#
        ))
    }

    #[test]
    fn a_difference_read_off_the_larger_policy() {
        let get = allow(r#""s3:Get*""#, "arn:aws:s3:::b/*", "");
        let object = allow(r#""s3:GetObject""#, "arn:aws:s3:::b/*", "");
        assert_eq!(difference(&object, &get, true), None);
        let found = difference(&get, &object, true).expect("a guess");
        // closed world: a catalog action, not the pattern filled in
        assert!(catalog().action(&found.action).is_some(), "{found:?}");
        assert_ne!(found.action, "s3:GetObject");
        assert!(found.resource.starts_with("arn:aws:s3:::b/"));
    }

    #[test]
    fn a_difference_through_a_condition() {
        let plain = allow(r#""s3:GetObject""#, "arn:aws:s3:::b/*", "");
        let secure = allow(
            r#""s3:GetObject""#,
            "arn:aws:s3:::b/*",
            r#","Condition":{"Bool":{"aws:SecureTransport":"true"}}"#,
        );
        assert_eq!(difference(&secure, &plain, true), None);
        let found = difference(&plain, &secure, true).expect("a guess");
        assert_ne!(
            found.values("aws:SecureTransport"),
            Some(&["true".to_owned()][..])
        );
    }

    /// A key a policy variable reads takes the words of the request's resource.
    #[test]
    fn a_variable_takes_a_word_of_the_resource() {
        let private = allow(r#""s3:GetObject""#, "arn:aws:s3:::b/private/*", "");
        let homes = policy(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",
              "NotResource":"arn:aws:s3:::b/${aws:username}/*"}]}"#,
        );
        let found = difference(&private, &homes, true).expect("a guess");
        assert_eq!(
            found.values("aws:username"),
            Some(&["private".to_owned()][..])
        );
    }

    /// A family of `iamlint diff` is searched with its own pattern's actions, however far
    /// down a long list the pattern is.
    #[test]
    fn a_family_from_its_own_pattern() {
        let c = catalog();
        let many: Vec<String> = c
            .expand("s3:*")
            .iter()
            .map(|a| format!("\"{}\"", c.full_name(a)))
            .take(40)
            .collect();
        let old = allow(&format!("[{}]", many.join(",")), "*", "");
        let new = allow(&format!("[{},\"sqs:Get*\"]", many.join(",")), "*", "");
        let stmt = new.statements().next().expect("a statement");
        let found = family_difference(&new, &old, true, stmt, Some("sqs:Get*")).expect("a guess");
        assert!(found.action.starts_with("sqs:Get"), "{found:?}");
        // a family the other version grants as well has no difference
        let first = c
            .expand("s3:*")
            .first()
            .map(|a| c.full_name(a))
            .expect("s3");
        assert_eq!(
            family_difference(&new, &old, true, stmt, Some(&first)),
            None
        );
    }

    /// A policy with many statements gets a smaller budget of evaluations, and the
    /// statements whose actions the other policy names are tried last.
    #[test]
    fn the_new_action_is_found_among_many() {
        let c = catalog();
        let many: Vec<String> = c
            .expand("s3:*")
            .iter()
            .map(|a| c.full_name(a))
            .filter(|a| a != "s3:PutObject")
            .take(40)
            .map(|a| format!("\"{a}\""))
            .collect();
        let old = allow(&format!("[{}]", many.join(",")), "*", "");
        let new = allow(&format!("[{},\"s3:PutObject\"]", many.join(",")), "*", "");
        let found = difference(&new, &old, true).expect("a guess");
        assert_eq!(found.action, "s3:PutObject");
    }
}
