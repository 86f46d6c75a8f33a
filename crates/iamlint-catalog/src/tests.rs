//! Tests of the catalog against a small hand-written text, so they do not depend on the
//! generated data (which `tests` checks separately through `catalog()`).

use super::*;

const TEXT: &str = "V\t1\n\
D\t2026-09-26\ttest\n\
S\tiam\tAWS Identity and Access Management\t-\n\
T\trole\tarn:${Partition}:iam::${Account}:role/${RoleNameWithPath}\taws:ResourceTag/${TagKey},iam:ResourceTag/${TagKey}\n\
K\tiam:PassedToService\tString\tthe service\n\
A\tPassRole\tWrite\trole*\tiam:PassedToService,iam:AssociatedResourceArn\t\n\
S\ts3\tAmazon S3\trcp\n\
T\tbucket\tarn:${Partition}:s3:::${BucketName}\t\n\
T\tobject\tarn:${Partition}:s3:::${BucketName}/${ObjectName}\t\n\
K\ts3:prefix\tString\tprefix\n\
K\ts3:ExistingObjectTag/${TagKey}\tString\ttag\n\
K\ts3:DataAccessPointArn\tARN\tap\n\
A\tGetObject\tRead\tobject*=s3:ExistingObjectTag/${TagKey}\ts3:DataAccessPointArn\t\n\
A\tGetObjectVersion\tRead\tobject*\t\t\n\
A\tListAllMyBuckets\tList\t\t\t\n\
A\tListBucket\tList\tbucket*\ts3:prefix\t\n\
A\tPutObject\tWrite\tobject*\t\tkms:GenerateDataKey\n\
G\taws:TagKeys\tArrayOfString\trequest\ttag keys\n\
G\taws:PrincipalTag/${TagKey}\tString\tprincipal\tptag\n\
X\ts3:GetObjectLegacy\t2024-08-24\t2025-01-01\n\
X\tdeeplens:ListProjects\t2019-01-01\t2024-01-01\n\
P\tlambda.amazonaws.com\n\
P\tec2.amazonaws.com\n\
U\taccounts.google.com\tsts\n\
bogus line\n";

const REGIONS: &str = "# comment\naws us-east-1\naws-cn cn-north-1\n";

fn cat() -> Catalog {
    Catalog::parse(TEXT, REGIONS)
}

#[test]
fn parses_every_record_and_counts_malformed_lines() {
    let c = cat();
    assert_eq!(c.date, "2026-09-26");
    assert_eq!(c.services.len(), 2);
    assert_eq!(c.actions.len(), 6);
    assert_eq!(c.resource_types.len(), 3);
    let object = c.action_resources(c.action("s3:GetObject").unwrap());
    assert_eq!(object.len(), 1);
    assert!(object[0].required);
    assert_eq!(
        c.resource_types[object[0].resource_type.unwrap()].name,
        "object"
    );
    assert_eq!(c.resource_types[2].arns()[0].service, "s3");
    assert_eq!(c.malformed_lines, 1);
    assert_eq!(c.regions.len(), 2);
    assert_eq!(c.partitions(), ["aws", "aws-cn"]);
}

#[test]
fn lookups_ignore_case() {
    let c = cat();
    let a = c.action("S3:getobject").unwrap();
    assert_eq!(c.full_name(a), "s3:GetObject");
    assert!(a.access.contains(AccessLevel::Read));
    assert!(!a.access.contains(AccessLevel::Write));
    let both = AccessLevels::parse("Tagging, Write").unwrap();
    assert_eq!(
        both.iter().collect::<Vec<_>>(),
        [AccessLevel::Write, AccessLevel::Tagging]
    );
    assert!(AccessLevels::parse("Write, Sometimes").is_none());
    assert!(c.action("s3:GetObjects").is_none());
    assert!(c.action("nope:GetObject").is_none());
    assert!(c.service("IAM").is_some());
    assert_eq!(
        c.dependent_actions(c.action("s3:PutObject").unwrap())
            .collect::<Vec<_>>(),
        ["kms:GenerateDataKey"]
    );
}

