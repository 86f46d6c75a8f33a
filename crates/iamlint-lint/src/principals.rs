//! Shapes of principal values, shared by the principal and trust rules.

/// What a `Federated` principal value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Federated {
    /// `arn:aws:iam::<account>:saml-provider/<name>`
    Saml,
    /// `arn:aws:iam::<account>:oidc-provider/<host>`, or a web identity domain such as
    /// `cognito-identity.amazonaws.com` or `accounts.google.com`.
    Oidc,
    /// Neither.
    Invalid,
}

/// Classifies a `Federated` value.
pub fn classify_federated(value: &str) -> Federated {
    if value.starts_with("arn:") {
        let parts: Vec<&str> = value.splitn(6, ':').collect();
        let [_, partition, service, region, account, resource] = parts.as_slice() else {
            return Federated::Invalid;
        };
        let account_ok = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
        if !partition.starts_with("aws") || *service != "iam" || !region.is_empty() || !account_ok {
            return Federated::Invalid;
        }
        return match resource.split_once('/') {
            Some(("saml-provider", name)) if !name.is_empty() => Federated::Saml,
            Some(("oidc-provider", host)) if !host.is_empty() => Federated::Oidc,
            _ => Federated::Invalid,
        };
    }
    if is_domain(value) {
        Federated::Oidc
    } else {
        Federated::Invalid
    }
}

/// A lowercase DNS name with at least two labels.
pub fn is_domain(value: &str) -> bool {
    let labels: Vec<&str> = value.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

/// One principal value of a statement: from `Principal` or `NotPrincipal`, in a map under a
/// kind (`kind` is `None` for a key that is no kind), or the bare string form (`key` `None`).
#[derive(Debug, Clone, Copy)]
pub struct PrincipalSite<'a> {
    pub key: Option<&'a iamlint_syntax::Key>,
    pub kind: Option<iamlint_model::PrincipalKind>,
    pub value: &'a iamlint_model::Str,
    pub not: bool,
}

/// Every principal value of a statement, in document order.
pub fn principal_sites(stmt: &iamlint_model::Statement) -> Vec<PrincipalSite<'_>> {
    let mut out = Vec::new();
    for (entry, not) in [(&stmt.principal, false), (&stmt.not_principal, true)] {
        let Some(p) = entry.as_ref().and_then(|e| e.value.ok()) else {
            continue;
        };
        match p {
            iamlint_model::Principal::String(s) => out.push(PrincipalSite {
                key: None,
                kind: None,
                value: s,
                not,
            }),
            iamlint_model::Principal::Map { entries, .. } => {
                for e in entries {
                    for value in e
                        .values
                        .ok()
                        .into_iter()
                        .flat_map(iamlint_model::StrList::strings)
                    {
                        out.push(PrincipalSite {
                            key: Some(&e.key),
                            kind: e.kind,
                            value,
                            not,
                        });
                    }
                }
            }
        }
    }
    out
}

/// What an `AWS` principal value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AwsPrincipal {
    /// `*`
    Everyone,
    /// A 12-digit account id, or `arn:…:iam::<account>:root`.
    Account,
    /// `arn:…:iam::<account>:user/…`, `role/…`, `arn:…:sts::<account>:assumed-role/…` or
    /// `federated-user/…`, and CloudFront origin access identities
    /// (`arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ID`).
    Principal,
    /// `arn:…:iam::<account>:group/…`: groups are never principals.
    Group,
    /// A unique id such as `AROA…` or `AIDA…`: what IAM shows after the role or user it named
    /// was deleted.
    UniqueId,
    /// Anything else.
    Invalid,
}

/// The unique-id prefixes IAM shows in place of a deleted principal.
const UNIQUE_ID_PREFIXES: [&str; 6] = ["AROA", "AIDA", "AGPA", "AIPA", "ANPA", "ASIA"];

pub fn classify_aws(value: &str) -> AwsPrincipal {
    if value == "*" {
        return AwsPrincipal::Everyone;
    }
    if value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit()) {
        return AwsPrincipal::Account;
    }
    if UNIQUE_ID_PREFIXES.iter().any(|p| value.starts_with(p))
        && value.len() >= 16
        && value
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return AwsPrincipal::UniqueId;
    }
    let parts: Vec<&str> = value.splitn(6, ':').collect();
    let [arn, partition, service, region, account, resource] = parts.as_slice() else {
        return AwsPrincipal::Invalid;
    };
    // CloudFront origin access identities are written with the account `cloudfront`
    let oai =
        *account == "cloudfront" && resource.starts_with("user/CloudFront Origin Access Identity ");
    let account_ok = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())
        || account.contains(['*', '?'])
        || account.contains("${")
        || oai;
    if *arn != "arn" || !partition.starts_with("aws") || !region.is_empty() || !account_ok {
        return AwsPrincipal::Invalid;
    }
    let (kind, name) = resource.split_once('/').unwrap_or((resource, ""));
    match (*service, kind) {
        ("iam", "root") if name.is_empty() => AwsPrincipal::Account,
        ("iam", "user" | "role") if !name.is_empty() => AwsPrincipal::Principal,
        ("iam", "group") => AwsPrincipal::Group,
        ("sts", "assumed-role" | "federated-user") if !name.is_empty() => AwsPrincipal::Principal,
        _ => AwsPrincipal::Invalid,
    }
}

