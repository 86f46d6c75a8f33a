use super::prelude::*;
use crate::condkeys::{KeyClass, classify};

declare_rule! {
    /// An `aws:` condition key that AWS does not define, such as
    /// `aws:PrincipalOrgMasterAccountId` or a misspelled `aws:SourceIpAddress`. An unknown key
    /// is absent from every request, so the condition never matches.
    pub struct CondKeyUnknownGlobal {
        code: "IAM604",
        name: "cond-key-unknown-global",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "an aws: condition key that does not exist",
    }
}

impl Rule for CondKeyUnknownGlobal {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        let catalog = ctx.catalog();
        for (_, key) in cond.pairs() {
            if !matches!(
                classify(catalog, ctx.options(), &key.key.name),
                KeyClass::UnknownGlobal
            ) {
                continue;
            }
            let names: Vec<String> = catalog
                .global_keys
                .iter()
                .map(|k| {
                    k.name.replace(
                        "${TagKey}",
                        key.key.name.rsplit_once('/').map_or("tag-key", |(_, t)| t),
                    )
                })
                .collect();
            let near =
                closest(&key.key.name, names.iter().map(String::as_str), 3).map(str::to_owned);
            let d = ctx.report(
                key.key.range,
                format!("`{}` is not a global condition key", key.key.name),
            );
            match near {
                Some(n) => {
                    d.help(format!("did you mean `{n}`? an unknown key is never present, so this condition never matches"))
                        .fix(Fix::unsafe_(format!("write `{n}`"), vec![rename_key(&key.key, &n)]));
                }
                None => {
                    d.help(format!("an unknown key is never present, so this condition never matches; if the key is newer than the catalog ({}), declare it with `--known-condition-key`", catalog.date));
                }
            }
        }
    }
}
