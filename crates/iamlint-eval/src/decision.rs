//! The decision across policy types (IAM User Guide, "Policy evaluation logic", "Cross-account
//! policy evaluation logic"; AWS Organizations, "SCP evaluation" and "RCP evaluation").

use iamlint_model::{
    Effect, Policy, PolicyType, Principal as PrincipalElement, PrincipalKind, Statement,
};

use crate::condition::{condition_holds, literal_text, substitute};
use crate::matching::{action_matches, arn_matches};
use crate::request::{Principal, Request};

/// One policy to evaluate: its type and the lowered document. Each SCP input is one level of
/// the organization (root, OU, account), and every level must allow.
#[derive(Debug, Clone, Copy)]
pub struct PolicyInput<'p> {
    pub kind: PolicyType,
    pub policy: &'p Policy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    ExplicitDeny,
    ImplicitDeny,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allow => "allow",
            Decision::ExplicitDeny => "explicit-deny",
            Decision::ImplicitDeny => "implicit-deny",
        }
    }
}

/// A statement that took part in the decision: the index of its policy in the input, its
/// `Sid`, effect and byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementRef {
    pub policy: usize,
    pub sid: Option<String>,
    pub effect: Effect,
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub decision: Decision,
    /// Why, in a sentence.
    pub reason: String,
    /// The deciding statements.
    pub statements: Vec<StatementRef>,
    /// The policy (index in the input) whose missing allow decided an implicit deny: an SCP
    /// level, a permissions boundary or a session policy.
    pub gate: Option<usize>,
}

/// How a matching statement named the principal: resource-policy grants to a user or session
/// are not limited by boundaries and session policies; grants to a role or a whole account are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    /// No principal element (identity, boundary, session, SCP).
    Implicit,
    /// `*`, or a whole account.
    Broad,
    /// A role ARN.
    Role,
    /// A user or session ARN, or a service, federated or canonical principal.
    Exact,
}

/// How the statement's principal element matches the caller, or `None` when it does not.
fn principal_match(
    stmt: &Statement,
    kind: PolicyType,
    caller: &Principal,
    boundary_given: bool,
) -> Option<Named> {
    let (entry, negative) = match (&stmt.principal, &stmt.not_principal) {
        (Some(p), _) => (p, false),
        (None, Some(n)) => (n, true),
        (None, None) => {
            return match kind {
                PolicyType::Resource | PolicyType::Trust | PolicyType::Rcp => None,
                _ => Some(Named::Implicit),
            };
        }
    };
    let element = entry.value.ok()?;
    if negative {
        // "Permissions boundaries for IAM entities": a Deny with `NotPrincipal` always denies an
        // IAM principal that has a permissions boundary, whatever the element lists
        if boundary_given
            && stmt.effect() == Some(Effect::Deny)
            && matches!(caller, Principal::Aws { .. })
        {
            return Some(Named::Broad);
        }
        // "NotPrincipal": AWS may check each level of the caller's chain (account, role, session
        // or user), so the statement spares the caller only when every level is listed
        let levels = caller.chain();
        let spared = if levels.is_empty() {
            names(element, caller).is_some()
        } else {
            levels.iter().all(|level| lists(element, level))
        };
        return (!spared).then_some(Named::Broad);
    }
    names(element, caller)
}

/// The AWS values of a principal element (`"*"` for the bare wildcard).
fn aws_values(element: &PrincipalElement) -> Vec<&str> {
    if let PrincipalElement::String(s) = element {
        return vec![s.value.as_str()];
    }
    element
        .entries()
        .iter()
        .filter(|e| e.kind == Some(PrincipalKind::Aws))
        .filter_map(|e| e.values.ok())
        .flat_map(|l| l.strings().map(|s| s.value.as_str()))
        .collect()
}

/// The account an AWS principal value stands for as a whole: a bare 12-digit id, or an
/// account's `root` ARN ("IAM JSON policy elements: Principal").
fn whole_account(value: &str) -> Option<&str> {
    if value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(value);
    }
    let account = value.strip_suffix(":root")?.rsplit(':').next()?;
    (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())).then_some(account)
}

/// Whether an element lists exactly this level of a caller's chain (a level ARN).
fn lists(element: &PrincipalElement, level: &str) -> bool {
    aws_values(element).into_iter().any(|v| {
        v == "*"
            || v == level
            || whole_account(v)
                .is_some_and(|a| whole_account(level) == Some(a) && level.ends_with(":root"))
    })
}

