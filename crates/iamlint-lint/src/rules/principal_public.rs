use super::prelude::*;
use crate::conditions::restricting_keys;
use crate::proved::BUDGET_MS;

declare_rule! {
    /// An `Allow` in a resource policy to `"*"` (or `{"AWS": "*"}`) with no condition that
    /// pins the caller's organization, account, network or source: anyone, anonymous users
    /// included, gets the statement's actions. A condition on `aws:PrincipalOrgID`,
    /// `aws:PrincipalOrgPaths`, `aws:PrincipalAccount`, `aws:PrincipalArn`,
    /// `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceOrgID`, `aws:SourceVpce`,
    /// `aws:SourceVpc` or `aws:SourceIp` (under a positive operator, without `IfExists`)
    /// restricts it, and so do `"Bool": {"aws:PrincipalIsAWSService": "true"}` and the
    /// service keys `kms:CallerAccount`, `s3:DataAccessPointAccount` and
    /// `s3:DataAccessPointArn` (access only through an account's access points); the
    /// statement is then not reported. VPC endpoint policies (`--resource-type vpce`) grant
    /// nothing and are not checked.
    pub struct PrincipalPublic {
        code: "IAM511",
        name: "principal-public",
        category: Security,
        severity: Security,
        fix: None,
        summary: "a resource policy that grants access to everyone",
    }
}

impl Rule for PrincipalPublic {
    fn check_statement(&self, ctx: &mut Ctx<'_>, policy: &Policy, stmt: &Statement) {
        // trust policies have `trust-wildcard-principal`; RCPs must say `"*"`
        if ctx.policy_type() != PolicyType::Resource || !stmt.is_allow() {
            return;
        }
        let Some(p) = stmt.principal.as_ref().and_then(|e| e.value.ok()) else {
            return;
        };
        let Some(at) = p.wildcard_range() else { return };
        // keys on the caller or its network; `aws:Resource…` keys describe the resource, which
        // in a resource policy is the holding one, so they do not narrow who calls
        let pins_caller = restricting_keys(stmt)
            .iter()
            .any(|k| !k.starts_with("aws:Resource"));
        if pins_caller
            || only_services(stmt)
            || pins_by_service_key(stmt)
            || crate::arns::is_endpoint_policy(ctx.options())
        {
            return;
        }
        // the prover reads the whole policy: a `Deny` perimeter, or conditions the names above
        // miss, may keep every public request out; when it proves so, there is no finding
        let mut example = None;
        if !ctx.options().no_smt
            && let Some(i) = policy.statements().position(|s| std::ptr::eq(s, stmt))
        {
            match iamlint_prove::public_through(policy, i, BUDGET_MS) {
                Ok(iamlint_prove::Verdict::Holds) => return,
                Ok(iamlint_prove::Verdict::Fails(r)) => example = Some(r),
                _ => {}
            }
        }
        let mut help = "name the principals, or restrict `*` with a condition such as `aws:PrincipalOrgID`, `aws:SourceVpce` or `aws:SourceAccount`".to_owned();
        if let Some(r) = example {
            help.push_str(&format!(
                "; the prover found a request it allows: {}",
                describe(&r)
            ));
        }
        ctx.report(
            at,
            format!(
                "{} grants its actions to everyone, anonymous users included",
                stmt.label()
            ),
        )
        .help(help);
    }
}

/// `"Bool": {"aws:PrincipalIsAWSService": "true"}` (without `IfExists`): only AWS services
/// acting as themselves match.
fn only_services(stmt: &Statement) -> bool {
    let Some(cond) = stmt.condition() else {
        return false;
    };
    cond.pairs().any(|(op, key)| {
        op.operator.operator == Some(iamlint_model::operators::Operator::Bool)
            && !op.operator.if_exists
            && op.operator.qualifier.is_none()
            && key
                .key
                .name
                .eq_ignore_ascii_case("aws:PrincipalIsAWSService")
            && key.values.ok().is_some_and(|v| {
                !v.items.is_empty()
                    && v.items
                        .iter()
                        .all(|i| i.text().is_some_and(|t| t.eq_ignore_ascii_case("true")))
            })
    })
}

/// Service keys that pin the caller: `kms:CallerAccount`, and S3's delegation to access points
/// (`s3:DataAccessPointAccount`, `s3:DataAccessPointArn`), under a positive operator without
/// `IfExists`.
fn pins_by_service_key(stmt: &Statement) -> bool {
    const KEYS: [&str; 3] = [
        "kms:CallerAccount",
        "s3:DataAccessPointAccount",
        "s3:DataAccessPointArn",
    ];
    let Some(cond) = stmt.condition() else {
        return false;
    };
    cond.pairs().any(|(op, key)| {
        op.operator.operator.is_some_and(|o| !o.is_negated())
            && !op.operator.if_exists
            && KEYS.iter().any(|k| k.eq_ignore_ascii_case(&key.key.name))
    })
}

/// A request in a sentence: who, which action, on what, with which context values.
fn describe(r: &iamlint_eval::Request) -> String {
    use iamlint_eval::Principal as P;
    let who = match &r.principal {
        P::Anonymous => "an anonymous caller".to_owned(),
        P::Aws { arn } => format!("`{arn}`"),
        P::Service(s) | P::Federated(s) | P::CanonicalUser(s) => format!("`{s}`"),
    };
    let mut out = format!("{who} calls `{}` on `{}`", r.action, r.resource);
    let context: Vec<String> = r
        .context
        .iter()
        .map(|(k, vs)| format!("`{k}` = `{}`", vs.join("`, `")))
        .collect();
    if !context.is_empty() {
        out.push_str(&format!(" with {}", context.join(", ")));
    }
    out
}
