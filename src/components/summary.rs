//! 汇总: the 主管部门 opens many units' documents at once (files chosen or dropped, share links pasted one per line),
//! held in memory; one table with a row per unit, sortable and filterable, units scored with another framework
//! flagged; one indicator across units with a chart; a unit opened read-only; the 汇总表 exported or printed.
//! Everything shown is computed by the core's `summary`.

use std::rc::Rc;

use web_sys::DragEvent;
use yew::prelude::*;
use zipin_core::receive::{receive, Accept, Source};
use zipin_core::summary::{Filter, IndicatorAcross, SortKey, Summary};

use super::fields::{Checkbox, SelectField, TextField};
use super::{on_action, use_batch, use_dispatch};
use crate::error::AppError;
use crate::services::{download, export_worker, files, page};
use crate::state::{Action, Batch, BatchAction, Door, Incoming, MAX_UNITS};

/// The pasted links' text: a thousand links of a real document each (about 6,000 characters).
const MAX_LINK_CHARS: usize = 16 * 1024 * 1024;

/// The units' files: documents only.
const UNITS: (Accept, Door) = (Accept::Document, Door::Summary);

#[function_component(SummarySection)]
pub fn summary_section() -> Html {
    let (batch, dispatch) = (use_batch(), use_dispatch());
    let on_files = files::on_files_chosen(
        zipin_core::gate::caps::FILE_BYTES,
        MAX_UNITS,
        UNITS,
        dispatch.clone(),
    );
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(list) = e.data_transfer().and_then(|d| d.files()) {
                files::receive_files(
                    list,
                    zipin_core::gate::caps::FILE_BYTES,
                    MAX_UNITS,
                    UNITS,
                    dispatch.clone(),
                );
            }
        })
    };
    let links = use_state(String::new);
    let on_links = {
        let (dispatch, links) = (dispatch.clone(), links.clone());
        Callback::from(move |_: MouseEvent| {
            let incoming: Vec<Incoming> = links
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .take(MAX_UNITS)
                .enumerate()
                .map(|(n, line)| {
                    let received = receive(&Source::Pasted, Accept::Document, line);
                    Incoming::received(format!("链接 {}", n.saturating_add(1)), received)
                })
                .collect();
            dispatch.dispatch(Action::Receive(Door::Summary, incoming));
            links.set(String::new());
        })
    };
    html! {
        <>
            <section class="card no-print" aria-labelledby="h-batch-open">
                <h3 id="h-batch-open">{ "打开各单位的自评数据" }</h3>
                <p class="hint">{ "各单位的数据文件只在本浏览器中读取，不会上传；汇总表只保存在本页，关闭或刷新后需重新打开文件。" }</p>
                <div class="batch-drop" {ondragover} {ondrop}>
                    <div class="field">
                        <label for="batch-files">{ "选择各单位的数据文件（.json，可多选，也可拖放到此处）" }</label>
                        <input id="batch-files" type="file" multiple=true accept=".json,application/json" onchange={on_files} />
                    </div>
                </div>
                <TextField id="batch-links" label="或粘贴分享链接（每行一个）" rows={3} value={(*links).clone()} max_chars={MAX_LINK_CHARS}
                    on_change={Callback::from({ let links = links.clone(); move |t: String| links.set(t) })} />
                <button type="button" class="button" onclick={on_links} disabled={links.trim().is_empty()}>{ "加入链接中的单位" }</button>
                if let Some(error) = &batch.error { <p class="field-error" role="alert">{ error }</p> }
            </section>
            if let Some(units) = batch.batch.clone() { <BatchView batch={units} kept={batch.kept} /> }
        </>
    }
}

#[derive(Properties)]
struct BatchProps {
    batch: Rc<Batch>,
    kept: bool,
}

impl PartialEq for BatchProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.batch, &other.batch) && self.kept == other.kept
    }
}

