use super::prelude::*;
use crate::action_sets::{action_sets, judged, reach};

declare_rule! {
    /// An `Allow` on every resource of actions that return credentials or secrets: access keys, session tokens, registry tokens, database credentials (the set is in
    /// `crates/iamlint-lint/data/action-sets.txt`, compiled through the catalog). Actions
    /// without resource-level permissions (`ecr:GetAuthorizationToken`) are left out: `*` is
    /// the only way to grant them.
    pub struct CredentialsExposure {
        code: "IAM812",
        name: "credentials-exposure",
        category: Security,
        severity: Security,
        fix: None,
        summary: "actions that return credentials, on every resource",
    }
}

impl Rule for CredentialsExposure {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if !judged(ctx, stmt) {
            return;
        }
        let catalog = ctx.catalog();
        let r = reach(ctx, stmt);
        let found: Vec<String> = action_sets(catalog)
            .credentials
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
            1 => (String::new(), "an action that returns credentials"),
            n => (
                format!(" and {} more", n - 1),
                "actions that return credentials",
            ),
        };
        ctx.report(entry.key.range, format!("{} allows {first}{more} on every resource: {what}", stmt.label()))
            .help("scope these actions to the resources that need them; a principal that can mint credentials can act as someone else");
    }
}
