use super::prelude::*;
use crate::values::Cidr;
use iamlint_model::operators::Family;

declare_rule! {
    /// A CIDR range with host bits set (`10.1.2.3/8`). AWS matches the whole network
    /// (`10.0.0.0/8`), which is probably wider than meant.
    pub struct CondIpHostBits {
        code: "IAM629",
        name: "cond-ip-host-bits",
        category: Suspicious,
        severity: Info,
        fix: Always,
        summary: "a CIDR range with host bits set",
    }
}

impl Rule for CondIpHostBits {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            if op
                .operator
                .operator
                .is_none_or(|o| o.family() != Family::Ip)
            {
                continue;
            }
            for v in key.values.ok().into_iter().flat_map(|v| v.items.iter()) {
                let Some(text) = v.text() else { continue };
                let Some(network) = Cidr::parse(text).and_then(|c| c.normalised()) else {
                    continue;
                };
                ctx.report(
                    v.range,
                    format!("`{text}` has host bits set: it means `{network}`"),
                )
                .help("write the network address, or a longer prefix if a smaller range was meant")
                .fix(Fix::safe(
                    format!("write `{network}`"),
                    vec![Edit::replace(v.range, quote_json(&network))],
                ));
            }
        }
    }
}
