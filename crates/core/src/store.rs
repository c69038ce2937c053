//! The stored form of documents in the browser (a versioned envelope per document), kept pure so that what
//! counts as readable, newer or corrupt is decided — and tested — here, not in the storage adapter.
//!
//! Each document lives under its own key `zipin.v1.doc.<id>`, and each framework of the officer's library under
//! `zipin.v1.fw.<id>`; there is no separate index that could go bad. Data that cannot be read is never overwritten:
//! the app lists it for export and writes elsewhere.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::caps;
use crate::document::{Document, SCHEMA};
use crate::framework::{first_problem, read_framework_value, Framework, Located};
use crate::intake::parse_json;
use crate::migrate::{load_value, LoadError};

pub const STORE_FORMAT: &str = "zipin.store";
pub const STORE_VERSION: u32 = 1;
pub const DOC_KEY_PREFIX: &str = "zipin.v1.doc.";
pub const FRAMEWORK_KEY_PREFIX: &str = "zipin.v1.fw.";
/// The format tag of a stored framework's envelope.
pub const STORED_FRAMEWORK_FORMAT: &str = crate::formats::STORED_FRAMEWORK;
pub const STORED_FRAMEWORK_VERSION: u32 = 1;
/// The id of the document open last, so a reload opens it again.
pub const CURRENT_KEY: &str = "zipin.v1.current";
/// The 汇总 batch the officer chose to keep.
pub const BATCH_KEY: &str = "zipin.v1.batch";
pub const BATCH_FORMAT: &str = "zipin.batch";
pub const BATCH_VERSION: u32 = 1;

/// The storage keys of one copy of the app. Every site of one owner on GitHub Pages shares the origin
/// `<owner>.github.io`, and so one localStorage: the keys carry the page's directory, so two apps (or two copies
/// of this one) never read each other's documents. A page at the root keeps the keys earlier versions wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    doc_prefix: String,
    framework_prefix: String,
    current: String,
    batch: String,
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
            framework_prefix: format!("zipin@{directory}.v1.fw."),
            current: format!("zipin@{directory}.v1.current"),
            batch: format!("zipin@{directory}.v1.batch"),
        }
    }

    /// The keys written before they carried the page's path (and still used at the root).
    pub fn legacy() -> Keys {
        Keys {
            doc_prefix: DOC_KEY_PREFIX.to_string(),
            framework_prefix: FRAMEWORK_KEY_PREFIX.to_string(),
            current: CURRENT_KEY.to_string(),
            batch: BATCH_KEY.to_string(),
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

    /// The key of a framework of the library. The prefixes end in `doc.` and `fw.` after the same stem, so no key
    /// is both a document's and a framework's.
    pub fn framework(&self, id: &str) -> String {
        format!("{}{id}", self.framework_prefix)
    }

    /// The framework id of a storage key, if the key is one of these.
    pub fn framework_id_of<'a>(&self, key: &'a str) -> Option<&'a str> {
        key.strip_prefix(self.framework_prefix.as_str())
            .filter(|id| !id.is_empty())
    }

    /// The key of the kept 汇总 batch.
    pub fn batch(&self) -> &str {
        &self.batch
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
}

impl StoredDocument {
    /// About how many KiB the document takes in the browser's storage (rounded up), for the officer choosing what
    /// to export and delete when it is full.
    pub fn stored_kib(&self) -> usize {
        encode(self).len().div_ceil(1024)
    }

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
    match read_document(id, raw) {
        Ok(stored) => Decoded::Ok(Box::new(stored)),
        Err(problem) => Decoded::Unreadable {
            id: id.to_string(),
            raw: raw.to_string(),
            reason: problem.to_string(),
        },
    }
}

/// Why a stored record cannot be read, typed: its envelope, or what it holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RecordProblem {
    /// The envelope itself (not JSON, another format, a newer envelope version, a missing field…).
    Envelope(String),
    /// The document inside, as a document file would be refused.
    Document(LoadError),
    /// The framework inside, as a framework file would be refused.
    Framework(Vec<crate::framework::FileProblem>),
    /// A framework record written by a newer version: left as it is.
    Newer,
}

impl std::fmt::Display for RecordProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordProblem::Envelope(message) => f.write_str(message),
            RecordProblem::Document(e) => write!(f, "{e}"),
            RecordProblem::Framework(problems) => f.write_str(&first_problem(problems)),
            RecordProblem::Newer => f.write_str("由较新版本的程序保存"),
        }
    }
}

