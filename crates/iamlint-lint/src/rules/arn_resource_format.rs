use super::prelude::*;
use crate::arns::{candidates, is_open, known_arn_service, resource_sites};

declare_rule! {
    /// An ARN whose resource part fits none of its service's resource types, such as
    /// `arn:aws:iam::123456789012:roles/admin` (the type is `role`). Resource-type words are
    /// compared ignoring case. For services whose ARNs are API paths (API Gateway, Grafana),
    /// paths such as `/v2/apis` are accepted: AWS authorizes collection paths the reference
    /// does not list.
    pub struct ArnResourceFormat {
        code: "IAM412",
        name: "arn-resource-format",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "an ARN resource part that fits no resource type of its service",
    }
}

/// Resource shapes that AWS documents and authorizes but the service authorization reference
/// does not list: CloudFormation macros such as `AWS::Serverless-2016-10-31` are authorized as
/// `arn:aws:cloudformation:REGION:aws:transform/NAME` (AWS SAM's deployment policies).
const DOCUMENTED_ELSEWHERE: &[(&str, &str)] = &[("cloudformation", "transform/")];

impl Rule for ArnResourceFormat {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let catalog = ctx.catalog();
        for s in resource_sites(stmt) {
            let Ok((parts, off)) = iamlint_catalog::split_arn(&s.value) else {
                continue;
            };
            if is_open(parts.service) || !known_arn_service(catalog, parts.service) {
                continue;
            }
            let service = parts.service.to_ascii_lowercase();
            if DOCUMENTED_ELSEWHERE
                .iter()
                .any(|(svc, prefix)| service == *svc && parts.resource.starts_with(prefix))
            {
                continue;
            }
            if !catalog.is_arn_service(&service) || !candidates(catalog, &parts).is_empty() {
                continue;
            }
            // services whose ARNs are API paths (`/apis/…`) also authorize collection paths
            // (`/v2/apis`, `/tags`) that the reference does not enumerate
            let api_paths = catalog.resource_types_for_arn_service(&service).any(|rt| {
                rt.arn_text
                    .split(':')
                    .nth(5)
                    .is_some_and(|r| r.starts_with('/'))
            });
            if api_paths && parts.resource.starts_with('/') {
                continue;
            }
            // suggest the type whose literal prefix is closest
            let mut forms: Vec<(usize, &'static str, &'static str)> = catalog
                .resource_types_for_arn_service(&service)
                .flat_map(|rt| {
                    rt.arns()
                        .iter()
                        .filter(|t| t.service == service)
                        .map(move |t| (rt.name, t.text))
                })
                .map(|(name, text)| {
                    let resource = text.splitn(6, ':').nth(5).unwrap_or("");
                    let literal: String = resource.chars().take_while(|c| *c != '$').collect();
                    let probe: String = parts.resource.chars().take(literal.len()).collect();
                    (edit_distance(&probe, &literal), name, text)
                })
                .collect();
            forms.sort_by_key(|(d, _, t)| (*d, *t));
            forms.dedup_by(|a, b| a.2 == b.2);
            let at = s.sub_range(ctx.source(), off.resource, s.value.len());
            let d = ctx.report(
                at,
                format!("`{}` is not a resource of `{service}`", parts.resource),
            );
            let shown: Vec<String> = forms
                .iter()
                .take(3)
                .map(|(_, n, t)| format!("{n} `{t}`"))
                .collect();
            d.help(format!(
                "`{service}` resources look like {}",
                join_and(shown)
            ));
        }
    }
}
