//! The global allocator: mimalloc (version 2), called directly.
//!
//! The linter allocates many small trees and strings, and mimalloc takes about a fifth off a
//! run over the managed-policy corpus (BENCHMARKS.md); version 2 touches less fresh memory
//! than version 3 here (about 3% faster, 53 MB peak RSS against 77 MB). The `mimalloc` crate
//! sends every allocation through mimalloc's aligned entry points, which check the alignment
//! first; nearly every Rust allocation asks for 8 bytes or less, which every mimalloc block
//! has, so those take the plain ones (about 1.5% of the run's instructions).

#![expect(
    unsafe_code,
    reason = "a global allocator is unsafe to implement; this one only forwards to mimalloc"
)]

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// Every mimalloc block is aligned to at least a machine word.
const WORD: usize = std::mem::size_of::<usize>();

pub struct MiMalloc;

// SAFETY: each method forwards to the mimalloc function with the same contract; a block is
// allocated by the plain functions only when its alignment is at most a word, which every
// mimalloc block has, and `realloc` keeps the layout's alignment, so it takes the same branch
// the allocation took. `mi_free` frees blocks from either.
unsafe impl GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: see the impl
        unsafe {
            if layout.align() <= WORD {
                mi::mi_malloc(layout.size()).cast()
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: see the impl
        unsafe {
            if layout.align() <= WORD {
                mi::mi_zalloc(layout.size()).cast()
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: see the impl
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: see the impl
        unsafe {
            if layout.align() <= WORD {
                mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}
