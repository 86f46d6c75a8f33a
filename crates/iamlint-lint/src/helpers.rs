//! Small tools shared by rules: anchors for messages, edits on the JSON tree, suggestions.

use iamlint_diagnostics::{Applicability, Edit, TextRange, TextSize, range};
use iamlint_model::Statement;
use iamlint_syntax::{Key, Member, Value, quote_json};

/// The first character of `r` (an object's `{`, say), or `r` itself if it is empty.
pub fn first_char(r: TextRange) -> TextRange {
    if r.is_empty() {
        r
    } else {
        TextRange::at(r.start(), TextSize::new(1))
    }
}

/// Where to point when a finding concerns a whole statement: its `Sid` value if it has one,
/// otherwise its opening brace.
pub fn statement_anchor(stmt: &Statement) -> TextRange {
    match &stmt.sid {
        Some(sid) => sid.range,
        None => first_char(stmt.range),
    }
}

/// Finds the object member whose key spans `key_range`, with its siblings and index. Only
/// values whose span contains the key are entered, so the cost is the depth of the key times
/// the width of each level, not the size of the document.
pub fn find_member(root: &Value, key_range: TextRange) -> Option<(&[Member], usize)> {
    let mut v = root;
    loop {
        if let Some(members) = v.as_object() {
            if let Some(i) = members.iter().position(|m| m.key.range == key_range) {
                return Some((members, i));
            }
            // members are in source order: binary search for the one whose value holds the key
            let i = members.partition_point(|m| m.value.range.end() <= key_range.start());
            v = &members
                .get(i)
                .filter(|m| m.value.range.contains_range(key_range))?
                .value;
        } else if let Some(items) = v.as_array() {
            let i = items.partition_point(|item| item.range.end() <= key_range.start());
            v = items
                .get(i)
                .filter(|item| item.range.contains_range(key_range))?;
        } else {
            return None;
        }
    }
}

/// An edit that removes the member keyed at `key_range`, with the comma that separates it.
pub fn delete_member(root: &Value, key_range: TextRange) -> Option<Edit> {
    let (members, i) = find_member(root, key_range)?;
    let this = members.get(i)?;
    let r = if let Some(next) = members.get(i + 1) {
        TextRange::new(this.key.range.start(), next.key.range.start())
    } else if let Some(prev) = i.checked_sub(1).and_then(|p| members.get(p)) {
        TextRange::new(prev.value.range.end(), this.value.range.end())
    } else {
        this.range()
    };
    Some(Edit::delete(r))
}

/// An edit that renames a key, keeping JSON quoting.
pub fn rename_key(key: &Key, to: &str) -> Edit {
    Edit::replace(key.range, quote_json(to))
}

/// Levenshtein distance over chars, ignoring ASCII case.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<char> = b.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        if let Some(c) = cur.first_mut() {
            *c = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(c) = cur.get_mut(j + 1) {
                *c = sub.min(del).min(ins);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

/// The edit distance when it is at most `max`. Lengths that differ by more than `max`
/// characters are ruled out without computing it (suggestions scan whole vocabularies).
pub fn edit_distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.chars().count().abs_diff(b.chars().count()) > max {
        return None;
    }
    Some(edit_distance(a, b)).filter(|d| *d <= max)
}

