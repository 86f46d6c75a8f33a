//! Queries: subset and equivalence of two policies, each answer `holds`, `fails` with a
//! counterexample that the evaluator has confirmed, or `unknown` with the reason.

use std::time::Instant;

use iamlint_eval::{
    PolicyInput, Principal, Request as EvalRequest, policy_allows, statement_applies,
};
use iamlint_model::{Policy, PolicyType, Statement};
use z3::ast::Real;
use z3::{Model, Params, SatResult, Solver};

use crate::cover::{Shape, covers};
use crate::encode::Request;
use crate::guess;
use crate::ir::{Atom, Formula, KeyKind, Parts, PrincipalType, Vocabulary};
use crate::statements::Footprint;

/// Which actions exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Actions range over the catalog (the default): `s3:*` equals the list of every S3 action.
    ClosedWorld,
    /// Any action string is possible, as when AWS adds actions: `s3:*` also matches
    /// `s3:SomethingNew`, which matters for `NotAction` and for wildcards.
    OpenWorld,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Holds,
    /// A request that shows the difference, replayed through the evaluator.
    Fails(EvalRequest),
    Unknown(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub verdict: Verdict,
    pub elapsed_ms: u128,
}

/// Whether every request `a` allows, `b` allows too.
pub fn subset(a: &Policy, b: &Policy, mode: Mode, timeout_ms: u32) -> Answer {
    let start = Instant::now();
    // a request read off `a`'s statements may already show the difference (see `guess`)
    let verdict = match guessed_difference(a, b, mode) {
        Some(found) => found,
        None => match Vocabulary::tolerant(&[a, b]) {
            Err(reason) => Verdict::Unknown(reason),
            Ok(v) => difference(&v, a, b, mode, timeout_ms),
        },
    };
    Answer {
        verdict,
        elapsed_ms: start.elapsed().as_millis(),
    }
}

/// [`subset`] without the requests read off the policies: the solver decides every query.
/// For tests, which hold the solver's path to the evaluator on cases the guesses would decide.
#[doc(hidden)]
pub fn subset_by_solver(a: &Policy, b: &Policy, mode: Mode, timeout_ms: u32) -> Answer {
    let start = Instant::now();
    let verdict = match Vocabulary::tolerant(&[a, b]) {
        Err(reason) => Verdict::Unknown(reason),
        Ok(v) => difference(&v, a, b, mode, timeout_ms),
    };
    Answer {
        verdict,
        elapsed_ms: start.elapsed().as_millis(),
    }
}

/// Whether `a` and `b` allow exactly the same requests.
pub fn equivalent(a: &Policy, b: &Policy, mode: Mode, timeout_ms: u32) -> Answer {
    let start = Instant::now();
    let guessed = guessed_difference(a, b, mode).or_else(|| guessed_difference(b, a, mode));
    let verdict = match guessed {
        Some(found) => found,
        None => match Vocabulary::tolerant(&[a, b]) {
            Err(reason) => Verdict::Unknown(reason),
            Ok(v) => match difference(&v, a, b, mode, timeout_ms) {
                Verdict::Holds => difference(&v, b, a, mode, timeout_ms),
                other => other,
            },
        },
    };
    Answer {
        verdict,
        elapsed_ms: start.elapsed().as_millis(),
    }
}

/// Whether `policy` allows none of the requests `probe` allows (`iamlint prove not-granted`,
/// where the probe allows the actions and resources asked about). A counterexample is a
/// request both allow.
pub fn not_granted(policy: &Policy, probe: &Policy, mode: Mode, timeout_ms: u32) -> Answer {
    let start = Instant::now();
    let verdict = match Vocabulary::of(&[policy, probe]) {
        Err(reason) => Verdict::Unknown(reason),
        Ok(v) => witness(
            &v,
            &v.allows(policy),
            &v.allows(probe),
            mode,
            timeout_ms,
            &|r: &EvalRequest| allowed(policy, r) && allowed(probe, r),
        ),
    };
    Answer {
        verdict,
        elapsed_ms: start.elapsed().as_millis(),
    }
}

/// The context keys that tell who or where the caller is. A public caller's values for them
/// are ones the policy does not name: a condition that tests them against specific values
/// (other than `*`) limits access to those callers.
const IDENTITY_KEYS: &[&str] = &[
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:principalisawsservice",
    "aws:principalservicename",
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:sourceowner",
    "aws:sourcevpce",
    "aws:sourcevpc",
    "aws:sourceip",
    "aws:userid",
    "aws:username",
    "kms:calleraccount",
    "s3:dataaccesspointaccount",
    "s3:dataaccesspointarn",
];

