//! `iamlint rules` and `iamlint explain`.

use clap::{Args, ValueEnum};
use iamlint_lint::{RULES, RuleMeta, find_rule};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ListFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code (`IAM111`) or name (`effect-invalid`).
    pub rule: String,
}

#[derive(Serialize)]
struct JsonRule {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    category: &'static str,
    fix: &'static str,
    default_enabled: bool,
    summary: &'static str,
}

fn json_rule(m: &RuleMeta) -> JsonRule {
    JsonRule {
        code: m.code,
        name: m.name,
        severity: m.severity.as_str(),
        category: m.category.as_str(),
        fix: m.fix.as_str(),
        default_enabled: m.default_enabled,
        summary: m.summary,
    }
}

pub fn rules(args: &RulesArgs) -> u8 {
    let metas: Vec<&RuleMeta> = RULES.iter().map(|r| r.meta()).collect();
    match args.format {
        ListFormat::Json => {
            let list: Vec<JsonRule> = metas.iter().map(|m| json_rule(m)).collect();
            match serde_json::to_string_pretty(&list) {
                Ok(s) => println!("{s}"),
                Err(e) => {
                    eprintln!("iamlint: {e}");
                    return 2;
                }
            }
        }
        ListFormat::Text => {
            let width = metas.iter().map(|m| m.name.len()).max().unwrap_or(10);
            println!(
                "{:<7} {:<width$} {:<8} {:<11} {:<9} {:<3} SUMMARY",
                "CODE", "NAME", "SEVERITY", "CATEGORY", "FIX", "ON"
            );
            for m in &metas {
                println!(
                    "{:<7} {:<width$} {:<8} {:<11} {:<9} {:<3} {}",
                    m.code,
                    m.name,
                    m.severity.as_str(),
                    m.category.as_str(),
                    m.fix.as_str(),
                    if m.default_enabled { "yes" } else { "no" },
                    m.summary
                );
            }
            println!(
                "\n{} rules. `iamlint explain <CODE|NAME>` shows a rule's documentation.",
                metas.len()
            );
        }
    }
    0
}

pub fn explain(args: &ExplainArgs) -> u8 {
    let Some(rule) = find_rule(&args.rule) else {
        eprintln!(
            "iamlint: no rule is called `{}`; `iamlint rules` lists them",
            args.rule
        );
        return 2;
    };
    let m = rule.meta();
    println!(
        "{} {}: severity {}, category {}, fix {}, {} by default\n",
        m.code,
        m.name,
        m.severity.as_str(),
        m.category.as_str(),
        m.fix.as_str(),
        if m.default_enabled { "on" } else { "off" }
    );
    print!("{}", m.doc);
    0
}
