//! The one way in. Every document or framework that comes from outside the running page — a .json file, a share
//! link, localStorage at start-up, another tab's write, the export worker's input, a framework file — passes
//! [`document_from_json`] / [`document_from_value`] or [`framework_from_json`], and nothing else.
//!
//! The rules are those of typed input (domain.md §4): money and counts never negative, at most 6 decimals, within
//! ±10¹²; weights and points never negative with at most 2 decimals; the embedded framework validated exactly like
//! an imported one; numbers only as decimal strings (a JSON number with a fraction or an exponent would have passed
//! through f64, so it is refused); sizes capped. A refusal lists every problem with the field's path and Chinese
//! label, and nothing is changed.

use std::fmt;

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::document::Document;
use crate::fields::{self, Field, FieldKind, Part};
use crate::framework::Framework;
use crate::migrate::{migrate_value, LoadError};
use crate::number::{
    decimal_places, within_bounds, MAX_MONEY_DECIMALS, MAX_POINTS_DECIMALS, MAX_RATE_DECIMALS,
};

/// Caps on what may come in. No real unit comes near them (the seed's document is 40 KB of JSON with 0 target
/// rows in its table and 15 indicators; a large province's has perhaps 60 rows); they exist so that no document
/// can make the page slow or exhaust its memory. The README states them.
pub mod caps {
    /// A document's JSON text (also the largest a share link may inflate to).
    pub const DOCUMENT_BYTES: usize = 2 * 1024 * 1024;
    /// A framework file's JSON text.
    pub const FRAMEWORK_BYTES: usize = 512 * 1024;
    /// A document file's text (pretty-printed JSON takes up to four times its compact form).
    pub const FILE_BYTES: usize = 4 * DOCUMENT_BYTES;
    /// One text: a paragraph, a reason, a standard (characters).
    pub const TEXT_CHARS: usize = 20_000;
    /// A name: of an indicator, a level, a checklist item, an option or a grade in a framework; of a department, a
    /// division or a function line in a document (characters).
    pub const NAME_CHARS: usize = 200;
    /// A name cell of the 绩效目标 table (三级指标, 一级, 二级), printed in every line that scores the row.
    pub const CELL_CHARS: usize = 100;
    /// A value cell of the 绩效目标 table (指标值, 实际完成值): a figure, a date or a sentence for a qualitative
    /// target; only what parses as a figure or a date is printed in the lines.
    pub const VALUE_CHARS: usize = 1_000;
    /// A 绩效目标 unit (个, 万元, %).
    pub const UNIT_CHARS: usize = 20;
    /// One id or map key (characters).
    pub const KEY_CHARS: usize = 100;
    /// 绩效目标 rows.
    pub const TARGET_ROWS: usize = 500;
    /// 重点工作任务 rows, 内设机构, 按功能分类支出 lines, 存在问题 items, 绩效目标概述 groups, items per group.
    pub const LIST_ITEMS: usize = 200;
    /// Entries of each answer map (checklists, cases, choices, manual scores, overrides, edited paragraphs).
    pub const MAP_ENTRIES: usize = 1_000;
    /// 一级 indicators; 二级 and 三级 indicators in the whole framework.
    pub const LEVEL1: usize = 20;
    pub const LEVEL2: usize = 100;
    pub const INDICATORS: usize = 300;
    /// Indicators scored from the 绩效目标 table (each one may read every row; real frameworks have 1 to 3).
    pub const TARGET_INDICATORS: usize = 10;
    /// Checklist items, bands, choice options, 一级 filters of one rule; grades; dimensions.
    pub const RULE_ENTRIES: usize = 50;
    /// Nesting of JSON arrays and objects (a document needs 9).
    pub const DEPTH: usize = 32;
    /// JSON values in one file, counted before it is parsed (the largest document at the caps has about 60,000).
    pub const JSON_VALUES: usize = 250_000;
    /// The longest any list may be, checked before the JSON is typed.
    pub const LONGEST_LIST: usize = TARGET_ROWS;
}

/// One reason a document or framework is refused: where (its path in the file and its Chinese label) and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub path: String,
    pub label: String,
    pub problem: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}：{}", self.label, self.problem)
        } else {
            write!(f, "{}（{}）：{}", self.label, self.path, self.problem)
        }
    }
}

impl Refusal {
    fn new(path: &str, problem: impl Into<String>) -> Refusal {
        Refusal {
            path: path.to_string(),
            label: label_of_path(path),
            problem: problem.into(),
        }
    }
}

/// Reads a document from JSON text: size, JSON, format and schema (migrating older ones), then the gate's rules.
pub fn document_from_json(text: &str) -> Result<Document, LoadError> {
    if text.len() > caps::FILE_BYTES {
        return Err(LoadError::TooLarge {
            bytes: text.len(),
            cap: caps::FILE_BYTES,
        });
    }
    document_from_value(parse_json(text).map_err(LoadError::NotJson)?)
}

