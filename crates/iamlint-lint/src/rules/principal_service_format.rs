use super::prelude::*;
use crate::principals::{principal_sites, service_principal_shaped};

declare_rule! {
    /// A `Service` principal that is not a lowercase `name.amazonaws.com` (or
    /// `.amazon.com`, `.amazonaws.com.cn`), or one the catalog's list of service principals
    /// lacks (a warning, since AWS adds services).
    pub struct PrincipalServiceFormat {
        code: "IAM507",
        name: "principal-service-format",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "a Service principal that is malformed or unknown",
    }
}

impl Rule for PrincipalServiceFormat {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let catalog = ctx.catalog();
        for site in principal_sites(stmt) {
            let v = &site.value.value;
            if site.kind != Some(iamlint_model::PrincipalKind::Service) || v.contains(['*', '?']) {
                continue;
            }
            if !service_principal_shaped(v) {
                let lower = v.to_ascii_lowercase();
                let d = ctx.report(
                    site.value.range,
                    format!("`{v}` is not a service principal"),
                );
                if lower != *v && service_principal_shaped(&lower) {
                    d.help("service principals are lowercase").fix(Fix::safe(
                        format!("write `{lower}`"),
                        vec![Edit::replace(site.value.range, quote_json(&lower))],
                    ));
                } else if service_principal_shaped(&format!("{lower}.amazonaws.com")) {
                    let full = format!("{lower}.amazonaws.com");
                    d.help(format!(
                        "service principals are host names: did you mean `{full}`?"
                    ))
                    .fix(Fix::unsafe_(
                        format!("write `{full}`"),
                        vec![Edit::replace(site.value.range, quote_json(&full))],
                    ));
                } else {
                    d.help("service principals look like `lambda.amazonaws.com`");
                }
                continue;
            }
            if !catalog.is_known_service_principal(v) {
                ctx.report(site.value.range, format!("`{v}` is not a service principal known to the catalog ({})", catalog.date))
                    .severity(Severity::Warning)
                    .help("check the spelling against the service's documentation; if the service is newer than the catalog, ignore this warning");
            }
        }
    }
}
