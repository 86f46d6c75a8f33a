//! The shared corpora: which files, and as which policy type.

use std::path::{Path, PathBuf};

use iamlint_model::PolicyType;

/// One document of a corpus.
pub struct Doc {
    /// Shown in reports: the path relative to the corpus root (or `case N` for inline cases).
    pub name: String,
    pub text: Vec<u8>,
    pub policy_type: Option<PolicyType>,
    /// `--resource-type` for the document (`vpce` for VPC endpoint policies).
    pub resource_type: Option<String>,
}

/// `aws-managed-policies/policies/*.json`, all identity policies (detected).
pub fn managed(root: &Path) -> Vec<Doc> {
    crate::files_with_ext(&root.join("policies"), "json")
        .into_iter()
        .map(|p| Doc {
            name: rel(root, &p),
            text: std::fs::read(&p).unwrap_or_default(),
            policy_type: None,
            resource_type: None,
        })
        .collect()
}

/// Files the data-perimeter manifest labels `RCP` because of their folder, but which are
/// resource policies AWS publishes next to its RCPs for services RCPs do not cover (SNS and
/// API Gateway): see the folder's README upstream.
const NOT_RCPS: &[&str] = &[
    "resource_control_policies/service_specific_controls/sns_topic_policy.json",
    "resource_control_policies/service_specific_controls/api_gateway_policy.json",
];

/// Every policy file under `real-world/` (manifests and the parliament case file excluded),
/// typed from the manifests: SCP and RCP where they say so, detected otherwise.
pub fn real_world(root: &Path) -> Vec<Doc> {
    let mut out = Vec::new();
    for p in crate::files_with_ext(root, "json") {
        let name = rel(root, &p);
        if p.file_name().is_some_and(|n| n == "manifest.json")
            || name.starts_with("parliament-tests/")
        {
            continue;
        }
        out.push(Doc {
            policy_type: manifest_type(root, &name),
            resource_type: manifest_resource_type(root, &name),
            text: std::fs::read(&p).unwrap_or_default(),
            name,
        });
    }
    out
}

fn manifest_type(root: &Path, name: &str) -> Option<PolicyType> {
    let (dir, file) = name.split_once('/')?;
    if NOT_RCPS.contains(&file) {
        return Some(PolicyType::Resource);
    }
    let manifest = std::fs::read_to_string(root.join(dir).join("manifest.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&manifest).ok()?;
    let entry = json["files"]
        .as_array()?
        .iter()
        .find(|f| f["file"] == file)?;
    match entry["policy_type"].as_str()? {
        "SCP" => Some(PolicyType::Scp),
        "RCP" => Some(PolicyType::Rcp),
        "VPC endpoint policy" => Some(PolicyType::Resource),
        _ => None,
    }
}

/// `vpce` for the manifests' VPC endpoint policies.
fn manifest_resource_type(root: &Path, name: &str) -> Option<String> {
    let (dir, file) = name.split_once('/')?;
    let manifest = std::fs::read_to_string(root.join(dir).join("manifest.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&manifest).ok()?;
    let entry = json["files"]
        .as_array()?
        .iter()
        .find(|f| f["file"] == file)?;
    (entry["policy_type"].as_str()? == "VPC endpoint policy").then(|| "vpce".to_owned())
}

/// The policies of `parliament-tests/parliament-test-cases.json`, one per case.
pub fn parliament_cases(root: &Path) -> Vec<Doc> {
    let path = root.join("parliament-tests/parliament-test-cases.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Vec::new();
    };
    let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    json["cases"]
        .as_array()
        .map(|cases| {
            cases
                .iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    let policy = c["policy_text"].as_str()?;
                    Some(Doc {
                        name: format!("parliament case {i}"),
                        text: policy.as_bytes().to_vec(),
                        policy_type: None,
                        resource_type: None,
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}

/// All corpus files, for robustness tests.
pub fn all_files() -> Vec<PathBuf> {
    let data = crate::shared_data();
    let mut out = crate::files_with_ext(&data.join("aws-managed-policies/policies"), "json");
    out.extend(
        crate::files_with_ext(&data.join("real-world"), "json")
            .into_iter()
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n == "manifest.json" || n == "parliament-test-cases.json")
            }),
    );
    out
}
