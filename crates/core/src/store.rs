//! The stored form of documents in the browser (a versioned envelope per document), kept pure so that what
//! counts as readable, newer or corrupt is decided — and tested — here, not in the storage adapter.
//!
//! Each document lives under its own key `zipin.v1.doc.<id>`; there is no separate index that could go bad.
//! Data that cannot be read is never overwritten: the app lists it for export and writes elsewhere.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::document::{Document, SCHEMA};
use crate::migrate::{load_value, LoadError};

pub const STORE_FORMAT: &str = "zipin.store";
pub const STORE_VERSION: u32 = 1;
pub const DOC_KEY_PREFIX: &str = "zipin.v1.doc.";
/// The id of the document open last, so a reload opens it again.
pub const CURRENT_KEY: &str = "zipin.v1.current";

/// The storage keys of one copy of the app. Every site of one owner on GitHub Pages shares the origin
/// `<owner>.github.io`, and so one localStorage: the keys carry the page's directory, so two apps (or two copies
/// of this one) never read each other's documents. A page at the root keeps the keys earlier versions wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    doc_prefix: String,
    current: String,
}

impl Keys {
    /// The keys of the page at `path` (`location.pathname`): `/repo/` and `/repo/index.html` share them.
    pub fn for_path(path: &str) -> Keys {
        let directory = match path.rsplit_once('/') {
            Some((directory, _)) if !directory.is_empty() => format!("{directory}/"),
            _ => "/".to_string(),
        };
        if directory == "/" {
            return Keys::legacy();
        }
        Keys {
            doc_prefix: format!("zipin@{directory}.v1.doc."),
            current: format!("zipin@{directory}.v1.current"),
        }
    }

    /// The keys written before they carried the page's path (and still used at the root).
    pub fn legacy() -> Keys {
        Keys {
            doc_prefix: DOC_KEY_PREFIX.to_string(),
            current: CURRENT_KEY.to_string(),
        }
    }

    pub fn is_legacy(&self) -> bool {
        self.doc_prefix == DOC_KEY_PREFIX
    }

    /// The key of a document.
    pub fn doc(&self, id: &str) -> String {
        format!("{}{id}", self.doc_prefix)
    }

    /// The document id of a storage key, if the key is one of these.
    pub fn id_of<'a>(&self, key: &'a str) -> Option<&'a str> {
        key.strip_prefix(self.doc_prefix.as_str())
            .filter(|id| !id.is_empty())
    }

    /// The key remembering the document open last.
    pub fn current(&self) -> &str {
        &self.current
    }
}

pub fn doc_key(id: &str) -> String {
    Keys::legacy().doc(id)
}

/// The document id of a legacy storage key, if the key is one of ours.
pub fn id_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(DOC_KEY_PREFIX).filter(|id| !id.is_empty())
}

/// What is written under a document key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub format: String,
    pub version: u32,
    /// The officer's name for the document; empty means "unit name + year".
    #[serde(default)]
    pub title: String,
    /// Milliseconds since the epoch of the last save.
    #[serde(default)]
    pub saved_at: f64,
    /// Which tab wrote it, so a tab can tell its own writes from another tab's.
    #[serde(default)]
    pub writer: String,
    pub document: Value,
}

/// A stored document as the app holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDocument {
    pub id: String,
    pub title: String,
    pub saved_at: f64,
    pub writer: String,
    pub document: Document,
    /// Written by a newer version of the app: shown, never written back.
    pub read_only: bool,
    /// Opened from a share link and not saved: shown read-only, never written until the officer saves it.
    pub transient: bool,
}

impl StoredDocument {
    /// The name shown in the document list.
    pub fn label(&self) -> String {
        if !self.title.trim().is_empty() {
            return self.title.clone();
        }
        let year = self
            .document
            .unit
            .year
            .map(|y| format!(" · {y}年度"))
            .unwrap_or_default();
        format!("{}{year}", self.document.unit_label())
    }
}

/// The outcome of reading one stored value.
#[derive(Debug, Clone, PartialEq)]
pub enum Decoded {
    Ok(Box<StoredDocument>),
    /// Not readable: kept as it is and offered for export.
    Unreadable {
        id: String,
        raw: String,
        reason: String,
    },
}

pub fn encode(stored: &StoredDocument) -> String {
    let envelope = Envelope {
        format: STORE_FORMAT.to_string(),
        version: STORE_VERSION,
        title: stored.title.clone(),
        saved_at: stored.saved_at,
        writer: stored.writer.clone(),
        document: serde_json::to_value(&stored.document).unwrap_or(Value::Null),
    };
    serde_json::to_string(&envelope).unwrap_or_default()
}

