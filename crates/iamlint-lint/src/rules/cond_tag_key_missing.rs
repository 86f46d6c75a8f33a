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
            let Some((_, name)) = iamlint_catalog::split_at_colon(&key.key.name) else {
                continue;
            };
            let name = name.strip_suffix('/').unwrap_or(name);
            let bare = ["requesttag", "resourcetag", "principaltag"]
                .iter()
                .any(|t| name.eq_ignore_ascii_case(t));
            if bare {
                ctx.report(key.key.range, format!("`{}` names no tag", key.key.name))
                    .help("write the tag key after the slash, as in `aws:ResourceTag/team`");
            }
        }
    }
}
