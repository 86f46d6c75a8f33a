//! Reading `data/catalog.txt`. The format, one record per line, fields separated by tabs:
//!
//! ```text
//! V  1                                      format version
//! D  <date>  <source>                       data date and provenance
//! S  <prefix>  <name>  <rcp|->              a service; T, K and A lines below belong to it
//! T  <name>  <arn template>  <keys>         a resource type
//! K  <key>  <type>  <description>           a service condition key
//! A  <name>  <access>  <resources>  <keys>  <dependent actions>
//! G  <key>  <type>  <category>  <description>   a global condition key
//! X  <service:action>  <first seen>  <last seen>   a removed action
//! P  <service principal>
//! U  <condition key prefix>  <services>     an identity-provider key prefix
//! ```
//!
//! Lists are comma-separated. An action's resources are `name`, with `*` when required and
//! `=k1|k2` for the condition keys of that resource in that action. Lines starting with `#`
//! are comments. Action descriptions live in `data/descriptions.txt`, one line per action in
//! the same order, read only when one is asked for.

use std::sync::OnceLock;

use crate::{
    AccessLevels, Action, Catalog, KeyInfo, KeyType, RemovedAction, ResourceType, Service, layout,
};

/// The most fields a record has (the tag included).
const MAX_FIELDS: usize = 6;

