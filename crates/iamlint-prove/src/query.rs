//! Queries: subset and equivalence of two policies, each answer `holds`, `fails` with a
//! counterexample that the evaluator has confirmed, or `unknown` with the reason.

use std::time::Instant;

use iamlint_eval::{Decision, PolicyInput, Principal, Request as EvalRequest, decide};
use iamlint_model::{Policy, PolicyType};
use z3::ast::{Bool, Int, Real, Regexp, String as ZString};
use z3::{Model, Params, SatResult, Solver};

use crate::encode::{Request, alphabet};
use crate::ir::{KeyKind, Vocabulary};

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
    let verdict = match Vocabulary::of(&[a, b]) {
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
    let verdict = match Vocabulary::of(&[a, b]) {
        Err(reason) => Verdict::Unknown(reason),
        Ok(v) => match difference(&v, a, b, mode, timeout_ms) {
            Verdict::Holds => difference(&v, b, a, mode, timeout_ms),
            other => other,
        },
    };
    Answer {
        verdict,
        elapsed_ms: start.elapsed().as_millis(),
    }
}

/// Looks for a request that `x` allows and `y` does not.
fn difference(
    vocabulary: &Vocabulary,
    x: &Policy,
    y: &Policy,
    mode: Mode,
    timeout_ms: u32,
) -> Verdict {
    let open = mode == Mode::OpenWorld;
    let (request, domain) = Request::declare(vocabulary, open);
    let solver = Solver::new();
    let mut params = Params::new();
    params.set_u32("timeout", timeout_ms);
    solver.set_params(&params);
    for d in &domain {
        solver.assert(d);
    }
    solver.assert(request.encode(vocabulary, open, &vocabulary.allows(x)));
    solver.assert(
        request
            .encode(vocabulary, open, &vocabulary.allows(y))
            .not(),
    );
    match solver.check() {
        SatResult::Unsat => return Verdict::Holds,
        SatResult::Unknown => {
            let why = solver
                .get_reason_unknown()
                .unwrap_or_else(|| "no reason given".to_owned());
            return Verdict::Unknown(format!("the solver could not decide ({why})"));
        }
        SatResult::Sat => {}
    }
    // prefer readable values, one preference at a time, keeping each that can hold: a catalog
    // action, `*` or an ARN in `aws` and `us-east-1` of account 111122223333, letters and
    // digits, whole numbers (greedy, so the order is the priority)
    // Each try gets a short time budget: a preference the solver cannot settle quickly is
    // dropped, which costs only readability.
    let first = solver.get_model();
    let mut quick = Params::new();
    quick.set_u32("timeout", timeout_ms.min(PREFERENCE_BUDGET_MS));
    solver.set_params(&quick);
    for preference in preferences(vocabulary, &request, first.as_ref()) {
        solver.push();
        solver.assert(&preference);
        if solver.check() != SatResult::Sat {
            solver.pop(1);
        }
    }
    solver.set_params(&params);
    let model = match solver.check() {
        SatResult::Sat => solver.get_model(),
        _ => None,
    };
    let Some(model) = model else {
        return Verdict::Unknown("the solver found a difference but gave no model".to_owned());
    };
    let Some(found) = concretize(vocabulary, &request, &model) else {
        return Verdict::Unknown("internal error: the solver's model could not be read".to_owned());
    };
    // every counterexample is replayed through the evaluator before anyone sees it
    let allowed = |p: &Policy| {
        decide(
            &[PolicyInput {
                kind: PolicyType::Identity,
                policy: p,
            }],
            &found,
        )
        .decision
            == Decision::Allow
    };
    if allowed(x) && !allowed(y) {
        Verdict::Fails(found)
    } else {
        Verdict::Unknown(format!(
            "internal error: the counterexample did not replay through the evaluator: {found:?}"
        ))
    }
}

/// How long the solver may spend on one readability preference.
const PREFERENCE_BUDGET_MS: u32 = 200;

