use super::prelude::*;
use crate::security::any_resource;

declare_rule! {
    /// An `Allow` of every action of a service (`s3:*`, `iam:*`). It grants the service's
    /// permissions-management and destructive actions along with the ones needed, and every
    /// action the service adds later. On every resource it is a security finding; on specific
    /// resources a warning.
    pub struct ServiceWildcard {
        code: "IAM803",
        name: "service-wildcard",
        category: Security,
        severity: Security,
        fix: None,
        summary: "Allow of every action of a service (s3:*)",
    }
}

impl Rule for ServiceWildcard {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if !crate::security::grants(ctx) || !stmt.is_allow() {
            return;
        }
        let everywhere = any_resource(stmt);
        for a in stmt
            .action
            .as_ref()
            .and_then(|e| e.value.ok())
            .into_iter()
            .flat_map(|l| l.strings())
        {
            let Some(service) = a.value.strip_suffix(":*") else {
                continue;
            };
            if service.is_empty()
                || service.contains(['*', '?'])
                || ctx.catalog().service(service).is_none()
            {
                continue;
            }
            let d = ctx.report(
                a.range,
                format!(
                    "`{}` in {} allows every `{service}` action{}",
                    a.value,
                    stmt.label(),
                    if everywhere { " on every resource" } else { "" }
                ),
            );
            d.help(format!("list the `{service}` actions that are needed; `{service}:*` includes its permission and deletion actions, and those AWS adds later"));
            if !everywhere {
                d.severity(Severity::Warning);
            }
        }
    }
}
