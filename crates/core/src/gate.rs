//! The one way in. Every document or framework that comes from outside the running page — a .json file, a share
//! link, localStorage at start-up, another tab's write, the export worker's input, a framework file — is read by
//! [`crate::migrate::load_document`] / [`crate::migrate::load_value`] or [`crate::framework::parse_framework`]:
//! first as JSON from outside (`intake.rs`), then by the rules here (a framework's are
//! [`Framework::validate`](crate::framework::Framework::validate)), and nothing else.
//!
//! The rules are those of typed input (domain.md §4): money and counts never negative, at most 6 decimals, within
//! ±10¹²; weights and points never negative with at most 2 decimals; the embedded framework validated exactly like
//! an imported one; numbers only as decimal strings (a JSON number with a fraction or an exponent would have passed
//! through f64, so it is refused); sizes capped. A refusal lists every problem with the field's path and Chinese
//! label, and nothing is changed.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::document::{Document, FundsColumn, FundsLine, TargetRow, FORMAT, SCHEMA};
use crate::fields::{Field, FieldKind, Part};
use crate::framework::Framework;
use crate::intake::{key_too_long, label_of_path, push_key, text_too_long, too_many_entries};
use crate::number::{
    decimal_places, within_bounds, MAX_MONEY_DECIMALS, MAX_POINTS_DECIMALS, MAX_RATE_DECIMALS,
};

pub use crate::caps;
pub use crate::intake::Refusal;

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
    // Bytes are never fewer than characters: a text of at most `cap` bytes needs no count.
    if text.len() > cap && text.chars().nth(cap).is_some() {
        out.push(Refusal {
            path: path(),
            label: label(),
            problem: text_too_long(cap),
        });
    }
}

/// The cap of a field's text: reading a file takes no text longer than [`caps::TEXT_CHARS`] (`intake.rs`), so
/// neither does the gate; `None` for a field that holds no text.
pub fn text_cap(field: Field) -> Option<usize> {
    (field.kind() == FieldKind::Text).then_some(caps::TEXT_CHARS)
}

/// `parent.key` as the reader writes the path of a map's entry (`a["x.y"]` for a key with a dot).
fn keyed(parent: &str, key: &str) -> String {
    let mut path = parent.to_string();
    push_key(&mut path, key);
    path
}

/// A text past [`caps::TEXT_CHARS`], named by its path as the reader names it.
fn cap_long_text(out: &mut Vec<Refusal>, path: impl Fn() -> String, text: &str) {
    cap_text(
        out,
        &path,
        || label_of_path(&path()),
        text,
        caps::TEXT_CHARS,
    );
}

/// A map of more than [`caps::MAP_ENTRIES`] entries, or with a key past [`caps::KEY_CHARS`]: the reader's checks of
/// a JSON object, at the map's path and in its words.
fn cap_map<V>(out: &mut Vec<Refusal>, path: impl Fn() -> String, map: &BTreeMap<String, V>) {
    if map.len() > caps::MAP_ENTRIES {
        out.push(Refusal::new(&path(), too_many_entries()));
    }
    for key in map.keys() {
        if key.len() > caps::KEY_CHARS && key.chars().nth(caps::KEY_CHARS).is_some() {
            out.push(Refusal::new(&path(), key_too_long()));
        }
    }
}

