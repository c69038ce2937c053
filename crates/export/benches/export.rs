//! Time to write the .docx and .xlsx of the complete sample, natively: `cargo bench -p zipin-export`.

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

fn main() {
    let doc = zipin_core::samples::example();
    for (what, write) in [
        (
            "docx",
            zipin_export::docx
                as fn(&zipin_core::Document) -> Result<Vec<u8>, zipin_export::ExportError>,
        ),
        ("xlsx", zipin_export::xlsx),
    ] {
        let mut runs: Vec<f64> = (0..15)
            .map(|_| {
                let start = Instant::now();
                let bytes = write(black_box(&doc)).map(|b| b.len()).unwrap_or(0);
                black_box(bytes);
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        runs.sort_by(f64::total_cmp);
        let size = write(&doc).map(|b| b.len()).unwrap_or(0);
        println!(
            "{what} of the complete sample: median {:.2} ms, best {:.2} ms ({size} bytes)",
            runs[7], runs[0]
        );
    }
}
