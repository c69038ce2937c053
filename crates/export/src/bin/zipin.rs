//! `zipin`: batch scoring and report text from the command line.
//!
//!     zipin score FILE...     JSON per file: the evaluation (every indicator, the total, the grade or why there is
//!                             none), the 自评表 as the files print it, the checks, and each project's evaluation
//!                             with the digest of all (count, funds, coverage, those under 良)
//!     zipin report FILE       the report as plain text
//!     zipin sample seed|example   print a sample document
//!     zipin summary FILE... [--xlsx OUT] [--csv]
//!                             the 汇总 table of many units (plain text columns, or CSV), and the 汇总表 workbook
//!
//! The command lives in the export crate because `summary --xlsx` writes the workbook; the core stays free of
//! the file-format crates.
//!
//! A bad file gives one Chinese line on stderr that names it, and `score` and `summary` go on with the next file: the good
//! files' results are printed, and the exit code is 1 at the end when any file was bad (0 when all were fine).
//! Files may come from anyone: what the command prints of them cannot steer the terminal (no control
//! characters), and nothing in them makes it panic.

use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::process::ExitCode;

use serde::Serialize;
use zipin_core::checks::{run_checks, Check};
use zipin_core::migrate::{to_json, LoadError};
use zipin_core::present::{score_table, ScoreTable};
use zipin_core::receive::{receive, Accept, Received, Source};
use zipin_core::summary::{summarize, Cell, SortKey, Summary, Unit};
use zipin_core::{evaluate, report, samples, Document, Evaluation};

const USAGE: &str = "用法 usage:
  zipin score FILE...          评分，逐个文件输出 JSON / score files, one JSON object per file
  zipin report FILE            输出报告正文 / print the report text
  zipin sample seed|example    输出示例文档 / print a sample document
  zipin summary FILE... [--xlsx OUT] [--csv]
                               汇总表：逐单位一行，可写出 Excel / the summary table, optionally as .xlsx";

/// How much of a reason (which may quote the file) an error line shows.
const MAX_REASON_CHARS: usize = 200;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.to_str(), rest),
        None => (None, &[][..]),
    };
    let all_fine = match (command, rest) {
        (Some("score"), files) if !files.is_empty() => score(files),
        (Some("report"), [file]) => report(file),
        (Some("sample"), [name]) => sample(name),
        (Some("summary"), args) => match summary_args(args) {
            Some(options) => summary(&options),
            None => {
                error(USAGE);
                false
            }
        },
        _ => {
            error(USAGE);
            false
        }
    };
    if all_fine {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// One line on stderr. A failed write (stderr closed) is not worth a panic.
fn error(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{message}");
}

/// Writes to stdout; false when nobody reads any more (e.g. `| head -1`), which is not an error worth a message.
fn out(text: &str) -> bool {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .is_ok()
}

/// Scores every file in turn, past the bad ones; whether all were fine.
fn score(files: &[OsString]) -> bool {
    let mut all_fine = true;
    for file in files {
        match read(file) {
            Ok(doc) => match score_json(&file.to_string_lossy(), &doc) {
                Ok(json) => {
                    if !out(&(json + "\n")) {
                        break;
                    }
                }
                Err(_) => {
                    let name = shown(&file.to_string_lossy(), usize::MAX);
                    error(&format!("{name}：无法输出评分结果"));
                    all_fine = false;
                }
            },
            Err(message) => {
                error(&message);
                all_fine = false;
            }
        }
    }
    all_fine
}

fn report(file: &OsStr) -> bool {
    match read(file) {
        Ok(doc) => {
            let text = report::to_plain_text(&report::generate(&doc, &evaluate(&doc)));
            // The report quotes the document: keep its lines and tabs, not what would drive a terminal.
            let text: String = text
                .chars()
                .filter(|&c| matches!(c, '\n' | '\t') || !invisible(c))
                .collect();
            out(&text);
            true
        }
        Err(message) => {
            error(&message);
            false
        }
    }
}

fn sample(name: &OsStr) -> bool {
    match name.to_str().and_then(samples::by_name) {
        Some(doc) => {
            out(&(to_json(&doc) + "\n"));
            true
        }
        None => {
            error(&format!(
                "没有名为“{}”的示例，可选 seed 或 example",
                shown(&name.to_string_lossy(), MAX_REASON_CHARS)
            ));
            false
        }
    }
}

/// The document in `path`, or one Chinese line naming the file and saying what is wrong with it.
fn read(path: &OsStr) -> Result<Document, String> {
    let name = shown(&path.to_string_lossy(), usize::MAX);
    let fail = |reason: &str| format!("{name}：{}", shown(reason, MAX_REASON_CHARS));
    // No more than the core reads of a document file, so a huge file costs no more than that; the refusal is the
    // core's, with the file's size when the system gives it.
    let cap = zipin_core::caps::FILE_BYTES;
    let mut bytes = Vec::new();
    let size = std::fs::File::open(path)
        .and_then(|file| {
            let size = file.metadata().ok().map(|m| m.len());
            let limit = u64::try_from(cap).unwrap_or(u64::MAX).saturating_add(1);
            file.take(limit).read_to_end(&mut bytes).map(|_| size)
        })
        .map_err(|e| fail(&format!("无法读取文件（{}）", io_reason(&e))))?;
    if bytes.len() > cap {
        let bytes = size
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(bytes.len());
        return Err(fail(&LoadError::TooLarge { bytes, cap }.to_string()));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| fail("文件不是 UTF-8 编码的文本，不是绩效自评文档"))?;
    if text.trim().is_empty() {
        return Err(fail("文件是空的，不是绩效自评文档"));
    }
    // The core's one way in, as the page reads a chosen file: the same refusal in the same words.
    match receive(&Source::File(name.clone()), Accept::Document, &text) {
        Received::Document(document) => Ok(*document),
        Received::Refused(refused) => Err(fail(&refused.to_string())),
        _ => Err(fail("不是绩效自评文档")),
    }
}

fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "找不到该文件".to_string(),
        ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件".to_string(),
        _ => match e.raw_os_error() {
            Some(code) => format!("系统错误代码 {code}"),
            None => "读取时出错".to_string(),
        },
    }
}

