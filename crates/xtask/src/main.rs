//! `cargo xtask codegen [--check]`: regenerate (or verify) the generated files.

use std::process::ExitCode;

use xtask::root;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    match args.first().map(String::as_str) {
        Some("codegen") => codegen(check),
        _ => {
            eprintln!("usage: cargo xtask codegen [--check]");
            ExitCode::from(2)
        }
    }
}

fn codegen(check: bool) -> ExitCode {
    let (files, notes) = match xtask::all() {
        Ok(x) => x,
        Err(e) => {
            eprintln!("xtask: {e}");
            return ExitCode::from(2);
        }
    };
    for n in notes {
        eprintln!("xtask: note: {n}");
    }
    let mut stale = Vec::new();
    for g in files {
        let path = root().join(g.path);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current == g.content {
            continue;
        }
        if check {
            stale.push(g.path);
        } else if let Err(e) = std::fs::write(&path, &g.content) {
            eprintln!("xtask: cannot write {}: {e}", g.path);
            return ExitCode::from(2);
        } else {
            println!("wrote {}", g.path);
        }
    }
    if !stale.is_empty() {
        eprintln!(
            "xtask: stale generated files (run `cargo xtask codegen`): {}",
            stale.join(", ")
        );
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
