use super::prelude::*;
use crate::values::{Cidr, is_base64, is_bool, is_date, is_number};
use iamlint_model::operators::Family;

declare_rule! {
    /// A condition value that does not parse for its operator: a Bool value other than
    /// `true`/`false`, a number, date (ISO 8601 or epoch seconds), IP address or CIDR range,
    /// base64 value or ARN that is malformed. AWS rejects the policy or never matches.
    pub struct CondValueTypeInvalid {
        code: "IAM615",
        name: "cond-value-type-invalid",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a condition value that does not parse for its operator",
    }
}

fn problem(family: Family, v: &str) -> Option<&'static str> {
    let ok = match family {
        Family::Bool => is_bool(v),
        Family::Numeric => is_number(v),
        Family::Date => is_date(v),
        Family::Ip => Cidr::parse(v).is_some(),
        Family::Binary => is_base64(v),
        Family::Arn => v.starts_with("arn:") || v == "*" || v.starts_with('*'),
        Family::String | Family::Null => true,
    };
    if ok {
        return None;
    }
    Some(match family {
        Family::Bool => "expected `true` or `false`",
        Family::Numeric => "expected a number",
        Family::Date => {
            "expected an ISO 8601 date such as `2026-01-31T00:00:00Z`, or epoch seconds"
        }
        Family::Ip => "expected an IPv4 or IPv6 address or CIDR range, such as `203.0.113.0/24`",
        Family::Binary => "expected base64",
        Family::Arn => "expected an ARN",
        Family::String | Family::Null => "",
    })
}

impl Rule for CondValueTypeInvalid {
    fn check_statement(&self, ctx: &mut Ctx<'_>, policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            let Some(operator) = op.operator.operator else {
                continue;
            };
            let Some(values) = key.values.ok() else {
                continue;
            };
            for v in &values.items {
                let Some(text) = v.text() else { continue };
                // a variable's value is known only at request time
                if policy.expands_variables() && text.contains("${") {
                    continue;
                }
                if let Some(why) = problem(operator.family(), text) {
                    ctx.report(
                        v.range,
                        format!(
                            "`{text}` is not a valid `{}` value for `{}`",
                            op.key.name, key.key.name
                        ),
                    )
                    .primary_message(why)
                    .help(
                        "AWS rejects or never matches a value that does not parse for its operator",
                    );
                }
            }
        }
    }
}
