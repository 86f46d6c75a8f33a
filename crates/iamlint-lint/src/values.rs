//! Formats of condition values: booleans, numbers, dates, IP ranges, base64, ARNs.

use std::net::{Ipv4Addr, Ipv6Addr};

pub fn is_bool(v: &str) -> bool {
    v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false")
}

pub fn is_number(v: &str) -> bool {
    v.parse::<f64>().is_ok_and(f64::is_finite)
        && !v.starts_with('+')
        && !v.contains(['e', 'E', 'i', 'n', 'N', 'I'])
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// ISO 8601 as AWS accepts it (`2026-01-31`, `2026-01-31T12:00:00Z`, with optional seconds,
/// fractions and a `Z` or `±hh:mm` offset), or epoch seconds.
pub fn is_date(v: &str) -> bool {
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let (date, time) = match v.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (v, None),
    };
    let mut d = date.split('-');
    let (Some(y), Some(m), Some(day), None) = (d.next(), d.next(), d.next(), d.next()) else {
        return false;
    };
    let ok_date = digits(y, 4).is_some()
        && digits(m, 2).is_some_and(|m| (1..=12).contains(&m))
        && digits(day, 2).is_some_and(|d| (1..=31).contains(&d));
    if !ok_date {
        return false;
    }
    let Some(t) = time else { return true };
    let (clock, zone_ok) = if let Some(c) = t.strip_suffix('Z') {
        (c, true)
    } else if let Some(i) = t.rfind(['+', '-']) {
        let zone = t.get(i + 1..).unwrap_or("");
        let mut z = zone.split(':');
        let ok = matches!((z.next(), z.next(), z.next()), (Some(h), Some(mm), None) if digits(h, 2).is_some_and(|h| h <= 23) && digits(mm, 2).is_some_and(|m| m <= 59));
        (t.get(..i).unwrap_or(""), ok)
    } else {
        (t, true)
    };
    if !zone_ok {
        return false;
    }
    let (hms, frac) = match clock.split_once('.') {
        Some((h, f)) => (h, Some(f)),
        None => (clock, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let parts: Vec<&str> = hms.split(':').collect();
    let limits = [23, 59, 60];
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .zip(limits)
            .all(|(p, max)| digits(p, 2).is_some_and(|n| n <= max))
}

/// An IP address or CIDR range, parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cidr {
    V4(Ipv4Addr, u8),
    V6(Ipv6Addr, u8),
}

impl Cidr {
    pub fn parse(v: &str) -> Option<Cidr> {
        let (addr, len) = match v.split_once('/') {
            Some((a, l)) => (a, Some(l)),
            None => (v, None),
        };
        let len = match len {
            Some(l) if !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()) => {
                Some(l.parse::<u8>().ok()?)
            }
            Some(_) => return None,
            None => None,
        };
        if let Ok(a) = addr.parse::<Ipv4Addr>() {
            let l = len.unwrap_or(32);
            return (l <= 32).then_some(Cidr::V4(a, l));
        }
        if let Ok(a) = addr.parse::<Ipv6Addr>() {
            let l = len.unwrap_or(128);
            return (l <= 128).then_some(Cidr::V6(a, l));
        }
        None
    }

    /// The range with host bits cleared, when they were set.
    pub fn normalised(&self) -> Option<String> {
        match *self {
            Cidr::V4(a, l) => {
                let mask = if l == 0 {
                    0
                } else {
                    u32::MAX << (32 - u32::from(l))
                };
                let n = u32::from(a) & mask;
                (n != u32::from(a)).then(|| format!("{}/{l}", Ipv4Addr::from(n)))
            }
            Cidr::V6(a, l) => {
                let mask = if l == 0 {
                    0
                } else {
                    u128::MAX << (128 - u32::from(l))
                };
                let n = u128::from(a) & mask;
                (n != u128::from(a)).then(|| format!("{}/{l}", Ipv6Addr::from(n)))
            }
        }
    }

    /// Whether the whole range is private, loopback, link-local or another address that
    /// never reaches AWS's public endpoints.
    pub fn is_private(&self) -> bool {
        match *self {
            Cidr::V4(a, l) => {
                let [b0, b1, ..] = a.octets();
                let inside = |net: u8, min_len: u8| l >= min_len && net == b0;
                inside(10, 8)
                    || (l >= 12 && b0 == 172 && (16..=31).contains(&b1))
                    || (l >= 16 && b0 == 192 && b1 == 168)
                    || inside(127, 8)
                    || (l >= 16 && b0 == 169 && b1 == 254)
            }
            Cidr::V6(a, l) => {
                let first = a.segments().first().copied().unwrap_or(0);
                (l >= 7 && first & 0xfe00 == 0xfc00)
                    || (l >= 10 && first & 0xffc0 == 0xfe80)
                    || (l == 128 && a.is_loopback())
            }
        }
    }
}

pub fn is_base64(v: &str) -> bool {
    !v.is_empty()
        && v.len().is_multiple_of(4)
        && v.trim_end_matches('=')
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
        && v.len() - v.trim_end_matches('=').len() <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        for ok in [
            "2026-01-31",
            "2026-01-31T12:00:00Z",
            "2026-01-31T12:00Z",
            "2026-01-31T12:00:00.123Z",
            "2026-01-31T12:00:00+01:00",
            "1700000000",
        ] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "2026-13-01",
            "2026-1-1",
            "31/01/2026",
            "2026-01-31T25:00:00Z",
            "2026-01-31T12:00:00+1",
            "tomorrow",
            "",
            "2026-01-31T",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn ip_ranges() {
        assert_eq!(Cidr::parse("10.0.0.300/8"), None);
        assert_eq!(Cidr::parse("10.0.0.0/33"), None);
        assert!(Cidr::parse("203.0.113.7").is_some());
        assert!(Cidr::parse("2001:db8::/32").is_some());
        assert_eq!(
            Cidr::parse("10.1.2.3/8")
                .and_then(|c| c.normalised())
                .as_deref(),
            Some("10.0.0.0/8")
        );
        assert_eq!(Cidr::parse("10.0.0.0/8").and_then(|c| c.normalised()), None);
        assert_eq!(
            Cidr::parse("2001:db8::1/32")
                .and_then(|c| c.normalised())
                .as_deref(),
            Some("2001:db8::/32")
        );
        assert!(Cidr::parse("192.168.1.0/24").unwrap().is_private());
        assert!(Cidr::parse("172.20.0.0/16").unwrap().is_private());
        assert!(!Cidr::parse("172.32.0.0/16").unwrap().is_private());
        assert!(!Cidr::parse("10.0.0.0/7").unwrap().is_private());
        assert!(Cidr::parse("fd00::/8").unwrap().is_private());
        assert!(!Cidr::parse("203.0.113.0/24").unwrap().is_private());
    }

    #[test]
    fn numbers_booleans_base64() {
        assert!(
            is_number("10")
                && is_number("-1.5")
                && !is_number("1e3")
                && !is_number("ten")
                && !is_number("+1")
        );
        assert!(is_bool("true") && is_bool("FALSE") && !is_bool("yes"));
        assert!(is_base64("QUJD") && is_base64("QUI=") && !is_base64("QUJ") && !is_base64("Q@J="));
    }
}
