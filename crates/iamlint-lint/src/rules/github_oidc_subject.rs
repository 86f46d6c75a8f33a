use super::prelude::*;
use crate::principals::principal_sites;

declare_rule! {
    /// A trust of GitHub Actions (`token.actions.githubusercontent.com`) that does not pin the
    /// repository in `token.actions.githubusercontent.com:sub`. Without it any workflow on
    /// GitHub, in anyone's repository, can assume the role; a `sub` of `*` or `repo:*` is as
    /// open, and `repo:OWNER/*` trusts every repository of the owner (a warning).
    pub struct GithubOidcSubject {
        code: "IAM513",
        name: "github-oidc-subject",
        category: Security,
        severity: Security,
        fix: None,
        summary: "a GitHub Actions trust that does not pin the repository",
    }
}

const HOST: &str = "token.actions.githubusercontent.com";

/// How much of the repository a `sub` pattern pins.
enum Pins {
    Repository,
    Owner,
    Nothing,
}

fn pins(sub: &str) -> Pins {
    let Some(rest) = sub.strip_prefix("repo:") else {
        // other subject forms (environment-only, job_workflow_ref) do not name a repository
        return Pins::Nothing;
    };
    let (owner, after) = rest.split_once('/').unwrap_or((rest, ""));
    if owner.is_empty() || owner.contains(['*', '?']) {
        return Pins::Nothing;
    }
    let repo = after.split(':').next().unwrap_or("");
    if repo.is_empty() || repo.contains(['*', '?']) {
        Pins::Owner
    } else {
        Pins::Repository
    }
}

impl Rule for GithubOidcSubject {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        if ctx.policy_type() != PolicyType::Trust || !stmt.is_allow() {
            return;
        }
        let Some(site) = principal_sites(stmt).into_iter().find(|s| {
            !s.not
                && s.kind == Some(iamlint_model::PrincipalKind::Federated)
                && s.value.value.ends_with(&format!("oidc-provider/{HOST}"))
        }) else {
            return;
        };
        let sub_key = format!("{HOST}:sub");
        let subs: Vec<&iamlint_model::ConditionValue> = stmt
            .condition()
            .into_iter()
            .flat_map(|c| c.pairs())
            .filter(|(op, k)| {
                k.key.name.eq_ignore_ascii_case(&sub_key)
                    && op.operator.operator.is_some_and(|o| !o.is_negated())
                    && !op.operator.if_exists
            })
            .flat_map(|(_, k)| k.values.ok().into_iter().flat_map(|v| v.items.iter()))
            .collect();
        if subs.is_empty() {
            ctx.report(site.value.range, format!("{} trusts GitHub Actions without a condition on `{sub_key}`: any repository's workflows can assume the role", stmt.label()))
                .help(format!("add `\"StringLike\": {{\"{sub_key}\": \"repo:OWNER/REPO:ref:refs/heads/main\"}}`"));
            return;
        }
        for v in subs {
            let Some(text) = v.text() else { continue };
            match pins(text) {
                Pins::Repository => {}
                Pins::Owner => {
                    ctx.report(v.range, format!("`{text}` in {} lets every repository of the owner assume the role", stmt.label()))
                        .severity(Severity::Warning)
                        .help("name the repository, and preferably the branch or environment: `repo:OWNER/REPO:ref:refs/heads/main`");
                }
                Pins::Nothing => {
                    ctx.report(v.range, format!("`{text}` in {} does not pin a repository: workflows in other people's repositories can assume the role", stmt.label()))
                        .help("start the subject with the repository: `repo:OWNER/REPO:…`");
                }
            }
        }
    }
}
