//! Conditions, as the IAM User Guide's "Condition operators", "Condition element",
//! "Multivalued context keys" and "Policy variables" pages describe them.

use std::net::IpAddr;

use iamlint_model::operators::{Family, Operator, SetQualifier};
use iamlint_model::variables::{Piece, VariableKind, parse};
use iamlint_model::{Condition, ConditionKey, ConditionOperator};

use crate::matching::{arn_matches, glob};
use crate::request::Request;

/// Literal `*` and `?` that came from `${*}` and `${?}`: stand-ins no text contains, so that a
/// glob compares them literally (the text's own `*` and `?` are mapped to them as well).
const STAR: char = '\u{e000}';
const QUESTION: char = '\u{e001}';

/// The text as a glob sees it: its `*` and `?` become the literal stand-ins.
pub(crate) fn literal_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '*' => STAR,
            '?' => QUESTION,
            c => c,
        })
        .collect()
}

/// Substitutes policy variables from the request (`None` when one cannot be resolved: the
/// value then matches nothing). Under policy version 2008-10-17 variables are plain text.
pub(crate) fn substitute(value: &str, request: &Request, variables: bool) -> Option<String> {
    if !variables || !value.contains("${") {
        return Some(value.to_owned());
    }
    let mut out = String::with_capacity(value.len());
    for piece in parse(value) {
        match piece {
            Piece::Literal(r) => out.push_str(value.get(r).unwrap_or("")),
            Piece::Error(e) => out.push_str(value.get(e.range.clone()).unwrap_or("")),
            Piece::Variable(v) => match v.kind {
                VariableKind::Special('*') => out.push(STAR),
                VariableKind::Special('?') => out.push(QUESTION),
                VariableKind::Special(c) => out.push(c),
                VariableKind::Key { name, default, .. } => {
                    // only single-valued keys can be variables
                    match request
                        .values(&name)
                        .and_then(|v| (v.len() == 1).then(|| v.first()).flatten())
                    {
                        Some(found) => out.push_str(&literal_text(found)),
                        None => match default {
                            Some((d, _)) => out.push_str(&d),
                            None => return None,
                        },
                    }
                }
            },
        }
    }
    Some(out)
}

/// Whether a whole `Condition` holds: every operator, every key under it (AND).
pub fn condition_holds(condition: &Condition, request: &Request, variables: bool) -> bool {
    condition
        .pairs()
        .all(|(op, key)| pair_holds(op, key, request, variables))
}

/// Whether one key under one operator holds (a `Condition` is the AND of these).
pub fn pair_holds(
    op: &ConditionOperator,
    key: &ConditionKey,
    request: &Request,
    variables: bool,
) -> bool {
    let Some(operator) = op.operator.operator else {
        return false;
    };
    let policy_values: Vec<Option<String>> = key
        .values
        .ok()
        .into_iter()
        .flat_map(|v| v.items.iter())
        .map(|item| {
            let text = item.text()?;
            // variables are expanded in String and ARN operators only
            let expands = matches!(operator.family(), Family::String | Family::Arn);
            substitute(text, request, variables && expands)
        })
        .collect();
    let present = request.values(&key.key.name).filter(|v| !v.is_empty());
    if operator == Operator::Null {
        // `"true"`: the key is absent; `"false"`: it is present. Values are OR'd.
        return policy_values
            .iter()
            .flatten()
            .any(|v| match v.to_ascii_lowercase().as_str() {
                "true" => present.is_none(),
                "false" => present.is_some(),
                _ => false,
            });
    }
    let Some(request_values) = present else {
        // absent: `IfExists` holds; `ForAllValues` holds; negated operators hold; others do not
        return op.operator.if_exists
            || op.operator.qualifier == Some(SetQualifier::ForAllValues)
            || (op.operator.qualifier.is_none() && operator.is_negated());
    };
    // one request value against the policy's values: OR for positive operators, NOR for
    // negated ones
    let one = |rv: &String| {
        let any = policy_values
            .iter()
            .any(|pv| pv.as_deref().is_some_and(|pv| compare(operator, pv, rv)));
        if operator.is_negated() { !any } else { any }
    };
    match op.operator.qualifier {
        Some(SetQualifier::ForAllValues) => request_values.iter().all(one),
        Some(SetQualifier::ForAnyValue) => request_values.iter().any(one),
        // a single-valued operator on a key with several values is undocumented (semantics.md
        // U1); like iam-simulate, which reports AWS confirming it, the condition does not match
        None => match request_values {
            [single] => one(single),
            _ => false,
        },
    }
}

