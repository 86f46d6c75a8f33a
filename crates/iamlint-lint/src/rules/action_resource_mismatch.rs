use super::prelude::*;
use crate::actions::Resolution;
use crate::arns::{arn_facts, resource_arns};

declare_rule! {
    /// An action none of the statement's resources can be a resource of, such as
    /// `s3:GetObject` on a bucket ARN. One matching resource per action is enough; actions
    /// without resource-level permissions are left to `action-requires-star-resource`. A
    /// wildcard entry is reported only when none of the actions it matches applies.
    pub struct ActionResourceMismatch {
        code: "IAM308",
        name: "action-resource-mismatch",
        category: Correctness,
        severity: Warning,
        fix: None,
        summary: "an action that applies to none of the statement's resources",
    }
}

/// Services whose reference pages share one action prefix (so the source data merges two
/// actions of the same name): ELB v1 and ELB v2.
const SHARED_PREFIXES: &[&str] = &["elasticloadbalancing"];

impl Rule for ActionResourceMismatch {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(arns) = resource_arns(stmt) else {
            return;
        };
        let Some(resource_key) = stmt.resource.as_ref().map(|e| e.key.range) else {
            return;
        };
        let catalog = ctx.catalog();
        // malformed ARNs get their own diagnostics; judge the actions by the others, by the
        // resource types each could be a resource of
        let facts: Vec<_> = arns
            .iter()
            .map(|(_, a)| arn_facts(catalog, a))
            .filter(|f| f.fits)
            .collect();
        if facts.is_empty() {
            return;
        }
        let type_fits = |i: usize| facts.iter().any(|f| f.types.binary_search(&i).is_ok());
        let applies = |a: &iamlint_catalog::Action| {
            // ELB v1 and v2 share the `elasticloadbalancing` prefix and the source data keeps
            // only one action of each name, so an action's own types may be incomplete there
            if let Some(s) = catalog
                .service_of(a)
                .filter(|s| SHARED_PREFIXES.contains(&s.prefix))
            {
                return catalog.resource_type_indices(s).any(type_fits);
            }
            catalog
                .action_resources(a)
                .iter()
                .filter_map(|r| r.resource_type)
                .any(type_fits)
        };
        let resolved = ctx.resolutions(stmt);
        for (s, resolution) in stmt.action_strings().zip(resolved.iter()) {
            let mut with_types = resolution
                .actions()
                .iter()
                .copied()
                .filter(|a| catalog.has_resource_types(a));
            let Some(first) = with_types.next() else {
                continue;
            };
            if applies(first) || with_types.any(&applies) {
                continue;
            }
            let expected: Vec<String> = catalog
                .action_resources(first)
                .iter()
                .filter_map(|r| r.resource_type.and_then(|i| catalog.resource_types.get(i)))
                .flat_map(|rt| rt.arns().iter().map(|t| format!("`{}`", t.text)))
                .take(3)
                .collect();
            let message = match &**resolution {
                Resolution::Pattern(v) => format!(
                    "none of the {} actions matched by `{}` applies to the statement's resources",
                    v.len(),
                    s.value
                ),
                _ => format!("`{}` applies to none of the statement's resources", s.value),
            };
            ctx.report(s.range, message)
                .secondary(resource_key, "the resources")
                .help(format!(
                    "`{}` acts on ARNs like {}",
                    catalog.full_name(first),
                    join_and(expected)
                ));
        }
    }
}
