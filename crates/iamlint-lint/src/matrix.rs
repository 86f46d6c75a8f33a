//! The operator-type matrix: which condition operator families fit which key types. Written
//! once, as data, for every rule that needs it.

use iamlint_catalog::KeyType;
use iamlint_model::operators::Family;

/// How an operator family fits a key type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// The documented pairing.
    Exact,
    /// Works, but a better operator exists (String operators on ARN keys compare the ARN as
    /// plain text, with case sensitivity and wildcards behaving differently per field).
    Usable,
    /// Compares values of the wrong type; the condition does not do what it seems to.
    Mismatch,
}

/// (key type, operator family, fit). `Null` fits every key and is not listed.
pub const MATRIX: &[(KeyType, Family, Fit)] = &[
    (KeyType::String, Family::String, Fit::Exact),
    (KeyType::Arn, Family::Arn, Fit::Exact),
    (KeyType::Arn, Family::String, Fit::Usable),
    // string keys whose values are ARNs (`kms:EncryptionContext:aws:s3:arn`): AWS's own
    // policies compare them with ARN operators, which works
    (KeyType::String, Family::Arn, Fit::Usable),
    (KeyType::Numeric, Family::Numeric, Fit::Exact),
    (KeyType::Date, Family::Date, Fit::Exact),
    (KeyType::Bool, Family::Bool, Fit::Exact),
    (KeyType::Ip, Family::Ip, Fit::Exact),
    (KeyType::Binary, Family::Binary, Fit::Exact),
];

/// How `family` fits a key of type `ty`; anything not in [`MATRIX`] is a mismatch.
pub fn fit(ty: KeyType, family: Family) -> Fit {
    if family == Family::Null {
        return Fit::Exact;
    }
    MATRIX
        .iter()
        .find(|(t, f, _)| *t == ty && *f == family)
        .map_or(Fit::Mismatch, |(_, _, fit)| *fit)
}

/// The operator family documented for a key type.
pub fn family_for(ty: KeyType) -> Family {
    match ty {
        KeyType::String => Family::String,
        KeyType::Arn => Family::Arn,
        KeyType::Numeric => Family::Numeric,
        KeyType::Date => Family::Date,
        KeyType::Bool => Family::Bool,
        KeyType::Ip => Family::Ip,
        KeyType::Binary => Family::Binary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_matrix() {
        assert_eq!(fit(KeyType::String, Family::Numeric), Fit::Mismatch);
        assert_eq!(fit(KeyType::Arn, Family::String), Fit::Usable);
        assert_eq!(fit(KeyType::Bool, Family::String), Fit::Mismatch);
        assert_eq!(fit(KeyType::Ip, Family::Null), Fit::Exact);
        for (t, f, _) in MATRIX {
            assert_ne!(fit(*t, *f), Fit::Mismatch);
        }
        for t in [
            KeyType::String,
            KeyType::Arn,
            KeyType::Numeric,
            KeyType::Date,
            KeyType::Bool,
            KeyType::Ip,
            KeyType::Binary,
        ] {
            assert_eq!(fit(t, family_for(t)), Fit::Exact);
        }
    }
}
