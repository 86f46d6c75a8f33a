use super::prelude::*;
use iamlint_model::Principal;

declare_rule! {
    /// An RCP statement whose `Principal` is missing or is not `"*"`, or that uses
    /// `NotPrincipal`. RCPs apply to every caller; exemptions go in conditions.
    pub struct RcpPrincipal {
        code: "IAM214",
        name: "rcp-principal",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "an RCP Principal that is missing or not \"*\", or a NotPrincipal",
    }
}

const HELP: &str = "RCP statements must say `\"Principal\": \"*\"`; exempt callers with conditions such as `aws:PrincipalOrgID` or `aws:PrincipalIsAWSService`";

impl Rule for RcpPrincipal {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Rcp || is_empty_statement(stmt) {
            return;
        }
        if let Some(e) = &stmt.not_principal {
            ctx.report(
                e.key.range,
                "`NotPrincipal` is not allowed in a resource control policy",
            )
            .help(HELP);
        }
        match stmt.principal.as_ref() {
            None if stmt.not_principal.is_none() => {
                ctx.report(
                    statement_anchor(stmt),
                    format!(
                        "{} of a resource control policy has no `Principal`",
                        stmt.label()
                    ),
                )
                .help(HELP);
            }
            Some(e) => {
                let Some(p) = e.value.ok() else { return };
                if matches!(p, Principal::String(s) if s.value == "*") {
                    return;
                }
                // point at the map's first key rather than the whole (multi-line) map
                let at = p.entries().first().map_or(p.range(), |e| e.key.range);
                let d = ctx.report(
                    at,
                    "the `Principal` of a resource control policy must be `\"*\"`",
                );
                d.help(HELP);
                if p.is_wildcard() {
                    d.fix(Fix::safe(
                        "replace with `\"*\"`",
                        vec![Edit::replace(p.range(), "\"*\"")],
                    ));
                }
            }
            None => {}
        }
    }
}
