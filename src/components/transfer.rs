//! Getting a document out and in: .docx, .xlsx, print, JSON file, share link; and importing a JSON file with a
//! preview before anything is saved.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use zipin_core::migrate::load_document;
use zipin_core::number::fmt_score;
use zipin_core::share::LONG_LINK;
use zipin_core::{evaluate, Document};

use super::use_app_state;
use crate::error::AppError;
use crate::export_protocol::OfficeFile;
use crate::services::export_worker::{export, Exported};
use crate::services::files::on_file_chosen;
use crate::services::{download, page};
use crate::state::{Action, Section};

/// Opens the print dialog on the report, which the print stylesheet lays out like the .docx.
fn print_report(state: &super::StateHandle) {
    state.dispatch(Action::Navigate(Section::Report));
    page::print_soon();
}

#[function_component(ExportPanel)]
pub fn export_panel() -> Html {
    let state = use_app_state();
    let status = use_state(|| None::<(bool, String)>);
    let link = use_state(|| None::<String>);
    let busy = use_state(|| false);

    let run_export = |kind: OfficeFile| {
        let (state, status, busy) = (state.clone(), status.clone(), busy.clone());
        Callback::from(move |_: MouseEvent| {
            busy.set(true);
            status.set(Some((
                true,
                "正在生成文件…（首次导出需加载导出模块）".to_string(),
            )));
            let (status, busy) = (status.clone(), busy.clone());
            export(
                kind,
                state.doc(),
                Callback::from(move |result: Result<Exported, AppError>| {
                    busy.set(false);
                    let message = result.and_then(|file| {
                        download::download(&file.filename, kind.mime(), &file.bytes).map(|_| {
                            format!(
                                "已生成“{}”（{} KB，用时 {:.0} 毫秒）",
                                file.filename,
                                file.bytes.len() / 1024,
                                file.ms
                            )
                        })
                    });
                    status.set(Some(match message {
                        Ok(text) => (true, text),
                        Err(error) => (false, error.to_string()),
                    }));
                }),
            );
        })
    };
    let download_document_file = {
        let (state, status) = (state.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            status.set(Some(match download::document_file(state.doc()) {
                Ok(name) => (true, format!("已导出“{name}”")),
                Err(error) => (false, error.to_string()),
            }));
        })
    };
    let print = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| print_report(&state))
    };
    let make_link = {
        let (state, link) = (state.clone(), link.clone());
        Callback::from(move |_: MouseEvent| link.set(Some(page::share_link(state.doc()))))
    };
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        {
            input.select();
        }
    });
    html! {
        <section class="card no-print" aria-labelledby="h-export">
            <h3 id="h-export">{ "导出与分享" }</h3>
            if page::in_app_browser() {
                <p class="banner warn" role="alert">{ "您正在微信或 QQ 的内置浏览器中使用本页，文件下载通常会失败。请点右上角“…”，选择“在浏览器中打开”后再导出。" }</p>
            }
            <div class="toolbar">
                <button type="button" class="button primary" onclick={run_export(OfficeFile::Docx)} disabled={*busy}>{ "导出 Word 报告（.docx）" }</button>
                <button type="button" class="button" onclick={run_export(OfficeFile::Xlsx)} disabled={*busy}>{ "导出 Excel 自评表（.xlsx）" }</button>
                <button type="button" class="button" onclick={print}>{ "打印 / 另存为 PDF" }</button>
                <button type="button" class="button" onclick={download_document_file}>{ "导出数据文件（.json）" }</button>
                <button type="button" class="button" onclick={make_link}>{ "生成分享链接" }</button>
                if page::served_over_http() {
                    <a class="button" href="zipin-offline.html" download="部门整体支出绩效自评（离线版）.html"
                        title="整个程序在一个网页文件中：拷到没有网络的电脑上，双击用浏览器打开即可使用">{ "下载离线版（单个网页文件）" }</a>
                }
            </div>
            <p class={classes!("hint", status.as_ref().filter(|(ok, _)| !ok).map(|_| "lost"))} role="status" aria-live="polite">
                { status.as_ref().map(|(_, m)| m.clone()).unwrap_or_default() }
            </p>
            if let Some(url) = &*link {
                <div class="field">
                    <label for="share-link">{ "分享链接（已选中，按 Ctrl+C 复制）" }</label>
                    <input id="share-link" type="text" readonly=true value={url.clone()} onfocus={select_all} />
                    <span class="hint">
                        { format!("链接长度 {} 个字符。文档数据在“#”之后，只在打开链接的浏览器中解读，不会发送到任何服务器；对方打开后先预览，不会覆盖其本机文档。", url.chars().count()) }
                    </span>
                    if url.len() > LONG_LINK {
                        <p class="field-error" role="alert">{ "链接较长，部分聊天或邮件程序可能截断它。建议改为发送“导出数据文件（.json）”得到的文件。" }</p>
                    }
                </div>
            }
        </section>
    }
}

/// Import of a .json document: validated and migrated by the core, previewed, and saved only on request.
#[function_component(ImportPanel)]
pub fn import_panel() -> Html {
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
