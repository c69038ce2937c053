//! `zipin`: batch scoring and report text from the command line.
//!
//!     zipin score FILE...     JSON per file: every indicator, the total, the grade and the checks
//!     zipin report FILE       the report as plain text
//!     zipin sample seed|example   print a sample document
//!
//! A bad file gives a one-line Chinese/English message on stderr and a non-zero exit, never a panic.

use std::io::Write;
use std::process::ExitCode;

use serde_json::json;
use zipin_core::checks::run_checks;
use zipin_core::migrate::{load_document, to_json};
use zipin_core::{evaluate, report, samples, Document};

const USAGE: &str = "用法 usage:
  zipin score FILE...          评分，逐个文件输出 JSON / score files, one JSON object per file
  zipin report FILE            输出报告正文 / print the report text
  zipin sample seed|example    输出示例文档 / print a sample document";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(output) => {
            // A closed pipe (e.g. `| head`) is not an error worth a message.
            let _ = std::io::stdout().write_all(output.as_bytes());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<String, String> {
    match args.split_first() {
        Some((cmd, files)) if cmd == "score" && !files.is_empty() => {
            let mut out = String::new();
            for file in files {
                let doc = read(file)?;
                out.push_str(&score_json(file, &doc));
                out.push('\n');
            }
            Ok(out)
        }
        Some((cmd, [file])) if cmd == "report" => {
            let doc = read(file)?;
            Ok(report::to_plain_text(&report::generate(&doc, &evaluate(&doc))))
        }
        Some((cmd, [name])) if cmd == "sample" => samples::by_name(name)
            .map(|doc| to_json(&doc) + "\n")
            .ok_or_else(|| format!("没有名为“{name}”的示例，可选 seed 或 example / unknown sample '{name}': use seed or example")),
        _ => Err(USAGE.to_string()),
    }
}

fn read(path: &str) -> Result<Document, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{path}: 无法读取文件 / cannot read file: {e}"))?;
    load_document(&text).map_err(|e| format!("{path}: {e} / not a valid Zipin document"))
}

fn score_json(file: &str, doc: &Document) -> String {
    let evaluation = evaluate(doc);
    let checks = run_checks(doc, &evaluation);
    let value = json!({
        "file": file,
        "unit": doc.unit.name,
        "year": doc.unit.year,
        "framework": { "id": evaluation.framework_id, "name": evaluation.framework_name, "status": evaluation.framework_status },
        "indicators": evaluation.indicators.iter().map(|r| json!({
            "id": r.id,
            "level1": r.level1,
            "level2": r.level2,
            "name": r.name,
            "weight": r.weight,
            "rule_score": r.rule_score,
            "final_score": r.final_score,
            "override": r.applied_override,
            "explanation": r.explanation,
            "lost_reason": r.lost_reason,
            "missing": r.missing,
            "flags": r.flags,
        })).collect::<Vec<_>>(),
        "total": evaluation.total,
        "max_total": evaluation.max_total,
        "scored": evaluation.scored_count,
        "indicator_count": evaluation.indicator_count,
        "grade": evaluation.grade,
        "checks": checks,
    });
    value.to_string()
}
