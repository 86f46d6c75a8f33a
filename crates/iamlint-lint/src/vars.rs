//! Where policy variables appear in a statement, for the variable rules.

use iamlint_model::variables::{self, Piece, VarError, VarErrorKind};
use iamlint_model::{ConditionOperator, Statement, Str};

/// A string in which AWS expands policy variables.
pub struct Site<'a> {
    pub s: &'a Str,
    /// `None` for `Resource`/`NotResource`, the operator for condition values.
    pub operator: Option<&'a ConditionOperator>,
}

/// Strings of `Resource`, `NotResource` and condition values (where variables are expanded).
pub fn expanding_sites(stmt: &Statement) -> Vec<Site<'_>> {
    let mut out: Vec<Site<'_>> = stmt
        .resource_strings()
        .map(|s| Site { s, operator: None })
        .collect();
    if let Some(cond) = stmt.condition() {
        for (op, key) in cond.pairs() {
            for v in key.values.ok().into_iter().flat_map(|v| v.items.iter()) {
                if let Some(s) = v.as_str() {
                    out.push(Site {
                        s,
                        operator: Some(op),
                    });
                }
            }
        }
    }
    out
}

/// Strings of elements where variables are never expanded, with the element's name.
pub fn other_sites(stmt: &Statement) -> Vec<(&Str, &'static str)> {
    let mut out: Vec<(&Str, &'static str)> = Vec::new();
    if let Some((_, e)) = stmt.actions() {
        let name = if stmt.action.is_some() {
            "Action"
        } else {
            "NotAction"
        };
        out.extend(
            e.value
                .ok()
                .into_iter()
                .flat_map(|l| l.strings())
                .map(|s| (s, name)),
        );
    }
    for (entry, name) in [
        (&stmt.principal, "Principal"),
        (&stmt.not_principal, "NotPrincipal"),
    ] {
        let Some(p) = entry.as_ref().and_then(|e| e.value.ok()) else {
            continue;
        };
        if let iamlint_model::Principal::String(s) = p {
            out.push((s, name));
        }
        for e in p.entries() {
            out.extend(
                e.values
                    .ok()
                    .into_iter()
                    .flat_map(|l| l.strings())
                    .map(|s| (s, name)),
            );
        }
    }
    out
}

/// The malformed variables of `kind` in the expanding sites of a statement. The sites are
/// parsed once per statement for all the variable rules.
pub fn syntax_errors<'s>(
    ctx: &crate::Ctx<'_>,
    stmt: &'s Statement,
    kind: VarErrorKind,
) -> Vec<(&'s Str, VarError)> {
    let all = ctx.var_errors(stmt);
    if !all.iter().any(|(_, e)| e.kind == kind) {
        return Vec::new();
    }
    let sites = expanding_sites(stmt);
    all.iter()
        .filter(|(_, e)| e.kind == kind)
        .filter_map(|(i, e)| Some((sites.get(*i)?.s, e.clone())))
        .collect()
}

/// Every malformed variable in the expanding sites of a statement, by site index.
pub(crate) fn all_syntax_errors(stmt: &Statement) -> Vec<(usize, VarError)> {
    let mut out = Vec::new();
    for (i, site) in expanding_sites(stmt).iter().enumerate() {
        if !variables::has_variables(&site.s.value) {
            continue;
        }
        for piece in variables::parse(&site.s.value) {
            if let Piece::Error(e) = piece {
                out.push((i, e));
            }
        }
    }
    out
}

/// The text of `range` in the value of `s`.
pub fn text_of<'a>(s: &'a Str, range: &std::ops::Range<usize>) -> &'a str {
    s.value.get(range.clone()).unwrap_or("")
}