/// Calls `f` with the fields of every line of `text`, whose separators (tabs and line breaks,
/// in order, tagged as in [`layout::LINE_END`]) are `separators`. A line with more than
/// [`MAX_FIELDS`] fields is passed with `overflow` set.
fn for_each_record(
    text: &'static str,
    separators: impl Iterator<Item = u32>,
    mut f: impl FnMut(&[&'static str], bool),
) {
    let mut fields: [&'static str; MAX_FIELDS] = [""; MAX_FIELDS];
    let mut n = 0;
    let mut overflow = false;
    let mut start = 0;
    let mut emit = |fields: &[&'static str; MAX_FIELDS], n: usize, overflow: bool| {
        if let Some(fs) = fields.get(..n) {
            f(fs, overflow);
        }
    };
    for tagged in separators {
        let at = (tagged & !layout::LINE_END) as usize;
        let field = text.get(start..at).unwrap_or("");
        match fields.get_mut(n) {
            Some(slot) => {
                *slot = field;
                n += 1;
            }
            None => overflow = true,
        }
        start = at + 1;
        if tagged & layout::LINE_END != 0 {
            emit(&fields, n, overflow);
            n = 0;
            overflow = false;
        }
    }
    if start < text.len() {
        if let Some(slot) = fields.get_mut(n) {
            *slot = text.get(start..).unwrap_or("");
            n += 1;
        } else {
            overflow = true;
        }
        emit(&fields, n, overflow);
    }
}

/// The separators of `text`, found in one SIMD pass (a text of 2 GiB or more has positions
/// past the tag bit: it is cut there, and the rest counts as one malformed line).
pub(crate) fn scan(text: &str) -> impl Iterator<Item = u32> + '_ {
    memchr::memchr2_iter(b'\t', b'\n', text.as_bytes()).map_while(|at| {
        let at = u32::try_from(at).ok().filter(|&a| a < layout::LINE_END)?;
        Some(if text.as_bytes().get(at as usize) == Some(&b'\n') {
            at | layout::LINE_END
        } else {
            at
        })
    })
}

/// The separators the build script found in the embedded catalog text.
fn embedded_separators() -> impl Iterator<Item = u32> {
    crate::embedded::SEPARATORS
        .0
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes(<[u8; 4]>::try_from(c).unwrap_or_default()))
}

impl Catalog {
    /// Parses the catalog text and the regions text. Never fails: a malformed line is counted
    /// in `malformed_lines` and skipped. Strings borrow from the (static) text.
    ///
    /// The embedded catalog text ([`crate::CATALOG_TEXT`]) is split where the build script
    /// found its separators, without scanning it.
    pub fn parse(text: &'static str, regions: &'static str) -> Catalog {
        if crate::embedded::describes(text) {
            let mut c = Self::parse_split(text, embedded_separators(), regions);
            c.embedded = true;
            c
        } else {
            Self::parse_split(text, scan(text), regions)
        }
    }

    pub(crate) fn parse_split(
        text: &'static str,
        separators: impl Iterator<Item = u32>,
        regions: &'static str,
    ) -> Catalog {
        let mut c = Catalog {
            actions: Vec::with_capacity(24_000),
            resource_types: Vec::with_capacity(2_500),
            service_keys: Vec::with_capacity(2_800),
            services: Vec::with_capacity(500),
            ..Catalog::default()
        };
        let mut malformed = 0;
        for_each_record(text, separators, |fields, overflow| {
            let first = fields.first().copied().unwrap_or("");
            if first.is_empty() && fields.len() == 1 || first.starts_with('#') {
                return;
            }
            if overflow || c.parse_record(fields).is_none() {
                malformed += 1;
            }
        });
        c.malformed_lines += malformed;
        c.removed
            .sort_by(|a, b| crate::cmp_ignore_case(a.name, b.name));
        c.service_principals.sort_unstable();
        for line in regions.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            match line.split_once(' ') {
                Some((p, r)) => c.regions.push((p, r.trim())),
                None => c.malformed_lines += 1,
            }
        }
        c
    }

    fn parse_record(&mut self, fields: &[&'static str]) -> Option<()> {
        let (tag, rest) = fields.split_first()?;
        match *tag {
            "V" => {
                let [_] = rest else { return None };
            }
            "D" => {
                let &[date, source] = rest else { return None };
                self.date = date;
                self.source = source;
            }
            "S" => {
                let &[prefix, name, flags] = rest else {
                    return None;
                };
                let n = (
                    self.actions.len(),
                    self.resource_types.len(),
                    self.service_keys.len(),
                );
                self.services.push(Service {
                    prefix,
                    name,
                    rcp: flags == "rcp",
                    actions: n.0..n.0,
                    resource_types: n.1..n.1,
                    keys: n.2..n.2,
                });
            }
            "T" => {
                let &[name, arn_text, keys] = rest else {
                    return None;
                };
                let service = self.services.len().checked_sub(1)?;
                if !arn_text.starts_with("arn:") {
                    return None;
                }
                self.resource_types.push(ResourceType {
                    name,
                    index: self.resource_types.len(),
                    service,
                    arn_text,
                    keys,
                    arns: OnceLock::new(),
                });
                let end = self.resource_types.len();
                self.services.last_mut()?.resource_types.end = end;
            }
            "K" => {
                let &[name, ty, description] = rest else {
                    return None;
                };
                let (ty, multivalued) = KeyType::parse(ty)?;
                self.service_keys.push(KeyInfo {
                    name,
                    ty,
                    multivalued,
                    category: "",
                    description,
                });
                let end = self.service_keys.len();
                self.services.last_mut()?.keys.end = end;
            }
            "A" => {
                let &[name, access, resources, keys, dependents] = rest else {
                    return None;
                };
                let service = self.services.len().checked_sub(1)?;
                let access = AccessLevels::parse(access)?;
                let index = self.actions.len();
                self.actions.push(Action {
                    name,
                    service,
                    access,
                    index,
                    resources,
                    keys,
                    dependents,
                    resolved: std::sync::OnceLock::new(),
                });
                let end = self.actions.len();
                self.services.last_mut()?.actions.end = end;
            }
            "G" => {
                let &[name, ty, category, description] = rest else {
                    return None;
                };
                let (ty, multivalued) = KeyType::parse(ty)?;
                self.global_keys.push(KeyInfo {
                    name,
                    ty,
                    multivalued,
                    category,
                    description,
                });
            }
            "X" => {
                let &[name, first_seen, last_seen] = rest else {
                    return None;
                };
                self.removed.push(RemovedAction {
                    name,
                    first_seen,
                    last_seen,
                });
            }
            "P" => {
                let &[principal] = rest else { return None };
                self.service_principals.push(principal);
            }
            "U" => {
                let &[prefix, services] = rest else {
                    return None;
                };
                self.federation_prefixes.push((prefix, services));
            }
            _ => return None,
        }
        Some(())
    }
}