/// Whether a principal element names the caller, and how.
fn names(element: &PrincipalElement, caller: &Principal) -> Option<Named> {
    if let PrincipalElement::String(s) = element {
        return (s.value == "*").then_some(Named::Broad);
    }
    let chain = caller.chain();
    let mut best: Option<Named> = None;
    for entry in element.entries() {
        for v in entry.values.ok().into_iter().flat_map(|l| l.strings()) {
            let v = v.value.as_str();
            let found = match (entry.kind, caller) {
                (Some(PrincipalKind::Aws), _) if v == "*" => Some(Named::Broad),
                (Some(PrincipalKind::Aws), Principal::Aws { .. }) => match whole_account(v) {
                    Some(account) => (caller.account() == Some(account)).then_some(Named::Broad),
                    // a role is named by its role ARN; a user or a session by its own ARN
                    None if chain.iter().any(|c| c == v) => Some(if is_role_arn(v) {
                        Named::Role
                    } else {
                        Named::Exact
                    }),
                    None => None,
                },
                (Some(PrincipalKind::Service), Principal::Service(s)) => {
                    (v == s).then_some(Named::Exact)
                }
                (Some(PrincipalKind::Federated), Principal::Federated(f)) => {
                    (v == f).then_some(Named::Exact)
                }
                (Some(PrincipalKind::CanonicalUser), Principal::CanonicalUser(c)) => {
                    (v == c).then_some(Named::Exact)
                }
                _ => None,
            };
            // prefer the most specific way the caller is named
            best = match (best, found) {
                (Some(Named::Exact), _) | (_, None) => best,
                (_, Some(f)) => Some(f),
            };
        }
    }
    best
}

fn is_role_arn(arn: &str) -> bool {
    arn.splitn(6, ':')
        .nth(5)
        .is_some_and(|r| r.starts_with("role/"))
        && arn.split(':').nth(2) == Some("iam")
}

fn matches_actions(stmt: &Statement, request: &Request) -> bool {
    match (&stmt.action, &stmt.not_action) {
        (Some(a), _) => a.value.ok().is_some_and(|l| {
            l.strings()
                .any(|p| action_matches(&p.value, &request.action))
        }),
        (None, Some(n)) => n.value.ok().is_some_and(|l| {
            !l.strings()
                .any(|p| action_matches(&p.value, &request.action))
        }),
        (None, None) => false,
    }
}

fn matches_resources(
    stmt: &Statement,
    kind: PolicyType,
    request: &Request,
    variables: bool,
) -> bool {
    let resource = literal_text(&request.resource);
    let one = |pattern: &str| {
        if pattern == "*" {
            return true;
        }
        // variables expand only after the fifth colon; one that cannot be resolved matches
        // nothing (IAM User Guide, "Policy variables")
        let (head, tail) = match pattern.match_indices(':').nth(4) {
            Some((i, _)) => pattern.split_at(i),
            None => (pattern, ""),
        };
        match substitute(tail, request, variables) {
            Some(t) => arn_matches(&format!("{head}{t}"), &resource),
            None => false,
        }
    };
    match (&stmt.resource, &stmt.not_resource) {
        (Some(r), _) => r
            .value
            .ok()
            .is_some_and(|l| l.strings().any(|p| one(&p.value))),
        (None, Some(n)) => n
            .value
            .ok()
            .is_some_and(|l| !l.strings().any(|p| one(&p.value))),
        // a trust policy's resource is the role itself
        (None, None) => kind == PolicyType::Trust,
    }
}

/// The statements of one policy that apply to the request, with how they named the caller.
fn applying<'p>(
    input: &PolicyInput<'p>,
    request: &Request,
    boundary_given: bool,
) -> Vec<(&'p Statement, Named)> {
    // under 2008-10-17, or without a `Version`, `${...}` is literal text ("Policy variables")
    let variables = input.policy.expands_variables();
    input
        .policy
        .statements()
        .filter_map(|stmt| {
            let named = principal_match(stmt, input.kind, &request.principal, boundary_given)?;
            let applies = matches_actions(stmt, request)
                && matches_resources(stmt, input.kind, request, variables)
                && stmt
                    .condition()
                    .is_none_or(|c| condition_holds(c, request, variables));
            applies.then_some((stmt, named))
        })
        .collect()
}

