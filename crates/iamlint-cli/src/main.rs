//! The `iamlint` binary: `check`, `rules` and `explain`.

mod check;
mod inputs;
mod output;
mod rules_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    Check(check::CheckArgs),
    /// List every rule with its code, name, severity, category and fixability.
    Rules(rules_cmd::RulesArgs),
    /// Print the documentation of a rule, by code (`IAM111`) or name (`effect-invalid`).
    Explain(rules_cmd::ExplainArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules(args) => rules_cmd::rules(&args),
        Command::Explain(args) => rules_cmd::explain(&args),
    };
    ExitCode::from(code)
}
