use super::prelude::*;
use crate::action_sets::{action_sets, judged, reach};

declare_rule! {
    /// A policy that allows, on every resource, all the actions of a known privilege-escalation
    /// method (`iam:CreatePolicyVersion`; `iam:PassRole` with `ec2:RunInstances`; ...; the
    /// methods are listed in `crates/iamlint-lint/data/action-sets.txt`). The actions may come
    /// from different statements. Administrator access itself is `admin-star`'s finding.
    pub struct PrivilegeEscalation {
        code: "IAM811",
        name: "privilege-escalation",
        category: Security,
        severity: Security,
        fix: None,
        summary: "a known privilege-escalation method allowed on every resource",
    }
}

impl Rule for PrivilegeEscalation {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        let catalog = ctx.catalog();
        let judged: Vec<(&Statement, crate::action_sets::Reach<'_>)> = policy
            .statements()
            .filter(|s| judged(ctx, s))
            .map(|s| (s, reach(ctx, s)))
            .collect();
        if judged.is_empty() {
            return;
        }
        // each open method, reported at the statement that allows its first step; one
        // diagnostic per statement
        let mut open: Vec<(&Statement, &crate::action_sets::Method)> = Vec::new();
        for method in &action_sets(catalog).escalation {
            let allowing: Option<Vec<&Statement>> = method
                .steps
                .iter()
                .map(|a| {
                    judged
                        .iter()
                        .find(|(_, r)| r.reaches(catalog, a))
                        .map(|(s, _)| *s)
                })
                .collect();
            if let Some(first) = allowing.and_then(|v| v.first().copied()) {
                open.push((first, method));
            }
        }
        let mut done: Vec<TextRange> = Vec::new();
        for (stmt, _) in &open {
            if done.contains(&stmt.range) {
                continue;
            }
            done.push(stmt.range);
            let methods: Vec<&crate::action_sets::Method> = open
                .iter()
                .filter(|(s, _)| s.range == stmt.range)
                .map(|(_, m)| *m)
                .collect();
            let Some(first) = methods.first() else {
                continue;
            };
            let Some((_, entry)) = stmt.actions() else {
                continue;
            };
            let steps = join_and(
                first
                    .steps
                    .iter()
                    .map(|a| format!("`{}`", catalog.full_name(a))),
            );
            let message = match methods.len() {
                1 => format!(
                    "{} allows {steps} on every resource: privilege escalation ({})",
                    stmt.label(),
                    first.name
                ),
                n => format!(
                    "{} opens {n} privilege-escalation methods on every resource, such as {steps} ({})",
                    stmt.label(),
                    first.name
                ),
            };
            let names = join_and(methods.iter().map(|m| format!("`{}`", m.name)));
            ctx.report(entry.key.range, message)
                .help(format!("with these permissions a principal can grant itself more ({names}); scope them to the users, roles and policies that need them, or deny them with a permissions boundary"));
        }
    }
}
