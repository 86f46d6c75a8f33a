//! Precomputes, from the committed `data/catalog.txt`, what the library would otherwise work
//! out at every start: where the text's fields end, and the action index (`src/layout.rs` has
//! both layouts). The library checks that they fit the text it parses and falls back to doing
//! the work itself when they do not.

use std::path::{Path, PathBuf};

#[path = "src/layout.rs"]
mod layout;

fn main() -> Result<(), String> {
    println!("cargo::rerun-if-changed=data/catalog.txt");
    println!("cargo::rerun-if-changed=src/layout.rs");
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").ok_or("no CARGO_MANIFEST_DIR")?;
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("no OUT_DIR")?);
    let path = Path::new(&manifest).join("data/catalog.txt");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;

    let separators = separators(text.as_bytes()).ok_or("catalog.txt is too long")?;
    write(
        &out.join("separators.bin"),
        separators.iter().flat_map(|s| s.to_le_bytes()),
    )?;

    // the actions in catalog order, with their service's prefix: the A records that follow an
    // S record and have the five fields the parser takes
    let mut prefix = None;
    let mut actions = Vec::new();
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["S", p, _, _] => prefix = Some(*p),
            ["A", name, _, _, _, _] => {
                if let Some(p) = prefix {
                    actions.push((p, *name));
                }
            }
            _ => {}
        }
    }
    let mut slots = vec![0u64; layout::index_size(actions.len())];
    for (index, (prefix, name)) in actions.iter().enumerate() {
        layout::insert(&mut slots, layout::action_hash(prefix, name), index);
    }
    write(
        &out.join("action_index.bin"),
        slots.iter().flat_map(|s| s.to_le_bytes()),
    )?;

    let constants = format!(
        "/// The length of the text the tables were computed from.\n\
         pub const TEXT_LEN: usize = {};\n\
         /// The number of actions the index holds.\n\
         pub const ACTIONS: usize = {};\n",
        text.len(),
        actions.len()
    );
    std::fs::write(out.join("layout_constants.rs"), constants)
        .map_err(|e| format!("cannot write layout_constants.rs: {e}"))
}

fn write(path: &Path, bytes: impl Iterator<Item = u8>) -> Result<(), String> {
    std::fs::write(path, bytes.collect::<Vec<u8>>())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The separators of `text` (tabs and line breaks) in order, as positions with
/// [`layout::LINE_END`] set on line breaks. `None` for a text too long to tag.
fn separators(text: &[u8]) -> Option<Vec<u32>> {
    let mut out = Vec::with_capacity(text.len() / 8);
    for (at, &b) in text.iter().enumerate() {
        let at = u32::try_from(at).ok().filter(|&a| a < layout::LINE_END)?;
        match b {
            b'\t' => out.push(at),
            b'\n' => out.push(at | layout::LINE_END),
            _ => {}
        }
    }
    Some(out)
}
