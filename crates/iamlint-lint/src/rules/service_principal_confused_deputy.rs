use super::prelude::*;
use crate::principals::principal_sites;
use crate::security::narrows_with;

declare_rule! {
    /// A resource policy that grants access to an AWS service principal
    /// (`sns.amazonaws.com`, `cloudtrail.amazonaws.com`) without `aws:SourceArn`,
    /// `aws:SourceAccount`, `aws:SourceOrgID` or `aws:SourceOrgPaths`. The service acts for
    /// any of its customers, so without them another account can make the service use this
    /// grant on its behalf: the confused-deputy problem. Trust policies are not reported
    /// (many services do not send these keys when they assume a role).
    pub struct ServicePrincipalConfusedDeputy {
        code: "IAM808",
        name: "service-principal-confused-deputy",
        category: Security,
        severity: Security,
        fix: None,
        summary: "a grant to a service principal without aws:SourceArn or aws:SourceAccount",
    }
}

const SOURCE_KEYS: [&str; 4] = [
    "aws:SourceArn",
    "aws:SourceAccount",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
];

impl Rule for ServicePrincipalConfusedDeputy {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Resource
            || !stmt.is_allow()
            || crate::arns::is_endpoint_policy(ctx.options())
        {
            return;
        }
        if SOURCE_KEYS.iter().any(|k| narrows_with(stmt, k)) {
            return;
        }
        let services: Vec<_> = principal_sites(stmt)
            .into_iter()
            .filter(|s| !s.not && s.kind == Some(iamlint_model::PrincipalKind::Service))
            .collect();
        let Some(first) = services.first() else {
            return;
        };
        ctx.report(first.value.range, format!("{} grants `{}` access without naming the source resource or account", stmt.label(), first.value.value))
            .help("add `\"StringEquals\": {\"aws:SourceAccount\": \"ACCOUNT\"}` or an `ArnLike` on `aws:SourceArn` (or `aws:SourceOrgID` for a whole organization) so that the service acts only for your resources");
    }
}
