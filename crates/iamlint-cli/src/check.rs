//! `iamlint check`.

use std::io::{IsTerminal, Read, Write};

use clap::{Args, ValueEnum};
use iamlint_diagnostics::{Applicability, apply_fixes};
use iamlint_lint::{Checked, Options, Selection, check_bytes, check_string, check_text};
use iamlint_model::PolicyType;
use rayon::prelude::*;

use crate::inputs::{Input, Order, describe, stream};
use crate::output::{self, FileReport};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Source excerpts with underlined spans, help and fixes.
    #[default]
    Text,
    /// One line per finding: `path:line:col: severity[CODE/name] message`.
    Concise,
    /// One JSON object (see the README for the schema).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Color {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, directories (searched for `*.json`, honouring .gitignore) or `-` for stdin.
    #[arg(default_value = ".")]
    pub paths: Vec<String>,
    /// The kind of policy: auto, identity, resource, trust, boundary, scp, rcp or session.
    /// `auto` decides from each document's shape.
    #[arg(long, value_name = "TYPE", default_value = "auto", value_parser = parse_policy_type)]
    pub policy_type: TypeChoice,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Run only these rules (codes, code prefixes, names, categories or ALL), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Run these rules in addition to the selected ones.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,
    /// Do not run these rules.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Apply safe fixes in place (for stdin, print the fixed document).
    #[arg(long)]
    pub fix: bool,
    /// With --fix, also apply fixes that change what the policy grants.
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,
    /// Exit with status 0 even when problems are found (2 still means an error).
    #[arg(long)]
    pub exit_zero: bool,
    /// The file name to show for stdin.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub color: Color,
    /// Treat this action as known although the catalog lacks it (repeatable; `*` and `?`
    /// allowed). The catalog always lags AWS.
    #[arg(long, value_name = "ACTION")]
    pub known_action: Vec<String>,
    /// Treat this condition key as known (repeatable).
    #[arg(long, value_name = "KEY")]
    pub known_condition_key: Vec<String>,
    /// For resource policies: the resource type holding the policy, as Access Analyzer names
    /// it (`AWS::S3::Bucket`) or as a service prefix (`s3`, `kms`, `sqs`).
    #[arg(long, value_name = "TYPE")]
    pub resource_type: Option<String>,
    /// The 12-digit id of the account the policies belong to; enables the cross-account rules.
    #[arg(long, value_name = "ID")]
    pub account_id: Option<String>,
    /// An ARN (wildcards allowed) that must not be granted; repeatable. Enables
    /// `sensitive-resource-access`.
    #[arg(long, value_name = "ARN")]
    pub sensitive_resource: Vec<String>,
    /// Skip the checks the SMT prover decides (`deny-shadows-allow`, `redundant-statement`).
    #[arg(long)]
    pub no_smt: bool,
}

/// `auto` or one policy type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeChoice(pub Option<PolicyType>);

fn parse_policy_type(s: &str) -> Result<TypeChoice, String> {
    if s == "auto" {
        return Ok(TypeChoice(None));
    }
    PolicyType::parse(s)
        .map(|t| TypeChoice(Some(t)))
        .ok_or_else(|| {
            "expected one of auto, identity, resource, trust, boundary, scp, rcp, session"
                .to_owned()
        })
}

