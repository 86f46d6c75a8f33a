use super::prelude::*;
use crate::conditions::{has_null_guard, is_context_key};
use crate::condkeys::{KeyClass, classify};
use iamlint_model::operators::{Operator, SetQualifier};

declare_rule! {
    /// `ForAllValues:` on a global context key (`aws:PrincipalOrgPaths`, `aws:CalledVia`,
    /// `aws:SourceOrgPaths`, ...) in an `Allow` without a `Null` guard. `ForAllValues` is true
    /// when the key is absent, so `ForAllValues:StringLike` on `aws:PrincipalOrgPaths` also
    /// allows principals that belong to no organization at all. Lists of permitted values
    /// (`aws:TagKeys`, service keys such as `kms:GrantOperations`) are not reported: there an
    /// absent key means the request sets nothing, which is normally intended.
    pub struct CondForallvaluesAllowAbsent {
        code: "IAM625",
        name: "cond-forallvalues-allow-absent",
        category: Security,
        severity: Security,
        fix: None,
        summary: "ForAllValues on a context key in an Allow without a Null guard",
    }
}

impl Rule for CondForallvaluesAllowAbsent {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if !stmt.is_allow() {
            return;
        }
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            if op.operator.qualifier != Some(SetQualifier::ForAllValues)
                || op.operator.operator.is_none_or(|o| o == Operator::Null)
            {
                continue;
            }
            if has_null_guard(stmt, &key.key.name, false) {
                continue;
            }
            // single-valued keys are `cond-set-on-single-valued`'s
            let multivalued = matches!(
                classify(ctx.catalog(), ctx.options(), &key.key.name),
                KeyClass::Known {
                    multivalued: true,
                    ..
                }
            );
            let context_key =
                multivalued && is_context_key(ctx.catalog(), ctx.options(), &key.key.name);
            if !context_key {
                continue;
            }
            ctx.report(
                op.key.range,
                format!(
                    "`{}` is also true when the request has no `{}`",
                    op.key.name, key.key.name
                ),
            )
            .help(format!(
                "add `\"Null\": {{\"{}\": \"false\"}}` so that the key must be present",
                key.key.name
            ));
        }
    }
}