/// Whether one statement of a policy of this kind applies to the request: its principal element
/// (if any), action, resource and condition all match. This is the statement-level relation the
/// prover's lint queries are replayed through.
pub fn statement_applies(
    stmt: &Statement,
    kind: PolicyType,
    request: &Request,
    variables: bool,
) -> bool {
    principal_match(stmt, kind, &request.principal, false).is_some()
        && matches_actions(stmt, request)
        && matches_resources(stmt, kind, request, variables)
        && stmt
            .condition()
            .is_none_or(|c| condition_holds(c, request, variables))
}

/// Whether one policy on its own allows the request: one of its Allow statements applies and
/// none of its Deny statements does. Queries that compare two policies (`subset`,
/// `equivalent`) are about this relation, and their counterexamples are replayed through it.
pub fn policy_allows(input: &PolicyInput<'_>, request: &Request) -> bool {
    let stmts = applying(input, request, false);
    stmts.iter().any(|(s, _)| s.effect() == Some(Effect::Allow))
        && !stmts.iter().any(|(s, _)| s.effect() == Some(Effect::Deny))
}

fn reference(policy: usize, stmt: &Statement) -> StatementRef {
    StatementRef {
        policy,
        sid: stmt
            .sid
            .as_ref()
            .and_then(|e| e.value.ok())
            .map(|s| s.value.clone()),
        effect: stmt.effect().unwrap_or(Effect::Deny),
        start: u32::from(stmt.range.start()),
        end: u32::from(stmt.range.end()),
    }
}