/// Whether a resource policy grants nothing to the public: no request from an anonymous
/// caller, or from an AWS caller of an account the policy does not name, whose identity keys
/// ([`IDENTITY_KEYS`]) take values the policy does not name, is allowed. A counterexample is
/// such a request.
pub fn no_public_access(policy: &Policy, mode: Mode, timeout_ms: u32) -> Answer {
    let start = Instant::now();
    let verdict = match Vocabulary::of(&[policy]) {
        Err(reason) => Verdict::Unknown(reason),
        // who may call is a question about resource policies, which name principals
        Ok(_) if kind_of(policy) != PolicyType::Resource => Verdict::Unknown(
            "the policy has no `Principal`: it is not a resource policy, and who may call \
             depends on the identities it is attached to"
                .to_owned(),
        ),
        Ok(v) => public_request(&v, policy, None, mode, timeout_ms),
    };
    Answer {
        verdict,
        elapsed_ms: start.elapsed().as_millis(),
    }
}

/// Whether a public request (as [`no_public_access`] defines it) is allowed by the policy
/// through statement number `statement` (counting every statement from 0): `Fails` with such
/// a request, `Holds` when there is none. `Err` when the policy holds something the prover
/// does not encode.
pub fn public_through(
    policy: &Policy,
    statement: usize,
    timeout_ms: u32,
) -> Result<Verdict, crate::ir::Unsupported> {
    let v = Vocabulary::of(&[policy])?;
    let verdict = public_request(&v, policy, Some(statement), Mode::OpenWorld, timeout_ms);
    // a statement that matches no request at all (a malformed element) proves nothing about
    // what its author meant to grant
    if verdict == Verdict::Holds
        && let Some(s) = policy.statements().nth(statement)
    {
        let at = crate::ir::In::policy(policy);
        let applies = |r: &EvalRequest| statement_applies(s, kind_of(policy), r, at.variables);
        let alone = witness(
            &v,
            &v.statement(s, at),
            &Formula::True,
            Mode::OpenWorld,
            timeout_ms,
            &applies,
        );
        if alone == Verdict::Holds {
            return Ok(Verdict::Unknown(
                "the statement matches no request at all".to_owned(),
            ));
        }
    }
    Ok(verdict)
}

fn public_request(
    v: &Vocabulary,
    policy: &Policy,
    through: Option<usize>,
    mode: Mode,
    timeout_ms: u32,
) -> Verdict {
    let accounts = named_accounts(policy);
    let stmt = through.and_then(|i| policy.statements().nth(i));
    let allows = match stmt {
        Some(s) => Formula::and(vec![
            v.allows(policy),
            v.statement(s, crate::ir::In::policy(policy)),
        ]),
        None => v.allows(policy),
    };
    let outsider = Formula::or(vec![
        Formula::atom(Atom::Caller(PrincipalType::Anonymous)),
        Formula::and(
            std::iter::once(Formula::atom(Atom::Caller(PrincipalType::Aws)))
                .chain(
                    accounts
                        .iter()
                        .map(|a| Formula::not(Formula::atom(Atom::CallerField(4, a.clone())))),
                )
                .collect(),
        ),
    ]);
    let fresh = fresh_identity(v, &allows);
    let public = |r: &EvalRequest| {
        allowed(policy, r)
            && stmt.is_none_or(|s| {
                statement_applies(s, kind_of(policy), r, policy.expands_variables())
            })
            && match &r.principal {
                Principal::Anonymous => true,
                Principal::Aws { .. } => r
                    .principal
                    .account()
                    .is_none_or(|a| !accounts.iter().any(|n| n == a)),
                _ => false,
            }
    };
    match witness(
        v,
        &allows,
        &Formula::and(vec![outsider, fresh]),
        mode,
        timeout_ms,
        &public,
    ) {
        // an anonymous caller shows it best, when it is one
        Verdict::Fails(r) => {
            let mut anonymous = r.clone();
            anonymous.principal = Principal::Anonymous;
            Verdict::Fails(if public(&anonymous) { anonymous } else { r })
        }
        other => other,
    }
}

