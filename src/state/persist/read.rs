//! The start-up read: every record storage held, read through the core's one way in; what this tab saw of each is
//! remembered, so nothing is later written over a record without knowing what it was.

use std::rc::Rc;

use zipin_core::receive::{self as core_receive, Accept, Received, Source};
use zipin_core::store::{KeptBatch, StoredDocument, StoredFramework};

use super::{fingerprint, Record, Store, StoredRecord, StoredRecords, Unreadable};
use crate::state::shelf::ShelfItem;

/// What the start-up read came to, for the sub-states.
pub(in crate::state) struct Read {
    pub documents: Vec<StoredDocument>,
    pub current_id: Option<String>,
    pub to_move: Vec<String>,
    pub frameworks: Vec<ShelfItem>,
    pub framework_problems: Vec<(String, String)>,
    pub batch: Option<Result<KeptBatch, String>>,
}

/// Reads what storage held at start-up through the core's one way in, and remembers what it saw.
pub(in crate::state) fn read_stored(store: &mut Store, stored: StoredRecords) -> Read {
    let mut read = Read {
        documents: Vec::new(),
        current_id: stored.current_id,
        to_move: Vec::new(),
        frameworks: Vec::new(),
        framework_problems: Vec::new(),
        batch: None,
    };
    store.unavailable = stored.unavailable;
    for StoredRecord {
        record,
        key,
        earlier_key,
        raw,
    } in stored.records
    {
        if !earlier_key {
            store.seen.insert(record.clone(), fingerprint(&raw));
        }
        let Some(source) = record.source() else {
            continue;
        };
        let accept = match record {
            Record::Framework(_) => Accept::Framework,
            _ => Accept::Document,
        };
        match core_receive::receive(&Source::Stored(source), accept, &raw) {
            Received::StoredDocument(doc) => {
                let id = doc.id.clone();
                // Under both keys (a tab of an earlier version went on writing after the move): the newer copy.
                // Either way the earlier key is removed by the next save.
                if earlier_key {
                    read.to_move.push(id.clone());
                }
                match read.documents.iter_mut().find(|d| d.id == id) {
                    Some(kept) => {
                        if earlier_key && doc.saved_at > kept.saved_at {
                            *kept = *doc;
                        }
                    }
                    None => read.documents.push(*doc),
                }
            }
            Received::StoredFramework { stored, problems } => {
                read.frameworks.push(framework_item(*stored, problems))
            }
            Received::Batch(kept) => read.batch = Some(Ok(kept)),
            Received::Newer { why } => refused_record(&mut read, store, record, key, raw, why),
            Received::Refused(refused) => {
                refused_record(&mut read, store, record, key, raw, refused.to_string())
            }
            Received::Document(_) | Received::Framework { .. } => {}
        }
    }
    read
}

/// A stored value that cannot be read: kept as it is, never written over, and said.
fn refused_record(
    read: &mut Read,
    store: &mut Store,
    record: Record,
    key: String,
    raw: String,
    reason: String,
) {
    match record {
        Record::Framework(_) => read.framework_problems.push((key, reason)),
        Record::Batch => read.batch = Some(Err(reason)),
        Record::Document(_) | Record::Current => {
            store.unreadable.push(Unreadable { key, raw, reason })
        }
    }
}

pub(super) fn framework_item(
    stored: StoredFramework,
    problems: Vec<zipin_core::framework::Located>,
) -> ShelfItem {
    ShelfItem::with_problems(
        stored.id,
        stored.framework,
        Rc::new(problems),
        stored.saved_at,
    )
}
