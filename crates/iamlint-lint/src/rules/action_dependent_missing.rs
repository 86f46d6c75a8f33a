use super::prelude::*;
use crate::actions::Resolution;

declare_rule! {
    /// An allowed action whose documented dependent actions the statement does not also
    /// allow. Off by default: dependencies are often granted by another statement or policy.
    pub struct ActionDependentMissing {
        code: "IAM307",
        name: "action-dependent-missing",
        category: Style,
        severity: Info,
        fix: None,
        default_enabled: false,
        summary: "an action whose dependent actions are not also allowed",
    }
}

impl Rule for ActionDependentMissing {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        let catalog = ctx.catalog();
        // every statement of the policy that allows actions counts; collected once
        let allowed: Vec<&str> = policy
            .statements()
            .filter(|s| s.is_allow() && s.action.is_some())
            .flat_map(|s| s.action_strings().map(|a| a.value.as_str()))
            .collect();
        for stmt in policy
            .statements()
            .filter(|s| s.is_allow() && s.action.is_some())
        {
            let resolved = ctx.resolutions(stmt);
            for (s, resolution) in stmt.action_strings().zip(resolved.iter()) {
                let Resolution::Action(a) = &**resolution else {
                    continue;
                };
                let missing: Vec<&str> = catalog
                    .dependent_actions(a)
                    .filter(|dep| {
                        !allowed
                            .iter()
                            .any(|p| iamlint_catalog::glob_match(p, dep, true))
                    })
                    .collect();
                if missing.is_empty() {
                    continue;
                }
                let list = join_and(missing.iter().map(|m| format!("`{m}`")));
                ctx.report(s.range, format!("`{}` also needs {list}, which this policy does not allow", s.value))
                    .help("the reference lists these as dependent actions; without them the call can fail with access denied");
            }
        }
    }
}
