use super::prelude::*;
use crate::conditions::RESTRICTING_KEYS;

declare_rule! {
    /// `IfExists` where it weakens or does nothing: in an `Allow`, on a key that restricts
    /// who or where (`aws:SourceIp`, `aws:PrincipalOrgID`, ...), it lets requests without
    /// the key through; on a key present in every request (`aws:SecureTransport`,
    /// `aws:CurrentTime`, ...) it has no effect (info).
    pub struct CondIfexistsMisuse {
        code: "IAM635",
        name: "cond-ifexists-misuse",
        category: Suspicious,
        severity: Warning,
        fix: None,
        summary: "IfExists that weakens an Allow or has no effect",
    }
}

/// Keys present in every request context. Source: IAM User Guide, "AWS global condition
/// context keys" ("This key is always included in the request context").
const ALWAYS_PRESENT: &[&str] = &["aws:CurrentTime", "aws:EpochTime", "aws:SecureTransport"];

/// Keys present in every signed request, but not in anonymous ones ("included in the request
/// context for all signed requests"). Policies that can see anonymous or service-principal
/// requests (resource policies, RCPs, trust policies) may meet requests without them, which
/// is why AWS's own data-perimeter RCPs write `BoolIfExists` on `aws:PrincipalIsAWSService`.
const SIGNED_PRESENT: &[&str] = &[
    "aws:PrincipalArn",
    "aws:PrincipalAccount",
    "aws:PrincipalType",
    "aws:userid",
    "aws:PrincipalIsAWSService",
];

impl Rule for CondIfexistsMisuse {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        for (op, key) in cond.pairs() {
            if !op.operator.if_exists || op.operator.operator.is_none() {
                continue;
            }
            let name = key.key.name.as_ref();
            let only_signed = matches!(
                ctx.policy_type(),
                PolicyType::Identity | PolicyType::Boundary | PolicyType::Session | PolicyType::Scp
            );
            let present = ALWAYS_PRESENT
                .iter()
                .chain(SIGNED_PRESENT.iter().filter(|_| only_signed))
                .find(|k| k.eq_ignore_ascii_case(name));
            if let Some(k) = present {
                ctx.report(
                    op.key.range,
                    format!("`{k}` is in every request, so `IfExists` has no effect"),
                )
                .severity(Severity::Info)
                .help("drop `IfExists` to say what the condition does");
                continue;
            }
            let restricting = RESTRICTING_KEYS
                .iter()
                .find(|k| k.eq_ignore_ascii_case(name));
            let negated = op.operator.operator.is_some_and(|o| o.is_negated());
            if let (Some(k), true, false) = (restricting, stmt.is_allow(), negated) {
                ctx.report(op.key.range, format!("`IfExists` lets requests without `{k}` through this `Allow`"))
                    .help(format!("requests from some principals or paths carry no `{k}`; without `IfExists` the condition requires it"));
            }
        }
    }
}
