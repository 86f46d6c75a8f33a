use super::prelude::*;
use crate::values::Cidr;
use iamlint_model::operators::Operator;

declare_rule! {
    /// Private addresses (RFC 1918, loopback, link-local, IPv6 unique-local) in
    /// `aws:SourceIp`. `aws:SourceIp` is the public address a request comes from; requests
    /// through a VPC endpoint carry none, so private ranges never match there (use
    /// `aws:VpcSourceIp` with `aws:SourceVpc`). Only private ranges is an error; a mix is info.
    pub struct CondPrivateIp {
        code: "IAM628",
        name: "cond-private-ip",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "private IP ranges in aws:SourceIp",
    }
}

impl Rule for CondPrivateIp {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            let negated = match op.operator.operator {
                Some(Operator::IpAddress) => false,
                Some(Operator::NotIpAddress) => true,
                _ => continue,
            };
            if !key.key.name.eq_ignore_ascii_case("aws:SourceIp") {
                continue;
            }
            let Some(values) = key.values.ok() else {
                continue;
            };
            let ranges: Vec<(Cidr, TextRange)> = values
                .items
                .iter()
                .filter_map(|v| Some((Cidr::parse(v.text()?)?, v.range)))
                .collect();
            let private: Vec<&(Cidr, TextRange)> =
                ranges.iter().filter(|(c, _)| c.is_private()).collect();
            let Some((_, first)) = private.first() else {
                continue;
            };
            let all = private.len() == ranges.len();
            let effect = match (negated, all) {
                (false, true) => "so this condition never matches",
                (true, true) => "so `NotIpAddress` matches every request",
                _ => "so these ranges have no effect",
            };
            let d = ctx.report(
                *first,
                format!("`aws:SourceIp` never carries a private address, {effect}"),
            );
            d.help("for requests through a VPC endpoint, test `aws:VpcSourceIp` together with `aws:SourceVpc` or `aws:SourceVpce`");
            if !all {
                d.severity(Severity::Info);
            }
            for (_, r) in private.iter().skip(1) {
                d.secondary(*r, "also private");
            }
        }
    }
}
