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

/// The malformed variables of `kind` in the expanding sites of a statement.
pub fn syntax_errors(stmt: &Statement, kind: VarErrorKind) -> Vec<(&Str, VarError)> {
    let mut out = Vec::new();
    for site in expanding_sites(stmt) {
        if !variables::has_variables(&site.s.value) {
            continue;
        }
        for piece in variables::parse(&site.s.value) {
            if let Piece::Error(e) = piece
                && e.kind == kind
            {
                out.push((site.s, e));
            }
        }
    }
    out
}

/// The text of `range` in the value of `s`.
pub fn text_of<'a>(s: &'a Str, range: &std::ops::Range<usize>) -> &'a str {
    s.value.get(range.clone()).unwrap_or("")
}
