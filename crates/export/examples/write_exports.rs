//! Writes the .docx report and the .xlsx 自评表 of both built-in samples into a folder, under fixed names
//! (`seed-report.docx`, `seed-table.xlsx`, `example-report.docx`, `example-table.xlsx`, and for a sample with
//! projects `example-projects-form.docx` and `example-projects-table.xlsx`: distinct stems, so their PDFs do not overwrite each other), for scripts/office_check to open in LibreOffice; and beside them
//! `NAME-expect.json`: what the printed files must show, taken from the same outline the writers use (the report's
//! title, its section headings, the 自评表's indicators and total, each project's name, 总分 and 等次).
//!
//!     cargo run -q -p zipin-export --example write_exports -- OUT_DIR

#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::disallowed_methods
)] // Tests, benchmarks and examples may panic and use literals; the library code may not.

use std::path::Path;

use zipin_core::number::{fmt_2dp, fmt_score};
use zipin_core::present::score_table;
use zipin_core::report::{generate, BlockKind};
use zipin_core::{evaluate, Document};
use zipin_export::ProjectSelection;

/// What the printed report and 自评表 of `doc` must show.
fn expectations(doc: &Document) -> serde_json::Value {
    let evaluation = evaluate(doc);
    let blocks = generate(doc, &evaluation);
    let of = |kinds: &[BlockKind]| -> Vec<&str> {
        blocks
            .iter()
            .filter(|b| kinds.contains(&b.kind))
            .map(|b| b.text.as_str())
            .collect()
    };
    let table = score_table(&doc.framework, &evaluation);
    let projects = zipin_core::project::evaluate_all(doc).unwrap();
    let projects: Vec<serde_json::Value> = doc
        .projects
        .iter()
        .zip(&projects)
        .map(|(p, e)| {
            let total = e.total.unwrap();
            serde_json::json!({
                "name": p.name.trim(),
                "total": fmt_score(total),
                "total_2dp": fmt_2dp(total),
                "grade": e.grade.clone().unwrap_or_default(),
            })
        })
        .collect();
    serde_json::json!({
        "projects": projects,
        "title": of(&[BlockKind::Title]),
        "headings": of(&[BlockKind::Heading1, BlockKind::Heading2, BlockKind::Heading3]),
        "indicators": table.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        "total": table.total.score_text,
    })
}

fn main() {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: write_exports OUT_DIR");
        std::process::exit(2);
    };
    let out = Path::new(&out);
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("{}: {e}", out.display());
        std::process::exit(1);
    }
    for name in ["seed", "example"] {
        let Some(doc) = zipin_core::samples::by_name(name) else {
            eprintln!("no sample named {name}");
            std::process::exit(1);
        };
        let mut files = vec![
            ("report.docx", zipin_export::docx(&doc)),
            ("table.xlsx", zipin_export::xlsx(&doc)),
        ];
        if !doc.projects.is_empty() {
            files.push((
                "projects-form.docx",
                zipin_export::projects_docx(&doc, ProjectSelection::All),
            ));
            files.push((
                "projects-table.xlsx",
                zipin_export::projects_xlsx(&doc, ProjectSelection::All),
            ));
        }
        for (file, bytes) in files {
            let path = out.join(format!("{name}-{file}"));
            let written = bytes
                .map_err(|e| e.to_string())
                .and_then(|b| std::fs::write(&path, b).map_err(|e| e.to_string()));
            if let Err(e) = written {
                eprintln!("{}: {e}", path.display());
                std::process::exit(1);
            }
            println!("{}", path.display());
        }
        let path = out.join(format!("{name}-expect.json"));
        if let Err(e) = std::fs::write(&path, expectations(&doc).to_string()) {
            eprintln!("{}: {e}", path.display());
            std::process::exit(1);
        }
    }
}
