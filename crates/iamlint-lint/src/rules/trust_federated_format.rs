use super::prelude::*;
use crate::principals::{Federated, classify_federated};
use iamlint_model::PrincipalKind;

declare_rule! {
    /// A `Federated` principal that is neither a SAML or OIDC provider ARN nor an identity
    /// provider domain.
    pub struct TrustFederatedFormat {
        code: "IAM207",
        name: "trust-federated-format",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a Federated principal that is not a provider ARN or an IdP domain",
    }
}

impl Rule for TrustFederatedFormat {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() == PolicyType::Resource {
            return; // federated-principal-unsupported covers it
        }
        for (_, e) in stmt.principals().into_iter() {
            let Some(p) = e.value.ok() else { continue };
            for entry in p
                .entries()
                .iter()
                .filter(|e| e.kind == Some(PrincipalKind::Federated))
            {
                for v in entry.values.ok().into_iter().flat_map(|l| l.strings()) {
                    if classify_federated(&v.value) == Federated::Invalid {
                        ctx.report(v.range, format!("`{}` is not a federated principal", v.value))
                            .help("use a provider ARN (`arn:aws:iam::111122223333:saml-provider/NAME` or `…:oidc-provider/HOST`) or an identity provider domain such as `cognito-identity.amazonaws.com`");
                    }
                }
            }
        }
    }
}