/// Every 12-digit account id the policy's strings hold (principals, resources, condition
/// values).
fn named_accounts(policy: &Policy) -> Vec<String> {
    let mut texts: Vec<&str> = Vec::new();
    for stmt in policy.statements() {
        for element in [&stmt.principal, &stmt.not_principal] {
            if let Some(p) = element.as_ref().and_then(|e| e.value.ok()) {
                texts.extend(crate::ir::principal_values(p));
            }
        }
        texts.extend(stmt.resource_strings().map(|s| s.value.as_str()));
        if let Some(c) = stmt.condition() {
            for (_, key) in c.pairs() {
                texts.extend(key.texts());
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    for t in texts {
        for run in t.split(|c: char| !c.is_ascii_digit()) {
            if run.len() == 12 && !out.iter().any(|a| a == run) {
                out.push(run.to_owned());
            }
        }
    }
    out
}

/// The caller's identity keys take values the policy does not name: every test of such a key
/// in `formula` (other than a match-all one) fails on every value the key has.
fn fresh_identity(v: &Vocabulary, formula: &Formula) -> Formula {
    let identity = |k: &str| IDENTITY_KEYS.contains(&k);
    // and they have one value each, but for the organization paths
    let mut parts: Vec<Formula> = IDENTITY_KEYS
        .iter()
        .filter(|k| !k.ends_with("orgpaths"))
        .filter(|k| v.keys.get(**k).is_some_and(|var| var.slots > 1))
        .map(|k| Formula::not(Formula::atom(Atom::Used((*k).to_owned(), 1))))
        .collect();
    let mut seen: Vec<&Atom> = Vec::new();
    for atom in formula.atoms() {
        if seen.contains(&atom) {
            continue;
        }
        seen.push(atom);
        let at_slot = |k: &str, make: &dyn Fn(usize) -> Atom| -> Vec<Formula> {
            let slots = v.keys.get(k).map_or(0, |var| var.slots);
            (0..slots)
                .map(|s| Formula::not(Formula::atom(make(s))))
                .collect()
        };
        match atom {
            Atom::StrEq(k, _, value, ic) if identity(k) => {
                parts.extend(at_slot(k, &|s| {
                    Atom::StrEq(k.clone(), s, value.clone(), *ic)
                }));
            }
            Atom::StrLike(k, _, g) if identity(k) && g != "*" => {
                parts.extend(at_slot(k, &|s| Atom::StrLike(k.clone(), s, g.clone())));
            }
            Atom::ArnLike(k, _, p) if identity(k) && p != "*" => {
                parts.extend(at_slot(k, &|s| Atom::ArnLike(k.clone(), s, p.clone())));
            }
            Atom::InCidr(k, _, c) if identity(k) && !c.trim().ends_with("/0") => {
                parts.extend(at_slot(k, &|s| Atom::InCidr(k.clone(), s, c.clone())));
            }
            Atom::StrVar(k, _, t, glob) if identity(k) || t.keys().any(identity) => {
                parts.extend(at_slot(k, &|slot| {
                    Atom::StrVar(k.clone(), slot, t.clone(), *glob)
                }));
            }
            _ => {}
        }
    }
    Formula::and(parts)
}

/// Looks for a request that `x` allows and `y` does not.
///
/// Such a request matches some Allow of `x`, so the question splits into one per Allow that
/// can tell the policies apart ([`pieces`]), each about that Allow and the statements that
/// share a pattern with it, with a vocabulary of its own: the answer fails when one piece
/// does, and holds when every piece does. Each piece is much smaller than the whole.
fn difference(
    vocabulary: &Vocabulary,
    x: &Policy,
    y: &Policy,
    mode: Mode,
    timeout_ms: u32,
) -> Verdict {
    let start = Instant::now();
    let confirmed = |r: &EvalRequest| allowed(x, r) && !allowed(y, r);
    let (x, y) = (vocabulary.parts(x), vocabulary.parts(y));
    let mut undecided: Option<String> = None;
    for (x, y) in pieces(vocabulary, &x, &y) {
        let spent = u32::try_from(start.elapsed().as_millis()).unwrap_or(u32::MAX);
        let Some(left) = timeout_ms.checked_sub(spent).filter(|t| *t > 0) else {
            return Verdict::Unknown(
                undecided
                    .unwrap_or_else(|| format!("the query was not decided within {timeout_ms} ms")),
            );
        };
        let verdict = match Vocabulary::of_parts(&[&x, &y]) {
            Err(reason) => Verdict::Unknown(reason),
            Ok(v) => solve_piece(&v, &v.restated(&x), &v.restated(&y), mode, left, &confirmed),
        };
        match verdict {
            Verdict::Holds => {}
            Verdict::Fails(found) => return Verdict::Fails(found),
            Verdict::Unknown(why) => {
                undecided.get_or_insert(why);
            }
        }
    }
    undecided.map_or(Verdict::Holds, Verdict::Unknown)
}

/// One piece of [`difference`]: a request some Allow of `x` applies to, and that `x` allows
/// and `y` does not.
fn solve_piece(
    v: &Vocabulary,
    x: &Parts<'_>,
    y: &Parts<'_>,
    mode: Mode,
    timeout_ms: u32,
    confirmed: &dyn Fn(&EvalRequest) -> bool,
) -> Verdict {
    let (left, right) = (x.allows(), Formula::not(y.allows()));
    // a test that is not encoded is free in the solver: `holds` then holds whatever its
    // value, but a request found may only show the encoding's freedom
    let free = left
        .unsupported()
        .or_else(|| right.unsupported())
        .map(str::to_owned);
    match witness(v, &left, &right, mode, timeout_ms, confirmed) {
        Verdict::Unknown(why) if why.starts_with(NOT_REPLAYED) => {
            Verdict::Unknown(free.unwrap_or(why))
        }
        verdict => verdict,
    }
}

/// The pieces of [`difference`]: one per Allow of `x` that can tell the policies apart, with
/// the statements of `x` and `y` that share an action or resource pattern with it (the others
/// apply to none of the requests it matches, so they cannot change their outcome), smallest
/// first.
///
/// An Allow of `x` that an Allow of `y` covers (the same formula, or [`covers`] from their
/// text) cannot tell them apart when each Deny of `y` that shares a pattern with it is
/// covered by a Deny of `x`: a request it matches that `x` allows is denied by no Deny of
/// `x`, so by none of `y`, and `y`'s Allow allows it. Consecutive versions of a policy mostly
/// repeat their statements, or widen them, and the solver then sees only what narrowed.
fn pieces<'p>(v: &Vocabulary, x: &Parts<'p>, y: &Parts<'p>) -> Vec<(Parts<'p>, Parts<'p>)> {
    type Listed<'p> = Vec<(&'p Statement, Formula)>;
    let footprints = |list: &Listed<'p>| -> Vec<Footprint> {
        list.iter().map(|(s, _)| Footprint::of(s)).collect()
    };
    let (x_deny, y_allow, y_deny) = (
        footprints(&x.deny),
        footprints(&y.allow),
        footprints(&y.deny),
    );
    let shapes = |p: &Parts<'p>, list: &Listed<'p>| -> Vec<Shape> {
        list.iter().map(|(s, _)| Shape::of(v, s, p.at)).collect()
    };
    let (wider, firmer) = (shapes(y, &y.allow), shapes(x, &x.deny));
    // whether each Deny of `y` is covered by one of `x`
    let denied_by_x: Vec<bool> = y
        .deny
        .iter()
        .zip(shapes(y, &y.deny))
        .map(|((_, f), shape)| {
            x.deny.iter().any(|(_, g)| g == f) || firmer.iter().any(|d| covers(d, &shape))
        })
        .collect();
    let mut out: Vec<(Parts<'p>, Parts<'p>)> = Vec::new();
    for own in &x.allow {
        let footprint = Footprint::of(own.0);
        let near = |prints: &[Footprint]| -> Vec<bool> {
            prints.iter().map(|f| footprint.meets(f)).collect()
        };
        let (x_near, y_allow_near, y_deny_near) = (near(&x_deny), near(&y_allow), near(&y_deny));
        let denies_covered = y_deny_near
            .iter()
            .zip(&denied_by_x)
            .all(|(near, covered)| !near || *covered);
        if denies_covered
            && (y.allow.iter().any(|(_, g)| *g == own.1) || {
                let shape = Shape::of(v, own.0, x.at);
                wider.iter().any(|t| covers(t, &shape))
            })
        {
            continue;
        }
        let keep = |list: &Listed<'p>, near: &[bool]| -> Listed<'p> {
            list.iter()
                .zip(near)
                .filter(|(_, n)| **n)
                .map(|(s, _)| s.clone())
                .collect()
        };
        let x = Parts {
            at: x.at,
            allow: vec![own.clone()],
            deny: keep(&x.deny, &x_near),
        };
        let y = Parts {
            at: y.at,
            allow: keep(&y.allow, &y_allow_near),
            deny: keep(&y.deny, &y_deny_near),
        };
        out.push((x, y));
    }
    out.sort_by_key(|(x, y)| x.deny.len() + y.allow.len() + y.deny.len());
    out
}

