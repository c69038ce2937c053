//! The export Web Worker: the page posts `{"id": n, "kind": "docx" | "xlsx", "document": {…}}` as a JSON string
//! and gets back `{id, ok, bytes, filename, ms}` or `{id, ok: false, message}`; it says `"ready"` first. Built by trunk as a separate wasm,
//! so the file-format crates load only when an officer first exports.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};
use zipin_core::migrate::load_value;

#[derive(serde::Deserialize)]
struct Request {
    id: f64,
    kind: String,
    document: serde_json::Value,
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    // Setting a property on a plain object cannot fail.
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

fn answer(request: Request) -> js_sys::Object {
    let reply = js_sys::Object::new();
    set(&reply, "id", &JsValue::from_f64(request.id));
    let start = js_sys::Date::now();
    let result = load_value(request.document)
        .map_err(|e| e.to_string())
        .and_then(|doc| {
            let (bytes, name) = match request.kind.as_str() {
                "docx" => (
                    zipin_export::docx(&doc),
                    doc.file_name("整体绩效自评报告", "docx"),
                ),
                "xlsx" => (
                    zipin_export::xlsx(&doc),
                    doc.file_name("绩效自评表", "xlsx"),
                ),
                other => return Err(format!("未知的导出类型“{other}”")),
            };
            bytes.map(|b| (b, name)).map_err(|e| e.to_string())
        });
    match result {
        Ok((bytes, name)) => {
            set(&reply, "ok", &JsValue::TRUE);
            set(&reply, "bytes", &js_sys::Uint8Array::from(bytes.as_slice()));
            set(&reply, "filename", &JsValue::from_str(&name));
            set(
                &reply,
                "ms",
                &JsValue::from_f64(js_sys::Date::now() - start),
            );
        }
        Err(message) => {
            set(&reply, "ok", &JsValue::FALSE);
            set(&reply, "message", &JsValue::from_str(&message));
        }
    }
    reply
}

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let text = event.data().as_string().unwrap_or_default();
        let reply = match serde_json::from_str::<Request>(&text) {
            Ok(request) => answer(request),
            Err(e) => {
                let reply = js_sys::Object::new();
                set(&reply, "ok", &JsValue::FALSE);
                set(
                    &reply,
                    "message",
                    &JsValue::from_str(&format!("导出请求无法读取：{e}")),
                );
                reply
            }
        };
        let _ = reply_to.post_message(&reply);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Messages that arrive while the wasm is still loading find no handler and are lost: the page waits for this.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
