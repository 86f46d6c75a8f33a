use super::prelude::*;

declare_rule! {
    /// The same condition key twice under one operator, spelled with different case
    /// (`aws:SourceIp` and `aws:sourceip`). Key names ignore case, so this is one key given
    /// twice, and AWS rejects it.
    pub struct CondKeyCaseDuplicate {
        code: "IAM612",
        name: "cond-key-case-duplicate",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "the same condition key twice, differing only in case",
    }
}

impl Rule for CondKeyCaseDuplicate {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for op in &cond.operators {
            let Some(keys) = op.keys.ok() else { continue };
            for (i, k) in keys.entries.iter().enumerate() {
                let first = keys.entries.iter().take(i).find(|p| {
                    p.key.name.eq_ignore_ascii_case(&k.key.name) && p.key.name != k.key.name
                });
                if let Some(first) = first {
                    ctx.report(
                        k.key.range,
                        format!(
                            "`{}` repeats `{}` under `{}`: condition key names ignore case",
                            k.key.name, first.key.name, op.key.name
                        ),
                    )
                    .secondary(first.key.range, "first given here")
                    .help("merge the values into one key; several values of one key are OR'd");
                }
            }
        }
    }
}
