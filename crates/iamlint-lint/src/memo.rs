//! A process-wide memo for results that depend only on their key and the catalog: action
//! resolutions, ARN candidates, key classes. Files repeat the same actions and ARNs, and
//! every worker thread shares what another has already worked out.

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
}

#[cfg(test)]
mod tests {
    use super::SharedMemo;

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
