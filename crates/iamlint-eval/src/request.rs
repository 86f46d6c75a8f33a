//! What is being asked: who, which action, on which resource, with which context.

use std::collections::BTreeMap;

/// The caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// An IAM user, a role, or an assumed-role session (by ARN), or an account's root.
    Aws { arn: String },
    /// An AWS service principal such as `lambda.amazonaws.com`.
    Service(String),
    /// A federated principal (`cognito-identity.amazonaws.com`, a SAML or OIDC provider ARN).
    Federated(String),
    /// An S3 canonical user id.
    CanonicalUser(String),
    /// No credentials at all.
    Anonymous,
}

impl Principal {
    /// Parses the CLI's principal strings: an ARN, a 12-digit account, `service:NAME`,
    /// `federated:NAME`, `canonical:ID` or `anonymous`.
    pub fn parse(s: &str) -> Option<Principal> {
        if s == "anonymous" {
            return Some(Principal::Anonymous);
        }
        if let Some(n) = s.strip_prefix("service:") {
            return Some(Principal::Service(n.to_owned()));
        }
        if let Some(n) = s.strip_prefix("federated:") {
            return Some(Principal::Federated(n.to_owned()));
        }
        if let Some(n) = s.strip_prefix("canonical:") {
            return Some(Principal::CanonicalUser(n.to_owned()));
        }
        if s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Principal::Aws {
                arn: format!("arn:aws:iam::{s}:root"),
            });
        }
        s.starts_with("arn:")
            .then(|| Principal::Aws { arn: s.to_owned() })
    }

    /// The account of an AWS principal.
    pub fn account(&self) -> Option<&str> {
        match self {
            Principal::Aws { arn } => arn.split(':').nth(4).filter(|a| !a.is_empty()),
            _ => None,
        }
    }

    /// The levels of an AWS principal's chain, from the broadest: the account root, then the
    /// role (for a session) or the user, then the session. Policies that name any level match
    /// (the `NotPrincipal` page explains the chain).
    pub fn chain(&self) -> Vec<String> {
        let Principal::Aws { arn } = self else {
            return Vec::new();
        };
        let parts: Vec<&str> = arn.splitn(6, ':').collect();
        let [_, partition, service, _, account, resource] = parts.as_slice() else {
            return vec![arn.clone()];
        };
        let root = format!("arn:{partition}:iam::{account}:root");
        let mut out = vec![root.clone()];
        if *service == "sts"
            && let Some(rest) = resource.strip_prefix("assumed-role/")
        {
            let role = rest.split('/').next().unwrap_or("");
            out.push(format!("arn:{partition}:iam::{account}:role/{role}"));
        }
        if *arn != root {
            out.push(arn.clone());
        }
        out
    }

    /// Whether this is an account's root user (`arn:aws:iam::111122223333:root`, or the bare
    /// account id).
    pub fn is_root(&self) -> bool {
        matches!(self, Principal::Aws { arn } if arn.ends_with(":root") && arn.split(':').nth(2) == Some("iam"))
    }

    /// Whether this is an assumed-role session (`arn:aws:sts::…:assumed-role/…`).
    /// Federated-user sessions (`GetFederationToken`) count too: both take session policies.
    pub fn is_session(&self) -> bool {
        matches!(self, Principal::Aws { arn } if arn.split(':').nth(2) == Some("sts")
            && arn.splitn(6, ':').nth(5).is_some_and(|r| r.starts_with("assumed-role/") || r.starts_with("federated-user/")))
    }
}

/// One request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub principal: Principal,
    /// `service:Action`.
    pub action: String,
    /// The resource ARN, or `*` for actions without resources.
    pub resource: String,
    /// The account that owns the resource, when its ARN does not say (S3).
    pub resource_account: Option<String>,
    /// Context keys, by name in lower case (key names ignore case), each with its values.
    pub context: BTreeMap<String, Vec<String>>,
}

impl Request {
    pub fn new(principal: Principal, action: &str, resource: &str) -> Request {
        Request {
            principal,
            action: action.to_owned(),
            resource: resource.to_owned(),
            resource_account: None,
            context: BTreeMap::new(),
        }
    }

    /// Adds a value to a context key (a key given several values is multivalued).
    pub fn with(mut self, key: &str, value: &str) -> Request {
        self.context
            .entry(key.to_ascii_lowercase())
            .or_default()
            .push(value.to_owned());
        self
    }

    /// The values of a context key, ignoring the case of its name.
    pub fn values(&self, key: &str) -> Option<&[String]> {
        self.context
            .get(&key.to_ascii_lowercase())
            .map(Vec::as_slice)
    }

    /// The account that owns the resource: the ARN's account field, or `resource_account`.
    pub fn resource_owner(&self) -> Option<&str> {
        self.resource
            .split(':')
            .nth(4)
            .filter(|a| !a.is_empty())
            .or(self.resource_account.as_deref())
    }
}
