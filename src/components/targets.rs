//! 绩效目标: the narrative of the year's goals, and the target rows scored per 财预〔2020〕10号 — add, remove,
//! reorder, and paste rows copied from Excel straight into the table.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, HtmlSelectElement};
use yew::prelude::*;
use zipin_core::document::{GoalGroup, QualitativeGrade, TargetOperator, TargetRow};
use zipin_core::gate::caps;
use zipin_core::number::fmt_score;
use zipin_core::targets::{parse_tsv, TSV_COLUMNS};

use super::fields::{NumberField, NumberKind, TextField};
use super::table::{CellInput, RowTools};
use super::tasks::move_row;
use super::{editor, step, use_app_state};

#[function_component(Targets)]
pub fn targets() -> Html {
    html! {
        <>
            <GoalsNarrative />
            <TargetTable />
        </>
    }
}

#[function_component(GoalsNarrative)]
fn goals_narrative() -> Html {
    let state = use_app_state();
    let goals = &state.doc().goals;
    let add_group = {
        let add = step(&state, |d, (): ()| {
            d.goals.groups.push(GoalGroup::default())
        });
        Callback::from(move |_: MouseEvent| add.emit(()))
    };
    html! {
        <section class="card" aria-labelledby="h-goals">
            <h3 id="h-goals">{ "绩效目标完成情况（报告“（三）部门整体支出绩效目标”）" }</h3>
            <TextField id="f-goals-intro" label="引言" rows={3} value={goals.intro.clone()}
                on_change={editor(&state, "goals.intro", |d, v: String| d.goals.intro = v)} />
            { for goals.groups.iter().enumerate().map(|(i, group)| html! {
                <div class="grid wide" key={i}>
                    <TextField id={format!("f-goals-{i}-title")} label={format!("第{}项（{}是…）标题", i + 1, zipin_core::report::chinese_number(i + 1))}
                        value={group.title.clone()}
                        on_change={editor(&state, format!("goals.{i}.title"), move |d, v: String| { if let Some(g) = d.goals.groups.get_mut(i) { g.title = v } })} />
                    <TextField id={format!("f-goals-{i}-items")} label={format!("第{}项的具体完成情况（每行一条，自动编号）", i + 1)} rows={4}
                        value={group.items.join("\n")}
                        on_change={editor(&state, format!("goals.{i}.items"), move |d, v: String| {
                            if let Some(g) = d.goals.groups.get_mut(i) { g.items = v.split('\n').map(str::to_string).collect() }
                        })} />
                    <div class="toolbar">
                        <button type="button" class="button small danger" aria-label={format!("删除第{}项目标", i + 1)}
                            onclick={step(&state, |d, i: usize| { if i < d.goals.groups.len() { d.goals.groups.remove(i); } }).reform(move |_: MouseEvent| i)}>
                            { "删除此项" }
                        </button>
                    </div>
                </div>
            }) }
            <div class="toolbar"><button type="button" class="button" onclick={add_group}>{ "添加一项" }</button></div>
        </section>
    }
}

const COLUMNS: [(&str, &str); 10] = [
    ("level1", "一级指标"),
    ("level2", "二级指标"),
    ("name", "三级指标"),
    ("operator", "运算符"),
    ("target", "指标值"),
    ("unit", "单位"),
    ("actual", "实际完成值"),
    ("weight", "权重（分）"),
    ("grade", "定性档次 / 得分比例"),
    ("deviation_reason", "偏差原因"),
];

