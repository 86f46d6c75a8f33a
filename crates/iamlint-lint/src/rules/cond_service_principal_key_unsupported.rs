use super::prelude::*;
use iamlint_model::PrincipalKind;

declare_rule! {
    /// A condition on a key that service principals never carry (`aws:PrincipalOrgID`,
    /// `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:PrincipalTag/…`) in a statement whose
    /// only principals are services. The key is absent, so an `Allow` never applies. (IAM Roles
    /// Anywhere is the exception: it tags sessions with the certificate, `aws:PrincipalTag/x509…`.)
    pub struct CondServicePrincipalKeyUnsupported {
        code: "IAM637",
        name: "cond-service-principal-key-unsupported",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a principal condition key on a service principal",
    }
}

/// Keys describing an IAM principal, absent when an AWS service calls as itself. Source: IAM
/// User Guide, "AWS global condition context keys" (availability of each principal key).
const PRINCIPAL_KEYS: &[&str] = &[
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:userid",
    "aws:username",
];

/// Whether the statement's principals are all service principals.
pub fn only_service_principals(stmt: &Statement) -> bool {
    let Some(p) = stmt.principal.as_ref().and_then(|e| e.value.ok()) else {
        return false;
    };
    !p.entries().is_empty()
        && p.entries()
            .iter()
            .all(|e| e.kind == Some(PrincipalKind::Service))
}

impl Rule for CondServicePrincipalKeyUnsupported {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if !only_service_principals(stmt) {
            return;
        }
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            if op.operator.if_exists || op.operator.operator.is_none_or(|o| o.is_negated()) {
                continue;
            }
            let name = key.key.name.as_ref();
            // IAM Roles Anywhere tags its sessions with the certificate's fields
            // (`aws:PrincipalTag/x509Subject/CN`), which its trust policies test
            let lower = name.to_ascii_lowercase();
            if lower.starts_with("aws:principaltag/x509") && trusts_roles_anywhere(stmt) {
                continue;
            }
            let tag = lower.starts_with("aws:principaltag/");
            let Some(k) = PRINCIPAL_KEYS
                .iter()
                .find(|k| k.eq_ignore_ascii_case(name))
                .copied()
                .or(tag.then_some(name))
            else {
                continue;
            };
            ctx.report(key.key.range, format!("service principals never carry `{k}`, so this condition never matches"))
                .help("restrict a service principal with `aws:SourceArn`, `aws:SourceAccount` or `aws:SourceOrgID`, which describe the resource it acts for");
        }
    }
}

fn trusts_roles_anywhere(stmt: &Statement) -> bool {
    crate::principals::principal_sites(stmt).iter().any(|s| {
        s.kind == Some(iamlint_model::PrincipalKind::Service)
            && s.value.value == "rolesanywhere.amazonaws.com"
    })
}
