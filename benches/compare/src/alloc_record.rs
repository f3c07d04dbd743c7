//! The allocations one decode makes, so that the bench can time them on their own.
//!
//! An owned decode into `String`s, `Vec`s and `BTreeMap`s must make its allocations whatever
//! its parser does, and on this payload set they are a large share of its time. Replaying
//! the same allocation sizes, each filled by a copy, gives the floor under any decoder
//! into these types; the bench reports it next to the decoders.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The system allocator, noting the size of every allocation while recording is on.
///
/// Declare it as the bench's `#[global_allocator]`. While not recording it costs one
/// relaxed load per allocation.
pub struct Recorder;

const CAPACITY: usize = 1 << 16;

static RECORDING: AtomicBool = AtomicBool::new(false);
static COUNT: AtomicUsize = AtomicUsize::new(0);
// A fixed table, since the recorder cannot allocate while it records.
static SIZES: [AtomicUsize; CAPACITY] = [const { AtomicUsize::new(0) }; CAPACITY];

impl Recorder {
    fn note(size: usize) {
        if RECORDING.load(Ordering::Relaxed) {
            let at = COUNT.fetch_add(1, Ordering::Relaxed);
            if let Some(slot) = SIZES.get(at) {
                slot.store(size, Ordering::Relaxed);
            }
        }
    }
}

// SAFETY: every call forwards to `System` with the caller's own arguments.
unsafe impl GlobalAlloc for Recorder {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Self::note(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        Self::note(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        Self::note(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// Runs `f` on this thread, the only one allocating, and returns what it made with the
/// sizes of the allocations (and reallocations) it made, in order.
///
/// Panics if `Recorder` is not the global allocator, since then nothing is recorded.
pub fn record<T>(f: impl FnOnce() -> T) -> (T, Vec<usize>) {
    COUNT.store(0, Ordering::Relaxed);
    RECORDING.store(true, Ordering::SeqCst);
    let made = f();
    RECORDING.store(false, Ordering::SeqCst);
    let count = COUNT.load(Ordering::Relaxed).min(CAPACITY);
    let sizes = SIZES[..count]
        .iter()
        .map(|size| size.load(Ordering::Relaxed))
        .collect();
    (made, sizes)
}

/// The allocations of a recorded decode, replayed: one vector of each size, filled from a
/// source buffer, as a decoder copies strings into theirs.
pub struct Replay {
    sizes: Vec<usize>,
    source: Vec<u8>,
}

impl Replay {
    pub fn new(sizes: Vec<usize>) -> Self {
        let largest = sizes.iter().copied().max().unwrap_or(0);
        Replay {
            sizes,
            source: vec![0x5a; largest],
        }
    }

    /// How many allocations one replay makes.
    pub fn len(&self) -> usize {
        self.sizes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sizes.is_empty()
    }

    /// Makes the allocations into `held`, which keeps them until the caller frees them (as a
    /// decoded value would be freed after the timed region).
    pub fn run(&self, held: &mut Vec<Vec<u8>>) {
        for &size in &self.sizes {
            let mut block = Vec::with_capacity(size);
            block.extend_from_slice(&self.source[..size]);
            held.push(block);
        }
    }
}
