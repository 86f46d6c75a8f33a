//! Benchmark (not a test): `subset` over every pair of consecutive versions of every AWS managed
//! policy, in both directions, as `iamlint prove subset OLD NEW` would run it.
//!
//! ```sh
//! cargo bench -p iamlint-prove --bench history              # every pair
//! cargo bench -p iamlint-prove --bench history -- 200       # the first 200 pairs only
//! ```
//!
//! Reads `../shared/data/aws-managed-policies/history/versions.jsonl.gz` (or the file named by
//! `IAMLINT_HISTORY`). Prints the latency distribution of one query (vocabulary, encoding,
//! solving, and concretising and replaying the counterexample; parsing is excluded), the share
//! decided within the 10 s timeout, the verdicts of the queries slower than 160 ms, and the
//! reasons of the undecided ones. `IAMLINT_TRACE=1` names each query on stderr as it
//! starts, and gives the full reason of each undecided one.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a benchmark"
)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use iamlint_model::Policy;
use iamlint_prove::{Mode, Verdict, subset};

const TIMEOUT_MS: u32 = 10_000;

fn history_file() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("IAMLINT_HISTORY") {
        return Some(PathBuf::from(p));
    }
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/aws-managed-policies/history/versions.jsonl.gz");
    p.exists().then_some(p)
}

fn parse(doc: &serde_json::Value) -> Option<Policy> {
    let text = serde_json::to_string(doc).ok()?;
    let parsed = iamlint_syntax::parse(&text);
    iamlint_model::lower(parsed.root.as_ref()?).ok()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let Some(path) = history_file() else {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("the managed-policy history is missing, and CI=true makes that a failure");
        }
        eprintln!(
            "skipped: ../shared/data/aws-managed-policies/history/versions.jsonl.gz is absent"
        );
        return;
    };
    let limit: Option<usize> = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .and_then(|a| a.parse().ok());
    let file = std::fs::File::open(&path).expect("open the history");
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let mut versions: BTreeMap<String, Vec<(u32, serde_json::Value)>> = BTreeMap::new();
    for line in reader.lines() {
        let line = line.expect("read a line");
        let row: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
        let name = row["name"].as_str().unwrap_or_default().to_owned();
        let n: u32 = row["versionId"]
            .as_str()
            .and_then(|v| v.strip_prefix('v'))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        versions
            .entry(name)
            .or_default()
            .push((n, row["document"].clone()));
    }
    let mut pairs = Vec::new();
    for (name, mut list) in versions {
        list.sort_by_key(|(n, _)| *n);
        for w in list.windows(2) {
            let (Some(old), Some(new)) = (parse(&w[0].1), parse(&w[1].1)) else {
                eprintln!("{name}: a version does not parse; pair skipped");
                continue;
            };
            pairs.push((format!("{name} v{}→v{}", w[0].0, w[1].0), old, new));
        }
    }
    if let Some(l) = limit {
        pairs.truncate(l);
    }
    eprintln!(
        "{} pairs of consecutive versions, {} queries",
        pairs.len(),
        pairs.len() * 2
    );
    let mut times = Vec::new();
    let mut verdicts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let mut slowest: Vec<(Duration, String)> = Vec::new();
    // the verdicts of the queries slower than the p99 target
    let mut slow: BTreeMap<&str, usize> = BTreeMap::new();
    // `IAMLINT_TRACE=1`: name each query on stderr before it runs
    let trace = std::env::var_os("IAMLINT_TRACE").is_some();
    let started = Instant::now();
    for (name, old, new) in &pairs {
        for (label, a, b) in [("old ⊆ new", old, new), ("new ⊆ old", new, old)] {
            if trace {
                eprintln!("{name} ({label})");
            }
            let t = Instant::now();
            let answer = subset(a, b, Mode::ClosedWorld, TIMEOUT_MS);
            let took = t.elapsed();
            times.push(took);
            slowest.push((took, format!("{name} ({label})")));
            let v = match answer.verdict {
                Verdict::Holds => "holds",
                Verdict::Fails(_) => "fails",
                Verdict::Unknown(reason) => {
                    // group reasons by their text without the policy's own values
                    let key = reason.split('`').step_by(2).collect::<Vec<_>>().join("…");
                    *reasons.entry(key).or_default() += 1;
                    if trace {
                        eprintln!("  unknown: {reason}");
                    }
                    "unknown"
                }
            };
            *verdicts.entry(v).or_default() += 1;
            if trace {
                eprintln!("  {v} ({:.2} ms)", took.as_secs_f64() * 1000.0);
            }
            if took > Duration::from_millis(160) {
                *slow.entry(v).or_default() += 1;
            }
        }
    }
    let total = started.elapsed();
    times.sort();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    let n = times.len();
    let decided = n - verdicts.get("unknown").copied().unwrap_or(0);
    println!("queries: {n} in {:.1} s", total.as_secs_f64());
    println!("verdicts: {verdicts:?}");
    println!(
        "decided: {decided} of {n} ({:.2}%)",
        100.0 * decided as f64 / n.max(1) as f64
    );
    for (label, p) in [("p50", 0.50), ("p95", 0.95), ("p99", 0.99), ("max", 1.0)] {
        println!(
            "{label}: {:.2} ms",
            percentile(&times, p).as_secs_f64() * 1000.0
        );
    }
    println!("over 160 ms, by verdict: {slow:?}");
    println!("undecided, by reason:");
    for (reason, count) in &reasons {
        println!("  {count:5}  {reason}");
    }
    println!("slowest:");
    for (t, name) in slowest.iter().take(10) {
        println!("  {:9.2} ms  {name}", t.as_secs_f64() * 1000.0);
    }
}
