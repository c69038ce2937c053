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
    decode, decode_framework, encode, encode_framework, Decoded, DecodedFramework, Keys,
    StoredFramework,
};

use crate::error::{js_error_text, AppError};
use crate::state::{
    pending_writes, External, FrameworkExternal, Loaded, SaveReport, Shelf, ShelfItem, State,
    Unreadable, Write,
};

fn storage() -> Result<Storage, AppError> {
    let window = web_sys::window().ok_or(AppError::NoStorage)?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(AppError::NoStorage),
        Err(e) => Err(AppError::StorageForbidden(js_error_text(&e))),
    }
}

/// This page's keys: they carry its directory, so two apps on one origin never share documents.
fn keys() -> Keys {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    Keys::for_path(&path)
}

/// Reads every stored document. Nothing is written here.
///
/// Documents an earlier version stored before keys carried the page's path are read too, and moved under this
/// page's keys by the next save (the first page of the origin that opens takes them).
pub fn load() -> Loaded {
    let mut loaded = Loaded {
        docs: Vec::new(),
        current_id: None,
        unreadable: Vec::new(),
        unavailable: None,
        to_move: Vec::new(),
    };
    let storage = match storage() {
        Ok(s) => s,
        Err(error) => {
            loaded.unavailable = Some(error);
            return loaded;
        }
    };
    let keys = keys();
    let legacy = Keys::legacy();
    let count = storage.length().unwrap_or(0);
    let stored: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect();
    let ours = stored
        .iter()
        .filter_map(|key| Some((key, keys.id_of(key)?, false)));
    let earlier = stored
        .iter()
        .filter(|_| !keys.is_legacy())
        .filter_map(|key| Some((key, legacy.id_of(key)?, true)));
    for (key, id, moved) in ours.chain(earlier) {
        let Ok(Some(raw)) = storage.get_item(key) else {
            continue;
        };
        match decode(id, &raw) {
            Decoded::Ok(stored) => {
                // Under both keys (a tab of an earlier version went on writing after the move): the newer copy.
                // Either way the earlier key is removed by the next save.
                if let Some(kept) = loaded.docs.iter_mut().find(|d| d.id == id) {
                    if moved && stored.saved_at > kept.saved_at {
                        *kept = *stored;
                    }
                    if moved {
                        loaded.to_move.push(id.to_string());
                    }
                    continue;
                }
                if moved {
                    loaded.to_move.push(stored.id.clone());
                }
                loaded.docs.push(*stored);
            }
            Decoded::Unreadable { raw, reason, .. } => loaded.unreadable.push(Unreadable {
                key: key.clone(),
                raw,
                reason,
            }),
        }
    }
    loaded.current_id = storage
        .get_item(keys.current())
        .ok()
        .flatten()
        .or_else(|| storage.get_item(legacy.current()).ok().flatten());
    loaded
}

/// Saves the state now: performs its pending writes, every one of them, and reports what failed.
pub fn save(state: &State) -> Result<SaveReport, AppError> {
    let storage = storage()?;
    let at = js_sys::Date::now();
    let keys = keys();
    let mut report = SaveReport {
        revision: state.revision,
        at,
        written: Vec::new(),
        failures: Vec::new(),
    };
    for write in pending_writes(state, at) {
        match perform(&storage, &keys, &write) {
            Ok(()) => {
                if let Write::Document(doc) = &write {
                    report.written.push(doc.id.clone());
                }
            }
            Err(error) => report.failures.push((write, error)),
        }
    }
    Ok(report)
}

fn perform(storage: &Storage, keys: &Keys, write: &Write) -> Result<(), AppError> {
    // A document an earlier version stored under the keys without a path moves under this page's keys.
    let forget_earlier = |id: &str| {
        if keys.is_legacy() {
            return Ok(());
        }
        storage
            .remove_item(&Keys::legacy().doc(id))
            .map_err(|e| AppError::RemoveRefused(js_error_text(&e)))
    };
    match write {
        Write::Document(doc) => {
            storage
                .set_item(&keys.doc(&doc.id), &encode(doc))
                .map_err(|e| AppError::from_write(&e))?;
            forget_earlier(&doc.id)
        }
        Write::Remove(id) => {
            storage
                .remove_item(&keys.doc(id))
                .map_err(|e| AppError::RemoveRefused(js_error_text(&e)))?;
            forget_earlier(id)
        }
        Write::Current(id) => storage
            .set_item(keys.current(), id)
            .map_err(|e| AppError::from_write(&e)),
    }
}

