//! ARNs of `Resource` elements against the catalog's resource types.

use std::sync::Arc;

use crate::memo::SharedMemo;
use iamlint_catalog::{ArnParts, ArnPattern, ArnTemplate, Catalog, ResourceType, split_arn};
use iamlint_model::Statement;

/// Whether a field holds a wildcard or a policy variable (its value is then open).
pub fn is_open(field: &str) -> bool {
    field.contains(['*', '?']) || field.contains("${")
}

/// The resource types (with the template) of the ARN's service whose resource part could
/// match the ARN's resource part. The service field is compared ignoring case.
pub fn candidates(catalog: &'static Catalog, arn: &ArnParts<'_>) -> Arc<Candidates> {
    CANDIDATES.get_or_compute_parts(&[arn.service, arn.resource], || {
        Arc::new(candidates_uncached(catalog, arn))
    })
}

/// Resource types and templates that an ARN's resource part may match.
pub type Candidates = Vec<(&'static ResourceType, &'static ArnTemplate)>;

/// Candidates by service and resource part: the ARN rules ask about the same ARN many times,
/// and ARNs repeat across files.
static CANDIDATES: SharedMemo<Arc<Candidates>> = SharedMemo::new();

fn candidates_uncached<'c>(
    catalog: &'c Catalog,
    arn: &ArnParts<'_>,
) -> Vec<(&'c ResourceType, &'c ArnTemplate)> {
    let service = arn.service.to_ascii_lowercase();
    let services: Vec<&str> = if is_open(&service) {
        catalog
            .arn_service_names()
            .into_iter()
            .filter(|s| iamlint_catalog::glob_match(&service, s, true))
            .collect()
    } else {
        vec![service.as_str()]
    };
    // a template whose service is a placeholder (AWS Backup's `${Vendor}` recovery points)
    // counts only for the service that defines it: for others a trailing `*` in the policy's
    // ARN "may match" it, which would lend every service a region and an account it lacks
    let pattern = iamlint_catalog::ResourcePattern::new(arn.resource);
    let mut out = Vec::new();
    for svc in services {
        for rt in catalog.resource_types_for_arn_service(svc) {
            let owner = catalog
                .services
                .get(rt.service)
                .is_some_and(|s| s.prefix == svc);
            for t in rt.arns() {
                let fits = t.service == svc || (owner && t.service.starts_with("${"));
                if fits && t.resource_may_match_pattern(&pattern) {
                    out.push((rt, t));
                }
            }
        }
    }
    out
}

/// Whether the ARN service field names a service the catalog has resource types for (or an
/// action prefix).
pub fn known_arn_service(catalog: &Catalog, service: &str) -> bool {
    // ARN service fields are nearly always lowercase already: no copy then
    let lower = if service.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(service.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(service)
    };
    // the hash lookup first: most ARN services have templates
    catalog.is_arn_service(&lower) || catalog.service(&lower).is_some()
}

/// The resources of a statement's positive `Resource` element that are ARNs, or `None` when
/// the element allows anything (`"*"`, `NotResource`, a malformed entry).
pub fn resource_arns(stmt: &Statement) -> Option<Vec<(&iamlint_model::Str, ArnParts<'_>)>> {
    let list = stmt.resource.as_ref()?.value.ok()?;
    let mut out = Vec::new();
    for s in list.strings() {
        match split_arn(&s.value) {
            Ok((parts, _)) => out.push((s, parts)),
            Err(_) => return None,
        }
    }
    (!out.is_empty() && out.len() == list.items.len()).then_some(out)
}

/// What the catalog says of one policy ARN, worked out once per ARN: the actions of a
/// statement, and the statements of many files, ask about the same ARNs.
#[derive(Debug)]
pub struct ArnFacts {
    /// The ARN fits some resource type of its own service, fields included. ARNs that do not
    /// (unknown service, wrong region or account field, unknown resource part) are the ARN
    /// rules' business; action-level rules leave them out rather than report them twice. An
    /// ARN whose service is a wildcard fits.
    pub fits: bool,
    /// The resource types (indices into `Catalog::resource_types`, sorted) whose ARNs it could
    /// match: a template's service field must fit (a placeholder fits any service) and the
    /// other fields may match.
    pub types: Box<[usize]>,
}

pub fn arn_facts(catalog: &'static Catalog, a: &ArnParts<'_>) -> Arc<ArnFacts> {
    let parts = [a.partition, a.service, a.region, a.account, a.resource];
    FACTS.get_or_compute_parts(&parts, || Arc::new(arn_facts_uncached(catalog, a)))
}

/// [`arn_facts`] by ARN.
static FACTS: SharedMemo<Arc<ArnFacts>> = SharedMemo::new();

