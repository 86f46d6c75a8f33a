use super::prelude::*;
use crate::actions::Resolution;

declare_rule! {
    /// A wildcard action that matches no action, such as `s3:Gett*`.
    pub struct ActionWildcardNoMatch {
        code: "IAM305",
        name: "action-wildcard-no-match",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a wildcard action that matches nothing",
    }
}

impl Rule for ActionWildcardNoMatch {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let catalog = ctx.catalog();
        let resolved = ctx.resolutions(stmt);
        for (s, resolution) in stmt.action_strings().zip(resolved.iter()) {
            let Resolution::Pattern(matched) = &**resolution else {
                continue;
            };
            if !matched.is_empty() || ctx.options().is_known_action(&s.value) {
                continue;
            }
            // show the longest literal prefix that still matches something
            let (service, name) = iamlint_catalog::split_at_colon(&s.value).unwrap_or(("", ""));
            let literal: String = name
                .chars()
                .take_while(|c| !matches!(c, '*' | '?'))
                .collect();
            let mut hint = None;
            for cut in (0..literal.len()).rev() {
                let probe = format!("{service}:{}*", literal.get(..cut).unwrap_or(""));
                let found = catalog.expand(&probe);
                if let Some(first) = found.first() {
                    hint = Some((probe, catalog.full_name(first), found.len()));
                    break;
                }
            }
            let d = ctx.report(s.range, format!("`{}` matches no action", s.value));
            d.help(match hint {
                Some((probe, example, n)) => format!("the longest prefix that matches is `{probe}` ({n} actions, such as `{example}`)"),
                None => "no action of this service starts like this".to_owned(),
            });
        }
    }
}
