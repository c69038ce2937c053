//! 支出与管理: budget and spending, "三公", 公用经费, procurement, assets, and the answers the management
//! indicators of the framework ask for (checklists, case counts, choices, manual scores).

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;
use zipin_core::edit::{Edit, Table};
use zipin_core::fields::{Field, FieldRef, Part};
use zipin_core::framework::{Indicator, Rule};
use zipin_core::number::fmt_score;
use zipin_core::present::hints::indicator_score_hint;

use super::charts::CompositionChart;
use super::fields::{Checkbox, NumberField, NumberInput, NumberKind, TextInput};
use super::table::{CellInput, RowTools};
use super::{on_click, on_edit, use_document};

#[function_component(Finance)]
pub fn finance() -> Html {
    let state = use_document();
    let doc = state.doc();
    let fin = &doc.finance;
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
                    <NumberInput field={Field::BudgetInitial} />
                    <NumberInput field={Field::BudgetFinal} />
                    <NumberInput field={Field::SpendingTotal} />
                    <NumberInput field={Field::SpendingBasic} />
                    <NumberInput field={Field::SpendingProject} />
                    <NumberInput field={Field::CarryoverPrevious} />
                    <NumberInput field={Field::CarryoverEnd} />
                </div>
                <FunctionLines />
            </section>

            <section class="card" aria-labelledby="h-three-public">
                <h3 id="h-three-public">{ "“三公”经费" }</h3>
                <TextInput field={Field::ThreePublicNarrative} />
                <div class="grid">
                    <NumberInput field={Field::ThreePublicBudget} />
                    <NumberInput field={Field::ThreePublicActual} />
                    <NumberInput field={Field::ThreePublicPrevious} />
                </div>
                <p class="hint">{ "预算为 0 且未发生支出，请填 0 而不是留空：留空表示“未填写”，该指标将无法计分。" }</p>
                <div class="grid">
                    <NumberInput field={Field::AbroadBudget} />
                    <NumberInput field={Field::AbroadActual} />
                    <NumberInput field={Field::VehiclesBudget} />
                    <NumberInput field={Field::VehiclesActual} />
                    <NumberInput field={Field::ReceptionBudget} />
                    <NumberInput field={Field::ReceptionActual} />
                </div>
            </section>

            <section class="card" aria-labelledby="h-costs">
                <h3 id="h-costs">{ "公用经费、政府采购与资产" }</h3>
                <div class="grid">
                    <NumberInput field={Field::PublicFundsBudget} />
                    <NumberInput field={Field::PublicFundsActual} />
                    <NumberInput field={Field::ProcurementPlan} />
                    <NumberInput field={Field::ProcurementActual} />
                    <NumberInput field={Field::FixedAssetsTotal} />
                    <NumberInput field={Field::FixedAssetsInUse} />
                </div>
            </section>

            <ManagementAnswers />
        </>
    }
}

#[function_component(FunctionLines)]
fn function_lines() -> Html {
    let state = use_document();
    let lines = &state.doc().finance.by_function;
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
                    { for lines.iter().enumerate().map(|(row, line)| html! {
                        <tr key={row}>
                            <th scope="row" id={format!("fn-r-{row}")} class="num">{ row.saturating_add(1) }</th>
                            <td><CellInput id={FieldRef::function_line(row, "name").dom_id()} labelled_by={format!("fn-h-name fn-r-{row}")}
                                value={line.name.clone()} max_chars={zipin_core::gate::caps::NAME_CHARS}
                                on_change={on_edit(&state, move |name| Edit::FunctionLineName { row, name })} /></td>
                            <td><NumberField id={FieldRef::function_line(row, "amount").dom_id()} label="金额" labelled_by={format!("fn-h-amount fn-r-{row}")}
                                kind={NumberKind::Money} value={line.amount}
                                on_change={on_edit(&state, move |amount| Edit::FunctionLineAmount { row, amount })} /></td>
                            <td><RowTools table={Table::FunctionLines} index={row} len={lines.len()} what="功能分类" /></td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <div class="toolbar"><button type="button" class="button" onclick={on_click(&state, Edit::AddRow(Table::FunctionLines))}>{ "添加功能分类" }</button></div>
        </div>
    }
}

/// One group of inputs for every framework indicator that needs the officer's answer.
#[function_component(ManagementAnswers)]
fn management_answers() -> Html {
    let state = use_document();
    let framework = &state.doc().framework;
    let asked: Vec<&Indicator> = framework
        .indicators()
        .map(|(_, _, ind)| ind)
        .filter(|ind| ind.rule.asks_the_officer())
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
    let state = use_document();
    let ind = &props.indicator;
    let m = &state.doc().management;
    let id = ind.id.clone();
    let dom_id = FieldRef::indicator_input(&id, &ind.name).dom_id();
    let score = indicator_score_hint(&state.evaluation, &id);
    let body = match &ind.rule {
        Rule::Checklist { items } => {
            let answers = m.checklists.get(&id);
            html! {
                <>
                    { for items.iter().map(|item| {
                        let (indicator, item_id) = (id.clone(), item.id.clone());
                        html! { <Checkbox id={format!("{dom_id}-{}", item.id)} label={format!("{}（{} 分）", item.text, fmt_score(item.points))}
                            checked={answers.and_then(|a| a.get(&item.id)).copied().unwrap_or(false)}
                            on_change={on_edit(&state, move |met| Edit::ChecklistItem { indicator: indicator.clone(), item: item_id.clone(), met })} /> }
                    }) }
                    if answers.is_none() {
                        <button type="button" class="button small" onclick={on_click(&state, Edit::ChecklistNoneMet { indicator: id.clone() })}>{ "以上均未做到" }</button>
                    }
                </>
            }
        }
        Rule::DeductPerCase { case_label, .. } => html! {
            <NumberField id={format!("{dom_id}-value")} label={format!("发现问题数（{case_label}）")} kind={NumberKind::Count} unit="例"
                value={m.cases.get(&id).copied().map(Decimal::from)}
                on_change={on_edit(&state, move |v: Option<Decimal>| Edit::Cases { indicator: id.clone(), count: v.and_then(|v| v.to_u32()) })} />
        },
        Rule::Choice { options } => {
            let selected = m.choices.get(&id).cloned().unwrap_or_default();
            let onchange = on_edit(&state, move |option: String| Edit::Choice {
                indicator: id.clone(),
                option: Some(option),
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
                on_change={on_edit(&state, move |score| Edit::ManualScore { indicator: id.clone(), score })} />
        },
        _ => html! {},
    };
    html! {
        <fieldset class="card" id={dom_id.clone()} tabindex="-1">
            <legend>{ format!("{}（{} 分）", ind.name, fmt_score(ind.weight)) }</legend>
            <p class="hint">{ &ind.standard }</p>
            { body }
            <p class="derived">{ score }</p>
        </fieldset>
    }
}
