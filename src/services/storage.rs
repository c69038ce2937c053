//! localStorage, the only place anything is kept. Thin: it reads every record as text at start-up, performs the
//! plans the state makes (`state::perform` over this backend: compare, then write), and passes on another tab's
//! writes as text. What a record is, is read by the core's one way in, in the state; every browser error becomes
//! a value.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Storage, StorageEvent as WebStorageEvent};
use yew::Callback;
use zipin_core::store::Keys;

use crate::error::{js_error_text, AppError};
use crate::state::{Backend, Record, StorageEvent, StoredRecords};

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

/// localStorage under this page's keys.
pub struct WebStorage {
    storage: Storage,
    keys: Keys,
}

impl WebStorage {
    pub fn open() -> Result<WebStorage, AppError> {
        Ok(WebStorage {
            storage: storage()?,
            keys: keys(),
        })
    }

    fn key(&self, record: &Record) -> String {
        match record {
            Record::Document(id) => self.keys.doc(id),
            Record::Current => self.keys.current().to_string(),
            Record::Framework(id) => self.keys.framework(id),
            Record::Batch => self.keys.batch().to_string(),
        }
    }

    /// A document an earlier version stored under the keys without a path moves under this page's keys: the
    /// earlier copy goes once this page's is written. Should removing it fail, the write still happened (and is
    /// reported as done, or the next save would take this tab's own write for another tab's); it is removed with
    /// the next save of that document.
    fn forget_earlier(&self, record: &Record) {
        if let Record::Document(id) = record {
            if !self.keys.is_legacy() {
                let _ = self.storage.remove_item(&Keys::legacy().doc(id));
            }
        }
    }
}

impl Backend for WebStorage {
    fn get(&self, record: &Record) -> Result<Option<String>, AppError> {
        self.storage
            .get_item(&self.key(record))
            .map_err(|e| AppError::StorageForbidden(js_error_text(&e)))
    }

    fn put(&mut self, record: &Record, text: &str) -> Result<(), AppError> {
        self.storage
            .set_item(&self.key(record), text)
            .map_err(|e| AppError::from_write(&e))?;
        self.forget_earlier(record);
        Ok(())
    }

    fn remove(&mut self, record: &Record) -> Result<(), AppError> {
        self.storage
            .remove_item(&self.key(record))
            .map_err(|e| AppError::RemoveRefused(js_error_text(&e)))?;
        self.forget_earlier(record);
        Ok(())
    }
}

/// What a key holds, for this page: a record, and whether it is under an earlier version's key.
fn record_of(keys: &Keys, key: &str) -> Option<(Record, bool)> {
    if let Some(id) = keys.id_of(key) {
        return Some((Record::Document(id.to_string()), false));
    }
    if let Some(id) = keys.framework_id_of(key) {
        return Some((Record::Framework(id.to_string()), false));
    }
    if key == keys.batch() {
        return Some((Record::Batch, false));
    }
    if !keys.is_legacy() {
        if let Some(id) = Keys::legacy().id_of(key) {
            return Some((Record::Document(id.to_string()), true));
        }
    }
    None
}

/// Reads every record of this page as text. Nothing is written here.
///
/// Documents an earlier version stored before keys carried the page's path are read too, and moved under this
/// page's keys by the next save (the first page of the origin that opens takes them).
pub fn read_all() -> StoredRecords {
    let storage = match storage() {
        Ok(storage) => storage,
        Err(error) => {
            return StoredRecords {
                unavailable: Some(error),
                ..StoredRecords::default()
            }
        }
    };
    let keys = keys();
    let count = storage.length().unwrap_or(0);
    let mut records: Vec<crate::state::StoredRecord> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|key| {
            let (record, earlier_key) = record_of(&keys, &key)?;
            let raw = storage.get_item(&key).ok().flatten()?;
            Some(crate::state::StoredRecord {
                record,
                key,
                earlier_key,
                raw,
            })
        })
        .collect();
    // This page's keys first, so a copy under an earlier key is weighed against them.
    records.sort_by_key(|r| r.earlier_key);
    let current_id = storage
        .get_item(keys.current())
        .ok()
        .flatten()
        .or_else(|| storage.get_item(Keys::legacy().current()).ok().flatten());
    StoredRecords {
        records,
        current_id,
        unavailable: None,
    }
}

/// Passes on every write another tab makes to a record of this page (`None`: removed).
pub fn watch_other_tabs(on_change: Callback<StorageEvent>) -> Option<EventListener> {
    let window = web_sys::window()?;
    let keys = keys();
    Some(EventListener::new(&window, "storage", move |event| {
        let Some(event) = event.dyn_ref::<WebStorageEvent>() else {
            return;
        };
        // `localStorage.clear()` in another page of the origin: no key, everything gone.
        let Some(key) = event.key() else {
            on_change.emit(StorageEvent::Cleared);
            return;
        };
        let Some((record, earlier_key)) = record_of(&keys, &key) else {
            return;
        };
        let value = event.new_value();
        // A document moved from the keys of an earlier version to this page's keys is not a deletion.
        if earlier_key && value.is_none() {
            return;
        }
        on_change.emit(StorageEvent::Changed {
            record,
            value,
            earlier_key,
        });
    }))
}

/// A random id for this tab, so its writes can be told from another tab's.
pub fn new_tab_id() -> String {
    format!(
        "{:08x}",
        (js_sys::Math::random() * f64::from(u32::MAX)) as u32
    )
}
