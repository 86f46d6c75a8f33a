use super::prelude::*;
use crate::principals::{Federated, classify_federated};
use iamlint_model::PrincipalKind;

declare_rule! {
    /// In a role trust policy, the action must fit the principal: a SAML provider needs
    /// `sts:AssumeRoleWithSAML`, an OIDC provider `sts:AssumeRoleWithWebIdentity`, and those
    /// two actions need a federated principal.
    pub struct TrustActionPrincipalMismatch {
        code: "IAM206",
        name: "trust-action-principal-mismatch",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a trust policy action that does not fit its principal (SAML, OIDC)",
    }
}

const SAML: &str = "sts:AssumeRoleWithSAML";
const OIDC: &str = "sts:AssumeRoleWithWebIdentity";

impl Rule for TrustActionPrincipalMismatch {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Trust || !stmt.is_allow() {
            return;
        }
        let Some(principal) = stmt.principal.as_ref().and_then(|e| e.value.ok()) else {
            return;
        };
        let Some(action) = stmt.action.as_ref() else {
            return;
        };
        let federated: Vec<(&iamlint_model::Str, Federated)> = principal
            .entries()
            .iter()
            .filter(|e| e.kind == Some(PrincipalKind::Federated))
            .filter_map(|e| e.values.ok())
            .flat_map(|l| l.strings())
            .map(|s| (s, classify_federated(&s.value)))
            .collect();
        let label = stmt.label();
        for (needed, kind, what) in [
            (SAML, Federated::Saml, "SAML provider"),
            (OIDC, Federated::Oidc, "OIDC provider"),
        ] {
            let Some((value, _)) = federated.iter().find(|(_, k)| *k == kind) else {
                continue;
            };
            if !statement_allows_action_name(stmt, needed) {
                ctx.report(
                    action.key.range,
                    format!(
                        "{label} trusts the {what} `{}` but does not allow `{needed}`",
                        value.value
                    ),
                )
                .secondary(value.range, format!("{what} here"))
                .help(format!(
                    "{} {what} can only assume the role through `{needed}`",
                    if what.starts_with('O') { "an" } else { "a" }
                ));
            }
        }
        if !federated.is_empty() {
            return;
        }
        // the reverse: federated-only actions named explicitly without a federated principal
        let Some(list) = action.value.ok() else {
            return;
        };
        for a in list.strings() {
            let named = [SAML, OIDC]
                .into_iter()
                .find(|n| n.eq_ignore_ascii_case(&a.value));
            if let Some(n) = named {
                let needs = if n == SAML {
                    "a SAML provider"
                } else {
                    "an OIDC provider"
                };
                ctx.report(
                    a.range,
                    format!("`{n}` needs {needs} in `Principal.Federated`, but {label} names none"),
                )
                .help("AWS and service principals assume roles with `sts:AssumeRole`");
            }
        }
    }
}
