//! The seven kinds of policy, and guessing one from a document's shape.

use std::fmt;

use crate::policy::Policy;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PolicyType {
    /// Attached to a user, group or role.
    Identity,
    /// Attached to a resource (bucket, key, queue, ...); names principals.
    Resource,
    /// A role's trust policy (`AssumeRolePolicyDocument`).
    Trust,
    /// A permissions boundary.
    Boundary,
    /// An AWS Organizations service control policy.
    Scp,
    /// An AWS Organizations resource control policy.
    Rcp,
    /// A session policy passed to `AssumeRole*` or `GetFederationToken`.
    Session,
}

impl PolicyType {
    pub const ALL: [PolicyType; 7] = [
        PolicyType::Identity,
        PolicyType::Resource,
        PolicyType::Trust,
        PolicyType::Boundary,
        PolicyType::Scp,
        PolicyType::Rcp,
        PolicyType::Session,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PolicyType::Identity => "identity",
            PolicyType::Resource => "resource",
            PolicyType::Trust => "trust",
            PolicyType::Boundary => "boundary",
            PolicyType::Scp => "scp",
            PolicyType::Rcp => "rcp",
            PolicyType::Session => "session",
        }
    }

    /// Accepts the short names, plus `permissions-boundary` and `session-policy`.
    pub fn parse(text: &str) -> Option<PolicyType> {
        match text {
            "permissions-boundary" => Some(PolicyType::Boundary),
            "session-policy" => Some(PolicyType::Session),
            _ => PolicyType::ALL.into_iter().find(|t| t.as_str() == text),
        }
    }

    /// A phrase for messages: "an identity policy", "a trust policy", "an SCP".
    pub fn phrase(self) -> &'static str {
        match self {
            PolicyType::Identity => "an identity policy",
            PolicyType::Resource => "a resource policy",
            PolicyType::Trust => "a role trust policy",
            PolicyType::Boundary => "a permissions boundary",
            PolicyType::Scp => "a service control policy",
            PolicyType::Rcp => "a resource control policy",
            PolicyType::Session => "a session policy",
        }
    }

    /// Types whose statements must name a principal.
    pub fn requires_principal(self) -> bool {
        matches!(
            self,
            PolicyType::Resource | PolicyType::Trust | PolicyType::Rcp
        )
    }

    /// Types that may not name a principal at all.
    pub fn forbids_principal(self) -> bool {
        matches!(
            self,
            PolicyType::Identity | PolicyType::Boundary | PolicyType::Session | PolicyType::Scp
        )
    }

    /// Types attached to IAM identities, whose limits and Sid rules are IAM's.
    pub fn is_iam_attached(self) -> bool {
        matches!(
            self,
            PolicyType::Identity | PolicyType::Boundary | PolicyType::Trust | PolicyType::Session
        )
    }
}

impl fmt::Display for PolicyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Guesses the type from the shape: a principal with an `sts:AssumeRole*` action means a trust
/// policy, any other principal a resource policy, and none an identity policy. SCPs, RCPs,
/// boundaries and session policies look like identity or resource policies, so only an
/// explicit choice selects them.
pub fn detect(policy: &Policy) -> PolicyType {
    let mut with_principal = policy
        .statements()
        .filter(|s| s.has_principal_element())
        .peekable();
    if with_principal.peek().is_none() {
        return PolicyType::Identity;
    }
    let assumes_role = with_principal.any(|s| {
        s.action_strings().any(|a| {
            a.value
                .get(..14)
                .is_some_and(|p| p.eq_ignore_ascii_case("sts:assumerole"))
        })
    });
    if assumes_role {
        PolicyType::Trust
    } else {
        PolicyType::Resource
    }
}

#[cfg(test)]
#[allow(
    clippy::string_slice,
    reason = "tests slice ranges they have just checked"
)]
mod tests {
    use super::*;

    fn detect_text(text: &str) -> PolicyType {
        let parsed = iamlint_syntax::parse(text);
        detect(&crate::lower(parsed.root.as_ref().unwrap()).unwrap())
    }

    #[test]
    fn detection_by_shape() {
        assert_eq!(
            detect_text(r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#),
            PolicyType::Identity
        );
        assert_eq!(
            detect_text(
                r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
            ),
            PolicyType::Trust
        );
        assert_eq!(
            detect_text(
                r#"{"Statement":[{"Effect":"Allow","Principal":{"Federated":"x"},"Action":["sts:AssumeRoleWithWebIdentity"]}]}"#
            ),
            PolicyType::Trust
        );
        assert_eq!(
            detect_text(
                r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#
            ),
            PolicyType::Resource
        );
        assert_eq!(
            detect_text(
                r#"{"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"x"},"Action":"STS:ASSUMEROLE"}]}"#
            ),
            PolicyType::Trust
        );
        assert_eq!(detect_text(r#"{"Statement":"x"}"#), PolicyType::Identity);
    }

    #[test]
    fn names_round_trip() {
        for t in PolicyType::ALL {
            assert_eq!(PolicyType::parse(t.as_str()), Some(t));
        }
        assert_eq!(
            PolicyType::parse("permissions-boundary"),
            Some(PolicyType::Boundary)
        );
        assert_eq!(PolicyType::parse("auto"), None);
    }
}
