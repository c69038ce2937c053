//! Every text of a document has a cap, and the gate that accepts an edit knows all of them: a document the gate
//! passes opens again (pretty and compact), and a text one character past its cap is refused by the edit with the
//! text's label, in the words the file reader uses.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::disallowed_methods
)] // Tests, benchmarks and examples may panic and use literals; the library code may not.

use proptest::prelude::*;
use rust_decimal::Decimal;
use zipin_core::access::FieldValue;
use zipin_core::document::{GoalGroup, KeyTask, Override, Problem, TargetRow};
use zipin_core::edit::{Edit, EditError, EditRefusal, Table, TargetText};
use zipin_core::fields::{Field, FieldKind, KeyTaskColumn};
use zipin_core::gate::{self, caps, Refusal};
use zipin_core::migrate::{load_document, to_json, LoadError};
use zipin_core::{samples, Document, Framework};

/// An indicator of the example's framework, for overrides, answers and paragraphs keyed by it.
const INDICATOR: &str = "evaluation-use";

type Setter = Box<dyn Fn(&mut Document, String)>;
type Editor = Box<dyn Fn(String) -> Edit>;
type FrameworkText = (&'static str, usize, fn(&mut Framework, String));
type Fill = (&'static str, fn(&mut Document, usize));

/// One text of the document: where the refusal points, its label, its cap, how to put a text there directly and,
/// when the page can type it, the edit that does.
struct Place {
    path: String,
    label: String,
    cap: usize,
    set: Setter,
    edit: Option<Editor>,
}

fn place(
    path: &str,
    label: &str,
    cap: usize,
    set: impl Fn(&mut Document, String) + 'static,
    edit: Option<Editor>,
) -> Place {
    Place {
        path: path.to_string(),
        label: label.to_string(),
        cap,
        set: Box::new(set),
        edit,
    }
}

fn edit(f: impl Fn(String) -> Edit + 'static) -> Option<Editor> {
    Some(Box::new(f))
}

/// The example with at least one of every row, entry and answer the places below write into.
fn base() -> Document {
    let mut doc = samples::example();
    doc.departments = vec!["办公室".into(), "业务部".into()];
    doc.key_tasks = vec![KeyTask::default()];
    doc.goals.groups = vec![GoalGroup {
        title: "一是".into(),
        items: vec!["甲".into(), "乙".into()],
    }];
    doc.problems.items = vec![Problem::default()];
    doc.targets = vec![TargetRow::default()];
    doc.finance.by_function = vec![Default::default()];
    doc.overrides.insert(
        INDICATOR.into(),
        Override {
            score: Decimal::ONE,
            reason: "理由".into(),
        },
    );
    doc.edited_paragraphs
        .insert(INDICATOR.into(), "段落".into());
    doc.management
        .choices
        .insert(INDICATOR.into(), "选项".into());
    assert_eq!(gate::check_document(&doc), vec![], "the base passes");
    doc
}

/// Every text of the document, with its cap: the field list's texts, the tables' and lists' cells, the answer maps'
/// texts and keys, and the embedded framework's texts.
fn places() -> Vec<Place> {
    let mut out = Vec::new();
    for &field in Field::ALL {
        if field.kind() != FieldKind::Text {
            continue;
        }
        assert_eq!(gate::text_cap(field), Some(caps::TEXT_CHARS));
        out.push(place(
            field.path(),
            field.label(),
            caps::TEXT_CHARS,
            move |d, t| d.apply(&Edit::Set(field, FieldValue::Text(t))).unwrap(),
            edit(move |t| Edit::Set(field, FieldValue::Text(t))),
        ));
    }
    out.push(place(
        "departments[1]",
        "内设机构第2项",
        caps::NAME_CHARS,
        |d, t| d.departments[1] = t,
        edit(|t| Edit::Departments(format!("办公室\n{t}"))),
    ));
    for (column, key, label, cap) in [
        (
            KeyTaskColumn::Division,
            "division",
            "对应处室",
            caps::NAME_CHARS,
        ),
        (
            KeyTaskColumn::Content,
            "content",
            "工作任务内容",
            caps::TEXT_CHARS,
        ),
        (
            KeyTaskColumn::Counterpart,
            "counterpart",
            "对接部门",
            caps::NAME_CHARS,
        ),
    ] {
        out.push(place(
            &format!("key_tasks[0].{key}"),
            &format!("重点工作任务第1项 › {label}"),
            cap,
            move |d, t| {
                let task = &mut d.key_tasks[0];
                *match column {
                    KeyTaskColumn::Division => &mut task.division,
                    KeyTaskColumn::Content => &mut task.content,
                    KeyTaskColumn::Counterpart => &mut task.counterpart,
                } = t
            },
            edit(move |text| Edit::KeyTask {
                row: 0,
                column,
                text,
            }),
        ));
    }
    out.push(place(
        "finance.by_function[0].name",
        "财务数据 › 按功能分类支出第1项 › 名称",
        caps::NAME_CHARS,
        |d, t| d.finance.by_function[0].name = t,
        edit(|name| Edit::FunctionLineName { row: 0, name }),
    ));
    out.push(place(
        "goals.groups[0].title",
        "绩效目标概述 › 分组第1项 › 标题",
        caps::TEXT_CHARS,
        |d, t| d.goals.groups[0].title = t,
        edit(|title| Edit::GoalTitle { group: 0, title }),
    ));
    out.push(place(
        "goals.groups[0].items[1]",
        "绩效目标概述 › 分组第1项 › 条目第2项",
        caps::TEXT_CHARS,
        |d, t| d.goals.groups[0].items[1] = t,
        edit(|t| Edit::GoalItems {
            group: 0,
            lines: format!("甲\n{t}"),
        }),
    ));
    for (column, key, name, cap) in [
        (TargetText::Level1, "level1", "一级指标", caps::CELL_CHARS),
        (TargetText::Level2, "level2", "二级指标", caps::CELL_CHARS),
        (TargetText::Name, "name", "三级指标", caps::CELL_CHARS),
        (TargetText::Target, "target", "指标值", caps::VALUE_CHARS),
        (TargetText::Unit, "unit", "单位", caps::UNIT_CHARS),
        (
            TargetText::Actual,
            "actual",
            "实际完成值",
            caps::VALUE_CHARS,
        ),
        (
            TargetText::DeviationReason,
            "deviation_reason",
            "偏差原因",
            caps::TEXT_CHARS,
        ),
    ] {
        out.push(place(
            &format!("targets[0].{key}"),
            &format!("绩效目标第1行{name}"),
            cap,
            move |d, t| {
                let row = &mut d.targets[0];
                *match column {
                    TargetText::Level1 => &mut row.level1,
                    TargetText::Level2 => &mut row.level2,
                    TargetText::Name => &mut row.name,
                    TargetText::Target => &mut row.target,
                    TargetText::Unit => &mut row.unit,
                    TargetText::Actual => &mut row.actual,
                    TargetText::DeviationReason => &mut row.deviation_reason,
                } = t
            },
            edit(move |text| Edit::TargetText {
                row: 0,
                column,
                text,
            }),
        ));
    }
    // Texts no edit types into today (written by a file, a share link or a later page), built directly.
    out.push(place(
        "conclusion.method",
        "自评结论 › 评价方法",
        caps::TEXT_CHARS,
        |d, t| d.conclusion.method = t,
        None,
    ));
    out.push(place(
        "problems.intro",
        "存在问题及改进措施 › 引言",
        caps::TEXT_CHARS,
        |d, t| d.problems.intro = t,
        None,
    ));
    for (key, label) in [("title", "标题"), ("text", "内容")] {
        out.push(place(
            &format!("problems.items[0].{key}"),
            &format!("存在问题及改进措施 › 条目第1项 › {label}"),
            caps::TEXT_CHARS,
            move |d, t| {
                let item = &mut d.problems.items[0];
                *if key == "title" {
                    &mut item.title
                } else {
                    &mut item.text
                } = t
            },
            None,
        ));
    }
    out.push(place(
        "other_matters",
        "其他自评情况",
        caps::TEXT_CHARS,
        |d, t| d.other_matters = t,
        None,
    ));
    // The answer maps' texts.
    out.push(place(
        &format!("overrides.{INDICATOR}.reason"),
        &format!("人工调整得分 › “{INDICATOR}” › 理由"),
        caps::TEXT_CHARS,
        |d, t| d.overrides.get_mut(INDICATOR).unwrap().reason = t,
        edit(|reason| Edit::OverrideReason {
            indicator: INDICATOR.into(),
            reason,
        }),
    ));
    out.push(place(
        &format!("edited_paragraphs.{INDICATOR}"),
        &format!("报告中修改的段落 › “{INDICATOR}”"),
        caps::TEXT_CHARS,
        |d, t| {
            d.edited_paragraphs.insert(INDICATOR.into(), t);
        },
        edit(|text| Edit::Paragraph {
            id: INDICATOR.into(),
            text,
        }),
    ));
    out.push(place(
        &format!("management.choices.{INDICATOR}"),
        &format!("管理指标答案 › 所选情形 › “{INDICATOR}”"),
        caps::TEXT_CHARS,
        |d, t| {
            d.management.choices.insert(INDICATOR.into(), t);
        },
        edit(|option| Edit::Choice {
            indicator: INDICATOR.into(),
            option: Some(option),
        }),
    ));
    // The answer maps' keys: an indicator's, an item's or a paragraph's id.
    out.push(place(
        "overrides",
        "人工调整得分",
        caps::KEY_CHARS,
        |d, t| {
            d.overrides.insert(t, Override::default());
        },
        edit(|indicator| Edit::OverrideScore {
            indicator,
            score: Some(Decimal::ONE),
        }),
    ));
    out.push(place(
        "edited_paragraphs",
        "报告中修改的段落",
        caps::KEY_CHARS,
        |d, t| {
            d.edited_paragraphs.insert(t, "段落".into());
        },
        edit(|id| Edit::Paragraph {
            id,
            text: "段落".into(),
        }),
    ));
    out.push(place(
        "management.cases",
        "管理指标答案 › 问题数",
        caps::KEY_CHARS,
        |d, t| {
            d.management.cases.insert(t, 1);
        },
        edit(|indicator| Edit::Cases {
            indicator,
            count: Some(1),
        }),
    ));
    out.push(place(
        "management.choices",
        "管理指标答案 › 所选情形",
        caps::KEY_CHARS,
        |d, t| {
            d.management.choices.insert(t, "选项".into());
        },
        edit(|indicator| Edit::Choice {
            indicator,
            option: Some("选项".into()),
        }),
    ));
    out.push(place(
        "management.manual",
        "管理指标答案 › 人工评分",
        caps::KEY_CHARS,
        |d, t| {
            d.management.manual.insert(t, Decimal::ONE);
        },
        edit(|indicator| Edit::ManualScore {
            indicator,
            score: Some(Decimal::ONE),
        }),
    ));
    out.push(place(
        "management.checklists",
        "管理指标答案 › 检查项答案",
        caps::KEY_CHARS,
        |d, t| {
            d.management.checklists.insert(t, Default::default());
        },
        edit(|indicator| Edit::ChecklistItem {
            indicator,
            item: "a".into(),
            met: true,
        }),
    ));
    out.push(place(
        &format!("management.checklists.{INDICATOR}"),
        &format!("管理指标答案 › 检查项答案 › “{INDICATOR}”"),
        caps::KEY_CHARS,
        |d, t| {
            d.management
                .checklists
                .entry(INDICATOR.into())
                .or_default()
                .insert(t, true);
        },
        edit(|item| Edit::ChecklistItem {
            indicator: INDICATOR.into(),
            item,
            met: true,
        }),
    ));
    // The embedded framework's texts: refused by its own rules ("评分框架" and its problem), through no edit but a
    // whole framework, which is refused while unsound.
    let framework_places: [FrameworkText; 6] = [
        ("name", caps::NAME_CHARS, |f, t| f.name = t),
        ("source", caps::TEXT_CHARS, |f, t| f.source = t),
        ("level1 name", caps::NAME_CHARS, |f, t| f.level1[0].name = t),
        ("indicator id", caps::KEY_CHARS, |f, t| {
            f.level1[0].level2[0].indicators[0].id = t
        }),
        ("definition", caps::TEXT_CHARS, |f, t| {
            f.level1[0].level2[0].indicators[0].definition = t
        }),
        ("standard", caps::TEXT_CHARS, |f, t| {
            f.level1[0].level2[0].indicators[0].standard = t
        }),
    ];
    for (_what, cap, set) in framework_places {
        out.push(place(
            "framework",
            "评分框架",
            cap,
            move |d, t| set(&mut d.framework, t),
            None,
        ));
    }
    out
}

/// `n` characters of `c`.
fn text(c: char, n: usize) -> String {
    c.to_string().repeat(n)
}

/// The gate and the reader (pretty and compact) agree on `doc`; returns the gate's refusals.
fn gate_and_reader_agree(doc: &Document, what: &str) -> Vec<Refusal> {
    let gate = gate::check_document(doc);
    for (form, json) in [
        ("pretty", to_json(doc)),
        ("compact", serde_json::to_string(doc).unwrap()),
    ] {
        let read = load_document(&json);
        assert_eq!(
            gate.is_empty(),
            read.is_ok(),
            "{what} ({form}): gate {gate:?}, reader {read:?}"
        );
        match read {
            Ok(back) => assert_eq!(back, *doc, "{what} ({form}) reads back as it was"),
            Err(LoadError::Refused(_)) => {}
            Err(other) => panic!("{what} ({form}): {other:?}"),
        }
    }
    gate
}

/// The reader's refusals of `doc`.
fn reader_refusals(doc: &Document) -> Vec<Refusal> {
    match load_document(&to_json(doc)) {
        Err(LoadError::Refused(r)) => r,
        other => panic!("{other:?}"),
    }
}

/// Characters of one, two, three and four bytes, and one JSON writes as six (`\u0001`): a cap counts characters.
const CHARS: [char; 5] = ['a', 'é', '字', '😀', '\u{1}'];

#[test]
fn every_text_at_its_cap_passes_and_one_past_is_refused_by_the_gate_as_by_the_reader() {
    let base = base();
    let places = places();
    assert!(places.len() >= 49, "{}", places.len());
    for p in &places {
        for c in CHARS {
            let what = format!("{} ({} × {c:?})", p.path, p.cap);
            let mut at = base.clone();
            (p.set)(&mut at, text(c, p.cap));
            assert_eq!(gate_and_reader_agree(&at, &what), vec![], "{what}");

            let mut past = base.clone();
            (p.set)(&mut past, text(c, p.cap + 1));
            let what = format!("{} ({} + 1 × {c:?})", p.path, p.cap);
            let refused = gate_and_reader_agree(&past, &what);
            let ours = refused
                .iter()
                .find(|r| r.path == p.path)
                .unwrap_or_else(|| panic!("{what}: {refused:?}"));
            assert_eq!(ours.label, p.label, "{what}");
            if p.path != "framework" {
                // The reader says the same of it, at the same path (its label of a 绩效目标 cell is its own).
                let read = reader_refusals(&past);
                assert!(
                    read.iter()
                        .any(|r| r.path == ours.path && r.problem == ours.problem),
                    "{what}: gate {ours:?}, reader {read:?}"
                );
            }
        }
    }
}

#[test]
fn an_edit_one_past_a_cap_is_refused_with_the_label_and_one_at_it_is_kept() {
    let base = base();
    let known = gate::stored_size(&base);
    let typed: Vec<Place> = places().into_iter().filter(|p| p.edit.is_some()).collect();
    assert!(typed.len() >= 38, "{}", typed.len());
    for p in &typed {
        let edit = p.edit.as_ref().unwrap();
        // '字' is three bytes; 'a' one, where a byte count alone would pass the cap.
        for c in ['a', '字'] {
            // Measured (no bound) and on the keystroke path (a known bound spares the measure).
            for size in [None, Some(known)] {
                let what = format!("{} × {c:?}, known size {size:?}", p.path);
                let kept = base
                    .try_apply(&edit(text(c, p.cap)), size)
                    .unwrap_or_else(|e| panic!("{what}: {e}"))
                    .unwrap_or_else(|| panic!("{what}: nothing changed"));
                assert_eq!(
                    load_document(&to_json(&kept.value)).as_ref(),
                    Ok(&kept.value),
                    "{what}"
                );
                match base.try_apply(&edit(text(c, p.cap + 1)), size) {
                    Err(EditRefusal::Gate(refusal)) => {
                        assert_eq!(refusal.path, p.path, "{what}");
                        assert_eq!(refusal.label, p.label, "{what}");
                    }
                    other => panic!("{what}: {other:?}"),
                }
            }
        }
    }
    // The page's words, the reader's.
    let long = text('名', caps::TEXT_CHARS + 1);
    let refused = base
        .try_apply(&Edit::Set(Field::UnitName, FieldValue::Text(long)), None)
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        format!(
            "单位名称（unit.name）：文字过长（上限 {} 字）",
            caps::TEXT_CHARS
        )
    );
    let reason = text('理', 30_000);
    let refused = base
        .try_apply(
            &Edit::OverrideReason {
                indicator: INDICATOR.into(),
                reason,
            },
            Some(known),
        )
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        format!(
            "人工调整得分 › “{INDICATOR}” › 理由（overrides.{INDICATOR}.reason）：文字过长（上限 {} 字）",
            caps::TEXT_CHARS
        )
    );
}

