//! Relations between AWS managed policies that can be argued from their text, decided by the
//! prover (issue 6): each `holds` is a proof over every request, each `fails` comes with a
//! counterexample that is replayed through the evaluator here again and checked against the
//! argument. Reads `../shared/data/aws-managed-policies/policies`; skips when it is absent,
//! except under `CI=true`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use iamlint_eval::{PolicyInput, Request, policy_allows};
use iamlint_model::{Policy, PolicyType};
use iamlint_prove::{Mode, Verdict, equivalent, subset};
use iamlint_tests::require_corpus;

const TIMEOUT_MS: u32 = 10_000;

fn load(name: &str) -> Option<Policy> {
    let dir = require_corpus("aws-managed-policies/policies")?;
    let text = std::fs::read_to_string(dir.join(format!("{name}.json"))).expect("read the policy");
    let parsed = iamlint_syntax::parse(&text);
    Some(iamlint_model::lower(parsed.root.as_ref().expect("JSON")).expect("an object"))
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

/// `a ⊆ b` holds, in both modes.
fn holds(a: &str, b: &str) {
    let (Some(pa), Some(pb)) = (load(a), load(b)) else {
        return;
    };
    for mode in [Mode::ClosedWorld, Mode::OpenWorld] {
        let answer = subset(&pa, &pb, mode, TIMEOUT_MS);
        assert_eq!(answer.verdict, Verdict::Holds, "{a} ⊆ {b} ({mode:?})");
    }
}

/// `a ⊆ b` fails (closed world); returns the counterexample after replaying it.
fn fails(a: &str, b: &str) -> Option<Request> {
    let (pa, pb) = (load(a)?, load(b)?);
    match subset(&pa, &pb, Mode::ClosedWorld, TIMEOUT_MS).verdict {
        Verdict::Fails(r) => {
            assert!(
                allows(&pa, &r) && !allows(&pb, &r),
                "{a} ⊆ {b}: {r:?} does not replay"
            );
            Some(r)
        }
        other => panic!("{a} ⊆ {b}: expected a counterexample, got {other:?}"),
    }
}

fn service(r: &Request) -> String {
    r.action
        .split(':')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn verb(r: &Request) -> String {
    r.action
        .split(':')
        .nth(1)
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// `s3:Get*`, `s3:List*`, `s3:Describe*` and the `s3-object-lambda` Get and List actions are
/// all inside `s3:*` and `s3-object-lambda:*`.
#[test]
fn s3_read_only_is_inside_s3_full_access() {
    holds("AmazonS3ReadOnlyAccess", "AmazonS3FullAccess");
}

/// `Action: *` on `Resource: *` allows every request.
#[test]
fn s3_full_access_is_inside_administrator_access() {
    holds("AmazonS3FullAccess", "AdministratorAccess");
}

/// Full access writes too: the counterexample is an S3 action that is not a Get, List or
/// Describe.
#[test]
fn s3_full_access_is_not_inside_s3_read_only() {
    let Some(r) = fails("AmazonS3FullAccess", "AmazonS3ReadOnlyAccess") else {
        return;
    };
    assert!(
        ["s3", "s3-object-lambda"].contains(&service(&r).as_str()),
        "{r:?}"
    );
    assert!(
        !["get", "list", "describe"]
            .iter()
            .any(|v| verb(&r).starts_with(v)),
        "{r:?}"
    );
}

/// PowerUserAccess is `NotAction` iam/organizations/account plus a few of those: all inside
/// `*`.
#[test]
fn power_user_is_inside_administrator_access() {
    holds("PowerUserAccess", "AdministratorAccess");
}

/// AdministratorAccess also manages IAM, Organizations and the account, beyond the few
/// actions of those services that PowerUserAccess lists.
#[test]
fn administrator_access_is_not_inside_power_user() {
    let Some(r) = fails("AdministratorAccess", "PowerUserAccess") else {
        return;
    };
    assert!(
        ["iam", "organizations", "account"].contains(&service(&r).as_str()),
        "{r:?}"
    );
}

/// IAM read-only is Get/List/Generate/Simulate of `iam:*`.
#[test]
fn iam_read_only_is_inside_iam_full_access() {
    holds("IAMReadOnlyAccess", "IAMFullAccess");
}

/// IAMFullAccess grants `iam:*`, which PowerUserAccess excludes (but for three actions).
#[test]
fn iam_full_access_is_not_inside_power_user() {
    let Some(r) = fails("IAMFullAccess", "PowerUserAccess") else {
        return;
    };
    assert!(
        ["iam", "organizations"].contains(&service(&r).as_str()),
        "{r:?}"
    );
}

/// Six SQS read actions inside `sqs:*`; the reverse fails on a write.
#[test]
fn sqs_read_only_and_full_access() {
    holds("AmazonSQSReadOnlyAccess", "AmazonSQSFullAccess");
    let Some(r) = fails("AmazonSQSFullAccess", "AmazonSQSReadOnlyAccess") else {
        return;
    };
    assert_eq!(service(&r), "sqs", "{r:?}");
}

/// EC2, ELB, CloudWatch and Auto Scaling Describe actions: none is an IAM, Organizations or
/// account action, so PowerUserAccess's `NotAction` admits them all; and ReadOnlyAccess lists
/// each of those patterns.
#[test]
fn ec2_read_only_is_inside_power_user_and_read_only() {
    holds("AmazonEC2ReadOnlyAccess", "PowerUserAccess");
    holds("AmazonEC2ReadOnlyAccess", "ReadOnlyAccess");
}

/// A real gap between two AWS policies: ReadOnlyAccess grants `s3:Get*`, `s3:List*` and only
/// `s3:DescribeJob` of the Describe actions, and only some `s3-object-lambda` actions, while
/// AmazonS3ReadOnlyAccess grants `s3:Describe*` and `s3-object-lambda:Get*`/`List*`.
#[test]
fn s3_read_only_is_not_inside_read_only_access() {
    let Some(r) = fails("AmazonS3ReadOnlyAccess", "ReadOnlyAccess") else {
        return;
    };
    let escapes = (service(&r) == "s3" && verb(&r).starts_with("describe"))
        || service(&r) == "s3-object-lambda";
    assert!(escapes, "{r:?}");
}

/// The v2 DynamoDB policy trims the first one's extra services; it is strictly smaller.
#[test]
fn dynamodb_full_access_v2_is_strictly_smaller() {
    holds("AmazonDynamoDBFullAccess_v2", "AmazonDynamoDBFullAccess");
    let Some(r) = fails("AmazonDynamoDBFullAccess", "AmazonDynamoDBFullAccess_v2") else {
        return;
    };
    assert_ne!(service(&r), "dynamodb", "{r:?}");
}

/// A policy of only a Deny allows nothing, so it is inside every policy and nothing that
/// allows something is inside it.
#[test]
fn deny_all_allows_nothing() {
    holds("AWSDenyAll", "AmazonS3ReadOnlyAccess");
    let Some(r) = fails("AmazonS3ReadOnlyAccess", "AWSDenyAll") else {
        return;
    };
    assert!(
        ["s3", "s3-object-lambda"].contains(&service(&r).as_str()),
        "{r:?}"
    );
}

/// Every policy is equivalent to itself, and equivalence tells a strict inclusion apart.
#[test]
fn equivalence_on_managed_policies() {
    let (Some(admin), Some(power)) = (load("AdministratorAccess"), load("PowerUserAccess")) else {
        return;
    };
    assert_eq!(
        equivalent(&admin, &admin, Mode::ClosedWorld, TIMEOUT_MS).verdict,
        Verdict::Holds
    );
    assert!(matches!(
        equivalent(&admin, &power, Mode::ClosedWorld, TIMEOUT_MS).verdict,
        Verdict::Fails(_)
    ));
}
