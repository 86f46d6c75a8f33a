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
}
