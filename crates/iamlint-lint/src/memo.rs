//! A process-wide memo for results that depend only on their key and the catalog: action
//! resolutions, ARN candidates, key classes. Files repeat the same actions and ARNs, and
//! every worker thread shares what another has already worked out.

use std::fmt::Write;
use std::sync::{LazyLock, RwLock};

use rustc_hash::FxHashMap;

/// Entries kept before the memo starts afresh (a bound on memory for huge inputs).
const LIMIT: usize = 100_000;

type Map<V> = RwLock<FxHashMap<Box<str>, V>>;

fn empty<V>() -> Map<V> {
    RwLock::new(FxHashMap::default())
}

pub(crate) struct SharedMemo<V: 'static> {
    map: LazyLock<Map<V>, fn() -> Map<V>>,
}

impl<V: Clone> SharedMemo<V> {
    pub(crate) const fn new() -> Self {
        SharedMemo {
            map: LazyLock::new(empty::<V>),
        }
    }

    /// The value for `key`, computed with `compute` the first time. A poisoned lock (a panic
    /// elsewhere while holding it) only costs the memo, never the answer.
    pub(crate) fn get_or_compute(&self, key: &str, compute: impl FnOnce() -> V) -> V {
        if let Some(hit) = self.map.read().ok().and_then(|m| m.get(key).cloned()) {
            return hit;
        }
        let value = compute();
        if let Ok(mut m) = self.map.write() {
            if m.len() >= LIMIT {
                m.clear();
            }
            m.entry(key.into()).or_insert_with(|| value.clone());
        }
        value
    }

    /// [`SharedMemo::get_or_compute`] for the key made of `parts` joined by NUL bytes, built
    /// in a buffer each thread reuses rather than a new string per lookup.
    pub(crate) fn get_or_compute_parts(&self, parts: &[&str], compute: impl FnOnce() -> V) -> V {
        self.with_key(
            |key| {
                for (i, part) in parts.iter().enumerate() {
                    if i > 0 {
                        key.push('\0');
                    }
                    key.push_str(part);
                }
            },
            compute,
        )
    }

    /// [`SharedMemo::get_or_compute_parts`] for a number and a string.
    pub(crate) fn get_or_compute_numbered(
        &self,
        number: usize,
        part: &str,
        compute: impl FnOnce() -> V,
    ) -> V {
        self.with_key(
            |key| {
                // writing to a `String` cannot fail
                let _ = write!(key, "{number}\0{part}");
            },
            compute,
        )
    }

    /// The value for the key that `write` writes into a buffer each thread reuses.
    fn with_key(&self, write: impl FnOnce(&mut String), compute: impl FnOnce() -> V) -> V {
        thread_local! {
            static KEY: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
        }
        // taken out while in use: `compute` may look up another memo on this thread
        let mut key = KEY.take();
        key.clear();
        write(&mut key);
        let value = self.get_or_compute(&key, compute);
        KEY.set(key);
        value
    }
}

#[cfg(test)]
mod tests {
    use super::SharedMemo;

    #[test]
    fn numbered_keys_keep_number_and_string_apart() {
        static MEMO: SharedMemo<usize> = SharedMemo::new();
        assert_eq!(MEMO.get_or_compute_numbered(1, "2x", || 1), 1);
        assert_eq!(MEMO.get_or_compute_numbered(12, "x", || 2), 2);
        assert_eq!(MEMO.get_or_compute_numbered(1, "2x", || 3), 1);
        assert_eq!(MEMO.get_or_compute_numbered(12, "x", || 4), 2);
    }

    #[test]
    fn keys_of_parts_are_joined_unambiguously() {
        static MEMO: SharedMemo<usize> = SharedMemo::new();
        assert_eq!(MEMO.get_or_compute_parts(&["a", "bc"], || 1), 1);
        assert_eq!(MEMO.get_or_compute_parts(&["ab", "c"], || 2), 2);
        assert_eq!(MEMO.get_or_compute_parts(&["a", "bc"], || 3), 1);
        // a lookup inside the computation of another keeps both keys apart
        let nested =
            MEMO.get_or_compute_parts(&["x"], || MEMO.get_or_compute_parts(&["y"], || 4) + 1);
        assert_eq!((nested, MEMO.get_or_compute_parts(&["y"], || 9)), (5, 4));
    }

    #[test]
    fn computes_once_per_key() {
        static MEMO: SharedMemo<usize> = SharedMemo::new();
        let mut calls = 0;
        assert_eq!(
            MEMO.get_or_compute("a", || {
                calls += 1;
                1
            }),
            1
        );
        assert_eq!(
            MEMO.get_or_compute("a", || {
                calls += 1;
                2
            }),
            1
        );
        assert_eq!(
            MEMO.get_or_compute("b", || {
                calls += 1;
                3
            }),
            3
        );
        assert_eq!(calls, 2);
    }
}