/// A request `x` allows and `y` does not, found without the solver, as it is shown.
fn guessed_difference(x: &Policy, y: &Policy, mode: Mode) -> Option<Verdict> {
    let found = guess::difference(x, y, mode == Mode::ClosedWorld)?;
    Some(presented(found, &|r: &EvalRequest| {
        allowed(x, r) && !allowed(y, r)
    }))
}

/// Whether one policy on its own allows the request (the relation every query is about).
pub(crate) fn allowed(policy: &Policy, request: &EvalRequest) -> bool {
    policy_allows(
        &PolicyInput {
            kind: kind_of(policy),
            policy,
        },
        request,
    )
}

/// A policy with a `Principal` or `NotPrincipal` is a resource policy; others are identity
/// policies.
pub(crate) fn kind_of(policy: &Policy) -> PolicyType {
    if policy
        .statements()
        .any(|s| s.principal.is_some() || s.not_principal.is_some())
    {
        PolicyType::Resource
    } else {
        PolicyType::Identity
    }
}

/// Looks for a request that satisfies both formulas; `confirmed` is the evaluator's view of
/// the same question, through which the request is replayed (and made readable) before it is
/// returned. `Holds` means no such request exists.
pub(crate) fn witness(
    vocabulary: &Vocabulary,
    formula: &Formula,
    and: &Formula,
    mode: Mode,
    timeout_ms: u32,
    confirmed: &dyn Fn(&EvalRequest) -> bool,
) -> Verdict {
    let open = mode == Mode::OpenWorld;
    let start = Instant::now();
    // strings the cells would split finely go to the string theory first, which is quicker on
    // most of them; if it cannot decide in time, the fine cells decide with what time is left
    let (mut answer, strings) = solve(
        vocabulary,
        [formula, and],
        open,
        false,
        timeout_ms.min(FIRST_TRY_MS),
    );
    if strings && matches!(answer, Verdict::Unknown(_)) {
        let spent = u32::try_from(start.elapsed().as_millis()).unwrap_or(u32::MAX);
        if spent < timeout_ms {
            answer = solve(vocabulary, [formula, and], open, true, timeout_ms - spent).0;
        }
    }
    let Verdict::Fails(found) = answer else {
        return answer;
    };
    presented(found, confirmed)
}

