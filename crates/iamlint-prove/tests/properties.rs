//! The prover against the evaluator on random policies over a small vocabulary: whenever the
//! prover says `holds`, no sampled request tells the two policies apart; whenever it says
//! `fails`, its counterexample replays. It may answer `unknown` when Z3 times out on a random
//! case, but rarely (`counted`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::sync::atomic::{AtomicUsize, Ordering};

use iamlint_eval::{PolicyInput, Principal, Request, policy_allows};
use iamlint_model::{Policy, PolicyType};
use iamlint_prove::{Mode, Verdict, equivalent, subset, subset_by_solver};
use proptest::prelude::*;
use proptest::sample::select;

const ACTIONS: &[&str] = &[
    "s3:GetObject",
    "s3:PutObject",
    "s3:ListBucket",
    "ec2:RunInstances",
    "iam:PassRole",
];
const ACTION_PATTERNS: &[&str] = &[
    "s3:GetObject",
    "s3:PutObject",
    "s3:Get*",
    "s3:*",
    "s3:*Object",
    "ec2:RunInstances",
    "ec2:*",
    "iam:PassRole",
    "*",
];
const RESOURCES: &[&str] = &[
    "arn:aws:s3:::b/x",
    "arn:aws:s3:::b/private/y",
    "arn:aws:s3:::b/red/y",
    "arn:aws:s3:::b/red",
    "arn:aws:s3:::c",
    "arn:aws:s3:::c/blue",
    "arn:aws:s3:::b/*",
    "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
    "arn:aws:iam::111122223333:role/r",
    "arn:aws:iam::${aws:PrincipalAccount}:role/r",
    "arn:aws:s3:::c/red/x",
    "arn:aws:s3:::b/red/x/y",
    "*",
];
const RESOURCE_PATTERNS: &[&str] = &[
    "*",
    "arn:aws:s3:::b/*",
    "arn:aws:s3:::b/private/*",
    "arn:aws:s3:::b/x",
    "arn:aws:s3:::c",
    "arn:aws:s3:::*",
    "arn:aws:ec2:*:*:instance/*",
    "arn:aws:iam::111122223333:role/*",
    "arn:aws:s3:::b/${aws:username}/*",
    "arn:aws:s3:::b/${aws:username}",
    "arn:aws:s3:::*/${aws:username}",
    "arn:aws:s3:::b/${*}",
    "arn:aws:s3:::*/${aws:username}/*",
    "arn:aws:iam::${aws:PrincipalAccount}:role/*",
];
/// Condition blocks, each `"Operator":{"key":value}`.
const CONDITIONS: &[&str] = &[
    r#""StringEquals":{"aws:PrincipalTag/team":"red"}"#,
    r#""StringNotEquals":{"aws:PrincipalTag/team":"red"}"#,
    r#""StringLike":{"s3:prefix":"home/*"}"#,
    r#""StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"RED"}"#,
    r#""Bool":{"aws:SecureTransport":"true"}"#,
    r#""BoolIfExists":{"aws:SecureTransport":"false"}"#,
    r#""NumericLessThan":{"s3:max-keys":"10"}"#,
    r#""NumericGreaterThanEquals":{"s3:max-keys":"5"}"#,
    r#""IpAddress":{"aws:SourceIp":"10.0.0.0/8"}"#,
    r#""NotIpAddress":{"aws:SourceIp":"10.1.0.0/16"}"#,
    r#""DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}"#,
    r#""Null":{"aws:PrincipalTag/team":"true"}"#,
    r#""Null":{"s3:prefix":"false"}"#,
    r#""ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}"#,
    r#""ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}"#,
    r#""ArnLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:*"}"#,
    r#""StringEquals":{"aws:PrincipalTag/team":"${aws:username}"}"#,
    r#""StringNotEquals":{"aws:PrincipalTag/team":["${aws:username}","blue"]}"#,
    r#""StringLike":{"s3:prefix":"home/${aws:username}/*"}"#,
    r#""StringEquals":{"s3:prefix":"home/${aws:username, 'red'}"}"#,
    r#""StringLike":{"s3:prefix":"*/${aws:username}"}"#,
    r#""ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:${aws:username}"}"#,
    r#""ArnNotLike":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:${aws:username}"}"#,
    r#""ArnLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:${aws:username}"}"#,
    r#""ArnNotLike":{"aws:SourceArn":"arn:aws:sns:*:*:${aws:username}"}"#,
    r#""StringLike":{"s3:prefix":"*/${aws:username}/*"}"#,
    r#""StringNotLike":{"s3:prefix":"home/*${aws:username}*"}"#,
    r#""StringNotLike":{"s3:prefix":"*/red"}"#,
];
/// Context keys and the values a sampled request may give them.
const CONTEXT: &[(&str, &[&str])] = &[
    ("aws:PrincipalTag/team", &["red", "RED", "blue"]),
    (
        "s3:prefix",
        &[
            "home/x",
            "other",
            "home/red/x",
            "home/red",
            "a/blue",
            "a:b/red",
            "a/red/b",
            "home/blue/red",
            "a/b/red",
        ],
    ),
    ("aws:username", &["red", "blue"]),
    ("aws:SecureTransport", &["true", "false"]),
    ("s3:max-keys", &["3", "7", "12"]),
    ("aws:SourceIp", &["10.1.2.3", "10.2.0.1", "192.0.2.1"]),
    (
        "aws:CurrentTime",
        &["2026-11-23T00:00:00Z", "2031-01-01T00:00:00Z"],
    ),
    ("aws:TagKeys", &["a", "b", "c"]),
    (
        "aws:SourceArn",
        &[
            "arn:aws:sns:us-east-1:111122223333:t",
            "arn:aws:sns:us-east-1:444455556666:t",
            "arn:aws:sns:us-east-1:111122223333:red",
            "arn:aws:sns:eu-west-1:444455556666:blue",
            "arn:aws:sns:us-east-1:111122223333:red:x",
        ],
    ),
];

