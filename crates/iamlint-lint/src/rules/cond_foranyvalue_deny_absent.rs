use super::prelude::*;
use crate::conditions::has_null_guard;
use iamlint_model::operators::{Operator, SetQualifier};

declare_rule! {
    /// `ForAnyValue:` in a `Deny` without a `Null` guard. `ForAnyValue` is false when the key
    /// is absent, so the `Deny` skips requests that carry no value: a perimeter on
    /// `aws:PrincipalOrgPaths`, say, then lets principals outside any organization through.
    /// Only global context keys: for `aws:TagKeys` and service keys, which list what the
    /// request asks for, a request without them asks for nothing to deny.
    pub struct CondForanyvalueDenyAbsent {
        code: "IAM626",
        name: "cond-foranyvalue-deny-absent",
        category: Security,
        severity: Warning,
        fix: None,
        summary: "ForAnyValue in a Deny without a Null guard",
    }
}

impl Rule for CondForanyvalueDenyAbsent {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if stmt.effect() != Some(iamlint_model::Effect::Deny) {
            return;
        }
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            if op.operator.qualifier != Some(SetQualifier::ForAnyValue)
                || op.operator.operator.is_none_or(|o| o == Operator::Null)
                || op.operator.if_exists
            {
                continue;
            }
            // a `Null: true` guard elsewhere in the policy is what closes the gap; within the
            // statement, any Null test on the key shows it was considered
            if has_null_guard(stmt, &key.key.name, true)
                || has_null_guard(stmt, &key.key.name, false)
            {
                continue;
            }
            if !crate::conditions::is_context_key(ctx.catalog(), ctx.options(), &key.key.name) {
                continue;
            }
            ctx.report(op.key.range, format!("this `Deny` does not apply to requests without `{}`", key.key.name))
                .help(format!("`ForAnyValue:` is false when the key is absent; if such requests must be denied too, add a statement that denies when `\"Null\": {{\"{}\": \"true\"}}`", key.key.name));
        }
    }
}
