//! Cases written from the AWS documentation; each names the page and the fact it checks.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

use iamlint_eval::{Decision, PolicyInput, Principal, Request, decide};
use iamlint_model::{Policy, PolicyType};

fn policy(text: &str) -> Policy {
    let parsed = iamlint_syntax::parse(text);
    iamlint_model::lower(parsed.root.as_ref().expect("a JSON document")).expect("an object")
}

fn run(policies: &[(PolicyType, &str)], request: &Request) -> Decision {
    let lowered: Vec<(PolicyType, Policy)> =
        policies.iter().map(|(k, t)| (*k, policy(t))).collect();
    let inputs: Vec<PolicyInput<'_>> = lowered
        .iter()
        .map(|(k, p)| PolicyInput {
            kind: *k,
            policy: p,
        })
        .collect();
    decide(&inputs, request).decision
}

fn stmt(effect: &str, action: &str, resource: &str, extra: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"{effect}","Action":{action},"Resource":{resource}{extra}}}]}}"#
    )
}

const ALICE: &str = "arn:aws:iam::111122223333:user/alice";
const OBJECT: &str = "arn:aws:s3:::bucket/key";

fn alice(action: &str, resource: &str) -> Request {
    let mut r = Request::new(Principal::parse(ALICE).unwrap(), action, resource);
    r.resource_account = Some("111122223333".into());
    r
}

use Decision::{Allow, ExplicitDeny, ImplicitDeny};
use PolicyType::{Boundary, Identity, Rcp, Resource, Scp, Session, Trust};

/// A request by `principal` (an ARN or another principal string) on a resource owned by
/// account 111122223333.
fn req(principal: &str, action: &str, resource: &str) -> Request {
    let mut r = Request::new(
        Principal::parse(principal).expect("a principal"),
        action,
        resource,
    );
    r.resource_account = Some("111122223333".into());
    r
}

/// An identity policy allowing everything, under one condition block.
fn allow_if(condition: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"*","Resource":"*","Condition":{condition}}}]}}"#
    )
}

/// Whether an identity policy allowing everything under `condition` allows `request`.
fn holds(condition: &str, request: &Request) -> bool {
    run(&[(Identity, &allow_if(condition))], request) == Allow
}

/// A resource policy with one statement whose principal element is `principal` (JSON).
fn resource_policy(effect: &str, principal: &str, action: &str, resource: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"{effect}","Principal":{principal},"Action":"{action}","Resource":"{resource}"}}]}}"#
    )
}

const BOB: &str = "arn:aws:iam::444455556666:user/bob";
const ROLE: &str = "arn:aws:iam::111122223333:role/app";
const SESSION: &str = "arn:aws:sts::111122223333:assumed-role/app/s1";

#[test]
fn nothing_allowed_is_an_implicit_deny() {
    // "Policy evaluation logic": by default all requests are implicitly denied
    assert_eq!(run(&[], &alice("s3:GetObject", OBJECT)), ImplicitDeny);
}

#[test]
fn an_identity_allow_allows() {
    // "Policy evaluation logic": an explicit allow in an identity-based policy overrides the default
    let id = stmt(
        "Allow",
        r#""s3:GetObject""#,
        r#""arn:aws:s3:::bucket/*""#,
        "",
    );
    assert_eq!(
        run(&[(Identity, &id)], &alice("s3:GetObject", OBJECT)),
        Allow
    );
}

#[test]
fn an_explicit_deny_in_a_bucket_policy_overrides_an_identity_allow() {
    // "Policy evaluation logic": an explicit deny in any policy overrides any allows (acceptance)
    let id = stmt("Allow", r#""s3:*""#, r#""*""#, "");
    let bucket = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}]}"#;
    assert_eq!(
        run(
            &[(Identity, &id), (Resource, bucket)],
            &alice("s3:GetObject", OBJECT)
        ),
        ExplicitDeny
    );
}

#[test]
fn a_same_account_bucket_policy_naming_the_user_allows_alone() {
    // "Policy evaluation logic" (same account): a resource-based policy that names an IAM user
    // grants access even without an identity-based policy (acceptance)
    let bucket = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{ALICE}"}},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}}]}}"#
    );
    assert_eq!(
        run(&[(Resource, &bucket)], &alice("s3:GetObject", OBJECT)),
        Allow
    );
}

#[test]
fn a_bucket_policy_naming_a_role_is_limited_by_the_boundary() {
    // "Policy evaluation logic": a resource-based policy that names a role is limited by the
    // role's permissions boundary (acceptance)
    let session = "arn:aws:sts::111122223333:assumed-role/app/session1";
    let mut req = Request::new(Principal::parse(session).unwrap(), "s3:GetObject", OBJECT);
    req.resource_account = Some("111122223333".into());
    let bucket = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}]}"#;
    let boundary = stmt("Allow", r#""s3:ListBucket""#, r#""*""#, "");
    assert_eq!(run(&[(Resource, bucket)], &req), Allow);
    assert_eq!(
        run(&[(Resource, bucket), (Boundary, &boundary)], &req),
        ImplicitDeny
    );
}

#[test]
fn across_accounts_a_resource_grant_alone_is_not_enough() {
    // "Cross-account policy evaluation logic": both the identity policy in the trusted account
    // and the resource policy in the trusting account must allow (acceptance)
    let bob = "arn:aws:iam::444455556666:user/bob";
    let mut req = Request::new(Principal::parse(bob).unwrap(), "s3:GetObject", OBJECT);
    req.resource_account = Some("111122223333".into());
    let bucket = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{bob}"}},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}}]}}"#
    );
    let id = stmt("Allow", r#""s3:GetObject""#, r#""*""#, "");
    assert_eq!(run(&[(Resource, &bucket)], &req), ImplicitDeny);
    assert_eq!(run(&[(Identity, &id)], &req), ImplicitDeny);
    assert_eq!(run(&[(Resource, &bucket), (Identity, &id)], &req), Allow);
}

