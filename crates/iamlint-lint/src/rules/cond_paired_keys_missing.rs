use super::prelude::*;

declare_rule! {
    /// A key that is safe only together with a partner: `aws:VpcSourceIp` matches private
    /// addresses in any VPC, including other accounts' VPCs, unless the statement also pins
    /// the VPC (`aws:SourceVpc`, `aws:SourceVpcArn`) or the endpoint (`aws:SourceVpce`).
    pub struct CondPairedKeysMissing {
        code: "IAM636",
        name: "cond-paired-keys-missing",
        category: Security,
        severity: Security,
        fix: None,
        summary: "aws:VpcSourceIp without aws:SourceVpc or aws:SourceVpce",
    }
}

/// (key, partners). Source: IAM User Guide, `aws:VpcSourceIp` ("use it with aws:SourceVpc or
/// aws:SourceVpce"); IAM Access Analyzer check `MISSING_PAIRED_CONDITION_KEYS`.
const PAIRS: &[(&str, &[&str])] = &[(
    "aws:VpcSourceIp",
    &["aws:SourceVpc", "aws:SourceVpcArn", "aws:SourceVpce"],
)];

impl Rule for CondPairedKeysMissing {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        let keys: Vec<&str> = cond.pairs().map(|(_, k)| k.key.name.as_ref()).collect();
        for (_, key) in cond.pairs() {
            let Some((k, partners)) = PAIRS
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(&key.key.name))
            else {
                continue;
            };
            if keys
                .iter()
                .any(|have| partners.iter().any(|p| p.eq_ignore_ascii_case(have)))
            {
                continue;
            }
            ctx.report(
                key.key.range,
                format!("`{k}` alone matches addresses in any VPC"),
            )
            .help(format!(
                "private ranges repeat across VPCs and accounts; also require {}",
                join_or(partners.iter().map(|p| format!("`{p}`")))
            ));
        }
    }
}