/// Characters that do not print: control characters (which can drive a terminal), bidi controls (which can
/// reorder what is shown) and zero-width ones.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// `text` fit for one line of a terminal: what does not print shown as �, at most `max` characters.
fn shown(text: &str, max: usize) -> String {
    let mut line: String = text
        .chars()
        .take(max)
        .map(|c| if invisible(c) { '\u{FFFD}' } else { c })
        .collect();
    if text.chars().nth(max).is_some() {
        line.push('…');
    }
    line
}

/// What `score` prints of one file: the evaluation (its fields at the top level), the 自评表 as the files show it,
/// and the checks.
#[derive(Serialize)]
struct Scored<'a> {
    file: &'a str,
    unit: &'a str,
    year: Option<u16>,
    #[serde(flatten)]
    evaluation: &'a Evaluation,
    score_table: ScoreTable,
    checks: Vec<Check>,
    /// Each project's evaluation (执行率, every row, the total, the grade), in the document's order.
    projects: Vec<ScoredProject<'a>>,
    /// How many projects, their funds, coverage of 项目支出, grades and those under 良.
    projects_digest: Option<zipin_core::project::digest::ProjectsDigest>,
}

#[derive(Serialize)]
struct ScoredProject<'a> {
    name: &'a str,
    #[serde(flatten)]
    evaluation: zipin_core::project::score::ProjectEvaluation,
}

fn score_json(file: &str, doc: &Document) -> serde_json::Result<String> {
    let evaluation = evaluate(doc);
    let scored = Scored {
        file,
        unit: &doc.unit.name,
        year: doc.unit.year,
        score_table: score_table(&doc.framework, &evaluation),
        checks: run_checks(doc, &evaluation),
        evaluation: &evaluation,
        projects: doc
            .projects
            .iter()
            .zip(zipin_core::project::evaluate_all(doc).unwrap_or_default())
            .map(|(p, evaluation)| ScoredProject {
                name: &p.name,
                evaluation,
            })
            .collect(),
        projects_digest: zipin_core::project::digest::digest_of(doc),
    };
    serde_json::to_string(&scored)
}

/// What `summary` was asked for.
struct SummaryOptions<'a> {
    files: Vec<&'a OsString>,
    xlsx: Option<&'a OsString>,
    csv: bool,
}

/// `FILE... [--xlsx OUT] [--csv]`, the options anywhere; `None` when they make no sense.
fn summary_args(args: &[OsString]) -> Option<SummaryOptions<'_>> {
    let mut options = SummaryOptions {
        files: Vec::new(),
        xlsx: None,
        csv: false,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--xlsx") if options.xlsx.is_none() => options.xlsx = Some(args.next()?),
            Some("--csv") => options.csv = true,
            Some(flag) if flag.starts_with("--") => return None,
            _ => options.files.push(arg),
        }
    }
    (!options.files.is_empty()).then_some(options)
}

/// Reads the files on every core at once (reading and the gate are most of a batch's time), in their order.
fn read_all(files: &[&OsString]) -> Vec<Result<Document, String>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let running: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|f| read(f)).collect::<Vec<_>>()))
            .collect();
        running
            .into_iter()
            .flat_map(|thread| {
                thread.join().unwrap_or_else(|_| {
                    vec![Err("读取文件的线程意外中止".to_string()); chunk]
                })
            })
            .collect()
    })
}

