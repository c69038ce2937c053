//! 项目支出: the document's 项目支出绩效自评 forms — the list with each project's funds, score and problems, a list
//! pasted from Excel, and one project's form with its live score, every point explained by the core. A part of the
//! page loaded when first opened (parts.rs). The indicator rows are the 绩效目标 table's own row view.

use std::rc::Rc;

use yew::prelude::*;
use zipin_core::document::{FundsColumn, FundsLine, Project, ProjectKind};
use zipin_core::edit::{Edit, ProjectEdit, ProjectText, Table};
use zipin_core::fields::TargetColumn;
use zipin_core::number::{fmt_percent, fmt_plain, fmt_score};
use zipin_core::paste::{errors_message, parse_projects, PROJECTS_PASTE_CHARS, PROJECT_COLUMNS};
use zipin_core::present::project_form::{
    project_form as form_grid, CellRole, ProjectForm as FormGrid, FORM_COLUMNS,
};
use zipin_core::present::NO_SCORE;
use zipin_core::project::score::ProjectEvaluation;
use zipin_core::project::{
    project_label, project_name, scheme_of, ProjectFields, ProjectScheme, ProjectSelection,
};

use super::fields::{Checkbox, NumberField, NumberKind, SelectField, TextField};
use super::outputs::{use_office_export, OfficeExport};
use super::targets::{header_prefix, TargetRowView};
use super::{on_click, on_edit, refusal_of, use_document, DocHandle};
use crate::export_protocol::OfficeFile;
use crate::services::page;

