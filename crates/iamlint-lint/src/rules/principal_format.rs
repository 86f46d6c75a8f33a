use super::prelude::*;
use crate::principals::principal_sites;

declare_rule! {
    /// A `Principal` or `NotPrincipal` written as a string other than `"*"`, such as a bare
    /// ARN. Principals are `"*"` or a map from `AWS`, `Service`, `Federated` or
    /// `CanonicalUser` to a value or a list of values.
    pub struct PrincipalFormat {
        code: "IAM501",
        name: "principal-format",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "a principal that is neither \"*\" nor a map of principal kinds",
    }
}

impl Rule for PrincipalFormat {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        for site in principal_sites(stmt) {
            if site.key.is_some() || site.value.value == "*" {
                continue;
            }
            let element = if site.not {
                "NotPrincipal"
            } else {
                "Principal"
            };
            let d = ctx.report(site.value.range, format!("`{element}` must be `\"*\"` or a map such as `{{\"AWS\": ...}}`, not the string `{}`", site.value.value));
            d.help("write the kind of principal as the key: `{\"AWS\": \"arn:aws:iam::111122223333:root\"}`, `{\"Service\": \"lambda.amazonaws.com\"}`");
            let kind = if site.value.value.starts_with("arn:")
                || site.value.value.bytes().all(|b| b.is_ascii_digit())
            {
                Some("AWS")
            } else if crate::principals::service_principal_shaped(&site.value.value) {
                Some("Service")
            } else {
                None
            };
            if let Some(kind) = kind {
                let text = format!("{{\"{kind}\": {}}}", quote_json(&site.value.value));
                d.fix(Fix::unsafe_(
                    format!("write `{text}`"),
                    vec![Edit::replace(site.value.range, text)],
                ));
            }
        }
    }
}