/// [`decode`], typed: the stored document, or why it cannot be read.
pub(crate) fn read_document(id: &str, raw: &str) -> Result<StoredDocument, RecordProblem> {
    let envelope_problem = |m: String| RecordProblem::Envelope(m);
    let envelope: Envelope = serde_json::from_str(raw).map_err(|e| {
        envelope_problem(format!(
            "不是有效的存储数据（第 {} 行第 {} 列附近），可能被其他程序改写或已损坏",
            e.line(),
            e.column()
        ))
    })?;
    if envelope.format != STORE_FORMAT {
        let format: String = envelope.format.chars().take(40).collect();
        return Err(envelope_problem(format!("未知的存储格式“{format}”")));
    }
    if envelope.version > STORE_VERSION {
        return Err(envelope_problem(format!(
            "存储格式版本 {} 高于本程序支持的 {STORE_VERSION}",
            envelope.version
        )));
    }
    let stored = |document: Document, read_only: bool| StoredDocument {
        id: id.to_string(),
        title: envelope.title.clone(),
        saved_at: envelope.saved_at,
        writer: envelope.writer.clone(),
        document,
        read_only,
    };
    match load_value(envelope.document.clone()) {
        Ok(document) => Ok(stored(document, false)),
        Err(LoadError::NewerSchema(_)) => {
            // Read what this version understands; the document stays read-only so nothing newer is lost.
            let mut value = envelope.document.clone();
            if let Some(obj) = value.as_object_mut() {
                obj.insert("schema".to_string(), Value::from(SCHEMA));
            }
            load_value(value)
                .map(|document| stored(document, true))
                .map_err(RecordProblem::Document)
        }
        Err(e) => Err(RecordProblem::Document(e)),
    }
}

/// A framework of the officer's library, as the app holds it. `id` is the library's name for this copy (its key),
/// not the 框架编码 `framework.id`: two drafts of one framework may share a 编码.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredFramework {
    pub id: String,
    pub framework: Framework,
    /// When it was saved, as the page wrote it.
    pub saved_at: String,
}

/// The outcome of reading one stored framework.
#[derive(Debug, Clone, PartialEq)]
pub enum DecodedFramework {
    /// It reads; `problems` are what the editor lists (a draft may be unsound).
    Ok {
        stored: Box<StoredFramework>,
        problems: Vec<Located>,
    },
    /// Not readable, for the reason given: kept as it is and offered for export.
    Unreadable(String),
    /// Written by a newer version of the app: left as it is, never written back.
    Newer,
}

/// What is written under a framework key.
#[derive(Serialize)]
struct FrameworkEnvelope<'a> {
    format: &'a str,
    version: u32,
    id: &'a str,
    saved_at: &'a str,
    framework: &'a Framework,
}

/// The text to write under [`Keys::framework`]. A text over [`caps::FRAMEWORK_BYTES`] would not be read back
/// ([`decode_framework`] refuses it): check its length before writing.
pub fn encode_framework(stored: &StoredFramework) -> String {
    let envelope = FrameworkEnvelope {
        format: STORED_FRAMEWORK_FORMAT,
        version: STORED_FRAMEWORK_VERSION,
        id: &stored.id,
        saved_at: &stored.saved_at,
        framework: &stored.framework,
    };
    serde_json::to_string(&envelope).unwrap_or_default()
}

/// Reads the framework stored under the key of `id`, through the gate a framework file goes through: the size
/// first, then the JSON checks, the envelope, and the typed read; an unsound framework reads, with its problems.
///
/// An envelope whose `id` is not its key's (a value copied to another key by hand or by another program) is read
/// under the key's id: that is where it lives and where saving writes it back, while trusting the envelope would
/// make the next save overwrite whatever lives under the other id.
pub fn decode_framework(id: &str, raw: &str) -> DecodedFramework {
    match read_framework_record(id, raw) {
        Ok((stored, problems)) => DecodedFramework::Ok {
            stored: Box::new(stored),
            problems,
        },
        Err(RecordProblem::Newer) => DecodedFramework::Newer,
        Err(problem) => DecodedFramework::Unreadable(problem.to_string()),
    }
}