pub fn decode(id: &str, raw: &str) -> Decoded {
    let unreadable = |reason: String| Decoded::Unreadable {
        id: id.to_string(),
        raw: raw.to_string(),
        reason,
    };
    let envelope: Envelope = match serde_json::from_str(raw) {
        Ok(e) => e,
        Err(e) => {
            return unreadable(format!(
                "不是有效的存储数据（第 {} 行第 {} 列附近），可能被其他程序改写或已损坏",
                e.line(),
                e.column()
            ))
        }
    };
    if envelope.format != STORE_FORMAT {
        let format: String = envelope.format.chars().take(40).collect();
        return unreadable(format!("未知的存储格式“{format}”"));
    }
    if envelope.version > STORE_VERSION {
        return unreadable(format!(
            "存储格式版本 {} 高于本程序支持的 {STORE_VERSION}",
            envelope.version
        ));
    }
    let stored = |document: Document, read_only: bool| {
        Decoded::Ok(Box::new(StoredDocument {
            id: id.to_string(),
            title: envelope.title.clone(),
            saved_at: envelope.saved_at,
            writer: envelope.writer.clone(),
            document,
            read_only,
            transient: false,
        }))
    };
    match load_value(envelope.document.clone()) {
        Ok(document) => stored(document, false),
        Err(LoadError::NewerSchema(_)) => {
            // Read what this version understands; the document stays read-only so nothing newer is lost.
            let mut value = envelope.document.clone();
            if let Some(obj) = value.as_object_mut() {
                obj.insert("schema".to_string(), Value::from(SCHEMA));
            }
            match load_value(value) {
                Ok(document) => stored(document, true),
                Err(e) => unreadable(e.to_string()),
            }
        }
        Err(e) => unreadable(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;

    fn stored() -> StoredDocument {
        StoredDocument {
            id: "a1".into(),
            title: String::new(),
            saved_at: 1.0,
            writer: "tab".into(),
            document: samples::seed(),
            read_only: false,
            transient: false,
        }
    }

    #[test]
    fn round_trip() {
        let s = stored();
        assert_eq!(decode("a1", &encode(&s)), Decoded::Ok(Box::new(s)));
    }

    #[test]
    fn labels() {
        let mut s = stored();
        assert_eq!(s.label(), "广东省科技监测中心 · 2024年度");
        s.title = "2024 自评（送审稿）".into();
        assert_eq!(s.label(), "2024 自评（送审稿）");
    }

    #[test]
    fn corrupt_and_foreign_data_is_unreadable_not_lost() {
        for raw in [
            "{not json",
            "{\"format\":\"other\",\"version\":1,\"document\":{}}",
            "{\"format\":\"zipin.store\",\"version\":9,\"document\":{}}",
        ] {
            match decode("x", raw) {
                Decoded::Unreadable { raw: kept, .. } => assert_eq!(kept, raw),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_newer_schema_opens_read_only() {
        let mut value: Value = serde_json::from_str(&encode(&stored())).unwrap();
        value["document"]["schema"] = Value::from(SCHEMA + 1);
        value["document"]["a_field_from_the_future"] = Value::from(true);
        match decode("a1", &value.to_string()) {
            Decoded::Ok(s) => {
                assert!(s.read_only);
                assert_eq!(s.document.unit.name, "广东省科技监测中心");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn file_names_are_safe() {
        let mut doc = samples::seed();
        assert_eq!(
            doc.file_name("整体绩效自评报告", "docx"),
            "广东省科技监测中心2024年度整体绩效自评报告.docx"
        );
        doc.unit.name = "甲/乙:丙*单位?".into();
        assert_eq!(
            doc.file_name("绩效自评数据", "json"),
            "甲乙丙单位2024年度绩效自评数据.json"
        );
    }

    #[test]
    fn keys_carry_the_page_directory_so_two_apps_of_one_origin_stay_apart() {
        let a = Keys::for_path("/zipin/");
        assert_eq!(a, Keys::for_path("/zipin/index.html"));
        assert_eq!(a.doc("x1"), "zipin@/zipin/.v1.doc.x1");
        assert_eq!(a.current(), "zipin@/zipin/.v1.current");
        let b = Keys::for_path("/other-app/");
        assert_eq!(a.id_of(&a.doc("x1")), Some("x1"));
        assert_eq!(b.id_of(&a.doc("x1")), None, "another app's key is not ours");
        assert_eq!(a.id_of(&Keys::legacy().doc("x1")), None);
        assert_eq!(Keys::legacy().id_of(&a.doc("x1")), None);
        for root in ["/", "", "/index.html"] {
            assert!(Keys::for_path(root).is_legacy(), "{root}");
        }
        assert!(!a.is_legacy());
    }

    #[test]
    fn keys() {
        assert_eq!(doc_key("abc"), "zipin.v1.doc.abc");
        assert_eq!(id_of_key("zipin.v1.doc.abc"), Some("abc"));
        assert_eq!(id_of_key("zipin.v1.doc."), None);
        assert_eq!(id_of_key("other"), None);
    }
}