/// The positive form of the comparison of one policy value with one request value.
fn compare(operator: Operator, pv: &str, rv: &str) -> bool {
    use Operator::*;
    match operator {
        // a `*` in an Equals value is a plain character, as in the request
        StringEquals | StringNotEquals => literal_text(pv) == literal_text(rv),
        StringEqualsIgnoreCase | StringNotEqualsIgnoreCase => {
            literal_text(pv).to_lowercase() == literal_text(rv).to_lowercase()
        }
        StringLike | StringNotLike => glob(pv, &literal_text(rv), false),
        NumericEquals | NumericNotEquals => numbers(pv, rv).is_some_and(|(p, r)| r == p),
        NumericLessThan => numbers(pv, rv).is_some_and(|(p, r)| r < p),
        NumericLessThanEquals => numbers(pv, rv).is_some_and(|(p, r)| r <= p),
        NumericGreaterThan => numbers(pv, rv).is_some_and(|(p, r)| r > p),
        NumericGreaterThanEquals => numbers(pv, rv).is_some_and(|(p, r)| r >= p),
        DateEquals | DateNotEquals => dates(pv, rv).is_some_and(|(p, r)| r == p),
        DateLessThan => dates(pv, rv).is_some_and(|(p, r)| r < p),
        DateLessThanEquals => dates(pv, rv).is_some_and(|(p, r)| r <= p),
        DateGreaterThan => dates(pv, rv).is_some_and(|(p, r)| r > p),
        DateGreaterThanEquals => dates(pv, rv).is_some_and(|(p, r)| r >= p),
        Bool => pv.eq_ignore_ascii_case(rv),
        BinaryEquals => pv == rv,
        IpAddress | NotIpAddress => cidr_contains(pv, rv),
        ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => arn_matches(pv, &literal_text(rv)),
        Null => false,
    }
}

fn numbers(pv: &str, rv: &str) -> Option<(f64, f64)> {
    Some((pv.trim().parse().ok()?, rv.trim().parse().ok()?))
}

fn dates(pv: &str, rv: &str) -> Option<(f64, f64)> {
    Some((epoch_seconds(pv)?, epoch_seconds(rv)?))
}

/// Seconds since 1970 of an ISO 8601 date or date-time (`2024-01-01`, `2024-01-01T12:00:00Z`,
/// with fractional seconds or a `+hh:mm` offset), or of an epoch number.
pub fn epoch_seconds(s: &str) -> Option<f64> {
    let s = s.trim();
    if let Ok(n) = s.parse::<f64>() {
        return Some(n);
    }
    let (date, time) = match s.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut d = date.split('-');
    let (y, m, day): (i64, i64, i64) = (
        d.next()?.parse().ok()?,
        d.next()?.parse().ok()?,
        d.next()?.parse().ok()?,
    );
    // ISO 8601 years have four digits (the W3C profile AWS cites); the bound also keeps the
    // arithmetic below far from overflow
    if d.next().is_some()
        || !(0..=9999).contains(&y)
        || !(1..=12).contains(&m)
        || !(1..=31).contains(&day)
    {
        return None;
    }
    // days from civil (Howard Hinnant's algorithm)
    let yy = if m <= 2 { y - 1 } else { y };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let mut seconds = days as f64 * 86_400.0;
    if let Some(t) = time {
        let (clock, offset) = if let Some(c) = t.strip_suffix(['Z', 'z']) {
            (c, 0.0)
        } else if let Some(i) = t.rfind(['+', '-']) {
            let (c, o) = t.split_at(i);
            let sign = if o.starts_with('-') { -1.0 } else { 1.0 };
            let o = o.get(1..).unwrap_or("");
            let (oh, om) = o
                .split_once(':')
                .unwrap_or((o.get(..2).unwrap_or("0"), o.get(2..).unwrap_or("0")));
            (
                c,
                sign * (oh.parse::<f64>().ok()? * 3600.0 + om.parse::<f64>().unwrap_or(0.0) * 60.0),
            )
        } else {
            (t, 0.0)
        };
        let mut parts = clock.split(':');
        let h: f64 = parts.next()?.parse().ok()?;
        let mi: f64 = parts.next().unwrap_or("0").parse().ok()?;
        let sec: f64 = parts.next().unwrap_or("0").parse().ok()?;
        seconds += h * 3600.0 + mi * 60.0 + sec - offset;
    }
    Some(seconds)
}