/// Checks everything and prints the report. Returns the exit status.
pub fn run(args: &CheckArgs) -> u8 {
    let selection =
        match Selection::resolve(args.select.as_deref(), &args.extend_select, &args.ignore) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("iamlint: {e}");
                return 2;
            }
        };
    let options = Options {
        policy_type: args.policy_type.0,
        selection,
        known_actions: args.known_action.clone(),
        known_condition_keys: args.known_condition_key.clone(),
        resource_type: args.resource_type.clone(),
        account_id: args.account_id.clone(),
        sensitive_resources: args.sensitive_resource.clone(),
        no_smt: args.no_smt,
        now: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .and_then(|d| i64::try_from(d.as_secs()).ok()),
    };
    let min = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };

    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    // the walk feeds the workers as it goes; each worker checks a file and renders its part of
    // the report, and the report's order is restored afterwards. The reports travel boxed:
    // the vectors that gather them grow by copying, into fresh memory, which the kernel
    // clears first (a report is some 200 bytes, a box 8)
    let mut results: Vec<(Order, Result<Box<FileReport>, String>)> = stream(&args.paths)
        .par_bridge()
        .map(|(argument, item)| {
            let order = Order::of(argument, &item);
            let report = item.and_then(|input| {
                check_one(&input, args, &options, min).map(|mut report| {
                    report.rendered = output::render_file(&report, args.format, color);
                    if report.rendered.is_some() {
                        // rendered: the text and diagnostics are freed now, so that the next
                        // files reuse their memory (fresh memory costs the kernel a page
                        // clear); stdin's fixed text is still to be printed
                        report.diagnostics = Vec::new();
                        if !report.is_stdin {
                            report.text = String::new();
                        }
                    }
                    Box::new(report)
                })
            });
            (order, report)
        })
        .collect();
    results.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut reports = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for (_, r) in results {
        match r {
            Ok(rep) => reports.push(rep),
            Err(e) => errors.push(e),
        }
    }
    for e in &errors {
        eprintln!("iamlint: {e}");
    }
    let stdin_fixed = args.fix && reports.iter().any(|r| r.is_stdin);
    let write_report = |w: &mut dyn Write| match args.format {
        Format::Json => w.write_all(output::json(&reports).as_bytes()),
        Format::Text | Format::Concise => {
            output::write_parts(&mut &mut *w, &reports, args.format, color, args.fix)
        }
    };
    // a closed pipe (`iamlint check | head`) ends the output, not the run
    if stdin_fixed {
        // the fixed document goes to stdout, the report to stderr
        let mut out = std::io::stdout().lock();
        for r in reports.iter().filter(|r| r.is_stdin) {
            let _ = out.write_all(r.text.as_bytes());
        }
        let _ = out.flush();
        let _ = write_report(&mut std::io::stderr().lock());
    } else {
        let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
        let _ = write_report(&mut out).and_then(|()| out.flush());
    }
    if !errors.is_empty() {
        return 2;
    }
    let failing = reports.iter().any(|r| r.tally.fails);
    u8::from(failing && !args.exit_zero)
}

fn check_one(
    input: &Input,
    args: &CheckArgs,
    options: &Options,
    min: Applicability,
) -> Result<FileReport, String> {
    let (path, bytes) = match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read stdin: {}", describe(&e)))?;
            (
                args.stdin_filename
                    .clone()
                    .unwrap_or_else(|| "-".to_owned()),
                buf,
            )
        }
        Input::File(p) => {
            let shown = p.display().to_string();
            let bytes =
                std::fs::read(p).map_err(|e| format!("cannot read `{shown}`: {}", describe(&e)))?;
            (shown, bytes)
        }
    };
    // valid UTF-8 (nearly always) is checked in place, without a copy
    let (mut checked, valid_utf8) = match String::from_utf8(bytes) {
        Ok(text) => (check_string(text, options), true),
        Err(e) => (check_bytes(e.as_bytes(), options), false),
    };
    let mut fixed = 0;
    if args.fix && valid_utf8 {
        let (c, n) = fix_until_stable(checked, options, min);
        checked = c;
        fixed = n;
        if let (Input::File(p), true) = (input, fixed > 0) {
            std::fs::write(p, &checked.text)
                .map_err(|e| format!("cannot write `{path}`: {}", describe(&e)))?;
        }
    }
    Ok(FileReport {
        path,
        is_stdin: matches!(input, Input::Stdin),
        fixed,
        text: checked.text,
        policy_type: checked.policy_type,
        tally: output::Tally::of(&checked.diagnostics),
        diagnostics: checked.diagnostics,
        rendered: None,
    })
}

/// Applies fixes until none applies (at most 10 rounds, which no rule needs).
fn fix_until_stable(
    mut checked: Checked,
    options: &Options,
    min: Applicability,
) -> (Checked, usize) {
    let mut total = 0;
    for _ in 0..10 {
        let out = apply_fixes(&checked.text, &checked.diagnostics, min);
        if out.applied == 0 {
            break;
        }
        total += out.applied;
        checked = check_text(&out.text, options);
    }
    (checked, total)
}
