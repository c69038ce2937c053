//! Reads an .xlsx written by Zipin back with calamine and prints, as one JSON array of [sheet name, rows] in the
//! workbook's order, every sheet's cells (numbers as they are stored, other cells as text). The end-to-end tests use it to check a downloaded 自评表.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::disallowed_methods
)] // Tests, benchmarks and examples may panic and use literals; the library code may not.

use calamine::{open_workbook, Data, Reader, Xlsx};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: read_xlsx FILE.xlsx");
        std::process::exit(2);
    };
    let mut book: Xlsx<_> = match open_workbook(&path) {
        Ok(book) => book,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let Ok(range) = book.worksheet_range(&name) else {
            continue;
        };
        let rows: Vec<Vec<serde_json::Value>> = range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|cell| match cell {
                        Data::Float(f) => serde_json::json!(f),
                        Data::Int(i) => serde_json::json!(i),
                        Data::Empty => serde_json::Value::Null,
                        other => serde_json::json!(other.to_string()),
                    })
                    .collect()
            })
            .collect();
        sheets.push(serde_json::json!([name, rows]));
    }
    println!("{}", serde_json::Value::Array(sheets));
}