/// `name.amazonaws.com`, `name.amazon.com` or `name.amazonaws.com.cn`, lowercase.
pub fn service_principal_shaped(value: &str) -> bool {
    let host = [".amazonaws.com", ".amazon.com", ".amazonaws.com.cn"]
        .iter()
        .find_map(|suffix| value.strip_suffix(suffix));
    host.is_some_and(|h| {
        !h.is_empty()
            && h.split('.').all(|l| {
                !l.is_empty()
                    && l.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            })
    })
}

/// The account of an AWS principal value (`111122223333`, `arn:aws:iam::111122223333:…`).
pub fn principal_account(value: &str) -> Option<&str> {
    if value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(value);
    }
    value
        .split(':')
        .nth(4)
        .filter(|a| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn federated_shapes() {
        assert_eq!(
            classify_federated("arn:aws:iam::111122223333:saml-provider/Okta"),
            Federated::Saml
        );
        assert_eq!(
            classify_federated(
                "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
            ),
            Federated::Oidc
        );
        assert_eq!(
            classify_federated("arn:aws-us-gov:iam::111122223333:oidc-provider/x.example.com/id/1"),
            Federated::Oidc
        );
        assert_eq!(
            classify_federated("cognito-identity.amazonaws.com"),
            Federated::Oidc
        );
        assert_eq!(classify_federated("accounts.google.com"), Federated::Oidc);
        for bad in [
            "arn:aws:iam::1111:saml-provider/x",
            "arn:aws:iam::111122223333:role/x",
            "arn:aws:iam:us-east-1:111122223333:saml-provider/x",
            "arn:aws:iam::111122223333:saml-provider/",
            "Accounts.Google.com",
            "localhost",
            "*",
            "",
        ] {
            assert_eq!(classify_federated(bad), Federated::Invalid, "{bad}");
        }
    }

    #[test]
    fn aws_principal_shapes() {
        assert_eq!(classify_aws("*"), AwsPrincipal::Everyone);
        assert_eq!(classify_aws("111122223333"), AwsPrincipal::Account);
        assert_eq!(
            classify_aws("arn:aws:iam::111122223333:root"),
            AwsPrincipal::Account
        );
        assert_eq!(
            classify_aws("arn:aws:iam::111122223333:role/path/r"),
            AwsPrincipal::Principal
        );
        assert_eq!(
            classify_aws("arn:aws:sts::111122223333:assumed-role/r/s"),
            AwsPrincipal::Principal
        );
        assert_eq!(
            classify_aws("arn:aws:iam::123456789012:group/devs"),
            AwsPrincipal::Group
        );
        assert_eq!(classify_aws("AROA123456789EXAMPLE"), AwsPrincipal::UniqueId);
        assert_eq!(
            classify_aws("arn:aws:iam::111122223333:policy/p"),
            AwsPrincipal::Invalid
        );
        assert_eq!(classify_aws("arn:aws:s3:::bucket"), AwsPrincipal::Invalid);
        assert_eq!(classify_aws("1111"), AwsPrincipal::Invalid);
        assert_eq!(
            classify_aws("arn:aws-cn:iam::111122223333:user/u"),
            AwsPrincipal::Principal
        );
        assert_eq!(
            classify_aws(
                "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity EH1HDMB1FH2TC"
            ),
            AwsPrincipal::Principal
        );
    }

    #[test]
    fn service_principal_format() {
        assert!(service_principal_shaped("lambda.amazonaws.com"));
        assert!(service_principal_shaped(
            "elasticmapreduce.amazonaws.com.cn"
        ));
        assert!(service_principal_shaped("alexa-appkit.amazon.com"));
        assert!(!service_principal_shaped("Lambda.amazonaws.com"));
        assert!(!service_principal_shaped("lambda"));
        assert!(!service_principal_shaped(".amazonaws.com"));
        assert!(!service_principal_shaped("*.amazonaws.com"));
    }
}
