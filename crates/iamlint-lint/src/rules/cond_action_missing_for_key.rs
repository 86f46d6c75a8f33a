use super::prelude::*;

declare_rule! {
    /// A condition key that AWS evaluates only for a companion action the statement does not
    /// allow: `sts:SourceIdentity` needs `sts:SetSourceIdentity`, `sts:TransitiveTagKeys`
    /// needs `sts:TagSession`.
    pub struct CondActionMissingForKey {
        code: "IAM610",
        name: "cond-action-missing-for-key",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a condition key whose companion action the statement lacks",
    }
}

/// (key, the action that sets it). Source: IAM User Guide, "Available keys for AWS STS"
/// (`sts:SourceIdentity`, `sts:TransitiveTagKeys`); IAM Access Analyzer check
/// `MISSING_ACTION_FOR_CONDITION_KEY`.
const PAIRS: &[(&str, &str)] = &[
    ("sts:SourceIdentity", "sts:SetSourceIdentity"),
    ("sts:TransitiveTagKeys", "sts:TagSession"),
];

impl Rule for CondActionMissingForKey {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        if stmt.action.is_none() {
            return;
        }
        for (_, key) in cond.pairs() {
            let Some((k, action)) = PAIRS
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(&key.key.name))
            else {
                continue;
            };
            if statement_allows_action_name(stmt, action) {
                continue;
            }
            ctx.report(key.key.range, format!("`{k}` is evaluated only for `{action}`, which {} does not include", stmt.label()))
                .help(format!("add `{action}` to the statement's actions, or move the condition to a statement that allows it"));
        }
    }
}
