use super::prelude::*;

declare_rule! {
    /// An `aws:SourceVpc` value that is not `vpc-` followed by 8 or 17 hexadecimal
    /// characters, or an `aws:SourceVpce` value that is not `vpce-` followed by 8 or 17.
    pub struct CondVpcIdFormat {
        code: "IAM630",
        name: "cond-vpc-id-format",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a malformed VPC or VPC endpoint id",
    }
}

fn well_formed(prefix: &str, v: &str) -> bool {
    v.strip_prefix(prefix).is_some_and(|id| {
        (id.len() == 8 || id.len() == 17)
            && id
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    })
}

impl Rule for CondVpcIdFormat {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            let prefix = if key.key.name.eq_ignore_ascii_case("aws:SourceVpc") {
                "vpc-"
            } else if key.key.name.eq_ignore_ascii_case("aws:SourceVpce") {
                "vpce-"
            } else {
                continue;
            };
            if !crate::conditions::compares_values(op) {
                continue;
            }
            let like = op.operator.operator.is_some_and(|o| o.is_like());
            for v in key.values.ok().into_iter().flat_map(|v| v.items.iter()) {
                let Some(text) = v.text() else { continue };
                if text.contains("${")
                    || (like && text.contains(['*', '?']))
                    || well_formed(prefix, text)
                {
                    continue;
                }
                ctx.report(v.range, format!("`{text}` is not a `{prefix}` id"))
                    .help(format!("ids are `{prefix}` followed by 8 or 17 lowercase hexadecimal characters, such as `{prefix}0123456789abcdef0`"));
            }
        }
    }
}
