//! Turning command-line paths into the list of files to check.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One thing to check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

/// Files to check, and messages about paths that could not be used.
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    pub errors: Vec<String>,
}

/// Expands `paths`: `-` is stdin, a file is taken as is (whatever its extension), a
/// directory is walked recursively for `*.json`, honouring `.gitignore`, `.ignore` and hidden
/// files as git would. Duplicates are dropped; directory contents are sorted.
pub fn collect(paths: &[String]) -> Collected {
    let mut out = Collected::default();
    let mut seen = BTreeSet::new();
    let mut push = |out: &mut Collected, input: Input| {
        if seen.insert(input.clone()) {
            out.inputs.push(input);
        }
    };
    for p in paths {
        if p == "-" {
            push(&mut out, Input::Stdin);
            continue;
        }
        let path = Path::new(p);
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                // walk in parallel, then sort, so that the order does not depend on timing
                let found = std::sync::Mutex::new(Vec::new());
                let errors = std::sync::Mutex::new(Vec::new());
                ignore::WalkBuilder::new(path)
                    .require_git(false)
                    .build_parallel()
                    .run(|| {
                        Box::new(|entry| {
                            match entry {
                                Ok(e) => {
                                    let is_file = e.file_type().is_some_and(|t| t.is_file());
                                    let is_json = e
                                        .path()
                                        .extension()
                                        .is_some_and(|x| x.eq_ignore_ascii_case("json"));
                                    if is_file
                                        && is_json
                                        && let Ok(mut f) = found.lock()
                                    {
                                        f.push(e.into_path());
                                    }
                                }
                                Err(e) => {
                                    if let Ok(mut errs) = errors.lock() {
                                        errs.push(format!("cannot walk `{p}`: {e}"));
                                    }
                                }
                            }
                            ignore::WalkState::Continue
                        })
                    });
                let mut found = found.into_inner().unwrap_or_default();
                found.sort();
                let mut errors = errors.into_inner().unwrap_or_default();
                errors.sort();
                out.errors.extend(errors);
                for f in found {
                    push(&mut out, Input::File(f));
                }
            }
            Ok(_) => push(&mut out, Input::File(path.to_path_buf())),
            Err(e) => out
                .errors
                .push(format!("cannot read `{p}`: {}", describe(&e))),
        }
    }
    out
}

/// An IO error as a lowercase phrase.
pub fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let s = e.to_string();
            let mut chars = s.chars();
            match chars.next() {
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => s,
            }
        }
    }
}
