//! 校验: every check, each with links that take the officer to the fields involved.

use yew::prelude::*;
use zipin_core::checks::Severity;

use super::use_document;
use crate::state::{Action, UiAction};

#[function_component(Checks)]
pub fn checks() -> Html {
    let state = use_document();
    let checks = &state.checks;
    let errors = zipin_core::checks::error_count(checks);
    let missing: Vec<_> = state
        .evaluation
        .indicators
        .iter()
        .filter(|r| !r.missing.is_empty())
        .collect();
    let go = |path: String| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::Ui(UiAction::FocusField(path.clone())))
        })
    };
    html! {
        <>
            <p class="hint" role="status">
                { if checks.is_empty() { "未发现问题。".to_string() } else { format!("发现 {} 个问题（其中 {errors} 个数据矛盾），不影响保存。", checks.len()) } }
            </p>
            <ul class="checks">
                { for checks.iter().map(|c| html! {
                    <li class={classes!("check", (c.severity == Severity::Error).then_some("error"))}>
                        <h3>{ format!("【{}】", c.severity.label()) }{ &c.title }</h3>
                        <p>{ &c.message }</p>
                        <p>{ for c.fields.iter().map(|f| html! {
                            <button type="button" class="link" onclick={go(f.path.clone())}>{ format!("前往：{}", f.label) }</button>
                        }) }</p>
                    </li>
                }) }
            </ul>
            if !missing.is_empty() {
                <section class="card" aria-labelledby="h-missing">
                    <h3 id="h-missing">{ format!("尚不能计分的指标（{} 项）", missing.len()) }</h3>
                    <ul>
                        { for missing.iter().map(|r| html! {
                            <li>
                                { format!("{}：缺少", r.name) }
                                { for r.missing.iter().map(|f| html! {
                                    <button type="button" class="link" onclick={go(f.path.clone())}>{ f.label.clone() }</button>
                                }) }
                            </li>
                        }) }
                    </ul>
                </section>
            }
        </>
    }
}
