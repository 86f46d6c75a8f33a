use super::prelude::*;
use crate::vars::expanding_sites;
use iamlint_model::variables;

declare_rule! {
    /// A policy variable in a policy whose `Version` is missing or `2008-10-17`: AWS then
    /// matches the text `${aws:username}` literally.
    pub struct VarLegacyVersion {
        code: "IAM707",
        name: "var-legacy-version",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a policy variable without Version 2012-10-17",
    }
}

impl Rule for VarLegacyVersion {
    fn check_statement(&self, ctx: &mut Ctx<'_>, policy: &Policy, stmt: &Statement) {
        if policy.expands_variables() {
            return;
        }
        let why = if policy.version.is_some() {
            "`Version` is not `2012-10-17`"
        } else {
            "the policy has no `Version`"
        };
        for site in expanding_sites(stmt) {
            if !variables::has_variables(&site.s.value) {
                continue;
            }
            for piece in variables::parse(&site.s.value) {
                let variables::Piece::Variable(v) = piece else {
                    continue;
                };
                let text = site.s.value.get(v.range.clone()).unwrap_or("");
                let d = ctx.report(
                    site.s.sub_range(ctx.source(), v.range.start, v.range.end),
                    format!("`{text}` is plain text because {why}"),
                );
                d.help("policy variables need `\"Version\": \"2012-10-17\"`");
                if let Some(e) = &policy.version {
                    d.secondary(e.range, "version set here");
                }
            }
        }
    }
}