#[test]
fn a_permissions_boundary_limits_an_identity_allow() {
    // "Permissions boundaries for IAM entities": effective permissions are the intersection
    let id = stmt("Allow", r#""s3:*""#, r#""*""#, "");
    let pb = stmt("Allow", r#""s3:GetObject""#, r#""*""#, "");
    assert_eq!(
        run(
            &[(Identity, &id), (Boundary, &pb)],
            &alice("s3:GetObject", OBJECT)
        ),
        Allow
    );
    assert_eq!(
        run(
            &[(Identity, &id), (Boundary, &pb)],
            &alice("s3:PutObject", OBJECT)
        ),
        ImplicitDeny
    );
}

#[test]
fn every_scp_level_must_allow() {
    // AWS Organizations, "SCP evaluation": an action must be allowed at every level from the
    // root to the account
    let id = stmt("Allow", r#""*""#, r#""*""#, "");
    let root = stmt("Allow", r#""*""#, r#""*""#, "");
    let ou = stmt("Allow", r#""ec2:*""#, r#""*""#, "");
    assert_eq!(
        run(
            &[(Identity, &id), (Scp, &root), (Scp, &ou)],
            &alice("s3:GetObject", OBJECT)
        ),
        ImplicitDeny
    );
    assert_eq!(
        run(
            &[(Identity, &id), (Scp, &root), (Scp, &ou)],
            &alice("ec2:RunInstances", "*")
        ),
        Allow
    );
}

#[test]
fn a_session_policy_limits_a_session() {
    // "Session policies": the session's permissions are the intersection of the role's
    // identity policies and the session policy
    let session = "arn:aws:sts::111122223333:assumed-role/app/s";
    let req = Request::new(Principal::parse(session).unwrap(), "s3:PutObject", OBJECT);
    let id = stmt("Allow", r#""s3:*""#, r#""*""#, "");
    let sp = stmt("Allow", r#""s3:GetObject""#, r#""*""#, "");
    assert_eq!(run(&[(Identity, &id), (Session, &sp)], &req), ImplicitDeny);
}

#[test]
fn not_action_allows_everything_else() {
    // "IAM JSON policy elements: NotAction": with Allow, every action not listed is allowed
    let id = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}"#;
    assert_eq!(
        run(&[(Identity, id)], &alice("s3:GetObject", OBJECT)),
        Allow
    );
    assert_eq!(
        run(&[(Identity, id)], &alice("iam:CreateUser", "*")),
        ImplicitDeny
    );
}

#[test]
fn not_resource_excludes_the_listed_resources() {
    // "IAM JSON policy elements: NotResource"
    let id = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}]}"#;
    assert_eq!(
        run(&[(Identity, id)], &alice("s3:GetObject", OBJECT)),
        Allow
    );
    assert_eq!(
        run(
            &[(Identity, id)],
            &alice("s3:GetObject", "arn:aws:s3:::secret/k")
        ),
        ImplicitDeny
    );
}

#[test]
fn a_trust_policy_must_name_the_caller() {
    // "Policy evaluation logic": a role trust policy must allow the principal explicitly; an
    // identity policy allowing sts:AssumeRole is not enough on its own
    let role = "arn:aws:iam::111122223333:role/target";
    let id = stmt("Allow", r#""sts:AssumeRole""#, &format!(r#""{role}""#), "");
    let trust_other = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    let trust_account = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}]}"#;
    let req = alice("sts:AssumeRole", role);
    assert_eq!(
        run(&[(Identity, &id), (Trust, trust_other)], &req),
        ImplicitDeny
    );
    // trusting the account delegates to the account's identity policies
    assert_eq!(run(&[(Identity, &id), (Trust, trust_account)], &req), Allow);
    assert_eq!(run(&[(Trust, trust_account)], &req), ImplicitDeny);
}

// ---------------------------------------------------------------------------------------------
// Actions: "IAM JSON policy elements: Action" and "NotAction"
// ---------------------------------------------------------------------------------------------

#[test]
fn action_prefixes_and_names_ignore_case() {
    // "Action": action names and service prefixes are case-insensitive (`iam:listaccesskeys`
    // is the same as `IAM:ListAccessKeys`)
    let id = stmt("Allow", r#""IAM:ListAccessKeys""#, r#""*""#, "");
    assert_eq!(
        run(&[(Identity, &id)], &alice("iam:listaccesskeys", "*")),
        Allow
    );
}

#[test]
fn action_question_mark_is_one_character() {
    // "Action": a wildcard `?` stands for exactly one character
    let id = stmt("Allow", r#""s3:?etObject""#, r#""*""#, "");
    assert_eq!(
        run(&[(Identity, &id)], &alice("s3:GetObject", OBJECT)),
        Allow
    );
    assert_eq!(
        run(&[(Identity, &id)], &alice("s3:GGetObject", OBJECT)),
        ImplicitDeny
    );
}

#[test]
fn action_star_matches_every_action_of_every_service() {
    // "Action": `"Action": "*"` means all actions of all services
    let id = stmt("Allow", r#""*""#, r#""*""#, "");
    assert_eq!(
        run(&[(Identity, &id)], &alice("dynamodb:PutItem", "*")),
        Allow
    );
}

#[test]
fn a_service_wildcard_stays_in_its_service() {
    // "Action": `s3:*` is every Amazon S3 action, and only those
    let id = stmt("Allow", r#""s3:*""#, r#""*""#, "");
    assert_eq!(
        run(
            &[(Identity, &id)],
            &alice("s3-object-lambda:GetObject", "*")
        ),
        ImplicitDeny
    );
    assert_eq!(
        run(&[(Identity, &id)], &alice("s3:DeleteBucket", "*")),
        Allow
    );
}

#[test]
fn a_prefix_wildcard_in_the_name_matches_every_action_starting_with_it() {
    // "Action": `iam:*AccessKey*` matches every IAM action containing `AccessKey`
    let id = stmt("Allow", r#""iam:*AccessKey*""#, r#""*""#, "");
    assert_eq!(
        run(&[(Identity, &id)], &alice("iam:CreateAccessKey", "*")),
        Allow
    );
    assert_eq!(
        run(&[(Identity, &id)], &alice("iam:UpdateAccessKey", "*")),
        Allow
    );
    assert_eq!(
        run(&[(Identity, &id)], &alice("iam:CreateUser", "*")),
        ImplicitDeny
    );
}

#[test]
fn an_action_list_matches_any_of_its_entries() {
    // "Action": several actions are given as an array; any one of them matches
    let id = stmt(
        "Allow",
        r#"["sqs:SendMessage","sqs:ReceiveMessage"]"#,
        r#""*""#,
        "",
    );
    assert_eq!(
        run(&[(Identity, &id)], &alice("sqs:ReceiveMessage", "*")),
        Allow
    );
    assert_eq!(
        run(&[(Identity, &id)], &alice("sqs:DeleteQueue", "*")),
        ImplicitDeny
    );
}

#[test]
fn not_action_with_deny_denies_every_unlisted_action() {
    // "NotAction": with Deny, every action except the listed ones is denied (and the listed
    // ones are neither allowed nor denied by it)
    let id = stmt("Allow", r#""*""#, r#""*""#, "");
    let deny = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*"}]}"#;
    assert_eq!(
        run(
            &[(Identity, &id), (Identity, deny)],
            &alice("s3:GetObject", OBJECT)
        ),
        ExplicitDeny
    );
    assert_eq!(
        run(
            &[(Identity, &id), (Identity, deny)],
            &alice("iam:ListUsers", "*")
        ),
        Allow
    );
    assert_eq!(
        run(&[(Identity, deny)], &alice("iam:ListUsers", "*")),
        ImplicitDeny
    );
}

// ---------------------------------------------------------------------------------------------
// Resources: "IAM JSON policy elements: Resource", "NotResource", and "Amazon Resource Names"
// ---------------------------------------------------------------------------------------------

#[test]
fn a_region_wildcard_matches_any_region_but_not_another_account() {
    // "Resource": wildcards can be used in each colon-separated segment of the ARN
    let id = stmt(
        "Allow",
        r#""ec2:*""#,
        r#""arn:aws:ec2:*:111122223333:instance/*""#,
        "",
    );
    assert_eq!(
        run(
            &[(Identity, &id)],
            &alice(
                "ec2:StopInstances",
                "arn:aws:ec2:eu-west-1:111122223333:instance/i-1"
            )
        ),
        Allow
    );
    assert_eq!(
        run(
            &[(Identity, &id)],
            &alice(
                "ec2:StopInstances",
                "arn:aws:ec2:eu-west-1:999999999999:instance/i-1"
            )
        ),
        ImplicitDeny
    );
}

#[test]
fn a_resource_wildcard_may_cross_slashes_and_colons_in_the_resource_part() {
    // "Resource": in the resource part a wildcard can span `/` (`*/test/*` matches
    // `1/2/test/3/object.jpg`); log-stream ARNs carry `:` in that part
    let id = stmt(
        "Allow",
        r#""logs:PutLogEvents""#,
        r#""arn:aws:logs:us-east-1:111122223333:log-group:app*""#,
        "",
    );
    assert_eq!(
        run(
            &[(Identity, &id)],
            &alice(
                "logs:PutLogEvents",
                "arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:s"
            )
        ),
        Allow
    );
}

#[test]
fn resource_star_matches_actions_that_take_no_resource() {
    // "Resource": actions that do not support resource-level permissions need `"Resource": "*"`;
    // a specific ARN does not match them
    let star = stmt("Allow", r#""s3:ListAllMyBuckets""#, r#""*""#, "");
    let specific = stmt(
        "Allow",
        r#""s3:ListAllMyBuckets""#,
        r#""arn:aws:s3:::bucket""#,
        "",
    );
    assert_eq!(
        run(&[(Identity, &star)], &alice("s3:ListAllMyBuckets", "*")),
        Allow
    );
    assert_eq!(
        run(&[(Identity, &specific)], &alice("s3:ListAllMyBuckets", "*")),
        ImplicitDeny
    );
}

#[test]
fn resource_arns_are_case_sensitive() {
    // "Amazon Resource Names": resource names are case-sensitive (a bucket `Bucket` is not
    // `bucket`)
    let id = stmt(
        "Allow",
        r#""s3:GetObject""#,
        r#""arn:aws:s3:::Bucket/*""#,
        "",
    );
    assert_eq!(
        run(&[(Identity, &id)], &alice("s3:GetObject", OBJECT)),
        ImplicitDeny
    );
}

#[test]
fn a_bucket_arn_does_not_cover_its_objects() {
    // "Resource" (S3 examples): `arn:aws:s3:::bucket` is the bucket; objects need `bucket/*`
    let id = stmt("Allow", r#""s3:*""#, r#""arn:aws:s3:::bucket""#, "");
    assert_eq!(
        run(&[(Identity, &id)], &alice("s3:GetObject", OBJECT)),
        ImplicitDeny
    );
    assert_eq!(
        run(
            &[(Identity, &id)],
            &alice("s3:ListBucket", "arn:aws:s3:::bucket")
        ),
        Allow
    );
}

#[test]
fn a_resource_list_matches_any_of_its_entries() {
    // "Resource": several resources are given as an array; any one matches
    let id = stmt(
        "Allow",
        r#""s3:GetObject""#,
        r#"["arn:aws:s3:::other/*","arn:aws:s3:::bucket/*"]"#,
        "",
    );
    assert_eq!(
        run(&[(Identity, &id)], &alice("s3:GetObject", OBJECT)),
        Allow
    );
}

#[test]
fn not_resource_with_deny_denies_every_other_resource() {
    // "NotResource": with Deny, everything except the listed resources is denied
    let id = stmt("Allow", r#""s3:*""#, r#""*""#, "");
    let deny = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::bucket","arn:aws:s3:::bucket/*"]}]}"#;
    assert_eq!(
        run(
            &[(Identity, &id), (Identity, deny)],
            &alice("s3:GetObject", "arn:aws:s3:::other/k")
        ),
        ExplicitDeny
    );
    assert_eq!(
        run(
            &[(Identity, &id), (Identity, deny)],
            &alice("s3:GetObject", OBJECT)
        ),
        Allow
    );
}

// ---------------------------------------------------------------------------------------------
// Principals: "IAM JSON policy elements: Principal" and "NotPrincipal"
// ---------------------------------------------------------------------------------------------

#[test]
fn principal_star_includes_anonymous_callers() {
    // "Principal": `"Principal": "*"` (or `{"AWS": "*"}`) grants everyone, anonymous users included
    let anonymous = Request::new(Principal::Anonymous, "s3:GetObject", OBJECT);
    for principal in [r#""*""#, r#"{"AWS":"*"}"#] {
        let bucket = resource_policy("Allow", principal, "s3:GetObject", "arn:aws:s3:::bucket/*");
        assert_eq!(
            run(&[(Resource, &bucket)], &anonymous),
            Allow,
            "{principal}"
        );
    }
}

#[test]
fn an_account_id_and_its_root_arn_name_the_same_account() {
    // "Principal": `"AWS": "123456789012"` is the same as `arn:aws:iam::123456789012:root`; it
    // delegates to the account, whose identity policies must then allow (cross account)
    let id = stmt("Allow", r#""s3:GetObject""#, r#""*""#, "");
    for principal in [
        r#"{"AWS":"444455556666"}"#,
        r#"{"AWS":"arn:aws:iam::444455556666:root"}"#,
    ] {
        let bucket = resource_policy("Allow", principal, "s3:GetObject", "arn:aws:s3:::bucket/*");
        assert_eq!(
            run(
                &[(Resource, &bucket), (Identity, &id)],
                &req(BOB, "s3:GetObject", OBJECT)
            ),
            Allow,
            "{principal}"
        );
        assert_eq!(
            run(&[(Resource, &bucket)], &req(BOB, "s3:GetObject", OBJECT)),
            ImplicitDeny,
            "{principal}"
        );
    }
}

#[test]
fn an_account_principal_does_not_match_another_account() {
    // "Principal": an account principal names only that account's identities
    let bucket = resource_policy(
        "Allow",
        r#"{"AWS":"777788889999"}"#,
        "s3:GetObject",
        "arn:aws:s3:::bucket/*",
    );
    let id = stmt("Allow", r#""s3:GetObject""#, r#""*""#, "");
    assert_eq!(
        run(
            &[(Resource, &bucket), (Identity, &id)],
            &req(BOB, "s3:GetObject", OBJECT)
        ),
        ImplicitDeny
    );
}

#[test]
fn a_user_principal_names_only_that_user() {
    // "Principal": an IAM user ARN names that user alone
    let bucket = resource_policy(
        "Allow",
        &format!(r#"{{"AWS":"{ALICE}"}}"#),
        "s3:GetObject",
        "arn:aws:s3:::bucket/*",
    );
    let carol = "arn:aws:iam::111122223333:user/carol";
    assert_eq!(
        run(&[(Resource, &bucket)], &req(carol, "s3:GetObject", OBJECT)),
        ImplicitDeny
    );
}

#[test]
fn a_service_principal_matches_only_that_service() {
    // "Principal" (AWS service principals): `{"Service": "cloudtrail.amazonaws.com"}` grants the
    // service, which calls with no identity policy of its own
    let bucket = resource_policy(
        "Allow",
        r#"{"Service":"cloudtrail.amazonaws.com"}"#,
        "s3:PutObject",
        "arn:aws:s3:::bucket/*",
    );
    assert_eq!(
        run(
            &[(Resource, &bucket)],
            &req("service:cloudtrail.amazonaws.com", "s3:PutObject", OBJECT)
        ),
        Allow
    );
    assert_eq!(
        run(
            &[(Resource, &bucket)],
            &req("service:config.amazonaws.com", "s3:PutObject", OBJECT)
        ),
        ImplicitDeny
    );
}

#[test]
fn a_federated_principal_is_trusted_by_name() {
    // "Principal" (federated web identity): a trust policy names the identity provider
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}"#;
    let google = Request::new(
        Principal::parse("federated:accounts.google.com").unwrap(),
        "sts:AssumeRoleWithWebIdentity",
        ROLE,
    );
    let other = Request::new(
        Principal::parse("federated:www.amazon.com").unwrap(),
        "sts:AssumeRoleWithWebIdentity",
        ROLE,
    );
    assert_eq!(run(&[(Trust, trust)], &google), Allow);
    assert_eq!(run(&[(Trust, trust)], &other), ImplicitDeny);
}

#[test]
fn a_canonical_user_is_named_by_its_id() {
    // "Principal" (canonical user ID, Amazon S3): `{"CanonicalUser": "79a59df9..."}`
    let id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
    let bucket = resource_policy(
        "Allow",
        &format!(r#"{{"CanonicalUser":"{id}"}}"#),
        "s3:GetObject",
        "arn:aws:s3:::bucket/*",
    );
    assert_eq!(
        run(
            &[(Resource, &bucket)],
            &req(&format!("canonical:{id}"), "s3:GetObject", OBJECT)
        ),
        Allow
    );
    assert_eq!(
        run(
            &[(Resource, &bucket)],
            &req("canonical:0000", "s3:GetObject", OBJECT)
        ),
        ImplicitDeny
    );
}

#[test]
fn a_role_principal_covers_the_role_sessions() {
    // "Principal" (IAM roles): naming a role grants its sessions; "Policy evaluation for requests
    // within a single account": such a grant needs the role's boundary to allow
    let bucket = resource_policy(
        "Allow",
        &format!(r#"{{"AWS":"{ROLE}"}}"#),
        "s3:GetObject",
        "arn:aws:s3:::bucket/*",
    );
    assert_eq!(
        run(
            &[(Resource, &bucket)],
            &req(SESSION, "s3:GetObject", OBJECT)
        ),
        Allow
    );
    let other = "arn:aws:sts::111122223333:assumed-role/other/s1";
    assert_eq!(
        run(&[(Resource, &bucket)], &req(other, "s3:GetObject", OBJECT)),
        ImplicitDeny
    );
}

#[test]
fn a_session_principal_names_that_session_only() {
    // "Principal" (role session principals): an assumed-role session ARN names that session
    let bucket = resource_policy(
        "Allow",
        &format!(r#"{{"AWS":"{SESSION}"}}"#),
        "s3:GetObject",
        "arn:aws:s3:::bucket/*",
    );
    assert_eq!(
        run(
            &[(Resource, &bucket)],
            &req(SESSION, "s3:GetObject", OBJECT)
        ),
        Allow
    );
    let s2 = "arn:aws:sts::111122223333:assumed-role/app/s2";
    assert_eq!(
        run(&[(Resource, &bucket)], &req(s2, "s3:GetObject", OBJECT)),
        ImplicitDeny
    );
}

#[test]
fn a_grant_to_a_session_arn_is_not_limited_by_the_boundary_or_session_policy() {
    // "Policy evaluation for requests within a single account": a resource policy that names the
    // session ARN is not limited by implicit denies in the boundary or the session policy
    let bucket = resource_policy(
        "Allow",
        &format!(r#"{{"AWS":"{SESSION}"}}"#),
        "s3:GetObject",
        "arn:aws:s3:::bucket/*",
    );
    let narrow = stmt("Allow", r#""ec2:*""#, r#""*""#, "");
    assert_eq!(
        run(
            &[(Resource, &bucket), (Boundary, &narrow)],
            &req(SESSION, "s3:GetObject", OBJECT)
        ),
        Allow
    );
    assert_eq!(
        run(
            &[(Resource, &bucket), (Session, &narrow)],
            &req(SESSION, "s3:GetObject", OBJECT)
        ),
        Allow
    );
}

#[test]
fn a_grant_to_a_user_arn_is_not_limited_by_the_boundary() {
    // "Permissions boundaries for IAM entities": within an account, an implicit deny in a
    // boundary does not limit what a resource policy grants to an IAM user
    let bucket = resource_policy(
        "Allow",
        &format!(r#"{{"AWS":"{ALICE}"}}"#),
        "s3:GetObject",
        "arn:aws:s3:::bucket/*",
    );
    let narrow = stmt("Allow", r#""ec2:*""#, r#""*""#, "");
    assert_eq!(
        run(
            &[(Resource, &bucket), (Boundary, &narrow)],
            &alice("s3:GetObject", OBJECT)
        ),
        Allow
    );
}

#[test]
fn a_grant_to_a_role_arn_is_limited_by_the_session_policy() {
    // "Session policies": a resource policy naming the role's ARN is limited by the session
    // policy (one naming the session ARN is not)
    let bucket = resource_policy(
        "Allow",
        &format!(r#"{{"AWS":"{ROLE}"}}"#),
        "s3:GetObject",
        "arn:aws:s3:::bucket/*",
    );
    let narrow = stmt("Allow", r#""ec2:*""#, r#""*""#, "");
    assert_eq!(
        run(
            &[(Resource, &bucket), (Session, &narrow)],
            &req(SESSION, "s3:GetObject", OBJECT)
        ),
        ImplicitDeny
    );
}

#[test]
fn a_same_account_grant_to_the_account_needs_an_identity_allow() {
    // "Principal" (AWS account principals): naming an account delegates to it, and its
    // identity policies must grant access (semantics.md U14 for the same-account case)
    let bucket = resource_policy(
        "Allow",
        r#"{"AWS":"111122223333"}"#,
        "s3:GetObject",
        "arn:aws:s3:::bucket/*",
    );
    let id = stmt("Allow", r#""s3:GetObject""#, r#""*""#, "");
    assert_eq!(
        run(&[(Resource, &bucket)], &alice("s3:GetObject", OBJECT)),
        ImplicitDeny
    );
    assert_eq!(
        run(
            &[(Resource, &bucket), (Identity, &id)],
            &alice("s3:GetObject", OBJECT)
        ),
        Allow
    );
}

#[test]
fn not_principal_deny_spares_a_user_listed_with_its_account() {
    // "NotPrincipal": list both the user and its account (`...:root`) to exempt the user
    let bucket = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Deny","NotPrincipal":{{"AWS":["{BOB}","arn:aws:iam::444455556666:root"]}},"Action":"s3:*","Resource":"*"}},{{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}]}}"#
    );
    let id = stmt("Allow", r#""s3:*""#, r#""*""#, "");
    assert_eq!(
        run(
            &[(Resource, &bucket), (Identity, &id)],
            &req(BOB, "s3:GetObject", OBJECT)
        ),
        Allow
    );
    let eve = "arn:aws:iam::444455556666:user/eve";
    assert_eq!(
        run(
            &[(Resource, &bucket), (Identity, &id)],
            &req(eve, "s3:GetObject", OBJECT)
        ),
        ExplicitDeny
    );
}

#[test]
fn not_principal_deny_listing_only_the_user_denies_it() {
    // "NotPrincipal": if the element names only the user, AWS may check the account first and
    // deny it; we evaluate every level of the chain, so the user is denied
    let bucket = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Deny","NotPrincipal":{{"AWS":"{BOB}"}},"Action":"s3:*","Resource":"*"}}]}}"#
    );
    assert_eq!(
        run(&[(Resource, &bucket)], &req(BOB, "s3:GetObject", OBJECT)),
        ExplicitDeny
    );
}

#[test]
fn not_principal_deny_spares_a_session_only_with_its_role_and_account() {
    // "NotPrincipal" (IAM role example): list the session, the role and the account; leaving out
    // the role may deny the role and so the session
    let s = "arn:aws:sts::444455556666:assumed-role/audit/app";
    let role = "arn:aws:iam::444455556666:role/audit";
    let root = "arn:aws:iam::444455556666:root";
    let policy = |listed: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Deny","NotPrincipal":{{"AWS":[{listed}]}},"Action":"s3:*","Resource":"*"}}]}}"#
        )
    };
    let all = policy(&format!(r#""{s}","{role}","{root}""#));
    let no_role = policy(&format!(r#""{s}","{root}""#));
    let request = req(s, "s3:GetObject", OBJECT);
    assert_eq!(run(&[(Resource, &all)], &request), ImplicitDeny);
    assert_eq!(run(&[(Resource, &no_role)], &request), ExplicitDeny);
}

#[test]
fn not_principal_allow_grants_everyone_else_anonymous_included() {
    // "NotPrincipal": with Allow, everyone except the listed principals is granted, which may
    // include anonymous users
    let bucket = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","NotPrincipal":{{"AWS":"{BOB}"}},"Action":"s3:GetObject","Resource":"*"}}]}}"#
    );
    assert_eq!(
        run(
            &[(Resource, &bucket)],
            &Request::new(Principal::Anonymous, "s3:GetObject", OBJECT)
        ),
        Allow
    );
}

#[test]
fn not_principal_deny_always_denies_a_principal_with_a_boundary() {
    // "Permissions boundaries for IAM entities": a resource-policy Deny with NotPrincipal always
    // denies an IAM principal that has a permissions boundary, whatever NotPrincipal lists
    let bucket = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Deny","NotPrincipal":{{"AWS":["{ALICE}","arn:aws:iam::111122223333:root"]}},"Action":"s3:*","Resource":"*"}}]}}"#
    );
    let id = stmt("Allow", r#""s3:*""#, r#""*""#, "");
    assert_eq!(
        run(
            &[(Resource, &bucket), (Identity, &id)],
            &alice("s3:GetObject", OBJECT)
        ),
        Allow
    );
    assert_eq!(
        run(
            &[(Resource, &bucket), (Identity, &id), (Boundary, &id)],
            &alice("s3:GetObject", OBJECT)
        ),
        ExplicitDeny
    );
}

// ---------------------------------------------------------------------------------------------
// Conditions: "IAM JSON policy elements: Condition operators", "Condition", and "Conditions
// with multiple context keys or values"
// ---------------------------------------------------------------------------------------------

fn ctx(pairs: &[(&str, &str)]) -> Request {
    pairs
        .iter()
        .fold(alice("s3:GetObject", OBJECT), |r, (k, v)| r.with(k, v))
}

#[test]
fn string_equals_is_case_sensitive() {
    // "Condition operators" (String): `StringEquals` is an exact, case-sensitive match
    let c = r#"{"StringEquals":{"aws:PrincipalTag/team":"Blue"}}"#;
    assert!(holds(c, &ctx(&[("aws:PrincipalTag/team", "Blue")])));
    assert!(!holds(c, &ctx(&[("aws:PrincipalTag/team", "blue")])));
}

#[test]
fn string_equals_ignore_case_ignores_case() {
    // "Condition operators" (String): `StringEqualsIgnoreCase` ignores case
    let c = r#"{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"BLUE"}}"#;
    assert!(holds(c, &ctx(&[("aws:PrincipalTag/team", "blue")])));
    let n = r#"{"StringNotEqualsIgnoreCase":{"aws:PrincipalTag/team":"BLUE"}}"#;
    assert!(!holds(n, &ctx(&[("aws:PrincipalTag/team", "blue")])));
}

#[test]
fn string_like_takes_star_and_question_mark() {
    // "Condition operators" (String): `StringLike` is case-sensitive, with `*` for any run of
    // characters and `?` for one character, anywhere in the value
    let c = r#"{"StringLike":{"s3:prefix":["home/*","tmp/?"]}}"#;
    assert!(holds(c, &ctx(&[("s3:prefix", "home/alice/docs")])));
    assert!(holds(c, &ctx(&[("s3:prefix", "tmp/x")])));
    assert!(!holds(c, &ctx(&[("s3:prefix", "tmp/xy")])));
    assert!(!holds(c, &ctx(&[("s3:prefix", "HOME/alice")])));
}

#[test]
fn string_equals_treats_star_as_a_character() {
    // "Condition operators" (String): wildcards apply only to the Like operators; under
    // `StringEquals` a `*` is a plain character
    let c = r#"{"StringEquals":{"s3:prefix":"home/*"}}"#;
    assert!(!holds(c, &ctx(&[("s3:prefix", "home/alice")])));
    assert!(holds(c, &ctx(&[("s3:prefix", "home/*")])));
}

#[test]
fn string_not_equals_on_an_absent_key_matches() {
    // "Condition operators": if the key is not in the request context the condition is false,
    // except for negated operators such as `StringNotEquals`, which are true (acceptance)
    let c = r#"{"StringNotEquals":{"aws:PrincipalTag/team":"blue"}}"#;
    assert!(holds(c, &ctx(&[])));
    assert!(!holds(c, &ctx(&[("aws:PrincipalTag/team", "blue")])));
    assert!(holds(c, &ctx(&[("aws:PrincipalTag/team", "red")])));
}

#[test]
fn a_positive_operator_on_an_absent_key_does_not_match() {
    // "Condition operators": a key missing from the request context makes the condition false
    for c in [
        r#"{"StringEquals":{"aws:PrincipalTag/team":"blue"}}"#,
        r#"{"NumericLessThan":{"s3:max-keys":"10"}}"#,
        r#"{"Bool":{"aws:MultiFactorAuthPresent":"false"}}"#,
        r#"{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}"#,
        r#"{"ArnLike":{"aws:SourceArn":"*"}}"#,
    ] {
        assert!(!holds(c, &ctx(&[])), "{c}");
    }
}

#[test]
fn negated_operators_on_absent_keys_all_match() {
    // "Condition operators": the rule holds for every negated operator
    for c in [
        r#"{"StringNotLike":{"aws:PrincipalTag/team":"b*"}}"#,
        r#"{"NumericNotEquals":{"s3:max-keys":"10"}}"#,
        r#"{"DateNotEquals":{"aws:TokenIssueTime":"2020-01-01T00:00:00Z"}}"#,
        r#"{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#,
        r#"{"ArnNotLike":{"aws:SourceArn":"arn:aws:sns:*:*:topic"}}"#,
        r#"{"ArnNotEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:topic"}}"#,
    ] {
        assert!(holds(c, &ctx(&[])), "{c}");
    }
}

#[test]
fn several_values_for_one_key_are_ored() {
    // "Conditions with multiple context keys or values": values of one key under one operator
    // are evaluated with a logical OR
    let c = r#"{"StringEquals":{"aws:PrincipalTag/team":["blue","red"]}}"#;
    assert!(holds(c, &ctx(&[("aws:PrincipalTag/team", "red")])));
    assert!(!holds(c, &ctx(&[("aws:PrincipalTag/team", "green")])));
}

#[test]
fn several_values_under_a_negated_operator_are_nored() {
    // "Conditions with multiple context keys or values": with a negated operator the values are
    // evaluated with a logical NOR
    let c = r#"{"StringNotEquals":{"aws:PrincipalTag/team":["blue","red"]}}"#;
    assert!(!holds(c, &ctx(&[("aws:PrincipalTag/team", "red")])));
    assert!(!holds(c, &ctx(&[("aws:PrincipalTag/team", "blue")])));
    assert!(holds(c, &ctx(&[("aws:PrincipalTag/team", "green")])));
}

#[test]
fn several_keys_under_one_operator_are_anded() {
    // "Conditions with multiple context keys or values": several keys under one operator: AND
    let c = r#"{"StringEquals":{"aws:PrincipalTag/team":"blue","aws:PrincipalTag/env":"prod"}}"#;
    assert!(holds(
        c,
        &ctx(&[
            ("aws:PrincipalTag/team", "blue"),
            ("aws:PrincipalTag/env", "prod")
        ])
    ));
    assert!(!holds(c, &ctx(&[("aws:PrincipalTag/team", "blue")])));
}

#[test]
fn several_operators_are_anded() {
    // "Conditions with multiple context keys or values": several operators in a block: AND
    let c = r#"{"StringEquals":{"aws:PrincipalTag/team":"blue"},"Bool":{"aws:SecureTransport":"true"}}"#;
    assert!(holds(
        c,
        &ctx(&[
            ("aws:PrincipalTag/team", "blue"),
            ("aws:SecureTransport", "true")
        ])
    ));
    assert!(!holds(
        c,
        &ctx(&[
            ("aws:PrincipalTag/team", "blue"),
            ("aws:SecureTransport", "false")
        ])
    ));
}

#[test]
fn condition_key_names_ignore_case() {
    // "Condition": condition key names are not case-sensitive (`aws:SourceIP` is `aws:SourceIp`)
    let c = r#"{"IpAddress":{"AWS:SOURCEIP":"203.0.113.0/24"}}"#;
    assert!(holds(c, &ctx(&[("aws:SourceIp", "203.0.113.7")])));
}

#[test]
fn if_exists_holds_when_the_key_is_absent() {
    // "Condition operators" (...IfExists): if the key is missing, the condition evaluates to true
    let c = r#"{"StringEqualsIfExists":{"ec2:InstanceType":"t3.micro"}}"#;
    assert!(holds(c, &ctx(&[])));
}

#[test]
fn if_exists_checks_the_key_when_present() {
    // "Condition operators" (...IfExists): if the key is present, it is evaluated as the base
    // operator
    let c = r#"{"StringEqualsIfExists":{"ec2:InstanceType":"t3.micro"}}"#;
    assert!(holds(c, &ctx(&[("ec2:InstanceType", "t3.micro")])));
    assert!(!holds(c, &ctx(&[("ec2:InstanceType", "m5.24xlarge")])));
}

#[test]
fn null_true_means_the_key_is_absent() {
    // "Condition operators" (Null): `"true"` holds when the key is absent
    let c = r#"{"Null":{"aws:TokenIssueTime":"true"}}"#;
    assert!(holds(c, &ctx(&[])));
    assert!(!holds(
        c,
        &ctx(&[("aws:TokenIssueTime", "2024-01-01T00:00:00Z")])
    ));
}

#[test]
fn null_false_means_the_key_is_present() {
    // "Condition operators" (Null): `"false"` holds when the key exists and is not null
    let c = r#"{"Null":{"aws:TokenIssueTime":"false"}}"#;
    assert!(!holds(c, &ctx(&[])));
    assert!(holds(
        c,
        &ctx(&[("aws:TokenIssueTime", "2024-01-01T00:00:00Z")])
    ));
}

#[test]
fn numeric_operators_compare_numbers() {
    // "Condition operators" (Numeric): `NumericLessThan` etc. compare numbers
    let c = r#"{"NumericLessThanEquals":{"s3:max-keys":"10"}}"#;
    assert!(holds(c, &ctx(&[("s3:max-keys", "10")])));
    assert!(holds(c, &ctx(&[("s3:max-keys", "9")])));
    assert!(!holds(c, &ctx(&[("s3:max-keys", "11")])));
    assert!(holds(
        r#"{"NumericGreaterThan":{"s3:max-keys":"9"}}"#,
        &ctx(&[("s3:max-keys", "10")])
    ));
    assert!(holds(
        r#"{"NumericEquals":{"s3:max-keys":"10"}}"#,
        &ctx(&[("s3:max-keys", "10.0")])
    ));
}

#[test]
fn numeric_operators_take_decimals() {
    // "Condition operators" (Numeric): values may be integers or decimals
    let c = r#"{"NumericGreaterThanEquals":{"aws:MultiFactorAuthAge":"0.5"}}"#;
    assert!(holds(c, &ctx(&[("aws:MultiFactorAuthAge", "0.75")])));
    assert!(!holds(c, &ctx(&[("aws:MultiFactorAuthAge", "0.25")])));
}

#[test]
fn a_numeric_operator_never_matches_text() {
    // "Condition operators" (Numeric): a value that is not a number does not compare
    assert!(!holds(
        r#"{"NumericEquals":{"s3:max-keys":"ten"}}"#,
        &ctx(&[("s3:max-keys", "10")])
    ));
}

#[test]
fn date_operators_take_iso_8601_and_epoch_times() {
    // "Condition operators" (Date): dates in W3C ISO 8601 format or epoch (UNIX) time
    let iso = r#"{"DateLessThan":{"aws:CurrentTime":"2024-06-30T00:00:00Z"}}"#;
    assert!(holds(
        iso,
        &ctx(&[("aws:CurrentTime", "2024-06-01T12:00:00Z")])
    ));
    assert!(!holds(
        iso,
        &ctx(&[("aws:CurrentTime", "2024-07-01T00:00:00Z")])
    ));
    let epoch = r#"{"DateGreaterThan":{"aws:CurrentTime":"1719705600"}}"#;
    assert!(holds(
        epoch,
        &ctx(&[("aws:CurrentTime", "2024-07-01T00:00:00Z")])
    ));
    assert!(holds(
        r#"{"DateEquals":{"aws:CurrentTime":"2024-06-30"}}"#,
        &ctx(&[("aws:CurrentTime", "1719705600")])
    ));
}

#[test]
fn date_operators_honour_time_zone_offsets() {
    // "Condition operators" (Date): ISO 8601 times carry their offset; 02:00+02:00 is 00:00Z
    let c = r#"{"DateEquals":{"aws:CurrentTime":"2024-06-30T02:00:00+02:00"}}"#;
    assert!(holds(
        c,
        &ctx(&[("aws:CurrentTime", "2024-06-30T00:00:00Z")])
    ));
}

#[test]
fn bool_compares_true_and_false() {
    // "Condition operators" (Boolean): `Bool` matches `true` or `false`
    let c = r#"{"Bool":{"aws:SecureTransport":"true"}}"#;
    assert!(holds(c, &ctx(&[("aws:SecureTransport", "true")])));
    assert!(!holds(c, &ctx(&[("aws:SecureTransport", "false")])));
    // semantics.md U3: the literal's case is not significant
    assert!(holds(
        r#"{"Bool":{"aws:SecureTransport":"True"}}"#,
        &ctx(&[("aws:SecureTransport", "true")])
    ));
}

#[test]
fn bool_false_does_not_match_an_absent_key() {
    // "Condition operators" (Boolean) with the absent-key rule: `Bool false` is not a test for
    // absence (use `BoolIfExists` or `Null`)
    let c = r#"{"Bool":{"aws:MultiFactorAuthPresent":"false"}}"#;
    assert!(!holds(c, &ctx(&[])));
    assert!(holds(
        r#"{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}"#,
        &ctx(&[])
    ));
}

#[test]
fn ip_address_matches_a_cidr_range() {
    // "Condition operators" (IP address): `IpAddress` matches the specified range
    let c = r#"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#;
    assert!(holds(c, &ctx(&[("aws:SourceIp", "203.0.113.200")])));
    assert!(!holds(c, &ctx(&[("aws:SourceIp", "203.0.114.1")])));
}

#[test]
fn a_bare_ip_address_is_a_slash_32() {
    // "Condition operators" (IP address): without a prefix the value is a /32 (one address)
    let c = r#"{"IpAddress":{"aws:SourceIp":"203.0.113.7"}}"#;
    assert!(holds(c, &ctx(&[("aws:SourceIp", "203.0.113.7")])));
    assert!(!holds(c, &ctx(&[("aws:SourceIp", "203.0.113.8")])));
}

#[test]
fn ip_address_matches_ipv6_ranges() {
    // "Condition operators" (IP address): IPv6 addresses and ranges are supported
    let c = r#"{"IpAddress":{"aws:SourceIp":"2001:db8:1234::/48"}}"#;
    assert!(holds(c, &ctx(&[("aws:SourceIp", "2001:db8:1234:ffff::1")])));
    assert!(!holds(c, &ctx(&[("aws:SourceIp", "2001:db8:1235::1")])));
}

#[test]
fn an_ipv4_range_never_holds_an_ipv6_address() {
    // "Condition operators" (IP address) with semantics.md U8: v4 and v6 are apart, so
    // `NotIpAddress` with a v4 range holds for a v6 caller
    let c = r#"{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}"#;
    assert!(!holds(c, &ctx(&[("aws:SourceIp", "2001:db8::1")])));
    let n = r#"{"NotIpAddress":{"aws:SourceIp":"0.0.0.0/0"}}"#;
    assert!(holds(n, &ctx(&[("aws:SourceIp", "2001:db8::1")])));
    assert!(!holds(n, &ctx(&[("aws:SourceIp", "198.51.100.1")])));
}

#[test]
fn arn_like_matches_field_by_field() {
    // "Condition operators" (ARN): each of the six colon-delimited parts is checked separately,
    // and each may hold wildcards
    let c = r#"{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:*"}}"#;
    assert!(holds(
        c,
        &ctx(&[("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic")])
    ));
    assert!(!holds(
        c,
        &ctx(&[("aws:SourceArn", "arn:aws:sns:us-east-1:444455556666:topic")])
    ));
    assert!(!holds(
        c,
        &ctx(&[("aws:SourceArn", "arn:aws:sqs:us-east-1:111122223333:queue")])
    ));
}

#[test]
fn arn_equals_behaves_as_arn_like() {
    // "Condition operators" (ARN): `ArnEquals` and `ArnLike` both match field by field with
    // wildcards, case-sensitively
    let c = r#"{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:*:111122223333:*"}}"#;
    assert!(holds(
        c,
        &ctx(&[("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic")])
    ));
    assert!(!holds(
        c,
        &ctx(&[(
            "aws:SourceArn",
            "arn:aws:sns:us-east-1:111122223333:Topic"
                .replace("sns", "SNS")
                .as_str()
        )])
    ));
}

#[test]
fn binary_equals_compares_the_base64_value() {
    // "Condition operators" (Binary): `BinaryEquals` compares the base-64 encoded value
    let c = r#"{"BinaryEquals":{"key":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}"#;
    assert!(holds(c, &ctx(&[("key", "QmluYXJ5VmFsdWVJbkJhc2U2NA==")])));
    assert!(!holds(c, &ctx(&[("key", "QmluYXJ5")])));
}

#[test]
fn for_all_values_holds_when_the_key_is_absent() {
    // "Set operators for multivalued context keys": `ForAllValues` returns true when the key is
    // absent or has an empty set of values (acceptance)
    let c = r#"{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}"#;
    assert!(holds(c, &ctx(&[])));
    let mut empty = ctx(&[]);
    empty.context.insert("aws:tagkeys".into(), Vec::new());
    assert!(holds(c, &empty));
}

#[test]
fn for_any_value_fails_when_the_key_is_absent() {
    // "Set operators for multivalued context keys": `ForAnyValue` returns false when the key is
    // absent (acceptance)
    let c = r#"{"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]}}"#;
    assert!(!holds(c, &ctx(&[])));
}

#[test]
fn for_all_values_requires_every_request_value_to_match() {
    // "Set operators": `ForAllValues` tests whether every request value matches at least one
    // policy value
    let c = r#"{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}"#;
    assert!(holds(
        c,
        &ctx(&[("aws:TagKeys", "env"), ("aws:TagKeys", "team")])
    ));
    assert!(!holds(
        c,
        &ctx(&[("aws:TagKeys", "env"), ("aws:TagKeys", "cost")])
    ));
}

#[test]
fn for_any_value_requires_one_request_value_to_match() {
    // "Set operators": `ForAnyValue` tests whether at least one request value matches a policy
    // value
    let c = r#"{"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]}}"#;
    assert!(holds(
        c,
        &ctx(&[("aws:TagKeys", "cost"), ("aws:TagKeys", "team")])
    ));
    assert!(!holds(c, &ctx(&[("aws:TagKeys", "cost")])));
}

#[test]
fn for_any_value_with_a_negated_operator_needs_one_value_outside_the_list() {
    // "Set operators" with the NOR rule: `ForAnyValue:StringNotEquals` holds when some request
    // value equals none of the policy values
    let c = r#"{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env","team"]}}"#;
    assert!(holds(
        c,
        &ctx(&[("aws:TagKeys", "env"), ("aws:TagKeys", "cost")])
    ));
    assert!(!holds(
        c,
        &ctx(&[("aws:TagKeys", "env"), ("aws:TagKeys", "team")])
    ));
}

#[test]
fn a_single_valued_operator_on_several_values_does_not_match() {
    // semantics.md U1 (undocumented): a single-valued operator on a key with several values does
    // not match, as iam-simulate reports AWS confirming
    let c = r#"{"StringEquals":{"aws:TagKeys":"env"}}"#;
    assert!(holds(c, &ctx(&[("aws:TagKeys", "env")])));
    assert!(!holds(
        c,
        &ctx(&[("aws:TagKeys", "env"), ("aws:TagKeys", "team")])
    ));
}

#[test]
fn a_set_operator_on_a_single_valued_key_treats_it_as_a_set_of_one() {
    // semantics.md U2: a set operator on a single-valued key sees a one-element set
    let c = r#"{"ForAnyValue:StringLike":{"aws:PrincipalTag/team":"b*"}}"#;
    assert!(holds(c, &ctx(&[("aws:PrincipalTag/team", "blue")])));
}

#[test]
fn a_condition_on_a_deny_makes_it_conditional() {
    // "Condition": a statement applies only when its condition holds, for Deny as for Allow
    let id = stmt("Allow", r#""s3:*""#, r#""*""#, "");
    let deny = stmt(
        "Deny",
        r#""s3:*""#,
        r#""*""#,
        r#","Condition":{"Bool":{"aws:SecureTransport":"false"}}"#,
    );
    assert_eq!(
        run(
            &[(Identity, &id), (Identity, &deny)],
            &ctx(&[("aws:SecureTransport", "false")])
        ),
        ExplicitDeny
    );
    assert_eq!(
        run(
            &[(Identity, &id), (Identity, &deny)],
            &ctx(&[("aws:SecureTransport", "true")])
        ),
        Allow
    );
}

// ---------------------------------------------------------------------------------------------
// Policy variables: "IAM policy elements: Variables and tags" and "IAM JSON policy elements:
// Version"
// ---------------------------------------------------------------------------------------------

fn home_policy(version: Option<&str>) -> String {
    let v = version
        .map(|v| format!(r#""Version":"{v}","#))
        .unwrap_or_default();
    format!(
        r#"{{{v}"Statement":[{{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/home/${{aws:username}}/*"}}]}}"#
    )
}

#[test]
fn a_variable_in_a_resource_takes_the_request_value() {
    // "Variables": `${aws:username}` is replaced with the requester's user name
    let id = home_policy(Some("2012-10-17"));
    let request = alice("s3:GetObject", "arn:aws:s3:::bucket/home/alice/notes.txt")
        .with("aws:username", "alice");
    assert_eq!(run(&[(Identity, &id)], &request), Allow);
    let elsewhere = alice("s3:GetObject", "arn:aws:s3:::bucket/home/bob/notes.txt")
        .with("aws:username", "alice");
    assert_eq!(run(&[(Identity, &id)], &elsewhere), ImplicitDeny);
}

#[test]
fn an_unresolvable_variable_in_a_resource_matches_nothing() {
    // "Variables": a role session has no `aws:username`; a Resource whose variable cannot be
    // resolved does not match any resource (acceptance)
    let id = home_policy(Some("2012-10-17"));
    let request = req(SESSION, "s3:GetObject", "arn:aws:s3:::bucket/home/app/x");
    assert_eq!(run(&[(Identity, &id)], &request), ImplicitDeny);
    let literal = req(
        SESSION,
        "s3:GetObject",
        "arn:aws:s3:::bucket/home/${aws:username}/x",
    );
    assert_eq!(run(&[(Identity, &id)], &literal), ImplicitDeny);
}

#[test]
fn a_variable_default_applies_when_the_key_is_absent() {
    // "Variables" (default values): `${aws:PrincipalTag/team, 'company-wide'}` uses the default
    // when the key is missing
    let id = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'company-wide'}/*"}]}"#;
    assert_eq!(
        run(
            &[(Identity, id)],
            &alice("s3:GetObject", "arn:aws:s3:::bucket/company-wide/x")
        ),
        Allow
    );
    let tagged =
        alice("s3:GetObject", "arn:aws:s3:::bucket/blue/x").with("aws:PrincipalTag/team", "blue");
    assert_eq!(run(&[(Identity, id)], &tagged), Allow);
}

#[test]
fn the_special_variables_stand_for_literal_characters() {
    // "Variables" (special characters): `${*}`, `${?}` and `${$}` stand for a literal `*`, `?`
    // and `$`
    let id = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/${*}${?}${$}"}]}"#;
    assert_eq!(
        run(
            &[(Identity, id)],
            &alice("s3:GetObject", "arn:aws:s3:::bucket/*?$")
        ),
        Allow
    );
    assert_eq!(
        run(
            &[(Identity, id)],
            &alice("s3:GetObject", "arn:aws:s3:::bucket/ab$")
        ),
        ImplicitDeny
    );
}

#[test]
fn a_variable_in_a_condition_value_compares_with_the_request() {
    // "Variables": variables may be used in condition values of String and ARN operators
    let c = r#"{"StringLike":{"s3:prefix":["home/${aws:username}/*"]}}"#;
    assert!(holds(
        c,
        &ctx(&[("aws:username", "alice"), ("s3:prefix", "home/alice/x")])
    ));
    assert!(!holds(
        c,
        &ctx(&[("aws:username", "alice"), ("s3:prefix", "home/bob/x")])
    ));
}

#[test]
fn an_unresolvable_variable_matches_under_a_negated_operator() {
    // "Variables": if a variable cannot be resolved, a condition with an inverted operator
    // (`StringNotEquals`, ...) still matches
    let c = r#"{"StringNotEquals":{"s3:prefix":"home/${aws:username}"}}"#;
    assert!(holds(c, &ctx(&[("s3:prefix", "home/x")])));
    let positive = r#"{"StringEquals":{"s3:prefix":"home/${aws:username}"}}"#;
    assert!(!holds(
        positive,
        &ctx(&[("s3:prefix", "home/${aws:username}")])
    ));
}

#[test]
fn variables_are_literal_text_under_version_2008() {
    // "Version": with Version 2008-10-17 policy variables are not replaced; `${aws:username}`
    // is a literal string
    let id = home_policy(Some("2008-10-17"));
    let request =
        alice("s3:GetObject", "arn:aws:s3:::bucket/home/alice/x").with("aws:username", "alice");
    assert_eq!(run(&[(Identity, &id)], &request), ImplicitDeny);
    let literal = alice("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/x")
        .with("aws:username", "alice");
    assert_eq!(run(&[(Identity, &id)], &literal), Allow);
}

#[test]
fn variables_are_literal_text_without_a_version() {
    // "Version": without a Version element, AWS applies 2008-10-17, so variables are text
    let id = home_policy(None);
    let request =
        alice("s3:GetObject", "arn:aws:s3:::bucket/home/alice/x").with("aws:username", "alice");
    assert_eq!(run(&[(Identity, &id)], &request), ImplicitDeny);
}

#[test]
fn a_variable_value_cannot_inject_a_wildcard() {
    // "Variables" (special characters): a `*` in the substituted value is a literal character,
    // which is why `${*}` exists; a user named `*` does not get every home folder
    let id = home_policy(Some("2012-10-17"));
    let request = alice("s3:GetObject", "arn:aws:s3:::bucket/home/bob/x").with("aws:username", "*");
    assert_eq!(run(&[(Identity, &id)], &request), ImplicitDeny);
}

#[test]
fn numeric_operators_do_not_expand_variables() {
    // "Condition operators" (Numeric): policy variables are not supported
    let c = r#"{"NumericEquals":{"s3:max-keys":"${aws:PrincipalTag/limit}"}}"#;
    assert!(!holds(
        c,
        &ctx(&[("aws:PrincipalTag/limit", "10"), ("s3:max-keys", "10")])
    ));
}

// ---------------------------------------------------------------------------------------------
// Decisions across policy types: "Policy evaluation logic", "Cross-account policy evaluation
// logic", AWS Organizations "SCP evaluation" and "RCP evaluation", AWS KMS "Key policies"
// ---------------------------------------------------------------------------------------------

#[test]
fn an_identity_deny_overrides_a_resource_allow() {
    // "Policy evaluation logic": an explicit deny in any policy overrides any allow
    let bucket = resource_policy(
        "Allow",
        &format!(r#"{{"AWS":"{ALICE}"}}"#),
        "s3:GetObject",
        "arn:aws:s3:::bucket/*",
    );
    let deny = stmt("Deny", r#""s3:GetObject""#, r#""*""#, "");
    assert_eq!(
        run(
            &[(Resource, &bucket), (Identity, &deny)],
            &alice("s3:GetObject", OBJECT)
        ),
        ExplicitDeny
    );
}

#[test]
fn a_boundary_deny_overrides_an_identity_allow() {
    // "Permissions boundaries for IAM entities": an explicit deny in the boundary wins
    let id = stmt("Allow", r#""s3:*""#, r#""*""#, "");
    let pb = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}"#;
    assert_eq!(
        run(
            &[(Identity, &id), (Boundary, pb)],
            &alice("s3:DeleteBucket", "arn:aws:s3:::bucket")
        ),
        ExplicitDeny
    );
}

#[test]
fn a_boundary_alone_grants_nothing() {
    // "Permissions boundaries for IAM entities": a boundary does not grant permissions on its own
    let pb = stmt("Allow", r#""*""#, r#""*""#, "");
    assert_eq!(
        run(&[(Boundary, &pb)], &alice("s3:GetObject", OBJECT)),
        ImplicitDeny
    );
}

#[test]
fn an_scp_alone_grants_nothing() {
    // AWS Organizations, "Service control policies": SCPs do not grant permissions; identity or
    // resource policies must still allow
    let scp = stmt("Allow", r#""*""#, r#""*""#, "");
    assert_eq!(
        run(&[(Scp, &scp)], &alice("s3:GetObject", OBJECT)),
        ImplicitDeny
    );
}

#[test]
fn an_scp_deny_overrides_an_identity_allow() {
    // "SCP evaluation": a Deny in an SCP at any level denies the action
    let id = stmt("Allow", r#""*""#, r#""*""#, "");
    let scp = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}"#;
    assert_eq!(
        run(
            &[(Identity, &id), (Scp, scp)],
            &alice("organizations:LeaveOrganization", "*")
        ),
        ExplicitDeny
    );
    assert_eq!(
        run(
            &[(Identity, &id), (Scp, scp)],
            &alice("s3:GetObject", OBJECT)
        ),
        Allow
    );
}

#[test]
fn an_scp_limits_resource_policy_grants_too() {
    // "Policy evaluation logic": the SCP is evaluated before resource-based policies; without an
    // SCP allow the request is denied even when a bucket policy names the user
    let bucket = resource_policy(
        "Allow",
        &format!(r#"{{"AWS":"{ALICE}"}}"#),
        "s3:GetObject",
        "arn:aws:s3:::bucket/*",
    );
    let scp = stmt("Allow", r#""ec2:*""#, r#""*""#, "");
    assert_eq!(
        run(
            &[(Resource, &bucket), (Scp, &scp)],
            &alice("s3:GetObject", OBJECT)
        ),
        ImplicitDeny
    );
}

#[test]
fn scps_do_not_apply_to_service_principals() {
    // AWS Organizations, "Service control policies": SCPs affect only IAM users and roles of
    // member accounts, not service principals
    let bucket = resource_policy(
        "Allow",
        r#"{"Service":"cloudtrail.amazonaws.com"}"#,
        "s3:PutObject",
        "arn:aws:s3:::bucket/*",
    );
    let scp = stmt("Allow", r#""ec2:*""#, r#""*""#, "");
    assert_eq!(
        run(
            &[(Resource, &bucket), (Scp, &scp)],
            &req("service:cloudtrail.amazonaws.com", "s3:PutObject", OBJECT)
        ),
        Allow
    );
}

#[test]
fn an_rcp_deny_overrides_every_allow() {
    // "RCP evaluation": a Deny in any RCP on the path to the account denies access
    let id = stmt("Allow", r#""s3:*""#, r#""*""#, "");
    let rcp = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"BoolIfExists":{"aws:SecureTransport":"false"}}}]}"#;
    assert_eq!(
        run(
            &[(Identity, &id), (Rcp, rcp)],
            &alice("s3:GetObject", OBJECT)
        ),
        ExplicitDeny
    );
    assert_eq!(
        run(
            &[(Identity, &id), (Rcp, rcp)],
            &alice("s3:GetObject", OBJECT).with("aws:SecureTransport", "true")
        ),
        Allow
    );
}

#[test]
fn an_rcp_without_an_allow_does_not_deny() {
    // "RCP evaluation": RCPFullAWSAccess is attached at every level and cannot be detached, so an
    // RCP file of denies never leaves a level without an allow
    let id = stmt("Allow", r#""s3:*""#, r#""*""#, "");
    let rcp = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*"}]}"#;
    assert_eq!(
        run(
            &[(Identity, &id), (Rcp, rcp)],
            &alice("s3:GetObject", OBJECT)
        ),
        Allow
    );
}

#[test]
fn across_accounts_the_identity_side_alone_is_not_enough() {
    // "Cross-account policy evaluation logic": the resource policy in the trusting account must
    // allow too
    let id = stmt("Allow", r#""s3:*""#, r#""*""#, "");
    assert_eq!(
        run(&[(Identity, &id)], &req(BOB, "s3:GetObject", OBJECT)),
        ImplicitDeny
    );
}

#[test]
fn across_accounts_the_callers_boundary_limits_its_side() {
    // "Cross-account policy evaluation logic": the requesting side's permissions are its
    // identity policies within its boundary
    let bucket = resource_policy(
        "Allow",
        &format!(r#"{{"AWS":"{BOB}"}}"#),
        "s3:GetObject",
        "arn:aws:s3:::bucket/*",
    );
    let id = stmt("Allow", r#""s3:*""#, r#""*""#, "");
    let pb = stmt("Allow", r#""ec2:*""#, r#""*""#, "");
    let request = req(BOB, "s3:GetObject", OBJECT);
    assert_eq!(
        run(&[(Resource, &bucket), (Identity, &id)], &request),
        Allow
    );
    assert_eq!(
        run(
            &[(Resource, &bucket), (Identity, &id), (Boundary, &pb)],
            &request
        ),
        ImplicitDeny
    );
}

#[test]
fn across_accounts_a_deny_on_either_side_wins() {
    // "Cross-account policy evaluation logic": an explicit deny in either account denies
    let bucket = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{BOB}"}},"Action":"s3:*","Resource":"*"}},{{"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"*"}}]}}"#
    );
    let id = stmt("Allow", r#""s3:*""#, r#""*""#, "");
    assert_eq!(
        run(
            &[(Resource, &bucket), (Identity, &id)],
            &req(BOB, "s3:DeleteObject", OBJECT)
        ),
        ExplicitDeny
    );
}

#[test]
fn a_resource_account_in_the_arn_decides_cross_account() {
    // "Cross-account policy evaluation logic": the account that owns the resource is in its ARN
    // (S3 ARNs have none, so the request says it)
    let id = stmt("Allow", r#""sqs:SendMessage""#, r#""*""#, "");
    let queue = "arn:aws:sqs:us-east-1:444455556666:q";
    assert_eq!(
        run(&[(Identity, &id)], &alice("sqs:SendMessage", queue)),
        ImplicitDeny
    );
    assert_eq!(
        run(
            &[(Identity, &id)],
            &alice("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q")
        ),
        Allow
    );
}

#[test]
fn a_kms_key_policy_must_allow_for_identity_policies_to_count() {
    // AWS KMS, "Key policies": unless the key policy allows it (usually by naming the account),
    // IAM policies cannot grant access to the key
    let key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    let id = stmt("Allow", r#""kms:Decrypt""#, r#""*""#, "");
    let to_admin = resource_policy(
        "Allow",
        r#"{"AWS":"arn:aws:iam::111122223333:role/admin"}"#,
        "kms:*",
        "*",
    );
    let to_account = resource_policy(
        "Allow",
        r#"{"AWS":"arn:aws:iam::111122223333:root"}"#,
        "kms:*",
        "*",
    );
    assert_eq!(
        run(
            &[(Identity, &id), (Resource, &to_admin)],
            &alice("kms:Decrypt", key)
        ),
        ImplicitDeny
    );
    assert_eq!(
        run(
            &[(Identity, &id), (Resource, &to_account)],
            &alice("kms:Decrypt", key)
        ),
        Allow
    );
}

#[test]
fn the_root_user_has_full_access_in_its_own_account() {
    // "How AWS enforcement code logic evaluates requests": requests are implicitly denied except
    // for the account's root user, which has full access
    assert_eq!(
        run(
            &[],
            &req("111122223333", "s3:DeleteBucket", "arn:aws:s3:::bucket")
        ),
        Allow
    );
    let deny = resource_policy("Deny", r#""*""#, "s3:DeleteBucket", "*");
    assert_eq!(
        run(
            &[(Resource, &deny)],
            &req("111122223333", "s3:DeleteBucket", "arn:aws:s3:::bucket")
        ),
        ExplicitDeny
    );
}

#[test]
fn scps_limit_the_root_user_of_a_member_account() {
    // AWS Organizations, "Service control policies": SCPs affect the root user of member accounts
    let scp = stmt("Allow", r#""ec2:*""#, r#""*""#, "");
    let root = "arn:aws:iam::111122223333:root";
    assert_eq!(
        run(
            &[(Scp, &scp)],
            &req(root, "s3:DeleteBucket", "arn:aws:s3:::bucket")
        ),
        ImplicitDeny
    );
}

#[test]
fn a_service_assumes_a_role_its_trust_policy_names() {
    // "Policy evaluation logic" with "Principal" (service principals): the trust policy alone
    // lets the service assume the role
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    let lambda = Request::new(
        Principal::parse("service:lambda.amazonaws.com").unwrap(),
        "sts:AssumeRole",
        ROLE,
    );
    assert_eq!(run(&[(Trust, trust)], &lambda), Allow);
    let ec2 = Request::new(
        Principal::parse("service:ec2.amazonaws.com").unwrap(),
        "sts:AssumeRole",
        ROLE,
    );
    assert_eq!(run(&[(Trust, trust)], &ec2), ImplicitDeny);
}

#[test]
fn cross_account_role_assumption_needs_both_sides() {
    // "Cross-account policy evaluation logic" (roles): the trust policy must trust the other
    // account's principal, and that principal's identity policy must allow sts:AssumeRole
    let trust = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{BOB}"}},"Action":"sts:AssumeRole"}}]}}"#
    );
    let id = stmt("Allow", r#""sts:AssumeRole""#, r#""*""#, "");
    let request = Request::new(Principal::parse(BOB).unwrap(), "sts:AssumeRole", ROLE);
    assert_eq!(run(&[(Trust, &trust)], &request), ImplicitDeny);
    assert_eq!(run(&[(Trust, &trust), (Identity, &id)], &request), Allow);
}

#[test]
fn a_session_policy_does_not_limit_an_iam_user() {
    // "Session policies": they limit role and federated-user sessions; an IAM user's own
    // long-term credentials carry none
    let id = stmt("Allow", r#""s3:*""#, r#""*""#, "");
    let sp = stmt("Allow", r#""ec2:*""#, r#""*""#, "");
    assert_eq!(
        run(
            &[(Identity, &id), (Session, &sp)],
            &alice("s3:GetObject", OBJECT)
        ),
        Allow
    );
}

#[test]
fn a_session_policy_deny_wins() {
    // "Session policies" with "Policy evaluation logic": an explicit deny in a session policy wins
    let id = stmt("Allow", r#""s3:*""#, r#""*""#, "");
    let sp = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:PutObject","Resource":"*"}]}"#;
    assert_eq!(
        run(
            &[(Identity, &id), (Session, sp)],
            &req(SESSION, "s3:PutObject", OBJECT)
        ),
        ExplicitDeny
    );
    assert_eq!(
        run(
            &[(Identity, &id), (Session, sp)],
            &req(SESSION, "s3:GetObject", OBJECT)
        ),
        Allow
    );
}

#[test]
fn a_federated_user_session_is_limited_by_its_session_policy() {
    // "Session policies": GetFederationToken sessions are limited by the session policy passed
    let fed = "arn:aws:sts::111122223333:federated-user/carol";
    let id = stmt("Allow", r#""s3:*""#, r#""*""#, "");
    let sp = stmt("Allow", r#""s3:GetObject""#, r#""*""#, "");
    assert_eq!(
        run(
            &[(Identity, &id), (Session, &sp)],
            &req(fed, "s3:PutObject", OBJECT)
        ),
        ImplicitDeny
    );
    assert_eq!(
        run(
            &[(Identity, &id), (Session, &sp)],
            &req(fed, "s3:GetObject", OBJECT)
        ),
        Allow
    );
}

#[test]
fn statement_order_does_not_matter() {
    // "Policy evaluation logic": the order of statements and policies does not change the result
    let a = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"},{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
    let b = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#;
    assert_eq!(
        run(&[(Identity, a)], &alice("s3:GetObject", OBJECT)),
        ExplicitDeny
    );
    assert_eq!(
        run(&[(Identity, b)], &alice("s3:GetObject", OBJECT)),
        ExplicitDeny
    );
}

#[test]
fn the_outcome_names_the_deciding_statements() {
    // "Policy evaluation logic": the decision names the statements that made it, so the user can
    // find them; an explicit deny names the deny, an allow names the allows
    let policy_text = r#"{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"NoDelete","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}"#;
    let p = policy(policy_text);
    let inputs = [PolicyInput {
        kind: Identity,
        policy: &p,
    }];
    let allow = decide(&inputs, &alice("s3:GetObject", OBJECT));
    assert_eq!(
        allow
            .statements
            .iter()
            .map(|s| s.sid.as_deref())
            .collect::<Vec<_>>(),
        vec![Some("Read")]
    );
    let deny = decide(&inputs, &alice("s3:DeleteObject", OBJECT));
    assert_eq!(deny.decision, ExplicitDeny);
    let s = &deny.statements[0];
    assert_eq!(
        (
            s.sid.as_deref(),
            policy_text.get(s.start as usize..s.end as usize)
        ),
        (
            Some("NoDelete"),
            Some(r#"{"Sid":"NoDelete","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}"#)
        )
    );
}