#[test]
fn wildcard_expansion() {
    let c = cat();
    let names = |p: &str| {
        c.expand(p)
            .iter()
            .map(|a| c.full_name(a))
            .collect::<Vec<_>>()
    };
    assert_eq!(names("s3:get*"), ["s3:GetObject", "s3:GetObjectVersion"]);
    assert_eq!(names("s3:List?ucket"), ["s3:ListBucket"]);
    assert_eq!(names("*:Pass*"), ["iam:PassRole"]);
    assert_eq!(names("*").len(), 6);
    assert!(names("s3:Gett*").is_empty());
    assert!(names("nocolon").is_empty());
}

#[test]
fn keys_resolve_per_action_and_resource_type() {
    let c = cat();
    let get = c.action("s3:GetObject").unwrap();
    assert!(c.action_supports_key(get, "s3:DataAccessPointArn"));
    assert!(c.action_supports_key(get, "s3:ExistingObjectTag/team"));
    assert!(!c.action_supports_key(get, "s3:prefix"));
    let pass = c.action("iam:PassRole").unwrap();
    // from the resource type `role`, not from the action
    assert!(c.action_supports_key(pass, "iam:ResourceTag/team"));
    assert!(!c.has_resource_types(c.action("s3:ListAllMyBuckets").unwrap()));
    let k = c.global_key("aws:PrincipalTag/Team").unwrap();
    assert_eq!(k.category, "principal");
    assert!(c.global_key("aws:TagKeys").unwrap().multivalued);
    assert_eq!(
        c.service_key("s3:DataAccessPointArn").unwrap().ty,
        KeyType::Arn
    );
    assert!(c.key("s3:nope").is_none());
}

#[test]
fn removed_actions_and_retired_services() {
    let c = cat();
    assert_eq!(
        c.removed_action("S3:GETOBJECTLEGACY").unwrap().last_seen,
        "2025-01-01"
    );
    assert!(c.is_retired_service("deeplens"));
    assert!(!c.is_retired_service("s3"));
    assert!(!c.is_retired_service("nothing"));
}

#[test]
fn principals_federation_and_regions() {
    let c = cat();
    assert!(c.is_known_service_principal("ec2.amazonaws.com"));
    assert!(!c.is_known_service_principal("ec3.amazonaws.com"));
    assert!(c.is_federation_prefix("accounts.google.com"));
    assert_eq!(c.region_partition("cn-north-1"), Some("aws-cn"));
    assert_eq!(c.region_partition("us-east-9"), None);
}

#[test]
fn generated_catalog_is_complete() {
    let c = catalog();
    assert_eq!(c.malformed_lines, 0);
    assert!(c.services.len() > 400, "{}", c.services.len());
    assert!(c.actions.len() > 20_000, "{}", c.actions.len());
    assert!(c.action("s3:GetObject").is_some());
    assert!(c.action("ec2:RunInstances").is_some());
    assert!(!c.date.is_empty());
    let get = c.action("s3:GetObject").unwrap();
    assert_eq!(
        c.description(get),
        "Grants permission to retrieve objects from Amazon S3"
    );
    assert_eq!(c.descriptions.lines().count(), c.actions.len());
}

