use super::cond_service_principal_key_unsupported::only_service_principals;
use super::prelude::*;

declare_rule! {
    /// A weak key (`aws:Referer`, `aws:UserAgent`) restricting a service principal, where
    /// `aws:SourceArn`, `aws:SourceAccount` or `aws:SourceOrgID` belong: headers are set by
    /// whoever sends the request.
    pub struct CondServicePrincipalKeyRecommend {
        code: "IAM638",
        name: "cond-service-principal-key-recommend",
        category: Suspicious,
        severity: Info,
        fix: None,
        summary: "a weak key restricting a service principal",
    }
}

const WEAK: &[&str] = &["aws:Referer", "aws:UserAgent"];

impl Rule for CondServicePrincipalKeyRecommend {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if !only_service_principals(stmt) {
            return;
        }
        let Some(cond) = stmt.condition() else { return };
        for (_, key) in cond.pairs() {
            if let Some(k) = WEAK.iter().find(|k| k.eq_ignore_ascii_case(&key.key.name)) {
                ctx.report(key.key.range, format!("`{k}` is a request header, not a property of the service's caller"))
                    .help("restrict service principals with `aws:SourceArn`, `aws:SourceAccount` or `aws:SourceOrgID`");
            }
        }
    }
}
