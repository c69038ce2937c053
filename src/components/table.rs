//! Pieces of editable tables: a cell input named by its column and row headers, and the row tools.

use yew::prelude::*;
use zipin_core::edit::{Edit, Table};

use super::fields::{target_text, use_composition_end, MAX_TEXT};
use super::targets::of_rows;
use super::{on_click, use_document};

#[derive(Properties, PartialEq)]
pub struct CellInputProps {
    pub id: AttrValue,
    /// The ids of the column header and the row header, so the cell's name is "列名 行号" as a person reads it.
    pub labelled_by: AttrValue,
    pub value: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub multiline: bool,
    #[prop_or_default]
    pub onpaste: Option<Callback<Event>>,
    /// The most characters the cell takes (the gate's cap for its column).
    #[prop_or(MAX_TEXT)]
    pub max_chars: usize,
}

/// A text cell; like `TextField`, it does not send while an input method is composing.
#[function_component(CellInput)]
pub fn cell_input(props: &CellInputProps) -> Html {
    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            if !e.is_composing() {
                if let Some(text) = target_text(e.target()) {
                    on_change.emit(text);
                }
            }
        })
    };
    let node = use_node_ref();
    use_composition_end(&node, &props.on_change);
    let onpaste = props.onpaste.clone();
    if props.multiline {
        html! { <textarea id={props.id.clone()} aria-labelledby={props.labelled_by.clone()} rows="2" maxlength={props.max_chars.to_string()}
        value={props.value.clone()} {oninput} ref={node} onpaste={onpaste} /> }
    } else {
        html! { <input type="text" id={props.id.clone()} aria-labelledby={props.labelled_by.clone()} maxlength={props.max_chars.to_string()}
        value={props.value.clone()} {oninput} ref={node} onpaste={onpaste} /> }
    }
}

#[derive(Properties, PartialEq)]
pub struct RowToolsProps {
    pub table: Table,
    pub index: usize,
    pub len: usize,
    /// What a row is, for the buttons' accessible names.
    pub what: AttrValue,
    /// The project whose indicator rows these are (a 绩效目标 table only); none: the document's own table.
    #[prop_or_default]
    pub project: Option<usize>,
}

/// 上移 / 下移 / 删除 for one row, each named with the row number for screen readers.
#[function_component(RowTools)]
pub fn row_tools(props: &RowToolsProps) -> Html {
    let state = use_document();
    let (table, i) = (props.table, props.index);
    let n = i.saturating_add(1);
    let project = props.project;
    let move_to = |to: usize| {
        on_click(
            &state,
            of_rows(project, Edit::MoveRow { table, from: i, to }),
        )
    };
    let (up, down) = (move_to(i.saturating_sub(1)), move_to(i.saturating_add(1)));
    let remove = on_click(&state, of_rows(project, Edit::RemoveRow(table, i)));
    html! {
        <div class="toolbar">
            <button type="button" class="button small" onclick={up} disabled={i == 0}
                aria-label={format!("上移第{n}行{}", props.what)}>{ "↑" }</button>
            <button type="button" class="button small" onclick={down} disabled={i.saturating_add(1) >= props.len}
                aria-label={format!("下移第{n}行{}", props.what)}>{ "↓" }</button>
            <button type="button" class="button small danger" onclick={remove}
                aria-label={format!("删除第{n}行{}", props.what)}>{ "删除" }</button>
        </div>
    }
}