/// How the answer starts when a counterexample does not replay through the evaluator (a bug,
/// unless the query holds a test that is not encoded).
const NOT_REPLAYED: &str =
    "internal error: the counterexample did not replay through the evaluator";

/// A counterexample as it is shown: replayed through the evaluator (every counterexample is,
/// before anyone sees it), then made readable and given a plain caller.
pub(crate) fn presented(found: EvalRequest, confirmed: &dyn Fn(&EvalRequest) -> bool) -> Verdict {
    if !confirmed(&found) {
        return Verdict::Unknown(format!("{NOT_REPLAYED}: {found:?}"));
    }
    let mut found = readable(found, confirmed);
    // the caller lives in the resource's account, so that `iamlint simulate` with an identity
    // policy alone decides the request as a same-account one
    let account = found
        .resource
        .split(':')
        .nth(4)
        .filter(|a| !a.is_empty())
        .unwrap_or("111122223333")
        .to_owned();
    // else a plain caller of its own account: a user, the root, a role's session
    let own = match &found.principal {
        Principal::Aws { arn } => arn.split(':').nth(4).map(str::to_owned),
        _ => None,
    };
    let mut plain: Vec<String> = vec![format!("arn:aws:iam::{account}:user/x")];
    if let Some(own) = own.filter(|a| !a.is_empty() && *a != account) {
        plain.push(format!("arn:aws:iam::{own}:user/x"));
        plain.push(format!("arn:aws:iam::{own}:root"));
    }
    for arn in plain {
        let mut aligned = found.clone();
        aligned.principal = Principal::Aws { arn };
        if aligned != found && confirmed(&aligned) {
            found = aligned;
            break;
        }
    }
    Verdict::Fails(found)
}

thread_local! {
    /// The solver every query on this thread uses, each within a [`Scope`] (replaced after a
    /// check that did not decide).
    static SOLVER: std::cell::RefCell<Option<Solver>> = const { std::cell::RefCell::new(None) };
    /// The timeout last set on [`SOLVER`].
    static TIMEOUT: std::cell::Cell<Option<u32>> = const { std::cell::Cell::new(None) };
}

/// One query's assertions on the shared solver: opened with `push`, closed with `pop` on
/// every way out.
struct Scope<'a>(&'a Solver);

impl<'a> Scope<'a> {
    fn open(solver: &'a Solver) -> Self {
        solver.push();
        Scope(solver)
    }
}

impl Drop for Scope<'_> {
    fn drop(&mut self) {
        self.0.pop(1);
    }
}

/// How long the first try of a query may take when some string variable uses the string
/// theory, before the query is tried again on fine cells.
const FIRST_TRY_MS: u32 = 1_000;

