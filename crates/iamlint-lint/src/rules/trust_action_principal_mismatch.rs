use super::prelude::*;
use crate::principals::{Federated, classify_federated};
use iamlint_model::{PrincipalKind, Str};

declare_rule! {
    /// In a role trust policy, the action must fit the principal: a SAML provider needs
    /// `sts:AssumeRoleWithSAML`, an OIDC provider `sts:AssumeRoleWithWebIdentity`, and those
    /// two actions need a federated principal. The action may be granted by any `Allow`
    /// statement that trusts the same provider (AWS's examples grant `sts:SetSourceIdentity` in
    /// a second statement).
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

/// The federated principal values of an `Allow` statement's `Principal`, classified.
fn federated(stmt: &Statement) -> Vec<(&Str, Federated)> {
    let Some(principal) = stmt.principal.as_ref().and_then(|e| e.value.ok()) else {
        return Vec::new();
    };
    principal
        .entries()
        .iter()
        .filter(|e| e.kind == Some(PrincipalKind::Federated))
        .filter_map(|e| e.values.ok())
        .flat_map(|l| l.strings())
        .map(|s| (s, classify_federated(&s.value)))
        .collect()
}

impl Rule for TrustActionPrincipalMismatch {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        if ctx.policy_type() != PolicyType::Trust {
            return;
        }
        let allows: Vec<&Statement> = policy.statements().filter(|s| s.is_allow()).collect();
        // every provider must be able to assume the role through its API in some statement
        let mut reported: Vec<&str> = Vec::new();
        for stmt in &allows {
            let Some(action) = stmt.action.as_ref() else {
                continue;
            };
            for (value, kind) in federated(stmt) {
                let (needed, what) = match kind {
                    Federated::Saml => (SAML, "SAML provider"),
                    Federated::Oidc => (OIDC, "OIDC provider"),
                    Federated::Invalid => continue,
                };
                if reported.contains(&value.value.as_str()) {
                    continue;
                }
                let granted = allows.iter().any(|s| {
                    federated(s).iter().any(|(v, _)| v.value == value.value)
                        && statement_allows_action_name(s, needed)
                });
                if granted {
                    continue;
                }
                reported.push(&value.value);
                let article = if what.starts_with('O') { "an" } else { "a" };
                ctx.report(
                    action.key.range,
                    format!(
                        "{} trusts the {what} `{}` but no statement lets it call `{needed}`",
                        stmt.label(),
                        value.value
                    ),
                )
                .secondary(value.range, format!("{what} here"))
                .help(format!(
                    "{article} {what} can only assume the role through `{needed}`"
                ));
            }
        }
        // the reverse: federated-only actions named explicitly where no federated principal is
        for stmt in &allows {
            if !federated(stmt).is_empty() {
                continue;
            }
            let Some(list) = stmt.action.as_ref().and_then(|e| e.value.ok()) else {
                continue;
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
                        format!(
                            "`{n}` needs {needs} in `Principal.Federated`, but {} names none",
                            stmt.label()
                        ),
                    )
                    .help("AWS and service principals assume roles with `sts:AssumeRole`");
                }
            }
        }
    }
}
