use super::prelude::*;
use iamlint_model::Typed;

declare_rule! {
    /// `"Sid": ""`, which names nothing.
    pub struct SidEmpty {
        code: "IAM117",
        name: "sid-empty",
        category: Style,
        severity: Info,
        fix: Always,
        summary: "an empty Sid",
    }
}

impl Rule for SidEmpty {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(Entry {
            key,
            value: Typed::Ok(sid),
            ..
        }) = &stmt.sid
        else {
            return;
        };
        if !sid.value.is_empty() {
            return;
        }
        let fix = ctx
            .file
            .parsed
            .root
            .as_ref()
            .and_then(|r| delete_member(r, key.range));
        let d = ctx.report(sid.range, format!("`Sid` of {} is empty", stmt.label()));
        d.help("remove it, or name the statement with letters and digits");
        if let Some(edit) = fix {
            d.fix(Fix::safe("remove the empty `Sid`", vec![edit]));
        }
    }
}