/// One solver call: the verdict (`Fails` with the model's request, not yet replayed), and
/// whether some string variable used the string theory.
fn solve(
    vocabulary: &Vocabulary,
    [formula, and]: [&Formula; 2],
    open: bool,
    fine: bool,
    timeout_ms: u32,
) -> (Verdict, bool) {
    let (request, domain) = Request::declare(vocabulary, open, &[formula, and], fine);
    let strings = request.uses_strings();
    // `Fails` here carries the model's request, not yet replayed
    let answer = SOLVER.with(|cell| {
        // one solver per thread, each query in its own scope: a fresh solver costs about 4 ms
        // to set up, more than most queries take to solve
        let mut slot = cell.borrow_mut();
        let solver = slot.get_or_insert_with(|| {
            TIMEOUT.with(|t| t.set(None));
            Solver::new()
        });
        let answer = ask(
            solver,
            vocabulary,
            &request,
            &domain,
            open,
            [formula, and],
            timeout_ms,
        );
        // a check that was canceled (time out) or gave up may leave Z3 4.8's solver in a state
        // a later check crashes on: the next query gets a fresh one
        if matches!(answer, Verdict::Unknown(_)) {
            *slot = None;
        }
        answer
    });
    (answer, strings)
}

/// Asks one solver, within its own scope.
fn ask(
    solver: &Solver,
    vocabulary: &Vocabulary,
    request: &Request,
    domain: &[z3::ast::Bool],
    open: bool,
    [formula, and]: [&Formula; 2],
    timeout_ms: u32,
) -> Verdict {
    let _scope = Scope::open(solver);
    // setting parameters costs about as much as a small query: only when they change
    if TIMEOUT.with(|t| t.replace(Some(timeout_ms))) != Some(timeout_ms) {
        let mut params = Params::new();
        params.set_u32("timeout", timeout_ms);
        solver.set_params(&params);
    }
    for d in domain {
        solver.assert(d);
    }
    solver.assert(request.encode(vocabulary, open, formula));
    solver.assert(request.encode(vocabulary, open, and));
    for d in request.definitions() {
        solver.assert(d);
    }
    match solver.check() {
        SatResult::Unsat => Verdict::Holds,
        SatResult::Unknown => {
            let why = solver
                .get_reason_unknown()
                .unwrap_or_else(|| "no reason given".to_owned());
            Verdict::Unknown(format!("the solver could not decide ({why})"))
        }
        SatResult::Sat => match solver.get_model() {
            None => Verdict::Unknown("the solver found a difference but gave no model".to_owned()),
            Some(model) => match concretize(vocabulary, request, &model) {
                Some(found) => Verdict::Fails(found),
                None => Verdict::Unknown(
                    "internal error: the solver's model could not be read".to_owned(),
                ),
            },
        },
    }
}

