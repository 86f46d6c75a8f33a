use super::prelude::*;

declare_rule! {
    /// `Resource` or `NotResource` in a role trust policy; the role itself is the resource.
    pub struct TrustResourcePresent {
        code: "IAM204",
        name: "trust-resource-present",
        category: Correctness,
        severity: Error,
        fix: Always,
        summary: "Resource or NotResource in a role trust policy",
    }
}

impl Rule for TrustResourcePresent {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Trust {
            return;
        }
        for e in [&stmt.resource, &stmt.not_resource].into_iter().flatten() {
            let fix = ctx
                .file
                .parsed
                .root
                .as_ref()
                .and_then(|r| delete_member(r, e.key.range));
            let d = ctx.report(
                e.key.range,
                format!("`{}` is not allowed in a role trust policy", e.key.name),
            );
            d.help("a trust policy is attached to the role, which is its only resource; IAM rejects the document");
            if let Some(edit) = fix {
                d.fix(Fix::safe(format!("remove `{}`", e.key.name), vec![edit]));
            }
        }
    }
}