fn statement() -> impl Strategy<Value = String> {
    (
        prop_oneof![3 => Just("Allow"), 1 => Just("Deny")],
        any::<bool>(),
        prop::collection::vec(select(ACTION_PATTERNS), 1..3),
        prop_oneof![4 => Just(false), 1 => Just(true)],
        prop::collection::vec(select(RESOURCE_PATTERNS), 1..3),
        prop::collection::vec(select(CONDITIONS), 0..3),
    )
        .prop_map(
            |(effect, not_action, actions, not_resource, resources, conditions)| {
                let list = |v: &[&str]| {
                    v.iter()
                        .map(|s| format!("\"{s}\""))
                        .collect::<Vec<_>>()
                        .join(",")
                };
                // one operator per block: repeated operators would be duplicate JSON keys
                let mut ops: Vec<&str> = Vec::new();
                let mut blocks: Vec<&str> = Vec::new();
                for c in conditions {
                    let op = c.split('"').nth(1).unwrap_or("");
                    if !ops.contains(&op) {
                        ops.push(op);
                        blocks.push(c);
                    }
                }
                let condition = if blocks.is_empty() {
                    String::new()
                } else {
                    format!(r#","Condition":{{{}}}"#, blocks.join(","))
                };
                format!(
                    r#"{{"Effect":"{effect}","{}":[{}],"{}":[{}]{condition}}}"#,
                    if not_action && effect == "Deny" {
                        "NotAction"
                    } else {
                        "Action"
                    },
                    list(&actions),
                    if not_resource {
                        "NotResource"
                    } else {
                        "Resource"
                    },
                    list(&resources),
                )
            },
        )
}

fn policy_text() -> impl Strategy<Value = String> {
    prop::collection::vec(statement(), 1..4).prop_map(|s| policy_of(&s))
}

fn policy_of(statements: &[String]) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        statements.join(",")
    )
}

/// A policy and a revision of it, as consecutive versions are: most statements kept word for
/// word, some dropped, widened (no condition, a wider resource or action), narrowed (one more
/// condition) or with more left out of a `NotAction` or `NotResource`, and maybe a new one.
fn revision() -> impl Strategy<Value = (String, String)> {
    (
        prop::collection::vec(statement(), 1..5),
        prop::option::of(select(NOT_ENCODED)),
    )
        .prop_flat_map(|(mut old, odd)| {
            old.extend(odd.map(str::to_owned));
            let n = old.len();
            (
                Just(old),
                prop::collection::vec(0u8..9, n),
                prop::collection::vec(statement(), 0..2),
            )
        })
        .prop_map(|(old, edits, added)| {
            let new: Vec<String> = old
                .iter()
                .zip(edits)
                .filter_map(|(s, e)| revised(s, e))
                .chain(added)
                .collect();
            (policy_of(&old), policy_of(&new))
        })
}

/// Statements whose policy variables are not encoded (a `*` before a variable and two after
/// it, or two before it): a revision that keeps or widens them needs no encoding.
const NOT_ENCODED: &[&str] = &[
    r#"{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::*/${aws:username}/*/*"]}"#,
    r#"{"Effect":"Allow","Action":["s3:*"],"Resource":["arn:aws:s3:::b/*"],"Condition":{"StringLike":{"s3:prefix":"*/*/${aws:username}"}}}"#,
    r#"{"Effect":"Deny","Action":["s3:PutObject"],"Resource":["arn:aws:s3:::*/${aws:username}/*/*"]}"#,
];

