use super::prelude::*;
use iamlint_model::{PrincipalKind, Typed};

declare_rule! {
    /// A trust policy for IAM Roles Anywhere (`rolesanywhere.amazonaws.com`) must allow
    /// `sts:AssumeRole`, `sts:SetSourceIdentity` and `sts:TagSession`, in one statement or
    /// across the statements that trust Roles Anywhere.
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
const SERVICE: &str = "rolesanywhere.amazonaws.com";

fn trusts_roles_anywhere(stmt: &Statement) -> Option<&iamlint_model::Str> {
    stmt.principal
        .as_ref()
        .and_then(|e| e.value.ok())?
        .entries()
        .iter()
        .filter(|e| e.kind == Some(PrincipalKind::Service))
        .filter_map(|e| e.values.ok())
        .flat_map(|l| l.strings())
        .find(|s| s.value == SERVICE)
}

impl Rule for RolesAnywhereTrustActions {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        if ctx.policy_type() != PolicyType::Trust {
            return;
        }
        let trusting: Vec<&Statement> = policy
            .statements()
            .filter(|s| s.is_allow() && trusts_roles_anywhere(s).is_some())
            .collect();
        let Some(first) = trusting.first() else {
            return;
        };
        let missing: Vec<&str> = REQUIRED
            .into_iter()
            .filter(|a| !trusting.iter().any(|s| statement_allows_action_name(s, a)))
            .collect();
        if missing.is_empty() {
            return;
        }
        let Some(service) = trusts_roles_anywhere(first) else {
            return;
        };
        let names = join_and(missing.iter().map(|a| format!("`{a}`")));
        let at = first
            .action
            .as_ref()
            .map_or(statement_anchor(first), |e| e.key.range);
        let d = ctx.report(
            at,
            format!(
                "{} trusts IAM Roles Anywhere but no statement lets it call {names}",
                first.label()
            ),
        );
        d.secondary(service.range, "Roles Anywhere here")
            .help("Roles Anywhere needs `sts:AssumeRole`, `sts:SetSourceIdentity` and `sts:TagSession` to create sessions");
        if let Some(Entry {
            value: Typed::Ok(list),
            ..
        }) = &first.action
        {
            let mut all: Vec<String> = list.strings().map(|s| quote_json(&s.value)).collect();
            all.extend(missing.iter().map(|a| quote_json(a)));
            d.fix(Fix::unsafe_(
                "add the missing actions",
                vec![Edit::replace(list.range, format!("[{}]", all.join(", ")))],
            ));
        }
    }
}
