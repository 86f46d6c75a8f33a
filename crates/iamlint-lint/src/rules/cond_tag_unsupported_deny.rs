use super::prelude::*;
use crate::conditions::{tag_unsupported_actions, which_actions};
use iamlint_model::Effect;

declare_rule! {
    /// In a `Deny`, a tag condition (`aws:ResourceTag/…`, `aws:RequestTag/…`, `aws:TagKeys`) on actions
    /// that do not support that key: for them the key is absent, the condition is false, and
    /// the `Deny` does not apply, so the actions stay allowed.
    pub struct CondTagUnsupportedDeny {
        code: "IAM609",
        name: "cond-tag-unsupported-deny",
        category: Security,
        severity: Security,
        fix: None,
        summary: "a Deny with a tag condition some of its actions ignore",
    }
}

impl Rule for CondTagUnsupportedDeny {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if stmt.effect() != Some(Effect::Deny) {
            return;
        }
        let Some(cond) = stmt.condition() else { return };
        let catalog = ctx.catalog();
        for (op, key) in cond.pairs() {
            let Some((unsupported, services)) =
                tag_unsupported_actions(ctx, stmt, op, &key.key.name)
            else {
                continue;
            };
            let (which, verb, them) = which_actions(catalog, &unsupported);
            ctx.report(key.key.range, format!("{which} {verb} not support `{}`, so {} does not deny {them}", key.key.name, stmt.label()))
                .help(format!("these actions of {} ignore this tag key, so the deny skips them; deny them with a condition they support, or use `…IfExists` so an absent key also denies", join_and(services.iter().map(|s| format!("`{s}`")))));
        }
    }
}