/// What reading a file checks of every text, key and map before typing it (`intake.rs`: a text of at most
/// [`caps::TEXT_CHARS`], a key of at most [`caps::KEY_CHARS`], a map of at most [`caps::MAP_ENTRIES`] entries),
/// and its format tag and schema, checked on the typed document with the reader's paths and words: a document that
/// passes the gate opens again. The 绩效目标 cells and the names have tighter caps of their own, checked with them;
/// the framework's texts are its own rules' ([`Framework::validate`]). No text is copied, and only a text of more
/// bytes than its cap is counted, so a keystroke costs a look at each text's length.
fn check_reader_caps(out: &mut Vec<Refusal>, doc: &Document) {
    if doc.format != FORMAT {
        out.push(Refusal::new(
            "format",
            format!("应为“{FORMAT}”，这不是绩效自评文档"),
        ));
    }
    if doc.schema != SCHEMA {
        out.push(Refusal::new(
            "schema",
            format!("应为本程序所写的版本 {SCHEMA}"),
        ));
    }
    for &field in Field::ALL {
        if let (Some(cap), Some(text)) = (text_cap(field), doc.text_ref(field)) {
            cap_text(
                out,
                || field.path().to_string(),
                || field.label().to_string(),
                text,
                cap,
            );
        }
    }
    for (i, task) in doc.key_tasks.iter().enumerate() {
        cap_long_text(out, || format!("key_tasks[{i}].content"), &task.content);
    }
    for (i, group) in doc.goals.groups.iter().enumerate() {
        cap_long_text(out, || format!("goals.groups[{i}].title"), &group.title);
        for (j, item) in group.items.iter().enumerate() {
            cap_long_text(out, || format!("goals.groups[{i}].items[{j}]"), item);
        }
    }
    cap_long_text(
        out,
        || "conclusion.method".to_string(),
        &doc.conclusion.method,
    );
    cap_long_text(out, || "problems.intro".to_string(), &doc.problems.intro);
    for (i, problem) in doc.problems.items.iter().enumerate() {
        cap_long_text(out, || format!("problems.items[{i}].title"), &problem.title);
        cap_long_text(out, || format!("problems.items[{i}].text"), &problem.text);
    }
    cap_long_text(out, || "other_matters".to_string(), &doc.other_matters);

    let m = &doc.management;
    cap_map(out, || "management.checklists".to_string(), &m.checklists);
    for (id, answers) in &m.checklists {
        cap_map(out, || keyed("management.checklists", id), answers);
    }
    cap_map(out, || "management.cases".to_string(), &m.cases);
    cap_map(out, || "management.choices".to_string(), &m.choices);
    for (id, option) in &m.choices {
        cap_long_text(out, || keyed("management.choices", id), option);
    }
    cap_map(out, || "management.manual".to_string(), &m.manual);
    cap_map(out, || "overrides".to_string(), &doc.overrides);
    for (id, o) in &doc.overrides {
        cap_long_text(
            out,
            || format!("{}.reason", keyed("overrides", id)),
            &o.reason,
        );
    }
    cap_map(
        out,
        || "edited_paragraphs".to_string(),
        &doc.edited_paragraphs,
    );
    for (id, text) in &doc.edited_paragraphs {
        cap_long_text(out, || keyed("edited_paragraphs", id), text);
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
pub fn stored_size(doc: &Document) -> usize {
    compact_size(doc)
}

/// The length of a value's compact JSON, counted without building it.
fn compact_size<T: serde::Serialize>(value: &T) -> usize {
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
    match serde_json::to_writer(&mut count, value) {
        Ok(()) => count.0,
        Err(_) => usize::MAX,
    }
}

/// Room a framework's storage envelope takes around the framework's own JSON: the format tag and version, and an
/// id and a saving time of at most [`caps::KEY_CHARS`] characters each, every one escaped as `\u00XX` at worst.
pub const FRAMEWORK_ENVELOPE_ROOM: usize = 128 + 2 * (6 * caps::KEY_CHARS + 2);

/// An upper bound of the framework's size as the library stores it (its compact JSON in the storage envelope).
pub fn framework_stored_bound(framework: &Framework) -> usize {
    compact_size(framework).saturating_add(FRAMEWORK_ENVELOPE_ROOM)
}

/// A framework too large for the library to read back: each text has its own cap, but together they could pass
/// the whole record's ([`caps::FRAMEWORK_BYTES`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameworkTooLarge {
    /// The bound of its stored size.
    pub bytes: usize,
    pub cap: usize,
}

impl std::fmt::Display for FrameworkTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "评分框架过大，超过 {} 字节的上限，此次修改未保存",
            self.cap
        )
    }
}