/// The candidate closest to `word` within `max` edits (ties: the first), if any.
pub fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .filter_map(|c| Some((edit_distance_within(word, c, max)?, c)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// IAM-style glob match, ignoring ASCII case: `*` matches any run, `?` one character.
pub fn glob_match_ignore_case(pattern: &str, text: &str) -> bool {
    // the literal head first: most patterns differ from the text within a few bytes
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let mut i = 0;
    loop {
        match (p.get(i), t.get(i)) {
            (None, None) => return true,
            (Some(b'*' | b'?'), _) => break,
            (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => i += 1,
            _ => return false,
        }
    }
    // `i` is where the pattern's first wildcard is, a character boundary of both strings
    match (pattern.get(i..), text.get(i..)) {
        (Some(p), Some(t)) => iamlint_catalog::glob_match(p, t, true),
        _ => false,
    }
}

/// Whether any of the statement's `Action` entries matches `action`.
pub fn statement_allows_action_name(stmt: &Statement, action: &str) -> bool {
    stmt.action
        .as_ref()
        .and_then(|e| e.value.ok())
        .is_some_and(|list| {
            list.strings()
                .any(|a| glob_match_ignore_case(&a.value, action))
        })
}

/// "a", "a and b", "a, b and c".
pub fn join_and(items: impl IntoIterator<Item = String>) -> String {
    join_with(items, "and")
}

/// "a, b or c".
pub fn join_or(items: impl IntoIterator<Item = String>) -> String {
    join_with(items, "or")
}

fn join_with(items: impl IntoIterator<Item = String>, word: &str) -> String {
    let items: Vec<String> = items.into_iter().collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {word} {last}", rest.join(", ")),
    }
}

/// `n` with thousands separators: 6144 → "6,144".
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The range just after `{` of an object, for inserting a first member.
pub fn after_open_brace(object: TextRange) -> TextRange {
    let at = object.start() + TextSize::new(1);
    TextRange::empty(at.min(object.end()))
}

/// Builds a range from byte offsets.
pub fn span(start: usize, end: usize) -> TextRange {
    range(start, end)
}

/// The elements a statement may have.
pub const STATEMENT_ELEMENTS: [&str; 9] = [
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

/// A statement object with no members at all (`{}`).
pub fn is_empty_statement(stmt: &Statement) -> bool {
    stmt.sid.is_none()
        && stmt.effect.is_none()
        && stmt.principal.is_none()
        && stmt.not_principal.is_none()
        && stmt.action.is_none()
        && stmt.not_action.is_none()
        && stmt.resource.is_none()
        && stmt.not_resource.is_none()
        && stmt.condition.is_none()
        && stmt.unknown.is_empty()
}

/// The element an unknown key was probably meant to be, unless that element is already
/// present. A case-only difference is a safe rename; a typo is an unsafe one (the element
/// then starts to take effect).
pub fn suggest_element<'a>(
    key: &str,
    elements: &[&'a str],
    present: impl Fn(&str) -> bool,
) -> Option<(&'a str, Applicability)> {
    if let Some(e) = elements.iter().find(|e| e.eq_ignore_ascii_case(key)) {
        return (!present(e)).then_some((*e, Applicability::Safe));
    }
    let e = closest(key, elements.iter().copied(), 2)?;
    (!present(e)).then_some((e, Applicability::Unsafe))
}

/// An unknown key of the statement that is probably a misspelling of one of `elements`, with
/// the element it is closest to, for "missing element" rules to point at.
pub fn misspelling_of<'a, 'e>(
    stmt: &'a Statement,
    elements: &[&'e str],
) -> Option<(&'a Key, &'e str)> {
    stmt.unknown
        .iter()
        .find_map(|k| closest(&k.name, elements.iter().copied(), 2).map(|e| (k, e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob() {
        assert!(glob_match_ignore_case(
            "sts:AssumeRole*",
            "sts:assumerolewithsaml"
        ));
        assert!(glob_match_ignore_case("*", "anything"));
        assert!(glob_match_ignore_case("s3:Get?bject", "s3:GetObject"));
        assert!(!glob_match_ignore_case("s3:Get", "s3:GetObject"));
        assert!(glob_match_ignore_case("a*b*c", "axxbyyc"));
        assert!(!glob_match_ignore_case("a*b*c", "axxbyy"));
        assert!(glob_match_ignore_case("", ""));
        assert!(!glob_match_ignore_case("", "a"));
        // the literal head, then the wildcards; `?` is one character, however many bytes
        assert!(!glob_match_ignore_case("s3:Get*", "s3:Ge"));
        assert!(!glob_match_ignore_case("IAM:PassRole", "iam:PassRolex"));
        assert!(glob_match_ignore_case("IAM:PassRole", "iam:passrole"));
        assert!(glob_match_ignore_case("é?x*", "éüxyz"));
        assert!(!glob_match_ignore_case("é??x", "éüx"));
        assert!(glob_match_ignore_case("?*", "ü"));
    }

    #[test]
    fn distances_and_suggestions() {
        assert_eq!(edit_distance("Statment", "Statement"), 1);
        assert_eq!(edit_distance("effect", "Effect"), 0);
        assert_eq!(
            closest("Condtion", ["Action", "Condition"], 2),
            Some("Condition")
        );
        assert_eq!(closest("Xyzzy", ["Action"], 2), None);
    }

    #[test]
    fn member_deletion_keeps_valid_json() {
        for (text, key, want) in [
            (r#"{"a":1,"b":2,"c":3}"#, "\"b\"", r#"{"a":1,"c":3}"#),
            (r#"{"a":1,"b":2}"#, "\"b\"", r#"{"a":1}"#),
            (r#"{"a":1,"b":2}"#, "\"a\"", r#"{"b":2}"#),
            (r#"{"x":{"a":1}}"#, "\"a\"", r#"{"x":{}}"#),
        ] {
            let parsed = iamlint_syntax::parse(text);
            let root = parsed.root.unwrap();
            let start = text.find(key).unwrap();
            let key_range = span(start, start + key.len());
            let edit = delete_member(&root, key_range).unwrap();
            let mut out = text.to_owned();
            out.replace_range(
                usize::from(edit.range.start())..usize::from(edit.range.end()),
                "",
            );
            assert_eq!(out, want);
        }
    }

    #[test]
    fn thousands_separator() {
        assert_eq!(thousands(6144), "6,144");
        assert_eq!(thousands(10240), "10,240");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