/// A text already past its cap (a document from an older build) does not block other edits; typing in it
/// must bring it within.
#[test]
fn a_text_already_past_its_cap_blocks_only_itself() {
    let mut doc = base();
    doc.other_matters = text('长', caps::TEXT_CHARS + 1);
    let unit = doc
        .try_apply(
            &Edit::Set(Field::UnitName, FieldValue::Text("甲".into())),
            None,
        )
        .unwrap();
    assert!(unit.is_some());
    let grown = doc.try_apply(
        &Edit::Set(
            Field::AnnualWork,
            FieldValue::Text(text('长', caps::TEXT_CHARS + 1)),
        ),
        None,
    );
    assert!(
        matches!(&grown, Err(EditRefusal::Gate(r)) if r.path == "annual_work"),
        "{grown:?}"
    );
}

#[test]
fn a_framework_past_a_cap_is_refused_as_a_whole() {
    let base = base();
    let mut framework = base.framework.clone();
    framework.name = text('名', caps::NAME_CHARS + 1);
    let refused = base
        .try_apply(&Edit::Framework(Box::new(framework)), None)
        .unwrap_err();
    assert!(
        matches!(
            refused,
            EditRefusal::Edit(EditError::UnsoundFramework { .. })
        ),
        "{refused:?}"
    );
}