/// Makes a confirmed request readable without asking the solver again: context keys and
/// values the request does not need are dropped, each value that is not already plain (`aws`,
/// `us-east-1`, `111122223333`, letters, digits and `/-._`) is replaced by a plainer one, and
/// each change is kept only if the evaluator still confirms the request.
fn readable(mut found: EvalRequest, confirmed: &dyn Fn(&EvalRequest) -> bool) -> EvalRequest {
    // applies the edit if the evaluator still confirms the request; says whether it did
    let try_with = |found: &mut EvalRequest, edit: &dyn Fn(&mut EvalRequest)| {
        let mut next = found.clone();
        edit(&mut next);
        let keep = next != *found && confirmed(&next);
        if keep {
            *found = next;
        }
        keep
    };
    // the resource ARN, field by field: partition, region, account, service
    if found.resource != "*" {
        // each field's preferred value first, then (when the value is not plain already)
        // plainer ones; the first the evaluator confirms is kept
        let preferred: [(usize, &str); 3] = [(1, "aws"), (3, "us-east-1"), (4, "111122223333")];
        for (i, ideal) in preferred {
            let Some(current) = found.resource.splitn(6, ':').nth(i).map(str::to_owned) else {
                continue;
            };
            if current == ideal {
                continue;
            }
            let plain = match i {
                3 => current.is_empty() || plain_word(&current),
                4 => {
                    current.is_empty()
                        || (current.len() == 12 && current.bytes().all(|b| b.is_ascii_digit()))
                }
                _ => plain_word(&current),
            };
            let mut candidates = vec![ideal.to_owned()];
            if !plain {
                candidates.push(String::new());
                candidates.extend(plainer(&current));
            }
            for c in candidates {
                if try_with(&mut found, &|r: &mut EvalRequest| {
                    r.resource = with_field(&r.resource, i, &c);
                }) {
                    break;
                }
            }
        }
        // the service: the action's, when the field was left free; else a plainer one
        if let Some(current) = found.resource.split(':').nth(2).map(str::to_owned) {
            let service = found.action.split(':').next().unwrap_or("").to_owned();
            let candidate = if current.is_empty() && plain_word(&service) {
                Some(service)
            } else if !plain_word(&current) {
                plainer(&current)
            } else {
                None
            };
            if let Some(c) = candidate {
                try_with(&mut found, &|r: &mut EvalRequest| {
                    r.resource = with_field(&r.resource, 2, &c);
                });
            }
        }
        // the resource part
        let fields: Vec<String> = found.resource.splitn(6, ':').map(str::to_owned).collect();
        if let [head @ .., part] = fields.as_slice() {
            let head = head.join(":");
            let mut candidates: Vec<String> = plainer(part).into_iter().collect();
            if part.is_empty() || part.ends_with('/') {
                candidates.push(format!("{part}x"));
            }
            for c in candidates {
                if try_with(&mut found, &|r: &mut EvalRequest| {
                    r.resource = format!("{head}:{c}");
                }) {
                    break;
                }
            }
        }
    }
    // the context the request needs: each key that can go, and each value of a multivalued
    // key that can (the solver fills every value slot of the small model)
    let names: Vec<String> = found.context.keys().cloned().collect();
    for key in &names {
        if try_with(&mut found, &|r: &mut EvalRequest| {
            r.context.remove(key);
        }) {
            continue;
        }
        let mut i = 0;
        while i < found.context.get(key).map_or(0, Vec::len) {
            let dropped = try_with(&mut found, &|r: &mut EvalRequest| {
                if let Some(values) = r.context.get_mut(key)
                    && values.len() > 1
                    && i < values.len()
                {
                    values.remove(i);
                }
            });
            if !dropped {
                i += 1;
            }
        }
    }
    // an unknown action (open world)
    if let Some(c) = plainer(&found.action) {
        try_with(&mut found, &|r: &mut EvalRequest| r.action.clone_from(&c));
    }
    // context values
    let keys: Vec<(String, usize, String)> = found
        .context
        .iter()
        .flat_map(|(k, vs)| {
            vs.iter()
                .enumerate()
                .map(|(i, v)| (k.clone(), i, v.clone()))
        })
        .collect();
    // a value the resource spells between slashes (a policy variable, as in a home folder
    // `b/${aws:username}/*`) becomes `x` in both places
    for (key, i, value) in keys.clone() {
        if value.contains('/') || value == "x" {
            continue;
        }
        let (from, to) = (format!("/{value}/"), "/x/");
        try_with(&mut found, &|r: &mut EvalRequest| {
            if let Some(v) = r.context.get_mut(&key).and_then(|vs| vs.get_mut(i)) {
                "x".clone_into(v);
            }
            r.resource = r.resource.replacen(&from, to, 1);
        });
    }
    // empty values that must stay equal to each other (a policy variable compared with
    // another key) become `x` together
    try_with(&mut found, &|r: &mut EvalRequest| {
        for v in r.context.values_mut().flatten() {
            if v.is_empty() {
                v.push('x');
            }
        }
    });
    for (key, i, value) in keys {
        let mut candidates: Vec<String> = plainer(&value).into_iter().collect();
        // `true` rather than `TRUE`
        if value.bytes().any(|b| b.is_ascii_uppercase()) {
            candidates.insert(0, value.to_ascii_lowercase());
        }
        if value.is_empty() {
            candidates.push("x".to_owned());
        }
        for c in candidates {
            if try_with(&mut found, &|r: &mut EvalRequest| {
                if let Some(v) = r.context.get_mut(&key).and_then(|vs| vs.get_mut(i)) {
                    v.clone_from(&c);
                }
            }) {
                break;
            }
        }
    }
    found
}

/// The ARN with its field `i` (0-based, of six) replaced by `value`.
fn with_field(arn: &str, i: usize, value: &str) -> String {
    let mut fields: Vec<&str> = arn.splitn(6, ':').collect();
    if let Some(slot) = fields.get_mut(i) {
        *slot = value;
    }
    fields.join(":")
}

/// Letters, digits and `-`, non-empty.
fn plain_word(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The text with each character other than letters, digits and `/-._:` replaced by `x`, when
/// that changes it.
fn plainer(s: &str) -> Option<String> {
    let out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "/-._:".contains(c) {
                c
            } else {
                'x'
            }
        })
        .collect();
    (out != s).then_some(out)
}

/// A number from the model, as the evaluator will read it back.
fn number(r: &Real) -> Option<String> {
    let (n, d) = r.as_rational()?;
    if d == 1 {
        return Some(n.to_string());
    }
    // an exact decimal when the denominator divides a power of ten
    let (mut d2, mut scale) = (d, 1i64);
    for p in [2, 5] {
        while d2 % p == 0 {
            d2 /= p;
        }
    }
    if d2 == 1 {
        while scale % d != 0 {
            scale = scale.checked_mul(10)?;
        }
        let digits = scale.trailing_zeros();
        let scaled = n.checked_mul(scale / d)?;
        let int = scaled / scale;
        let frac = (scaled % scale).abs();
        let sign = if scaled < 0 && int == 0 { "-" } else { "" };
        return Some(format!(
            "{sign}{int}.{frac:0width$}",
            width = digits as usize
        ));
    }
    Some(format!("{}", n as f64 / d as f64))
}

