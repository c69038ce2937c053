//! 评分: the score table as officers know it (一级 | 二级 | 三级 | 分值 | 评分标准 | 自评得分 | 扣分原因), each row
//! expandable to its explanation, with overrides that need a reason and keep the rule score visible.

use yew::prelude::*;
use zipin_core::edit::Edit;
use zipin_core::fields::{FieldRef, Part};
use zipin_core::framework::Framework;
use zipin_core::number::fmt_score;
use zipin_core::present::{score_table, SCORE_TABLE_HEADER, SCORE_TABLE_NUMERIC};
use zipin_core::scoring::IndicatorResult;

use super::charts::Level2Chart;
use super::fields::{NumberField, NumberKind, TextField};
use super::{on_click, on_edit, use_document};
use crate::state::{Action, UiAction};

#[function_component(Scores)]
pub fn scores() -> Html {
    let state = use_document();
    let e = &state.evaluation;
    let table = score_table(&state.doc().framework, e);
    let total = &table.total;
    html! {
        <>
            <FrameworkInfo framework={state.doc().framework.clone()} />
            <section class="card" aria-labelledby="h-score-table" id={Part::Overrides.dom_id()} tabindex="-1">
                <h3 id="h-score-table">{ "自评表" }</h3>
                <div class="table-wrap">
                    <table class="score-table">
                        <thead><tr>
                            { for SCORE_TABLE_HEADER.iter().zip(SCORE_TABLE_NUMERIC).map(|(title, numeric)| html! {
                                <th scope="col" class={classes!(numeric.then_some("num"))}>{ *title }</th>
                            }) }
                        </tr></thead>
                        <tbody>
                            // Row i of the table is indicator i of the evaluation.
                            { for table.rows.iter().zip(&e.indicators).map(|(row, result)| html! {
                                <tr key={row.id.clone()} id={format!("score-{}", row.id)}>
                                    if let Some(n) = row.level1.rowspan {
                                        <th scope="rowgroup" rowspan={n.to_string()}>{ &row.level1.label }</th>
                                    }
                                    if let Some(n) = row.level2.rowspan {
                                        <th scope="rowgroup" rowspan={n.to_string()}>{ &row.level2.label }</th>
                                    }
                                    <th scope="row">{ &row.name }</th>
                                    <td class="num">{ &row.weight_text }</td>
                                    <td class="standard">{ &row.standard }</td>
                                    <td class="num score">
                                        { &row.score_text }
                                        if row.overridden { <br /><span class="override-tag">{ "人工调整" }</span> }
                                    </td>
                                    <td><ScoreDetail result={result.clone()} /></td>
                                </tr>
                            }) }
                            <tr class="total">
                                <th scope="row" colspan="3">{ &total.label }</th>
                                <td class="num">{ &total.max_text }</td>
                                <td>{ &total.progress }</td>
                                <td class="num">{ &total.score_text }</td>
                                <td>{ &total.grade_text }</td>
                            </tr>
                        </tbody>
                    </table>
                </div>
            </section>
            <section class="card" aria-labelledby="h-chart-l2">
                <h3 id="h-chart-l2">{ "二级指标得分" }</h3>
                <Level2Chart groups={e.level2.clone()} />
            </section>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct DetailProps {
    result: IndicatorResult,
}

/// The 扣分原因 cell: the reason, missing inputs with links, and the expandable explanation and override.
#[function_component(ScoreDetail)]
fn score_detail(props: &DetailProps) -> Html {
    let state = use_document();
    let r = &props.result;
    let id = r.id.clone();
    let current = state.doc().overrides.get(&id).cloned();
    let on_score = {
        let indicator = id.clone();
        on_edit(&state, move |score| Edit::OverrideScore {
            indicator: indicator.clone(),
            score,
        })
    };
    let on_reason = {
        let indicator = id.clone();
        on_edit(&state, move |reason| Edit::OverrideReason {
            indicator: indicator.clone(),
            reason,
        })
    };
    let clear = on_click(
        &state,
        Edit::ClearOverride {
            indicator: id.clone(),
        },
    );
    let go = |path: String| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::Ui(UiAction::FocusField(path.clone())))
        })
    };
    let pending_reason = current.as_ref().is_some_and(|o| o.reason.trim().is_empty());
    html! {
        <>
            if !r.lost_reason.is_empty() { <p class="lost">{ &r.lost_reason }</p> }
            if !r.missing.is_empty() {
                <p>
                    <span class="missing-tag">{ "缺少数据" }</span>
                    { for r.missing.iter().map(|f| html! {
                        <button type="button" class="link" onclick={go(f.path.clone())}>{ format!("填写{}", f.label) }</button>
                    }) }
                </p>
            }
            { for r.flags.iter().map(|flag| html! { <p class="muted">{ format!("提示：{flag}") }</p> }) }
            <details class="explain">
                <summary>{ format!("计分说明与人工调整：{}", r.name) }</summary>
                <ul>{ for r.explanation.iter().map(|line| html! { <li>{ line }</li> }) }</ul>
                <p class="muted">{ format!("规则得分：{}", r.rule_score.map(fmt_score).unwrap_or_else(|| "无法计分".to_string())) }</p>
                <NumberField id={FieldRef::override_score(&id, &r.name).dom_id()} label={format!("人工调整得分（0–{} 分，留空为不调整）", fmt_score(r.weight))}
                    kind={NumberKind::Points} value={current.as_ref().map(|o| o.score)} on_change={on_score} />
                <TextField id={FieldRef::override_reason(&id, &r.name).dom_id()} label="调整理由（必填，作为扣分原因）" rows={2}
                    value={current.as_ref().map(|o| o.reason.clone()).unwrap_or_default()} on_change={on_reason} />
                if pending_reason { <p class="field-error">{ "填写理由后调整才生效" }</p> }
                if current.is_some() { <button type="button" class="button small" onclick={clear}>{ "取消人工调整" }</button> }
            </details>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct FrameworkInfoProps {
    pub framework: Framework,
}

/// The framework's name, its status badge, and every weight and rule for the officer to read.
#[function_component(FrameworkInfo)]
pub fn framework_info(props: &FrameworkInfoProps) -> Html {
    let fw = &props.framework;
    let export_error = use_state(|| None::<String>);
    let export = {
        let (fw, export_error) = (fw.clone(), export_error.clone());
        Callback::from(move |_: MouseEvent| {
            export_error.set(
                crate::services::download::framework_file(&fw)
                    .err()
                    .map(|e| e.to_string()),
            );
        })
    };
    html! {
        <section class="card" aria-labelledby="h-framework" id={Part::Framework.dom_id()} tabindex="-1">
            <h3 id="h-framework">
                { format!("评分框架：{} ", fw.name) }
                if fw.status.is_empty() {
                    <span class="badge ok">{ "正式表式" }</span>
                } else {
                    <span class="badge">{ &fw.status }</span>
                }
            </h3>
            if !fw.reference.is_empty() { <p>{ format!("文号：{}", fw.reference) }</p> }
            if !fw.source.is_empty() { <p class="hint">{ &fw.source }</p> }
            <details class="explain">
                <summary>{ "查看全部指标、分值与计分规则" }</summary>
                <table>
                    <thead><tr>
                        <th scope="col">{ "一级" }</th><th scope="col">{ "二级" }</th><th scope="col">{ "三级" }</th>
                        <th scope="col" class="num">{ "分值" }</th><th scope="col">{ "计分规则" }</th>
                    </tr></thead>
                    <tbody>
                        { for fw.indicators().map(|(l1, l2, ind)| html! {
                            <tr>
                                <td>{ format!("{}（{}）", l1.name, fmt_score(l1.weight)) }</td>
                                <td>{ format!("{}（{}）", l2.name, fmt_score(l2.weight)) }</td>
                                <th scope="row">{ &ind.name }</th>
                                <td class="num">{ fmt_score(ind.weight) }</td>
                                <td>{ ind.rule.describe() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p class="hint">{ format!("等次：{}", fw.grades.iter().map(|g| format!("{} ≥ {}", g.label, fmt_score(g.min))).collect::<Vec<_>>().join("；")) }</p>
            </details>
            <div class="toolbar no-print">
                <button type="button" class="button small" onclick={export}>{ "导出此框架（.json，可修改后导入）" }</button>
                if let Some(message) = &*export_error { <span class="field-error" role="alert">{ message }</span> }
            </div>
        </section>
    }
}