/// Each answer map takes at most [`caps::MAP_ENTRIES`] entries: the gate counts what the reader counts, and the
/// edit that would add one more is refused.
#[test]
fn maps_past_their_entry_cap_are_refused_by_the_gate_as_by_the_reader() {
    let base = base();
    let fill: [Fill; 7] = [
        ("overrides", |d, n| {
            d.overrides = (0..n)
                .map(|i| (format!("i{i}"), Override::default()))
                .collect()
        }),
        ("edited_paragraphs", |d, n| {
            d.edited_paragraphs = (0..n).map(|i| (format!("p{i}"), "改".into())).collect()
        }),
        ("management.cases", |d, n| {
            d.management.cases = (0..n).map(|i| (format!("i{i}"), 1)).collect()
        }),
        ("management.choices", |d, n| {
            d.management.choices = (0..n).map(|i| (format!("i{i}"), "o".into())).collect()
        }),
        ("management.manual", |d, n| {
            d.management.manual = (0..n).map(|i| (format!("i{i}"), Decimal::ONE)).collect()
        }),
        // Indicators answered with no item: the answers' own cap (1,000 in all) is not reached.
        ("management.checklists", |d, n| {
            d.management.checklists = (0..n)
                .map(|i| (format!("i{i}"), Default::default()))
                .collect()
        }),
        ("management.checklists.i0", |d, n| {
            d.management.checklists = [(
                "i0".to_string(),
                (0..n).map(|i| (format!("c{i}"), true)).collect(),
            )]
            .into()
        }),
    ];
    for (path, fill) in fill {
        let mut at = base.clone();
        fill(&mut at, caps::MAP_ENTRIES);
        assert_eq!(gate_and_reader_agree(&at, path), vec![], "{path}");
        let mut past = base.clone();
        fill(&mut past, caps::MAP_ENTRIES + 1);
        let refused = gate_and_reader_agree(&past, path);
        assert!(
            refused
                .iter()
                .any(|r| r.path == path && r.problem.contains("条目过多")),
            "{path}: {refused:?}"
        );
    }
    // The 1,001st override typed.
    let mut full = base.clone();
    full.overrides = (0..caps::MAP_ENTRIES)
        .map(|i| (format!("i{i}"), Override::default()))
        .collect();
    let refused = full
        .try_apply(
            &Edit::OverrideScore {
                indicator: "new".into(),
                score: Some(Decimal::ONE),
            },
            Some(gate::stored_size(&full)),
        )
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        format!(
            "人工调整得分（overrides）：条目过多（上限 {} 条）",
            caps::MAP_ENTRIES
        )
    );
}

