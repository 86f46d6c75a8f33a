//! Heap memory held by the parsed catalog (`cargo bench -p iamlint-catalog --bench memory`),
//! measured with a counting allocator. The embedded text itself lives in the binary's
//! read-only data and is reported separately. The target is under 20 MB in all.

#![allow(
    unsafe_code,
    reason = "a global allocator is unsafe to implement; it only counts and delegates"
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: delegates to the system allocator and only counts sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let catalog = iamlint_catalog::Catalog::parse(
        iamlint_catalog::CATALOG_TEXT,
        iamlint_catalog::REGIONS_TEXT,
    );
    let held = LIVE.load(Ordering::Relaxed) - before;
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let text = iamlint_catalog::CATALOG_TEXT.len()
        + iamlint_catalog::REGIONS_TEXT.len()
        + iamlint_catalog::embedded_tables_len();
    println!(
        "catalog heap held: {:.2} MB ({held} bytes), peak during parse: {:.2} MB",
        held as f64 / 1e6,
        peak as f64 / 1e6
    );
    println!(
        "embedded text and the build script's tables (read-only data): {:.2} MB ({text} bytes)",
        text as f64 / 1e6
    );
    let indexed = LIVE.load(Ordering::Relaxed);
    catalog.index_actions();
    let index = LIVE.load(Ordering::Relaxed) - indexed;
    println!(
        "action index on the heap (none: the build script's is read in place): {:.2} MB ({index} bytes)",
        index as f64 / 1e6
    );
    println!(
        "total: {:.2} MB; actions {}, services {}",
        (held + index + text) as f64 / 1e6,
        catalog.actions.len(),
        catalog.services.len()
    );
}
