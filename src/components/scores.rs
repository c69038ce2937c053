//! 评分: the score table as officers know it (一级 | 二级 | 三级 | 分值 | 评分标准 | 自评得分 | 扣分原因), each row
//! expandable to its explanation, with overrides that need a reason and keep the rule score visible.

use rust_decimal::Decimal;
use yew::prelude::*;
use zipin_core::document::Override;
use zipin_core::framework::Framework;
use zipin_core::number::fmt_score;
use zipin_core::scoring::IndicatorResult;

use super::charts::Level2Chart;
use super::fields::{NumberField, NumberKind, TextField};
use super::{editor, use_app_state};
use crate::state::Action;

#[function_component(Scores)]
pub fn scores() -> Html {
    let state = use_app_state();
    let e = &state.evaluation;
    // Rows of one 一级 / 二级 share a cell, as in the printed table.
    let span = |pick: &dyn Fn(&IndicatorResult) -> String, i: usize| -> Option<usize> {
        let here = pick(&e.indicators[i]);
        if i > 0 && pick(&e.indicators[i - 1]) == here {
            return None;
        }
        Some(
            e.indicators[i..]
                .iter()
                .take_while(|r| pick(r) == here)
                .count(),
        )
    };
    let l1_weight = |name: &str| {
        e.level1
            .iter()
            .find(|g| g.name == name)
            .map(|g| g.weight)
            .unwrap_or_default()
    };
    let l2_weight = |l1: &str, l2: &str| {
        state
            .doc()
            .framework
            .level1
            .iter()
            .filter(|g| g.name == l1)
            .flat_map(|g| g.level2.iter())
            .find(|g| g.name == l2)
            .map(|g| g.weight)
            .unwrap_or_default()
    };
    html! {
        <>
            <FrameworkInfo framework={state.doc().framework.clone()} />
            <section class="card" aria-labelledby="h-score-table">
                <h3 id="h-score-table">{ "自评表" }</h3>
                <div class="table-wrap">
                    <table class="score-table">
                        <thead><tr>
                            <th scope="col">{ "一级指标" }</th>
                            <th scope="col">{ "二级指标" }</th>
                            <th scope="col">{ "三级指标" }</th>
                            <th scope="col" class="num">{ "分值" }</th>
                            <th scope="col">{ "评分标准" }</th>
                            <th scope="col" class="num">{ "自评得分" }</th>
                            <th scope="col">{ "扣分原因" }</th>
                        </tr></thead>
                        <tbody>
                            { for e.indicators.iter().enumerate().map(|(i, r)| {
                                let l1 = span(&|r: &IndicatorResult| r.level1.clone(), i);
                                let l2 = span(&|r: &IndicatorResult| format!("{}/{}", r.level1, r.level2), i);
                                html! {
                                    <tr key={r.id.clone()} id={format!("score-{}", r.id)}>
                                        if let Some(n) = l1 {
                                            <th scope="rowgroup" rowspan={n.to_string()}>{ format!("{}（{}分）", r.level1, fmt_score(l1_weight(&r.level1))) }</th>
                                        }
                                        if let Some(n) = l2 {
                                            <th scope="rowgroup" rowspan={n.to_string()}>{ format!("{}（{}分）", r.level2, fmt_score(l2_weight(&r.level1, &r.level2))) }</th>
                                        }
                                        <th scope="row">{ &r.name }</th>
                                        <td class="num">{ fmt_score(r.weight) }</td>
                                        <td class="standard">{ &r.standard }</td>
                                        <td class="num score">
                                            { r.final_score.map(fmt_score).unwrap_or_else(|| "—".to_string()) }
                                            if r.applied_override.is_some() { <br /><span class="override-tag">{ "人工调整" }</span> }
                                        </td>
                                        <td><ScoreDetail result={r.clone()} /></td>
                                    </tr>
                                }
                            }) }
                            <tr class="total">
                                <th scope="row" colspan="3">{ "合计" }</th>
                                <td class="num">{ fmt_score(e.max_total) }</td>
                                <td>{ format!("已评分 {} / {} 项", e.scored_count, e.indicator_count) }</td>
                                <td class="num">{ fmt_score(e.total) }</td>
                                <td>{ e.grade.clone().map(|g| format!("等次：{g}")).unwrap_or_else(|| "全部指标评分后确定等次".to_string()) }</td>
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
    let state = use_app_state();
    let r = &props.result;
    let id = r.id.clone();
    let current = state.doc().overrides.get(&id).cloned();
    let rule_score = r.rule_score;
    let on_score = {
        let id = id.clone();
        editor(
            &state,
            format!("overrides.{id}.score"),
            move |d, v: Option<Decimal>| match v {
                Some(score) => {
                    let entry = d.overrides.entry(id.clone()).or_default();
                    entry.score = score;
                }
                None => {
                    d.overrides.remove(&id);
                }
            },
        )
    };
    let on_reason = {
        let id = id.clone();
        editor(
            &state,
            format!("overrides.{id}.reason"),
            move |d, v: String| {
                let entry = d.overrides.entry(id.clone()).or_insert_with(|| Override {
                    score: rule_score.unwrap_or_default(),
                    reason: String::new(),
                });
                entry.reason = v;
            },
        )
    };
    let clear = {
        let id = id.clone();
        editor(&state, "", move |d, (): ()| {
            d.overrides.remove(&id);
        })
        .reform(|_: MouseEvent| ())
    };
    let go = |path: String| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::FocusField(path.clone())))
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
                <p class="muted">{ format!("规则得分：{}", rule_score.map(fmt_score).unwrap_or_else(|| "无法计分".to_string())) }</p>
                <NumberField id={format!("f-overrides-{id}")} label={format!("人工调整得分（0–{} 分，留空为不调整）", fmt_score(r.weight))}
                    kind={NumberKind::Points} value={current.as_ref().map(|o| o.score)} on_change={on_score} />
                <TextField id={format!("f-overrides-{id}-reason")} label="调整理由（必填，作为扣分原因）" rows={2}
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
            let json = serde_json::to_string_pretty(&fw).unwrap_or_default();
            export_error.set(
                crate::services::download::download(
                    &format!("{}.json", fw.id),
                    "application/json",
                    json.as_bytes(),
                )
                .err()
                .map(|e| e.to_string()),
            );
        })
    };
    html! {
        <section class="card" aria-labelledby="h-framework" id="f-framework" tabindex="-1">
            <h3 id="h-framework">
                { format!("评分框架：{} ", fw.name) }
                if fw.status.is_empty() {
                    <span class="badge ok">{ "正式表式" }</span>
                } else {
                    <span class="badge">{ &fw.status }</span>
                }
            </h3>
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
