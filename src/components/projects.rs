//! 项目支出: the document's 项目支出绩效自评 forms — the list with each project's funds, score and problems, a list
//! pasted from Excel, and one project's form with its live score, every point explained by the core. A part of the
//! page loaded when first opened (parts.rs). The indicator rows are the 绩效目标 table's own row view.

use std::rc::Rc;

use yew::prelude::*;
use zipin_core::document::{FundsColumn, FundsLine, Project, ProjectKind};
use zipin_core::edit::{Edit, ProjectEdit, ProjectText, Table};
use zipin_core::fields::TargetColumn;
use zipin_core::number::{fmt_percent, fmt_plain, fmt_score};
use zipin_core::paste::{parse_projects, PROJECT_COLUMNS};
use zipin_core::present::NO_SCORE;
use zipin_core::project::score::{evaluate, ProjectEvaluation};
use zipin_core::project::{project_label, scheme_of, ProjectFields, ProjectScheme};

use super::fields::{Checkbox, NumberField, NumberKind, SelectField, TextField};
use super::targets::{header_prefix, TargetRowView};
use super::{on_click, on_edit, use_document, DocHandle, Shared};

/// Each project scored, again only when the document changes, and then only the projects that changed: typing in
/// one project's row scores that project, not all of them. A project is scored at its place (its messages name
/// it), so a project keeps its evaluation only while it is equal and at the same place; another scheme scores all.
#[hook]
fn use_project_scores(state: &DocHandle) -> Option<Rc<Vec<Rc<ProjectEvaluation>>>> {
    let cache = use_mut_ref(|| {
        (
            None::<ProjectScheme>,
            Vec::<(Project, Rc<ProjectEvaluation>)>::new(),
        )
    });
    let scored = use_memo(Shared(state.stored.clone()), {
        let state = state.clone();
        move |_| {
            let doc = state.doc();
            let scheme = scheme_of(doc)?;
            let mut cache = cache.borrow_mut();
            if cache.0.as_ref() != Some(&scheme) {
                *cache = (Some(scheme.clone()), Vec::new());
            }
            let fresh: Vec<(Project, Rc<ProjectEvaluation>)> = doc
                .projects
                .iter()
                .enumerate()
                .map(|(i, p)| match cache.1.get(i) {
                    Some((was, scored)) if was == p => (was.clone(), scored.clone()),
                    _ => (p.clone(), Rc::new(evaluate(i, p, &scheme))),
                })
                .collect();
            let scores = fresh.iter().map(|(_, e)| e.clone()).collect();
            cache.1 = fresh;
            Some(Rc::new(scores))
        }
    });
    (*scored).clone()
}

#[function_component(Projects)]
pub fn projects() -> Html {
    let state = use_document();
    let scored = use_project_scores(&state);
    let open = use_state(|| 0usize);
    let doc = state.doc();
    let Some(scored) = scored else {
        return html! { <p class="field-error" role="alert">{ "项目评分表式有误，无法计分；请检查文档中的项目评分表式。" }</p> };
    };
    let problems = |i: usize| {
        let prefix = format!("projects[{i}].");
        state
            .checks
            .iter()
            .filter(|c| c.fields.iter().any(|f| f.path.starts_with(&prefix)))
            .count()
    };
    let shown = (*open).min(doc.projects.len().saturating_sub(1));
    html! {
        <>
            <section class="card" aria-labelledby="h-projects" id="projects" tabindex="-1">
                <h3 id="h-projects">{ format!("项目支出绩效自评（{} 个项目）", doc.projects.len()) }</h3>
                <p class="hint">{ "每个项目一张自评表（财预〔2020〕10号 表式）：预算执行率 10 分，产出、效益、满意度指标按各行分值计分。项目随本文档保存、导出和分享。" }</p>
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
                                { for doc.projects.iter().zip(scored.iter()).enumerate().map(|(i, (p, e))| {
                                    let label = project_label(i, p);
                                    let select = { let open = open.clone(); Callback::from(move |_: MouseEvent| open.set(i)) };
                                    html! {
                                        <tr key={i} class={classes!((i == shown).then_some("current"))}>
                                            <th scope="row">{ if p.name.trim().is_empty() { label.clone() } else { p.name.clone() } }</th>
                                            <td class="num">{ p.funds.total.adjusted.map(fmt_plain).unwrap_or_default() }</td>
                                            <td class="num">{ p.funds.total.spent.map(fmt_plain).unwrap_or_default() }</td>
                                            <td class="num">{ e.execution.rate.map(fmt_percent).unwrap_or_default() }</td>
                                            <td class="num">{ e.total.map(fmt_score).unwrap_or_else(|| NO_SCORE.to_string()) }</td>
                                            <td>{ e.grade.clone().unwrap_or_default() }</td>
                                            <td class="num">{ problems(i) }</td>
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
                <Checkbox id="projects-complete" label="项目清单已完整（各项目全年执行数之和应等于“支出与管理”中的项目支出）"
                    checked={doc.projects_complete}
                    on_change={on_edit(&state, |complete| Edit::Project(ProjectEdit::Complete(complete)))} />
                <PasteProjects />
            </section>
            if let (Some(project), Some(evaluation)) = (doc.projects.get(shown), scored.get(shown)) {
                <ProjectForm key={shown} index={shown} project={Rc::new(project.clone())} evaluation={evaluation.clone()} />
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
        let (text, message) = (text.clone(), message.clone());
        let paste = on_edit(&state, |projects| {
            Edit::Project(ProjectEdit::Paste(projects))
        });
        Callback::from(move |_: MouseEvent| match parse_projects(&text) {
            Ok(projects) if projects.is_empty() => {
                message.set(Some((false, "粘贴的内容中没有项目".into())))
            }
            Ok(projects) => {
                let n = projects.len();
                paste.emit(projects);
                text.set(String::new());
                message.set(Some((true, format!("已添加 {n} 个项目"))));
            }
            Err(errors) => message.set(Some((
                false,
                format!("未添加任何项目：{}", errors.join("；")),
            ))),
        })
    };
    html! {
        <div class="paste-projects">
            <TextField id="projects-paste" rows={3} value={(*text).clone()} on_change={on_text}
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
    html! {
        <section class="card" aria-labelledby="h-project">
            <h3 id="h-project">{ format!("{label}自评表") }</h3>
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