/// Reads a document from an already parsed JSON value (the export worker's input, a stored envelope).
pub fn document_from_value(value: Value) -> Result<Document, LoadError> {
    let (doc, mut refusals): (Document, _) =
        read_typed(migrate_value(value)?).map_err(LoadError::Refused)?;
    refusals.extend(check_document(&doc));
    if refusals.is_empty() {
        Ok(doc)
    } else {
        Err(LoadError::Refused(refusals))
    }
}

/// Reads and validates a framework file, as for an officer's import.
pub fn framework_from_json(text: &str) -> Result<Framework, Vec<Refusal>> {
    if text.len() > caps::FRAMEWORK_BYTES {
        return Err(vec![Refusal {
            path: String::new(),
            label: "评分框架文件".to_string(),
            problem: format!(
                "文件过大（{} 字节，上限 {} 字节），请确认选择的是评分框架文件",
                text.len(),
                caps::FRAMEWORK_BYTES
            ),
        }]);
    }
    let value = parse_json(text).map_err(|message| {
        vec![Refusal {
            path: String::new(),
            label: "评分框架文件".to_string(),
            problem: message,
        }]
    })?;
    let (framework, refusals): (Framework, _) = read_typed(value)?;
    if !refusals.is_empty() {
        return Err(refusals);
    }
    let problems = framework.validate();
    if problems.is_empty() {
        Ok(framework)
    } else {
        Err(problems
            .into_iter()
            .map(|p| Refusal {
                path: String::new(),
                label: "评分框架".to_string(),
                problem: p.0,
            })
            .collect())
    }
}

/// JSON text to a value, with a Chinese message that says where it broke. A byte-order mark (Windows Notepad
/// writes one) is not part of the JSON.
fn parse_json(text: &str) -> Result<Value, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    prescan(text)?;
    serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            format!(
                "不是有效的 JSON：内容在第 {} 行意外结束，文件可能不完整",
                e.line()
            )
        } else {
            format!(
                "不是有效的 JSON（第 {} 行第 {} 列附近），文件可能已损坏或不完整",
                e.line(),
                e.column()
            )
        }
    })
}

/// Counts the JSON values and the nesting of `text` without building anything, so that a file of a million tiny
/// values (`[0,0,0,…]`, a few MB that would take hundreds of MB as parsed values, and wasm memory never shrinks) or
/// a deep nesting is refused before it is parsed.
fn prescan(text: &str) -> Result<(), String> {
    let (mut depth, mut values, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for byte in text.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth = depth.saturating_add(1);
                values = values.saturating_add(1);
                if depth > caps::DEPTH {
                    return Err(format!(
                        "嵌套层数过多（上限 {} 层），不是绩效自评文档",
                        caps::DEPTH
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' => values = values.saturating_add(1),
            _ => {}
        }
        if values > caps::JSON_VALUES {
            return Err(format!(
                "数据条目过多（超过 {} 个），不是正常的绩效自评文档",
                caps::JSON_VALUES
            ));
        }
    }
    Ok(())
}

/// The steps a document and a framework share: the JSON checks and the typing (an error stops there), then every
/// decimal compared with how the app writes it (`1_000`, `+5`, `1e3` or 30 digits that would be rounded are not the
/// figure the officer sees): those refusals come back beside the typed value, for the caller to add its own rules.
fn read_typed<T: Serialize + DeserializeOwned>(
    value: Value,
) -> Result<(T, Vec<Refusal>), Vec<Refusal>> {
    let mut refusals = Vec::new();
    walk_json(&value, &mut String::new(), 0, &mut refusals);
    if !refusals.is_empty() {
        return Err(refusals);
    }
    let read: T = typed(value.clone()).map_err(|r| vec![r])?;
    if let Ok(written) = serde_json::to_value(&read) {
        check_canonical(&value, &written, &mut String::new(), &mut refusals);
    }
    Ok((read, refusals))
}

/// A value to a typed document or framework; a mismatch names its path and says what was expected, in Chinese.
fn typed<T: DeserializeOwned>(value: Value) -> Result<T, Refusal> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        Refusal::new(&path, serde_problem(&e.into_inner().to_string()))
    })
}

