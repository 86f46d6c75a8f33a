use super::prelude::*;
use crate::action_sets::{action_sets, judged, reach};

declare_rule! {
    /// An `Allow` on every resource of actions that read where data and secrets live: S3 objects, SSM parameters, Secrets Manager secrets (the set is in
    /// `crates/iamlint-lint/data/action-sets.txt`, compiled through the catalog). Actions
    /// without resource-level permissions (`ecr:GetAuthorizationToken`) are left out: `*` is
    /// the only way to grant them.
    pub struct DataExfiltration {
        code: "IAM813",
        name: "data-exfiltration",
        category: Security,
        severity: Warning,
        fix: None,
        summary: "reads of data stores on every resource",
    }
}

impl Rule for DataExfiltration {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if !judged(ctx, stmt) {
            return;
        }
        let catalog = ctx.catalog();
        let r = reach(ctx, stmt);
        let found: Vec<String> = action_sets(catalog)
            .exfiltration
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
            1 => (String::new(), "a read of a data store"),
            n => (format!(" and {} more", n - 1), "reads of data stores"),
        };
        ctx.report(entry.key.range, format!("{} allows {first}{more} on every resource: {what}", stmt.label()))
            .help("name the buckets, parameters and secrets that are needed; on `*` these actions read every object and secret the account holds");
    }
}
