//! Scores 1,000 documents natively and prints the time: `cargo bench -p zipin-core`.
//! A benchmark, not a test: it reports a figure and asserts nothing about time.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::disallowed_methods
)] // Tests, benchmarks and examples may panic and use literals; the library code may not.

use std::hint::black_box;
use std::time::Instant;

use zipin_core::checks::run_checks;
use zipin_core::{evaluate, samples};

fn main() {
    let base = [samples::seed(), samples::example()];
    // 1,000 distinct documents: the two samples with varied spending so no result can be reused.
    let docs: Vec<_> = (0..1000)
        .map(|i| {
            let mut doc = base[i % 2].clone();
            doc.finance.procurement_actual =
                Some(rust_decimal::Decimal::new(150_000 + i as i64 * 37, 2));
            doc
        })
        .collect();
    measure("score of 1000 documents", || {
        for doc in &docs {
            black_box(evaluate(black_box(doc)));
        }
    });
    measure("score + checks of 1000 documents", || {
        for doc in &docs {
            let evaluation = evaluate(black_box(doc));
            black_box(run_checks(doc, &evaluation));
        }
    });
}

/// Runs `work` 7 times and prints the median, best and worst wall time.
fn measure(what: &str, mut work: impl FnMut()) {
    let mut runs: Vec<_> = (0..7)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    runs.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!(
        "{what}: median {:.1} ms, best {:.1} ms, worst {:.1} ms (7 runs)",
        ms(runs[runs.len() / 2]),
        ms(runs[0]),
        ms(runs[runs.len() - 1])
    );
}
