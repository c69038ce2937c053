//! 工作任务: 年度总体工作 and the 重点工作任务 table (对应处室 | 任务内容 | 对接部门).

use yew::prelude::*;
use zipin_core::document::KeyTask;
use zipin_core::gate::caps;

use super::fields::TextField;
use super::table::{CellInput, RowTools};
use super::{editor, step, use_app_state};

#[function_component(Tasks)]
pub fn tasks() -> Html {
    let state = use_app_state();
    let doc = state.doc();
    let on_add = {
        let add = step(&state, |d, (): ()| d.key_tasks.push(KeyTask::default()));
        Callback::from(move |_: MouseEvent| add.emit(()))
    };
    let columns = [
        ("division", "对应处室"),
        ("content", "承担的工作任务内容"),
        ("counterpart", "对接部门"),
    ];
    html! {
        <>
            <section class="card" aria-labelledby="h-annual">
                <h3 id="h-annual">{ "年度总体工作" }</h3>
                <TextField id="f-annual_work" label="年度总体工作" rows={5} value={doc.annual_work.clone()}
                    on_change={editor(&state, "annual_work", |d, v: String| d.annual_work = v)} />
            </section>
            <section class="card" aria-labelledby="h-key-tasks">
                <h3 id="h-key-tasks">{ "重点工作任务" }</h3>
                <div class="table-wrap">
                    <table>
                        <thead><tr>
                            <th scope="col" id="kt-h-n">{ "序号" }</th>
                            { for columns.iter().map(|(key, label)| html! { <th scope="col" id={format!("kt-h-{key}")}>{ *label }</th> }) }
                            <th scope="col">{ "操作" }</th>
                        </tr></thead>
                        <tbody>
                            { for doc.key_tasks.iter().enumerate().map(|(i, task)| {
                                let cell = |key: &'static str, value: &str, apply: fn(&mut KeyTask, String)| html! {
                                    <td><CellInput id={format!("f-key_tasks-{i}-{key}")} labelled_by={format!("kt-h-{key} kt-r-{i}")}
                                        value={value.to_string()} multiline={key == "content"}
                                        max_chars={if key == "content" { caps::TEXT_CHARS } else { caps::NAME_CHARS }}
                                        on_change={editor(&state, format!("key_tasks.{i}.{key}"), move |d, v: String| {
                                            if let Some(t) = d.key_tasks.get_mut(i) { apply(t, v) }
                                        })} /></td>
                                };
                                html! {
                                    <tr key={i}>
                                        <th scope="row" id={format!("kt-r-{i}")} class="num">{ i + 1 }</th>
                                        { cell("division", &task.division, |t, v| t.division = v) }
                                        { cell("content", &task.content, |t, v| t.content = v) }
                                        { cell("counterpart", &task.counterpart, |t, v| t.counterpart = v) }
                                        <td><RowTools index={i} len={doc.key_tasks.len()} what="重点工作任务"
                                            on_move={step(&state, |d, (from, to): (usize, usize)| move_row(&mut d.key_tasks, from, to))}
                                            on_remove={step(&state, |d, i: usize| { if i < d.key_tasks.len() { d.key_tasks.remove(i); } })} /></td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
                <div class="toolbar"><button type="button" class="button" onclick={on_add}>{ "添加一行" }</button></div>
            </section>
        </>
    }
}

/// Moves a row; out-of-range indices change nothing.
pub fn move_row<T>(rows: &mut [T], from: usize, to: usize) {
    if from < rows.len() && to < rows.len() && from != to {
        if from < to {
            rows[from..=to].rotate_left(1);
        } else {
            rows[to..=from].rotate_right(1);
        }
    }
}
