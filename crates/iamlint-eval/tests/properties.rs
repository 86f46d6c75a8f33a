//! Properties of the decision that the IAM User Guide states in general terms ("Policy
//! evaluation logic"), checked over random requests from a small vocabulary.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use iamlint_eval::{Decision, PolicyInput, Principal, Request, decide};
use iamlint_model::{Policy, PolicyType};
use proptest::prelude::*;

fn policy(text: &str) -> Policy {
    let parsed = iamlint_syntax::parse(text);
    iamlint_model::lower(parsed.root.as_ref().expect("a JSON document")).expect("an object")
}

const ACTIONS: &[&str] = &[
    "s3:GetObject",
    "s3:PutObject",
    "s3:ListBucket",
    "ec2:RunInstances",
    "iam:PassRole",
];
const RESOURCES: &[&str] = &[
    "arn:aws:s3:::b/k",
    "arn:aws:s3:::b",
    "arn:aws:s3:::c/k",
    "*",
];
const PATTERNS: &[&str] = &[
    "*",
    "s3:*",
    "s3:Get*",
    "ec2:*",
    "iam:PassRole",
    "s3:?utObject",
];
const RESOURCE_PATTERNS: &[&str] = &["*", "arn:aws:s3:::b/*", "arn:aws:s3:::b", "arn:aws:s3:::*"];

fn statement(effect: &str, a: usize, r: usize) -> String {
    format!(
        r#"{{"Effect":"{effect}","Action":"{}","Resource":"{}"}}"#,
        PATTERNS[a], RESOURCE_PATTERNS[r]
    )
}

fn identity(statements: &[String]) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        statements.join(",")
    )
}

fn request(action: usize, resource: usize) -> Request {
    let mut r = Request::new(
        Principal::parse("arn:aws:iam::111122223333:user/alice").unwrap(),
        ACTIONS[action],
        RESOURCES[resource],
    );
    r.resource_account = Some("111122223333".into());
    r
}

fn decide_one(text: &str, kind: PolicyType, request: &Request) -> Decision {
    let p = policy(text);
    decide(&[PolicyInput { kind, policy: &p }], request).decision
}

proptest! {
    /// An explicit deny that matches wins over every allow.
    #[test]
    fn a_matching_deny_always_wins(allows in proptest::collection::vec((0..PATTERNS.len(), 0..RESOURCE_PATTERNS.len()), 0..4), action in 0..ACTIONS.len(), resource in 0..RESOURCES.len()) {
        let mut statements: Vec<String> = allows.iter().map(|(a, r)| statement("Allow", *a, *r)).collect();
        statements.push(r#"{"Effect":"Deny","Action":"*","Resource":"*"}"#.to_owned());
        prop_assert_eq!(decide_one(&identity(&statements), PolicyType::Identity, &request(action, resource)), Decision::ExplicitDeny);
    }

    /// Adding an Allow statement never takes access away, and the order of statements does not
    /// matter.
    #[test]
    fn allows_are_monotone_and_unordered(allows in proptest::collection::vec((0..PATTERNS.len(), 0..RESOURCE_PATTERNS.len()), 1..5), action in 0..ACTIONS.len(), resource in 0..RESOURCES.len()) {
        let statements: Vec<String> = allows.iter().map(|(a, r)| statement("Allow", *a, *r)).collect();
        let request = request(action, resource);
        let all = decide_one(&identity(&statements), PolicyType::Identity, &request);
        let fewer = decide_one(&identity(&statements[1..]), PolicyType::Identity, &request);
        if fewer == Decision::Allow {
            prop_assert_eq!(all, Decision::Allow);
        }
        let mut reversed = statements.clone();
        reversed.reverse();
        prop_assert_eq!(decide_one(&identity(&reversed), PolicyType::Identity, &request), all);
    }

    /// A permissions boundary never widens access: whatever is allowed with it is allowed
    /// without it.
    #[test]
    fn a_boundary_only_narrows(id in proptest::collection::vec((0..PATTERNS.len(), 0..RESOURCE_PATTERNS.len()), 1..4), pb in proptest::collection::vec((0..PATTERNS.len(), 0..RESOURCE_PATTERNS.len()), 1..4), action in 0..ACTIONS.len(), resource in 0..RESOURCES.len()) {
        let id_text = identity(&id.iter().map(|(a, r)| statement("Allow", *a, *r)).collect::<Vec<_>>());
        let pb_text = identity(&pb.iter().map(|(a, r)| statement("Allow", *a, *r)).collect::<Vec<_>>());
        let (idp, pbp) = (policy(&id_text), policy(&pb_text));
        let request = request(action, resource);
        let with = decide(&[PolicyInput { kind: PolicyType::Identity, policy: &idp }, PolicyInput { kind: PolicyType::Boundary, policy: &pbp }], &request).decision;
        let without = decide(&[PolicyInput { kind: PolicyType::Identity, policy: &idp }], &request).decision;
        let boundary_alone = decide_one(&pb_text, PolicyType::Identity, &request);
        prop_assert_eq!(with == Decision::Allow, without == Decision::Allow && boundary_alone == Decision::Allow);
    }

    /// `NotAction` with Allow is the complement of `Action` with Allow, for one statement.
    #[test]
    fn not_action_is_the_complement(a in 0..PATTERNS.len(), action in 0..ACTIONS.len(), resource in 0..RESOURCES.len()) {
        let with_action = identity(&[format!(r#"{{"Effect":"Allow","Action":"{}","Resource":"*"}}"#, PATTERNS[a])]);
        let with_not = identity(&[format!(r#"{{"Effect":"Allow","NotAction":"{}","Resource":"*"}}"#, PATTERNS[a])]);
        let request = request(action, resource);
        prop_assert_ne!(
            decide_one(&with_action, PolicyType::Identity, &request) == Decision::Allow,
            decide_one(&with_not, PolicyType::Identity, &request) == Decision::Allow
        );
    }
}
