use super::prelude::*;
use iamlint_model::Typed;

declare_rule! {
    /// An `Effect` other than exactly `Allow` or `Deny` (the value is case-sensitive).
    pub struct EffectInvalid {
        code: "IAM111",
        name: "effect-invalid",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "Effect is not exactly Allow or Deny",
    }
}

impl Rule for EffectInvalid {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(Entry {
            value: Typed::Ok(v),
            ..
        }) = &stmt.effect
        else {
            return;
        };
        if stmt.effect().is_some() {
            return;
        }
        let d = ctx.report(v.range, format!("`{}` is not a valid `Effect`", v.value));
        d.primary_message("expected `Allow` or `Deny`")
            .help("`Effect` is case-sensitive and must be exactly `Allow` or `Deny`");
        let exact = ["Allow", "Deny"]
            .into_iter()
            .find(|e| e.eq_ignore_ascii_case(v.value.trim()));
        let (to, applicability) = match exact {
            Some(e) => (Some(e), Applicability::Safe),
            None => (
                closest(&v.value, ["Allow", "Deny"], 2),
                Applicability::Unsafe,
            ),
        };
        if let Some(to) = to {
            d.fix(Fix::new(
                format!("replace with `{to}`"),
                applicability,
                vec![Edit::replace(v.range, quote_json(to))],
            ));
        }
    }
}
