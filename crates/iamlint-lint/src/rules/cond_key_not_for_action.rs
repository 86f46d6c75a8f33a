use super::prelude::*;
use crate::condkeys::{KeyClass, classify};

declare_rule! {
    /// A service condition key that none of the statement's actions supports. The key is
    /// then absent from every request the statement covers: an `Allow` never applies and a
    /// `Deny` never denies. Keys that apply per resource type are resolved per resource type.
    pub struct CondKeyNotForAction {
        code: "IAM606",
        name: "cond-key-not-for-action",
        category: Correctness,
        severity: Warning,
        fix: None,
        summary: "a condition key that none of the statement's actions supports",
    }
}

impl Rule for CondKeyNotForAction {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        let catalog = ctx.catalog();
        let Some(actions) = ctx.statement_actions(stmt) else {
            return;
        };
        if actions.is_empty() {
            return;
        }
        for (op, key) in cond.pairs() {
            let KeyClass::Known { global: false, .. } =
                classify(catalog, ctx.options(), &key.key.name)
            else {
                continue;
            };
            // the reference stops listing deprecated keys for actions that still honour them
            if crate::condkeys::deprecated_key(catalog, &key.key.name).is_some() {
                continue;
            }
            // `IfExists` and negated operators are written for requests without the key
            if op.operator.if_exists
                || op.operator.operator.is_some_and(|o| {
                    o.is_negated() || o.family() == iamlint_model::operators::Family::Null
                })
            {
                continue;
            }
            if actions
                .iter()
                .any(|a| crate::condkeys::action_supports_key(catalog, a, &key.key.name))
            {
                continue;
            }
            let what = match stmt.effect() {
                Some(iamlint_model::Effect::Deny) => "so this `Deny` never applies",
                _ => "so this statement never applies",
            };
            let example = actions
                .first()
                .map(|a| catalog.full_name(a))
                .unwrap_or_default();
            let n = actions.len();
            let scope = if n == 1 {
                format!("`{example}` does not support it")
            } else {
                format!("none of the statement's {n} actions (such as `{example}`) supports it")
            };
            ctx.report(key.key.range, format!("`{}` is never present: {scope}", key.key.name))
                .help(format!("a condition on a key the request does not carry is false, {what}; check the key against the actions' condition keys in the AWS reference"));
        }
    }
}