#[function_component(TargetTable)]
fn target_table() -> Html {
    let state = use_app_state();
    let paste_message = use_state(|| None::<(bool, String)>);
    let doc = state.doc();

    // Each row's score and sentence, from the indicators that take it.
    let mut row_results: BTreeMap<usize, (Option<Decimal>, String)> = BTreeMap::new();
    for indicator in &state.evaluation.indicators {
        for row in &indicator.target_rows {
            row_results.insert(row.index, (row.score, row.line.clone()));
        }
    }

    let append = step(&state, |d, rows: Vec<TargetRow>| d.targets.extend(rows));
    let on_paste = {
        let paste_message = paste_message.clone();
        Callback::from(move |e: Event| {
            let Some(e) = e.dyn_ref::<ClipboardEvent>() else {
                return;
            };
            let Some(text) = e
                .clipboard_data()
                .and_then(|d| d.get_data("text/plain").ok())
            else {
                return;
            };
            // A single value pasted into a cell is ordinary pasting; rows and columns become targets.
            if !text.contains('\t') {
                return;
            }
            e.prevent_default();
            match parse_tsv(&text) {
                Ok(rows) if rows.is_empty() => {
                    paste_message.set(Some((false, "粘贴的内容中没有数据行".into())))
                }
                Ok(rows) => {
                    let n = rows.len();
                    append.emit(rows);
                    paste_message.set(Some((true, format!("已从粘贴内容添加 {n} 行绩效目标"))));
                }
                Err(errors) => paste_message.set(Some((
                    false,
                    format!("未添加任何行：{}", errors.join("；")),
                ))),
            }
        })
    };
    let add_row = {
        let add = step(&state, |d, (): ()| {
            d.targets.push(TargetRow {
                level1: "产出".into(),
                ..TargetRow::default()
            })
        });
        Callback::from(move |_: MouseEvent| add.emit(()))
    };

    html! {
        <section class="card" aria-labelledby="h-targets">
            <h3 id="h-targets">{ "绩效目标表" }</h3>
            <p class="hint">{ "定量指标达成得该行全部权重，未达成按完成比例计分；“≤”指标超出时按 指标值÷完成值 计分；定性指标在所选档次内给出得分比例。未填权重时，平均分配所属指标的分值。" }</p>
            <div class="field">
                <label for="targets-paste">{ "从 Excel 粘贴绩效目标（整行复制后在此粘贴，列顺序：" }{ TSV_COLUMNS.join("、") }{ "）" }</label>
                <textarea id="targets-paste" rows="2" placeholder="在此粘贴（Ctrl+V）" onpaste={on_paste.clone()} value="" />
            </div>
            <p class={classes!("hint", paste_message.as_ref().map(|(ok, _)| if *ok { "" } else { "lost" }))} role="status" aria-live="polite">
                { paste_message.as_ref().map(|(_, m)| m.clone()).unwrap_or_default() }
            </p>
            <div class="table-wrap">
                <table class="targets-table">
                    <thead><tr>
                        <th scope="col">{ "序号" }</th>
                        { for COLUMNS.iter().map(|(key, label)| html! { <th scope="col" id={format!("tg-h-{key}")}>{ *label }</th> }) }
                        <th scope="col" class="num">{ "得分" }</th>
                        <th scope="col">{ "操作" }</th>
                    </tr></thead>
                    <tbody>
                        { for doc.targets.iter().enumerate().map(|(i, row)| {
                            let result = row_results.get(&i);
                            html! { <TargetRowView key={i} index={i} row={row.clone()} len={doc.targets.len()}
                                score={result.and_then(|r| r.0)} line={result.map(|r| AttrValue::from(r.1.clone()))}
                                on_paste={on_paste.clone()} /> }
                        }) }
                    </tbody>
                </table>
            </div>
            if doc.targets.is_empty() {
                <p class="hint">{ "尚无绩效目标。履职效能类指标依据本表计分，请添加或粘贴。" }</p>
            }
            <div class="toolbar"><button type="button" class="button" onclick={add_row}>{ "添加一行" }</button></div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TargetRowProps {
    index: usize,
    row: TargetRow,
    len: usize,
    score: Option<Decimal>,
    line: Option<AttrValue>,
    on_paste: Callback<Event>,
}

#[function_component(TargetRowView)]
fn target_row_view(props: &TargetRowProps) -> Html {
    let state = use_app_state();
    let i = props.index;
    let row = &props.row;
    let labelled = |key: &str| AttrValue::from(format!("tg-h-{key} tg-r-{i}"));
    let id = |key: &str| AttrValue::from(format!("f-targets-{i}-{key}"));
    let text_cell = |key: &'static str, value: &str, apply: fn(&mut TargetRow, String)| {
        html! {
            <td><CellInput id={id(key)} labelled_by={labelled(key)} value={value.to_string()} multiline={key == "name" || key == "deviation_reason"}
                max_chars={match key {
                    "unit" => caps::UNIT_CHARS,
                    "target" | "actual" => caps::VALUE_CHARS,
                    "deviation_reason" => caps::TEXT_CHARS,
                    _ => caps::CELL_CHARS,
                }}
                onpaste={props.on_paste.clone()}
                on_change={editor(&state, format!("targets.{i}.{key}"), move |d, v: String| { if let Some(r) = d.targets.get_mut(i) { apply(r, v) } })} /></td>
        }
    };
    let on_operator = {
        let set = editor(
            &state,
            format!("targets.{i}.operator"),
            move |d, v: String| {
                if let (Some(r), Some(op)) = (d.targets.get_mut(i), TargetOperator::from_text(&v)) {
                    r.operator = op;
                }
            },
        );
        Callback::from(move |e: Event| {
            if let Some(select) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            {
                set.emit(select.value());
            }
        })
    };
    let on_grade = {
        let set = editor(&state, format!("targets.{i}.grade"), move |d, v: String| {
            if let Some(r) = d.targets.get_mut(i) {
                r.grade = QualitativeGrade::ALL.into_iter().find(|g| g.label() == v);
            }
        });
        Callback::from(move |e: Event| {
            if let Some(select) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            {
                set.emit(select.value());
            }
        })
    };
    html! {
        <tr>
            <th scope="row" id={format!("tg-r-{i}")} class="num">{ i + 1 }</th>
            { text_cell("level1", &row.level1, |r, v| r.level1 = v) }
            { text_cell("level2", &row.level2, |r, v| r.level2 = v) }
            { text_cell("name", &row.name, |r, v| r.name = v) }
            <td>
                <select id={id("operator")} aria-labelledby={labelled("operator")} onchange={on_operator}>
                    { for TargetOperator::ALL.iter().map(|op| html! {
                        <option value={op.symbol()} selected={*op == row.operator}>{ op.symbol() }</option>
                    }) }
                </select>
            </td>
            { text_cell("target", &row.target, |r, v| r.target = v) }
            { text_cell("unit", &row.unit, |r, v| r.unit = v) }
            { text_cell("actual", &row.actual, |r, v| r.actual = v) }
            <td><NumberField id={id("weight")} label="权重" labelled_by={labelled("weight")} kind={NumberKind::Points} value={row.weight}
                on_change={editor(&state, format!("targets.{i}.weight"), move |d, v: Option<Decimal>| { if let Some(r) = d.targets.get_mut(i) { r.weight = v } })} /></td>
            <td>
                if row.operator == TargetOperator::Qualitative {
                    <select id={id("grade")} aria-labelledby={labelled("grade")} onchange={on_grade}>
                        <option value="" selected={row.grade.is_none()}>{ "（未选）" }</option>
                        { for QualitativeGrade::ALL.iter().map(|g| html! {
                            <option value={g.label()} selected={row.grade == Some(*g)}>{ g.label() }</option>
                        }) }
                    </select>
                    <NumberField id={id("qualitative_score")} label="得分比例" labelled_by={labelled("grade")} kind={NumberKind::Rate}
                        value={row.qualitative_score}
                        on_change={editor(&state, format!("targets.{i}.qualitative_score"), move |d, v: Option<Decimal>| { if let Some(r) = d.targets.get_mut(i) { r.qualitative_score = v } })} />
                } else {
                    <span class="muted">{ "—" }</span>
                }
            </td>
            { text_cell("deviation_reason", &row.deviation_reason, |r, v| r.deviation_reason = v) }
            <td class="num" title={props.line.clone()}>
                { props.score.map(fmt_score).unwrap_or_else(|| "—".to_string()) }
            </td>
            <td><RowTools index={i} len={props.len} what="绩效目标"
                on_move={step(&state, |d, (from, to): (usize, usize)| move_row(&mut d.targets, from, to))}
                on_remove={step(&state, |d, i: usize| { if i < d.targets.len() { d.targets.remove(i); } })} /></td>
        </tr>
    }
}