/// The decision for one request.
pub fn decide(inputs: &[PolicyInput<'_>], request: &Request) -> Outcome {
    let boundary_given = inputs.iter().any(|i| i.kind == PolicyType::Boundary);
    let matched: Vec<Vec<(&Statement, Named)>> = inputs
        .iter()
        .map(|i| applying(i, request, boundary_given))
        .collect();
    let with =
        |pred: &dyn Fn(PolicyType) -> bool, effect: Effect| -> Vec<(usize, &Statement, Named)> {
            inputs
                .iter()
                .zip(&matched)
                .enumerate()
                .filter(|(_, (input, _))| pred(input.kind))
                .flat_map(|(i, (_, stmts))| {
                    stmts
                        .iter()
                        .filter(|(s, _)| s.effect() == Some(effect))
                        .map(move |(s, n)| (i, *s, *n))
                })
                .collect()
        };
    let refs = |list: &[(usize, &Statement, Named)]| {
        list.iter()
            .map(|(i, s, _)| reference(*i, s))
            .collect::<Vec<_>>()
    };

    // 1. an explicit deny in any policy wins
    let denies = with(&|_| true, Effect::Deny);
    if !denies.is_empty() {
        return Outcome {
            decision: Decision::ExplicitDeny,
            reason: "an explicit deny applies, and a deny in any policy overrides every allow"
                .to_owned(),
            statements: refs(&denies),
            gate: None,
        };
    }
    let implicit = |reason: &str, statements: Vec<StatementRef>, gate: Option<usize>| Outcome {
        decision: Decision::ImplicitDeny,
        reason: reason.to_owned(),
        statements,
        gate,
    };
    // 2. every SCP level must allow (for callers in the organization); RCPs only deny, since
    //    the undetachable RCPFullAWSAccess allows at every level (Organizations, "RCP evaluation")
    for (i, (input, stmts)) in inputs.iter().zip(&matched).enumerate() {
        if input.kind == PolicyType::Scp
            && matches!(request.principal, Principal::Aws { .. })
            && !stmts.iter().any(|(s, _)| s.is_allow())
        {
            return implicit(
                "a service control policy does not allow the action, and every level of the organization must",
                Vec::new(),
                Some(i),
            );
        }
    }
    // 3. limits: a permissions boundary and, for sessions, a session policy must allow
    let boundary_allows = with(&|k| k == PolicyType::Boundary, Effect::Allow);
    let session_given =
        inputs.iter().any(|i| i.kind == PolicyType::Session) && request.principal.is_session();
    let session_allows = with(&|k| k == PolicyType::Session, Effect::Allow);
    let boundary_ok = !boundary_given || !boundary_allows.is_empty();
    let session_ok = !session_given || !session_allows.is_empty();
    let limits = boundary_ok && session_ok;
    let limiting_gate = if !boundary_ok {
        inputs.iter().position(|i| i.kind == PolicyType::Boundary)
    } else if !session_ok {
        inputs.iter().position(|i| i.kind == PolicyType::Session)
    } else {
        None
    };

    let identity = with(&|k| k == PolicyType::Identity, Effect::Allow);
    let resource_kinds = |k: PolicyType| matches!(k, PolicyType::Resource | PolicyType::Trust);
    let resource = with(&resource_kinds, Effect::Allow);
    let resource_given = inputs.iter().any(|i| resource_kinds(i.kind));

    let caller_account = request.principal.account();
    let same_account = match (caller_account, request.resource_owner()) {
        (Some(c), Some(o)) => c == o,
        // a service, federated or anonymous caller, or a resource of unknown owner
        _ => true,
    };
    // "Policy evaluation logic": the root user has full access within its own account (SCPs
    // and explicit denies still apply); boundaries and session policies never attach to it
    let root = request.principal.is_root();
    let identity_grant = root || (!identity.is_empty() && limits);
    // trust policies and KMS key policies must allow the principal explicitly
    let explicit_needed = inputs.iter().any(|i| i.kind == PolicyType::Trust)
        || (request.resource.starts_with("arn:")
            && request.resource.split(':').nth(2) == Some("kms")
            && resource_given);

    let mut grants: Vec<(usize, &Statement, Named)> = Vec::new();
    let allowed = if same_account {
        // resource grants to a user or session are not limited by boundaries or session
        // policies; grants to a role are; a grant to the whole account delegates to the
        // account's own identity policies
        for r in &resource {
            let ok = match r.2 {
                Named::Exact => true,
                Named::Role => limits,
                Named::Broad => match request.principal {
                    Principal::Aws { .. } if names_an_account(r.1) => identity_grant,
                    _ => limits,
                },
                Named::Implicit => false,
            };
            if ok {
                grants.push(*r);
            }
        }
        if !explicit_needed && identity_grant {
            grants.extend(identity.iter().copied());
        }
        !grants.is_empty() || (root && !explicit_needed)
    } else {
        // across accounts both sides must allow
        let both = identity_grant && !resource.is_empty();
        if both {
            grants.extend(identity.iter().copied());
            grants.extend(resource.iter().copied());
        }
        both
    };
    if allowed {
        let reason = if grants.is_empty() {
            "the account's root user has full access within its own account, and no deny applies"
        } else if !same_account {
            "across accounts, the caller's identity policy and the resource policy both allow, and no deny applies"
        } else if grants
            .iter()
            .all(|g| inputs.get(g.0).is_some_and(|i| resource_kinds(i.kind)))
        {
            "the resource policy names the caller and allows, and no deny applies"
        } else {
            "an identity policy allows, every limit on it allows too, and no deny applies"
        };
        return Outcome {
            decision: Decision::Allow,
            reason: reason.to_owned(),
            statements: refs(&grants),
            gate: None,
        };
    }
    let (reason, gate) = if !identity.is_empty() && !limits {
        (
            if boundary_ok {
                "an identity policy allows, but the session policy does not"
            } else {
                "an identity policy allows, but the permissions boundary does not"
            },
            limiting_gate,
        )
    } else if !resource.is_empty() && !limits && resource.iter().all(|r| r.2 != Named::Exact) {
        (
            "the resource policy allows a role or account, and such grants are limited by the permissions boundary and session policy, which do not allow",
            limiting_gate,
        )
    } else if !same_account && identity_grant {
        (
            "across accounts both sides must allow: the caller's identity policy does, but no resource policy of the other account does",
            None,
        )
    } else if !same_account && !resource.is_empty() {
        (
            "across accounts both sides must allow: the resource policy does, but no identity policy of the caller does",
            None,
        )
    } else if !same_account {
        (
            "across accounts both the caller's identity policy and the resource policy must allow, and neither does",
            None,
        )
    } else if explicit_needed {
        (
            "the trust or key policy does not allow this principal explicitly, and an identity policy alone is not enough",
            None,
        )
    } else if !resource.is_empty() {
        (
            "the resource policy delegates to the account, and no identity policy of the caller allows",
            None,
        )
    } else {
        ("no policy allows the request", None)
    };
    // the allows that applied but were not enough
    let mut partial = identity.clone();
    partial.extend(resource.iter().copied());
    implicit(reason, refs(&partial), gate)
}

/// Whether a statement's `Principal` names a whole account (not `"*"`, which stands for
/// everyone and grants directly).
fn names_an_account(stmt: &Statement) -> bool {
    stmt.principal
        .as_ref()
        .and_then(|p| p.value.ok())
        .is_some_and(|e| !e.is_wildcard())
}
