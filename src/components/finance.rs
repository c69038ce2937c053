//! 支出与管理: budget and spending, "三公", 公用经费, procurement, assets, and the answers the management
//! indicators of the framework ask for (checklists, case counts, choices, manual scores).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;
use zipin_core::document::{BudgetActual, FunctionLine};
use zipin_core::fields::{Field, Part};
use zipin_core::framework::{Indicator, Rule};
use zipin_core::metrics::{Metric, MetricValue};
use zipin_core::number::fmt_score;
use zipin_core::Document;

use super::charts::CompositionChart;
use super::fields::{
    count_to_decimal, decimal_to_count, Checkbox, NumberField, NumberKind, TextField,
};
use super::table::{CellInput, RowTools};
use super::tasks::move_row;
use super::{editor, field_id, step, use_app_state, StateHandle};

/// The metric's computation with its figures, once both inputs are entered.
fn metric_note(doc: &Document, metric: Metric) -> Option<AttrValue> {
    let value = metric.compute(doc);
    match value {
        MetricValue::Missing { .. } => None,
        _ => Some(metric.explain(doc, &value).into()),
    }
}

fn money(
    state: &StateHandle,
    field: Field,
    value: Option<Decimal>,
    derived: Option<AttrValue>,
    apply: fn(&mut Document, Option<Decimal>),
) -> Html {
    html! {
        <NumberField id={field_id(field)} label={field.label()} kind={NumberKind::Money} unit="万元" {value} {derived}
            on_change={editor(state, field.path(), move |d, v: Option<Decimal>| apply(d, v))} />
    }
}