#[function_component(Projects)]
pub fn projects() -> Html {
    let state = use_document();
    let open = use_state(|| 0usize);
    let print_all = use_state(|| false);
    // 打印全部项目 holds only until the print is done: the forms of all projects are not kept on the page.
    use_effect_with(*print_all, {
        let print_all = print_all.clone();
        move |all: &bool| {
            let listener = all.then(|| {
                gloo::events::EventListener::once(&gloo::utils::window(), "afterprint", move |_| {
                    print_all.set(false)
                })
            });
            move || drop(listener)
        }
    });
    let office = use_office_export();
    let doc = state.doc();
    let scored = state.projects.clone();
    let Some(scheme) = scored.scheme() else {
        return html! { <p class="field-error" role="alert">{ "项目评分表式有误，无法计分；请检查文档中的项目评分表式。" }</p> };
    };
    let shown = (*open).min(doc.projects.len().saturating_sub(1));
    let print = |all: bool| {
        let print_all = print_all.clone();
        Callback::from(move |_: MouseEvent| {
            print_all.set(all);
            page::print_soon();
        })
    };
    // What printing shows: every project's form after 打印全部项目, else the open one's.
    let printed = if *print_all {
        0..doc.projects.len()
    } else {
        shown..shown.saturating_add(1).min(doc.projects.len())
    };
    html! {
        <>
            <div class="print-only">
                { for printed.filter_map(|i| Some((doc.projects.get(i)?, scored.evaluation(i)?))).map(|(p, e)| {
                    print_view(&form_grid(p, e, &doc.unit.name, doc.unit.year))
                }) }
            </div>
            <section class="card no-print" aria-labelledby="h-projects" id="projects" tabindex="-1">
                <h3 id="h-projects">{ format!("项目支出绩效自评（{} 个项目）", doc.projects.len()) }</h3>
                <p class="hint">{ format!("每个项目一张自评表（{}）：{}，各一级指标按其下各行分值计分。项目随本文档保存、导出和分享。", scheme.name, scheme.weights_line()) }</p>
                if !doc.projects.is_empty() {
                    <div class="table-wrap">
                        <table class="projects-table">
                            <caption>{ "项目清单" }</caption>
                            <thead><tr>
                                <th scope="col">{ "项目名称" }</th>
                                <th scope="col" class="num">{ "全年预算数（万元）" }</th>
                                <th scope="col" class="num">{ "全年执行数（万元）" }</th>
                                <th scope="col" class="num">{ "执行率" }</th>
                                <th scope="col" class="num">{ "得分" }</th>
                                <th scope="col">{ "等次" }</th>
                                <th scope="col" class="num">{ "问题数" }</th>
                                <th scope="col">{ "操作" }</th>
                            </tr></thead>
                            <tbody>
                                { for doc.projects.iter().enumerate().filter_map(|(i, p)| Some((i, p, scored.evaluation(i)?))).map(|(i, p, e)| {
                                    let label = project_label(i, p);
                                    let select = { let open = open.clone(); Callback::from(move |_: MouseEvent| open.set(i)) };
                                    html! {
                                        <tr key={i} class={classes!((i == shown).then_some("current"))}>
                                            <th scope="row">{ project_name(i, p) }</th>
                                            <td class="num">{ p.funds.total.adjusted.map(fmt_plain).unwrap_or_default() }</td>
                                            <td class="num">{ p.funds.total.spent.map(fmt_plain).unwrap_or_default() }</td>
                                            <td class="num">{ e.execution.rate.map(fmt_percent).unwrap_or_default() }</td>
                                            <td class="num">{ e.total.map(fmt_score).unwrap_or_else(|| NO_SCORE.to_string()) }</td>
                                            <td>{ e.grade_label() }</td>
                                            <td class="num">{ scored.problems(i) }</td>
                                            <td><ProjectTools index={i} len={doc.projects.len()} {label} on_open={select} /></td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </div>
                }
                <div class="toolbar">
                    <button type="button" class="button" onclick={{
                        let open = open.clone();
                        let add = on_click(&state, Edit::Project(ProjectEdit::Add));
                        let at = doc.projects.len();
                        Callback::from(move |e: MouseEvent| { add.emit(e); open.set(at); })
                    }}>{ "新增项目" }</button>
                </div>
                if !doc.projects.is_empty() {
                    <div class="toolbar">
                        <button type="button" class="button" onclick={export_file(&office, &state, OfficeFile::ProjectsXlsx(ProjectSelection::All))} disabled={*office.busy}>{ "导出全部项目自评表（.xlsx）" }</button>
                        <button type="button" class="button" onclick={export_file(&office, &state, OfficeFile::ProjectsDocx(ProjectSelection::All))} disabled={*office.busy}>{ "导出全部项目自评表（.docx）" }</button>
                        <button type="button" class="button" onclick={print(true)}>{ "打印全部项目" }</button>
                    </div>
                    { office.status_line() }
                }
                <Checkbox id="projects-complete" label="项目清单已完整（各项目全年执行数之和应等于“支出与管理”中的项目支出）"
                    checked={doc.projects_complete}
                    on_change={on_edit(&state, |complete| Edit::Project(ProjectEdit::Complete(complete)))} />
                <PasteProjects />
                <SchemeWeights />
            </section>
            if let (Some(project), Some(evaluation)) = (doc.projects.get(shown), scored.evaluation(shown)) {
                <ProjectForm key={shown} index={shown} project={Rc::new(project.clone())} evaluation={evaluation.clone()} on_print={print(false)} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ProjectToolsProps {
    index: usize,
    len: usize,
    label: AttrValue,
    on_open: Callback<MouseEvent>,
}

/// 打开 / 复制 / 上移 / 下移 / 删除 for one project, each named with the project for screen readers.
#[function_component(ProjectTools)]
fn project_tools(props: &ProjectToolsProps) -> Html {
    let state = use_document();
    let i = props.index;
    let edit = |e: ProjectEdit| on_click(&state, Edit::Project(e));
    let label = &props.label;
    html! {
        <div class="toolbar">
            <button type="button" class="button small" onclick={props.on_open.clone()} aria-label={format!("打开{label}")}>{ "打开" }</button>
            <button type="button" class="button small" onclick={edit(ProjectEdit::Duplicate(i))} aria-label={format!("复制{label}")}>{ "复制" }</button>
            <button type="button" class="button small" onclick={edit(ProjectEdit::Move { from: i, to: i.saturating_sub(1) })} disabled={i == 0}
                aria-label={format!("上移{label}")}>{ "↑" }</button>
            <button type="button" class="button small" onclick={edit(ProjectEdit::Move { from: i, to: i.saturating_add(1) })}
                disabled={i.saturating_add(1) >= props.len} aria-label={format!("下移{label}")}>{ "↓" }</button>
            <button type="button" class="button small danger" onclick={edit(ProjectEdit::Remove(i))} aria-label={format!("删除{label}")}>{ "删除" }</button>
        </div>
    }
}

/// A list of projects copied from Excel, added in one step (or, if a line is wrong, none and why).
#[function_component(PasteProjects)]
fn paste_projects() -> Html {
    let state = use_document();
    let text = use_state(String::new);
    let message = use_state(|| None::<(bool, String)>);
    let on_text = {
        let text = text.clone();
        Callback::from(move |t: String| text.set(t))
    };
    let add = {
        let (text, message, state) = (text.clone(), message.clone(), state.clone());
        let paste = on_edit(&state, |edit: Edit| edit);
        Callback::from(move |_: MouseEvent| match parse_projects(&text) {
            Ok(projects) if projects.is_empty() => {
                message.set(Some((false, "粘贴的内容中没有项目".into())))
            }
            Ok(projects) => {
                let n = projects.len();
                let edit = Edit::Project(ProjectEdit::Paste(projects));
                match refusal_of(&state, &edit) {
                    Some(refused) => {
                        message.set(Some((false, format!("未添加任何项目：{refused}"))))
                    }
                    None => {
                        paste.emit(edit);
                        text.set(String::new());
                        message.set(Some((true, format!("已添加 {n} 个项目"))));
                    }
                }
            }
            Err(errors) => message.set(Some((
                false,
                format!("未添加任何项目：{}", errors_message(&errors)),
            ))),
        })
    };
    html! {
        <div class="paste-projects">
            <TextField id="projects-paste" rows={3} value={(*text).clone()} on_change={on_text} max_chars={PROJECTS_PASTE_CHARS}
                label={format!("从 Excel 粘贴项目清单（每行一个项目，列顺序：{}）", PROJECT_COLUMNS.join("、"))} />
            <div class="toolbar"><button type="button" class="button" onclick={add}>{ "添加粘贴的项目" }</button></div>
            <p class={classes!("hint", message.as_ref().map(|(ok, _)| if *ok { "" } else { "lost" }))} role="status" aria-live="polite">
                { message.as_ref().map(|(_, m)| m.clone()).unwrap_or_default() }
            </p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ProjectFormProps {
    index: usize,
    project: Rc<Project>,
    evaluation: Rc<ProjectEvaluation>,
    on_print: Callback<MouseEvent>,
}

/// One project's 自评表: its header, funds block with 执行率, 年度总体目标, indicator rows, score and text.
#[function_component(ProjectForm)]
fn project_form(props: &ProjectFormProps) -> Html {
    let state = use_document();
    let (i, p, e) = (props.index, &props.project, &props.evaluation);
    let label = project_label(i, p);
    let fields = ProjectFields {
        index: i,
        label: &label,
    };
    let text = |field: ProjectText, value: &str, rows: Option<u32>| {
        let id = format!("projects-{i}-{}", field.key());
        html! {
            <TextField {id} label={field.label()} value={value.to_string()} {rows}
                on_change={on_edit(&state, move |text| Edit::Project(ProjectEdit::Text { project: i, field, text }))} />
        }
    };
    let kinds = [
        ProjectKind::Unset,
        ProjectKind::New,
        ProjectKind::Continuing,
    ];
    let on_kind = on_edit(&state, move |key: String| {
        let kind = kinds
            .into_iter()
            .find(|k| k.label() == key)
            .unwrap_or_default();
        Edit::Project(ProjectEdit::Kind { project: i, kind })
    });
    let prefix = header_prefix(Some(i));
    let row_lines: Vec<AttrValue> = e
        .rows
        .iter()
        .map(|r| AttrValue::from(r.line.clone()))
        .collect();
    let office = use_office_export();
    let export_one = |kind: fn(ProjectSelection) -> OfficeFile| {
        export_file(&office, &state, kind(ProjectSelection::One(i)))
    };
    html! {
        <section class="card no-print" aria-labelledby="h-project">
            <h3 id="h-project">{ format!("{label}自评表") }</h3>
            <div class="toolbar">
                <button type="button" class="button small" onclick={export_one(OfficeFile::ProjectsXlsx)} disabled={*office.busy}>{ "导出本项目（.xlsx）" }</button>
                <button type="button" class="button small" onclick={export_one(OfficeFile::ProjectsDocx)} disabled={*office.busy}>{ "导出本项目（.docx）" }</button>
                <button type="button" class="button small" onclick={props.on_print.clone()}>{ "打印本项目" }</button>
            </div>
            { office.status_line() }
            <div class="grid">
                { text(ProjectText::Name, &p.name, None) }
                { text(ProjectText::Department, &p.department, None) }
                { text(ProjectText::Implementer, &p.implementer, None) }
                { text(ProjectText::Leader, &p.leader, None) }
                <SelectField id={format!("projects-{i}-kind")} label="项目属性" selected={p.kind.label()}
                    options={kinds.iter().map(|k| (AttrValue::from(k.label()), AttrValue::from(if k.label().is_empty() { "（未填）" } else { k.label() }))).collect::<Vec<_>>()}
                    on_change={on_kind} />
            </div>
            <div class="table-wrap">
                <table class="funds-table">
                    <caption>{ "资金情况（万元）" }</caption>
                    <thead><tr>
                        <th scope="col">{ "资金" }</th>
                        { for FundsColumn::ALL.iter().map(|c| html! { <th scope="col" id={format!("fund-h-{}", c.key())}>{ c.label() }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for FundsLine::ALL.iter().map(|line| {
                            let line = *line;
                            html! {
                                <tr>
                                    <th scope="row" id={format!("fund-r-{}", line.key())}>{ if line == FundsLine::Total { line.label().to_string() } else { format!("其中：{}", line.label()) } }</th>
                                    { for FundsColumn::ALL.iter().map(|column| {
                                        let column = *column;
                                        html! {
                                            <td><NumberField id={fields.funds(line, column).dom_id()} label={format!("{}{}", line.label(), column.label())}
                                                labelled_by={format!("fund-r-{} fund-h-{}", line.key(), column.key())}
                                                kind={NumberKind::Money} value={p.funds.row(line).get(column)}
                                                on_change={on_edit(&state, move |value| Edit::Project(ProjectEdit::Funds { project: i, line, column, value }))} /></td>
                                        }
                                    }) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="explain" aria-live="polite">{ format!("{}（{} 分）", e.execution.line, fmt_score(e.execution.weight)) }</p>
            { text(ProjectText::ExecutionReason, &p.execution_reason, Some(2)) }
            <div class="grid wide">
                { text(ProjectText::GoalExpected, &p.goal_expected, Some(3)) }
                { text(ProjectText::GoalActual, &p.goal_actual, Some(3)) }
            </div>
            <div class="table-wrap">
                <table class="targets-table">
                    <caption>{ "绩效指标" }</caption>
                    <thead><tr>
                        <th scope="col">{ "序号" }</th>
                        { for TargetColumn::SHOWN.iter().map(|c| html! {
                            <th scope="col" id={format!("{prefix}-h-{}", c.key())}>{ project_header(*c) }</th>
                        }) }
                        <th scope="col" class="num">{ "得分" }</th>
                        <th scope="col">{ "操作" }</th>
                    </tr></thead>
                    <tbody>
                        { for p.rows.iter().enumerate().map(|(r, row)| {
                            let result = e.rows.get(r);
                            html! { <TargetRowView key={r} index={r} row={row.clone()} len={p.rows.len()} project={Some(i)}
                                score={result.map(|x| AttrValue::from(x.score.map(fmt_score).unwrap_or_else(|| NO_SCORE.to_string())))}
                                line={row_lines.get(r).cloned()} on_paste={Callback::noop()} /> }
                        }) }
                    </tbody>
                </table>
            </div>
            <div class="toolbar">
                <button type="button" class="button" onclick={on_click(&state, Edit::Project(ProjectEdit::Rows { project: i, edit: Box::new(Edit::AddRow(Table::Targets)) }))}>
                    { "添加一行指标" }
                </button>
            </div>
            <RowOverrides index={i} project={p.clone()} evaluation={e.clone()} />
            <div class="project-score" aria-live="polite">
                <p class="total-line"><strong>{ format!("总分 {}", e.total.map(fmt_score).unwrap_or_else(|| NO_SCORE.to_string())) }</strong>
                    { e.grade.as_ref().map(|g| format!("，等次：{g}")).unwrap_or_default() }</p>
                <p class="explain">{ &e.total_line }</p>
                <ul class="explain">
                    { for e.level1.iter().map(|l| html! { <li>{ format!("{}（{} 分）：{}", l.name, fmt_score(l.weight), l.score.map(fmt_score).unwrap_or_else(|| NO_SCORE.to_string())) }</li> }) }
                    { for row_lines.iter().map(|line| html! { <li>{ line.clone() }</li> }) }
                    { for e.flags.iter().map(|f| html! { <li class="flag">{ f.clone() }</li> }) }
                </ul>
            </div>
            <div class="grid wide">
                { text(ProjectText::Conclusion, &p.conclusion, Some(3)) }
                { text(ProjectText::Problems, &p.problems, Some(3)) }
                { text(ProjectText::Measures, &p.measures, Some(3)) }
            </div>
        </section>
    }
}

/// The 项目支出绩效自评表's own words for the columns it shares with the 绩效目标 table.
fn project_header(column: TargetColumn) -> &'static str {
    match column {
        TargetColumn::Operator => "指标性质",
        TargetColumn::Unit => "度量单位",
        TargetColumn::Weight => "分值",
        TargetColumn::DeviationReason => "偏差原因分析及改进措施",
        other => other.header(),
    }
}

fn export_file(office: &OfficeExport, state: &DocHandle, kind: OfficeFile) -> Callback<MouseEvent> {
    let (office, state) = (office.clone(), state.clone());
    Callback::from(move |_: MouseEvent| office.run(kind, state.doc()))
}

/// A project's form as printed: the very grid the .xlsx and .docx write, as one table.
fn print_view(form: &FormGrid) -> Html {
    html! {
        <section class="project-print">
            <h2>{ &form.title }</h2>
            <p class="subtitle">{ &form.subtitle }</p>
            <table class="project-print-table">
                // The ten columns' widths are in styles/app.css (the page's policy allows no inline style).
                <colgroup>{ for (0..FORM_COLUMNS).map(|_| html! { <col /> }) }</colgroup>
                <tbody>
                    { for form.lines.iter().map(|line| html! {
                        <tr>
                            { for line.iter().map(|cell| {
                                let span = cell.span.to_string();
                                match cell.role {
                                    CellRole::Section => html! { <th colspan={span} scope="colgroup" class="section">{ &cell.text }</th> },
                                    CellRole::Header => html! { <th colspan={span} scope="col">{ &cell.text }</th> },
                                    CellRole::Label => html! { <th colspan={span} scope="row">{ &cell.text }</th> },
                                    CellRole::Total => html! { <td colspan={span} class="total">{ &cell.text }</td> },
                                    CellRole::Text => html! { <td colspan={span} class="text">{ &cell.text }</td> },
                                    CellRole::Value => html! { <td colspan={span}>{ &cell.text }</td> },
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RowOverridesProps {
    index: usize,
    project: Rc<Project>,
    evaluation: Rc<ProjectEvaluation>,
}

/// 人工调整得分: a row's score set by the officer instead of the formula's, with the reason (the published Yunnan
/// forms deduct where every target is met). Folded away until opened; its inputs exist only while open.
#[function_component(RowOverrides)]
fn row_overrides(props: &RowOverridesProps) -> Html {
    let state = use_document();
    let (i, p, e) = (props.index, &props.project, &props.evaluation);
    let open = use_state(|| !p.overrides.is_empty());
    let toggle = {
        let open = open.clone();
        Callback::from(move |ev: Event| {
            let now = ev
                .target_dyn_into::<web_sys::HtmlDetailsElement>()
                .map(|d| d.open())
                .unwrap_or(false);
            open.set(now);
        })
    };
    let label = project_label(i, p);
    let fields = ProjectFields {
        index: i,
        label: &label,
    };
    html! {
        <details class="row-overrides" open={*open} ontoggle={toggle}>
            <summary>{ format!("人工调整得分（{} 处）", p.overrides.len()) }</summary>
            if *open {
                <p class="hint">{ "公式得分与实际情况不符时，可填写人工得分（0 至该行分值）并说明理由；理由为空时仍按公式计分。清空人工得分即取消调整。" }</p>
                <div class="table-wrap">
                    <table class="overrides-table">
                        <caption>{ "人工调整得分" }</caption>
                        <thead><tr>
                            <th scope="col">{ "行" }</th>
                            <th scope="col">{ "三级指标" }</th>
                            <th scope="col" class="num">{ "分值" }</th>
                            <th scope="col" class="num">{ "公式得分" }</th>
                            <th scope="col">{ "人工得分" }</th>
                            <th scope="col">{ "调整理由" }</th>
                        </tr></thead>
                        <tbody>
                            { for p.rows.iter().zip(&e.rows).enumerate().map(|(r, (row, result))| {
                                let o = p.override_of(r);
                                let formula = result.formula_score();
                                let id = fields.override_of(r).dom_id();
                                let name = result.name.clone();
                                html! {
                                    <tr key={r}>
                                        <th scope="row">{ r.saturating_add(1) }</th>
                                        <td>{ name.clone() }</td>
                                        <td class="num">{ row.weight.map(fmt_score).unwrap_or_default() }</td>
                                        <td class="num">{ formula.map(fmt_score).unwrap_or_else(|| NO_SCORE.to_string()) }</td>
                                        <td><NumberField id={id.clone()} label={format!("{name}人工得分")} kind={NumberKind::Points}
                                            value={o.and_then(|o| o.score)}
                                            on_change={on_edit(&state, move |score| Edit::Project(ProjectEdit::OverrideScore { project: i, row: r, score }))} /></td>
                                        <td><TextField id={format!("{id}-reason")} label={format!("{name}调整理由")}
                                            value={o.map(|o| o.reason.clone()).unwrap_or_default()}
                                            on_change={on_edit(&state, move |reason| Edit::Project(ProjectEdit::OverrideReason { project: i, row: r, reason }))} /></td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </details>
    }
}

/// The scheme's weights as the officer may adjust them (原则上 10 / 50 / 30 / 10): set together and applied at once,
/// since the gate keeps a scheme whose weights do not add up to 100 out of the document; 恢复默认 goes back to the
/// built-in form. Keyed by the document's scheme, so an undo or a reset shows the weights anew.
#[function_component(SchemeWeights)]
fn scheme_weights() -> Html {
    let state = use_document();
    let Some(scheme) = scheme_of(state.doc()) else {
        return Html::default();
    };
    let key = serde_json::to_string(&scheme).unwrap_or_default();
    html! { <SchemeWeightsForm {key} scheme={Rc::new(scheme)} adjusted={state.doc().project_scheme.is_some()} /> }
}

#[derive(Properties, PartialEq)]
struct SchemeWeightsProps {
    scheme: Rc<ProjectScheme>,
    adjusted: bool,
}

#[function_component(SchemeWeightsForm)]
fn scheme_weights_form(props: &SchemeWeightsProps) -> Html {
    let state = use_document();
    let scheme = &props.scheme;
    let weights = use_state(|| {
        scheme
            .weights()
            .map(|(_, weight)| Some(weight))
            .collect::<Vec<Option<rust_decimal::Decimal>>>()
    });
    let reason_below = use_state(|| scheme.execution.reason_below);
    let names: Vec<String> = scheme.weights().map(|(name, _)| name.to_string()).collect();
    // The fields whose entry could not be read: they keep their last valid value, which must not be applied.
    let unread = use_state(std::collections::BTreeSet::<usize>::new);
    let told = |k: usize| {
        let unread = unread.clone();
        Callback::from(move |read: bool| {
            let mut next = (*unread).clone();
            if read {
                next.remove(&k);
            } else {
                next.insert(k);
            }
            if next != *unread {
                unread.set(next);
            }
        })
    };
    let entered: Option<Vec<rust_decimal::Decimal>> = weights.iter().copied().collect();
    let total = ProjectScheme::entered_total(&weights);
    let whole = matches!(total, Some((_, true))) && unread.is_empty();
    let apply = {
        let scheme = scheme.clone();
        let set = on_edit(&state, |s: Option<Box<ProjectScheme>>| {
            Edit::Project(ProjectEdit::Scheme(s))
        });
        let (entered, reason_below) = (entered.clone(), *reason_below);
        Callback::from(move |_: MouseEvent| {
            if let Some((execution, level1)) = entered.as_ref().and_then(|w| w.split_first()) {
                set.emit(Some(Box::new(scheme.with_weights(
                    *execution,
                    level1,
                    reason_below,
                ))));
            }
        })
    };
    let reset = on_click(&state, Edit::Project(ProjectEdit::Scheme(None)));
    html! {
        <details class="scheme-weights">
            <summary>{ format!("评分表式：{}{}", scheme.name, if props.adjusted { "（已调整分值）" } else { "" }) }</summary>
            <p class="hint">{ "一级指标分值“原则上”为执行率 10、产出 50、效益 30、满意度 10，单位可按规定调整；各分值之和须为 100，填好后点“应用分值”。" }</p>
            <div class="grid">
                { for names.iter().enumerate().map(|(k, name)| {
                    let weights = weights.clone();
                    html! {
                        <NumberField id={format!("project-scheme-weight-{k}")} label={format!("{name}分值")} kind={NumberKind::Points}
                            value={weights.get(k).copied().flatten()} required=true on_validity={told(k)}
                            on_change={Callback::from(move |v: Option<rust_decimal::Decimal>| {
                                let mut next = (*weights).clone();
                                if let Some(slot) = next.get_mut(k) { *slot = v; }
                                weights.set(next);
                            })} />
                    }
                }) }
                <NumberField id="project-scheme-reason-below" label="执行率低于此值须说明原因" unit="%" kind={NumberKind::Rate}
                    value={*reason_below} on_validity={told(names.len())}
                    on_change={{ let reason_below = reason_below.clone(); Callback::from(move |v| reason_below.set(v)) }} />
            </div>
            <p class={classes!("fw-sum", (!whole).then_some("wrong"))} role="status" aria-live="polite">
                { match total {
                    _ if !unread.is_empty() => "请先改正标红的输入".to_string(),
                    Some((sum, true)) => format!("分值合计 {}", fmt_score(sum)),
                    Some((sum, false)) => format!("分值合计 {}，应为 100", fmt_score(sum)),
                    None => "请填写每个分值".to_string(),
                } }
            </p>
            <div class="toolbar">
                <button type="button" class="button" onclick={apply} disabled={!whole}>{ "应用分值" }</button>
                if props.adjusted {
                    <button type="button" class="button" onclick={reset}>{ "恢复默认表式" }</button>
                }
            </div>
        </details>
    }
}
