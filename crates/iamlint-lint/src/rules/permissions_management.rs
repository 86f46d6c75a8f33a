use super::prelude::*;
use crate::action_sets::{Unscoped, report_unscoped};

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
        report_unscoped(
            ctx,
            stmt,
            &Unscoped {
                set: |s| &s.permissions,
                one: "an action that changes permissions",
                many: "actions that change permissions",
                help: "scope these actions to the policies and resources that need them; on `*` they let a principal open any resource to anyone",
            },
        );
    }
}