/// Whether the framework, stored with any id and saving time, would be past the cap the library reads back; the
/// framework's counterpart of [`new_refusal_within`]'s size check. Returns the bound measured, to keep.
pub fn framework_refusal(framework: &Framework) -> (Option<FrameworkTooLarge>, usize) {
    let bytes = framework_stored_bound(framework);
    let refusal = (bytes > caps::FRAMEWORK_BYTES).then_some(FrameworkTooLarge {
        bytes,
        cap: caps::FRAMEWORK_BYTES,
    });
    (refusal, bytes)
}

/// The gate's rules on a typed document; empty when it may come in.
pub fn check_document(doc: &Document) -> Vec<Refusal> {
    // Measured as stored, so that whatever comes in can be saved and opened again.
    let mut out: Vec<Refusal> = size_refusal(stored_size(doc)).into_iter().collect();
    out.extend(check_rules(doc));
    out
}

/// The refusal of a document of `size` bytes as stored, if it is over the cap.
fn size_refusal(size: usize) -> Option<Refusal> {
    (size > caps::DOCUMENT_BYTES).then(|| Refusal {
        path: String::new(),
        label: "文档".to_string(),
        problem: format!(
            "文档过大（保存后 {size} 字节，上限 {} 字节），请删减长段文字或多余的行",
            caps::DOCUMENT_BYTES
        ),
    })
}

/// Every rule of [`check_document`] but the size, which is the one that costs a pass over the whole document.
fn check_rules(doc: &Document) -> Vec<Refusal> {
    let mut out = Vec::new();
    check_reader_caps(&mut out, doc);
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
        check_target_row(
            &mut out,
            row,
            &format!("targets[{i}]"),
            &format!("绩效目标第{n}行"),
            "权重",
        );
    }
    check_projects(&mut out, doc);
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
            problem: problem.to_string(),
        });
    }
    out
}

/// One row of a 绩效目标 table (the 部门整体 form's at `targets[i]`, or a project's at `projects[p].rows[i]`): its
/// cells within their caps, a unit that cannot read as part of the figure, its 分值 and 得分比例 as figures.
fn check_target_row(
    out: &mut Vec<Refusal>,
    row: &TargetRow,
    path: &str,
    label: &str,
    weight_word: &str,
) {
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
            out,
            || format!("{path}.{column}"),
            || format!("{label}{name}"),
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
            path: format!("{path}.unit"),
            label: format!("{label}单位"),
            problem: "单位不能以数字、小数点或正负号开头".to_string(),
        });
    }
    if let Some(weight) = row.weight {
        let label = format!("{label}{weight_word}");
        check_figure(
            out,
            &format!("{path}.weight"),
            &label,
            weight,
            Figure::Points,
        );
    }
    if let Some(share) = row.qualitative_score {
        let label = format!("{label}得分比例");
        check_figure(
            out,
            &format!("{path}.qualitative_score"),
            &label,
            share,
            Figure::Percent,
        );
    }
}

