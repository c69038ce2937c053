//! The page's side of the export worker: started on the first export, then kept. Requests carry an id so
//! answers find their callers; a worker that cannot start (offline before it was cached) fails them with a message.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};
use yew::Callback;
use zipin_core::Document;

/// The trunk-built loader of the worker, relative to the page.
const WORKER_SCRIPT: &str = "zipin-export-worker_loader.js";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Docx,
    Xlsx,
}

impl ExportKind {
    fn tag(self) -> &'static str {
        match self {
            ExportKind::Docx => "docx",
            ExportKind::Xlsx => "xlsx",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ExportKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            ExportKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub bytes: Vec<u8>,
    pub filename: String,
    /// Time spent writing the file inside the worker.
    pub ms: f64,
}

type Pending = Rc<RefCell<HashMap<u32, Callback<Result<Exported, String>>>>>;

struct ExportWorker {
    worker: Worker,
    pending: Pending,
    /// Requests made before the worker said "ready" (its wasm still loading), sent when it does.
    queue: Rc<RefCell<Option<Vec<String>>>>,
    next_id: u32,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static WORKER: RefCell<Option<ExportWorker>> = const { RefCell::new(None) };
}

fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Where the worker comes from: the single-file offline page provides a blob URL (a file:// page cannot start a
/// worker from a file); the hosted page uses the trunk-built loader beside it.
fn worker_url() -> String {
    let window = gloo::utils::window();
    let provided = js_sys::Reflect::get(&window, &JsValue::from_str("zipinExportWorkerUrl"))
        .ok()
        .and_then(|v| v.as_string());
    if let Some(url) = provided {
        return url;
    }
    let base = gloo::utils::document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_default();
    web_sys::Url::new_with_base(WORKER_SCRIPT, &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| WORKER_SCRIPT.to_string())
}

fn start() -> Result<ExportWorker, String> {
    let url = worker_url();
    let worker = Worker::new(&url)
        .map_err(|e| format!("无法启动导出模块：{}", crate::storage::js_error_text(&e)))?;
    let pending: Pending = Rc::new(RefCell::new(HashMap::new()));
    let queue: Rc<RefCell<Option<Vec<String>>>> = Rc::new(RefCell::new(Some(Vec::new())));
    let on_message = {
        let pending = pending.clone();
        let queue = queue.clone();
        let sender = worker.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            if data.as_string().as_deref() == Some("ready") {
                for request in queue.borrow_mut().take().unwrap_or_default() {
                    let _ = sender.post_message(&JsValue::from_str(&request));
                }
                return;
            }
            let id = get(&data, "id").as_f64().unwrap_or(-1.0) as u32;
            let Some(done) = pending.borrow_mut().remove(&id) else {
                return;
            };
            if get(&data, "ok").as_bool() == Some(true) {
                let bytes = get(&data, "bytes")
                    .dyn_into::<js_sys::Uint8Array>()
                    .map(|a| a.to_vec())
                    .unwrap_or_default();
                done.emit(Ok(Exported {
                    bytes,
                    filename: get(&data, "filename")
                        .as_string()
                        .unwrap_or_else(|| "导出文件".to_string()),
                    ms: get(&data, "ms").as_f64().unwrap_or_default(),
                }));
            } else {
                done.emit(Err(get(&data, "message")
                    .as_string()
                    .unwrap_or_else(|| "导出失败".to_string())));
            }
        })
    };
    let on_error = {
        let pending = pending.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_event: web_sys::Event| {
            let waiting: Vec<_> = pending.borrow_mut().drain().map(|(_, done)| done).collect();
            for done in waiting {
                done.emit(Err(
                    "导出模块加载失败。如处于离线状态，请联网后重试一次（之后离线也可导出）。"
                        .to_string(),
                ));
            }
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(ExportWorker {
        worker,
        pending,
        queue,
        next_id: 1,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Writes `doc` as `kind` in the worker; `done` gets the file or a message.
pub fn export(kind: ExportKind, doc: &Document, done: Callback<Result<Exported, String>>) {
    let request = serde_json::json!({ "kind": kind.tag(), "document": doc });
    WORKER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            match start() {
                Ok(worker) => *slot = Some(worker),
                Err(message) => {
                    done.emit(Err(message));
                    return;
                }
            }
        }
        let Some(worker) = slot.as_mut() else { return };
        let id = worker.next_id;
        worker.next_id += 1;
        let mut request = request;
        request["id"] = serde_json::Value::from(id);
        worker.pending.borrow_mut().insert(id, done.clone());
        if let Some(queue) = worker.queue.borrow_mut().as_mut() {
            queue.push(request.to_string());
            return;
        }
        if let Err(e) = worker
            .worker
            .post_message(&JsValue::from_str(&request.to_string()))
        {
            worker.pending.borrow_mut().remove(&id);
            done.emit(Err(format!(
                "无法发送导出请求：{}",
                crate::storage::js_error_text(&e)
            )));
        }
    });
}

/// Whether the page runs inside WeChat's or QQ's own browser, where downloads fail.
pub fn in_app_browser() -> bool {
    let agent = web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default();
    agent.contains("MicroMessenger")
        || agent.contains(" QQ/")
        || agent.contains("MQQBrowser") && agent.contains("QQ/")
}
