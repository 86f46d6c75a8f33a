use super::prelude::*;
use crate::condkeys::classify;
use crate::matrix::{Fit, family_for, fit};

declare_rule! {
    /// A condition operator whose family does not fit the key's type: `NumericEquals` on a
    /// string key such as `s3:prefix`, `StringEquals` on a boolean key such as
    /// `aws:SecureTransport`. The comparison is not the one intended.
    pub struct CondOperatorTypeMismatch {
        code: "IAM613",
        name: "cond-operator-type-mismatch",
        category: Correctness,
        severity: Warning,
        fix: None,
        summary: "a condition operator that does not fit the key's type",
    }
}

impl Rule for CondOperatorTypeMismatch {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            let Some(operator) = op.operator.operator else {
                continue;
            };
            let Some((ty, _)) = classify(ctx.catalog(), ctx.options(), &key.key.name).ty() else {
                continue;
            };
            if fit(ty, operator.family()) != Fit::Mismatch {
                continue;
            }
            let expected = family_for(ty);
            ctx.report(
                op.key.range,
                format!(
                    "`{}` compares {} values, but `{}` is of type {}",
                    op.key.name,
                    operator.family().name(),
                    key.key.name,
                    ty.as_str()
                ),
            )
            .secondary(key.key.range, format!("{} key", ty.as_str()))
            .help(format!(
                "use {} {} operator for this key",
                if expected.name().starts_with(['A', 'E', 'I', 'O', 'U']) {
                    "an"
                } else {
                    "a"
                },
                expected.name()
            ));
        }
    }
}
