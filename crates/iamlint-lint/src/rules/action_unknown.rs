use super::prelude::*;
use crate::actions::Resolution;

declare_rule! {
    /// An action that its service does not define: usually a typo, sometimes an API
    /// operation name that is not an IAM action.
    pub struct ActionUnknown {
        code: "IAM303",
        name: "action-unknown",
        category: Correctness,
        severity: Error,
        fix: Sometimes,
        summary: "an action the service does not define (with a suggestion)",
    }
}

impl Rule for ActionUnknown {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let catalog = ctx.catalog();
        let resolved = ctx.resolutions(stmt);
        for (s, resolution) in stmt.action_strings().zip(resolved.iter()) {
            if !matches!(**resolution, Resolution::UnknownAction)
                || ctx.options().is_known_action(&s.value)
            {
                continue;
            }
            let Some((service, name)) = iamlint_catalog::split_at_colon(&s.value) else {
                continue;
            };
            let Some(sv) = catalog.service(service) else {
                continue;
            };
            let at = s.sub_range(ctx.source(), service.len() + 1, s.value.len());
            let limit = (name.len() / 4).clamp(1, 3);
            let suggestion = catalog
                .actions_of(sv)
                .iter()
                .filter_map(|a| Some((edit_distance_within(name, a.name, limit)?, a)))
                .min_by_key(|(d, _)| *d)
                .map(|(_, a)| a);
            let d = ctx.report(
                at,
                format!("`{name}` is not an action of `{}` ({})", sv.prefix, sv.name),
            );
            match suggestion {
                Some(a) => {
                    let fixed = catalog.full_name(a);
                    d.help(format!("did you mean `{fixed}`?")).fix(Fix::safe(
                        format!("replace with `{fixed}`"),
                        vec![Edit::replace(s.range, quote_json(&fixed))],
                    ));
                }
                None => {
                    d.help(format!(
                        "`{}` has {} actions in the catalog ({}); if this one is newer, declare it with `--known-action {}`",
                        sv.prefix,
                        catalog.actions_of(sv).len(),
                        catalog.date,
                        s.value
                    ));
                }
            }
        }
    }
}