/// The model as a request for the evaluator.
fn concretize(vocabulary: &Vocabulary, request: &Request, model: &Model) -> Option<EvalRequest> {
    let action_class = model.eval(&request.action, true)?.as_i64()?;
    let action = if action_class < 0 {
        request.unknown_action.value(model)?
    } else {
        vocabulary
            .classes
            .get(usize::try_from(action_class).ok()?)?
            .representative
            .clone()
    };
    let star = model.eval(&request.resource_star, true)?.as_bool()?;
    let mut fields = Vec::new();
    for f in &request.fields {
        fields.push(f.value(model)?);
    }
    let resource = if star {
        "*".to_owned()
    } else {
        format!("arn:{}", fields.join(":"))
    };
    let account = fields.get(3).filter(|a| !a.is_empty() && !star).cloned();
    let caller_account = account.clone().unwrap_or_else(|| "111122223333".to_owned());
    let principal = if vocabulary.principals {
        let name = || request.caller_name.value(model);
        match model.eval(&request.caller, true)?.as_i64()? {
            0 => {
                let mut fields = Vec::new();
                for f in &request.caller_fields {
                    fields.push(f.value(model)?);
                }
                Principal::Aws {
                    arn: format!("arn:{}", fields.join(":")),
                }
            }
            1 => Principal::Service(name()?),
            2 => Principal::Federated(name()?),
            3 => Principal::CanonicalUser(name()?),
            _ => Principal::Anonymous,
        }
    } else {
        Principal::Aws {
            arn: format!("arn:aws:iam::{caller_account}:user/x"),
        }
    };
    let mut out = EvalRequest::new(principal, &action, &resource);
    for (name, slots) in &request.keys {
        let kind = vocabulary.keys.get(name).map(|k| k.kind)?;
        for s in slots {
            if !model.eval(&s.used, true)?.as_bool()? {
                break;
            }
            let value = match kind {
                KeyKind::Str => s.text.value(model)?,
                KeyKind::Num if model.eval(&s.is_num, true)?.as_bool()? => {
                    number(&model.eval(&s.num, true)?)?
                }
                KeyKind::Num => "x".to_owned(),
                KeyKind::Ip if model.eval(&s.is_ip, true)?.as_bool()? => {
                    let high = model.eval(&s.ip.extract(127, 64), true)?.as_u64()?;
                    let low = model.eval(&s.ip.extract(63, 0), true)?.as_u64()?;
                    let bits = (u128::from(high) << 64) | u128::from(low);
                    if model.eval(&s.v6, true)?.as_bool()? {
                        std::net::Ipv6Addr::from(bits).to_string()
                    } else {
                        std::net::Ipv4Addr::from(u32::try_from(bits).ok()?).to_string()
                    }
                }
                KeyKind::Ip => "x".to_owned(),
            };
            out = out.with(name, &value);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The solver fills every value slot of a multivalued key, and sets keys no statement
    /// needed: what the request does not need goes, what it needs stays.
    #[test]
    fn counterexamples_keep_only_the_context_they_need() {
        let mut found = EvalRequest::new(
            Principal::Aws {
                arn: "arn:aws:iam::111122223333:user/x".into(),
            },
            "s3:GetObject",
            "arn:aws:s3:::b/x",
        )
        .with("aws:SecureTransport", "false");
        for tag in ["x", "x", "a", "x", "y"] {
            found = found.with("aws:TagKeys", tag);
        }
        let needs = |r: &EvalRequest| {
            r.values("aws:TagKeys")
                .is_some_and(|v| v.iter().any(|t| t == "a"))
        };
        let shown = readable(found, &needs);
        assert_eq!(shown.values("aws:TagKeys"), Some(&["a".to_owned()][..]));
        assert_eq!(shown.values("aws:SecureTransport"), None);
        assert_eq!(shown.context.len(), 1);
        // two values when two are needed
        let mut found = EvalRequest::new(Principal::Anonymous, "s3:GetObject", "*");
        for tag in ["x", "a", "x", "b"] {
            found = found.with("aws:TagKeys", tag);
        }
        let both = |r: &EvalRequest| {
            r.values("aws:TagKeys")
                .is_some_and(|v| v.iter().any(|t| t == "a") && v.iter().any(|t| t == "b"))
        };
        let shown = readable(found, &both);
        assert_eq!(
            shown.values("aws:TagKeys"),
            Some(&["a".to_owned(), "b".to_owned()][..])
        );
    }
}
