use super::prelude::*;
use crate::arns::region_shaped;

declare_rule! {
    /// A malformed value for a KMS condition key: `kms:CallerAccount` that is not a 12-digit
    /// account id, `kms:ViaService` that is not `service.region.amazonaws.com`, a
    /// `kms:GrantOperations` value that is not a KMS operation, or a value outside the fixed
    /// set of `kms:KeyOrigin`, `kms:KeyUsage`, `kms:KeySpec` and similar keys (values missing
    /// from iamlint's lists are warnings, since AWS adds key specs and algorithms).
    pub struct CondKmsValue {
        code: "IAM632",
        name: "cond-kms-value",
        category: Correctness,
        severity: Error,
        fix: None,
        summary: "a malformed value for a KMS condition key",
    }
}

/// (key, values, closed): a closed set is an error to leave, an open one a warning. Source:
/// AWS KMS Developer Guide, "AWS KMS condition keys", and the KMS API reference enums.
const ENUMS: &[(&str, &[&str], bool)] = &[
    (
        "kms:KeyOrigin",
        &["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"],
        true,
    ),
    (
        "kms:KeyUsage",
        &[
            "ENCRYPT_DECRYPT",
            "SIGN_VERIFY",
            "GENERATE_VERIFY_MAC",
            "KEY_AGREEMENT",
        ],
        true,
    ),
    ("kms:MultiRegionKeyType", &["PRIMARY", "REPLICA"], true),
    (
        "kms:ExpirationModel",
        &["KEY_MATERIAL_EXPIRES", "KEY_MATERIAL_DOES_NOT_EXPIRE"],
        true,
    ),
    ("kms:MessageType", &["RAW", "DIGEST", "EXTERNAL_MU"], false),
    (
        "kms:KeySpec",
        &[
            "SYMMETRIC_DEFAULT",
            "RSA_2048",
            "RSA_3072",
            "RSA_4096",
            "ECC_NIST_P256",
            "ECC_NIST_P384",
            "ECC_NIST_P521",
            "ECC_SECG_P256K1",
            "ECC_NIST_EDWARDS25519",
            "HMAC_224",
            "HMAC_256",
            "HMAC_384",
            "HMAC_512",
            "SM2",
            "ML_DSA_44",
            "ML_DSA_65",
            "ML_DSA_87",
        ],
        false,
    ),
    (
        "kms:EncryptionAlgorithm",
        &[
            "SYMMETRIC_DEFAULT",
            "RSAES_OAEP_SHA_1",
            "RSAES_OAEP_SHA_256",
            "SM2PKE",
        ],
        false,
    ),
    (
        "kms:SigningAlgorithm",
        &[
            "RSASSA_PSS_SHA_256",
            "RSASSA_PSS_SHA_384",
            "RSASSA_PSS_SHA_512",
            "RSASSA_PKCS1_V1_5_SHA_256",
            "RSASSA_PKCS1_V1_5_SHA_384",
            "RSASSA_PKCS1_V1_5_SHA_512",
            "ECDSA_SHA_256",
            "ECDSA_SHA_384",
            "ECDSA_SHA_512",
            "ED25519_SHA_512",
            "ED25519_PH_SHA_512",
            "SM2DSA",
            "ML_DSA_SHAKE_256",
        ],
        false,
    ),
    (
        "kms:MacAlgorithm",
        &[
            "HMAC_SHA_224",
            "HMAC_SHA_256",
            "HMAC_SHA_384",
            "HMAC_SHA_512",
        ],
        false,
    ),
    ("kms:KeyAgreementAlgorithm", &["ECDH"], false),
    (
        "kms:DataKeyPairSpec",
        &[
            "RSA_2048",
            "RSA_3072",
            "RSA_4096",
            "ECC_NIST_P256",
            "ECC_NIST_P384",
            "ECC_NIST_P521",
            "ECC_SECG_P256K1",
            "SM2",
        ],
        false,
    ),
    (
        "kms:WrappingKeySpec",
        &["RSA_2048", "RSA_3072", "RSA_4096", "SM2"],
        false,
    ),
];

fn via_service_ok(v: &str) -> bool {
    let rest = v
        .strip_suffix(".amazonaws.com")
        .or_else(|| v.strip_suffix(".amazonaws.com.cn"));
    rest.and_then(|r| r.rsplit_once('.'))
        .is_some_and(|(service, region)| !service.is_empty() && region_shaped(region))
}

impl Rule for CondKmsValue {
    fn check_statement(&self, ctx: &mut Ctx<'_>, _policy: &Policy, stmt: &Statement) {
        let Some(cond) = stmt.condition() else { return };
        let catalog = ctx.catalog();
        for (op, key) in cond.pairs() {
            let name = key.key.name.as_ref();
            if !name
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case("kms:"))
            {
                continue;
            }
            if !crate::conditions::compares_values(op) {
                continue;
            }
            let like = op.operator.operator.is_some_and(|o| o.is_like());
            for v in key.values.ok().into_iter().flat_map(|v| v.items.iter()) {
                let Some(text) = v.text() else { continue };
                if text.contains("${") || (like && text.contains(['*', '?'])) {
                    continue;
                }
                if name.eq_ignore_ascii_case("kms:CallerAccount") {
                    if !(text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())) {
                        ctx.report(v.range, format!("`{text}` is not an AWS account id"))
                            .help("`kms:CallerAccount` holds the caller's 12-digit account id");
                    }
                } else if name.eq_ignore_ascii_case("kms:ViaService") {
                    if !via_service_ok(text) {
                        ctx.report(v.range, format!("`{text}` is not a service endpoint name"))
                            .help("`kms:ViaService` values look like `ec2.us-east-1.amazonaws.com`: service, Region, `amazonaws.com`");
                    }
                } else if name.eq_ignore_ascii_case("kms:GrantOperations") {
                    if catalog.action(&format!("kms:{text}")).is_none() {
                        ctx.report(v.range, format!("`{text}` is not a KMS operation"))
                            .severity(Severity::Warning)
                            .help("grant operations are KMS operation names such as `Decrypt` or `GenerateDataKey`");
                    }
                } else if let Some((k, values, closed)) =
                    ENUMS.iter().find(|(k, _, _)| k.eq_ignore_ascii_case(name))
                {
                    if values.contains(&text) {
                        continue;
                    }
                    let near = closest(text, values.iter().copied(), 3);
                    let d = ctx.report(v.range, format!("`{text}` is not a value of `{k}`"));
                    if !*closed {
                        d.severity(Severity::Warning);
                    }
                    match near {
                        Some(n) => d.help(format!("did you mean `{n}`?")),
                        None => d.help(format!(
                            "values are {}",
                            join_and(values.iter().map(|v| format!("`{v}`")))
                        )),
                    };
                }
            }
        }
    }
}
