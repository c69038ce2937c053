//! 绩效目标: the narrative of the year's goals, and the target rows scored per 财预〔2020〕10号 — add, remove,
//! reorder, and paste rows copied from Excel straight into the table.

use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, HtmlSelectElement};
use yew::prelude::*;
use zipin_core::document::{QualitativeGrade, TargetOperator, TargetRow};
use zipin_core::edit::{Edit, ProjectEdit, Table, TargetText};
use zipin_core::fields::{Field, FieldRef, Part, TargetColumn};
use zipin_core::paste::errors_message;
use zipin_core::present::target_rows::target_row_scores;
use zipin_core::present::NO_SCORE;
use zipin_core::project::{project_label, ProjectFields};
use zipin_core::targets::{parse_tsv, TSV_COLUMNS};

use super::fields::{NumberField, NumberKind, TextField, TextInput};
use super::table::{CellInput, RowTools};
use super::{on_click, on_edit, refusal_of, use_document};

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
    let state = use_document();
    let goals = &state.doc().goals;
    html! {
        <section class="card" aria-labelledby="h-goals" id={Part::Goals.dom_id()} tabindex="-1">
            <h3 id="h-goals">{ "绩效目标完成情况（报告“（三）部门整体支出绩效目标”）" }</h3>
            <TextInput field={Field::GoalsIntro} rows={3} />
            { for goals.groups.iter().enumerate().map(|(group, g)| html! {
                <div class="grid wide" key={group}>
                    <TextField id={FieldRef::goal(group, "title").dom_id()} label={format!("第{}项（{}是…）标题", group.saturating_add(1), zipin_core::report::chinese_number(group.saturating_add(1)))}
                        value={g.title.clone()}
                        on_change={on_edit(&state, move |title| Edit::GoalTitle { group, title })} />
                    <TextField id={FieldRef::goal(group, "items").dom_id()} label={format!("第{}项的具体完成情况（每行一条，自动编号）", group.saturating_add(1))} rows={4}
                        value={g.items.join("\n")}
                        on_change={on_edit(&state, move |lines| Edit::GoalItems { group, lines })} />
                    <div class="toolbar">
                        <button type="button" class="button small danger" aria-label={format!("删除此项：第{}项目标", group.saturating_add(1))}
                            onclick={on_click(&state, Edit::RemoveRow(Table::Goals, group))}>
                            { "删除此项" }
                        </button>
                    </div>
                </div>
            }) }
            <div class="toolbar"><button type="button" class="button" onclick={on_click(&state, Edit::AddRow(Table::Goals))}>{ "添加一项" }</button></div>
        </section>
    }
}

#[function_component(TargetTable)]
fn target_table() -> Html {
    let state = use_document();
    let paste_message = use_state(|| None::<(bool, String)>);
    let doc = state.doc();
    // Each row's score and sentence, from the indicators that take it.
    let row_scores = target_row_scores(&doc.targets, &state.evaluation);

    let append = on_edit(&state, |edit: Edit| edit);
    let on_paste = {
        let (paste_message, state) = (paste_message.clone(), state.clone());
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
                    let edit = Edit::PasteTargets(rows);
                    match refusal_of(&state, &edit) {
                        Some(refused) => {
                            paste_message.set(Some((false, format!("未添加任何行：{refused}"))))
                        }
                        None => {
                            append.emit(edit);
                            paste_message
                                .set(Some((true, format!("已从粘贴内容添加 {n} 行绩效目标"))));
                        }
                    }
                }
                Err(errors) => paste_message.set(Some((
                    false,
                    format!("未添加任何行：{}", errors_message(&errors)),
                ))),
            }
        })
    };
    html! {
        <section class="card" aria-labelledby="h-targets" id={Part::Targets.dom_id()} tabindex="-1">
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
                        { for TargetColumn::SHOWN.iter().map(|c| html! { <th scope="col" id={format!("tg-h-{}", c.key())}>{ c.header() }</th> }) }
                        <th scope="col" class="num">{ "得分" }</th>
                        <th scope="col">{ "操作" }</th>
                    </tr></thead>
                    <tbody>
                        { for doc.targets.iter().enumerate().map(|(i, row)| {
                            let scored = row_scores.get(i);
                            html! { <TargetRowView key={i} index={i} row={row.clone()} len={doc.targets.len()}
                                score={scored.map(|r| AttrValue::from(r.score_text.clone()))} line={scored.and_then(|r| r.line.clone()).map(AttrValue::from)}
                                on_paste={on_paste.clone()} /> }
                        }) }
                    </tbody>
                </table>
            </div>
            if doc.targets.is_empty() {
                <p class="hint">{ "尚无绩效目标。履职效能类指标依据本表计分，请添加或粘贴。" }</p>
            }
            <div class="toolbar"><button type="button" class="button" onclick={on_click(&state, Edit::AddRow(Table::Targets))}>{ "添加一行" }</button></div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct TargetRowProps {
    pub index: usize,
    pub row: TargetRow,
    pub len: usize,
    /// The row's score as printed (or "—"), and how it came about.
    pub score: Option<AttrValue>,
    pub line: Option<AttrValue>,
    pub on_paste: Callback<Event>,
    /// The project whose indicator rows these are; none: the 部门整体 绩效目标 table.
    #[prop_or_default]
    pub project: Option<usize>,
}

/// The ids of a rows table's column headers and row headers: `tg-h-…`/`tg-r-…` for the 部门整体 table, `pj-…` for a
/// project's.
pub(super) fn header_prefix(project: Option<usize>) -> &'static str {
    if project.is_some() {
        "pj"
    } else {
        "tg"
    }
}

