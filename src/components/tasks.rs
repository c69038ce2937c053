//! 工作任务: 年度总体工作 and the 重点工作任务 table (对应处室 | 任务内容 | 对接部门).

use yew::prelude::*;
use zipin_core::edit::{Edit, Table};
use zipin_core::fields::{Field, KeyTaskColumn, Part};
use zipin_core::gate::caps;

use super::fields::TextInput;
use super::table::{CellInput, RowTools};
use super::{on_click, on_edit, use_document};

#[function_component(Tasks)]
pub fn tasks() -> Html {
    let state = use_document();
    let doc = state.doc();
    html! {
        <>
            <section class="card" aria-labelledby="h-annual">
                <h3 id="h-annual">{ "年度总体工作" }</h3>
                <TextInput field={Field::AnnualWork} rows={5} />
            </section>
            <section class="card" aria-labelledby="h-key-tasks" id={Part::KeyTasks.dom_id()} tabindex="-1">
                <h3 id="h-key-tasks">{ "重点工作任务" }</h3>
                <div class="table-wrap">
                    <table>
                        <thead><tr>
                            <th scope="col" id="kt-h-n">{ "序号" }</th>
                            { for KeyTaskColumn::ALL.iter().map(|c| html! { <th scope="col" id={format!("kt-h-{}", c.key())}>{ c.header() }</th> }) }
                            <th scope="col">{ "操作" }</th>
                        </tr></thead>
                        <tbody>
                            { for doc.key_tasks.iter().enumerate().map(|(row, task)| {
                                let cell = |column: KeyTaskColumn, value: &str| {
                                    let long = column == KeyTaskColumn::Content;
                                    html! {
                                        <td><CellInput id={column.cell(row).dom_id()} labelled_by={format!("kt-h-{} kt-r-{row}", column.key())}
                                            value={value.to_string()} multiline={long}
                                            max_chars={if long { caps::TEXT_CHARS } else { caps::NAME_CHARS }}
                                            on_change={on_edit(&state, move |text| Edit::KeyTask { row, column, text })} /></td>
                                    }
                                };
                                html! {
                                    <tr key={row}>
                                        <th scope="row" id={format!("kt-r-{row}")} class="num">{ row.saturating_add(1) }</th>
                                        { cell(KeyTaskColumn::Division, &task.division) }
                                        { cell(KeyTaskColumn::Content, &task.content) }
                                        { cell(KeyTaskColumn::Counterpart, &task.counterpart) }
                                        <td><RowTools table={Table::KeyTasks} index={row} len={doc.key_tasks.len()} what="重点工作任务" /></td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
                <div class="toolbar"><button type="button" class="button" onclick={on_click(&state, Edit::AddRow(Table::KeyTasks))}>{ "添加一行" }</button></div>
            </section>
        </>
    }
}
