//! The framework's floor: a to-do list with a few function components, one `use_reducer` state, localStorage
//! persistence through gloo and serde_json. scripts/bench builds it beside the app and compares first-visit bytes
//! and navigation → first render (the list on screen).

use std::rc::Rc;

use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use web_sys::HtmlInputElement;
use yew::prelude::*;

const KEY: &str = "zipin-floor";

/// What a first visit shows, read with serde_json as the app reads its sample.
const STARTER: &str = r#"[
  {"id": 1, "text": "填写单位基本信息", "done": true},
  {"id": 2, "text": "录入预算与支出数", "done": false},
  {"id": 3, "text": "导出自评报告", "done": false}
]"#;

#[derive(Clone, PartialEq, Serialize, Deserialize)]
struct Item {
    id: u32,
    text: String,
    done: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Filter {
    All,
    Open,
    Done,
}

impl Filter {
    fn label(self) -> &'static str {
        match self {
            Filter::All => "全部",
            Filter::Open => "未完成",
            Filter::Done => "已完成",
        }
    }

    fn keeps(self, item: &Item) -> bool {
        match self {
            Filter::All => true,
            Filter::Open => !item.done,
            Filter::Done => item.done,
        }
    }
}

#[derive(Clone, PartialEq)]
struct State {
    items: Vec<Item>,
    filter: Filter,
}

enum Action {
    Add(String),
    Toggle(u32),
    Remove(u32),
    ClearDone,
    Show(Filter),
}

impl State {
    fn load() -> Self {
        let items = LocalStorage::get(KEY)
            .ok()
            .or_else(|| serde_json::from_str(STARTER).ok())
            .unwrap_or_default();
        State {
            items,
            filter: Filter::All,
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Add(text) => {
                let id = next.items.iter().map(|i| i.id).max().unwrap_or(0) + 1;
                next.items.push(Item {
                    id,
                    text,
                    done: false,
                });
            }
            Action::Toggle(id) => {
                if let Some(item) = next.items.iter_mut().find(|i| i.id == id) {
                    item.done = !item.done;
                }
            }
            Action::Remove(id) => next.items.retain(|i| i.id != id),
            Action::ClearDone => next.items.retain(|i| !i.done),
            Action::Show(filter) => next.filter = filter,
        }
        Rc::new(next)
    }
}

#[function_component]
fn App() -> Html {
    let state = use_reducer(State::load);
    {
        let items = state.items.clone();
        use_effect_with(items, |items| {
            // Storage full or disabled: the list still works, it is just not kept.
            let _ = LocalStorage::set(KEY, items);
        });
    }
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action| state.dispatch(action))
    };
    let open = state.items.iter().filter(|i| !i.done).count();
    html! {
        <main>
            <h1>{ "待办" }</h1>
            <NewItem on_action={dispatch.clone()} />
            <ItemList items={state.items.clone()} filter={state.filter} on_action={dispatch.clone()} />
            <Footer open={open} filter={state.filter} on_action={dispatch} />
        </main>
    }
}

#[derive(Properties, PartialEq)]
struct NewItemProps {
    on_action: Callback<Action>,
}

#[function_component]
fn NewItem(props: &NewItemProps) -> Html {
    let input = use_node_ref();
    let onsubmit = {
        let input = input.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(el) = input.cast::<HtmlInputElement>() {
                let text = el.value().trim().to_string();
                if !text.is_empty() {
                    on_action.emit(Action::Add(text));
                    el.set_value("");
                }
            }
        })
    };
    html! {
        <form {onsubmit}>
            <input ref={input} aria-label="新事项" placeholder="新事项" />
            <button type="submit">{ "添加" }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct ItemListProps {
    items: Vec<Item>,
    filter: Filter,
    on_action: Callback<Action>,
}

#[function_component]
fn ItemList(props: &ItemListProps) -> Html {
    html! {
        <ul class="todo-list">
            { for props.items.iter().filter(|i| props.filter.keeps(i)).map(|item| html! {
                <ItemRow key={item.id} item={item.clone()} on_action={props.on_action.clone()} />
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
struct ItemRowProps {
    item: Item,
    on_action: Callback<Action>,
}

#[function_component]
fn ItemRow(props: &ItemRowProps) -> Html {
    let id = props.item.id;
    let toggle = props.on_action.reform(move |_: Event| Action::Toggle(id));
    let remove = props
        .on_action
        .reform(move |_: MouseEvent| Action::Remove(id));
    html! {
        <li class={classes!(props.item.done.then_some("done"))}>
            <input type="checkbox" checked={props.item.done} onchange={toggle} aria-label="完成" />
            <span>{ &props.item.text }</span>
            <button onclick={remove}>{ "删除" }</button>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct FooterProps {
    open: usize,
    filter: Filter,
    on_action: Callback<Action>,
}

#[function_component]
fn Footer(props: &FooterProps) -> Html {
    let clear = props.on_action.reform(|_: MouseEvent| Action::ClearDone);
    html! {
        <footer>
            <span>{ format!("{} 项未完成", props.open) }</span>
            { for [Filter::All, Filter::Open, Filter::Done].into_iter().map(|f| {
                let onclick = props.on_action.reform(move |_: MouseEvent| Action::Show(f));
                html! {
                    <button {onclick} aria-pressed={(props.filter == f).to_string()}>{ f.label() }</button>
                }
            }) }
            <button onclick={clear}>{ "清除已完成" }</button>
        </footer>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