/// Reads every file past the bad ones, prints the table and writes the workbook; whether all went well.
fn summary(options: &SummaryOptions) -> bool {
    let mut all_fine = true;
    let mut units = Vec::with_capacity(options.files.len());
    for (file, read) in options.files.iter().zip(read_all(&options.files)) {
        match read {
            Ok(document) => units.push(Unit {
                source: file.to_string_lossy().into_owned(),
                document,
            }),
            Err(message) => {
                error(&message);
                all_fine = false;
            }
        }
    }
    let summary = summarize(&units);
    let text = if options.csv {
        summary_csv(&summary)
    } else {
        summary_text(&summary)
    };
    out(&text);
    if let Some(path) = options.xlsx {
        let name = shown(&path.to_string_lossy(), usize::MAX);
        match zipin_export::summary_xlsx(&summary) {
            Ok(bytes) => {
                if let Err(e) = std::fs::write(path, bytes) {
                    error(&format!("{name}：无法写入汇总表（{}）", io_reason(&e)));
                    all_fine = false;
                }
            }
            Err(e) => {
                error(&format!("{name}：{e}"));
                all_fine = false;
            }
        }
    }
    all_fine
}

/// The columns the plain-text table shows: all but the 三级 indicators (the workbook and the CSV have those).
fn text_columns(summary: &Summary) -> Vec<&zipin_core::summary::Column> {
    summary
        .columns
        .iter()
        .filter(|c| !matches!(c.key, SortKey::Indicator(_)))
        .collect()
}

/// Columns a terminal gives a character: two for a wide (CJK) one.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| if c.is_ascii() { 1usize } else { 2 })
        .fold(0usize, usize::saturating_add)
}

/// The table as plain text: one line a unit, columns padded with spaces; then the units whose framework scores
/// differently, with what differs.
fn summary_text(summary: &Summary) -> String {
    let columns = text_columns(summary);
    let mut lines: Vec<Vec<String>> = vec![columns
        .iter()
        .map(|c| shown(&c.label, MAX_REASON_CHARS))
        .collect()];
    for row in &summary.rows {
        lines.push(
            columns
                .iter()
                .map(|c| shown(&summary.cell(row, &c.key).text(), MAX_REASON_CHARS))
                .collect(),
        );
    }
    let widths: Vec<usize> = (0..columns.len())
        .map(|i| {
            lines
                .iter()
                .filter_map(|line| line.get(i))
                .map(|cell| display_width(cell))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut text = String::new();
    for line in &lines {
        let mut cells: Vec<String> = line
            .iter()
            .zip(&widths)
            .map(|(cell, width)| {
                let pad = width.saturating_sub(display_width(cell));
                format!("{cell}{}", " ".repeat(pad))
            })
            .collect();
        if let Some(last) = cells.last_mut() {
            *last = last.trim_end().to_string();
        }
        text.push_str(cells.join("  ").trim_end());
        text.push('\n');
    }
    let flagged: Vec<_> = summary.rows.iter().filter(|r| !r.comparable()).collect();
    if !flagged.is_empty() {
        text.push_str(&format!(
            "\n以下 {} 个单位的评分框架与多数单位（{}）不同，总分不可直接比较：\n",
            flagged.len(),
            summary
                .majority_framework
                .as_ref()
                .map(|f| shown(&f.name, MAX_REASON_CHARS))
                .unwrap_or_default()
        ));
        for row in flagged {
            text.push_str(&format!(
                "{}（{}）：{}\n",
                shown(&row.source, usize::MAX),
                shown(&row.unit_name, MAX_REASON_CHARS),
                shown(&row.framework_differs.join("；"), usize::MAX)
            ));
        }
    }
    text
}

/// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; what does not print
/// replaced; a text that a spreadsheet would take for a formula (= + - @) prefixed with an apostrophe.
fn csv_field(cell: &str, is_text: bool) -> String {
    let clean: String = cell
        .chars()
        .map(|c| if invisible(c) { ' ' } else { c })
        .collect();
    let clean = if is_text && clean.starts_with(['=', '+', '-', '@']) {
        format!("'{clean}")
    } else {
        clean
    };
    if clean.contains([',', '"']) {
        format!("\"{}\"", clean.replace('"', "\"\""))
    } else {
        clean
    }
}

/// The table as CSV: every column of the summary (the 三级 indicators too), then 与多数单位评分框架的差异. A
/// missing score is an empty field; scores are printed as the score table prints them.
fn summary_csv(summary: &Summary) -> String {
    let mut head: Vec<String> = summary
        .columns
        .iter()
        .map(|c| csv_field(&c.label, true))
        .collect();
    head.push("与多数单位评分框架的差异".to_string());
    let mut text = head.join(",") + "\n";
    for row in &summary.rows {
        let mut fields: Vec<String> = summary
            .columns
            .iter()
            .map(|c| match summary.cell(row, &c.key) {
                Cell::Missing => String::new(),
                cell @ Cell::Text(_) => csv_field(&cell.text(), true),
                cell => csv_field(&cell.text(), false),
            })
            .collect();
        fields.push(csv_field(&row.framework_differs.join("；"), true));
        text.push_str(&fields.join(","));
        text.push('\n');
    }
    text
}
