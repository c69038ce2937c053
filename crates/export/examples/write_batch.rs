//! Writes N varied unit files (`zipin_core::samples::varied`) into DIR, for the 汇总 view's benchmark and
//! end-to-end tests: `cargo run -p zipin-export --example write_batch -- DIR N`.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::disallowed_methods
)] // Tests, benchmarks and examples may panic and use literals; the library code may not.

use zipin_core::migrate::to_json;
use zipin_core::samples::varied;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(Ok(n))) = (args.first(), args.get(1).map(|n| n.parse::<usize>())) else {
        eprintln!("usage: write_batch DIR N");
        std::process::exit(2);
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("{dir}: {e}");
        std::process::exit(1);
    }
    for i in 0..n {
        let path = std::path::Path::new(dir).join(format!("unit-{i:04}.json"));
        if let Err(e) = std::fs::write(&path, to_json(&varied(i))) {
            eprintln!("{}: {e}", path.display());
            std::process::exit(1);
        }
    }
}
