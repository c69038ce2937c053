//! 导出与分享: every way a document leaves the app — an office file (.docx, .xlsx) from the export worker, print,
//! its document file (.json), a share link, and the offline page.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use zipin_core::project::ProjectSelection;
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

/// An office file being written by the export worker, and what became of the last one: shared by every export
/// button (the document's report and table, its projects, one project).
#[derive(Clone)]
pub struct OfficeExport {
    pub busy: UseStateHandle<bool>,
    /// (succeeded, message) of the last export, for the status line.
    pub status: UseStateHandle<Option<(bool, String)>>,
}

impl OfficeExport {
    /// Writes `doc` as `kind` in the worker and downloads it, saying so on the status line.
    pub fn run(&self, kind: OfficeFile, doc: &zipin_core::Document) {
        self.busy.set(true);
        self.status.set(Some((
            true,
            "正在生成文件…（首次导出需加载导出模块）".to_string(),
        )));
        let (status, busy) = (self.status.clone(), self.busy.clone());
        export(
            kind,
            doc,
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
    }

    /// The status line, announced as it changes.
    pub fn status_line(&self) -> Html {
        let status = &*self.status;
        html! {
            <p class={classes!("hint", status.as_ref().filter(|(ok, _)| !ok).map(|_| "lost"))} role="status" aria-live="polite">
                { status.as_ref().map(|(_, m)| m.clone()).unwrap_or_default() }
            </p>
        }
    }
}

#[hook]
pub fn use_office_export() -> OfficeExport {
    OfficeExport {
        busy: use_state(|| false),
        status: use_state(|| None::<(bool, String)>),
    }
}

#[function_component(Outputs)]
pub fn outputs() -> Html {
    let state = use_document();
    let link = use_state(|| None::<String>);

    let office = use_office_export();
    let run_export = |kind: OfficeFile| {
        let (office, state) = (office.clone(), state.clone());
        Callback::from(move |_: MouseEvent| office.run(kind, state.doc()))
    };
    let download_document_file = {
        let (state, status) = (state.clone(), office.status.clone());
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
                <button type="button" class="button primary" onclick={run_export(OfficeFile::Docx)} disabled={*office.busy}>{ "导出 Word 报告（.docx）" }</button>
                <button type="button" class="button" onclick={run_export(OfficeFile::Xlsx)} disabled={*office.busy}>{ "导出 Excel 自评表（.xlsx）" }</button>
                if !state.doc().projects.is_empty() {
                    <button type="button" class="button" onclick={run_export(OfficeFile::ProjectsXlsx(ProjectSelection::All))} disabled={*office.busy}>{ "导出项目自评表（.xlsx）" }</button>
                    <button type="button" class="button" onclick={run_export(OfficeFile::ProjectsDocx(ProjectSelection::All))} disabled={*office.busy}>{ "导出项目自评表（.docx）" }</button>
                }
                <button type="button" class="button" onclick={print}>{ "打印 / 另存为 PDF" }</button>
                <button type="button" class="button" onclick={download_document_file}>{ "导出数据文件（.json）" }</button>
                <button type="button" class="button" onclick={make_link}>{ "生成分享链接" }</button>
                if page::served_over_http() {
                    <a class="button" href="zipin-offline.html" download="部门整体支出绩效自评（离线版）.html"
                        title="整个程序在一个网页文件中：拷到没有网络的电脑上，双击用浏览器打开即可使用">{ "下载离线版（单个网页文件）" }</a>
                }
            </div>
            { office.status_line() }
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
