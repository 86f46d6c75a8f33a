//! The prover's queries on small policies whose relation can be argued from their text.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use iamlint_eval::{Decision, PolicyInput, Request, decide};
use iamlint_model::{Policy, PolicyType};
use iamlint_prove::{Mode, Verdict, equivalent, subset};

fn policy(text: &str) -> Policy {
    let parsed = iamlint_syntax::parse(text);
    iamlint_model::lower(parsed.root.as_ref().expect("JSON")).expect("an object")
}

fn allow(action: &str, resource: &str, extra: &str) -> Policy {
    policy(&format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":{action},"Resource":"{resource}"{extra}}}]}}"#
    ))
}

/// `s3:GetObject` on the objects of `b`, under one condition (`"Operator":{…}`).
fn get_object_if(condition: &str) -> Policy {
    allow(
        r#""s3:GetObject""#,
        "arn:aws:s3:::b/*",
        &format!(r#","Condition":{{{condition}}}"#),
    )
}

fn allows(p: &Policy, r: &Request) -> bool {
    decide(
        &[PolicyInput {
            kind: PolicyType::Identity,
            policy: p,
        }],
        r,
    )
    .decision
        == Decision::Allow
}

/// A counterexample: `a` allows it and `b` does not (the prover replayed it already; check
/// again here so that a test fails loudly if it did not).
fn fails(verdict: Verdict, a: &Policy, b: &Policy) -> Request {
    match verdict {
        Verdict::Fails(r) => {
            assert!(allows(a, &r) && !allows(b, &r), "{r:?}");
            r
        }
        other => panic!("expected a counterexample, got {other:?}"),
    }
}

const T: u32 = 10_000;

/// The families of a difference, as (statement, action pattern).
fn families(d: &iamlint_prove::Difference) -> Vec<(usize, Option<&str>)> {
    d.families
        .iter()
        .map(|f| (f.statement, f.action.as_deref()))
        .collect()
}

/// Asserts that `subset a b` holds in closed-world mode.
fn subset_holds(a: &Policy, b: &Policy) {
    assert_eq!(subset(a, b, Mode::ClosedWorld, T).verdict, Verdict::Holds);
}

/// Asserts that `subset a b` fails in closed-world mode, with a counterexample that replays;
/// returns it.
fn subset_fails(a: &Policy, b: &Policy) -> Request {
    fails(subset(a, b, Mode::ClosedWorld, T).verdict, a, b)
}

#[test]
fn get_object_is_a_subset_of_get_star() {
    let a = allow(r#""s3:GetObject""#, "arn:aws:s3:::b/*", "");
    let b = allow(r#""s3:Get*""#, "arn:aws:s3:::b/*", "");
    subset_holds(&a, &b);
    // the reverse fails, with a real S3 Get action on an object of `b`
    let r = subset_fails(&b, &a);
    assert!(r.action.to_ascii_lowercase().starts_with("s3:get"), "{r:?}");
    assert!(r.resource.starts_with("arn:aws:s3:::b/"), "{r:?}");
}

#[test]
fn a_secure_transport_condition_breaks_the_subset() {
    let a = allow(r#""s3:GetObject""#, "arn:aws:s3:::b/*", "");
    let b = allow(
        r#""s3:Get*""#,
        "arn:aws:s3:::b/*",
        r#","Condition":{"Bool":{"aws:SecureTransport":"true"}}"#,
    );
    let r = subset_fails(&a, &b);
    let transport = r.values("aws:SecureTransport");
    assert!(transport.is_none_or(|v| v != ["true"]), "{r:?}");
}

#[test]
fn s3_star_equals_the_list_of_every_s3_action_in_the_closed_world_only() {
    let catalog = iamlint_catalog::catalog();
    let all: Vec<String> = catalog
        .expand("s3:*")
        .iter()
        .map(|a| format!("\"{}\"", catalog.full_name(a)))
        .collect();
    let star = allow(r#""s3:*""#, "*", "");
    let list = allow(&format!("[{}]", all.join(",")), "*", "");
    assert_eq!(
        equivalent(&star, &list, Mode::ClosedWorld, T).verdict,
        Verdict::Holds
    );
    let r = fails(
        subset(&star, &list, Mode::OpenWorld, T).verdict,
        &star,
        &list,
    );
    assert!(r.action.starts_with("s3:"), "{r:?}");
    assert!(catalog.action(&r.action).is_none(), "{r:?}");
}

#[test]
fn wildcards_in_resources_stay_in_their_segment() {
    // any region of one account is not a subset of one region of any account
    let a = allow(
        r#""ec2:StopInstances""#,
        "arn:aws:ec2:*:111122223333:instance/*",
        "",
    );
    let b = allow(
        r#""ec2:StopInstances""#,
        "arn:aws:ec2:us-east-1:*:instance/*",
        "",
    );
    let r = subset_fails(&a, &b);
    assert!(!r.resource.contains(":us-east-1:"), "{r:?}");
    let c = allow(r#""ec2:StopInstances""#, "arn:aws:ec2:*:*:instance/*", "");
    subset_holds(&a, &c);
}

#[test]
fn a_deny_carves_out_of_an_allow() {
    let a = policy(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:Delete*","Resource":"*"}]}"#,
    );
    let b = allow(r#""s3:*""#, "*", "");
    subset_holds(&a, &b);
    let r = subset_fails(&b, &a);
    assert!(
        r.action.to_ascii_lowercase().starts_with("s3:delete"),
        "{r:?}"
    );
}

#[test]
fn set_qualifiers_and_absent_keys() {
    let all = allow(
        r#""ec2:CreateTags""#,
        "*",
        r#","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}"#,
    );
    let any = allow(
        r#""ec2:CreateTags""#,
        "*",
        r#","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]}}"#,
    );
    // ForAllValues holds with no tags at all, ForAnyValue does not
    let r = subset_fails(&all, &any);
    let _ = r;
    // a request with tags env and cost satisfies ForAnyValue but not ForAllValues
    let r = subset_fails(&any, &all);
    assert!(
        r.values("aws:TagKeys").is_some_and(|v| v.len() >= 2),
        "{r:?}"
    );
}

#[test]
fn numbers_and_dates() {
    let ten = allow(
        r#""s3:ListBucket""#,
        "*",
        r#","Condition":{"NumericLessThanEquals":{"s3:max-keys":"10"}}"#,
    );
    let hundred = allow(
        r#""s3:ListBucket""#,
        "*",
        r#","Condition":{"NumericLessThan":{"s3:max-keys":"100"}}"#,
    );
    subset_holds(&ten, &hundred);
    subset_fails(&hundred, &ten);
    let before = allow(
        r#""s3:ListBucket""#,
        "*",
        r#","Condition":{"DateLessThan":{"aws:CurrentTime":"2024-01-01T00:00:00Z"}}"#,
    );
    let later = allow(
        r#""s3:ListBucket""#,
        "*",
        r#","Condition":{"DateLessThan":{"aws:CurrentTime":"2025-01-01"}}"#,
    );
    subset_holds(&before, &later);
    subset_fails(&later, &before);
}

fn with_condition(condition: &str) -> Policy {
    allow(
        r#""s3:GetObject""#,
        "*",
        &format!(r#","Condition":{condition}"#),
    )
}

#[test]
fn ip_ranges_are_bit_masks_and_keep_ipv4_and_ipv6_apart() {
    let eight = with_condition(r#"{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#);
    let halves = with_condition(r#"{"IpAddress":{"aws:SourceIp":["10.0.0.0/9","10.128.0.0/9"]}}"#);
    let sixteen = with_condition(r#"{"IpAddress":{"aws:SourceIp":"10.0.0.0/16"}}"#);
    assert_eq!(
        equivalent(&eight, &halves, Mode::ClosedWorld, T).verdict,
        Verdict::Holds
    );
    subset_holds(&sixteen, &eight);
    let r = subset_fails(&eight, &sixteen);
    let ip = &r.values("aws:SourceIp").unwrap()[0];
    assert!(ip.starts_with("10.") && !ip.starts_with("10.0."), "{r:?}");
    // every IPv4 address is in 0.0.0.0/0, so only an IPv6 address (or none) escapes it
    let not_ten = with_condition(r#"{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#);
    let any_v4 = with_condition(r#"{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}"#);
    let r = subset_fails(&not_ten, &any_v4);
    assert!(
        r.values("aws:SourceIp")
            .is_none_or(|v| v.iter().all(|ip| ip.contains(':')) || v.len() > 1),
        "{r:?}"
    );
}

#[test]
fn arn_conditions_keep_wildcards_in_their_field_but_string_globs_do_not() {
    let any_region =
        with_condition(r#"{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:*"}}"#);
    let one_region =
        with_condition(r#"{"ArnLike":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:*"}}"#);
    let as_string =
        with_condition(r#"{"StringLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:*"}}"#);
    subset_holds(&one_region, &any_region);
    let r = subset_fails(&any_region, &one_region);
    assert!(
        !r.values("aws:SourceArn").unwrap()[0].contains("us-east-1:"),
        "{r:?}"
    );
    subset_holds(&any_region, &as_string);
    // the string glob's `*` spans colons: `arn:aws:sns:a:b:111122223333:c` is not an ARN match
    let r = subset_fails(&as_string, &any_region);
    assert!(r.values("aws:SourceArn").is_some(), "{r:?}");
}

#[test]
fn what_is_not_encoded_is_unknown_when_the_answer_needs_it() {
    let unconditional = allow(r#""s3:GetObject""#, "*", "");
    // each value is not encoded; the wider one is, and allows everything it allows
    for (narrow, wide) in [
        // two wildcards before a variable in a glob
        (
            r#"{"StringLike":{"s3:prefix":"*/*/${aws:username}"}}"#,
            r#"{"StringLike":{"s3:prefix":"*/${aws:username}"}}"#,
        ),
        // two wildcards after it, with one before
        (
            r#"{"StringLike":{"s3:prefix":"*/${aws:username}/*/*"}}"#,
            r#"{"StringLike":{"s3:prefix":"*/${aws:username}/*"}}"#,
        ),
        // a variable before the resource part of an ARN operator's pattern
        (
            r#"{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:${aws:PrincipalAccount}:*"}}"#,
            r#"{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:*"}}"#,
        ),
    ] {
        let (narrow, wide) = (with_condition(narrow), with_condition(wide));
        // the answer depends on the test that is not encoded: unknown, never holds
        let verdict = subset(&narrow, &wide, Mode::ClosedWorld, T).verdict;
        assert!(matches!(verdict, Verdict::Unknown(_)), "{verdict:?}");
        // a statement with no condition covers it whatever the test decides
        subset_holds(&narrow, &unconditional);
        // and a request without the key shows what it does not allow
        subset_fails(&unconditional, &narrow);
    }
}

#[test]
fn what_is_not_encoded_never_holds_by_the_solver_alone() {
    let odd = allow(
        r#""s3:GetObject""#,
        "arn:aws:s3:::*/${aws:username}/*/*",
        "",
    );
    let other = allow(r#""s3:GetObject""#, "arn:aws:s3:::c/*", "");
    // the solver gives the test that is not encoded either value: what it finds with the
    // test true does not replay, so the answer is unknown, not holds
    let verdict = iamlint_prove::subset_by_solver(&odd, &other, Mode::ClosedWorld, T).verdict;
    match verdict {
        Verdict::Unknown(why) => assert!(why.contains("not encoded"), "{why}"),
        Verdict::Fails(r) => assert!(allows(&odd, &r) && !allows(&other, &r), "{r:?}"),
        Verdict::Holds => panic!("`b/u/x/y` with `aws:username` = `u` tells them apart"),
    }
}

#[test]
fn statements_kept_or_widened_need_no_encoding() {
    // as in consecutive versions of `ROSAImageRegistryOperatorPolicy`: a `*` before a policy
    // variable and two after it is not encoded, but the new version keeps the pattern
    let old = allow(
        r#""s3:GetObject""#,
        "arn:aws:s3:::*-registry-${aws:RequestedRegion}-*/*",
        "",
    );
    let new = policy(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],
            "Resource":["arn:aws:s3:::*-registry-${aws:RequestedRegion}-*/*","arn:aws:s3:::*-registry-${aws:RequestedRegion}/*"]}]}"#,
    );
    subset_holds(&old, &new);
    subset_fails(&new, &old);
    // a Deny only the new version has may take back what the old one allowed: no shortcut,
    // and the answer needs the pattern, so it is not `holds` (here `unknown`)
    let denied = policy(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*",
            "Resource":"arn:aws:s3:::*-registry-${aws:RequestedRegion}-*/*"},
            {"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::*/secret"}]}"#,
    );
    match subset(&old, &denied, Mode::ClosedWorld, T).verdict {
        Verdict::Holds => panic!("the Deny takes `…/secret` back"),
        Verdict::Fails(r) => assert!(r.resource.ends_with("/secret"), "{r:?}"),
        Verdict::Unknown(why) => assert!(why.contains("not encoded"), "{why}"),
    }
}

#[test]
fn policy_variables_read_single_valued_keys() {
    let all = allow(r#""s3:GetObject""#, "arn:aws:s3:::b/*", "");
    let home = allow(r#""s3:GetObject""#, "arn:aws:s3:::b/${aws:username}/*", "");
    subset_holds(&home, &all);
    let r = subset_fails(&all, &home);
    assert!(r.resource.starts_with("arn:aws:s3:::b/"), "{r:?}");
    // readable: the home folder and the user name become `x` together
    let elsewhere = allow(r#""s3:GetObject""#, "arn:aws:s3:::c/*", "");
    let r = subset_fails(&home, &elsewhere);
    assert_eq!(
        r.values("aws:username"),
        Some(&["x".to_owned()][..]),
        "{r:?}"
    );
    assert!(r.resource.starts_with("arn:aws:s3:::b/x/"), "{r:?}");
    // the caller's own tag equals its name: the variable reads another key
    let same = allow(
        r#""s3:GetObject""#,
        "*",
        r#","Condition":{"StringEquals":{"aws:PrincipalTag/name":"${aws:username}"}}"#,
    );
    let any = allow(r#""s3:GetObject""#, "*", "");
    subset_fails(&any, &same);
    subset_holds(&same, &any);
    // an unresolved variable matches nothing, so the negated operator holds without a name
    let not_same = allow(
        r#""s3:GetObject""#,
        "*",
        r#","Condition":{"StringNotEquals":{"aws:PrincipalTag/name":"${aws:username}"}}"#,
    );
    let named = allow(
        r#""s3:GetObject""#,
        "*",
        r#","Condition":{"Null":{"aws:username":"false"}}"#,
    );
    let r = subset_fails(&not_same, &named);
    assert!(r.values("aws:username").is_none(), "{r:?}");
    // a default stands in for an absent key
    let defaulted = allow(
        r#""s3:GetObject""#,
        "arn:aws:s3:::b/${aws:username, 'guest'}/*",
        "",
    );
    let guest = allow(r#""s3:GetObject""#, "arn:aws:s3:::b/guest/*", "");
    let r = subset_fails(&defaulted, &home);
    assert!(r.resource.starts_with("arn:aws:s3:::b/guest/"), "{r:?}");
    // and only then: a named caller's `b/guest/x` is not in its own folder
    let r = subset_fails(&guest, &defaulted);
    assert!(
        r.values("aws:username").is_some_and(|v| v != ["guest"]),
        "{r:?}"
    );
}

#[test]
fn several_values_of_a_key_are_a_possible_request() {
    // a key with two values fails both unqualified conditions (semantics.md U1), so `b` is
    // not everything even though each single value satisfies one of its statements
    let a = allow(r#""s3:GetObject""#, "*", "");
    let b = policy(
        r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalTag/team":"a"}}},
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"a"}}}]}"#,
    );
    let r = subset_fails(&a, &b);
    assert!(
        r.values("aws:PrincipalTag/team")
            .is_some_and(|v| v.len() >= 2),
        "{r:?}"
    );
}

/// A resource policy granting `s3:GetObject` on `b/*` to the principal element given.
fn granted_to(principal: &str) -> Policy {
    policy(&format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{principal},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}]}}"#
    ))
}

fn allows_resource(p: &Policy, r: &Request) -> bool {
    iamlint_eval::policy_allows(
        &PolicyInput {
            kind: PolicyType::Resource,
            policy: p,
        },
        r,
    )
}

/// A counterexample between two resource policies, replayed again here.
fn fails_resource(verdict: Verdict, a: &Policy, b: &Policy) -> Request {
    match verdict {
        Verdict::Fails(r) => {
            assert!(allows_resource(a, &r) && !allows_resource(b, &r), "{r:?}");
            r
        }
        other => panic!("expected a counterexample, got {other:?}"),
    }
}

#[test]
fn principals_name_accounts_roles_sessions_and_services() {
    let account = granted_to(r#"{"AWS":"111122223333"}"#);
    let root = granted_to(r#"{"AWS":"arn:aws:iam::111122223333:root"}"#);
    let role = granted_to(r#"{"AWS":"arn:aws:iam::111122223333:role/reader"}"#);
    let anyone = granted_to(r#""*""#);
    let service = granted_to(r#"{"Service":"cloudtrail.amazonaws.com"}"#);
    // an account id and its root ARN name the same callers: every caller of the account
    assert_eq!(
        equivalent(&account, &root, Mode::ClosedWorld, T).verdict,
        Verdict::Holds
    );
    // a role is inside its account, and its sessions are named by the role ARN
    subset_holds(&role, &account);
    let r = fails_resource(
        subset(&account, &role, Mode::ClosedWorld, T).verdict,
        &account,
        &role,
    );
    assert!(
        matches!(&r.principal, iamlint_eval::Principal::Aws { .. }),
        "{r:?}"
    );
    let session = Request::new(
        iamlint_eval::Principal::Aws {
            arn: "arn:aws:sts::111122223333:assumed-role/reader/s1".into(),
        },
        "s3:GetObject",
        "arn:aws:s3:::b/x",
    );
    assert!(allows_resource(&role, &session));
    // `*` is everyone, anonymous callers and services included
    subset_holds(&service, &anyone);
    let r = fails_resource(
        subset(&anyone, &account, Mode::ClosedWorld, T).verdict,
        &anyone,
        &account,
    );
    assert!(r.principal.account() != Some("111122223333"), "{r:?}");
    // a statement without `Principal` in a resource policy applies to no one
    let mixed = policy(
        r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
            {"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}"#,
    );
    assert_eq!(
        iamlint_prove::not_granted(
            &mixed,
            &allow(r#""s3:GetObject""#, "*", ""),
            Mode::ClosedWorld,
            T
        )
        .verdict,
        Verdict::Holds
    );
}

#[test]
fn no_public_access_reads_the_conditions() {
    let public = |p: &Policy| iamlint_prove::no_public_access(p, Mode::ClosedWorld, T).verdict;
    let with = |condition: &str| {
        policy(&format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{condition}}}]}}"#
        ))
    };
    let open = granted_to(r#""*""#);
    match public(&open) {
        Verdict::Fails(r) => {
            assert_eq!(r.principal, iamlint_eval::Principal::Anonymous);
            assert!(allows_resource(&open, &r));
        }
        other => panic!("{other:?}"),
    }
    for (condition, is_public) in [
        (
            r#"{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}"#,
            false,
        ),
        (
            r#"{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}"#,
            true,
        ),
        (
            r#"{"StringEquals":{"aws:SourceVpce":["vpce-1","vpce-2"]}}"#,
            false,
        ),
        (r#"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#, false),
        (r#"{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}"#, true),
        (r#"{"StringLike":{"aws:PrincipalArn":"*"}}"#, true),
        (
            r#"{"StringEquals":{"aws:PrincipalAccount":"${aws:ResourceAccount}"}}"#,
            false,
        ),
        (r#"{"Bool":{"aws:SecureTransport":"true"}}"#, true),
    ] {
        let p = with(condition);
        let verdict = public(&p);
        match (&verdict, is_public) {
            (Verdict::Fails(r), true) => assert!(allows_resource(&p, r), "{condition}: {r:?}"),
            (Verdict::Holds, false) => {}
            _ => panic!("{condition}: {verdict:?}"),
        }
    }
    // named accounts are not the public
    assert_eq!(
        public(&granted_to(r#"{"AWS":["111122223333","444455556666"]}"#)),
        Verdict::Holds
    );
    // an identity policy names no caller: the question does not apply
    assert!(matches!(
        public(&allow(r#""s3:GetObject""#, "*", "")),
        Verdict::Unknown(why) if why.contains("not a resource policy")
    ));
    // a wildcard inside a principal name is not encoded yet: unknown, never holds
    assert!(matches!(
        public(&granted_to(r#"{"AWS":"arn:aws:iam::111122223333:role/*"}"#)),
        Verdict::Unknown(_)
    ));
    // `NotPrincipal` in an Allow: everyone but the listed callers, so public
    let not_principal = policy(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#,
    );
    match public(&not_principal) {
        Verdict::Fails(r) => assert!(allows_resource(&not_principal, &r), "{r:?}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn not_principal_spares_a_caller_only_when_every_level_is_listed() {
    let deny_all_but = |listed: &str| {
        policy(&format!(
            r#"{{"Version":"2012-10-17","Statement":[
                {{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}},
                {{"Effect":"Deny","NotPrincipal":{{"AWS":{listed}}},"Action":"s3:*","Resource":"arn:aws:s3:::b/*"}}]}}"#
        ))
    };
    let role_and_account = deny_all_but(
        r#"["arn:aws:iam::111122223333:role/reader","arn:aws:iam::111122223333:root"]"#,
    );
    let every_level = deny_all_but(
        r#"["arn:aws:iam::111122223333:role/reader","arn:aws:iam::111122223333:root","arn:aws:sts::111122223333:assumed-role/reader/s1"]"#,
    );
    let session = Request::new(
        iamlint_eval::Principal::Aws {
            arn: "arn:aws:sts::111122223333:assumed-role/reader/s1".into(),
        },
        "s3:GetObject",
        "arn:aws:s3:::b/x",
    );
    // the session is spared only when its account, its role and the session are all listed
    assert!(!allows_resource(&role_and_account, &session));
    assert!(allows_resource(&every_level, &session));
    // the prover agrees: listing the session too allows strictly more, that session
    subset_holds(&role_and_account, &every_level);
    let r = fails_resource(
        subset(&every_level, &role_and_account, Mode::ClosedWorld, T).verdict,
        &every_level,
        &role_and_account,
    );
    assert_eq!(r.principal, session.principal, "{r:?}");
    let role_and_account = every_level;
    // and the only callers the second spares are of that account: not public
    assert_eq!(
        iamlint_prove::no_public_access(&role_and_account, Mode::ClosedWorld, T).verdict,
        Verdict::Holds
    );
}

#[test]
fn diff_families_skip_statements_granted_alike_but_not_past_a_removed_deny() {
    let old = policy(
        r#"{"Version":"2012-10-17","Statement":[
            {"Sid":"Read","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]},
            {"Sid":"NoSecrets","Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/secret/*"}]}"#,
    );
    let widened = policy(
        r#"{"Version":"2012-10-17","Statement":[
            {"Sid":"Read","Effect":"Allow","Action":["s3:ListBucket","s3:GetObject"],"Resource":["arn:aws:s3:::b/*","arn:aws:s3:::b"]},
            {"Sid":"Write","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"},
            {"Sid":"NoSecrets","Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/secret/*"}]}"#,
    );
    let d = iamlint_prove::diff(&old, &widened, Mode::ClosedWorld, T).unwrap();
    let added = families(&d.added);
    // the reordered `Read` statement adds nothing; `Write` does
    assert_eq!(added, [(1, Some("s3:PutObject"))]);
    assert_eq!(d.removed.verdict, Verdict::Holds);
    // without the Deny, the very same `Read` grants the secrets: a family of new access
    let no_deny = policy(
        r#"{"Version":"2012-10-17","Statement":[
            {"Sid":"Read","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}]}"#,
    );
    let d = iamlint_prove::diff(&old, &no_deny, Mode::ClosedWorld, T).unwrap();
    let added = families(&d.added);
    assert_eq!(added, [(0, Some("s3:GetObject"))]);
    match &d.added.families[0].verdict {
        Verdict::Fails(r) => assert!(r.resource.starts_with("arn:aws:s3:::b/secret/"), "{r:?}"),
        other => panic!("{other:?}"),
    }
}

/// Wildcards before the first variable, with literal text after it: the value is anchored at
/// its end. ARN operators take variables in the resource part.
#[test]
fn wildcards_before_a_variable() {
    let home = get_object_if(r#""StringLike":{"s3:prefix":"home/${aws:username}"}"#);
    let any_folder = get_object_if(r#""StringLike":{"s3:prefix":"*/${aws:username}"}"#);
    subset_holds(&home, &any_folder);
    let r = subset_fails(&any_folder, &home);
    let user = &r.values("aws:username").unwrap()[0];
    let prefix = &r.values("s3:prefix").unwrap()[0];
    assert!(prefix.ends_with(&format!("/{user}")), "{r:?}");
    assert!(!prefix.starts_with("home/"), "{r:?}");

    // ARN patterns: variables in the resource part, after a literal head
    let named = get_object_if(
        r#""ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:${aws:username}"}"#,
    );
    let any_account = get_object_if(r#""ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:*"}"#);
    let started = get_object_if(
        r#""ArnLike":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:${aws:username}*"}"#,
    );
    subset_holds(&named, &started);
    subset_holds(&named, &any_account);
    let r = subset_fails(&started, &named);
    let user = &r.values("aws:username").unwrap()[0];
    let arn = &r.values("aws:SourceArn").unwrap()[0];
    assert!(
        arn.starts_with(&format!("arn:aws:sns:us-east-1:111122223333:{user}")),
        "{r:?}"
    );
    assert_ne!(arn, &format!("arn:aws:sns:us-east-1:111122223333:{user}"));

    // wildcards in the first five fields: the value is split into its fields, and each `*`
    // spans no colon there (the string glob's does)
    let own_account = get_object_if(
        r#""ArnLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:${aws:username}"}"#,
    );
    let any_region =
        get_object_if(r#""ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:${aws:username}"}"#);
    for (a, b) in [
        (&named, &own_account),
        (&own_account, &any_region),
        (&any_region, &any_account),
    ] {
        subset_holds(a, b);
    }
    let r = subset_fails(&any_region, &own_account);
    assert!(
        !r.values("aws:SourceArn").unwrap()[0].contains(":111122223333:"),
        "{r:?}"
    );
    let as_string =
        get_object_if(r#""StringLike":{"aws:SourceArn":"arn:aws:sns:*:${aws:username}"}"#);
    subset_holds(&any_region, &as_string);
    subset_fails(&as_string, &any_region);
}

/// One `*` before the variables and one after: the variables lie somewhere between a known
/// start and a known end (`*/${aws:username}/*`, `home/*/${aws:username}-*`).
#[test]
fn wildcards_on_both_sides_of_a_variable() {
    let home = get_object_if(r#""StringLike":{"s3:prefix":"home/${aws:username}/*"}"#);
    let any_folder = get_object_if(r#""StringLike":{"s3:prefix":"*/${aws:username}/*"}"#);
    let anywhere = get_object_if(r#""StringLike":{"s3:prefix":"*${aws:username}*"}"#);
    subset_holds(&home, &any_folder);
    subset_holds(&any_folder, &anywhere);
    let r = subset_fails(&any_folder, &home);
    let user = &r.values("aws:username").unwrap()[0];
    let prefix = &r.values("s3:prefix").unwrap()[0];
    assert!(prefix.contains(&format!("/{user}/")), "{r:?}");
    assert!(!prefix.starts_with(&format!("home/{user}/")), "{r:?}");
    let r = subset_fails(&anywhere, &any_folder);
    let user = &r.values("aws:username").unwrap()[0];
    assert!(
        !r.values("s3:prefix").unwrap()[0].contains(&format!("/{user}/")),
        "{r:?}"
    );

    // a known start and end around them: the start and the end do not overlap the middle
    let dated = get_object_if(r#""StringLike":{"s3:prefix":"home/*/${aws:username}-*.log"}"#);
    let logs = get_object_if(r#""StringLike":{"s3:prefix":"*/${aws:username}-*"}"#);
    subset_holds(&dated, &logs);
    let r = subset_fails(&logs, &dated);
    let prefix = &r.values("s3:prefix").unwrap()[0];
    assert!(
        !prefix.starts_with("home/") || !prefix.ends_with(".log"),
        "{r:?}"
    );
    // `home/x-.log` for the user `x` is not dated: the slash before the user is the one of
    // `home/`, and the middle may not overlap the known start
    let short = get_object_if(r#""StringLike":{"s3:prefix":"home/${aws:username}-.log"}"#);
    let r = subset_fails(&short, &dated);
    let user = &r.values("aws:username").unwrap()[0];
    assert_eq!(
        r.values("s3:prefix").unwrap()[0],
        format!("home/{user}-.log"),
        "{r:?}"
    );

    // in the resource part of an ARN pattern
    let own =
        get_object_if(r#""ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:team/${aws:username}/x"}"#);
    let any = get_object_if(r#""ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:*/${aws:username}/*"}"#);
    subset_holds(&own, &any);
    subset_fails(&any, &own);
}

/// Before an ARN's fifth colon the evaluator does not substitute variables (they are only
/// allowed in the resource part): `${aws:PrincipalAccount}` there is literal text, split at
/// its own colon like any other.
#[test]
fn variables_before_the_resource_part_are_literal() {
    let literal = allow(
        r#""kms:Decrypt""#,
        "arn:aws:kms:*:${aws:PrincipalAccount}:key/*",
        "",
    );
    let any_account = allow(r#""kms:Decrypt""#, "arn:aws:kms:*:*:*", "");
    let one_account = allow(r#""kms:Decrypt""#, "arn:aws:kms:*:111122223333:key/*", "");
    subset_holds(&literal, &any_account);
    let r = subset_fails(&literal, &one_account);
    assert!(r.resource.contains(":${aws:"), "{r:?}");
    subset_fails(&one_account, &literal);
}

/// `${*}`, `${?}` and `${$}` stand for the character itself, never a wildcard.
#[test]
fn special_variables_are_literal_characters() {
    let star = allow(r#""s3:GetObject""#, "arn:aws:s3:::b/${*}", "");
    let any = allow(r#""s3:GetObject""#, "arn:aws:s3:::b/*", "");
    let x = allow(r#""s3:GetObject""#, "arn:aws:s3:::b/x", "");
    subset_holds(&star, &any);
    let r = subset_fails(&star, &x);
    assert_eq!(r.resource, "arn:aws:s3:::b/*");
    let r = subset_fails(&x, &star);
    assert_eq!(r.resource, "arn:aws:s3:::b/x");
}

#[test]
fn a_deny_that_leaves_out_more_takes_back_less() {
    // as in consecutive versions of `SageMakerStudioProjectUserRolePermissionsBoundary`: a
    // Deny with `NotAction` lists one more action the role may keep
    let with = |kept: &str| {
        policy(&format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:*","Resource":"*"}},
                {{"Effect":"Deny","NotAction":[{kept}],"Resource":"*"}}]}}"#
        ))
    };
    let old = with(r#""s3:Get*""#);
    let new = with(r#""s3:Get*","s3:ListBucket""#);
    for answer in [subset, iamlint_prove::subset_by_solver] {
        assert_eq!(
            answer(&old, &new, Mode::ClosedWorld, T).verdict,
            Verdict::Holds
        );
        let r = fails(answer(&new, &old, Mode::ClosedWorld, T).verdict, &new, &old);
        assert_eq!(r.action, "s3:ListBucket");
    }
}

#[test]
fn an_empty_action_matches_nothing_and_stars_match_everything() {
    let empty = allow(r#""""#, "*", "");
    let one = allow(r#""s3:GetObject""#, "*", "");
    let star = allow(r#""*""#, "*", "");
    let stars = allow(r#""**""#, "*", "");
    for answer in [subset, iamlint_prove::subset_by_solver] {
        assert_eq!(
            answer(&empty, &one, Mode::ClosedWorld, T).verdict,
            Verdict::Holds
        );
        assert_eq!(
            answer(&stars, &star, Mode::ClosedWorld, T).verdict,
            Verdict::Holds
        );
        assert_eq!(
            answer(&star, &stars, Mode::ClosedWorld, T).verdict,
            Verdict::Holds
        );
        fails(
            answer(&stars, &one, Mode::ClosedWorld, T).verdict,
            &stars,
            &one,
        );
    }
}
