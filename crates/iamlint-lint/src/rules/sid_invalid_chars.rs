use super::prelude::*;
use iamlint_model::Typed;

declare_rule! {
    /// A `Sid` with characters other than ASCII letters and digits. IAM rejects it; other
    /// services' resource policies (KMS, SQS, SNS) accept more, so there it is only info.
    pub struct SidInvalidChars {
        code: "IAM115",
        name: "sid-invalid-chars",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "a Sid with characters other than letters and digits",
    }
}

impl Rule for SidInvalidChars {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(Entry {
            value: Typed::Ok(sid),
            ..
        }) = &stmt.sid
        else {
            return;
        };
        let Some(bad) = sid.value.chars().find(|c| !c.is_ascii_alphanumeric()) else {
            return;
        };
        let t = ctx.policy_type();
        let strict = t != PolicyType::Resource;
        let shown = if bad == ' ' {
            "a space".to_owned()
        } else {
            format!("`{bad}`")
        };
        // drop what IAM rejects, starting a new word after each dropped run: `read-objects` → `ReadObjects`
        let mut cleaned = String::new();
        let mut word_start = false;
        for c in sid.value.chars() {
            if c.is_ascii_alphanumeric() {
                if word_start {
                    cleaned.push(c.to_ascii_uppercase());
                } else {
                    cleaned.push(c);
                }
                word_start = false;
            } else {
                word_start = !cleaned.is_empty();
            }
        }
        let d = ctx.report(sid.range, format!("`Sid` `{}` contains {shown}", sid.value));
        if strict {
            d.help(format!(
                "{} accepts only letters and digits in `Sid`",
                t.phrase()
            ));
        } else {
            d.severity(Severity::Info).help(
                "IAM accepts only letters and digits in `Sid`; some services' resource policies (KMS, SQS, SNS) accept more",
            );
        }
        if !cleaned.is_empty() {
            d.fix(Fix::safe(
                format!("rename to `{cleaned}`"),
                vec![Edit::replace(sid.range, quote_json(&cleaned))],
            ));
        }
    }
}
