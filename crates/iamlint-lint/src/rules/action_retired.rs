use super::prelude::*;
use crate::actions::Resolution;

declare_rule! {
    /// An action, or a whole service, that AWS has removed: it once existed, so it is not a
    /// typo, but it authorizes nothing any more.
    pub struct ActionRetired {
        code: "IAM304",
        name: "action-retired",
        category: Suspicious,
        severity: Warning,
        fix: None,
        summary: "an action or service that AWS has retired",
    }
}

impl Rule for ActionRetired {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let resolved = ctx.resolutions(stmt);
        for (s, resolution) in stmt.action_strings().zip(resolved.iter()) {
            if ctx.options().is_known_action(&s.value) {
                continue;
            }
            match &**resolution {
                Resolution::RetiredAction(r) => {
                    ctx.report(s.range, format!("`{}` was removed from AWS (last listed {})", r.name, r.last_seen))
                        .help("the action no longer exists, so it grants and denies nothing; remove it or use its replacement");
                }
                Resolution::RetiredService => {
                    let service = iamlint_catalog::split_at_colon(&s.value).map_or("", |(p, _)| p);
                    let at = s.sub_range(ctx.source(), 0, service.len());
                    ctx.report(at, format!("`{service}` is a retired AWS service"))
                        .help("its actions no longer exist, so this entry grants and denies nothing; remove it");
                }
                _ => {}
            }
        }
    }
}
