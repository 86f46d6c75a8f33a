use super::prelude::*;
use crate::action_sets::{action_sets, judged, reach};

declare_rule! {
    /// An `Allow` on every resource of actions that change who may do what: IAM policy writes, trust policies, resource policies, ACLs, grants and shares (the set is in
    /// `crates/iamlint-lint/data/action-sets.txt`, compiled through the catalog). Actions
    /// without resource-level permissions (`ecr:GetAuthorizationToken`) are left out: `*` is
    /// the only way to grant them.
    pub struct PermissionsManagement {
        code: "IAM814",
        name: "permissions-management",
        category: Security,
        severity: Security,
        fix: None,
        summary: "actions that change permissions, on every resource",
    }
}

impl Rule for PermissionsManagement {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if !judged(ctx, stmt) {
            return;
        }
        let catalog = ctx.catalog();
        let r = reach(ctx, stmt);
        let found: Vec<String> = action_sets(catalog)
            .permissions
            .iter()
            // actions without resource-level permissions can only be granted on `*`
            .filter(|a| catalog.has_resource_types(a) && r.reaches(catalog, a))
            .map(|a| format!("`{}`", catalog.full_name(a)))
            .collect();
        let Some(first) = found.first() else { return };
        let Some((_, entry)) = stmt.actions() else {
            return;
        };
        let (more, what) = match found.len() {
            1 => (String::new(), "an action that changes permissions"),
            n => (
                format!(" and {} more", n - 1),
                "actions that change permissions",
            ),
        };
        ctx.report(entry.key.range, format!("{} allows {first}{more} on every resource: {what}", stmt.label()))
            .help("scope these actions to the policies and resources that need them; on `*` they let a principal open any resource to anyone");
    }
}
