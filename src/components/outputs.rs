//! 导出与分享: every way a document leaves the app — an office file (.docx, .xlsx) from the export worker, print,
//! its document file (.json), a share link, and the offline page.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use zipin_core::share::LONG_LINK;

use super::use_document;
use crate::error::AppError;
use crate::export_protocol::OfficeFile;
use crate::services::export_worker::{export, Exported};
use crate::services::{download, page};
use crate::state::{Action, Section, UiAction};

/// Opens the print dialog on the report, which the print stylesheet lays out like the .docx.
fn print_report(state: &super::DocHandle) {
    state.dispatch(Action::Ui(UiAction::Navigate(Section::Report)));
    page::print_soon();
}

#[function_component(Outputs)]
pub fn outputs() -> Html {
    let state = use_document();
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