#[function_component(Finance)]
pub fn finance() -> Html {
    let state = use_app_state();
    let doc = state.doc();
    let fin = &doc.finance;
    let t = &fin.three_public;
    let parts_sum = match (fin.spending_basic, fin.spending_project) {
        (Some(a), Some(b)) => a.checked_add(b).map(|sum| {
            AttrValue::from(format!(
                "基本 + 项目 = {}万元",
                zipin_core::number::fmt_plain(sum)
            ))
        }),
        _ => None,
    };
    let composition: Vec<(String, Decimal)> = [
        ("基本支出", fin.spending_basic),
        ("项目支出", fin.spending_project),
    ]
    .into_iter()
    .filter_map(|(name, v)| v.map(|v| (name.to_string(), v)))
    .collect();
    let by_function: Vec<(String, Decimal)> = fin
        .by_function
        .iter()
        .filter_map(|l| l.amount.map(|a| (l.name.clone(), a)))
        .collect();
    html! {
        <>
            if !composition.is_empty() || !by_function.is_empty() {
                <section class="card charts" aria-label="支出构成">
                    if !composition.is_empty() { <CompositionChart title="支出构成（按性质）" parts={composition} /> }
                    if !by_function.is_empty() { <CompositionChart title="支出构成（按功能分类）" parts={by_function} /> }
                </section>
            }
            <section class="card" aria-labelledby="h-budget">
                <h3 id="h-budget">{ "预算与支出" }</h3>
                <div class="grid">
                    { money(&state, Field::BudgetInitial, fin.budget_initial, None, |d, v| d.finance.budget_initial = v) }
                    { money(&state, Field::BudgetFinal, fin.budget_final, metric_note(doc, Metric::BudgetAdjustmentRate), |d, v| d.finance.budget_final = v) }
                    { money(&state, Field::SpendingTotal, fin.spending_total, metric_note(doc, Metric::BudgetExecutionRate), |d, v| d.finance.spending_total = v) }
                    { money(&state, Field::SpendingBasic, fin.spending_basic, None, |d, v| d.finance.spending_basic = v) }
                    { money(&state, Field::SpendingProject, fin.spending_project, parts_sum, |d, v| d.finance.spending_project = v) }
                    { money(&state, Field::CarryoverPrevious, fin.carryover_previous, None, |d, v| d.finance.carryover_previous = v) }
                    { money(&state, Field::CarryoverEnd, fin.carryover_end, metric_note(doc, Metric::CarryoverRate), |d, v| d.finance.carryover_end = v) }
                </div>
                <FunctionLines />
            </section>

            <section class="card" aria-labelledby="h-three-public">
                <h3 id="h-three-public">{ "“三公”经费" }</h3>
                <TextField id="f-finance-three_public-narrative" label="说明（报告中数字前的一句，如 厉行节俭，严格执行八项规定。）"
                    value={t.narrative.clone()}
                    on_change={editor(&state, "finance.three_public.narrative", |d, v: String| d.finance.three_public.narrative = v)} />
                <div class="grid">
                    { money(&state, Field::ThreePublicBudget, t.budget, None, |d, v| d.finance.three_public.budget = v) }
                    { money(&state, Field::ThreePublicActual, t.actual, metric_note(doc, Metric::ThreePublicControlRate), |d, v| d.finance.three_public.actual = v) }
                    { money(&state, Field::ThreePublicPrevious, t.previous, metric_note(doc, Metric::ThreePublicChangeRate), |d, v| d.finance.three_public.previous = v) }
                </div>
                <p class="hint">{ "预算为 0 且未发生支出，请填 0 而不是留空：留空表示“未填写”，该指标将无法计分。" }</p>
                <div class="grid">
                    { money(&state, Field::AbroadBudget, t.abroad.budget, None, |d, v| d.finance.three_public.abroad.budget = v) }
                    { money(&state, Field::AbroadActual, t.abroad.actual, None, |d, v| d.finance.three_public.abroad.actual = v) }
                    { money(&state, Field::VehiclesBudget, t.vehicles.budget, None, |d, v| d.finance.three_public.vehicles.budget = v) }
                    { money(&state, Field::VehiclesActual, t.vehicles.actual, None, |d, v| d.finance.three_public.vehicles.actual = v) }
                    { money(&state, Field::ReceptionBudget, t.reception.budget, None, |d, v| d.finance.three_public.reception.budget = v) }
                    { money(&state, Field::ReceptionActual, t.reception.actual, sub_sum(&[&t.abroad, &t.vehicles, &t.reception]), |d, v| d.finance.three_public.reception.actual = v) }
                </div>
            </section>

            <section class="card" aria-labelledby="h-costs">
                <h3 id="h-costs">{ "公用经费、政府采购与资产" }</h3>
                <div class="grid">
                    { money(&state, Field::PublicFundsBudget, fin.public_funds_budget, None, |d, v| d.finance.public_funds_budget = v) }
                    { money(&state, Field::PublicFundsActual, fin.public_funds_actual, metric_note(doc, Metric::PublicFundsControlRate), |d, v| d.finance.public_funds_actual = v) }
                    { money(&state, Field::ProcurementPlan, fin.procurement_plan, None, |d, v| d.finance.procurement_plan = v) }
                    { money(&state, Field::ProcurementActual, fin.procurement_actual, metric_note(doc, Metric::ProcurementExecutionRate), |d, v| d.finance.procurement_actual = v) }
                    { money(&state, Field::FixedAssetsTotal, fin.fixed_assets_total, None, |d, v| d.finance.fixed_assets_total = v) }
                    { money(&state, Field::FixedAssetsInUse, fin.fixed_assets_in_use, metric_note(doc, Metric::FixedAssetUtilizationRate), |d, v| d.finance.fixed_assets_in_use = v) }
                </div>
            </section>

            <ManagementAnswers />
        </>
    }
}

/// "三项合计 x 万元" once all three actual figures are entered.
fn sub_sum(items: &[&BudgetActual]) -> Option<AttrValue> {
    let actuals: Option<Vec<Decimal>> = items.iter().map(|i| i.actual).collect();
    let sum = actuals.and_then(zipin_core::number::checked_sum)?;
    Some(format!("三项支出合计 {}万元", zipin_core::number::fmt_plain(sum)).into())
}

