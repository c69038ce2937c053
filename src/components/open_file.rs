//! 导入数据文件: opening a document file (.json), read by the core's one way in, previewed, and saved only on
//! request — as a new document or in place of the current one.

use yew::prelude::*;
use zipin_core::number::fmt_score;
use zipin_core::receive::Accept;
use zipin_core::{evaluate, Document};

use super::{on_action, use_dispatch, use_ui};
use crate::services::files::on_file_chosen;
use crate::state::{Action, Door, LibraryAction, UiAction};

#[function_component(OpenFile)]
pub fn open_file() -> Html {
    let (ui, dispatch) = (use_ui(), use_dispatch());
    let onchange = on_file_chosen(
        zipin_core::gate::caps::FILE_BYTES,
        Accept::Document,
        Door::ImportFile,
        dispatch.clone(),
    );
    html! {
        <section class="card" aria-labelledby="h-import">
            <h3 id="h-import">{ "导入数据文件" }</h3>
            <div class="field">
                <label for="import-file">{ "选择 .json 数据文件（由本程序“导出数据文件”得到）" }</label>
                <input id="import-file" type="file" accept=".json,application/json" {onchange} />
            </div>
            if let Some(Err(e)) = &ui.import { <p class="field-error" role="alert">{ format!("未导入：{e}") }</p> }
            if let Some(Ok(doc)) = &ui.import {
                <div class="banner info" role="status">
                    <p>{ preview_line(doc) }</p>
                    <button type="button" class="button primary" onclick={on_action(&dispatch, || Action::Library(LibraryAction::AddImport))}>{ "保存为新文档" }</button>
                    <button type="button" class="button" onclick={on_action(&dispatch, || Action::Library(LibraryAction::ReplaceWithImport))}>{ "替换当前文档" }</button>
                    <button type="button" class="button" onclick={on_action(&dispatch, || Action::Ui(UiAction::CancelImport))}>{ "取消" }</button>
                </div>
            }
        </section>
    }
}

/// "广东省科技监测中心 · 2024年度 · 广东…参考框架 · 4.66 分（1/15 项已评分）".
fn preview_line(doc: &Document) -> String {
    let e = evaluate(doc);
    let year = doc
        .unit
        .year
        .map(|y| format!("{y}年度"))
        .unwrap_or_else(|| "年度未填".to_string());
    let score = match &e.grade {
        Some(grade) => format!("{} 分，{grade}", fmt_score(e.total)),
        None => format!(
            "{} 分（{}/{} 项已评分）",
            fmt_score(e.total),
            e.scored_count,
            e.indicator_count
        ),
    };
    format!(
        "待导入：{} · {year} · {} · {score}",
        doc.unit_label(),
        doc.framework.name
    )
}
