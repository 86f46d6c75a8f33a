use super::prelude::*;
use crate::vars::expanding_sites;
use iamlint_model::variables::{self, VariableKind};

declare_rule! {
    /// A variable whose default value contains a wildcard, in a `Resource` or under a `Like`
    /// operator: when the key is missing from the request, the default matches everything.
    pub struct VarTooPermissive {
        code: "IAM709",
        name: "var-too-permissive",
        category: Security,
        severity: Security,
        fix: None,
        summary: "a policy variable whose default value is a wildcard",
    }
}

impl Rule for VarTooPermissive {
    fn check_statement(&self, ctx: &mut Ctx<'_>, policy: &Policy, stmt: &Statement) {
        if !policy.expands_variables() || !stmt.is_allow() {
            return;
        }
        for site in expanding_sites(stmt) {
            let wildcards_active = site
                .operator
                .is_none_or(|op| op.operator.operator.is_some_and(|o| o.is_like()));
            if !wildcards_active {
                continue;
            }
            for piece in variables::parse(&site.s.value) {
                let variables::Piece::Variable(v) = piece else {
                    continue;
                };
                let VariableKind::Key {
                    name,
                    default: Some((default, drange)),
                    ..
                } = &v.kind
                else {
                    continue;
                };
                if !default.contains(['*', '?']) {
                    continue;
                }
                ctx.report(
                    site.s.sub_range(ctx.source(), drange.start, drange.end),
                    format!("default `{default}` of `${{{name}}}` contains a wildcard"),
                )
                .help(format!("when a request lacks `{name}`, the default is matched as a pattern and grants whatever it matches; use a literal default that matches nothing"));
            }
        }
    }
}
