use super::prelude::*;
use crate::actions::Resolution;

declare_rule! {
    /// An action without resource-level permissions (such as `s3:ListAllMyBuckets`) in a
    /// statement whose `Resource` lists only specific ARNs: such an action matches only
    /// `"Resource": "*"`, so the statement never applies to it.
    pub struct ActionRequiresStarResource {
        code: "IAM309",
        name: "action-requires-star-resource",
        category: Correctness,
        severity: Warning,
        fix: None,
        summary: "an action that needs Resource \"*\" given only specific ARNs",
    }
}

impl Rule for ActionRequiresStarResource {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(list) = stmt.resource.as_ref().and_then(|e| e.value.ok()) else {
            return;
        };
        if list.is_empty()
            || list.strings().any(|r| r.value == "*")
            || list.strings().count() != list.items.len()
        {
            return;
        }
        let catalog = ctx.catalog();
        let resolved = ctx.resolutions(stmt);
        for (s, resolution) in stmt.action_strings().zip(resolved.iter()) {
            let actions = resolution.actions();
            if actions.is_empty() || actions.iter().any(|a| catalog.has_resource_types(a)) {
                continue;
            }
            let message = match &**resolution {
                Resolution::Pattern(v) => format!(
                    "the {} actions matched by `{}` support no resource-level permissions",
                    v.len(),
                    s.value
                ),
                _ => format!("`{}` supports no resource-level permissions", s.value),
            };
            ctx.report(s.range, message)
                .help("such actions match only `\"Resource\": \"*\"`; move them to a statement with `\"Resource\": \"*\"`, restricted by conditions if needed");
        }
    }
}
