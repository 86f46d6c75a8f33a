use super::prelude::*;
use crate::conditions::{tag_unsupported_actions, which_actions};
use iamlint_model::Effect;

declare_rule! {
    /// In an `Allow`, a tag condition (`aws:ResourceTag/…`, `aws:RequestTag/…`, `aws:TagKeys`) on actions
    /// that do not support that key: for them the key is absent, the condition is false, and
    /// the statement silently allows nothing.
    pub struct CondTagUnsupportedAllow {
        code: "IAM608",
        name: "cond-tag-unsupported-allow",
        category: Correctness,
        severity: Warning,
        fix: None,
        summary: "an Allow with a tag condition some of its actions ignore",
    }
}

impl Rule for CondTagUnsupportedAllow {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if stmt.effect() != Some(Effect::Allow) {
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
            ctx.report(key.key.range, format!("{which} {verb} not support `{}`, so {} never allows {them}", key.key.name, stmt.label()))
                .help(format!("these actions of {} do not support this tag key; move them to a statement without the tag condition, or restrict them another way", join_and(services.iter().map(|s| format!("`{s}`")))));
        }
    }
}