/// Calls `on_write(key, new value)` for each key another tab writes (`None`: removed).
fn on_other_tabs_write(
    on_write: impl Fn(String, Option<String>) + 'static,
) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "storage", move |event| {
        if let Some(event) = event.dyn_ref::<StorageEvent>() {
            if let Some(key) = event.key() {
                on_write(key, event.new_value());
            }
        }
    }))
}

/// Listens for other tabs changing our documents (saved, saved in a form this version cannot read, deleted).
pub fn watch_other_tabs(tab: String, on_change: Callback<External>) -> Option<EventListener> {
    let keys = keys();
    on_other_tabs_write(move |key, new_value| {
        let earlier = !keys.is_legacy() && keys.id_of(&key).is_none();
        let Some(id) = keys.id_of(&key).or_else(|| Keys::legacy().id_of(&key)) else {
            return;
        };
        let change = match new_value {
            // A document moved from the keys of an earlier version to this page's keys is not a deletion.
            None if local_storage_has(&keys.doc(id)) => return,
            None => External::Removed(id.to_string()),
            Some(raw) => match decode(id, &raw) {
                Decoded::Ok(stored) if stored.writer == tab => return,
                Decoded::Ok(stored) if earlier => External::SavedUnderEarlierKey(stored),
                Decoded::Ok(stored) => External::Saved(stored),
                Decoded::Unreadable { reason, .. } => External::Unreadable {
                    id: id.to_string(),
                    reason,
                },
            },
        };
        on_change.emit(change);
    })
}

/// Listens for other tabs changing the framework library.
pub fn watch_other_frameworks(on_change: Callback<FrameworkExternal>) -> Option<EventListener> {
    let keys = keys();
    on_other_tabs_write(move |key, new_value| {
        let Some(id) = keys.framework_id_of(&key) else {
            return;
        };
        let change =
            match new_value {
                None => FrameworkExternal::Removed(id.to_string()),
                Some(raw) => match decode_framework(id, &raw) {
                    DecodedFramework::Ok { stored, .. } => FrameworkExternal::Saved(
                        ShelfItem::new(stored.id, stored.framework, stored.saved_at),
                    ),
                    DecodedFramework::Unreadable(reason) => FrameworkExternal::Unreadable {
                        id: id.to_string(),
                        key: key.clone(),
                        reason,
                    },
                    DecodedFramework::Newer => FrameworkExternal::Unreadable {
                        id: id.to_string(),
                        key: key.clone(),
                        reason: "由较新版本的程序保存，请更新程序后打开".to_string(),
                    },
                },
            };
        on_change.emit(change);
    })
}

fn local_storage_has(key: &str) -> bool {
    storage().is_ok_and(|s| s.get_item(key).ok().flatten().is_some())
}

/// A random id for this tab, so its writes can be told from another tab's.
pub fn new_tab_id() -> String {
    format!(
        "{:08x}",
        (js_sys::Math::random() * f64::from(u32::MAX)) as u32
    )
}

/// Reads the framework library, and what of it could not be read (key, why). Nothing is written here.
pub fn load_frameworks() -> Shelf {
    let Ok(storage) = storage() else {
        // The documents' banner already says storage cannot be used.
        return Shelf::default();
    };
    let keys = keys();
    let count = storage.length().unwrap_or(0);
    let mut items = Vec::new();
    let mut unreadable = Vec::new();
    for key in (0..count).filter_map(|i| storage.key(i).ok().flatten()) {
        let Some(id) = keys.framework_id_of(&key) else {
            continue;
        };
        let Ok(Some(raw)) = storage.get_item(&key) else {
            continue;
        };
        match decode_framework(id, &raw) {
            DecodedFramework::Ok { stored, .. } => {
                items.push(ShelfItem::new(stored.id, stored.framework, stored.saved_at))
            }
            DecodedFramework::Unreadable(reason) => unreadable.push((key, reason)),
            DecodedFramework::Newer => {
                unreadable.push((key, "由较新版本的程序保存，请更新程序后打开".to_string()))
            }
        }
    }
    Shelf::from_loaded(items, unreadable)
}

