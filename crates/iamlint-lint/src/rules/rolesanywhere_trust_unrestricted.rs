use super::prelude::*;
use crate::principals::principal_sites;
use crate::security::narrows_with;

declare_rule! {
    /// A trust of IAM Roles Anywhere (`rolesanywhere.amazonaws.com`) without a condition on
    /// the trust anchor (`aws:SourceArn`) or the certificate's subject
    /// (`aws:PrincipalTag/x509Subject/…`). Any certificate that any trust anchor in the account
    /// accepts can then assume the role.
    pub struct RolesanywhereTrustUnrestricted {
        code: "IAM516",
        name: "rolesanywhere-trust-unrestricted",
        category: Security,
        severity: Security,
        fix: None,
        summary: "a Roles Anywhere trust without a trust-anchor or certificate condition",
    }
}

impl Rule for RolesanywhereTrustUnrestricted {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Trust || !stmt.is_allow() {
            return;
        }
        let Some(site) = principal_sites(stmt).into_iter().find(|s| {
            !s.not
                && s.kind == Some(iamlint_model::PrincipalKind::Service)
                && s.value.value == "rolesanywhere.amazonaws.com"
        }) else {
            return;
        };
        let certificate = stmt.condition().is_some_and(|c| {
            c.pairs().any(|(op, k)| {
                op.operator.operator.is_some_and(|o| !o.is_negated())
                    && k.key
                        .name
                        .to_ascii_lowercase()
                        .starts_with("aws:principaltag/x509")
            })
        });
        if certificate || narrows_with(stmt, "aws:SourceArn") {
            return;
        }
        ctx.report(site.value.range, format!("{} lets any certificate of any trust anchor assume this role", stmt.label()))
            .help("add `\"ArnEquals\": {\"aws:SourceArn\": \"arn:aws:rolesanywhere:REGION:ACCOUNT:trust-anchor/ID\"}` and a condition on the certificate, such as `aws:PrincipalTag/x509Subject/CN`");
    }
}
