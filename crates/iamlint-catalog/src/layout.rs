//! What the build script precomputes from `data/catalog.txt` and the library reads back: where
//! the text's fields end, and the action index. One file, compiled into both (the build script
//! includes it with `#[path]`), so that the two cannot disagree on a layout or a hash.

/// A field ends at this byte of the text, and the line with it (the bit is set on the position
/// of a line break; text positions stay below it).
pub const LINE_END: u32 = 1 << 31;

/// The number of slots of an action index over `actions` actions: at least twice as many, so
/// that probes are short and always end.
pub fn index_size(actions: usize) -> usize {
    (actions * 2).next_power_of_two().max(2)
}

/// A hash of `prefix` and `name` that ignores ASCII case: eight bytes at a time with the case
/// bit set (which equal-ignoring-case strings share; other bytes only collide more).
pub fn action_hash(prefix: &str, name: &str) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h: u64 = 0;
    for part in [prefix.as_bytes(), name.as_bytes()] {
        let mut chunks = part.chunks_exact(8);
        for c in &mut chunks {
            let w = <[u8; 8]>::try_from(c).unwrap_or_default();
            h = (h ^ (u64::from_le_bytes(w) | 0x2020_2020_2020_2020)).wrapping_mul(K);
        }
        let mut w = [0u8; 8];
        for (d, s) in w.iter_mut().zip(chunks.remainder()) {
            *d = *s | 0x20;
        }
        h = (h ^ u64::from_le_bytes(w) ^ part.len() as u64).wrapping_mul(K);
    }
    h ^ (h >> 32)
}

/// The first slot to probe for `hash` in an index of `size` slots (a power of two).
pub fn first_slot(hash: u64, size: usize) -> usize {
    (hash >> (64 - size.trailing_zeros())) as usize
}

/// The tag of `hash` that a slot keeps (never 0, which marks an empty slot).
pub fn tag(hash: u64) -> u32 {
    (hash as u32).max(1)
}

/// Puts the action at `index` into the first free slot from its hash's: the tag in the high
/// half, the index plus one in the low half.
pub fn insert(slots: &mut [u64], hash: u64, index: usize) {
    let mask = slots.len().wrapping_sub(1);
    let mut slot = first_slot(hash, slots.len());
    for _ in 0..slots.len() {
        match slots.get_mut(slot) {
            Some(entry) if *entry == 0 => {
                *entry = (u64::from(tag(hash)) << 32) | (index as u64 + 1);
                return;
            }
            Some(_) => slot = (slot + 1) & mask,
            None => return,
        }
    }
}
