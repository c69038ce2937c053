//! The export Web Worker: writes office files (.docx, .xlsx). It says `Reply::Ready` first, then answers each
//! `Request::Export` with `Reply::Exported` or `Reply::Failed` (see `zipin::export_protocol`). Built by trunk as a
//! separate wasm, so the file-format crates load only when an officer first exports.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};
use zipin::export_protocol::{from_message, to_message, OfficeFile, Reply, Request};
use zipin_core::receive::{receive, Accept, Received, Source};
use zipin_core::Document;

/// A document the page sent, read through the core's one way in like any text from outside.
fn document_of(text: &str) -> Result<Document, String> {
    match receive(&Source::ExportRequest, Accept::Document, text) {
        Received::Document(document) => Ok(*document),
        Received::Refused(refused) => Err(refused.to_string()),
        _ => Err("导出请求中不是绩效自评数据".to_string()),
    }
}

fn answer(request: Request) -> Reply {
    let start = js_sys::Date::now();
    let (id, written) = match request {
        Request::Export { id, kind, document } => (id, office_file(kind, &document)),
        Request::Summary { id, units } => (id, summary_workbook(units)),
    };
    match written {
        Ok((bytes, filename)) => Reply::Exported {
            id,
            filename,
            bytes,
            ms: js_sys::Date::now() - start,
        },
        Err(message) => Reply::Failed {
            id: Some(id),
            message,
        },
    }
}

/// The 汇总表 of units sent as document files; a unit that does not pass the gate fails the whole request, since
/// the page sent only units that passed it.
fn summary_workbook(units: Vec<(String, String)>) -> Result<(Vec<u8>, String), String> {
    let units = units
        .into_iter()
        .map(|(source, document)| {
            document_of(&document)
                .map(|document| zipin_core::summary::Unit {
                    source: source.clone(),
                    document,
                })
                .map_err(|e| format!("{source}：{e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let summary = zipin_core::summary::summarize(&units);
    let bytes = zipin_export::summary_xlsx(&summary).map_err(|e| e.to_string())?;
    Ok((bytes, "部门整体支出绩效自评汇总表.xlsx".to_string()))
}

fn office_file(kind: OfficeFile, document: &str) -> Result<(Vec<u8>, String), String> {
    document_of(document).and_then(|doc| {
        let bytes = match kind {
            OfficeFile::Docx => zipin_export::docx(&doc),
            OfficeFile::Xlsx => zipin_export::xlsx(&doc),
            OfficeFile::ProjectsDocx(selection) => zipin_export::projects_docx(&doc, selection),
            OfficeFile::ProjectsXlsx(selection) => zipin_export::projects_xlsx(&doc, selection),
        };
        bytes
            .map(|b| (b, kind.file_name(&doc)))
            .map_err(|e| e.to_string())
    })
}

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let post = move |reply: &Reply| {
        // Plain structs, strings and bytes: turning them into a JS value cannot fail.
        if let Ok(message) = to_message(reply) {
            let _ = reply_to.post_message(&message);
        }
    };
    let on_message = {
        let post = post.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let reply = match from_message::<Request>(event.data()) {
                Ok(request) => answer(request),
                Err(e) => Reply::Failed {
                    id: None,
                    message: format!("导出请求无法读取：{e}"),
                },
            };
            post(&reply);
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&Reply::Ready);
}
