//! The one way in for outside data. Whatever door a text comes through — a file, the page's own link, a pasted
//! link or code, this browser's storage, another tab's write, a unit of a kept 汇总 batch — [`receive`] reads it
//! with the same readers in the same order (its size first, then its kind, then the gate), so the same content
//! reads the same, and is refused with the same words, whichever door it came through. Only what belongs to a door
//! (a link's codec, a stored record's envelope) adds failures of its own.

use std::fmt;

use crate::caps;
use crate::document::Document;
use crate::formats;
use crate::framework::{first_problem, read_framework_draft, FileProblem, Framework, Located};
use crate::migrate::{load_document, LoadError};
use crate::share::{self, ShareError, FRAGMENT_KEY, FRAMEWORK_KEY};
use crate::store::{self, KeptBatch, RecordProblem, StoredDocument, StoredFramework};

/// Where a text from outside came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A chosen or dropped file, by its name.
    File(String),
    /// The page's own URL fragment; the text is the fragment without `#` (`share=z1.…` or `framework=z1.…`).
    Link,
    /// Text an officer pasted: a whole link (`…#share=…` / `…#framework=…`) or a code alone.
    Pasted,
    /// This browser's storage at start-up.
    Stored(Record),
    /// Another tab's write (a storage event).
    OtherTab(Record),
    /// One unit of a kept 汇总 batch, by its source name; the text is its share code.
    Batch(String),
    /// A document file the page sent to the export worker (the worker trusts nothing it is sent either).
    ExportRequest,
}

/// What a stored record is, as its key says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// A document, by its id.
    Document(String),
    /// A framework of the library, by its id.
    Framework(String),
    /// The kept 汇总 batch.
    Batch,
}

/// What the door accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    Document,
    Framework,
    Either,
}

impl Accept {
    fn takes(self, kind: Kind) -> bool {
        matches!(
            (self, kind),
            (Accept::Either, _)
                | (Accept::Document, Kind::Document | Kind::Batch)
                | (Accept::Framework, Kind::Framework)
        )
    }
}

/// What a text turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Document,
    Framework,
    /// A kept 汇总 batch (only ever a stored record).
    Batch,
}

/// What came in.
#[derive(Debug, Clone, PartialEq)]
pub enum Received {
    Document(Box<Document>),
    /// A stored document record with its envelope (title, saved_at, writer; `read_only` for a newer schema).
    StoredDocument(Box<StoredDocument>),
    /// A framework: sound when `problems` is empty, otherwise a draft with its located problems.
    Framework {
        framework: Box<Framework>,
        problems: Vec<Located>,
    },
    StoredFramework {
        stored: Box<StoredFramework>,
        problems: Vec<Located>,
    },
    /// A kept batch: units read, and (source, why) of those that could not be.
    Batch(KeptBatch),
    /// A stored record written by a newer version: left as it is, never written over.
    Newer {
        why: String,
    },
    Refused(Refused),
}

/// Why a text was not taken. Its Display is one Chinese message; the caller adds what to do (the door's context).
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    why: Why,
}

/// What went wrong, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// Larger than anything of its kind: not read at all.
    TooLarge { bytes: usize, cap: usize },
    /// The other kind than the door takes: named for what it is and where it opens.
    WrongKind(Kind),
    /// A document refused as a document file is (not JSON, another format, a newer schema, the gate's rules).
    Document(LoadError),
    /// A framework that cannot be read as a framework file.
    Framework(Vec<FileProblem>),
    /// A link or code broken in transit (its codec, base64, deflate, size or text).
    Code(ShareError),
    /// A link with no code of this app in it.
    NoCode,
    /// A stored record whose envelope cannot be read (the raw text stays with the caller).
    Record(String),
}

impl Refused {
    fn new(why: Why) -> Refused {
        Refused { why }
    }

    /// What went wrong.
    pub fn why(&self) -> &Why {
        &self.why
    }

