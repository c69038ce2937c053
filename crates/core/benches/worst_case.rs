//! The worst case the gate lets in, scored natively: `cargo bench -p zipin-core --bench worst_case`.
//! The largest document at the caps (see tests/support/largest.rs) passes the gate, then is scored, checked and
//! reported; the benchmark prints the time of each step (median and worst of 21 runs) and the peak heap memory,
//! counted by a global allocator. A benchmark, not a test: it reports figures and asserts nothing about time.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::disallowed_methods
)] // Tests, benchmarks and examples may panic and use literals; the library code may not.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use zipin_core::checks::run_checks;
use zipin_core::evaluate;
use zipin_core::migrate::{load_document, to_json};
use zipin_core::report::generate;

#[path = "../tests/support/largest.rs"]
mod support;

/// Counts live heap bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                - layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` 21 times; prints the median and the worst time, and the peak heap above what was live before.
fn measure(label: &str, mut f: impl FnMut()) {
    let mut times: Vec<Duration> = Vec::new();
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    for _ in 0..21 {
        let start = Instant::now();
        f();
        times.push(start.elapsed());
    }
    times.sort();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    println!(
        "{label:<44} median {:>7.2} ms   worst {:>7.2} ms   peak heap {:>6.1} MB",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        peak as f64 / 1e6
    );
}

fn main() {
    let doc = support::largest();
    // The file an officer would import: pretty JSON, as the app exports it (its stored form is compact).
    let text = to_json(&doc);
    println!(
        "largest document at the caps: {} bytes stored (compact JSON), {} as a file, {} indicators, {} target rows",
        serde_json::to_string(&doc).map_or(0, |json| json.len()),
        text.len(),
        doc.framework.indicators().count(),
        doc.targets.len()
    );
    measure("gate (JSON text → checked document)", || {
        black_box(load_document(black_box(&text)).expect("the largest document passes the gate"));
    });
    measure("score", || {
        black_box(evaluate(black_box(&doc)));
    });
    measure("score + checks + report", || {
        let evaluation = evaluate(black_box(&doc));
        black_box(run_checks(&doc, &evaluation));
        black_box(generate(&doc, &evaluation));
    });
    // One keystroke in a figure of the open document, step by step as the page does it (state/history.rs).
    let edit = zipin_core::edit::Edit::Set(
        zipin_core::fields::Field::SpendingTotal,
        zipin_core::access::FieldValue::Number(Some(rust_decimal::Decimal::from(4321))),
    );
    measure("keystroke: clone the document", || {
        black_box(black_box(&doc).clone());
    });
    let mut after = doc.clone();
    after.apply(&edit).expect("a figure");
    measure("keystroke: compare before and after", || {
        black_box(black_box(&doc) == black_box(&after));
    });
    measure("keystroke: the gate's refusal check", || {
        black_box(zipin_core::gate::new_refusal(
            black_box(&doc),
            black_box(&after),
        ));
    });
    // The page's path: the stored size is known (the last edit's bound), so the document is not serialised.
    let known = zipin_core::gate::stored_size(&doc);
    let growth = edit.growth_bound().expect("a figure's growth is known");
    measure("keystroke: the gate's check, bound known", || {
        black_box(zipin_core::gate::new_refusal_within(
            black_box(&doc),
            black_box(&after),
            Some(known + growth),
        ));
    });
    // A keystroke in a long paragraph: the text at its cap. Near the document's byte cap, its growth bound (every
    // byte escaped) passes the cap, so the document is measured: the page's path there.
    let long = zipin_core::edit::Edit::Set(
        zipin_core::fields::Field::AnnualWork,
        zipin_core::access::FieldValue::Text("年".repeat(zipin_core::gate::caps::TEXT_CHARS)),
    );
    let mut typed = doc.clone();
    typed.apply(&long).expect("a text");
    let growth = long.growth_bound().expect("a text's growth is known");
    measure("keystroke in a long text: gate (measured)", || {
        black_box(zipin_core::gate::new_refusal_within(
            black_box(&doc),
            black_box(&typed),
            Some(known + growth),
        ));
    });
    measure("keystroke: score + checks", || {
        let evaluation = evaluate(black_box(&after));
        black_box(run_checks(&after, &evaluation));
    });
    measure("autosave: the stored form (encode)", || {
        let stored = zipin_core::store::StoredDocument {
            id: "x".into(),
            title: String::new(),
            saved_at: 0.0,
            writer: String::new(),
            document: black_box(&after).clone(),
            read_only: false,
        };
        black_box(zipin_core::store::encode(&stored));
    });
    measure("gate + score + checks + report", || {
        let doc = load_document(black_box(&text)).expect("checked above");
        let evaluation = evaluate(&doc);
        black_box(run_checks(&doc, &evaluation));
        black_box(generate(&doc, &evaluation));
    });
}