/// [`decode_framework`], typed: the stored framework with its problems, or why it cannot be read.
pub(crate) fn read_framework_record(
    id: &str,
    raw: &str,
) -> Result<(StoredFramework, Vec<Located>), RecordProblem> {
    let unreadable = |m: String| RecordProblem::Envelope(m);
    if raw.len() > caps::FRAMEWORK_BYTES {
        return Err(unreadable(format!(
            "存储的评分框架过大（{} 字节，上限 {} 字节），可能被其他程序改写",
            raw.len(),
            caps::FRAMEWORK_BYTES
        )));
    }
    if id.len() > caps::KEY_CHARS && id.chars().nth(caps::KEY_CHARS).is_some() {
        return Err(unreadable(format!(
            "存储键过长（上限 {} 字）",
            caps::KEY_CHARS
        )));
    }
    let mut value = parse_json(raw).map_err(unreadable)?;
    let format = value.get("format").and_then(Value::as_str).unwrap_or("");
    if format != STORED_FRAMEWORK_FORMAT {
        let format: String = format.chars().take(40).collect();
        return Err(unreadable(format!(
            "未知的存储格式“{format}”，可能被其他程序改写"
        )));
    }
    match value.get("version").and_then(Value::as_u64) {
        None => return Err(unreadable("存储格式版本缺失或无法识别".to_string())),
        Some(version) if version > u64::from(STORED_FRAMEWORK_VERSION) => {
            return Err(RecordProblem::Newer)
        }
        Some(_) => {}
    }
    let saved_at = match value.get("saved_at") {
        None => String::new(),
        Some(Value::String(text)) if text.chars().nth(caps::KEY_CHARS).is_none() => text.clone(),
        Some(_) => {
            return Err(unreadable(
                "保存时间无法识别，可能被其他程序改写".to_string(),
            ))
        }
    };
    let Some(framework) = value.as_object_mut().and_then(|o| o.remove("framework")) else {
        return Err(unreadable("存储数据中没有评分框架".to_string()));
    };
    let (framework, problems) =
        read_framework_value(framework).map_err(RecordProblem::Framework)?;
    Ok((
        StoredFramework {
            id: id.to_string(),
            framework,
            saved_at,
        },
        problems,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_batch_reads_back_and_a_damaged_unit_is_named_not_fatal() {
        let units: Vec<crate::summary::Unit> = (0..3)
            .map(|i| crate::summary::Unit {
                source: format!("unit-{i}.json"),
                document: crate::samples::varied(i),
            })
            .collect();
        let raw = encode_batch(&units);
        let (entries, beyond) = read_batch_entries(&raw).expect("readable");
        assert!(beyond.is_empty());
        let sources: Vec<&str> = entries.iter().map(|(source, _)| source.as_str()).collect();
        assert_eq!(sources, ["unit-0.json", "unit-1.json", "unit-2.json"]);
        for ((_, code), unit) in entries.iter().zip(&units) {
            assert_eq!(crate::share::decode(code).as_ref(), Ok(&unit.document));
        }
        assert!(
            read_batch_entries("{\"format\":\"zipin.batch\",\"version\":2,\"units\":[]}").is_err()
        );
        assert!(read_batch_entries("not json").is_err());
        assert!(read_batch_entries(&"x".repeat(caps::KEPT_BATCH_BYTES + 1)).is_err());
        assert_eq!(encode_kept_batch(&units), Ok(raw));
        let message = BatchTooLarge {
            bytes: 3 * 1_048_576 + 104_858,
        }
        .to_string();
        assert!(
            message.starts_with("此汇总约 3.1 MB") && message.contains("超过 1.5 MB"),
            "{message}"
        );
    }
    use crate::samples;

    fn stored() -> StoredDocument {
        StoredDocument {
            id: "a1".into(),
            title: String::new(),
            saved_at: 1.0,
            writer: "tab".into(),
            document: samples::seed(),
            read_only: false,
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

    fn library_copy() -> StoredFramework {
        StoredFramework {
            id: "f1".into(),
            framework: crate::framework::default_framework(),
            saved_at: "2026-11-29T12:00:00Z".into(),
        }
    }

    fn reason(decoded: DecodedFramework) -> String {
        match decoded {
            DecodedFramework::Unreadable(reason) => reason,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_framework_round_trips_and_a_draft_keeps_its_problems() {
        let stored = library_copy();
        let raw = encode_framework(&stored);
        assert!(raw.starts_with("{\"format\":\"zipin.stored-framework\",\"version\":1,"));
        assert_eq!(
            decode_framework("f1", &raw),
            DecodedFramework::Ok {
                stored: Box::new(stored.clone()),
                problems: Vec::new()
            }
        );
        let mut draft = stored;
        draft.framework.level1[0].weight = rust_decimal::Decimal::from(45);
        draft.framework.grades.clear();
        match decode_framework("f1", &encode_framework(&draft)) {
            DecodedFramework::Ok { stored, problems } => {
                assert_eq!(problems, draft.framework.validate_located());
                assert_eq!(problems.len(), 3, "{problems:?}");
                assert_eq!(*stored, draft);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_stored_framework_under_another_key_is_read_under_that_key() {
        let raw = encode_framework(&library_copy());
        match decode_framework("f2", &raw) {
            DecodedFramework::Ok { stored, .. } => assert_eq!(stored.id, "f2"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_newer_stored_framework_is_left_alone() {
        let mut value: Value = serde_json::from_str(&encode_framework(&library_copy())).unwrap();
        value["version"] = Value::from(2);
        value["framework"] = Value::from("a shape from the future");
        assert_eq!(
            decode_framework("f1", &value.to_string()),
            DecodedFramework::Newer
        );
    }

    #[test]
    fn hostile_stored_frameworks_are_unreadable_not_a_crash() {
        let good: Value = serde_json::from_str(&encode_framework(&library_copy())).unwrap();
        let with = |key: &str, v: Value| {
            let mut changed = good.clone();
            changed[key] = v;
            changed.to_string()
        };
        let without_framework = {
            let mut changed = good.clone();
            changed.as_object_mut().unwrap().remove("framework");
            changed.to_string()
        };
        let float_weight =
            encode_framework(&library_copy()).replacen("\"weight\":\"50\"", "\"weight\":50.5", 1);
        let cases = [
            String::new(),
            "{".to_string(),
            "null".to_string(),
            "[]".to_string(),
            "\"zipin.stored-framework\"".to_string(),
            "{}".to_string(),
            format!("{}{}", "[".repeat(200_000), "]".repeat(200_000)),
            format!("[{}0]", "0,".repeat(caps::JSON_VALUES)),
            " ".repeat(caps::FRAMEWORK_BYTES + 1),
            with("format", Value::from("zipin.store")),
            with("format", Value::from("长".repeat(10_000))),
            with("version", Value::from("1")),
            with("version", Value::from(-1)),
            with("version", serde_json::json!(1.5)),
            with("saved_at", Value::from(1_700_000_000_000_u64)),
            with("saved_at", Value::from("9".repeat(caps::KEY_CHARS + 1))),
            with("framework", Value::Null),
            with("framework", Value::from("{}")),
            with(
                "framework",
                serde_json::json!({"format": "zipin.evaluation"}),
            ),
            without_framework,
            float_weight,
        ];
        for raw in &cases {
            let reason = reason(decode_framework("f1", raw));
            assert!(!reason.is_empty());
            assert!(reason.chars().count() < 300, "{reason}");
        }
        assert!(reason(decode_framework("f1", &cases[8])).contains("过大"));
        assert!(reason(decode_framework("f1", &cases[9])).contains("未知的存储格式"));
        assert!(reason(decode_framework("f1", &cases[20])).contains("字符串"));
        let long_id = "x".repeat(caps::KEY_CHARS + 1);
        let raw = encode_framework(&library_copy());
        assert!(reason(decode_framework(&long_id, &raw)).contains("存储键过长"));
        // A missing time is no reason to lose a framework.
        let mut untimed = good.clone();
        untimed.as_object_mut().unwrap().remove("saved_at");
        match decode_framework("f1", &untimed.to_string()) {
            DecodedFramework::Ok { stored, .. } => assert_eq!(stored.saved_at, ""),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn document_and_framework_keys_never_cross() {
        for keys in [Keys::legacy(), Keys::for_path("/zipin/")] {
            for id in ["x1", "fw.x1", "doc.x1", "current", ".", "v1.fw.x"] {
                let framework_key = keys.framework(id);
                let doc_key = keys.doc(id);
                assert_eq!(keys.framework_id_of(&framework_key), Some(id));
                assert_eq!(keys.id_of(&framework_key), None, "{framework_key}");
                assert_eq!(keys.framework_id_of(&doc_key), None, "{doc_key}");
            }
            assert_eq!(keys.framework_id_of(keys.current()), None);
            assert_eq!(keys.framework_id_of(&keys.framework("")), None);
        }
        assert_eq!(Keys::legacy().framework("f1"), "zipin.v1.fw.f1");
        assert_eq!(
            Keys::for_path("/zipin/index.html").framework("f1"),
            "zipin@/zipin/.v1.fw.f1"
        );
        let other = Keys::for_path("/other/");
        assert_eq!(other.framework_id_of(&Keys::legacy().framework("f1")), None);
        assert_eq!(Keys::legacy().framework_id_of(&other.framework("f1")), None);
    }
}

/// A kept 汇总 batch: each unit as a share code (deflated, so hundreds of units fit in the browser's storage), read
/// back through the share link's gate.
#[derive(Debug, Serialize, Deserialize)]
struct BatchRecord {
    format: String,
    version: u32,
    units: Vec<BatchEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct BatchEntry {
    source: String,
    code: String,
}

/// A kept batch read back: the units that pass the gate, and (source, why) for those that do not.
pub type KeptBatch = (Vec<crate::summary::Unit>, Vec<(String, String)>);

/// What is written under the batch key.
pub fn encode_batch(units: &[crate::summary::Unit]) -> String {
    let record = BatchRecord {
        format: BATCH_FORMAT.to_string(),
        version: BATCH_VERSION,
        units: units
            .iter()
            .map(|unit| BatchEntry {
                source: unit.source.clone(),
                code: crate::share::encode(&unit.document),
            })
            .collect(),
    };
    serde_json::to_string(&record).unwrap_or_default()
}

/// What a kept batch's record holds, read as far as its envelope: each unit's (source, share code), and (source,
/// why) for the units past the cap; or why the record as a whole cannot be read. Each code is then read through the
/// one way in (`receive::receive(Source::Batch(source), …)`), as a pasted link is.
pub fn read_batch_entries(raw: &str) -> Result<BatchEntries, String> {
    if raw.len() > caps::KEPT_BATCH_BYTES {
        return Err(format!(
            "保留的汇总数据过大（{} 字节，上限 {} 字节），可能被其他程序改写",
            raw.len(),
            caps::KEPT_BATCH_BYTES
        ));
    }
    let value = parse_json(raw)?;
    if value.get("format").and_then(Value::as_str) != Some(BATCH_FORMAT) {
        return Err("保留的汇总数据格式无法识别".to_string());
    }
    if value.get("version").and_then(Value::as_u64) != Some(u64::from(BATCH_VERSION)) {
        return Err("保留的汇总数据由其他版本的程序保存".to_string());
    }
    let record: BatchRecord =
        serde_json::from_value(value).map_err(|_| "保留的汇总数据已损坏".to_string())?;
    let mut beyond_cap = Vec::new();
    let beyond = record.units.len().saturating_sub(caps::BATCH_UNITS);
    if beyond > 0 {
        beyond_cap.push((
            format!("另有 {beyond} 个单位"),
            format!("超出一批 {} 个单位的上限，未载入", caps::BATCH_UNITS),
        ));
    }
    let entries = record
        .units
        .into_iter()
        .take(caps::BATCH_UNITS)
        .map(|entry| {
            let source: String = entry.source.chars().take(caps::NAME_CHARS).collect();
            (source, entry.code)
        })
        .collect();
    Ok((entries, beyond_cap))
}

/// A kept batch's units as (source, share code), and (source, why) for those past the cap.
pub type BatchEntries = (Vec<(String, String)>, Vec<(String, String)>);

/// The record to keep a batch under, unless it is too large to leave the officer's documents room in the
/// browser's storage (`caps::KEPT_BATCH_BYTES`).
pub fn encode_kept_batch(units: &[crate::summary::Unit]) -> Result<String, BatchTooLarge> {
    let record = encode_batch(units);
    if record.len() > caps::KEPT_BATCH_BYTES {
        return Err(BatchTooLarge {
            bytes: record.len(),
        });
    }
    Ok(record)
}

/// A batch too large to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchTooLarge {
    pub bytes: usize,
}

impl std::fmt::Display for BatchTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mib = |bytes: usize| {
            rust_decimal::Decimal::from(bytes)
                .checked_div(rust_decimal::Decimal::from(1_048_576))
                .map(|mb| crate::number::round_half_up(mb, 1).normalize().to_string())
                .unwrap_or_default()
        };
        write!(
            f,
            "此汇总约 {} MB，为给文档留出浏览器的存储空间，超过 {} MB 的汇总不保留；可减少单位数后再保留",
            mib(self.bytes),
            mib(caps::KEPT_BATCH_BYTES)
        )
    }
}