/// 项目支出绩效自评: at most [`caps::PROJECTS`] forms of at most [`caps::PROJECT_ROWS`] rows (and overrides) each;
/// names within [`caps::NAME_CHARS`], texts within [`caps::TEXT_CHARS`]; every figure of the funds block money, every
/// 分值 and 得分 points; the scheme sound.
fn check_projects(out: &mut Vec<Refusal>, doc: &Document) {
    if doc.projects.len() > caps::PROJECTS {
        out.push(Refusal::new(
            "projects",
            format!(
                "共 {} 个项目，超过上限 {} 个",
                doc.projects.len(),
                caps::PROJECTS
            ),
        ));
    }
    for (p, project) in doc.projects.iter().enumerate() {
        let at = format!("projects[{p}]");
        let called = format!("第{}个项目", p.saturating_add(1));
        let names = [
            ("name", "项目名称", &project.name),
            ("department", "主管部门", &project.department),
            ("implementer", "实施单位", &project.implementer),
            ("leader", "项目负责人", &project.leader),
        ];
        for (key, name, text) in names {
            cap_text(
                out,
                || format!("{at}.{key}"),
                || format!("{called}{name}"),
                text,
                caps::NAME_CHARS,
            );
        }
        let texts = [
            ("execution_reason", &project.execution_reason),
            ("goal_expected", &project.goal_expected),
            ("goal_actual", &project.goal_actual),
            ("conclusion", &project.conclusion),
            ("problems", &project.problems),
            ("measures", &project.measures),
        ];
        for (key, text) in texts {
            cap_long_text(out, || format!("{at}.{key}"), text);
        }
        for line in FundsLine::ALL {
            for column in FundsColumn::ALL {
                if let Some(value) = project.funds.row(line).get(column) {
                    let path = format!("{at}.funds.{}.{}", line.key(), column.key());
                    let label = format!("{called}{}{}", line.label(), column.label());
                    check_figure(out, &path, &label, value, Figure::Money);
                }
            }
        }
        for (list, len) in [
            ("rows", project.rows.len()),
            ("overrides", project.overrides.len()),
        ] {
            if len > caps::PROJECT_ROWS {
                out.push(Refusal {
                    path: format!("{at}.{list}"),
                    label: format!(
                        "{called}{}",
                        if list == "rows" {
                            "绩效指标"
                        } else {
                            "人工调整"
                        }
                    ),
                    problem: format!("共 {len} 条，超过上限 {} 条", caps::PROJECT_ROWS),
                });
            }
        }
        for (i, row) in project.rows.iter().enumerate() {
            let n = i.saturating_add(1);
            check_target_row(
                out,
                row,
                &format!("{at}.rows[{i}]"),
                &format!("{called}绩效指标第{n}行"),
                "分值",
            );
        }
        for (k, o) in project.overrides.iter().enumerate() {
            // One override a row: with two, the score would follow one and the page edit the other.
            if let Some(first) = project
                .overrides
                .iter()
                .take(k)
                .position(|p| p.row == o.row)
            {
                out.push(Refusal {
                    path: format!("{at}.overrides[{k}].row"),
                    label: format!("{called}第{}项人工调整", k.saturating_add(1)),
                    problem: format!(
                        "与第{}项指向同一行（绩效指标第{}行），每行只能有一项人工调整",
                        first.saturating_add(1),
                        o.row.saturating_add(1)
                    ),
                });
            }
            cap_long_text(out, || format!("{at}.overrides[{k}].reason"), &o.reason);
            if let Some(score) = o.score {
                let label = format!("{called}第{}项人工调整得分", k.saturating_add(1));
                check_figure(
                    out,
                    &format!("{at}.overrides[{k}].score"),
                    &label,
                    score,
                    Figure::Points,
                );
            }
        }
    }
    if let Some(scheme) = &doc.project_scheme {
        let entries = scheme.level1.len().max(scheme.grades.len());
        if entries > caps::RULE_ENTRIES {
            out.push(Refusal::new(
                "project_scheme",
                format!("一级指标或等次超过上限 {} 项", caps::RULE_ENTRIES),
            ));
        }
        let names = std::iter::once(&scheme.name)
            .chain(std::iter::once(&scheme.execution.name))
            .chain(scheme.level1.iter().map(|l| &l.name))
            .chain(scheme.grades.iter().map(|g| &g.label));
        for name in names {
            cap_text(
                out,
                || "project_scheme".to_string(),
                || "项目评分表式".to_string(),
                name,
                caps::NAME_CHARS,
            );
        }
        cap_long_text(out, || "project_scheme.source".to_string(), &scheme.source);
        // Weights as the page enters them: points with at most two decimals.
        let weights = std::iter::once((
            "project_scheme.execution.weight".to_string(),
            &scheme.execution.name,
            scheme.execution.weight,
        ))
        .chain(scheme.level1.iter().enumerate().map(|(k, l)| {
            (
                format!("project_scheme.level1[{k}].weight"),
                &l.name,
                l.weight,
            )
        }));
        for (path, name, weight) in weights {
            let label = format!("项目评分表式“{name}”的分值");
            check_figure(out, &path, &label, weight, Figure::Points);
        }
        for problem in scheme.problems() {
            out.push(Refusal::new("project_scheme", problem));
        }
    }
}