/// One statement of [`statement`] after an edit (`None`: dropped).
fn revised(stmt: &str, edit: u8) -> Option<String> {
    let condition = stmt.find(r#","Condition":"#);
    Some(match (edit, condition) {
        (0..=2, _) => stmt.to_owned(),
        (3, _) => return None,
        (4, Some(at)) => format!("{}}}", stmt.get(..at)?),
        (4 | 5, _) => stmt.replacen(r#""Resource":["#, r#""Resource":["arn:aws:s3:::*","#, 1),
        (6, _) => stmt.replacen(r#""Action":["#, r#""Action":["s3:*","#, 1),
        // what a `NotAction` or `NotResource` leaves out grows
        (8, _) => stmt
            .replacen(r#""NotAction":["#, r#""NotAction":["s3:GetObject","#, 1)
            .replacen(
                r#""NotResource":["#,
                r#""NotResource":["arn:aws:s3:::b/*","#,
                1,
            ),
        (_, Some(_)) => stmt.replacen(
            r#""Condition":{"#,
            r#""Condition":{"NumericEquals":{"s3:max-keys":"7"},"#,
            1,
        ),
        (_, None) => format!(
            r#"{},"Condition":{{"NumericEquals":{{"s3:max-keys":"7"}}}}}}"#,
            stmt.strip_suffix('}')?
        ),
    })
}

fn request() -> impl Strategy<Value = Request> {
    (
        select(ACTIONS),
        select(RESOURCES),
        prop::collection::vec((0..CONTEXT.len(), 0usize..3, 0usize..3), 0..6),
    )
        .prop_map(|(action, resource, context)| {
            let mut r = Request::new(
                Principal::Aws {
                    arn: "arn:aws:iam::111122223333:user/x".into(),
                },
                action,
                resource,
            );
            for (k, v, w) in context {
                let (key, values) = CONTEXT[k];
                if r.context.contains_key(&key.to_ascii_lowercase()) {
                    continue;
                }
                r = r.with(key, values[v % values.len()]);
                // only the multivalued key gets a second value (and `aws:username`, which a
                // policy variable then cannot read)
                if (key == "aws:TagKeys" || key == "aws:username") && w > 1 {
                    r = r.with(key, values[w % values.len()]);
                }
            }
            r
        })
}

fn parse(text: &str) -> Policy {
    let parsed = iamlint_syntax::parse(text);
    iamlint_model::lower(parsed.root.as_ref().expect("JSON")).expect("an object")
}

fn allows(p: &Policy, r: &Request) -> bool {
    policy_allows(
        &PolicyInput {
            kind: PolicyType::Identity,
            policy: p,
        },
        r,
    )
}

/// How many answers the property tests checked, and how many of them were `unknown`.
static ANSWERS: AtomicUsize = AtomicUsize::new(0);
static UNDECIDED: AtomicUsize = AtomicUsize::new(0);

/// Counts one answer. `unknown` is a correct answer (it never counts as holds), and the
/// solver may time out on a random case; a larger share than one in fifty (after the first
/// two) means a regression, and fails.
fn counted(verdict: &Verdict) -> Result<(), TestCaseError> {
    let answers = ANSWERS.fetch_add(1, Ordering::Relaxed) + 1;
    if let Verdict::Unknown(why) = verdict {
        let undecided = UNDECIDED.fetch_add(1, Ordering::Relaxed) + 1;
        prop_assert!(
            undecided <= 2 + answers / 50,
            "{undecided} of {answers} answers undecided, the last: {why}"
        );
    }
    Ok(())
}

/// Checks one `subset` answer against the evaluator, and counts it.
fn agrees(
    verdict: &Verdict,
    a: &Policy,
    b: &Policy,
    samples: &[Request],
) -> Result<(), TestCaseError> {
    replays(verdict, a, b, samples)?;
    counted(verdict)
}

/// Checks one `subset` answer against the evaluator.
fn replays(
    verdict: &Verdict,
    a: &Policy,
    b: &Policy,
    samples: &[Request],
) -> Result<(), TestCaseError> {
    match verdict {
        Verdict::Holds => {
            for r in samples {
                prop_assert!(
                    !allows(a, r) || allows(b, r),
                    "the prover said holds, but {r:?} is allowed by the first only"
                );
            }
        }
        Verdict::Fails(r) => {
            prop_assert!(allows(a, r) && !allows(b, r), "{r:?} does not replay");
        }
        Verdict::Unknown(_) => {}
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn subset_agrees_with_the_evaluator(
        a in policy_text(),
        b in policy_text(),
        samples in prop::collection::vec(request(), 40),
    ) {
        let (pa, pb) = (parse(&a), parse(&b));
        for mode in [Mode::ClosedWorld, Mode::OpenWorld] {
            let answer = subset(&pa, &pb, mode, 10_000);
            agrees(&answer.verdict, &pa, &pb, &samples)?;
        }
        // every policy is equivalent to itself
        let itself = equivalent(&pa, &pa, Mode::ClosedWorld, 10_000).verdict;
        counted(&itself)?;
        prop_assert!(matches!(itself, Verdict::Holds | Verdict::Unknown(_)), "{itself:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Revisions share most statements, which the queries leave to the text (a statement kept
    /// or widened needs no proof); the solver alone, without the guesses, must agree too.
    #[test]
    fn revisions_agree_with_the_evaluator(
        (a, b) in revision(),
        samples in prop::collection::vec(request(), 40),
    ) {
        let (pa, pb) = (parse(&a), parse(&b));
        // (statements not encoded make `unknown` common here: it is not counted)
        for (x, y) in [(&pa, &pb), (&pb, &pa)] {
            replays(&subset(x, y, Mode::ClosedWorld, 10_000).verdict, x, y, &samples)?;
            replays(&subset_by_solver(x, y, Mode::ClosedWorld, 10_000).verdict, x, y, &samples)?;
        }
    }
}

const PRINCIPAL_ELEMENTS: &[&str] = &[
    r#""*""#,
    r#"{"AWS":"*"}"#,
    r#"{"AWS":"111122223333"}"#,
    r#"{"AWS":"arn:aws:iam::111122223333:root"}"#,
    r#"{"AWS":"arn:aws:iam::111122223333:role/reader"}"#,
    r#"{"AWS":["arn:aws:iam::111122223333:role/reader","arn:aws:iam::111122223333:root"]}"#,
    r#"{"AWS":"arn:aws:iam::444455556666:user/ann"}"#,
    r#"{"AWS":"arn:aws:sts::111122223333:assumed-role/reader/s1"}"#,
    r#"{"Service":"cloudtrail.amazonaws.com"}"#,
    r#"{"AWS":"444455556666","Service":"lambda.amazonaws.com"}"#,
];
const CALLERS: &[&str] = &[
    "arn:aws:iam::111122223333:root",
    "arn:aws:iam::111122223333:user/bob",
    "arn:aws:iam::111122223333:role/reader",
    "arn:aws:sts::111122223333:assumed-role/reader/s1",
    "arn:aws:sts::111122223333:assumed-role/writer/s1",
    "arn:aws:iam::444455556666:user/ann",
    "arn:aws:iam::444455556666:root",
    "service:cloudtrail.amazonaws.com",
    "service:lambda.amazonaws.com",
    "anonymous",
];

fn resource_statement() -> impl Strategy<Value = String> {
    (statement(), any::<bool>(), select(PRINCIPAL_ELEMENTS)).prop_map(|(stmt, not, principal)| {
        let key = if not { "NotPrincipal" } else { "Principal" };
        // `{"Effect":…` becomes `{"Principal":…,"Effect":…`
        format!(r#"{{"{key}":{principal},{}"#, stmt.trim_start_matches('{'))
    })
}

fn resource_policy_text() -> impl Strategy<Value = String> {
    prop::collection::vec(resource_statement(), 1..4).prop_map(|s| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
            s.join(",")
        )
    })
}

fn allows_resource(p: &Policy, r: &Request) -> bool {
    policy_allows(
        &PolicyInput {
            kind: PolicyType::Resource,
            policy: p,
        },
        r,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    #[test]
    fn resource_policies_agree_with_the_evaluator(
        a in resource_policy_text(),
        b in resource_policy_text(),
        samples in prop::collection::vec((request(), select(CALLERS)), 40),
    ) {
        let (pa, pb) = (parse(&a), parse(&b));
        let samples: Vec<Request> = samples
            .into_iter()
            .map(|(mut r, caller)| {
                r.principal = Principal::parse(caller).expect("a caller");
                r
            })
            .collect();
        let verdict = subset(&pa, &pb, Mode::ClosedWorld, 10_000).verdict;
        counted(&verdict)?;
        match verdict {
            Verdict::Holds => {
                for r in &samples {
                    prop_assert!(
                        !allows_resource(&pa, r) || allows_resource(&pb, r),
                        "the prover said holds, but {r:?} is allowed by the first only"
                    );
                }
            }
            Verdict::Fails(r) => {
                prop_assert!(allows_resource(&pa, &r) && !allows_resource(&pb, &r), "{r:?} does not replay");
            }
            Verdict::Unknown(_) => {}
        }
        // whenever the prover says nothing is public, no sampled anonymous request is allowed
        // (without the keys that tell where a caller is, which may name it)
        if iamlint_prove::no_public_access(&pa, Mode::ClosedWorld, 10_000).verdict == Verdict::Holds {
            for r in &samples {
                let mut anonymous = r.clone();
                anonymous.principal = Principal::Anonymous;
                for key in ["aws:sourceip", "aws:sourcearn", "aws:username"] {
                    anonymous.context.remove(key);
                }
                prop_assert!(!allows_resource(&pa, &anonymous), "{anonymous:?} is public");
            }
        }
    }
}