/// serde's English message as a Chinese one; the English text is never shown.
fn serde_problem(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        return format!("缺少必填项“{}”", label_of_segment(field));
    }
    if message.starts_with("unknown variant") {
        return "取值无法识别，请从允许的选项中选择".to_string();
    }
    if message.contains("expected u32")
        || message.contains("expected u16")
        || message.contains("expected u64")
    {
        return "应为不小于 0 的整数".to_string();
    }
    if message.contains("Decimal") || message.contains("decimal") {
        return "应为数字，请写成带引号的字符串，如 \"5343.32\"".to_string();
    }
    if message.starts_with("invalid type") {
        let expected = if message.contains("expected a string") {
            "文字"
        } else if message.contains("expected a boolean") {
            "是或否（true/false）"
        } else if message.contains("sequence") {
            "列表"
        } else if message.contains("map") || message.contains("struct") {
            "对象"
        } else {
            "另一种类型的值"
        };
        return format!("类型不对，此处应为{expected}");
    }
    "内容不符合文档格式".to_string()
}

/// The checks a JSON value needs before it is typed: no fractional or exponent JSON number (it went through f64),
/// no text or key beyond its cap, no nesting beyond [`caps::DEPTH`], no list beyond what any field allows.
fn walk_json(value: &Value, path: &mut String, depth: usize, out: &mut Vec<Refusal>) {
    const MAX_REFUSALS: usize = 50;
    if out.len() >= MAX_REFUSALS {
        return;
    }
    if depth > caps::DEPTH {
        out.push(Refusal::new(path, "嵌套层数过多"));
        return;
    }
    match value {
        Value::Number(n) if !(n.is_u64() || n.is_i64()) => out.push(Refusal::new(
            path,
            "数字应写成带引号的字符串（如 \"5343.32\"），否则会丢失精度",
        )),
        Value::String(text) if text.chars().count() > caps::TEXT_CHARS => out.push(Refusal::new(
            path,
            format!("文字过长（上限 {} 字）", caps::TEXT_CHARS),
        )),
        Value::Array(items) => {
            if items.len() > caps::LONGEST_LIST {
                out.push(Refusal::new(
                    path,
                    format!("共 {} 条，超过上限 {} 条", items.len(), caps::LONGEST_LIST),
                ));
                return;
            }
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk_json(item, path, depth.saturating_add(1), out);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            if map.len() > caps::MAP_ENTRIES {
                out.push(Refusal::new(
                    path,
                    format!("条目过多（上限 {} 条）", caps::MAP_ENTRIES),
                ));
                return;
            }
            for (key, item) in map {
                if key.chars().count() > caps::KEY_CHARS {
                    out.push(Refusal::new(
                        path,
                        format!("名称或编号过长（上限 {} 字）", caps::KEY_CHARS),
                    ));
                    continue;
                }
                let len = path.len();
                push_key(path, key);
                walk_json(item, path, depth.saturating_add(1), out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// Compares what was read with what the app writes back: a string the app would write differently is a decimal in a
/// form the app does not accept (text is always written back as read). Numbers and missing fields are not compared:
/// a whole JSON number is read exactly, and a missing field takes its default.
fn check_canonical(read: &Value, written: &Value, path: &mut String, out: &mut Vec<Refusal>) {
    match (read, written) {
        (Value::String(read), Value::String(written)) if read != written => out.push(Refusal::new(
            path,
            format!(
                "“{}”不是规范的数字写法，请写成如 \"5343.32\" 的十进制数（不带 +、_、科学计数法，有效数字不超过 28 位）",
                read.chars().take(40).collect::<String>()
            ),
        )),
        (Value::Array(read), Value::Array(written)) => {
            for (i, (r, w)) in read.iter().zip(written).enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                check_canonical(r, w, path, out);
                path.truncate(len);
            }
        }
        (Value::Object(read), Value::Object(written)) => {
            for (key, r) in read {
                if let Some(w) = written.get(key) {
                    let len = path.len();
                    push_key(path, key);
                    check_canonical(r, w, path, out);
                    path.truncate(len);
                }
            }
        }
        _ => {}
    }
}

/// Appends a key to a path: `a.b`, or `a["x.y"]` when the key could be mistaken for a path of its own.
fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty() && !key.contains(['.', '[', ']', '"', ' ']);
    if plain {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        path.push_str(&format!("[\"{key}\"]"));
    }
}

/// What kind of figure a decimal is, which decides its rules.
#[derive(Clone, Copy)]
enum Figure {
    /// 万元 (and other plain amounts such as an average age): ≥ 0, 6 decimals.
    Money,
    /// A share of a weight in percent: 0–100, 6 decimals.
    Percent,
    /// A weight, points or a score: ≥ 0, 2 decimals.
    Points,
}

fn check_figure(out: &mut Vec<Refusal>, path: &str, label: &str, value: Decimal, figure: Figure) {
    let (max_decimals, max) = match figure {
        Figure::Money => (MAX_MONEY_DECIMALS, None),
        Figure::Percent => (MAX_RATE_DECIMALS, Some(Decimal::ONE_HUNDRED)),
        Figure::Points => (MAX_POINTS_DECIMALS, None),
    };
    let problem = if value.is_sign_negative() && !value.is_zero() {
        Some("不能为负数".to_string())
    } else if !within_bounds(value) {
        Some("数值过大（绝对值应不超过 10¹²）".to_string())
    } else if max.is_some_and(|m| value > m) {
        Some("应在 0–100 之间".to_string())
    } else if decimal_places(value) > max_decimals {
        Some(format!("最多保留 {max_decimals} 位小数"))
    } else {
        None
    };
    if let Some(problem) = problem {
        out.push(Refusal {
            path: path.to_string(),
            label: label.to_string(),
            problem: format!("{}（现为 {}）", problem, value.normalize()),
        });
    }
}

/// A text longer than `cap` characters.
fn cap_text(
    out: &mut Vec<Refusal>,
    path: impl FnOnce() -> String,
    label: impl FnOnce() -> String,
    text: &str,
    cap: usize,
) {
    if text.chars().nth(cap).is_some() {
        out.push(Refusal {
            path: path(),
            label: label(),
            problem: format!("文字过长（上限 {cap} 字）"),
        });
    }
}

fn cap_list(out: &mut Vec<Refusal>, field: Part, len: usize, cap: usize) {
    if len > cap {
        out.push(Refusal {
            path: field.path().to_string(),
            label: field.label().to_string(),
            problem: format!("共 {len} 条，超过上限 {cap} 条"),
        });
    }
}

/// The size of the document as the app stores it and puts it in a link (compact JSON), counted without building it.
fn stored_size(doc: &Document) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 = self.0.saturating_add(bytes.len());
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    match serde_json::to_writer(&mut count, doc) {
        Ok(()) => count.0,
        Err(_) => usize::MAX,
    }
}

/// The gate's rules on a typed document; empty when it may come in.
pub fn check_document(doc: &Document) -> Vec<Refusal> {
    let mut out = Vec::new();
    // Measured as stored, so that whatever comes in can be saved and opened again.
    let size = stored_size(doc);
    if size > caps::DOCUMENT_BYTES {
        out.push(Refusal {
            path: String::new(),
            label: "文档".to_string(),
            problem: format!(
                "文档过大（保存后 {size} 字节，上限 {} 字节），请删减长段文字或多余的行",
                caps::DOCUMENT_BYTES
            ),
        });
    }
    // Money and the average age: decimals, never negative (counts and years are typed whole numbers already).
    for &field in Field::ALL {
        if matches!(field.kind(), FieldKind::Money | FieldKind::Age) {
            if let Some(value) = doc.number(field) {
                check_figure(&mut out, field.path(), field.label(), value, Figure::Money);
            }
        }
    }
    let f = &doc.finance;
    cap_list(
        &mut out,
        Part::FunctionLines,
        f.by_function.len(),
        caps::LIST_ITEMS,
    );
    for (i, line) in f.by_function.iter().enumerate() {
        if let Some(amount) = line.amount {
            let path = format!("finance.by_function[{i}].amount");
            let label = format!("按功能分类支出第{}行金额", i.saturating_add(1));
            check_figure(&mut out, &path, &label, amount, Figure::Money);
        }
    }

    cap_list(
        &mut out,
        Part::Targets,
        doc.targets.len(),
        caps::TARGET_ROWS,
    );
    for (i, row) in doc.targets.iter().enumerate() {
        let n = i.saturating_add(1);
        let cells = [
            ("level1", "一级指标", &row.level1, caps::CELL_CHARS),
            ("level2", "二级指标", &row.level2, caps::CELL_CHARS),
            ("name", "三级指标", &row.name, caps::CELL_CHARS),
            ("target", "指标值", &row.target, caps::VALUE_CHARS),
            ("actual", "实际完成值", &row.actual, caps::VALUE_CHARS),
            ("unit", "单位", &row.unit, caps::UNIT_CHARS),
            (
                "deviation_reason",
                "偏差原因",
                &row.deviation_reason,
                caps::TEXT_CHARS,
            ),
        ];
        for (column, name, text, cap) in cells {
            cap_text(
                &mut out,
                || format!("targets[{i}].{column}"),
                || format!("绩效目标第{n}行{name}"),
                text,
                cap,
            );
        }
        // A unit that begins like a number would read as part of the figure (指标值 95 with unit 5 prints 955);
        // m2 or km2 are fine.
        if row
            .unit
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit() || ".+-".contains(c))
        {
            out.push(Refusal {
                path: format!("targets[{i}].unit"),
                label: format!("绩效目标第{n}行单位"),
                problem: "单位不能以数字、小数点或正负号开头".to_string(),
            });
        }
        if let Some(weight) = row.weight {
            let path = format!("targets[{i}].weight");
            let label = format!("绩效目标第{n}行权重");
            check_figure(&mut out, &path, &label, weight, Figure::Points);
        }
        if let Some(share) = row.qualitative_score {
            let path = format!("targets[{i}].qualitative_score");
            let label = format!("绩效目标第{n}行得分比例");
            check_figure(&mut out, &path, &label, share, Figure::Percent);
        }
    }
    let lists = [
        (Part::KeyTasks, doc.key_tasks.len()),
        (Part::Departments, doc.departments.len()),
        (Part::Goals, doc.goals.groups.len()),
        (Part::Problems, doc.problems.items.len()),
    ];
    for (field, len) in lists {
        cap_list(&mut out, field, len, caps::LIST_ITEMS);
    }
    let names = doc
        .departments
        .iter()
        .enumerate()
        .map(|(i, name)| (format!("departments[{i}]"), name))
        .chain(doc.key_tasks.iter().enumerate().flat_map(|(i, t)| {
            [
                (format!("key_tasks[{i}].division"), &t.division),
                (format!("key_tasks[{i}].counterpart"), &t.counterpart),
            ]
        }))
        .chain(
            f.by_function
                .iter()
                .enumerate()
                .map(|(i, l)| (format!("finance.by_function[{i}].name"), &l.name)),
        );
    for (path, name) in names {
        cap_text(
            &mut out,
            || path.clone(),
            || label_of_path(&path),
            name,
            caps::NAME_CHARS,
        );
    }
    for (i, group) in doc.goals.groups.iter().enumerate() {
        if group.items.len() > caps::LIST_ITEMS {
            out.push(Refusal {
                path: format!("goals.groups[{i}].items"),
                label: format!("绩效目标概述第{}组", i.saturating_add(1)),
                problem: format!("超过上限 {} 条", caps::LIST_ITEMS),
            });
        }
    }

    let m = &doc.management;
    for (id, score) in &m.manual {
        let path = format!("management.manual.{id}");
        check_figure(&mut out, &path, "人工评分", *score, Figure::Points);
    }
    for (id, o) in &doc.overrides {
        let path = format!("overrides.{id}.score");
        check_figure(&mut out, &path, "人工调整得分", o.score, Figure::Points);
    }
    let answers: usize = m
        .checklists
        .values()
        .map(|items| items.len())
        .fold(0, usize::saturating_add);
    if answers > caps::MAP_ENTRIES {
        out.push(Refusal::new(
            "management.checklists",
            format!(
                "检查项答案共 {answers} 条，超过上限 {} 条",
                caps::MAP_ENTRIES
            ),
        ));
    }

    for problem in doc.framework.validate() {
        out.push(Refusal {
            path: Part::Framework.path().to_string(),
            label: Part::Framework.label().to_string(),
            problem: problem.0,
        });
    }
    out
}

/// The first rule an edit would break that the document did not already break, if any: the app refuses such an
/// edit, so a document typed in the page always passes the gate when it is opened again.
pub fn new_refusal(before: &Document, after: &Document) -> Option<Refusal> {
    let found = check_document(after);
    if found.is_empty() {
        // The usual keystroke: one check, not two.
        return None;
    }
    let already = check_document(before);
    found.into_iter().find(|refusal| !already.contains(refusal))
}

/// A Chinese name for a path such as `framework.level1[0].weight`: the field's own label when the path is a known
/// field, otherwise its parts in words (评分框架 › 一级指标第1项 › 分值).
pub fn label_of_path(path: &str) -> String {
    if path.is_empty() {
        return "文档".to_string();
    }
    if let Some(label) = fields::label_of(path) {
        return label.to_string();
    }
    let parts: Vec<String> = path
        .split('.')
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once('[') {
            Some((name, rest)) => {
                let index = rest
                    .trim_end_matches(']')
                    .parse::<usize>()
                    .map(|i| i.saturating_add(1).to_string())
                    .unwrap_or_else(|_| rest.trim_end_matches(']').to_string());
                format!("{}第{index}项", label_of_segment(name))
            }
            None => label_of_segment(part),
        })
        .collect();
    parts.join(" › ")
}

