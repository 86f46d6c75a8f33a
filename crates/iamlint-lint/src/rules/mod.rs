//! The rule registry: one module and one line per rule, sorted by code.

mod prelude {
    pub use crate::context::{Ctx, TypeSource};
    pub use crate::declare_rule;
    pub use crate::helpers::*;
    pub use crate::rule::Rule;
    pub use iamlint_diagnostics::{Applicability, Edit, Fix, Severity, TextRange, slice};
    pub use iamlint_model::{Entry, Policy, PolicyType, Statement, WrongType};
    pub use iamlint_syntax::{IssueKind, JsonType, quote_json};
}

mod action_missing;
mod doc_disallowed_chars;
mod doc_missing_statement;
mod doc_type_mismatch;
mod doc_unknown_element;
mod effect_invalid;
mod effect_missing;
mod element_pair_conflict;
mod empty_element;
mod federated_principal_unsupported;
mod id_in_identity_policy;
mod json_duplicate_key;
mod json_non_standard;
mod json_syntax;
mod notprincipal_not_allowed;
mod policy_type_hint;
mod principal_missing;
mod principal_not_allowed;
mod rcp_action;
mod rcp_effect_allow;
mod rcp_notaction;
mod rcp_principal;
mod resource_missing;
mod roles_anywhere_trust_actions;
mod scp_action_wildcard_position;
mod scp_legacy_element_restrictions;
mod scp_principal;
mod sid_duplicate;
mod sid_empty;
mod sid_invalid_chars;
mod size_identity;
mod size_rcp;
mod size_resource;
mod size_scp;
mod size_trust;
mod stmt_empty;
mod stmt_unknown_element;
mod trust_action_principal_mismatch;
mod trust_federated_format;
mod trust_resource_present;
mod trust_wildcard_principal;
mod var_bad_element;
mod var_empty;
mod var_legacy_version;
mod var_missing_brace;
mod var_missing_quote;
mod var_non_string_operator;
mod var_space;
mod var_too_permissive;
mod var_unsupported_symbol;
mod version_invalid;
mod version_legacy;
mod version_missing;

use crate::rule::Rule;

/// Every rule, sorted by code (a test checks the order and uniqueness).
pub static RULES: &[&dyn Rule] = &[
    &json_syntax::JsonSyntax,
    &json_non_standard::JsonNonStandard,
    &json_duplicate_key::JsonDuplicateKey,
    &doc_disallowed_chars::DocDisallowedChars,
    &size_identity::SizeIdentity,
    &size_resource::SizeResource,
    &size_trust::SizeTrust,
    &size_scp::SizeScp,
    &size_rcp::SizeRcp,
    &doc_type_mismatch::DocTypeMismatch,
    &doc_unknown_element::DocUnknownElement,
    &doc_missing_statement::DocMissingStatement,
    &version_missing::VersionMissing,
    &version_invalid::VersionInvalid,
    &version_legacy::VersionLegacy,
    &id_in_identity_policy::IdInIdentityPolicy,
    &stmt_unknown_element::StmtUnknownElement,
    &stmt_empty::StmtEmpty,
    &effect_missing::EffectMissing,
    &effect_invalid::EffectInvalid,
    &action_missing::ActionMissing,
    &resource_missing::ResourceMissing,
    &element_pair_conflict::ElementPairConflict,
    &sid_invalid_chars::SidInvalidChars,
    &sid_duplicate::SidDuplicate,
    &sid_empty::SidEmpty,
    &empty_element::EmptyElement,
    &principal_not_allowed::PrincipalNotAllowed,
    &principal_missing::PrincipalMissing,
    &notprincipal_not_allowed::NotprincipalNotAllowed,
    &trust_resource_present::TrustResourcePresent,
    &trust_wildcard_principal::TrustWildcardPrincipal,
    &trust_action_principal_mismatch::TrustActionPrincipalMismatch,
    &trust_federated_format::TrustFederatedFormat,
    &federated_principal_unsupported::FederatedPrincipalUnsupported,
    &roles_anywhere_trust_actions::RolesAnywhereTrustActions,
    &scp_principal::ScpPrincipal,
    &scp_action_wildcard_position::ScpActionWildcardPosition,
    &scp_legacy_element_restrictions::ScpLegacyElementRestrictions,
    &rcp_effect_allow::RcpEffectAllow,
    &rcp_principal::RcpPrincipal,
    &rcp_notaction::RcpNotaction,
    &rcp_action::RcpAction,
    &policy_type_hint::PolicyTypeHint,
    &var_missing_brace::VarMissingBrace,
    &var_missing_quote::VarMissingQuote,
    &var_space::VarSpace,
    &var_empty::VarEmpty,
    &var_unsupported_symbol::VarUnsupportedSymbol,
    &var_bad_element::VarBadElement,
    &var_legacy_version::VarLegacyVersion,
    &var_non_string_operator::VarNonStringOperator,
    &var_too_permissive::VarTooPermissive,
];