    /// A text refused by its size alone, before it is read (the browser knows a chosen file's size first).
    pub fn too_large(bytes: usize, cap: usize) -> Refused {
        Refused::new(Why::TooLarge { bytes, cap })
    }
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.why {
            Why::TooLarge { bytes, cap } => write!(
                f,
                "数据过大（{bytes} 字节，上限 {cap} 字节），已拒绝读取；请确认选择的内容是否正确"
            ),
            Why::WrongKind(Kind::Framework) => {
                f.write_str("这是评分框架，不是绩效自评数据；请在“评分框架”中导入")
            }
            Why::WrongKind(Kind::Document) => f.write_str(
                "这是绩效自评数据，不是评分框架；请在“文档管理”中导入，或直接在浏览器中打开其分享链接",
            ),
            Why::WrongKind(Kind::Batch) => {
                f.write_str("这是保留的汇总数据，不是评分框架；请在“汇总”中查看")
            }
            Why::Document(e) => write!(f, "{e}"),
            Why::Framework(problems) => f.write_str(&first_problem(problems)),
            Why::Code(e) => write!(f, "{e}"),
            Why::NoCode => f.write_str(
                "链接中没有可打开的数据（应含有 #share= 或 #framework=），请确认复制的是完整的链接",
            ),
            Why::Record(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for Refused {}

fn refused(why: Why) -> Received {
    Received::Refused(Refused::new(why))
}

/// Reads a text from outside, whatever door it came through: the one entrance.
pub fn receive(source: &Source, accept: Accept, text: &str) -> Received {
    match source {
        Source::File(_) | Source::ExportRequest => from_json(accept, text),
        Source::Link => from_fragment(accept, text),
        Source::Pasted => {
            let pasted = text.trim();
            match pasted.split_once('#') {
                Some((_, fragment)) => from_fragment(accept, fragment),
                None => from_code(accept, pasted),
            }
        }
        Source::Batch(_) => from_code(accept, text),
        Source::Stored(record) | Source::OtherTab(record) => from_record(record, accept, text),
    }
}

/// The largest text the door reads at all.
fn cap_of(accept: Accept) -> usize {
    match accept {
        Accept::Framework => caps::FRAMEWORK_BYTES,
        Accept::Document | Accept::Either => caps::FILE_BYTES,
    }
}

fn too_large(text: &str, cap: usize) -> Option<Received> {
    (text.len() > cap).then(|| {
        refused(Why::TooLarge {
            bytes: text.len(),
            cap,
        })
    })
}

/// JSON text (a file's, or what a code inflates to): its size, its kind, then its kind's reader.
fn from_json(accept: Accept, text: &str) -> Received {
    if let Some(refusal) = too_large(text, cap_of(accept)) {
        return refusal;
    }
    let kind = match share::format_tag(text.strip_prefix('\u{feff}').unwrap_or(text)).as_deref() {
        Some(formats::FRAMEWORK) => Kind::Framework,
        Some(formats::DOCUMENT) => Kind::Document,
        // Anything else is read as what the door takes, and refused by that reader with its reason.
        _ if accept == Accept::Framework => Kind::Framework,
        _ => Kind::Document,
    };
    if !accept.takes(kind) {
        return refused(Why::WrongKind(kind));
    }
    match kind {
        Kind::Framework => {
            if let Some(refusal) = too_large(text, caps::FRAMEWORK_BYTES) {
                return refusal;
            }
            match read_framework_draft(text) {
                Ok((framework, problems)) => Received::Framework {
                    framework: Box::new(framework),
                    problems,
                },
                Err(problems) => refused(Why::Framework(problems)),
            }
        }
        Kind::Document | Kind::Batch => match load_document(text) {
            Ok(document) => Received::Document(Box::new(document)),
            Err(e) => Received::Refused(document_refusal(e)),
        },
    }
}

/// A document's refusal; a framework read as a document is named for what it is.
fn document_refusal(e: LoadError) -> Refused {
    match e {
        LoadError::WrongFormat(format) if format == formats::FRAMEWORK => {
            Refused::new(Why::WrongKind(Kind::Framework))
        }
        LoadError::TooLarge { bytes, cap } => Refused::new(Why::TooLarge { bytes, cap }),
        e => Refused::new(Why::Document(e)),
    }
}

/// A URL fragment (without `#`): the code under `share=` or `framework=`.
fn from_fragment(accept: Accept, fragment: &str) -> Received {
    let document = share::fragment_code(fragment, FRAGMENT_KEY);
    let framework = share::fragment_code(fragment, FRAMEWORK_KEY);
    let (code, kind) = match (accept, document, framework) {
        (Accept::Framework, _, Some(code)) => (code, Kind::Framework),
        (Accept::Document | Accept::Either, Some(code), _) => (code, Kind::Document),
        (Accept::Either, None, Some(code)) => (code, Kind::Framework),
        (Accept::Framework, Some(_), None) => return refused(Why::WrongKind(Kind::Document)),
        (Accept::Document, None, Some(_)) => return refused(Why::WrongKind(Kind::Framework)),
        (_, None, None) => return refused(Why::NoCode),
    };
    let accept = match kind {
        Kind::Framework => Accept::Framework,
        Kind::Document | Kind::Batch => Accept::Document,
    };
    from_code(accept, code)
}

/// A code alone (`z1.…`): inflated within the door's cap, then read as JSON text is.
fn from_code(accept: Accept, code: &str) -> Received {
    let limit = match accept {
        Accept::Framework => caps::FRAMEWORK_BYTES,
        Accept::Document | Accept::Either => share::MAX_DECODED,
    };
    match share::inflate(code, limit) {
        Ok(text) => from_json(accept, &text),
        Err(e) => refused(Why::Code(e)),
    }
}

/// A record of this browser's storage (at start-up or another tab's write).
fn from_record(record: &Record, accept: Accept, raw: &str) -> Received {
    let kind = match record {
        Record::Document(_) => Kind::Document,
        Record::Framework(_) => Kind::Framework,
        Record::Batch => Kind::Batch,
    };
    if !accept.takes(kind) {
        return refused(Why::WrongKind(kind));
    }
    match record {
        Record::Document(id) => {
            if let Some(refusal) = too_large(raw, caps::FILE_BYTES) {
                return refusal;
            }
            match store::read_document(id, raw) {
                Ok(stored) => Received::StoredDocument(Box::new(stored)),
                Err(problem) => Received::Refused(record_refusal(problem)),
            }
        }
        // The record's reader caps its size first, with its own words.
        Record::Framework(id) => match store::read_framework_record(id, raw) {
            Ok((stored, problems)) => Received::StoredFramework {
                stored: Box::new(stored),
                problems,
            },
            Err(RecordProblem::Newer) => Received::Newer {
                why: "该评分框架由较新版本的程序保存，本页面不能读取，已原样保留".to_string(),
            },
            Err(problem) => Received::Refused(record_refusal(problem)),
        },
        // Each unit's code through the same door a unit pasted as a link takes.
        Record::Batch => match store::read_batch_entries(raw) {
            Ok((entries, mut failures)) => {
                let mut units = Vec::new();
                for (source, code) in entries {
                    match receive(&Source::Batch(source.clone()), Accept::Document, &code) {
                        Received::Document(document) => units.push(crate::summary::Unit {
                            source,
                            document: *document,
                        }),
                        Received::Refused(refused) => failures.push((source, refused.to_string())),
                        _ => failures.push((source, "不是绩效自评数据".to_string())),
                    }
                }
                Received::Batch((units, failures))
            }
            Err(why) => refused(Why::Record(why)),
        },
    }
}

fn record_refusal(problem: RecordProblem) -> Refused {
    match problem {
        RecordProblem::Envelope(why) => Refused::new(Why::Record(why)),
        RecordProblem::Document(e) => document_refusal(e),
        RecordProblem::Framework(problems) => Refused::new(Why::Framework(problems)),
        RecordProblem::Newer => Refused::new(Why::Record(
            "由较新版本的程序保存，本页面不能读取".to_string(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migrate::to_json;
    use crate::samples;
    use serde_json::Value;

    const SITE: &str = "https://example.github.io/zipin/";

    fn stored_envelope(document: Value) -> String {
        serde_json::json!({
            "format": store::STORE_FORMAT,
            "version": store::STORE_VERSION,
            "title": "",
            "saved_at": 1.0,
            "writer": "tab-1",
            "document": document,
        })
        .to_string()
    }

    /// The same document through every door a document comes through.
    fn through_every_door(doc: &Document) -> Vec<(Source, Accept, String)> {
        let json = to_json(doc);
        let code = share::encode(doc);
        let value: Value = serde_json::from_str(&json).unwrap();
        let record = Record::Document("d1".into());
        vec![
            (
                Source::File("甲.json".into()),
                Accept::Document,
                json.clone(),
            ),
            (Source::File("甲.json".into()), Accept::Either, json.clone()),
            (Source::ExportRequest, Accept::Document, json),
            (Source::Link, Accept::Document, format!("share={code}")),
            (Source::Link, Accept::Either, format!("x=1&share={code}")),
            (
                Source::Pasted,
                Accept::Document,
                format!(" {SITE}#share={code}?nsukey=1 "),
            ),
            (Source::Pasted, Accept::Either, code.clone()),
            (
                Source::Stored(record.clone()),
                Accept::Document,
                stored_envelope(value.clone()),
            ),
            (
                Source::OtherTab(record),
                Accept::Either,
                stored_envelope(value),
            ),
            (Source::Batch("甲.json".into()), Accept::Document, code),
        ]
    }

    fn refusal(received: Received) -> Refused {
        match received {
            Received::Refused(refused) => refused,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn the_same_bad_document_reads_the_same_whichever_door_it_came_through() {
        let mut negative = samples::example();
        negative.finance.spending_total = Some(rust_decimal::Decimal::new(-5700, 0));
        let mut fine_weight = samples::example();
        fine_weight.framework.level1[0].level2[0].indicators[0].weight =
            rust_decimal::Decimal::from_i128_with_scale(100_000_000_000_000_000_001, 20);
        for (doc, expected) in [
            (
                negative,
                "全年执行数（部门整体支出）（finance.spending_total）：不能为负数（现为 -5700）",
            ),
            (fine_weight, "最多保留 2 位小数"),
        ] {
            let messages: Vec<String> = through_every_door(&doc)
                .into_iter()
                .map(|(source, accept, text)| {
                    let refused = refusal(receive(&source, accept, &text));
                    assert!(
                        matches!(refused.why(), Why::Document(LoadError::Refused(_))),
                        "{source:?}: {refused:?}"
                    );
                    refused.to_string()
                })
                .collect();
            assert_eq!(messages.len(), 10);
            assert!(messages[0].starts_with("文档有 "), "{}", messages[0]);
            assert!(messages[0].contains(expected), "{}", messages[0]);
            for message in &messages {
                assert_eq!(message, &messages[0]);
            }
        }
    }

    #[test]
    fn a_sound_document_comes_in_through_every_door() {
        let doc = samples::example();
        for (source, accept, text) in through_every_door(&doc) {
            match receive(&source, accept, &text) {
                Received::Document(read) => assert_eq!(*read, doc, "{source:?}"),
                Received::StoredDocument(stored) => {
                    assert!(matches!(source, Source::Stored(_) | Source::OtherTab(_)));
                    assert_eq!(stored.document, doc);
                    assert_eq!(stored.id, "d1");
                    assert_eq!(stored.writer, "tab-1");
                    assert!(!stored.read_only);
                }
                other => panic!("{source:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_framework_at_a_document_door_or_the_reverse_is_named_with_one_message() {
        let framework = crate::framework::default_framework();
        let json = serde_json::to_string(&framework).unwrap();
        let code = share::encode_framework(&framework);
        let stored = store::encode_framework(&StoredFramework {
            id: "f1".into(),
            framework,
            saved_at: String::new(),
        });
        let at_document_doors = [
            (Source::File("框架.json".into()), json),
            (Source::Link, format!("framework={code}")),
            (Source::Pasted, format!("{SITE}#framework={code}")),
            (Source::Pasted, code.clone()),
            (Source::Batch("框架".into()), code),
            (Source::Stored(Record::Framework("f1".into())), stored),
        ];
        for (source, text) in at_document_doors {
            let refused = refusal(receive(&source, Accept::Document, &text));
            assert_eq!(
                refused.to_string(),
                "这是评分框架，不是绩效自评数据；请在“评分框架”中导入",
                "{source:?}"
            );
        }
        let doc = samples::example();
        let code = share::encode(&doc);
        let record = store::encode(&StoredDocument {
            id: "d1".into(),
            title: String::new(),
            saved_at: 1.0,
            writer: String::new(),
            document: doc.clone(),
            read_only: false,
        });
        let at_framework_doors = [
            (Source::File("甲.json".into()), to_json(&doc)),
            (Source::Link, format!("share={code}")),
            (Source::Pasted, format!("{SITE}#share={code}")),
            (Source::Pasted, code),
            (Source::OtherTab(Record::Document("d1".into())), record),
            (Source::Stored(Record::Batch), store::encode_batch(&[])),
        ];
        let mut messages: Vec<String> = at_framework_doors
            .into_iter()
            .map(|(source, text)| refusal(receive(&source, Accept::Framework, &text)).to_string())
            .collect();
        assert_eq!(
            messages.pop().as_deref(),
            Some("这是保留的汇总数据，不是评分框架；请在“汇总”中查看")
        );
        for message in messages {
            assert_eq!(
                message,
                "这是绩效自评数据，不是评分框架；请在“文档管理”中导入，或直接在浏览器中打开其分享链接"
            );
        }
    }

    #[test]
    fn a_framework_comes_in_sound_or_as_a_draft_with_its_problems() {
        let mut framework = crate::framework::default_framework();
        let code = share::encode_framework(&framework);
        for (source, text) in [
            (
                Source::File("f.json".into()),
                serde_json::to_string(&framework).unwrap(),
            ),
            (Source::Link, format!("framework={code}")),
            (Source::Pasted, format!("{SITE}#framework={code}")),
        ] {
            for accept in [Accept::Framework, Accept::Either] {
                match receive(&source, accept, &text) {
                    Received::Framework {
                        framework: read,
                        problems,
                    } => {
                        assert_eq!(*read, framework);
                        assert!(problems.is_empty(), "{problems:?}");
                    }
                    other => panic!("{source:?}: {other:?}"),
                }
            }
        }
        framework.level1[0].weight = rust_decimal::Decimal::from(45);
        let text = serde_json::to_string(&framework).unwrap();
        match receive(&Source::File("f.json".into()), Accept::Framework, &text) {
            Received::Framework { problems, .. } => {
                assert_eq!(problems, framework.validate_located());
                assert!(!problems.is_empty());
            }
            other => panic!("{other:?}"),
        }
        // A framework that does not read says why, the same from a file and from a link.
        let broken = text.replacen("\"weight\":\"45\"", "\"weight\":45.5", 1);
        assert_ne!(broken, text);
        let from_file = refusal(receive(
            &Source::File("f".into()),
            Accept::Framework,
            &broken,
        ));
        let from_link = refusal(receive(
            &Source::Link,
            Accept::Framework,
            &format!("framework={}", crate::share::code_of(&broken)),
        ));
        assert_eq!(from_file, from_link);
        assert!(from_file.to_string().contains("字符串"), "{from_file}");
    }

    #[test]
    fn sizes_are_capped_before_anything_is_read() {
        let huge = " ".repeat(caps::FILE_BYTES + 1);
        for (source, accept, cap) in [
            (Source::File("a".into()), Accept::Document, caps::FILE_BYTES),
            (Source::File("a".into()), Accept::Either, caps::FILE_BYTES),
            (
                Source::File("a".into()),
                Accept::Framework,
                caps::FRAMEWORK_BYTES,
            ),
            (
                Source::Stored(Record::Document("d".into())),
                Accept::Document,
                caps::FILE_BYTES,
            ),
        ] {
            let refused = refusal(receive(&source, accept, &huge));
            assert_eq!(
                refused.why(),
                &Why::TooLarge {
                    bytes: huge.len(),
                    cap
                },
                "{source:?}"
            );
            assert!(refused.to_string().starts_with("数据过大"), "{refused}");
        }
        // A framework past its own cap is refused even at a door that also takes documents.
        let mut framework = serde_json::to_value(crate::framework::default_framework()).unwrap();
        framework["description"] = Value::from(" ".repeat(caps::FRAMEWORK_BYTES));
        let text = framework.to_string();
        assert!(matches!(
            refusal(receive(&Source::File("f".into()), Accept::Either, &text)).why(),
            Why::TooLarge { cap, .. } if *cap == caps::FRAMEWORK_BYTES
        ));
        // A link that inflates past the cap is the codec's refusal.
        let bomb = crate::share::code_of(&" ".repeat(share::MAX_DECODED + 1));
        assert_eq!(
            refusal(receive(
                &Source::Link,
                Accept::Document,
                &format!("share={bomb}")
            ))
            .why(),
            &Why::Code(ShareError::TooLarge)
        );
    }

    #[test]
    fn stored_records_newer_unreadable_and_kept_batches() {
        let mut value: Value = serde_json::from_str(&to_json(&samples::seed())).unwrap();
        value["schema"] = Value::from(crate::document::SCHEMA + 1);
        let newer = stored_envelope(value);
        for source in [
            Source::Stored(Record::Document("d".into())),
            Source::OtherTab(Record::Document("d".into())),
        ] {
            match receive(&source, Accept::Document, &newer) {
                Received::StoredDocument(stored) => {
                    assert!(stored.read_only);
                    assert_eq!(stored.document.unit.name, "广东省科技监测中心");
                }
                other => panic!("{other:?}"),
            }
            let refused = refusal(receive(&source, Accept::Document, "{not json"));
            assert!(matches!(refused.why(), Why::Record(_)));
            assert!(
                refused.to_string().contains("不是有效的存储数据"),
                "{refused}"
            );
        }
        let mut framework: Value =
            serde_json::from_str(&store::encode_framework(&StoredFramework {
                id: "f1".into(),
                framework: crate::framework::default_framework(),
                saved_at: "2026-12-01".into(),
            }))
            .unwrap();
        match receive(
            &Source::Stored(Record::Framework("f1".into())),
            Accept::Framework,
            &framework.to_string(),
        ) {
            Received::StoredFramework { stored, problems } => {
                assert_eq!(stored.saved_at, "2026-12-01");
                assert!(problems.is_empty());
            }
            other => panic!("{other:?}"),
        }
        framework["version"] = Value::from(2);
        assert!(matches!(
            receive(
                &Source::OtherTab(Record::Framework("f1".into())),
                Accept::Either,
                &framework.to_string()
            ),
            Received::Newer { .. }
        ));
        framework["version"] = Value::from(1);
        framework["framework"] = Value::from("{}");
        assert!(matches!(
            refusal(receive(
                &Source::Stored(Record::Framework("f1".into())),
                Accept::Framework,
                &framework.to_string()
            ))
            .why(),
            Why::Framework(_)
        ));
        let units = vec![crate::summary::Unit {
            source: "甲.json".into(),
            document: samples::example(),
        }];
        match receive(
            &Source::Stored(Record::Batch),
            Accept::Document,
            &store::encode_batch(&units),
        ) {
            Received::Batch((read, failures)) => {
                assert_eq!(read, units);
                assert!(failures.is_empty());
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            refusal(receive(
                &Source::Stored(Record::Batch),
                Accept::Either,
                "[]"
            ))
            .why(),
            Why::Record(_)
        ));
    }

    #[test]
    fn a_link_without_a_code_or_with_a_broken_one_says_so() {
        assert_eq!(
            refusal(receive(&Source::Link, Accept::Either, "x=1")).why(),
            &Why::NoCode
        );
        assert_eq!(
            refusal(receive(&Source::Pasted, Accept::Document, "https://x/#top")).why(),
            &Why::NoCode
        );
        let refused = refusal(receive(&Source::Pasted, Accept::Document, "z1.!!!"));
        assert_eq!(refused.why(), &Why::Code(ShareError::NotBase64));
        assert!(refused.to_string().contains("分享链接已损坏"), "{refused}");
        let refused = refusal(receive(
            &Source::Batch("乙".into()),
            Accept::Document,
            "z9.abc",
        ));
        assert!(matches!(
            refused.why(),
            Why::Code(ShareError::UnknownCodec(_))
        ));
    }
}
