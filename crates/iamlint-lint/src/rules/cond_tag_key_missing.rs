use super::prelude::*;

declare_rule! {
    /// A tag condition key without the tag name: `aws:RequestTag/`, `aws:ResourceTag/` or
    /// `aws:PrincipalTag/` (or a service's `ResourceTag/`) with nothing after the slash.
    pub struct CondTagKeyMissing {
        code: "IAM607",
        name: "cond-tag-key-missing",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a tag condition key without the tag name",
    }
}

impl Rule for CondTagKeyMissing {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (_, key) in cond.pairs() {
            let lower = key.key.name.to_ascii_lowercase();
            let Some((_, name)) = lower.split_once(':') else {
                continue;
            };
            let bare = ["requesttag", "resourcetag", "principaltag"]
                .iter()
                .any(|t| name == *t || name == format!("{t}/"));
            if bare {
                ctx.report(key.key.range, format!("`{}` names no tag", key.key.name))
                    .help("write the tag key after the slash, as in `aws:ResourceTag/team`");
            }
        }
    }
}