/// Whether the request address falls in the policy's CIDR (a bare address is a /32 or /128);
/// an IPv4 range never holds an IPv6 address.
pub(crate) fn cidr_contains(cidr: &str, address: &str) -> bool {
    let (net, len) = match cidr.split_once('/') {
        Some((n, l)) => (n, l.parse::<u32>().ok()),
        None => (cidr, None),
    };
    let (Ok(net), Ok(addr)) = (
        net.trim().parse::<IpAddr>(),
        address.trim().parse::<IpAddr>(),
    ) else {
        return false;
    };
    match (net, addr) {
        (IpAddr::V4(n), IpAddr::V4(a)) => {
            let len = len.unwrap_or(32);
            if len > 32 {
                return false;
            }
            let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
            u32::from(n) & mask == u32::from(a) & mask
        }
        (IpAddr::V6(n), IpAddr::V6(a)) => {
            let len = len.unwrap_or(128);
            if len > 128 {
                return false;
            }
            let mask = if len == 0 {
                0
            } else {
                u128::MAX << (128 - len)
            };
            u128::from(n) & mask == u128::from(a) & mask
        }
        _ => false,
    }
}

/// The context keys that policy variables in `policy` read but `request` does not give (and
/// that have no default), in order of first use: each makes its pattern match nothing, and is
/// worth telling the user about.
pub fn unresolved_variables(policy: &iamlint_model::Policy, request: &Request) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if !policy.expands_variables() {
        return out;
    }
    let mut texts: Vec<&str> = Vec::new();
    for stmt in policy.statements() {
        texts.extend(stmt.resource_strings().map(|s| s.value.as_str()));
        if let Some(c) = stmt.condition() {
            for (op, key) in c.pairs() {
                let expands = op
                    .operator
                    .operator
                    .is_some_and(|o| matches!(o.family(), Family::String | Family::Arn));
                if expands {
                    texts.extend(key.texts());
                }
            }
        }
    }
    for text in texts {
        for piece in parse(text) {
            if let Piece::Variable(v) = piece
                && let VariableKind::Key {
                    name,
                    default: None,
                    ..
                } = v.kind
            {
                let given = request.values(&name).is_some_and(|v| v.len() == 1);
                if !given && !out.iter().any(|o| o.eq_ignore_ascii_case(&name)) {
                    out.push(name);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn dates_convert_to_epoch_seconds() {
        assert_eq!(epoch_seconds("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(epoch_seconds("2024-06-30"), Some(1_719_705_600.0));
        assert_eq!(
            epoch_seconds("2024-06-30T02:00:00+02:00"),
            Some(1_719_705_600.0)
        );
        assert_eq!(
            epoch_seconds("2024-06-30T00:00:00.5Z"),
            Some(1_719_705_600.5)
        );
        assert_eq!(epoch_seconds("1719705600"), Some(1_719_705_600.0));
        assert_eq!(epoch_seconds("2024-13-01"), None);
        assert_eq!(epoch_seconds("9000000000000000000-01-01"), None);
        assert_eq!(epoch_seconds("yesterday"), None);
    }

    #[test]
    fn cidrs_contain_their_addresses() {
        assert!(cidr_contains("10.0.0.0/8", "10.255.0.1"));
        assert!(!cidr_contains("10.0.0.0/8", "11.0.0.1"));
        assert!(cidr_contains("0.0.0.0/0", "192.0.2.1"));
        assert!(!cidr_contains("10.0.0.0/33", "10.0.0.1"));
        assert!(cidr_contains("::/0", "2001:db8::1"));
        assert!(!cidr_contains("10.0.0.0/8", "::ffff:10.0.0.1"));
    }

    proptest! {
        /// Whatever the text, date and address parsing answer without panicking.
        #[test]
        fn hostile_values_never_panic(a in "\\PC{0,40}", b in "[0-9:./TZ+-]{0,30}") {
            let _ = epoch_seconds(&a);
            let _ = epoch_seconds(&b);
            let _ = cidr_contains(&a, &b);
            let _ = cidr_contains(&b, &a);
            let _ = literal_text(&a);
        }
    }
}
