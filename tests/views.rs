//! The web layer holds no arithmetic on figures and no rule: every sum, rate, rounding and "should be" comes from
//! the core. This test reads every component and fails naming the line that computes with a figure, as
//! `crates/core/tests/layers.rs` fails naming an import cycle.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::arithmetic_side_effects
)] // tests may
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

/// What computing with a figure looks like in this code base: decimal arithmetic (always checked here), sums,
/// rounding, and the constants a rule is made of.
const FIGURE_ARITHMETIC: [&str; 12] = [
    "checked_add(",
    "checked_sub(",
    "checked_mul(",
    "checked_div(",
    "checked_rem(",
    "checked_sum(",
    "sum::<Decimal>",
    ".round_dp",
    "Decimal::ONE_HUNDRED",
    "dec!(",
    "Decimal::new(",
    "RoundingStrategy",
];

/// The lines of `source` that compute with a figure (comments aside), as `line: text`.
fn arithmetic_in(source: &str) -> Vec<String> {
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .filter(|(_, line)| FIGURE_ARITHMETIC.iter().any(|token| line.contains(token)))
        .map(|(n, line)| format!("{}: {}", n + 1, line.trim()))
        .collect()
}

#[test]
fn no_component_computes_with_a_figure() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/components");
    let mut found = Vec::new();
    let mut read = 0;
    for entry in fs::read_dir(&dir).expect("src/components") {
        let path = entry.expect("an entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let source = fs::read_to_string(&path).expect("a component");
        read += 1;
        for line in arithmetic_in(&source) {
            found.push(format!("{}:{line}", path.display()));
        }
    }
    assert!(read >= 20, "only {read} components read");
    assert!(
        found.is_empty(),
        "components compute with figures; ask the core instead:\n{}",
        found.join("\n")
    );
}

/// The page's Content-Security-Policy (index.html) allows styles from its own files only: a `style` attribute is
/// refused by the browser and logged as an error, so no component writes one.
#[test]
fn no_component_writes_an_inline_style() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/components");
    let mut found = Vec::new();
    for entry in fs::read_dir(&dir).expect("src/components") {
        let path = entry.expect("an entry").path();
        let source = fs::read_to_string(&path).unwrap_or_default();
        for (n, line) in source.lines().enumerate() {
            if [" style={", " style=\""].iter().any(|t| line.contains(t)) {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "inline styles the page's policy refuses; use a class in styles/app.css:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_what_it_looks_for() {
    let view = "let x = 1;\n// a.checked_add(b) in a comment\nlet total = checked_sum(weights);\nlet ok = total == Some(Decimal::ONE_HUNDRED);";
    assert_eq!(
        arithmetic_in(view),
        [
            "3: let total = checked_sum(weights);",
            "4: let ok = total == Some(Decimal::ONE_HUNDRED);"
        ]
    );
}
