//! Turning command-line paths into the list of files to check.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One thing to check.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

/// Expands `paths` lazily, in order: `-` is stdin, a file is taken as is (whatever its
/// extension), a directory is walked recursively for `*.json`, honouring `.gitignore`,
/// `.ignore` and hidden files as git would, with its contents sorted. Duplicates are dropped.
/// An `Err` is a message about a path that could not be used.
///
/// Lazy, so that checking starts while a large directory is still being walked.
pub fn stream(paths: &[String]) -> impl Iterator<Item = Result<Input, String>> + Send + '_ {
    // a hash set: ordered sets compare paths component by component, which cost more than the
    // walk itself on a large directory
    let mut seen = HashSet::new();
    paths
        .iter()
        .flat_map(expand)
        .filter(move |item| match item {
            Ok(input) => seen.insert(input.clone()),
            Err(_) => true,
        })
}

fn expand(p: &String) -> Box<dyn Iterator<Item = Result<Input, String>> + Send + '_> {
    if p == "-" {
        return Box::new(std::iter::once(Ok(Input::Stdin)));
    }
    let path = Path::new(p);
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            let walker = ignore::WalkBuilder::new(path)
                .require_git(false)
                // siblings' paths differ only in the name, so comparing whole paths as bytes
                // orders them by name; the walker would find each name anew for every
                // comparison, which cost more than the rest of the walk
                .sort_by_file_path(|a, b| a.as_os_str().cmp(b.as_os_str()))
                .build();
            Box::new(walker.filter_map(move |entry| match entry {
                Ok(e) => {
                    let is_file = e.file_type().is_some_and(|t| t.is_file());
                    let is_json = e
                        .path()
                        .extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("json"));
                    (is_file && is_json).then(|| Ok(Input::File(e.into_path())))
                }
                Err(e) => Some(Err(format!("cannot walk `{p}`: {e}"))),
            }))
        }
        Ok(_) => Box::new(std::iter::once(Ok(Input::File(path.to_path_buf())))),
        Err(e) => Box::new(std::iter::once(Err(format!(
            "cannot read `{p}`: {}",
            describe(&e)
        )))),
    }
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
