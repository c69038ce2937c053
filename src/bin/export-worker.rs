//! The export Web Worker: writes office files (.docx, .xlsx). It says `Reply::Ready` first, then answers each
//! `Request::Export` with `Reply::Exported` or `Reply::Failed` (see `zipin::export_protocol`). Built by trunk as a
//! separate wasm, so the file-format crates load only when an officer first exports.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};
use zipin::export_protocol::{from_message, to_message, OfficeFile, Reply, Request};
use zipin_core::migrate::load_value;

fn answer(request: Request) -> Reply {
    let Request::Export { id, kind, document } = request;
    let start = js_sys::Date::now();
    let written = serde_json::from_str(&document)
        .map_err(|e| format!("导出请求无法读取：{e}"))
        .and_then(|value| load_value(value).map_err(|e| e.to_string()))
        .and_then(|doc| {
            let bytes = match kind {
                OfficeFile::Docx => zipin_export::docx(&doc),
                OfficeFile::Xlsx => zipin_export::xlsx(&doc),
            };
            bytes
                .map(|b| (b, kind.file_name(&doc)))
                .map_err(|e| e.to_string())
        });
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