#[function_component(BatchView)]
fn batch_view(props: &BatchProps) -> Html {
    let dispatch = use_dispatch();
    let batch = &props.batch;
    let summary = &batch.summary;
    let sort = use_state(|| (SortKey::Source, false));
    let grade = use_state(String::new);
    let errors_only = use_state(|| false);
    let all_columns = use_state(|| false);
    let announce = use_state(String::new);
    let export_state = use_state(|| None::<String>);

    let filter = Filter {
        grade: (!grade.is_empty()).then(|| (*grade).clone()),
        has_errors: *errors_only,
    };
    let shown = summary.view(&sort.0, sort.1, &filter);
    let columns: Vec<_> = summary
        .columns
        .iter()
        .filter(|c| *all_columns || !matches!(c.key, SortKey::Indicator(_)))
        .cloned()
        .collect();
    let flagged = summary.flagged_count();
    let grade_options: Vec<(AttrValue, AttrValue)> =
        std::iter::once(("".into(), "全部等次".into()))
            .chain(
                summary
                    .grade_counts()
                    .into_iter()
                    .map(|(label, n)| (label.clone().into(), format!("{label}（{n}）").into())),
            )
            .collect();
    let header = |column: &zipin_core::summary::Column| {
        let active = sort.0 == column.key;
        let aria_sort = match (active, sort.1) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        let onclick = {
            let (sort, announce, key, label) = (
                sort.clone(),
                announce.clone(),
                column.key.clone(),
                column.label.clone(),
            );
            Callback::from(move |_: MouseEvent| {
                let descending = if sort.0 == key { !sort.1 } else { true };
                announce.set(format!(
                    "已按“{label}”{}排列",
                    if descending {
                        "从高到低"
                    } else {
                        "从低到高"
                    }
                ));
                sort.set((key.clone(), descending));
            })
        };
        html! {
            <th scope="col" aria-sort={aria_sort}>
                <button type="button" class="sort" {onclick}>{ &column.label }
                    if active { <span aria-hidden="true">{ if sort.1 { " ▼" } else { " ▲" } }</span> }
                </button>
            </th>
        }
    };
    let on_export = {
        let (batch, export_state) = (batch.clone(), export_state.clone());
        Callback::from(move |_: MouseEvent| {
            export_state.set(Some("正在生成汇总表…".to_string()));
            let export_state = export_state.clone();
            export_worker::export_summary(
                &batch.units,
                Callback::from(move |result: Result<export_worker::Exported, AppError>| {
                    let message = result.and_then(|file| {
                        download::download(
                            &file.filename,
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            &file.bytes,
                        )
                        .map(|()| format!("已导出“{}”", file.filename))
                    });
                    export_state.set(Some(message.unwrap_or_else(|e| format!("导出失败：{e}"))));
                }),
            );
        })
    };
    let print = Callback::from(|_: MouseEvent| page::print_soon());
    let clear = on_action(&dispatch, || Action::Batch(BatchAction::Clear));
    html! {
        <>
            <section class="card" aria-labelledby="h-batch">
                <h3 id="h-batch">{ format!("汇总表（{} 个单位）", summary.rows.len()) }</h3>
                <p>{ majority_line(summary, flagged) }</p>
                if !batch.failures.is_empty() {
                    <details class="explain" open=true>
                        <summary>{ format!("{} 个文件或链接未能打开", batch.failures.len()) }</summary>
                        <ul>{ for batch.failures.iter().map(|(source, why)| html! { <li>{ format!("{source}：{why}") }</li> }) }</ul>
                    </details>
                }
                <div class="fw-row no-print">
                    <SelectField id="batch-grade" label="按等次筛选" options={grade_options} selected={(*grade).clone()}
                        on_change={Callback::from({ let grade = grade.clone(); move |g: String| grade.set(g) })} />
                    <Checkbox id="batch-errors" label="只看有校验错误的单位" checked={*errors_only}
                        on_change={Callback::from({ let e = errors_only.clone(); move |on: bool| e.set(on) })} />
                    <Checkbox id="batch-all-columns" label="显示各三级指标得分" checked={*all_columns}
                        on_change={Callback::from({ let a = all_columns.clone(); move |on: bool| a.set(on) })} />
                </div>
                <p class="visually-hidden" aria-live="polite">{ (*announce).clone() }</p>
                <p class="hint" aria-live="polite">{ format!("显示 {} / {} 个单位", shown.len(), summary.rows.len()) }</p>
                <div class="table-scroll">
                    <table class="batch">
                        <caption class="visually-hidden">{ "各单位自评结果汇总表，点击列标题排序" }</caption>
                        <thead><tr>
                            { for columns.iter().map(header) }
                            <th scope="col" class="no-print">{ "查看" }</th>
                        </tr></thead>
                        <tbody>
                            { for shown.iter().filter_map(|&i| summary.rows.get(i).map(|row| (i, row))).map(|(i, row)| {
                                let open = on_action(&dispatch, move || Action::Batch(BatchAction::OpenUnit(i)));
                                let differs = !row.framework_differs.is_empty();
                                html! {
                                    <tr class={classes!(differs.then_some("flagged"))}>
                                        { for columns.iter().map(|column| {
                                            let text = summary.cell(row, &column.key).text();
                                            let short = summary.shortfall(row, &column.key);
                                            let first = matches!(column.key, SortKey::Source);
                                            let framework = matches!(column.key, SortKey::Framework);
                                            let class = classes!(short.is_some().then_some("short"),
                                                column.key.is_numeric().then_some("num"));
                                            if first {
                                                html! { <th scope="row" {class}>{ text }</th> }
                                            } else if framework && differs {
                                                html! { <td {class}>{ text }
                                                    <details><summary>{ "与多数单位的框架不同，总分不可直接比较" }</summary>
                                                        <ul>{ for row.framework_differs.iter().map(|d| html! { <li>{ d }</li> }) }</ul>
                                                    </details></td> }
                                            } else {
                                                html! { <td {class} title={short.clone()}>{ text }
                                                    if let Some(why) = short { <span class="visually-hidden">{ format!("（{why}）") }</span> }
                                                </td> }
                                            }
                                        }) }
                                        <td class="no-print"><button type="button" class="button small" onclick={open}
                                            aria-label={format!("打开“{}”", row.source)}>{ "打开" }</button></td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
                <div class="toolbar no-print">
                    <button type="button" class="button primary" onclick={on_export}>{ "导出汇总表（.xlsx）" }</button>
                    <button type="button" class="button" onclick={print}>{ "打印汇总表" }</button>
                    <button type="button" class="button danger" onclick={clear}>{ "清空汇总" }</button>
                    <Checkbox id="batch-keep" label="在本浏览器中保留此汇总（刷新后仍在）" checked={props.kept}
                        on_change={Callback::from({ let dispatch = dispatch.clone(); move |on: bool| dispatch.dispatch(Action::Batch(BatchAction::Keep(on))) })} />
                    if let Some(message) = &*export_state { <span role="status">{ message }</span> }
                </div>
            </section>
            <IndicatorView batch={batch.clone()} kept={props.kept} />
        </>
    }
}

/// "多数单位（28 个）使用“…”；2 个单位的评分框架不同" and the count per grade.
fn majority_line(summary: &Summary, flagged: usize) -> String {
    let majority = summary
        .majority_framework
        .as_ref()
        .map(|fw| format!("多数单位（{} 个）使用“{}”", summary.majority_count, fw.name))
        .unwrap_or_default();
    let grades: Vec<String> = summary
        .grade_counts()
        .into_iter()
        .map(|(label, n)| format!("{label} {n} 个"))
        .collect();
    let differing = if flagged > 0 {
        format!("；{flagged} 个单位的评分框架与多数不同，已标出，其总分不可直接比较")
    } else {
        String::new()
    };
    format!("{majority}{differing}。等次分布：{}。", grades.join("，"))
}

#[function_component(IndicatorView)]
fn indicator_view(props: &BatchProps) -> Html {
    let summary = &props.batch.summary;
    let indicators: Vec<(String, String)> = summary
        .majority_framework
        .as_ref()
        .map(|fw| {
            fw.indicators()
                .map(|(_, _, ind)| (ind.id.clone(), ind.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let chosen = use_state(String::new);
    // The choice, or the first indicator when there is none yet or the batch's framework no longer has it.
    let current = indicators
        .iter()
        .find(|(id, _)| *id == *chosen)
        .or(indicators.first())
        .map(|(id, _)| id.clone())
        .unwrap_or_default();
    let across = summary.indicator(&current);
    html! {
        <section class="card" aria-labelledby="h-across">
            <h3 id="h-across">{ "单个指标的各单位情况" }</h3>
            <SelectField id="batch-indicator" label="指标"
                options={indicators.iter().map(|(id, name)| (AttrValue::from(id.clone()), AttrValue::from(name.clone()))).collect::<Vec<_>>()}
                selected={current.clone()} on_change={Callback::from({ let c = chosen.clone(); move |id: String| c.set(id) })} />
            if let Some(across) = across { { across_view(&across) } }
        </section>
    }
}

fn across_view(across: &IndicatorAcross) -> Html {
    let range = match (across.min, across.max) {
        (Some(min), Some(max)) => format!(
            "，最低 {} 分，最高 {} 分",
            zipin_core::number::fmt_score(min),
            zipin_core::number::fmt_score(max)
        ),
        _ => String::new(),
    };
    html! {
        <>
            <p>{ format!("{}（分值 {} 分）：{}{range}", across.name, zipin_core::number::fmt_score(across.weight), across.average_equation) }</p>
            { chart(across) }
            <table>
                <caption class="visually-hidden">{ format!("各单位“{}”得分", across.name) }</caption>
                <thead><tr><th scope="col">{ "单位" }</th><th scope="col" class="num">{ "得分" }</th>
                    <th scope="col" class="num">{ "比率" }</th><th scope="col">{ "说明" }</th></tr></thead>
                <tbody>
                    { for across.units.iter().map(|u| html! {
                        <tr class={classes!((!u.counted).then_some("muted"))}>
                            <th scope="row">{ format!("{}（{}）", u.unit_name, u.source) }</th>
                            <td class="num">{ &u.score_text }</td>
                            <td class="num">{ u.rate_text.clone().unwrap_or_default() }</td>
                            <td>{ u.explanation.join("；") }{ if u.reason.is_empty() { String::new() } else { format!("（{}）", u.reason) } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </>
    }
}

/// The distribution as inline SVG bars, one per bucket, with the counts written on them.
fn chart(across: &IndicatorAcross) -> Html {
    let most = across
        .buckets
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(0)
        .max(1);
    let (width, height, gap) = (64usize, 120usize, 16usize);
    let total_width = across
        .buckets
        .len()
        .saturating_mul(width.saturating_add(gap))
        .max(1);
    let description: Vec<String> = across
        .buckets
        .iter()
        .map(|b| format!("{} 分：{} 个单位", b.label, b.count))
        .collect();
    html! {
        <svg class="chart" role="img" aria-label={format!("得分分布：{}", description.join("；"))}
            width={(total_width).to_string()} height={(height.saturating_add(40)).to_string()} viewBox={format!("0 0 {total_width} {}", height.saturating_add(40))}>
            { for across.buckets.iter().enumerate().map(|(k, b)| {
                // Layout: the bar's share of the tallest, in pixels.
                let bar = (b.count as f64 / most.max(1) as f64 * height as f64).round() as usize;
                let x = k.saturating_mul(width.saturating_add(gap));
                let y = height.saturating_sub(bar).saturating_add(14);
                html! {
                    <g>
                        <rect x={x.to_string()} y={y.to_string()} width={width.to_string()} height={bar.to_string()} class="bar" />
                        <text x={(x.saturating_add(width / 2)).to_string()} y={y.saturating_sub(2).to_string()} text-anchor="middle">{ b.count }</text>
                        <text x={(x.saturating_add(width / 2)).to_string()} y={(height.saturating_add(32)).to_string()} text-anchor="middle">{ &b.label }</text>
                    </g>
                }
            }) }
        </svg>
    }
}
