//! What a condition key is: known to the catalog (with its type), declared by the user, an
//! identity provider's claim, or unknown.

use iamlint_catalog::{Action, Catalog, KeyType, Service};

use crate::Options;

/// The classification of a condition key name.
#[derive(Debug, Clone, Copy)]
pub enum KeyClass {
    /// In the catalog.
    Known {
        ty: KeyType,
        multivalued: bool,
        global: bool,
    },
    /// Declared with `--known-condition-key`.
    UserKnown,
    /// A claim of an OIDC provider the catalog does not list (`oidc.eks.…/id/…:sub`): a
    /// single string.
    Provider,
    /// `aws:` but not a global key.
    UnknownGlobal,
    /// The prefix is a service, which does not define the key.
    UnknownService(&'static Service),
    /// The prefix is neither `aws`, a service nor an identity provider.
    UnknownPrefix,
    /// Not of the form `prefix:name`.
    Malformed,
}

impl KeyClass {
    /// The type and multivaluedness, when known (provider claims are single strings).
    pub fn ty(&self) -> Option<(KeyType, bool)> {
        match self {
            KeyClass::Known {
                ty, multivalued, ..
            } => Some((*ty, *multivalued)),
            KeyClass::Provider => Some((KeyType::String, false)),
            _ => None,
        }
    }
}

/// Keys the catalog types as single strings although AWS documents them as multivalued
/// (the Cognito `amr` claim is a list: AWS's examples use `ForAnyValue:StringLike`).
const MULTIVALUED: &[&str] = &["cognito-identity.amazonaws.com:amr"];

/// Whether `key` has the shape `prefix:name`.
pub fn well_formed(key: &str) -> bool {
    match iamlint_catalog::split_at_colon(key) {
        Some((prefix, name)) => {
            !prefix.is_empty() && !name.is_empty() && !key.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// `aws:ResourceTag/` and friends without the tag name (`cond-tag-key-missing` reports them).
fn bare_tag_key(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    let name = iamlint_catalog::split_at_colon(&lower).map_or("", |(_, n)| n);
    ["requesttag", "resourcetag", "principaltag"]
        .iter()
        .any(|t| {
            name.strip_prefix(t)
                .is_some_and(|r| r.is_empty() || r == "/")
        })
}

pub fn classify(catalog: &'static Catalog, options: &Options, key: &str) -> KeyClass {
    let class = CLASSES.get_or_compute(key, || {
        if !well_formed(key) || bare_tag_key(key) {
            KeyClass::Malformed
        } else {
            classify_in_catalog(catalog, key)
        }
    });
    // the user's declarations come before the catalog, not before the key's shape
    if !matches!(class, KeyClass::Malformed) && options.is_known_condition_key(key) {
        return KeyClass::UserKnown;
    }
    class
}

/// Classifications by key name, without the user's declarations: keys repeat across
/// statements and files.
static CLASSES: crate::memo::SharedMemo<KeyClass> = crate::memo::SharedMemo::new();

/// The catalog's part of [`classify`] (after the user's declared keys).
fn classify_in_catalog(catalog: &'static Catalog, key: &str) -> KeyClass {
    if let Some(k) = catalog.global_key(key) {
        return KeyClass::Known {
            ty: k.ty,
            multivalued: k.multivalued,
            global: true,
        };
    }
    let prefix = iamlint_catalog::split_at_colon(key).map_or("", |(p, _)| p);
    if prefix.eq_ignore_ascii_case("aws") {
        return KeyClass::UnknownGlobal;
    }
    let found = catalog
        .service_key(key)
        .or_else(|| catalog.federation_key(key));
    if let Some(k) = found {
        let multivalued = k.multivalued || MULTIVALUED.iter().any(|m| m.eq_ignore_ascii_case(key));
        return KeyClass::Known {
            ty: k.ty,
            multivalued,
            global: false,
        };
    }
    // an identity provider's claim: `host[/path]:claim`
    let provider_prefix = key.rsplit_once(':').map_or("", |(p, _)| p);
    if catalog.is_federation_prefix(provider_prefix) || provider_prefix.contains(['.', '/']) {
        return KeyClass::Provider;
    }
    match catalog.service(prefix) {
        Some(s) => KeyClass::UnknownService(s),
        None => KeyClass::UnknownPrefix,
    }
}

/// A service key that the reference marks deprecated, and the replacement its description
/// names ("The kms:CustomerMasterKeySpec condition key is deprecated. Instead, use the
/// kms:KeySpec condition key").
pub fn deprecated_key(catalog: &'static Catalog, key: &str) -> Option<Deprecated> {
    DEPRECATED.get_or_compute(key, || deprecated_uncached(catalog, key))
}

/// A deprecated key's catalog entry and the key its description names instead.
pub type Deprecated = (&'static iamlint_catalog::KeyInfo, &'static str);

/// [`deprecated_key`] by key name.
static DEPRECATED: crate::memo::SharedMemo<Option<Deprecated>> = crate::memo::SharedMemo::new();

fn deprecated_uncached(catalog: &'static Catalog, key: &str) -> Option<Deprecated> {
    let info = catalog.service_key(key)?;
    if !info.description.contains("is deprecated") {
        return None;
    }
    let after = info.description.split("use the ").nth(1)?;
    let new = after
        .split_whitespace()
        .next()
        .filter(|k| k.contains(':'))?;
    Some((info, new))
}

/// [`Catalog::action_supports_key`], memoised by action and key: a statement's actions are
/// tested against each of its condition keys, and the same pairs come back across files (an
/// action with many resource types has hundreds of key templates to try).
pub fn action_supports_key(catalog: &'static Catalog, action: &Action, key: &str) -> bool {
    SUPPORTS.get_or_compute_numbered(action.index, key, || {
        catalog.action_supports_key(action, key)
    })
}

/// [`action_supports_key`] by action index and key.
static SUPPORTS: crate::memo::SharedMemo<bool> = crate::memo::SharedMemo::new();
