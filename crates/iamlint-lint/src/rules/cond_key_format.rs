use super::prelude::*;
use crate::condkeys::well_formed;

declare_rule! {
    /// A condition key that is not of the form `prefix:name`.
    pub struct CondKeyFormat {
        code: "IAM603",
        name: "cond-key-format",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a condition key not of the form prefix:name",
    }
}

impl Rule for CondKeyFormat {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (_, key) in cond.pairs() {
            if !well_formed(&key.key.name) {
                ctx.report(
                    key.key.range,
                    format!("`{}` is not a condition key", key.key.name),
                )
                .help("condition keys are `prefix:name`, such as `aws:SourceIp` or `s3:prefix`");
            }
        }
    }
}
