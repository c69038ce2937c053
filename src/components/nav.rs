use yew::prelude::*;

use crate::state::Section;

#[derive(Properties, PartialEq)]
pub struct NavProps {
    pub current: Section,
    pub on_navigate: Callback<Section>,
}

/// The section navigation: buttons, so it works by keyboard; the current one is marked for screen readers.
#[function_component(Nav)]
pub fn nav(props: &NavProps) -> Html {
    html! {
        <nav class="nav" aria-label="章节">
            <ul>
                { for Section::ALL.iter().map(|&section| {
                    let onclick = props.on_navigate.reform(move |_| section);
                    let current = section == props.current;
                    html! {
                        <li>
                            <button type="button" class={classes!("nav-item", current.then_some("current"))}
                                aria-current={current.then_some("page")} {onclick}>
                                { section.label() }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
