//! Turning command-line paths into the list of files to check.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One thing to check.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

/// Where an item goes in the report: the command line's order of paths, then, within a
/// directory, the order of a walk that visits each directory's entries sorted by name. The
/// walk itself takes entries in the order the file system lists them, so that checking starts
/// with the first of them rather than after the whole directory has been read and sorted;
/// sorting by this key afterwards gives the sorted walk's order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Order {
    argument: usize,
    /// Errors after the files of their argument, by message.
    is_error: bool,
    /// The path's components joined by NUL bytes (which no name contains), so that comparing
    /// keys as bytes compares paths component by component: `a/x.json` before `a.json`, as a
    /// walk visiting the directory `a` before the file `a.json` has it.
    key: Vec<u8>,
}

impl Order {
    /// The place of `item`, which came from the command line's `argument`th path.
    pub fn of(argument: usize, item: &Result<Input, String>) -> Order {
        let key = match item {
            Ok(Input::Stdin) => Vec::new(),
            Ok(Input::File(path)) => {
                let mut key = Vec::with_capacity(path.as_os_str().len());
                for (i, c) in path.components().enumerate() {
                    if i > 0 {
                        key.push(0);
                    }
                    key.extend_from_slice(c.as_os_str().as_encoded_bytes());
                }
                key
            }
            Err(message) => message.as_bytes().to_vec(),
        };
        Order {
            argument,
            is_error: item.is_err(),
            key,
        }
    }
}

/// Expands `paths` lazily: `-` is stdin, a file is taken as is (whatever its extension), a
/// directory is walked recursively for `*.json`, honouring `.gitignore`, `.ignore` and hidden
/// files as git would. Duplicates are dropped (the first argument naming a file keeps it). An
/// `Err` is a message about a path that could not be used. Each item comes with the position
/// of the path it came from (for its [`Order`] in the report, which the caller works out off
/// the walk); within a directory, items come in the order the file system lists them.
///
/// Lazy, so that checking starts while a large directory is still being walked. The walk is
/// shared by the workers, one step at a time, so each step does as little as it can.
pub fn stream(
    paths: &[String],
) -> impl Iterator<Item = (usize, Result<Input, String>)> + Send + '_ {
    // one path cannot name a file twice (a walk visits each once): nothing to drop then.
    // Otherwise a hash set: ordered sets compare paths component by component, which cost
    // more than the walk itself on a large directory
    let mut seen = (paths.len() > 1).then(HashSet::new);
    paths
        .iter()
        .enumerate()
        .flat_map(|(argument, p)| expand(p).map(move |item| (argument, item)))
        .filter(move |(_, item)| match (item, &mut seen) {
            (Ok(input), Some(seen)) => seen.insert(input.clone()),
            _ => true,
        })
}

fn expand(p: &String) -> Box<dyn Iterator<Item = Result<Input, String>> + Send + '_> {
    if p == "-" {
        return Box::new(std::iter::once(Ok(Input::Stdin)));
    }
    let path = Path::new(p);
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            // unsorted: `Order` puts the files in place afterwards
            let walker = ignore::WalkBuilder::new(path).require_git(false).build();
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