#[test]
fn a_document_of_another_format_or_schema_does_not_pass_the_gate() {
    let mut other = base();
    other.format = "other".into();
    assert!(!gate::check_document(&other).is_empty());
    assert!(load_document(&to_json(&other)).is_err());
    let mut newer = base();
    newer.schema += 1;
    assert!(!gate::check_document(&newer).is_empty());
    assert!(load_document(&to_json(&newer)).is_err());
}

/// A row added or rows pasted keep the other caps: the table's row cap, with rows at their cells' caps.
#[test]
fn rows_added_at_their_caps_read_back() {
    let base = base();
    let full_row = TargetRow {
        level1: text('一', caps::CELL_CHARS),
        name: text('三', caps::CELL_CHARS),
        unit: text('个', caps::UNIT_CHARS),
        deviation_reason: text('因', caps::TEXT_CHARS),
        ..TargetRow::default()
    };
    let pasted = base
        .try_apply(&Edit::PasteTargets(vec![full_row; 3]), None)
        .unwrap()
        .unwrap();
    let added = pasted
        .value
        .try_apply(&Edit::AddRow(Table::KeyTasks), Some(pasted.size_bound))
        .unwrap()
        .unwrap();
    assert_eq!(
        load_document(&to_json(&added.value)).as_ref(),
        Ok(&added.value)
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any mix of narrow, wide and escaped characters around any text's cap: the gate passes exactly what the
    /// reader reads back.
    #[test]
    fn the_gate_passes_exactly_what_reads_back(
        index in 0usize..1_000,
        delta in -2i64..=2,
        mix in proptest::collection::vec(0usize..CHARS.len(), 1..8),
    ) {
        let places = places();
        let p = &places[index % places.len()];
        let n = (p.cap as i64 + delta) as usize;
        let t: String = (0..n).map(|i| CHARS[mix[i % mix.len()]]).collect();
        let mut doc = base();
        (p.set)(&mut doc, t);
        let refused = gate_and_reader_agree(&doc, &p.path);
        prop_assert_eq!(refused.is_empty(), delta <= 0);
    }
}
