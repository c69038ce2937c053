use yew::prelude::*;
use zipin_core::number::fmt_score;

use crate::components::app::StateHandle;

/// The title, the unit and year, and the always-visible score summary.
#[function_component(Header)]
pub fn header() -> Html {
    let Some(state) = use_context::<StateHandle>() else { return html! {} };
    let doc = &state.doc;
    let e = &state.evaluation;
    let year = doc.unit.year.map(|y| format!("{y}年度")).unwrap_or_else(|| "年度未填".to_string());
    let grade = e.grade.clone().unwrap_or_else(|| "待评分完成".to_string());
    html! {
        <header class="header">
            <div class="brand">
                <h1 class="title">{ "部门整体支出绩效自评" }</h1>
                <p class="unit"><span class="unit-name">{ doc.unit_label() }</span>{ " · " }<span class="unit-year">{ year }</span></p>
            </div>
            <dl class="summary" aria-live="polite">
                <div><dt>{ "总分" }</dt><dd class="total">{ fmt_score(e.total) }<span class="of">{ format!(" / {}", fmt_score(e.max_total)) }</span></dd></div>
                <div><dt>{ "等次" }</dt><dd class="grade">{ grade }</dd></div>
                <div><dt>{ "已评分指标" }</dt><dd class="scored">{ format!("{} / {}", e.scored_count, e.indicator_count) }</dd></div>
            </dl>
        </header>
    }
}
