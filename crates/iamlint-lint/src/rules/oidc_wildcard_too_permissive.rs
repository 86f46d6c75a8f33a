use super::prelude::*;
use crate::principals::{Federated, classify_federated, principal_sites};

declare_rule! {
    /// In a trust of an OIDC provider, a `sub` or `aud` pattern with almost nothing fixed:
    /// `*`, or fewer than three literal characters before the first wildcard. Such a
    /// condition matches the tokens of nearly every user or client of the provider. (GitHub's
    /// `sub` is judged by `github-oidc-subject`.)
    pub struct OidcWildcardTooPermissive {
        code: "IAM519",
        name: "oidc-wildcard-too-permissive",
        category: Security,
        severity: Security,
        fix: None,
        summary: "an OIDC sub or aud pattern that fixes almost nothing",
    }
}

impl Rule for OidcWildcardTooPermissive {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Trust || !stmt.is_allow() {
            return;
        }
        let oidc = principal_sites(stmt).iter().any(|s| {
            !s.not
                && s.kind == Some(iamlint_model::PrincipalKind::Federated)
                && classify_federated(&s.value.value) == Federated::Oidc
        });
        let Some(cond) = stmt.condition().filter(|_| oidc) else {
            return;
        };
        for (op, key) in cond.pairs() {
            let claim = key.key.name.rsplit_once(':').map_or("", |(_, c)| c);
            if !(claim.eq_ignore_ascii_case("sub") || claim.eq_ignore_ascii_case("aud"))
                || !op
                    .operator
                    .operator
                    .is_some_and(|o| o.is_like() && !o.is_negated())
            {
                continue;
            }
            // GitHub's subjects are `github-oidc-subject`'s
            if key
                .key
                .name
                .eq_ignore_ascii_case("token.actions.githubusercontent.com:sub")
            {
                continue;
            }
            for v in key.values.ok().into_iter().flat_map(|v| v.items.iter()) {
                let Some(text) = v.text() else { continue };
                let fixed = text.split(['*', '?']).next().unwrap_or("");
                if !text.contains(['*', '?']) || fixed.chars().count() >= 3 {
                    continue;
                }
                ctx.report(v.range, format!("`{text}` in {} fixes almost nothing of `{}`", stmt.label(), key.key.name))
                    .help("name the subject or audience exactly, or at least a distinctive prefix such as `repo:OWNER/REPO:*`");
            }
        }
    }
}
