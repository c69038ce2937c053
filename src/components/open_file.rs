//! 导入数据文件: opening a document file (.json), validated and migrated by the core, previewed, and saved only on
//! request — as a new document or in place of the current one.

use yew::prelude::*;
use zipin_core::migrate::load_document;
use zipin_core::number::fmt_score;
use zipin_core::{evaluate, Document};

use super::use_app_state;
use crate::error::AppError;
use crate::services::files::on_file_chosen;
use crate::state::Action;

#[function_component(OpenFile)]
pub fn open_file() -> Html {
    let state = use_app_state();
    let preview = use_state(|| None::<Document>);
    let error = use_state(|| None::<AppError>);
    let onchange = {
        let (preview, error) = (preview.clone(), error.clone());
        on_file_chosen(
            zipin_core::gate::caps::FILE_BYTES,
            move |text: Result<String, AppError>| match text
                .and_then(|t| load_document(&t).map_err(AppError::DocumentFile))
            {
                Ok(doc) => {
                    error.set(None);
                    preview.set(Some(doc));
                }
                Err(e) => {
                    preview.set(None);
                    error.set(Some(e));
                }
            },
        )
    };
    let act = |make: fn(Document) -> Action| {
        let (state, preview) = (state.clone(), preview.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(doc) = (*preview).clone() {
                state.dispatch(make(doc));
                preview.set(None);
            }
        })
    };
    let cancel = {
        let preview = preview.clone();
        Callback::from(move |_: MouseEvent| preview.set(None))
    };
    html! {
        <section class="card" aria-labelledby="h-import">
            <h3 id="h-import">{ "导入数据文件" }</h3>
            <div class="field">
                <label for="import-file">{ "选择 .json 数据文件（由本程序“导出数据文件”得到）" }</label>
                <input id="import-file" type="file" accept=".json,application/json" {onchange} />
            </div>
            if let Some(e) = &*error { <p class="field-error" role="alert">{ format!("未导入：{e}") }</p> }
            if let Some(doc) = &*preview {
                <div class="banner info" role="status">
                    <p>{ preview_line(doc) }</p>
                    <button type="button" class="button primary" onclick={act(Action::AddDocument)}>{ "保存为新文档" }</button>
                    <button type="button" class="button" onclick={act(Action::Import)}>{ "替换当前文档" }</button>
                    <button type="button" class="button" onclick={cancel}>{ "取消" }</button>
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