#[test]
fn expanding_by_prefix_range_equals_the_plain_glob() {
    let c = catalog();
    for pattern in [
        "s3:Get*",
        "s3:get*",
        "S3:GET*",
        "s3:*Object",
        "ec2:Describe?nstances",
        "iam:*",
        "ec2:*Tags",
        "s3:Gett*",
        "s3:?etObject",
        "kms:Re*crypt*",
        "s3:Put*Acl",
        "logs:z*",
        "cloudformation:DescribeStack*",
        "cloudformation:BatchDescribe*",
        "cloud9:DescribeEnvironment*",
    ] {
        let (sp, ap) = pattern.split_once(':').unwrap_or_default();
        let naive: Vec<&str> = c
            .service(sp)
            .map(|s| c.actions_of(s))
            .unwrap_or_default()
            .iter()
            .filter(|a| glob_match(ap, a.name, true))
            .map(|a| a.name)
            .collect();
        let fast: Vec<&str> = c.expand(pattern).iter().map(|a| a.name).collect();
        assert_eq!(fast, naive, "{pattern}");
    }
}

#[test]
fn expanding_prefixes_of_every_seventh_action_equals_the_plain_glob() {
    let c = catalog();
    for (i, a) in c.actions.iter().enumerate().filter(|(i, _)| i % 7 == 0) {
        let Some(service) = c.service_of(a) else {
            continue;
        };
        let cut = (i % 9 + 1).min(a.name.len());
        let pattern = format!("{}:{}*", service.prefix, a.name.get(..cut).unwrap_or(""));
        let naive: Vec<&str> = c
            .actions_of(service)
            .iter()
            .filter(|x| glob_match(pattern.split_once(':').map_or("", |(_, a)| a), x.name, true))
            .map(|x| x.name)
            .collect();
        let fast: Vec<&str> = c.expand(&pattern).iter().map(|x| x.name).collect();
        assert_eq!(fast, naive, "{pattern}");
    }
}

/// The hash lookup finds every action of the embedded catalog under its name in any case, and
/// only there: the answer is the one a case-blind search of the sorted service gives.
#[test]
fn every_action_is_found_by_its_name_in_any_case() {
    let c = catalog();
    c.index_actions();
    let searched = |full: &str| {
        let (prefix, name) = full.split_once(':')?;
        c.action_by_search(prefix, name)
    };
    assert!(c.actions.len() > 20_000);
    for a in &c.actions {
        let full = c.full_name(a);
        for spelling in [
            full.clone(),
            full.to_ascii_lowercase(),
            full.to_ascii_uppercase(),
        ] {
            let found = c.action(&spelling).map(|f| f.index);
            assert_eq!(found, Some(a.index), "{spelling}");
            assert_eq!(found, searched(&spelling).map(|f| f.index), "{spelling}");
        }
        for near in [
            format!("{full}s"),
            full.get(..full.len() - 1).unwrap_or("").to_owned(),
            format!("{full}\u{e9}"),
            full.replacen(':', "::", 1),
        ] {
            assert_eq!(
                c.action(&near).map(|f| f.index),
                searched(&near).map(|f| f.index),
                "{near}"
            );
        }
    }
    assert!(c.action("").is_none() && c.action(":").is_none() && c.action("s3").is_none());
}

#[test]
fn split_at_colon_is_split_once() {
    for s in [
        "",
        ":",
        "s3",
        "s3:",
        ":x",
        "s3:GetObject",
        "a:b:c",
        "é:ü",
        "ü",
        "x:é:",
    ] {
        assert_eq!(split_at_colon(s), s.split_once(':'), "{s}");
    }
}

