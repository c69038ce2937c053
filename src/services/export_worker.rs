//! The page's side of the export worker: started on the first export, then kept. Requests carry an id so replies
//! find their callers; a worker that cannot start (offline before it was cached) fails them with a message.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};
use yew::Callback;
use zipin_core::Document;

use crate::error::{js_error_text, AppError};
use crate::export_protocol::{from_message, to_message, OfficeFile, Reply, Request};

/// The `<meta name>` through which the page names its own build's worker loader (written by
/// scripts/worker_files.py: the worker's files are named by a hash of their content, so a page never starts another
/// build's worker).
const WORKER_META: &str = "zipin-export-worker";

/// An office file written by the worker.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub bytes: Vec<u8>,
    pub filename: String,
    /// Time spent writing the file inside the worker.
    pub ms: f64,
}

type Done = Callback<Result<Exported, AppError>>;
type Pending = Rc<RefCell<HashMap<u32, Done>>>;

struct ExportWorker {
    worker: Worker,
    pending: Pending,
    /// Requests made before the worker said it is ready (its wasm still loading), sent when it does.
    queue: Rc<RefCell<Option<Vec<JsValue>>>>,
    next_id: u32,
    /// Set when the worker failed (its files did not load, it stopped): the next export starts a new one, so an
    /// officer who comes back online can retry, as the message says.
    failed: Rc<Cell<bool>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static WORKER: RefCell<Option<ExportWorker>> = const { RefCell::new(None) };
}

/// Where the worker comes from: the single-file offline page provides a blob URL (a file:// page cannot start a
/// worker from a file); the hosted page starts the loader its own `<meta name="zipin-export-worker">` names,
/// relative to the page.
fn worker_url() -> Result<String, AppError> {
    let window = gloo::utils::window();
    let provided = js_sys::Reflect::get(&window, &JsValue::from_str("zipinExportWorkerUrl"))
        .ok()
        .and_then(|v| v.as_string());
    if let Some(url) = provided {
        return Ok(url);
    }
    let document = gloo::utils::document();
    let script = document
        .query_selector(&format!("meta[name='{WORKER_META}']"))
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .filter(|name| !name.is_empty())
        .ok_or_else(|| AppError::WorkerStart(format!("页面缺少 {WORKER_META} 信息")))?;
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    web_sys::Url::new_with_base(&script, &base)
        .map(|u| u.href())
        .map_err(|e| AppError::WorkerStart(js_error_text(&e)))
}

/// Fails every waiting request with `error`.
fn fail_all(pending: &Pending, error: &AppError) {
    let waiting: Vec<_> = pending.borrow_mut().drain().map(|(_, done)| done).collect();
    for done in waiting {
        done.emit(Err(error.clone()));
    }
}

fn start() -> Result<ExportWorker, AppError> {
    let worker =
        Worker::new(&worker_url()?).map_err(|e| AppError::WorkerStart(js_error_text(&e)))?;
    let pending: Pending = Rc::new(RefCell::new(HashMap::new()));
    let queue: Rc<RefCell<Option<Vec<JsValue>>>> = Rc::new(RefCell::new(Some(Vec::new())));
    let on_message = {
        let pending = pending.clone();
        let queue = queue.clone();
        let sender = worker.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let (id, result) = match from_message::<Reply>(event.data()) {
                Ok(Reply::Ready) => {
                    for request in queue.borrow_mut().take().unwrap_or_default() {
                        let _ = sender.post_message(&request);
                    }
                    return;
                }
                Ok(Reply::Exported {
                    id,
                    filename,
                    bytes,
                    ms,
                }) => (
                    id,
                    Ok(Exported {
                        bytes,
                        filename,
                        ms,
                    }),
                ),
                Ok(Reply::Failed {
                    id: Some(id),
                    message,
                }) => (id, Err(AppError::Export(message))),
                // Without an id, or unreadable: no caller can be told apart, so none is left waiting.
                Ok(Reply::Failed { id: None, message }) => {
                    return fail_all(&pending, &AppError::Export(message))
                }
                Err(e) => return fail_all(&pending, &AppError::WorkerReply(e)),
            };
            let done = pending.borrow_mut().remove(&id);
            if let Some(done) = done {
                done.emit(result);
            }
        })
    };
    let failed = Rc::new(Cell::new(false));
    let on_error = {
        let (pending, failed) = (pending.clone(), failed.clone());
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_event: web_sys::Event| {
            failed.set(true);
            fail_all(&pending, &AppError::WorkerLost)
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(ExportWorker {
        worker,
        pending,
        queue,
        next_id: 1,
        failed,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Writes `doc` as `kind` in the worker; `done` gets the file or the error.
pub fn export(kind: OfficeFile, doc: &Document, done: Done) {
    // Compact JSON: the worker reads it through the gate, as it would a document file.
    let document = match serde_json::to_string(doc) {
        Ok(json) => json,
        Err(e) => return done.emit(Err(AppError::WorkerSend(e.to_string()))),
    };
    send(move |id| Request::Export { id, kind, document }, done);
}

/// Writes the 汇总表 of `units` in the worker.
pub fn export_summary(units: &[zipin_core::summary::Unit], done: Done) {
    let mut sent = Vec::with_capacity(units.len());
    for unit in units {
        match serde_json::to_string(&unit.document) {
            Ok(json) => sent.push((unit.source.clone(), json)),
            Err(e) => return done.emit(Err(AppError::WorkerSend(e.to_string()))),
        }
    }
    send(move |id| Request::Summary { id, units: sent }, done);
}

/// Sends the request `make(id)` to the worker (started if need be), and `done` gets its answer.
fn send(make: impl FnOnce(u32) -> Request, done: Done) {
    WORKER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if let Some(dead) = slot.take_if(|w| w.failed.get()) {
            dead.worker.terminate();
        }
        if slot.is_none() {
            match start() {
                Ok(worker) => *slot = Some(worker),
                Err(error) => {
                    done.emit(Err(error));
                    return;
                }
            }
        }
        let Some(worker) = slot.as_mut() else { return };
        let id = worker.next_id;
        worker.next_id = id.wrapping_add(1);
        let request = match to_message(&make(id)) {
            Ok(request) => request,
            Err(e) => return done.emit(Err(AppError::WorkerSend(e))),
        };
        worker.pending.borrow_mut().insert(id, done.clone());
        if let Some(queue) = worker.queue.borrow_mut().as_mut() {
            queue.push(request);
            return;
        }
        if let Err(e) = worker.worker.post_message(&request) {
            worker.pending.borrow_mut().remove(&id);
            done.emit(Err(AppError::WorkerSend(js_error_text(&e))));
        }
    });
}
