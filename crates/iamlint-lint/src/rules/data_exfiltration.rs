use super::prelude::*;
use crate::action_sets::{Unscoped, report_unscoped};

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
        report_unscoped(
            ctx,
            stmt,
            &Unscoped {
                set: |s| &s.exfiltration,
                one: "a read of a data store",
                many: "reads of data stores",
                help: "name the buckets, parameters and secrets that are needed; on `*` these actions read every object and secret the account holds",
            },
        );
    }
}
