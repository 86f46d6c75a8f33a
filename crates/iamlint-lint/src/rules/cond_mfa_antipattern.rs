use super::prelude::*;
use iamlint_model::Effect;
use iamlint_model::operators::Operator;

declare_rule! {
    /// MFA conditions that do not enforce MFA. `aws:MultiFactorAuthPresent` is absent for
    /// long-term access keys, so `"Bool": {"aws:MultiFactorAuthPresent": "false"}` in a
    /// `Deny` lets access-key requests through (use `BoolIfExists`), and in an `Allow` a
    /// `Null` test for the key being present does not mean MFA was used.
    pub struct CondMfaAntipattern {
        code: "IAM634",
        name: "cond-mfa-antipattern",
        category: Security,
        severity: Warning,
        fix: Sometimes,
        summary: "an aws:MultiFactorAuthPresent condition that does not enforce MFA",
    }
}

impl Rule for CondMfaAntipattern {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            if !key
                .key
                .name
                .eq_ignore_ascii_case("aws:MultiFactorAuthPresent")
            {
                continue;
            }
            let value = key
                .values
                .ok()
                .and_then(|v| v.items.first())
                .and_then(|v| v.text())
                .map(str::to_ascii_lowercase);
            match (
                op.operator.operator,
                op.operator.if_exists,
                value.as_deref(),
                stmt.effect(),
            ) {
                (Some(Operator::Bool), false, Some("false"), Some(Effect::Deny)) => {
                    let d = ctx.report(op.key.range, "requests signed with long-term access keys carry no `aws:MultiFactorAuthPresent`, so this `Deny` skips them");
                    d.help("use `BoolIfExists`, which also denies when the key is absent");
                    let alone = op.keys.ok().is_some_and(|k| k.entries.len() == 1);
                    if alone && !cond.operators.iter().any(|o| o.key.name == "BoolIfExists") {
                        d.fix(Fix::unsafe_(
                            "write `BoolIfExists`",
                            vec![rename_key(&op.key, "BoolIfExists")],
                        ));
                    }
                }
                (Some(Operator::Null), _, Some("false"), Some(Effect::Allow)) => {
                    ctx.report(op.key.range, "`aws:MultiFactorAuthPresent` being present does not mean MFA was used")
                        .help("temporary credentials carry the key with the value `false` when no MFA was used; require `\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}`");
                }
                _ => {}
            }
        }
    }
}
