use yew::prelude::*;

use super::{use_dispatch, use_document, use_ui};
use crate::state::{Action, Section, UiAction};

/// The section navigation: buttons, so it works by keyboard; the current one is marked for screen readers.
/// 校验 shows how many checks are open; 评分 how many indicators still lack input.
#[function_component(Nav)]
pub fn nav() -> Html {
    let state = use_document();
    let (ui, dispatch) = (use_ui(), use_dispatch());
    let errors = zipin_core::checks::error_count(&state.checks);
    let unscored = state.evaluation.unscored_count();
    let item = |section: Section| {
        let onclick = {
            let dispatch = dispatch.clone();
            Callback::from(move |_: MouseEvent| {
                dispatch.dispatch(Action::Ui(UiAction::Navigate(section)))
            })
        };
        let current = section == ui.section;
        let count = match section {
            Section::Checks if !state.checks.is_empty() => Some((
                state.checks.len(),
                if errors > 0 {
                    "nav-count error"
                } else {
                    "nav-count"
                },
                format!("{} 个问题", state.checks.len()),
            )),
            Section::Scores if unscored > 0 => {
                Some((unscored, "nav-count", format!("{unscored} 项待评分")))
            }
            _ => None,
        };
        html! {
            <li>
                <button type="button" class={classes!("nav-item", current.then_some("current"))}
                    aria-current={current.then_some("page")} {onclick}>
                    <span>{ section.label() }</span>
                    if let Some((n, class, title)) = count { <span class={class} title={title.clone()} aria-label={title}>{ n }</span> }
                </button>
            </li>
        }
    };
    html! {
        <nav class="nav" aria-label="章节">
            <ul>
                { for Section::WORK.into_iter().map(item) }
                <li class="nav-footer">{ "文档" }</li>
                { item(Section::Documents) }
                { item(Section::Frameworks) }
                <li class="nav-footer">{ "主管部门" }</li>
                { item(Section::Summary) }
            </ul>
        </nav>
    }
}
