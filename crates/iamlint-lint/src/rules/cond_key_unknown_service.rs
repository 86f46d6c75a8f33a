use super::prelude::*;
use crate::condkeys::{KeyClass, classify};

declare_rule! {
    /// A service condition key that the service does not define, or whose prefix is no
    /// service and no identity provider. An unknown key is absent from every request.
    pub struct CondKeyUnknownService {
        code: "IAM605",
        name: "cond-key-unknown-service",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "a service condition key that the service does not define",
    }
}

impl Rule for CondKeyUnknownService {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        let catalog = ctx.catalog();
        for (_, key) in cond.pairs() {
            let name = &key.key.name;
            match classify(catalog, ctx.options(), name) {
                KeyClass::UnknownService(service) => {
                    let keys = catalog.keys_of(service);
                    let near = closest(
                        name,
                        keys.iter().map(|k| k.name).filter(|k| !k.contains("${")),
                        3,
                    );
                    let d = ctx.report(
                        key.key.range,
                        format!("`{}` defines no condition key `{name}`", service.prefix),
                    );
                    match near {
                        Some(n) => {
                            d.help(format!("did you mean `{n}`? an unknown key is never present, so this condition never matches"))
                                .fix(Fix::unsafe_(format!("write `{n}`"), vec![rename_key(&key.key, n)]));
                        }
                        None => {
                            d.help(format!("`{}` has {} condition keys in the catalog ({}); if this one is newer, declare it with `--known-condition-key {name}`", service.prefix, keys.len(), catalog.date));
                        }
                    }
                }
                KeyClass::UnknownPrefix => {
                    let prefix = name.split_once(':').map_or("", |(p, _)| p);
                    if catalog.is_retired_service(prefix) {
                        ctx.report(key.key.range, format!("`{name}` belongs to `{prefix}`, a service AWS has retired"))
                            .severity(Severity::Warning)
                            .help("the service's actions no longer exist, so the key is never present; remove the condition");
                    } else {
                        ctx.report(key.key.range, format!("`{prefix}` in `{name}` is not a service prefix"))
                            .help("condition keys start with `aws:`, a service prefix such as `s3:`, or an identity provider such as `accounts.google.com:`");
                    }
                }
                _ => {}
            }
        }
    }
}