/// The Chinese name of one key of a document or framework file. A key the app does not know (or an indicator's id
/// used as a key) is shown quoted, as written.
fn label_of_segment(name: &str) -> String {
    let label = match name {
        "format" => "格式标记",
        "schema" => "版本号",
        "unit" => "单位",
        "name" => "名称",
        "short_name" => "简称",
        "self_reference" => "自称",
        "supervisor" => "主管部门",
        "year" => "预算年度",
        "nature" => "单位性质",
        "notice" => "通知",
        "mandate" => "机构编制文件",
        "duties" => "主要职责",
        "staff" => "人员情况",
        "establishment_source" => "编制文件",
        "authorized_kind" => "编制类型",
        "authorized" => "核定编制数",
        "leaders_total" => "领导职数",
        "leaders_chief" => "正职领导职数",
        "leaders_deputy" => "副职领导职数",
        "in_establishment" => "编制内在职人数",
        "contract" => "劳动合同制人员",
        "contract_approximate" => "劳动合同制人数为约数",
        "on_post" => "在职在岗人数",
        "average_age" => "平均年龄",
        "bachelor_or_above" => "本科及以上学历人数",
        "masters" => "硕士学位人数",
        "titled_total" => "中级及以上职称人数",
        "senior_full" => "正高级职称人数",
        "senior_deputy" => "副高级职称人数",
        "intermediate" => "中级职称人数",
        "team_description" => "队伍情况",
        "departments" => "内设机构",
        "annual_work" => "年度总体工作",
        "key_tasks" => "重点工作任务",
        "division" => "对应处室",
        "content" => "工作任务内容",
        "counterpart" => "对接部门",
        "goals" => "绩效目标概述",
        "intro" => "引言",
        "groups" => "分组",
        "title" => "标题",
        "items" => "条目",
        "targets" => "绩效目标",
        "level1" => "一级指标",
        "level2" => "二级指标",
        "operator" => "运算符",
        "target" => "指标值",
        "actual" => "实际完成值",
        "weight" => "分值（权重）",
        "grade" => "达成情况",
        "qualitative_score" => "得分比例",
        "deviation_reason" => "偏差原因",
        "finance" => "财务数据",
        "budget_initial" => "年初预算数",
        "budget_final" => "全年预算数（调整后）",
        "spending_total" => "全年执行数",
        "spending_basic" => "基本支出",
        "spending_project" => "项目支出",
        "by_function" => "按功能分类支出",
        "amount" => "金额",
        "carryover_previous" => "上年结转",
        "carryover_end" => "年末结转结余",
        "three_public" => "“三公”经费",
        "narrative" => "说明",
        "budget" => "预算数",
        "previous" => "上年支出数",
        "abroad" => "因公出国（境）费",
        "vehicles" => "公务用车购置及运行费",
        "reception" => "公务接待费",
        "public_funds_budget" => "公用经费预算数",
        "public_funds_actual" => "公用经费支出数",
        "procurement_plan" => "政府采购计划金额",
        "procurement_actual" => "实际采购金额",
        "fixed_assets_total" => "固定资产总额",
        "fixed_assets_in_use" => "在用固定资产",
        "management" => "管理指标答案",
        "checklists" => "检查项答案",
        "cases" => "问题数",
        "choices" => "所选情形",
        "manual" => "人工评分",
        "conclusion" => "自评结论",
        "method" => "评价方法",
        "problems" => "存在问题及改进措施",
        "text" => "内容",
        "other_matters" => "其他自评情况",
        "overrides" => "人工调整得分",
        "score" => "得分",
        "reason" => "理由",
        "edited_paragraphs" => "报告中修改的段落",
        "framework" => "评分框架",
        "id" => "编号",
        "status" => "状态",
        "source" => "来源",
        "dimensions" => "评价维度",
        "grades" => "等次",
        "label" => "名称",
        "min" => "下限",
        "indicators" => "三级指标",
        "definition" => "指标解释",
        "standard" => "评分标准",
        "rule" => "评分规则",
        "type" => "规则类型",
        "metric" => "计分指标",
        "reverse" => "反向计分",
        "zero_denominator" => "分母为 0 时",
        "nothing" => "分子分母均为 0",
        "something" => "分母为 0 而分子大于 0",
        "deduct_when" => "扣分方向",
        "per_point" => "每个百分点扣分",
        "step" => "计算方式",
        "bands" => "区间",
        "lower" => "下限",
        "upper" => "上限",
        "value" => "数值",
        "inclusive" => "是否含边界",
        "points" => "分值",
        "per_case" => "每例扣分",
        "case_label" => "问题类型",
        "options" => "选项",
        "over_achievement_flag" => "超额完成提示线",
        other => return format!("“{other}”"),
    };
    label.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migrate::to_json;
    use crate::samples;

    fn example_value() -> Value {
        serde_json::from_str(&to_json(&samples::example())).unwrap()
    }

    fn refusals(value: Value) -> Vec<Refusal> {
        match document_from_value(value) {
            Err(LoadError::Refused(r)) => r,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn both_samples_pass() {
        for doc in [samples::seed(), samples::example()] {
            assert_eq!(document_from_json(&to_json(&doc)), Ok(doc));
        }
    }

    #[test]
    fn negative_money_is_refused_with_its_label() {
        let mut value = example_value();
        value["finance"]["spending_total"] = Value::from("-5700");
        let r = refusals(value);
        assert_eq!(r[0].path, "finance.spending_total");
        assert_eq!(r[0].label, "全年执行数（部门整体支出）");
        assert!(r[0].problem.starts_with("不能为负数"), "{r:?}");
    }

    #[test]
    fn a_json_number_with_a_fraction_is_refused_not_rounded() {
        let text = to_json(&samples::example()).replace(
            "\"procurement_plan\": \"300\"",
            "\"procurement_plan\": 1234567.1234567891",
        );
        assert!(text.contains("1234567.1234567891"));
        let Err(LoadError::Refused(r)) = document_from_json(&text) else {
            panic!("not refused")
        };
        assert_eq!(r[0].path, "finance.procurement_plan");
        assert!(r[0].problem.contains("字符串"), "{r:?}");
    }

    #[test]
    fn a_whole_json_number_is_read_exactly() {
        let mut value = example_value();
        value["finance"]["procurement_plan"] = Value::from(2058_u64);
        let doc = document_from_value(value).unwrap();
        assert_eq!(doc.finance.procurement_plan, Some(Decimal::from(2058)));
    }

    #[test]
    fn too_many_decimals_and_out_of_range() {
        let mut value = example_value();
        value["finance"]["budget_final"] = Value::from("1.1234567");
        value["finance"]["budget_initial"] = Value::from("10000000000000");
        value["targets"][0]["weight"] = Value::from("2.555");
        let r = refusals(value);
        let problems: Vec<String> = r.iter().map(|r| r.to_string()).collect();
        assert!(
            problems
                .iter()
                .any(|p| p
                    .contains("全年预算数（调整后）（finance.budget_final）：最多保留 6 位小数")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("年初预算数") && p.contains("数值过大")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("绩效目标第1行权重") && p.contains("最多保留 2 位小数")),
            "{problems:?}"
        );
    }

    #[test]
    fn an_embedded_framework_is_validated_like_an_imported_one() {
        let mut value = example_value();
        value["framework"]["level1"][0]["level2"][0]["indicators"][0]["weight"] = Value::from("-1");
        let r = refusals(value);
        assert!(r.iter().all(|r| r.path == "framework"), "{r:?}");
        assert!(
            r.iter()
                .any(|r| r.problem.contains("不能为负数") || r.problem.contains("应大于 0")),
            "{r:?}"
        );
    }

    #[test]
    fn serde_errors_are_chinese_with_a_path() {
        let mut value = example_value();
        value["staff"]["authorized"] = Value::from(-3);
        let r = refusals(value);
        assert_eq!(r[0].path, "staff.authorized");
        assert_eq!(r[0].label, "核定编制数");
        assert_eq!(r[0].problem, "应为不小于 0 的整数");
        let mut value = example_value();
        value["targets"][0]["operator"] = Value::from("about");
        let r = refusals(value);
        assert_eq!(r[0].path, "targets[0].operator");
        assert!(r[0].label.contains("绩效目标第1项"), "{r:?}");
        assert!(r.iter().all(|r| !r.problem.is_ascii()), "{r:?}");
    }

    #[test]
    fn caps_refuse_oversized_documents() {
        let mut value = example_value();
        let row = value["targets"][0].clone();
        value["targets"] = Value::Array(vec![row; caps::TARGET_ROWS + 1]);
        let r = refusals(value);
        assert!(
            r.iter()
                .any(|r| r.path == "targets" && r.problem.contains("超过上限")),
            "{r:?}"
        );
        let mut value = example_value();
        value["annual_work"] = Value::from("字".repeat(caps::TEXT_CHARS + 1));
        let r = refusals(value);
        assert_eq!(r[0].path, "annual_work");
        assert_eq!(r[0].label, "年度总体工作");
        let huge = " ".repeat(caps::FILE_BYTES + 1);
        assert!(matches!(
            document_from_json(&huge),
            Err(LoadError::TooLarge { .. })
        ));
    }

    #[test]
    fn deep_nesting_is_refused_without_a_stack_overflow() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(matches!(
            document_from_json(&deep),
            Err(LoadError::NotJson(_))
        ));
        let mut value = example_value();
        let mut nested = Value::from("x");
        for _ in 0..40 {
            nested = Value::Array(vec![nested]);
        }
        value["departments"] = nested;
        let r = refusals(value);
        assert!(r[0].problem.contains("嵌套"), "{r:?}");
    }

    #[test]
    fn no_list_cap_exceeds_the_longest_list() {
        for cap in [
            caps::LIST_ITEMS,
            caps::LEVEL2,
            caps::INDICATORS,
            caps::RULE_ENTRIES,
        ] {
            assert!(cap <= caps::LONGEST_LIST);
        }
    }

    #[test]
    fn a_byte_order_mark_is_not_an_error() {
        let text = format!("\u{feff}{}", to_json(&samples::example()));
        assert_eq!(document_from_json(&text), Ok(samples::example()));
    }

    /// Every key the app writes has a Chinese name; only ids used as keys (an indicator's, a paragraph's) are quoted.
    #[test]
    fn every_key_of_a_document_has_a_chinese_name() {
        fn keys(value: &Value, parent: &str, out: &mut Vec<String>) {
            match value {
                Value::Object(map) => {
                    for (key, item) in map {
                        let keyed_by_id = matches!(
                            parent,
                            "overrides"
                                | "edited_paragraphs"
                                | "checklists"
                                | "checklist answers"
                                | "cases"
                                | "choices"
                                | "manual"
                        );
                        let next = match (parent, keyed_by_id) {
                            ("checklists", _) => "checklist answers",
                            (_, true) => "",
                            (_, false) => key,
                        };
                        if !keyed_by_id {
                            out.push(key.clone());
                        }
                        keys(item, next, out);
                    }
                }
                Value::Array(items) => items.iter().for_each(|item| keys(item, parent, out)),
                _ => {}
            }
        }
        let mut found = Vec::new();
        for doc in [samples::seed(), samples::example()] {
            keys(&serde_json::to_value(&doc).unwrap(), "", &mut found);
        }
        let unnamed: Vec<&String> = found
            .iter()
            .filter(|key| label_of_segment(key) == format!("“{key}”"))
            .collect();
        assert!(unnamed.is_empty(), "{unnamed:?}");
    }

    /// The money list of `check_document` is kept by hand: every money field of the document must be on it, or a
    /// negative figure there would come in unchecked.
    #[test]
    fn every_money_field_is_checked() {
        fn nulls(value: &Value, path: &str, out: &mut Vec<String>) {
            if let Value::Object(map) = value {
                for (key, item) in map {
                    let here = format!("{path}.{key}");
                    match item {
                        Value::Null => out.push(here),
                        Value::Object(_) => nulls(item, &here, out),
                        _ => {}
                    }
                }
            }
        }
        let blank =
            serde_json::to_value(Document::blank(crate::framework::default_framework())).unwrap();
        let mut money = Vec::new();
        nulls(&blank["finance"], "finance", &mut money);
        money.push("staff.average_age".to_string());
        assert!(money.len() > 20, "{money:?}");
        for path in money {
            let mut value = blank.clone();
            let pointer = format!("/{}", path.replace('.', "/"));
            *value.pointer_mut(&pointer).unwrap() = Value::from("-1");
            let r = refusals(value);
            assert!(
                r.iter()
                    .any(|r| r.path == path && r.problem.starts_with("不能为负数")),
                "{path}: {r:?}"
            );
        }
    }

    #[test]
    fn a_million_tiny_values_are_refused_before_parsing() {
        let zeros = format!("[{}0]", "0,".repeat(caps::JSON_VALUES));
        assert!(zeros.len() < caps::FILE_BYTES);
        match document_from_json(&zeros) {
            Err(LoadError::NotJson(message)) => {
                assert!(message.contains("数据条目过多"), "{message}")
            }
            other => panic!("{other:?}"),
        }
        // Brackets and commas inside texts are not counted.
        let mut value = example_value();
        value["annual_work"] = Value::from("[,{".repeat(5_000));
        assert!(document_from_value(value.clone()).is_ok());
        assert!(document_from_json(&value.to_string()).is_ok());
    }

    #[test]
    fn paths_have_chinese_labels() {
        assert_eq!(
            label_of_path("finance.procurement_plan"),
            "政府采购计划金额"
        );
        assert_eq!(
            label_of_path("framework.level1[0].level2[1].weight"),
            "评分框架 › 一级指标第1项 › 二级指标第2项 › 分值（权重）"
        );
    }

    #[test]
    fn framework_files_pass_the_same_gate() {
        for (_, json) in crate::framework::BUILT_IN {
            assert!(framework_from_json(json).is_ok());
        }
        let bad =
            crate::framework::BUILT_IN[0]
                .1
                .replacen("\"weight\": \"50\"", "\"weight\": 50.5", 1);
        assert_ne!(bad, crate::framework::BUILT_IN[0].1);
        let r = framework_from_json(&bad).unwrap_err();
        assert!(r[0].problem.contains("字符串"), "{r:?}");
        let r = framework_from_json("{").unwrap_err();
        assert!(r[0].problem.starts_with("不是有效的 JSON"), "{r:?}");
    }
}
