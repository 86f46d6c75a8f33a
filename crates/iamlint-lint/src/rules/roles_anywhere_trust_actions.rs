use super::prelude::*;
use iamlint_model::{PrincipalKind, Typed};

declare_rule! {
    /// A trust policy for IAM Roles Anywhere (`rolesanywhere.amazonaws.com`) must allow
    /// `sts:AssumeRole`, `sts:SetSourceIdentity` and `sts:TagSession`.
    pub struct RolesAnywhereTrustActions {
        code: "IAM209",
        name: "roles-anywhere-trust-actions",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "a Roles Anywhere trust without AssumeRole, SetSourceIdentity and TagSession",
    }
}

const REQUIRED: [&str; 3] = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"];

impl Rule for RolesAnywhereTrustActions {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Trust || !stmt.is_allow() {
            return;
        }
        let Some(principal) = stmt.principal.as_ref().and_then(|e| e.value.ok()) else {
            return;
        };
        let service = principal
            .entries()
            .iter()
            .filter(|e| e.kind == Some(PrincipalKind::Service))
            .filter_map(|e| e.values.ok())
            .flat_map(|l| l.strings())
            .find(|s| s.value == "rolesanywhere.amazonaws.com");
        let Some(service) = service else { return };
        let Some(Entry {
            key,
            value: Typed::Ok(list),
            ..
        }) = &stmt.action
        else {
            return;
        };
        let missing: Vec<&str> = REQUIRED
            .into_iter()
            .filter(|a| !statement_allows_action_name(stmt, a))
            .collect();
        if missing.is_empty() {
            return;
        }
        let names = join_and(missing.iter().map(|a| format!("`{a}`")));
        let mut all: Vec<String> = list.strings().map(|s| quote_json(&s.value)).collect();
        all.extend(missing.iter().map(|a| quote_json(a)));
        let replacement = format!("[{}]", all.join(", "));
        ctx.report(key.range, format!("{} trusts IAM Roles Anywhere but does not allow {names}", stmt.label()))
            .secondary(service.range, "Roles Anywhere here")
            .help("Roles Anywhere needs `sts:AssumeRole`, `sts:SetSourceIdentity` and `sts:TagSession` to create sessions")
            .fix(Fix::unsafe_("add the missing actions", vec![Edit::replace(list.range, replacement)]));
    }
}