/// Constraints that make a model readable, most important first; value slots that the first
/// model leaves unused get none.
fn preferences(vocabulary: &Vocabulary, request: &Request, first: Option<&Model>) -> Vec<Bool> {
    let mut excluded: Vec<char> = (' '..='~')
        .filter(|c| !c.is_ascii_lowercase() && !c.is_ascii_digit() && !vocabulary.chars.contains(c))
        .filter(|c| !matches!(c, '/' | '-' | '.'))
        .collect();
    let plain = alphabet(&excluded).star();
    let plain_one = alphabet(&excluded);
    excluded.push(':');
    let word = alphabet(&excluded);
    let lower_or_digit = Regexp::union(&[Regexp::range(&'a', &'z'), Regexp::range(&'0', &'9')]);
    let mut out = vec![request.action.ge(Int::from_i64(0))];
    // an unknown action looks like `service:name`
    out.push(request.unknown_action.regex_matches(&Regexp::concat(&[
        word.clone(),
        word.clone().star(),
        Regexp::literal(":"),
        word.clone(),
        word.clone().star(),
    ])));
    out.push(request.resource_star.clone());
    let [partition, service, region, account, resource] = &request.fields;
    out.push(partition.eq(ZString::from("aws")));
    out.push(account.eq(ZString::from("111122223333")));
    out.push(region.eq(ZString::from("us-east-1")));
    out.push(region.regex_matches(&Regexp::concat(&[word.clone(), word.clone().star()])));
    out.push(service.regex_matches(&Regexp::concat(&[word.clone(), word.clone().star()])));
    // a resource part that ends in a letter or digit (`b/x`, not `b/`)
    out.push(resource.regex_matches(&Regexp::concat(&[plain.clone(), lower_or_digit.clone()])));
    out.push(resource.regex_matches(&Regexp::concat(&[plain_one.clone(), plain.clone()])));
    out.push(resource.regex_matches(&plain));
    let is_true = |b: &Bool| {
        first
            .and_then(|m| m.eval(b, true))
            .and_then(|v| v.as_bool())
            == Some(true)
    };
    for (name, slots) in &request.keys {
        let kind = vocabulary.keys.get(name).map(|k| k.kind);
        for s in slots.iter().filter(|s| is_true(&s.used)) {
            match kind {
                Some(KeyKind::Str) => {
                    out.push(s.text.regex_matches(&Regexp::concat(&[
                        lower_or_digit.clone(),
                        lower_or_digit.clone().star(),
                    ])));
                    out.push(
                        s.text
                            .regex_matches(&Regexp::concat(&[plain_one.clone(), plain.clone()])),
                    );
                }
                Some(KeyKind::Num) if is_true(&s.is_num) => {
                    out.push(s.num.eq(Real::from_int(&s.num.to_int())));
                }
                _ => {}
            }
        }
    }
    out
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
        model.eval(&request.unknown_action, true)?.as_string()?
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
        fields.push(model.eval(f, true)?.as_string()?);
    }
    let resource = if star {
        "*".to_owned()
    } else {
        format!("arn:{}", fields.join(":"))
    };
    let account = fields.get(3).filter(|a| !a.is_empty() && !star).cloned();
    let caller_account = account.clone().unwrap_or_else(|| "111122223333".to_owned());
    let principal = Principal::Aws {
        arn: format!("arn:aws:iam::{caller_account}:user/x"),
    };
    let mut out = EvalRequest::new(principal, &action, &resource);
    if account.is_none() {
        out.resource_account = Some(caller_account);
    }
    for (name, slots) in &request.keys {
        let kind = vocabulary.keys.get(name).map(|k| k.kind)?;
        for s in slots {
            if !model.eval(&s.used, true)?.as_bool()? {
                break;
            }
            let value = match kind {
                KeyKind::Str => model.eval(&s.text, true)?.as_string()?,
                KeyKind::Num if model.eval(&s.is_num, true)?.as_bool()? => {
                    number(&model.eval(&s.num, true)?)?
                }
                KeyKind::Num => "x".to_owned(),
            };
            out = out.with(name, &value);
        }
    }
    Some(out)
}
