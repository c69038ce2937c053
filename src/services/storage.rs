//! localStorage, the only place documents are kept. Thin: what is readable, newer or corrupt is decided by
//! `zipin_core::store`, what to write by `state::sync::pending_writes`; this file only moves strings and turns
//! every browser error into a value.
//!
//! Rules (learned from tldraw and Excalidraw): read everything before writing anything; never overwrite a value
//! that could not be read; a failed write is reported, never fatal; another tab's write is noticed.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Storage, StorageEvent};
use yew::Callback;
use zipin_core::store::{
    decode, doc_key, encode, id_of_key, Decoded, StoredDocument, CURRENT_KEY, DOC_KEY_PREFIX,
};

use crate::error::{js_error_text, AppError};
use crate::state::{pending_writes, Loaded, State, Unreadable, Write};

fn storage() -> Result<Storage, AppError> {
    let window = web_sys::window().ok_or(AppError::NoStorage)?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(AppError::NoStorage),
        Err(e) => Err(AppError::StorageForbidden(js_error_text(&e))),
    }
}

/// Reads every stored document. Nothing is written here.
pub fn load() -> Loaded {
    let mut loaded = Loaded {
        docs: Vec::new(),
        current_id: None,
        unreadable: Vec::new(),
        unavailable: None,
    };
    let storage = match storage() {
        Ok(s) => s,
        Err(error) => {
            loaded.unavailable = Some(error);
            return loaded;
        }
    };
    let count = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect();
    for key in keys.iter().filter(|k| k.starts_with(DOC_KEY_PREFIX)) {
        let (Some(id), Ok(Some(raw))) = (id_of_key(key), storage.get_item(key)) else {
            continue;
        };
        match decode(id, &raw) {
            Decoded::Ok(stored) => loaded.docs.push(*stored),
            Decoded::Unreadable { raw, reason, .. } => loaded.unreadable.push(Unreadable {
                key: key.clone(),
                raw,
                reason,
            }),
        }
    }
    loaded.current_id = storage.get_item(CURRENT_KEY).ok().flatten();
    loaded
}

/// Saves the state now: performs its pending writes. Returns the time of the save.
pub fn save(state: &State) -> Result<f64, AppError> {
    let now = js_sys::Date::now();
    perform(&pending_writes(state, now))?;
    Ok(now)
}

/// Performs `writes` in order, stopping at the first that fails.
fn perform(writes: &[Write]) -> Result<(), AppError> {
    let storage = storage()?;
    for write in writes {
        match write {
            Write::Document(doc) => storage
                .set_item(&doc_key(&doc.id), &encode(doc))
                .map_err(|e| AppError::from_write(&e))?,
            Write::Remove(id) => storage
                .remove_item(&doc_key(id))
                .map_err(|e| AppError::RemoveRefused(js_error_text(&e)))?,
            Write::Current(id) => storage
                .set_item(CURRENT_KEY, id)
                .map_err(|e| AppError::from_write(&e))?,
        }
    }
    Ok(())
}

/// Listens for other tabs saving our documents; `on_change` gets the decoded document.
pub fn watch_other_tabs(tab: String, on_change: Callback<StoredDocument>) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "storage", move |event| {
        let Some(event) = event.dyn_ref::<StorageEvent>() else {
            return;
        };
        let (Some(key), Some(raw)) = (event.key(), event.new_value()) else {
            return;
        };
        let Some(id) = id_of_key(&key) else { return };
        if let Decoded::Ok(stored) = decode(id, &raw) {
            if stored.writer != tab {
                on_change.emit(*stored);
            }
        }
    }))
}

/// A random id for this tab, so its writes can be told from another tab's.
pub fn new_tab_id() -> String {
    format!(
        "{:08x}",
        (js_sys::Math::random() * f64::from(u32::MAX)) as u32
    )
}
