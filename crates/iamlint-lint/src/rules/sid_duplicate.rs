use super::prelude::*;

declare_rule! {
    /// Two statements with the same `Sid`. SQS and SNS policies (resource policies with an
    /// `Id`) require unique Sids, so there it is an error.
    pub struct SidDuplicate {
        code: "IAM116",
        name: "sid-duplicate",
        category: Correctness,
        severity: Warning,
        fix: None,
        summary: "two statements share a Sid",
    }
}

impl Rule for SidDuplicate {
    fn check_policy(&self, ctx: &mut Ctx<'_>, policy: &Policy) {
        let required = ctx.policy_type() == PolicyType::Resource && policy.id.is_some();
        let stmts: Vec<&Statement> = policy.statements().collect();
        for (i, s) in stmts.iter().enumerate() {
            let Some(sid) = s.sid().filter(|v| !v.is_empty()) else {
                continue;
            };
            let Some(first) = stmts.iter().take(i).find(|p| p.sid() == Some(sid)) else {
                continue;
            };
            let (Some(here), Some(there)) = (
                s.sid.as_ref().and_then(|e| e.value.ok()),
                first.sid.as_ref().and_then(|e| e.value.ok()),
            ) else {
                continue;
            };
            let d = ctx.report(
                here.range,
                format!(
                    "`Sid` `{sid}` is also used by statement #{}",
                    first.index + 1
                ),
            );
            d.secondary(there.range, "first used here")
                .help("give each statement a unique `Sid`; SQS and SNS policies require it, and tools address statements by it");
            if required {
                d.severity(Severity::Error);
            }
        }
    }
}
