use super::prelude::*;
use iamlint_model::{Principal, Typed};

declare_rule! {
    /// An empty `[]` or `{}` where a value is expected. The statement, principal or condition
    /// then means something other than it seems: an empty `Action` matches nothing, an empty
    /// `NotAction` excludes nothing.
    pub struct EmptyElement {
        code: "IAM118",
        name: "empty-element",
        category: Suspicious,
        severity: Warning,
        fix: None,
        summary: "an empty array or object where values are expected",
    }
}

impl Rule for EmptyElement {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let label = stmt.label();
        for (entry, name, positive) in [
            (&stmt.action, "Action", true),
            (&stmt.not_action, "NotAction", false),
            (&stmt.resource, "Resource", true),
            (&stmt.not_resource, "NotResource", false),
        ] {
            let Some(Entry {
                value: Typed::Ok(list),
                ..
            }) = entry
            else {
                continue;
            };
            if !list.is_empty() {
                continue;
            }
            let what = if name.ends_with("Action") {
                "action"
            } else {
                "resource"
            };
            let (message, help) = if positive {
                (
                    format!("`{name}` is empty, so {label} matches no {what}"),
                    "list at least one value, or remove the statement",
                )
            } else {
                (
                    format!(
                        "`{name}` is empty: it excludes nothing, so {label} applies to every {what}"
                    ),
                    "list what to exclude, or use the positive element instead",
                )
            };
            ctx.report(list.range, message).help(help);
        }
        for (entry, name) in [
            (&stmt.principal, "Principal"),
            (&stmt.not_principal, "NotPrincipal"),
        ] {
            let Some(Entry {
                value: Typed::Ok(p),
                ..
            }) = entry
            else {
                continue;
            };
            if let Principal::Map { range, entries } = p
                && entries.is_empty()
            {
                ctx.report(*range, format!("`{name}` is empty, so {label} applies to no principal"))
                    .help("name at least one principal, for example `{\"AWS\": \"arn:aws:iam::111122223333:root\"}`");
                continue;
            }
            for e in p.entries() {
                if let Typed::Ok(list) = &e.values
                    && list.is_empty()
                {
                    ctx.report(
                        list.range,
                        format!("`{}` principal list in `{name}` is empty", e.key.name),
                    )
                    .help("list at least one principal, or remove the key");
                }
            }
        }
        let Some(Entry {
            value: Typed::Ok(cond),
            ..
        }) = &stmt.condition
        else {
            return;
        };
        if cond.operators.is_empty() {
            ctx.report(cond.range, format!("`Condition` of {label} is empty"))
                .severity(Severity::Info)
                .help("an empty `Condition` restricts nothing; remove it");
        }
        for op in &cond.operators {
            let Typed::Ok(keys) = &op.keys else { continue };
            if keys.entries.is_empty() {
                ctx.report(
                    keys.range,
                    format!("`{}` has no condition keys", op.key.name),
                )
                .severity(Severity::Info)
                .help("an operator without keys restricts nothing; remove it");
            }
            // qualified and IfExists operators have their own rule about empty value lists
            if op.operator.qualifier.is_some() || op.operator.if_exists {
                continue;
            }
            for k in &keys.entries {
                let Typed::Ok(values) = &k.values else {
                    continue;
                };
                if !values.items.is_empty() {
                    continue;
                }
                let negated = op.operator.operator.is_some_and(|o| o.is_negated());
                let effect = if negated {
                    "the condition always holds"
                } else {
                    "the condition never holds, so the statement never applies"
                };
                ctx.report(
                    values.range,
                    format!(
                        "`{}` has no values under `{}`: {effect}",
                        k.key.name, op.key.name
                    ),
                )
                .help("list at least one value, or remove the key");
            }
        }
    }
}
