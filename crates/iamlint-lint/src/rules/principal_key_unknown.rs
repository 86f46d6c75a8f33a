use super::prelude::*;

declare_rule! {
    /// A key of a `Principal` or `NotPrincipal` map other than `AWS`, `Service`, `Federated`
    /// and `CanonicalUser` (which are case-sensitive).
    pub struct PrincipalKeyUnknown {
        code: "IAM502",
        name: "principal-key-unknown",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "a principal map key other than AWS, Service, Federated or CanonicalUser",
    }
}

impl Rule for PrincipalKeyUnknown {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        for entry in [&stmt.principal, &stmt.not_principal] {
            let Some(p) = entry.as_ref().and_then(|e| e.value.ok()) else {
                continue;
            };
            for e in p.entries() {
                if e.kind.is_some() {
                    continue;
                }
                let kinds = iamlint_model::PrincipalKind::ALL.map(|k| k.as_str());
                let near = kinds
                    .iter()
                    .find(|k| k.eq_ignore_ascii_case(&e.key.name))
                    .copied()
                    .or_else(|| closest(&e.key.name, kinds, 3));
                let d = ctx.report(
                    e.key.range,
                    format!("`{}` is not a kind of principal", e.key.name),
                );
                match near {
                    Some(k) => {
                        d.help(format!("did you mean `{k}`? the kinds are `AWS`, `Service`, `Federated` and `CanonicalUser`"))
                            .fix(Fix::unsafe_(format!("write `{k}`"), vec![rename_key(&e.key, k)]));
                    }
                    None => {
                        d.help("the kinds are `AWS`, `Service`, `Federated` and `CanonicalUser`");
                    }
                }
            }
        }
    }
}
