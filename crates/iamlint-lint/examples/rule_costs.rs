//! Where the time goes: checks every `*.json` under a directory in memory, on one thread, once
//! with only `IAM001` (parse, lower and the engine) and then once per rule with that rule
//! alone, and prints each rule's cost above the baseline, slowest first.
//!
//! `cargo run --release -p iamlint-lint --features rule-timing --example rule_costs -- ../shared/data/aws-managed-policies/policies`
//! (add `cold` to stop after the first, cold run, with each rule's time within it; `profile` to only run the default rules, repeatedly, under a profiler, or `profile
//! CODE` for one rule; `files CODE` to list the twenty files on which one rule costs most;
//! `within` for the time each rule takes inside the default run). The example needs the
//! `rule-timing` feature: `--features rule-timing`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a developer tool")]

use std::time::{Duration, Instant};

use iamlint_lint::{Options, RULES, Selection, check_bytes};

/// Best of three runs of `codes` (the default rules when empty) over `files`.
fn time(files: &[Vec<u8>], codes: &[&str]) -> Duration {
    let selection = if codes.is_empty() {
        Selection::default()
    } else {
        Selection::only(codes).expect("known rules")
    };
    let options = Options {
        selection,
        // as `iamlint check` runs: with the current time, for `cond-unsatisfiable`
        now: Some(1_795_392_000),
        ..Options::default()
    };
    // best of three
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let mut n = 0usize;
            for f in files {
                n += check_bytes(f, &options).diagnostics.len();
            }
            std::hint::black_box(n);
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: rule_costs DIR");
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .expect("read the directory")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let files: Vec<Vec<u8>> = paths
        .iter()
        .map(|p| std::fs::read(p).expect("read a file"))
        .collect();
    // `rule_costs DIR profile`: only run every default rule ten times, for a profiler
    // (`profile CODE` runs only that rule)
    if std::env::args().nth(2).as_deref() == Some("profile") {
        let only = std::env::args().nth(3);
        let codes: Vec<&str> = only.iter().map(String::as_str).collect();
        for _ in 0..10 {
            time(&files, &codes);
        }
        return;
    }
    // `rule_costs DIR files CODE`: the twenty files on which that rule costs most
    if std::env::args().nth(2).as_deref() == Some("files") {
        let code = std::env::args()
            .nth(3)
            .expect("usage: rule_costs DIR files CODE");
        let mut costs: Vec<(Duration, &std::path::PathBuf)> = files
            .chunks(1)
            .zip(&paths)
            .map(|(one, path)| (time(one, &[code.as_str()]), path))
            .collect();
        costs.sort_unstable_by(|a, b| b.cmp(a));
        let total: Duration = costs.iter().map(|c| c.0).sum();
        println!("{code} alone over {} files: {total:?}", files.len());
        for (d, path) in costs.iter().take(20) {
            println!("{d:>12.2?}  {}", path.display());
        }
        return;
    }
    // `rule_costs DIR within`: the time each rule takes within the default run (shared work
    // is counted where it is first done), over three warm runs
    if std::env::args().nth(2).as_deref() == Some("within") {
        time(&files, &[]);
        iamlint_lint::timing::take();
        let all = time(&files, &[]);
        let spent = iamlint_lint::timing::take();
        let rules: Duration = spent.iter().sum();
        println!(
            "default rules, warm: {all:?} (best of three); in rules: {:?} per run",
            rules / 3
        );
        let mut costs: Vec<(Duration, &str)> = spent
            .iter()
            .zip(RULES.iter())
            .map(|(d, r)| (*d / 3, r.meta().code))
            .collect();
        costs.sort_by(|a, b| b.cmp(a));
        for (d, code) in costs.iter().take(30) {
            println!("{code} {:>8.2} ms", d.as_secs_f64() * 1000.0);
        }
        return;
    }
    // warm the catalog and the caches (the first run shows what a cold start costs)
    let start = Instant::now();
    let options = Options::default();
    for f in &files {
        std::hint::black_box(check_bytes(f, &options));
    }
    println!("default rules, cold: {:?}", start.elapsed());
    if std::env::args().nth(2).as_deref() == Some("cold") {
        // and the time each rule took within it (shared work counted where first done)
        let spent = iamlint_lint::timing::take();
        let rules: Duration = spent.iter().sum();
        println!("in rules: {rules:?}");
        let mut costs: Vec<(Duration, &str)> = spent
            .iter()
            .zip(RULES.iter())
            .map(|(d, r)| (*d, r.meta().code))
            .collect();
        costs.sort_by(|a, b| b.cmp(a));
        for (d, code) in costs.iter().take(30) {
            println!("{code} {:>8.2} ms", d.as_secs_f64() * 1000.0);
        }
        return;
    }
    time(&files, &["ALL"]);
    let base = time(&files, &["IAM001"]);
    let all = time(&files, &["ALL"]);
    println!(
        "{} files; baseline (IAM001 only) {base:?}; all rules {all:?}",
        files.len()
    );
    let mut costs: Vec<(Duration, &str)> = RULES
        .iter()
        .map(|r| {
            let code = r.meta().code;
            (time(&files, &[code]).saturating_sub(base), code)
        })
        .collect();
    costs.sort_by(|a, b| b.cmp(a));
    for (d, code) in costs.iter().take(25) {
        println!("{code} {:>8.2} ms", d.as_secs_f64() * 1000.0);
    }
}
