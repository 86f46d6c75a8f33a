use super::prelude::*;
use crate::action_sets::{Unscoped, report_unscoped};

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
        report_unscoped(
            ctx,
            stmt,
            &Unscoped {
                set: |s| &s.credentials,
                one: "an action that returns credentials",
                many: "actions that return credentials",
                help: "scope these actions to the resources that need them; a principal that can mint credentials can act as someone else",
            },
        );
    }
}