fn arn_facts_uncached(catalog: &'static Catalog, a: &ArnParts<'_>) -> ArnFacts {
    let pattern = ArnPattern::new(a);
    if is_open(a.service) {
        let types = catalog
            .resource_types
            .iter()
            .filter(|rt| rt.arns().iter().any(|t| template_fits(t, a, &pattern)))
            .map(|rt| rt.index)
            .collect();
        return ArnFacts { fits: true, types };
    }
    // the candidates' resource parts fit already; the types of other services' placeholder
    // templates (which fit any service) are not among them
    let mut types: Vec<usize> = candidates(catalog, a)
        .iter()
        .filter(|(_, t)| t.fields_may_match(&pattern))
        .map(|(rt, _)| rt.index)
        .collect();
    let fits = !types.is_empty() && known_arn_service(catalog, a.service);
    types.extend(
        catalog
            .open_resource_type_indices()
            .iter()
            .copied()
            .filter(|&i| {
                catalog.resource_types.get(i).is_some_and(|rt| {
                    rt.arns()
                        .iter()
                        .any(|t| t.service.starts_with("${") && t.may_match_pattern(&pattern))
                })
            }),
    );
    types.sort_unstable();
    types.dedup();
    ArnFacts {
        fits,
        types: types.into(),
    }
}

/// Whether the policy ARN `a` (prepared as `pattern`) may match the template `t`: its service
/// field fits (a placeholder fits any service) and the other fields may match.
fn template_fits(t: &ArnTemplate, a: &ArnParts<'_>, pattern: &ArnPattern<'_>) -> bool {
    let service_fits = if t.service.starts_with("${") {
        true
    } else if is_open(a.service) {
        iamlint_catalog::glob_match(a.service, t.service, true)
    } else {
        a.service.eq_ignore_ascii_case(t.service)
    };
    service_fits && t.may_match_pattern(pattern)
}

/// Every `Resource`/`NotResource` string of a statement other than `"*"`.
pub fn resource_sites(stmt: &Statement) -> impl Iterator<Item = &iamlint_model::Str> {
    stmt.resource_strings().filter(|s| s.value != "*")
}

/// The candidates of an ARN, and what they say about its region and account fields.
pub struct FieldRules {
    /// Some candidate has a region field.
    pub region_allowed: bool,
    /// Every candidate has one.
    pub region_required: bool,
    pub account_allowed: bool,
    pub account_required: bool,
    /// The templates, for messages.
    pub examples: Vec<&'static str>,
}

/// Field rules for an ARN, or `None` when the catalog cannot judge it (unknown or open
/// service, or no resource type fits its resource part).
pub fn field_rules(catalog: &'static Catalog, arn: &ArnParts<'_>) -> Option<FieldRules> {
    if is_open(arn.service) || !known_arn_service(catalog, arn.service) {
        return None;
    }
    let c = candidates(catalog, arn);
    if c.is_empty() {
        return None;
    }
    let mut examples: Vec<&'static str> = c.iter().map(|(_, t)| t.text).collect();
    examples.sort_unstable();
    examples.dedup();
    Some(FieldRules {
        region_allowed: c.iter().any(|(_, t)| t.has_region),
        region_required: c.iter().all(|(_, t)| t.has_region),
        account_allowed: c.iter().any(|(_, t)| t.has_account),
        account_required: c.iter().all(|(_, t)| t.has_account),
        examples,
    })
}

/// "an ARN such as `arn:...`" for messages: the first example template.
pub fn shape_hint(rules: &FieldRules) -> String {
    match rules.examples.first() {
        Some(t) => format!("this resource's ARN has the form `{t}`"),
        None => String::new(),
    }
}

/// `xx-name-N`, `xx-gov-name-N`, `xx-iso[b|e|f]-name-N`, `eusc-xx-name-N`.
pub fn region_shaped(r: &str) -> bool {
    let parts: Vec<&str> = r.split('-').collect();
    let Some((last, rest)) = parts.split_last() else {
        return false;
    };
    rest.len() >= 2
        && !last.is_empty()
        && last.bytes().all(|b| b.is_ascii_digit())
        && rest
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
}

/// The resource a resource policy is attached to, as far as it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    /// The ARN service field of the holding resource (`s3`, `kms`, `sqs`).
    pub service: String,
    /// Given with `--resource-type` (rather than inferred from the policy's ARNs).
    pub explicit: bool,
    /// An S3 bucket, access point or multi-Region access point: `Resource` must be ARNs.
    pub s3: bool,
}

/// Maps `--resource-type` (`AWS::S3::Bucket`, `AWS::KMS::Key` or a service prefix such as
/// `s3`) to an ARN service field.
pub fn resource_type_service(t: &str) -> String {
    let t = t.trim();
    let Some(rest) = t.strip_prefix("AWS::") else {
        return t.to_ascii_lowercase();
    };
    let service = rest.split("::").next().unwrap_or("");
    match service {
        "S3ObjectLambda" => "s3-object-lambda".to_owned(),
        "OpenSearchService" | "Elasticsearch" => "es".to_owned(),
        "EFS" => "elasticfilesystem".to_owned(),
        "ApiGateway" => "execute-api".to_owned(),
        "IAM" => "iam".to_owned(),
        other => other.to_ascii_lowercase(),
    }
}