/// The first rule an edit would break that the document did not already break, if any: the app refuses such an
/// edit, so a document typed in the page always passes the gate when it is opened again.
pub fn new_refusal(before: &Document, after: &Document) -> Option<Refusal> {
    new_refusal_within(before, after, None).0
}

/// [`new_refusal`] for a page that keeps an upper bound of the stored size: when `size_bound` (an upper bound of
/// `after`'s stored size, e.g. the bound before the edit plus the edit's [`crate::edit::Edit::growth_bound`]) is
/// within the cap, the size cannot be a new refusal and the document is not serialised to measure it — the pass a
/// keystroke in a large document would otherwise pay. Returns the refusal and the bound to keep: the given one, or
/// the exact size when it had to be measured.
pub fn new_refusal_within(
    before: &Document,
    after: &Document,
    size_bound: Option<usize>,
) -> (Option<Refusal>, usize) {
    let (found, size) = match size_bound.filter(|bound| *bound <= caps::DOCUMENT_BYTES) {
        Some(bound) => (check_rules(after), bound),
        None => {
            let size = stored_size(after);
            let mut found: Vec<Refusal> = size_refusal(size).into_iter().collect();
            found.extend(check_rules(after));
            (found, size)
        }
    };
    if found.is_empty() {
        // The usual keystroke: one check, not two.
        return (None, size);
    }
    let already = check_document(before);
    (
        found.into_iter().find(|refusal| !already.contains(refusal)),
        size,
    )
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::migrate::{load_document, load_value, to_json, LoadError};
    use crate::samples;
    use serde_json::Value;

    fn example_value() -> Value {
        serde_json::from_str(&to_json(&samples::example())).unwrap()
    }

    fn refusals(value: Value) -> Vec<Refusal> {
        match load_value(value) {
            Err(LoadError::Refused(r)) => r,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn both_samples_pass() {
        for doc in [samples::seed(), samples::example()] {
            assert_eq!(load_document(&to_json(&doc)), Ok(doc));
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
        let Err(LoadError::Refused(r)) = load_document(&text) else {
            panic!("not refused")
        };
        assert_eq!(r[0].path, "finance.procurement_plan");
        assert!(r[0].problem.contains("字符串"), "{r:?}");
    }

    #[test]
    fn a_whole_json_number_is_read_exactly() {
        let mut value = example_value();
        value["finance"]["procurement_plan"] = Value::from(2058_u64);
        let doc = load_value(value).unwrap();
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
            load_document(&huge),
            Err(LoadError::TooLarge { .. })
        ));
    }

    #[test]
    fn deep_nesting_is_refused_without_a_stack_overflow() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(matches!(load_document(&deep), Err(LoadError::NotJson(_))));
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
    fn a_byte_order_mark_is_not_an_error() {
        let text = format!("\u{feff}{}", to_json(&samples::example()));
        assert_eq!(load_document(&text), Ok(samples::example()));
    }

    /// `check_document` checks the money fields of the field list: every money field of the document must be on it,
    /// or a negative figure there would come in unchecked.
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
        match load_document(&zeros) {
            Err(LoadError::NotJson(message)) => {
                assert!(message.contains("数据条目过多"), "{message}")
            }
            other => panic!("{other:?}"),
        }
        // Brackets and commas inside texts are not counted.
        let mut value = example_value();
        value["annual_work"] = Value::from("[,{".repeat(5_000));
        assert!(load_value(value.clone()).is_ok());
        assert!(load_document(&value.to_string()).is_ok());
    }
}