/// Writes the library's changes: every changed framework, every removal. The first failure is the message.
pub fn save_frameworks(shelf: &Shelf) -> Option<String> {
    let storage = match storage() {
        Ok(storage) => storage,
        Err(error) => return Some(error.to_string()),
    };
    let keys = keys();
    let mut failure = None;
    for id in &shelf.removed {
        let key = keys.framework(id);
        // A newer version's record under the same key is not this tab's to delete.
        let theirs =
            storage.get_item(&key).ok().flatten().is_some_and(|raw| {
                !matches!(decode_framework(id, &raw), DecodedFramework::Ok { .. })
            });
        if theirs {
            continue;
        }
        if let Err(e) = storage.remove_item(&key) {
            failure.get_or_insert(AppError::RemoveRefused(js_error_text(&e)).to_string());
        }
    }
    for item in shelf.items.iter().filter(|i| shelf.dirty.contains(&i.id)) {
        let key = keys.framework(&item.id);
        // What a newer version or another program wrote there is left as it is.
        if let Ok(Some(raw)) = storage.get_item(&key) {
            if !matches!(
                decode_framework(&item.id, &raw),
                DecodedFramework::Ok { .. }
            ) {
                failure.get_or_insert(format!(
                    "评分框架“{}”：本机已存的同名记录由较新版本保存或无法读取，未覆盖；请另存为新框架",
                    item.framework.name
                ));
                continue;
            }
        }
        let stored = StoredFramework {
            id: item.id.clone(),
            framework: (*item.framework).clone(),
            saved_at: item.saved_at.clone(),
        };
        if let Err(e) = storage.set_item(&key, &encode_framework(&stored)) {
            failure.get_or_insert(format!(
                "评分框架“{}”：{}",
                item.framework.name,
                AppError::from_write(&e)
            ));
        }
    }
    failure
}

/// The largest kept batch record written. Browsers keep about 5 million characters per site, shared with the
/// officer's documents (and every page of a github.io owner): a batch must leave them most of it.
const MAX_BATCH_RECORD: usize = 1536 * 1024;

/// The kept 汇总 batch, if there is one.
pub fn load_batch() -> Option<Result<crate::state::Kept, String>> {
    let storage = storage().ok()?;
    let raw = storage.get_item(keys().batch()).ok().flatten()?;
    Some(zipin_core::store::decode_batch(&raw))
}

/// Writes the batch under its key, or removes what is kept when there is no batch to keep. The messages say the
/// officer's documents are not affected: only the batch is.
pub fn store_batch(units: Option<&[zipin_core::summary::Unit]>) -> Option<String> {
    let storage = match storage() {
        Ok(storage) => storage,
        Err(error) => return Some(error.to_string()),
    };
    let keys = keys();
    let Some(units) = units else {
        return storage
            .remove_item(keys.batch())
            .err()
            .map(|e| format!("保留的汇总未能删除：{}", js_error_text(&e)));
    };
    let record = zipin_core::store::encode_batch(units);
    // Browsers keep about 5 million characters per site, the officer's documents included.
    if record.len() > MAX_BATCH_RECORD {
        return Some(format!(
            "此汇总约 {:.1} MB，为给文档留出浏览器的存储空间，超过 1.5 MB 的汇总不保留；可减少单位数后再保留",
            record.len() as f64 / 1_048_576.0
        ));
    }
    storage
        .set_item(keys.batch(), &record)
        .err()
        .map(|e| match AppError::from_write(&e) {
            AppError::QuotaExceeded(_) => {
                "浏览器存储空间不足，汇总未保留（已保存的文档未改动）".to_string()
            }
            _ => format!("汇总未能保留：{}", js_error_text(&e)),
        })
}
