use super::prelude::*;
use crate::actions::Resolution;

declare_rule! {
    /// An action whose service prefix is not in the AWS service authorization reference.
    pub struct ActionUnknownService {
        code: "IAM302",
        name: "action-unknown-service",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "an action whose service prefix does not exist",
    }
}

impl Rule for ActionUnknownService {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let catalog = ctx.catalog();
        let resolved = ctx.resolutions(stmt);
        for (s, resolution) in stmt.action_strings().zip(resolved.iter()) {
            if !matches!(**resolution, Resolution::UnknownService)
                || ctx.options().is_known_action(&s.value)
            {
                continue;
            }
            let Some((service, rest)) = iamlint_catalog::split_at_colon(&s.value) else {
                continue;
            };
            let at = s.sub_range(ctx.source(), 0, service.len());
            // suggest a prefix under which the rest of the action exists
            let lower = service.to_ascii_lowercase();
            let suggestion = catalog
                .services
                .iter()
                .filter_map(|sv| Some((edit_distance_within(&lower, sv.prefix, 2)?, sv)))
                .filter(|(_, sv)| !catalog.expand(&format!("{}:{rest}", sv.prefix)).is_empty())
                .min_by_key(|(d, _)| *d)
                .map(|(_, sv)| sv);
            let d = ctx.report(at, format!("`{service}` is not an AWS service prefix"));
            match suggestion {
                Some(sv) => {
                    let fixed = format!("{}:{rest}", sv.prefix);
                    d.help(format!("did you mean `{}` ({})?", sv.prefix, sv.name))
                        .fix(Fix::safe(
                            format!("replace with `{fixed}`"),
                            vec![Edit::replace(s.range, quote_json(&fixed))],
                        ));
                }
                None => {
                    d.help(format!(
                        "the catalog ({}) knows {} services; if this one is newer, declare it with `--known-action {}`",
                        catalog.date,
                        catalog.services.len(),
                        s.value
                    ));
                }
            }
        }
    }
}