#[function_component(FunctionLines)]
fn function_lines() -> Html {
    let state = use_app_state();
    let lines = &state.doc().finance.by_function;
    let add = {
        let add = step(&state, |d, (): ()| {
            d.finance.by_function.push(FunctionLine::default())
        });
        Callback::from(move |_: MouseEvent| add.emit(()))
    };
    html! {
        <div id={Part::FunctionLines.dom_id()} tabindex="-1">
            <h4>{ "按功能分类支出" }</h4>
            <table>
                <thead><tr>
                    <th scope="col">{ "序号" }</th>
                    <th scope="col" id="fn-h-name">{ "功能分类科目" }</th>
                    <th scope="col" id="fn-h-amount">{ "金额（万元）" }</th>
                    <th scope="col">{ "操作" }</th>
                </tr></thead>
                <tbody>
                    { for lines.iter().enumerate().map(|(i, line)| html! {
                        <tr key={i}>
                            <th scope="row" id={format!("fn-r-{i}")} class="num">{ i + 1 }</th>
                            <td><CellInput id={format!("f-finance-by_function-{i}-name")} labelled_by={format!("fn-h-name fn-r-{i}")}
                                value={line.name.clone()} max_chars={zipin_core::gate::caps::NAME_CHARS}
                                on_change={editor(&state, format!("by_function.{i}.name"), move |d, v: String| { if let Some(l) = d.finance.by_function.get_mut(i) { l.name = v } })} /></td>
                            <td><NumberField id={format!("f-finance-by_function-{i}-amount")} label="金额" labelled_by={format!("fn-h-amount fn-r-{i}")}
                                kind={NumberKind::Money} value={line.amount}
                                on_change={editor(&state, format!("by_function.{i}.amount"), move |d, v: Option<Decimal>| { if let Some(l) = d.finance.by_function.get_mut(i) { l.amount = v } })} /></td>
                            <td><RowTools index={i} len={lines.len()} what="功能分类"
                                on_move={step(&state, |d, (from, to): (usize, usize)| move_row(&mut d.finance.by_function, from, to))}
                                on_remove={step(&state, |d, i: usize| { if i < d.finance.by_function.len() { d.finance.by_function.remove(i); } })} /></td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <div class="toolbar"><button type="button" class="button" onclick={add}>{ "添加功能分类" }</button></div>
        </div>
    }
}

/// One group of inputs for every framework indicator that needs the officer's answer.
#[function_component(ManagementAnswers)]
fn management_answers() -> Html {
    let state = use_app_state();
    let framework = &state.doc().framework;
    let asked: Vec<&Indicator> = framework
        .indicators()
        .map(|(_, _, ind)| ind)
        .filter(|ind| {
            matches!(
                ind.rule,
                Rule::Checklist { .. }
                    | Rule::DeductPerCase { .. }
                    | Rule::Choice { .. }
                    | Rule::Manual
            )
        })
        .collect();
    html! {
        <section class="card" aria-labelledby="h-management">
            <h3 id="h-management">{ "管理情况（按评分框架逐项作答）" }</h3>
            <div class="grid wide">
                { for asked.into_iter().map(|ind| html! { <Answer indicator={ind.clone()} /> }) }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AnswerProps {
    indicator: Indicator,
}

#[function_component(Answer)]
fn answer(props: &AnswerProps) -> Html {
    let state = use_app_state();
    let ind = &props.indicator;
    let m = &state.doc().management;
    let id = ind.id.clone();
    let dom_id = format!("f-management-{id}");
    let score = state.evaluation.indicator(&id).and_then(|r| r.final_score);
    let body = match &ind.rule {
        Rule::Checklist { items } => {
            let answers = m.checklists.get(&id);
            let item_ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
            let none_met = {
                let item_ids = item_ids.clone();
                let id = id.clone();
                step(&state, move |d, (): ()| {
                    d.management.checklists.insert(
                        id.clone(),
                        item_ids.iter().map(|i| (i.clone(), false)).collect(),
                    );
                })
                .reform(|_: MouseEvent| ())
            };
            html! {
                <>
                    { for items.iter().map(|item| {
                        let (id, item_id, all) = (id.clone(), item.id.clone(), item_ids.clone());
                        html! { <Checkbox id={format!("{dom_id}-{}", item.id)} label={format!("{}（{} 分）", item.text, fmt_score(item.points))}
                            checked={answers.and_then(|a| a.get(&item.id)).copied().unwrap_or(false)}
                            on_change={editor(&state, format!("management.{id}.{item_id}"), move |d, v: bool| {
                                // The first answer records every item, so unchecked ones count as answered "no".
                                let entry = d.management.checklists.entry(id.clone())
                                    .or_insert_with(|| all.iter().map(|i| (i.clone(), false)).collect::<BTreeMap<_, _>>());
                                entry.insert(item_id.clone(), v);
                            })} /> }
                    }) }
                    if answers.is_none() {
                        <button type="button" class="button small" onclick={none_met}>{ "以上均未做到" }</button>
                    }
                </>
            }
        }
        Rule::DeductPerCase { case_label, .. } => html! {
            <NumberField id={format!("{dom_id}-value")} label={format!("发现问题数（{case_label}）")} kind={NumberKind::Count} unit="例"
                value={count_to_decimal(m.cases.get(&id).copied())}
                on_change={editor(&state, format!("management.{id}"), move |d, v: Option<Decimal>| {
                    match decimal_to_count(v) {
                        Some(n) => { d.management.cases.insert(id.clone(), n); }
                        None => { d.management.cases.remove(&id); }
                    }
                })} />
        },
        Rule::Choice { options } => {
            let selected = m.choices.get(&id).cloned().unwrap_or_default();
            let onchange = editor(&state, format!("management.{id}"), move |d, v: String| {
                if v.is_empty() {
                    d.management.choices.remove(&id);
                } else {
                    d.management.choices.insert(id.clone(), v);
                }
            })
            .reform(|e: Event| {
                e.target()
                    .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
                    .map(|s| s.value())
                    .unwrap_or_default()
            });
            html! {
                <div class="field">
                    <label for={format!("{dom_id}-value")}>{ "适用情形" }</label>
                    <select id={format!("{dom_id}-value")} {onchange}>
                        <option value="" selected={selected.is_empty()}>{ "（未选择）" }</option>
                        { for options.iter().map(|o| html! {
                            <option value={o.id.clone()} selected={o.id == selected}>{ format!("{}（{} 分）", o.text, fmt_score(o.score)) }</option>
                        }) }
                    </select>
                </div>
            }
        }
        Rule::Manual => html! {
            <NumberField id={format!("{dom_id}-value")} label={format!("人工评分（0–{} 分）", fmt_score(ind.weight))} kind={NumberKind::Points} unit="分"
                value={m.manual.get(&id).copied()}
                on_change={editor(&state, format!("management.{id}"), move |d, v: Option<Decimal>| {
                    match v {
                        Some(v) => { d.management.manual.insert(id.clone(), v); }
                        None => { d.management.manual.remove(&id); }
                    }
                })} />
        },
        _ => html! {},
    };
    html! {
        <fieldset class="card" id={dom_id.clone()} tabindex="-1">
            <legend>{ format!("{}（{} 分）", ind.name, fmt_score(ind.weight)) }</legend>
            <p class="hint">{ &ind.standard }</p>
            { body }
            <p class="derived">{ score.map(|s| format!("本项得分 {}", fmt_score(s))).unwrap_or_else(|| "尚未作答，暂不能计分".to_string()) }</p>
        </fieldset>
    }
}