/// The embedded text is split where the build script found its separators: the catalog must be
/// the one a scan of the text gives, and the build script's action index the one built here.
#[test]
fn the_build_scripts_tables_agree_with_the_text() {
    let from_tables = Catalog::parse(CATALOG_TEXT, REGIONS_TEXT);
    assert!(from_tables.embedded);
    let scanned = Catalog::parse_split(CATALOG_TEXT, parse::scan(CATALOG_TEXT), REGIONS_TEXT);
    assert!(!scanned.embedded);
    assert_eq!(scanned.malformed_lines, 0);
    assert_eq!(from_tables.malformed_lines, 0);
    let debug = |c: &Catalog| {
        format!(
            "{:?}",
            (
                c.date,
                c.source,
                &c.services,
                &c.actions,
                &c.resource_types,
                &c.service_keys,
                &c.global_keys,
                (&c.removed, &c.service_principals),
                (&c.federation_prefixes, &c.regions),
            )
        )
    };
    assert_eq!(debug(&from_tables), debug(&scanned));

    // the same slots, word for word
    from_tables.index_actions();
    let embedded = from_tables.action_table.get().unwrap();
    assert!(matches!(embedded.slots, Slots::Embedded(_)));
    let built = ActionTable::new(&scanned);
    assert!(matches!(built.slots, Slots::Built(_)));
    assert_eq!(embedded.len, built.len);
    assert!((0..built.len).all(|i| embedded.get(i) == built.get(i)));
    assert!(embedded.get(built.len).is_none());
    // a catalog from any other text builds its own
    let small = cat();
    small.index_actions();
    assert!(matches!(
        small.action_table.get().unwrap().slots,
        Slots::Built(_)
    ));
}

#[test]
fn scanning_tags_line_breaks() {
    let seps: Vec<u32> = parse::scan("a\tb\nc\td").collect();
    assert_eq!(seps, [1, 3 | layout::LINE_END, 5]);
}

/// Looking just after another action first finds what the plain lookup finds, whether the name
/// is near, far, in another service or unknown.
#[test]
fn looking_after_an_action_is_looking_up() {
    let c = catalog();
    c.index_actions();
    let names = [
        "s3:GetObject",
        "s3:getobjectacl",
        "S3:GETOBJECTATTRIBUTES",
        "s3:ListBucket",
        "s3:GetObjectz",
        "ec2:RunInstances",
        "s3",
        "",
        ":",
    ];
    for previous in ["s3:GetObject", "s3:DeleteObject", "ec2:RunInstances"] {
        let previous = c.action(previous).unwrap();
        for name in names {
            assert_eq!(
                c.action_after(previous, name).map(|a| a.index),
                c.action(name).map(|a| a.index),
                "{name}"
            );
        }
    }
    // each action follows the one before it in catalog order
    for pair in c.actions.windows(2) {
        let full = c.full_name(&pair[1]).to_ascii_lowercase();
        assert_eq!(
            c.action_after(&pair[0], &full).map(|a| a.index),
            Some(pair[1].index)
        );
    }
}

#[test]
fn comparing_ignoring_case_is_comparing_the_lowercased_strings() {
    let words = [
        "", "a", "A", "ab", "aB", "b", "a-b", "a_b", "[", "_", "`", "Z", "z", "s3", "S3", "s3-x",
        "ec2", "é", "É", "aé",
    ];
    for a in words {
        for b in words {
            assert_eq!(
                cmp_ignore_case(a, b),
                a.to_ascii_lowercase().cmp(&b.to_ascii_lowercase()),
                "{a} {b}"
            );
        }
    }
}

/// Retired services are those only removed actions name: the listed prefixes answer as a scan
/// of every removed action does, in any case.
#[test]
fn retired_services_are_those_of_removed_actions_only() {
    let c = catalog();
    let naive = |prefix: &str| {
        c.service(prefix).is_none()
            && c.removed.iter().any(|r| {
                r.name
                    .split_once(':')
                    .is_some_and(|(p, _)| p.eq_ignore_ascii_case(prefix))
            })
    };
    let mut prefixes: Vec<String> = c
        .removed
        .iter()
        .filter_map(|r| r.name.split_once(':').map(|(p, _)| p.to_owned()))
        .collect();
    prefixes.extend(["s3", "S3", "nothing", "", "DeepLens"].map(str::to_owned));
    prefixes.extend(prefixes.clone().iter().map(|p| p.to_ascii_uppercase()));
    let mut retired = 0;
    for p in &prefixes {
        assert_eq!(c.is_retired_service(p), naive(p), "{p}");
        retired += usize::from(naive(p));
    }
    assert!(retired > 0);
}