/// An edit of the 绩效目标 rows, aimed at the 部门整体 table or at a project's rows.
pub(super) fn of_rows(project: Option<usize>, edit: Edit) -> Edit {
    match project {
        Some(project) => Edit::Project(ProjectEdit::Rows {
            project,
            edit: Box::new(edit),
        }),
        None => edit,
    }
}

/// One row of a 绩效目标 table: the 部门整体 form's, or a project's (the same cells, edits and row tools).
#[function_component(TargetRowView)]
pub(super) fn target_row_view(props: &TargetRowProps) -> Html {
    let state = use_document();
    let i = props.index;
    let row = &props.row;
    let project = props.project;
    let prefix = header_prefix(project);
    let labelled = |column: TargetColumn| {
        AttrValue::from(format!("{prefix}-h-{} {prefix}-r-{i}", column.key()))
    };
    let project_label = project.map(|p| {
        state
            .doc()
            .projects
            .get(p)
            .map(|found| project_label(p, found))
            .unwrap_or_default()
    });
    let id = |column: TargetColumn| {
        let cell = column.cell(i);
        AttrValue::from(match (project, &project_label) {
            (Some(index), Some(label)) => ProjectFields { index, label }.row_cell(&cell).dom_id(),
            _ => cell.dom_id(),
        })
    };
    let text_cell = |column: TargetText, value: &str| {
        let shown = column.column();
        html! {
            <td><CellInput id={id(shown)} labelled_by={labelled(shown)} value={value.to_string()}
                multiline={matches!(column, TargetText::Name | TargetText::DeviationReason)}
                max_chars={column.cap()}
                onpaste={props.on_paste.clone()}
                on_change={on_edit(&state, move |text| of_rows(project, Edit::TargetText { row: i, column, text }))} /></td>
        }
    };
    let on_operator = on_edit(&state, move |e: Event| {
        of_rows(
            project,
            Edit::TargetOperator {
                row: i,
                operator: TargetOperator::from_text(&select_value(&e)).unwrap_or_default(),
            },
        )
    });
    let on_grade = on_edit(&state, move |e: Event| {
        let label = select_value(&e);
        of_rows(
            project,
            Edit::TargetGrade {
                row: i,
                grade: QualitativeGrade::ALL
                    .into_iter()
                    .find(|g| g.label() == label),
            },
        )
    });
    html! {
        <tr>
            <th scope="row" id={format!("{prefix}-r-{i}")} class="num">{ i.saturating_add(1) }</th>
            { text_cell(TargetText::Level1, &row.level1) }
            { text_cell(TargetText::Level2, &row.level2) }
            { text_cell(TargetText::Name, &row.name) }
            <td>
                <select id={id(TargetColumn::Operator)} aria-labelledby={labelled(TargetColumn::Operator)} onchange={on_operator}>
                    { for TargetOperator::ALL.iter().map(|op| html! {
                        <option value={op.symbol()} selected={*op == row.operator}>{ op.symbol() }</option>
                    }) }
                </select>
            </td>
            { text_cell(TargetText::Target, &row.target) }
            { text_cell(TargetText::Unit, &row.unit) }
            { text_cell(TargetText::Actual, &row.actual) }
            <td><NumberField id={id(TargetColumn::Weight)} label={if project.is_some() { "分值" } else { "权重" }} labelled_by={labelled(TargetColumn::Weight)} kind={NumberKind::Points} value={row.weight}
                on_change={on_edit(&state, move |weight| of_rows(project, Edit::TargetWeight { row: i, weight }))} /></td>
            <td>
                if row.operator == TargetOperator::Qualitative {
                    <select id={id(TargetColumn::Grade)} aria-labelledby={labelled(TargetColumn::Grade)} onchange={on_grade}>
                        <option value="" selected={row.grade.is_none()}>{ "（未选）" }</option>
                        { for QualitativeGrade::ALL.iter().map(|g| html! {
                            <option value={g.label()} selected={row.grade == Some(*g)}>{ g.label() }</option>
                        }) }
                    </select>
                    <NumberField id={id(TargetColumn::QualitativeScore)} label="得分比例" labelled_by={labelled(TargetColumn::Grade)} kind={NumberKind::Rate}
                        value={row.qualitative_score}
                        on_change={on_edit(&state, move |share| of_rows(project, Edit::TargetShare { row: i, share }))} />
                } else {
                    <span class="muted">{ "—" }</span>
                }
            </td>
            { text_cell(TargetText::DeviationReason, &row.deviation_reason) }
            <td class="num" title={props.line.clone()}>
                { props.score.clone().unwrap_or_else(|| AttrValue::from(NO_SCORE)) }
            </td>
            <td><RowTools table={Table::Targets} index={i} len={props.len} what={if project.is_some() { "绩效指标" } else { "绩效目标" }} {project} /></td>
        </tr>
    }
}

/// The value of the `<select>` an event came from.
fn select_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .map(|select| select.value())
        .unwrap_or_default()
}
