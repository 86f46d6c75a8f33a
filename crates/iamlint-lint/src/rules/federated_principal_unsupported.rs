use super::prelude::*;
use iamlint_model::PrincipalKind;

declare_rule! {
    /// A `Federated` principal in a resource policy. Federated identities act through the
    /// role they assume; only role trust policies can name them.
    pub struct FederatedPrincipalUnsupported {
        code: "IAM208",
        name: "federated-principal-unsupported",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a Federated principal in a resource policy",
    }
}

impl Rule for FederatedPrincipalUnsupported {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Resource {
            return;
        }
        for (_, e) in stmt.principals().into_iter() {
            let Some(p) = e.value.ok() else { continue };
            for entry in p
                .entries()
                .iter()
                .filter(|e| e.kind == Some(PrincipalKind::Federated))
            {
                ctx.report(entry.key.range, "a resource policy cannot name a `Federated` principal")
                    .help("federated users act through the role they assume; name that role (`{\"AWS\": \"arn:aws:iam::111122223333:role/NAME\"}`) instead");
            }
        }
    }
}
