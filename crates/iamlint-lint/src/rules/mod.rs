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

mod action_dependent_missing;
mod action_format;
mod action_missing;
mod action_requires_star_resource;
mod action_resource_mismatch;
mod action_retired;
mod action_star_allow;
mod action_unknown;
mod action_unknown_service;
mod action_wildcard_no_match;
mod admin_star;
mod arn_account_invalid;
mod arn_account_missing;
mod arn_account_not_allowed;
mod arn_partition;
mod arn_prefix;
mod arn_region_invalid;
mod arn_region_missing;
mod arn_region_not_allowed;
mod arn_resource_format;
mod arn_service_case;
mod arn_service_unknown;
mod arn_too_few_fields;
mod cond_action_missing_for_key;
mod cond_block_malformed;
mod cond_bool_multiple;
mod cond_empty_values_qualified;
mod cond_equivalent_to_null;
mod cond_forallvalues_allow_absent;
mod cond_foranyvalue_deny_absent;
mod cond_ifexists_misuse;
mod cond_ip_host_bits;
mod cond_key_case_duplicate;
mod cond_key_deprecated;
mod cond_key_format;
mod cond_key_not_for_action;
mod cond_key_unknown_global;
mod cond_key_unknown_service;
mod cond_kms_value;
mod cond_mfa_antipattern;
mod cond_missing_set_qualifier;
mod cond_null_ifexists;
mod cond_null_set_qualifier;
mod cond_null_value;
mod cond_oidc_aud_claim_type;
mod cond_operator_type_mismatch;
mod cond_operator_unknown;
mod cond_paired_keys_missing;
mod cond_private_ip;
mod cond_redundant_numeric;
mod cond_region_value;
mod cond_service_principal_key_recommend;
mod cond_service_principal_key_unsupported;
mod cond_set_on_single_valued;
mod cond_string_op_on_arn_key;
mod cond_tag_key_missing;
mod cond_tag_unsupported_allow;
mod cond_tag_unsupported_deny;
mod cond_unsatisfiable;
mod cond_value_type_invalid;
mod cond_values_mixed_types;
mod cond_vpc_id_format;
mod cond_wildcard_without_like;
mod create_slr_unrestricted;
mod credentials_exposure;
mod data_exfiltration;
mod deny_shadows_allow;
mod doc_disallowed_chars;
mod doc_missing_statement;
mod doc_type_mismatch;
mod doc_unknown_element;
mod effect_invalid;
mod effect_missing;
mod element_pair_conflict;
mod empty_element;
mod federated_principal_unsupported;
mod github_oidc_subject;
mod id_in_identity_policy;
mod json_duplicate_key;
mod json_non_standard;
mod json_syntax;
mod notaction_allow;
mod notaction_deny_review;
mod notaction_notresource_allow;
mod notaction_unknown_actions_admin;
mod notprincipal_allow;
mod notprincipal_deny_review;
mod notprincipal_not_allowed;
mod notresource_allow;
mod oidc_missing_condition;
mod oidc_wildcard_too_permissive;
mod passrole_unrestricted;
mod permissions_management;
mod policy_type_hint;
mod principal_aws_value_invalid;
mod principal_canonicaluser_scope;
mod principal_cross_account;
mod principal_format;
mod principal_group_arn;
mod principal_key_unknown;
mod principal_missing;
mod principal_not_allowed;
mod principal_partial_wildcard;
mod principal_public;
mod principal_public_restricted;
mod principal_service_format;
mod principal_unique_id;
mod privilege_escalation;
mod rcp_action;
mod rcp_effect_allow;
mod rcp_notaction;
mod rcp_principal;
mod redundant_statement;
mod resource_effectively_star;
mod resource_missing;
mod resource_not_string;
mod resource_policy_action_unsupported;
mod resource_policy_irrelevant_condition_key;
mod resource_policy_privesc;
mod resource_policy_resource_unsupported;
mod resource_star_restrictable;
mod roles_anywhere_trust_actions;
mod rolesanywhere_trust_unrestricted;
mod s3_policy_lockout;
mod s3_secure_transport_missing;
mod scp_action_wildcard_position;
mod scp_legacy_element_restrictions;
mod scp_principal;
mod sensitive_resource_access;
mod service_name_wildcard;
mod service_principal_confused_deputy;
mod service_wildcard;
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
mod trust_account_root;
mod trust_action_principal_mismatch;
mod trust_compute_service;
mod trust_cross_account_no_externalid;
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
    &resource_policy_action_unsupported::ResourcePolicyActionUnsupported,
    &resource_policy_resource_unsupported::ResourcePolicyResourceUnsupported,
    &resource_policy_irrelevant_condition_key::ResourcePolicyIrrelevantConditionKey,
    &action_format::ActionFormat,
    &action_unknown_service::ActionUnknownService,
    &action_unknown::ActionUnknown,
    &action_retired::ActionRetired,
    &action_wildcard_no_match::ActionWildcardNoMatch,
    &service_name_wildcard::ServiceNameWildcard,
    &action_dependent_missing::ActionDependentMissing,
    &action_resource_mismatch::ActionResourceMismatch,
    &action_requires_star_resource::ActionRequiresStarResource,
    &arn_prefix::ArnPrefix,
    &arn_too_few_fields::ArnTooFewFields,
    &arn_partition::ArnPartition,
    &arn_service_case::ArnServiceCase,
    &arn_service_unknown::ArnServiceUnknown,
    &arn_region_invalid::ArnRegionInvalid,
    &arn_region_not_allowed::ArnRegionNotAllowed,
    &arn_region_missing::ArnRegionMissing,
    &arn_account_invalid::ArnAccountInvalid,
    &arn_account_not_allowed::ArnAccountNotAllowed,
    &arn_account_missing::ArnAccountMissing,
    &arn_resource_format::ArnResourceFormat,
    &resource_not_string::ResourceNotString,
    &resource_star_restrictable::ResourceStarRestrictable,
    &resource_effectively_star::ResourceEffectivelyStar,
    &principal_format::PrincipalFormat,
    &principal_key_unknown::PrincipalKeyUnknown,
    &principal_aws_value_invalid::PrincipalAwsValueInvalid,
    &principal_group_arn::PrincipalGroupArn,
    &principal_unique_id::PrincipalUniqueId,
    &principal_partial_wildcard::PrincipalPartialWildcard,
    &principal_service_format::PrincipalServiceFormat,
    &principal_canonicaluser_scope::PrincipalCanonicaluserScope,
    &notprincipal_allow::NotprincipalAllow,
    &notprincipal_deny_review::NotprincipalDenyReview,
    &principal_public::PrincipalPublic,
    &oidc_missing_condition::OidcMissingCondition,
    &github_oidc_subject::GithubOidcSubject,
    &trust_account_root::TrustAccountRoot,
    &trust_compute_service::TrustComputeService,
    &rolesanywhere_trust_unrestricted::RolesanywhereTrustUnrestricted,
    &principal_cross_account::PrincipalCrossAccount,
    &trust_cross_account_no_externalid::TrustCrossAccountNoExternalid,
    &oidc_wildcard_too_permissive::OidcWildcardTooPermissive,
    &principal_public_restricted::PrincipalPublicRestricted,
    &cond_operator_unknown::CondOperatorUnknown,
    &cond_block_malformed::CondBlockMalformed,
    &cond_key_format::CondKeyFormat,
    &cond_key_unknown_global::CondKeyUnknownGlobal,
    &cond_key_unknown_service::CondKeyUnknownService,
    &cond_key_not_for_action::CondKeyNotForAction,
    &cond_tag_key_missing::CondTagKeyMissing,
    &cond_tag_unsupported_allow::CondTagUnsupportedAllow,
    &cond_tag_unsupported_deny::CondTagUnsupportedDeny,
    &cond_action_missing_for_key::CondActionMissingForKey,
    &cond_key_deprecated::CondKeyDeprecated,
    &cond_key_case_duplicate::CondKeyCaseDuplicate,
    &cond_operator_type_mismatch::CondOperatorTypeMismatch,
    &cond_string_op_on_arn_key::CondStringOpOnArnKey,
    &cond_value_type_invalid::CondValueTypeInvalid,
    &cond_values_mixed_types::CondValuesMixedTypes,
    &cond_bool_multiple::CondBoolMultiple,
    &cond_null_ifexists::CondNullIfexists,
    &cond_null_set_qualifier::CondNullSetQualifier,
    &cond_null_value::CondNullValue,
    &cond_equivalent_to_null::CondEquivalentToNull,
    &cond_wildcard_without_like::CondWildcardWithoutLike,
    &cond_missing_set_qualifier::CondMissingSetQualifier,
    &cond_set_on_single_valued::CondSetOnSingleValued,
    &cond_forallvalues_allow_absent::CondForallvaluesAllowAbsent,
    &cond_foranyvalue_deny_absent::CondForanyvalueDenyAbsent,
    &cond_empty_values_qualified::CondEmptyValuesQualified,
    &cond_private_ip::CondPrivateIp,
    &cond_ip_host_bits::CondIpHostBits,
    &cond_vpc_id_format::CondVpcIdFormat,
    &cond_region_value::CondRegionValue,
    &cond_kms_value::CondKmsValue,
    &cond_redundant_numeric::CondRedundantNumeric,
    &cond_mfa_antipattern::CondMfaAntipattern,
    &cond_ifexists_misuse::CondIfexistsMisuse,
    &cond_paired_keys_missing::CondPairedKeysMissing,
    &cond_service_principal_key_unsupported::CondServicePrincipalKeyUnsupported,
    &cond_service_principal_key_recommend::CondServicePrincipalKeyRecommend,
    &cond_oidc_aud_claim_type::CondOidcAudClaimType,
    &var_missing_brace::VarMissingBrace,
    &var_missing_quote::VarMissingQuote,
    &var_space::VarSpace,
    &var_empty::VarEmpty,
    &var_unsupported_symbol::VarUnsupportedSymbol,
    &var_bad_element::VarBadElement,
    &var_legacy_version::VarLegacyVersion,
    &var_non_string_operator::VarNonStringOperator,
    &var_too_permissive::VarTooPermissive,
    &admin_star::AdminStar,
    &action_star_allow::ActionStarAllow,
    &service_wildcard::ServiceWildcard,
    &notaction_allow::NotactionAllow,
    &notresource_allow::NotresourceAllow,
    &passrole_unrestricted::PassroleUnrestricted,
    &create_slr_unrestricted::CreateSlrUnrestricted,
    &service_principal_confused_deputy::ServicePrincipalConfusedDeputy,
    &s3_policy_lockout::S3PolicyLockout,
    &s3_secure_transport_missing::S3SecureTransportMissing,
    &privilege_escalation::PrivilegeEscalation,
    &credentials_exposure::CredentialsExposure,
    &data_exfiltration::DataExfiltration,
    &permissions_management::PermissionsManagement,
    &notaction_notresource_allow::NotactionNotresourceAllow,
    &notaction_deny_review::NotactionDenyReview,
    &sensitive_resource_access::SensitiveResourceAccess,
    &resource_policy_privesc::ResourcePolicyPrivesc,
    &deny_shadows_allow::DenyShadowsAllow,
    &redundant_statement::RedundantStatement,
    &cond_unsatisfiable::CondUnsatisfiable,
    &notaction_unknown_actions_admin::NotactionUnknownActionsAdmin,
];