/// The holding resource of a resource policy: given explicitly, or inferred when every ARN
/// of every statement has the same (concrete) service.
/// Whether `--resource-type` says the policy is a VPC endpoint policy (`vpce`,
/// `vpc-endpoint` or `AWS::EC2::VPCEndpoint`). Endpoint policies filter requests through the
/// endpoint, to any service's resources; they grant nothing, so `"*"` principals and foreign
/// ARNs are normal there.
pub fn is_endpoint_policy(options: &crate::Options) -> bool {
    options.resource_type.as_deref().is_some_and(|t| {
        ["vpce", "vpc-endpoint", "AWS::EC2::VPCEndpoint"]
            .iter()
            .any(|e| t.trim().eq_ignore_ascii_case(e))
    })
}

pub fn holding(options: &crate::Options, policy: &iamlint_model::Policy) -> Option<Holding> {
    if is_endpoint_policy(options) {
        return None;
    }
    if let Some(t) = &options.resource_type {
        let service = resource_type_service(t);
        return Some(Holding {
            s3: service == "s3",
            service,
            explicit: true,
        });
    }
    let mut service: Option<String> = None;
    for stmt in policy.statements() {
        for r in stmt.resource_strings() {
            if r.value == "*" {
                continue;
            }
            let (parts, _) = split_arn(&r.value).ok()?;
            if is_open(parts.service) {
                return None;
            }
            let s = parts.service.to_ascii_lowercase();
            match &service {
                Some(prev) if *prev != s => return None,
                Some(_) => {}
                None => service = Some(s),
            }
        }
    }
    let service = service?;
    Some(Holding {
        s3: service == "s3",
        service,
        explicit: false,
    })
}

/// What a region string (not empty, no wildcard or variable) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionVerdict {
    /// A Region of the catalog's list.
    Known,
    /// Shaped like a Region code but not in the list, in a known area (`ap-southeast-9`) or
    /// an unknown one: perhaps newer than the catalog.
    Unlisted,
    /// Not a Region: misshapen, or a known area misspelt (`eu-centrall-1`).
    Invalid(Option<&'static str>),
}

pub fn judge_region(catalog: &'static Catalog, r: &str) -> RegionVerdict {
    if catalog.region_partition(r).is_some() {
        return RegionVerdict::Known;
    }
    let lower = r.to_ascii_lowercase();
    let regions = || catalog.regions.iter().map(|(_, r)| *r);
    if region_shaped(r) {
        // a new number in a known area (`ap-southeast-9`) may be a new Region; a misspelt
        // area (`eu-centrall-1`) is a typo
        let area = |x: &str| x.rsplit_once('-').map_or("", |(a, _)| a).to_owned();
        let mine = area(&lower);
        if regions().any(|k| area(k) == mine) {
            return RegionVerdict::Unlisted;
        }
        return match crate::helpers::closest(&lower, regions(), 2) {
            Some(n) if crate::helpers::edit_distance(&mine, &area(n)) <= 1 => {
                RegionVerdict::Invalid(Some(n))
            }
            _ => RegionVerdict::Unlisted,
        };
    }
    RegionVerdict::Invalid(crate::helpers::closest(&lower, regions(), 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The facts found from the candidates are those of a search of every type: the types
    /// whose templates fit, and whether one of the ARN's own service's fits.
    #[test]
    fn arn_facts_are_those_of_a_full_search() {
        let c = iamlint_catalog::catalog();
        for arn in [
            "arn:aws:s3:::bucket",
            "arn:aws:s3:::bucket/*",
            "arn:aws:s3:::*",
            "arn:aws:s3:us-east-1::bucket",
            "arn:aws:ec2:*:*:instance/*",
            "arn:aws:ec2:us-east-1:111122223333:*",
            "arn:aws:ec2:::instance/*",
            "arn:aws:iam::*:role/x",
            "arn:aws:iam::111122223333:*",
            "arn:aws:iam:us-east-1:111122223333:role/x",
            "arn:aws:backup:*:*:recovery-point:*",
            "arn:aws:rds:*:*:db:x",
            "arn:*:logs:*:*:log-group:/aws/x:*",
            "arn:aws:s*:::b",
            "arn:aws:*:*:*:*",
            "arn:aws:nosuchservice:::x",
            "arn:aws:ec2:${aws:RequestedRegion}:${aws:PrincipalAccount}:vpc/*",
            "arn:aws:execute-api:*:*:*/prod/GET/*",
        ] {
            let (a, _) = split_arn(arn).unwrap();
            let pattern = ArnPattern::new(&a);
            let types: Vec<usize> = c
                .resource_types
                .iter()
                .filter(|rt| rt.arns().iter().any(|t| template_fits(t, &a, &pattern)))
                .map(|rt| rt.index)
                .collect();
            let fits = is_open(a.service)
                || known_arn_service(c, a.service)
                    && candidates(c, &a).iter().any(|(_, t)| t.may_match(&a));
            let facts = arn_facts(c, &a);
            assert_eq!(&*facts.types, &types[..], "{arn}");
            assert_eq!(facts.fits, fits, "{arn}");
        }
    }
}
