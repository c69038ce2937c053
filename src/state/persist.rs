//! Storage as a protocol, in the shape of quinn-proto: the state does no I/O. It says what to write or remove and
//! when it next wants to wake (`State::poll_io`, `State::poll_timeout`); the storage service performs the plan
//! (`perform`, over any `Backend`) and reports back one typed result (`StorageEvent::Done`). Another tab's writes
//! arrive as `StorageEvent::Changed`, read by the core's one way in. Documents, frameworks and the kept batch all go
//! through it; time comes in with the events.
//!
//! **Compare before write.** This tab remembers a fingerprint of every record as it last read or wrote it. A write
//! is performed only if the stored value is still that one; otherwise the service reports the value it found, and
//! the state takes it as the other tab's change it is (a conflict when this tab has unsaved edits), so an autosave
//! that lands between another tab's write and its `storage` event overwrites nothing.
//!
//! Rules (learned from tldraw and Excalidraw): read everything before writing anything; never overwrite a value
//! that could not be read; a failed write is reported, never fatal; another tab's write is noticed.

use std::collections::BTreeMap;
use std::rc::Rc;

use zipin_core::receive::{self as core_receive, Accept, Received, Source};
use zipin_core::store::{self, KeptBatch, StoredDocument, StoredFramework};

use super::shelf::ShelfItem;
use super::{BatchWrite, State, Time};
use crate::error::AppError;

/// A pause in typing this long makes the documents due to be written: a burst of keystrokes is one write.
pub const SAVE_PAUSE_MS: u64 = 300;
/// The longest an edit waits to be written while typing goes on without a pause.
pub const SAVE_AT_MOST_MS: u64 = 2_000;
/// The largest kept batch record written. Browsers keep about 5 million characters per site, shared with the
/// officer's documents (and every page of a github.io owner): a batch must leave them most of it.
pub const MAX_BATCH_RECORD: usize = 1536 * 1024;

/// One stored record, as the page's keys name it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Record {
    Document(String),
    /// Which document is open, so the next visit opens it.
    Current,
    Framework(String),
    Batch,
}

impl Record {
    /// The core's name for a record whose text it reads (`Current` holds an id, not data).
    fn source(&self) -> Option<core_receive::Record> {
        match self {
            Record::Document(id) => Some(core_receive::Record::Document(id.clone())),
            Record::Framework(id) => Some(core_receive::Record::Framework(id.clone())),
            Record::Batch => Some(core_receive::Record::Batch),
            Record::Current => None,
        }
    }
}

/// What the stored value must still be for a write to go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Last writer wins (which document is open).
    Anything,
    /// The fingerprint this tab last saw (`None`: nothing stored).
    Seen(Option<u64>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Put {
        record: Record,
        text: String,
        expect: Expect,
    },
    Remove {
        record: Record,
        expect: Expect,
    },
}

impl Op {
    pub fn record(&self) -> &Record {
        match self {
            Op::Put { record, .. } | Op::Remove { record, .. } => record,
        }
    }
}

/// What the state asks of storage, once (by ticket).
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub ticket: u64,
    pub at: Time,
    pub ops: Vec<Op>,
    /// The library revision written, when the documents are part of the plan.
    documents: Option<u64>,
    /// The shelf revision written, when the frameworks are.
    frameworks: Option<u64>,
    /// Why a framework of the shelf was left out of the plan (too large to store).
    left_out: Option<String>,
}

/// The outcome of one `Op`.
#[derive(Debug, Clone, PartialEq)]
pub enum OpResult {
    /// Done: the fingerprint of what is stored now (`None`: removed).
    Done(Option<u64>),
    /// Not done: the stored value is not what this tab last saw; here is what it is.
    Changed(Option<String>),
    Failed(AppError),
}

/// What the service did with a plan: one result per op, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub ticket: u64,
    pub results: Vec<OpResult>,
}

/// Where records live: localStorage in the page, a map in the tests.
pub trait Backend {
    fn get(&self, record: &Record) -> Result<Option<String>, AppError>;
    fn put(&mut self, record: &Record, text: &str) -> Result<(), AppError>;
    fn remove(&mut self, record: &Record) -> Result<(), AppError>;
}

/// A stable fingerprint of a stored value (64-bit FNV-1a): cheap, the same in every tab and build.
pub fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Performs `plan` on `backend`: every op is attempted; a compared one only if the stored value is still the one
/// this tab saw.
pub fn perform(plan: &Plan, backend: &mut impl Backend) -> Report {
    let results = plan
        .ops
        .iter()
        .map(|op| {
            if let Expect::Seen(seen) = match op {
                Op::Put { expect, .. } | Op::Remove { expect, .. } => *expect,
            } {
                match backend.get(op.record()) {
                    Ok(now) if now.as_deref().map(fingerprint) != seen => {
                        return OpResult::Changed(now)
                    }
                    Ok(_) => {}
                    Err(error) => return OpResult::Failed(error),
                }
            }
            match op {
                Op::Put { record, text, .. } => match backend.put(record, text) {
                    Ok(()) => OpResult::Done(Some(fingerprint(text))),
                    Err(error) => OpResult::Failed(error),
                },
                Op::Remove { record, .. } => match backend.remove(record) {
                    Ok(()) => OpResult::Done(None),
                    Err(error) => OpResult::Failed(error),
                },
            }
        })
        .collect();
    Report {
        ticket: plan.ticket,
        results,
    }
}

/// Everything the storage service read at start-up, as text: the state reads it through the core.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoredRecords {
    pub records: Vec<StoredRecord>,
    /// Which document was open (this page's key, else an earlier version's).
    pub current_id: Option<String>,
    /// localStorage cannot be used at all.
    pub unavailable: Option<AppError>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredRecord {
    pub record: Record,
    /// The key it was read under, for the officer (an unreadable value is offered under its key).
    pub key: String,
    /// Under the keys of an earlier version (without the page's path): to be moved under this page's keys.
    pub earlier_key: bool,
    pub raw: String,
}

/// What the storage service or the clock reports.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageEvent {
    /// The time now: after a change (to note when it happened), or when `poll_timeout` said to wake.
    Tick(Time),
    /// The page is being hidden: write everything now.
    Flush(Time),
    /// The service performed the plan with this ticket.
    Done(Report),
    /// localStorage cannot be used at all.
    Unavailable(AppError),
    /// Another tab wrote (`Some`) or removed (`None`) a record; `earlier_key` when under an earlier version's key.
    Changed {
        record: Record,
        value: Option<String>,
        earlier_key: bool,
    },
    /// The officer's answer to a conflict, for one document.
    Resolve {
        id: String,
        choice: Resolution,
    },
    DismissUnreadable,
}

/// What this tab knows of storage and what it has asked of it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Store {
    /// The fingerprint of each record as this tab last read or wrote it; a record not here is not stored.
    pub seen: BTreeMap<Record, u64>,
    /// The plan handed to the storage service, until its report comes back.
    pub outbox: Option<Rc<Plan>>,
    next_ticket: u64,
    /// The library revision last written, and when.
    pub saved_revision: u64,
    pub saved_at: Option<Time>,
    /// The library revision whose change time is noted; when it changed last, and since when edits are unsaved.
    noted_revision: u64,
    changed_at: Option<Time>,
    unsaved_since: Option<Time>,
    /// The page is being hidden: the next plan writes everything.
    flush: bool,
    /// Stored values that could not be read: kept untouched, offered for export.
    pub unreadable: Vec<Unreadable>,
    /// The writes of the last save that failed, each with its document: shown until a save succeeds.
    pub failures: Vec<WriteFailure>,
    /// localStorage cannot be used at all.
    pub unavailable: Option<AppError>,
    /// Documents another tab changed or deleted while this tab had unsaved edits to them: each waits for the
    /// officer's choice, and is not written until then.
    pub conflicts: Vec<Conflict>,
}

impl Store {
    /// Whether the last save left anything unwritten (or nothing can be written at all).
    pub fn has_error(&self) -> bool {
        !self.failures.is_empty() || self.unavailable.is_some()
    }

    /// Whether a failed write was for lack of room.
    pub fn is_full(&self) -> bool {
        self.failures
            .iter()
            .any(|f| matches!(f.error, AppError::QuotaExceeded(_)))
    }

    pub fn conflict(&self, id: &str) -> Option<&Conflict> {
        self.conflicts.iter().find(|c| c.id == id)
    }

    fn expect(&self, record: &Record) -> Expect {
        Expect::Seen(self.seen.get(record).copied())
    }

    /// Remembers what is stored under `record` now (`None`: nothing).
    fn saw(&mut self, record: &Record, value: Option<u64>) {
        match value {
            Some(print) => self.seen.insert(record.clone(), print),
            None => self.seen.remove(record),
        };
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub key: String,
    pub raw: String,
    pub reason: String,
}

/// A write that failed, with what it was for, so the officer sees which document is not saved.
#[derive(Debug, Clone, PartialEq)]
pub struct WriteFailure {
    pub id: String,
    /// The document's name as the list shows it.
    pub label: String,
    pub what: WriteKind,
    pub error: AppError,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteKind {
    Document,
    Removal,
    Current,
}

/// What the start-up read came to, for the sub-states.
pub(super) struct Read {
    pub documents: Vec<StoredDocument>,
    pub current_id: Option<String>,
    pub to_move: Vec<String>,
    pub frameworks: Vec<ShelfItem>,
    pub framework_problems: Vec<(String, String)>,
    pub batch: Option<Result<KeptBatch, String>>,
}

/// Reads what storage held at start-up through the core's one way in, and remembers what it saw.
pub(super) fn read_stored(store: &mut Store, stored: StoredRecords) -> Read {
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

fn framework_item(
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

impl State {
    /// When the state next wants a `Tick`: a pause after the last edit (at most `SAVE_AT_MOST_MS` after the first
    /// unsaved one), at once for the library and the batch; `None` while a plan is out or nothing is to be written.
    pub fn poll_timeout(&self) -> Option<Time> {
        let store = &self.store;
        if store.outbox.is_some() || store.unavailable.is_some() {
            return None;
        }
        let noted = store.changed_at.zip(store.unsaved_since);
        let mut wake = None::<Time>;
        if !self.is_saved() {
            if let Some((changed, since)) = noted {
                wake = Some(
                    changed
                        .plus_millis(SAVE_PAUSE_MS)
                        .min(since.plus_millis(SAVE_AT_MOST_MS)),
                );
            }
        }
        if !self.shelf.is_saved() || self.batch.pending.is_some() {
            let now = store.changed_at.unwrap_or_default();
            wake = Some(wake.map_or(now, |w| w.min(now)));
        }
        wake
    }

    /// Whether the library changed since the store last noted when: the shell then sends a `Tick`.
    pub fn wants_tick(&self) -> bool {
        self.store.noted_revision != self.library.revision
            || (!self.shelf.is_saved() && self.store.outbox.is_none())
            || (self.batch.pending.is_some() && self.store.outbox.is_none())
    }

    /// The I/O due at `now`, if any: the documents after a pause in typing (or at once when flushing), the
    /// library and the batch at once. Each write carries the fingerprint this tab last saw.
    fn poll_io(&mut self, now: Time) -> Option<Plan> {
        if self.store.outbox.is_some() || self.store.unavailable.is_some() {
            return None;
        }
        let mut ops = Vec::new();
        let documents_due = !self.is_saved()
            && (self.store.flush
                || self.store.changed_at.is_some_and(|changed| {
                    now >= changed.plus_millis(SAVE_PAUSE_MS)
                        || self
                            .store
                            .unsaved_since
                            .is_some_and(|since| now >= since.plus_millis(SAVE_AT_MOST_MS))
                }));
        let documents = documents_due.then(|| {
            self.document_ops(now, &mut ops);
            self.library.revision
        });
        let mut left_out = None;
        let frameworks = (!self.shelf.is_saved()).then(|| {
            left_out = self.framework_ops(now, &mut ops);
            self.shelf.revision
        });
        self.batch_ops(&mut ops);
        if documents.is_none() && frameworks.is_none() && ops.is_empty() {
            return None;
        }
        let store = self.store_mut();
        store.flush = false;
        store.next_ticket = store.next_ticket.saturating_add(1);
        Some(Plan {
            ticket: store.next_ticket,
            at: now,
            ops,
            documents,
            frameworks,
            left_out,
        })
    }

    /// Removals first (deleting documents frees room for the rest when storage is full), then the documents
    /// changed since the last save, then which one is open.
    fn document_ops(&self, now: Time, ops: &mut Vec<Op>) {
        let library = &self.library;
        for id in &library.removed {
            let record = Record::Document(id.clone());
            ops.push(Op::Remove {
                expect: self.store.expect(&record),
                record,
            });
        }
        for doc in library
            .docs
            .iter()
            .filter(|d| library.dirty.contains(&d.id))
        {
            // A newer-schema document is never written back; a conflicted one waits for the officer's choice.
            if doc.read_only || self.store.conflict(&doc.id).is_some() {
                continue;
            }
            let mut stamped = (**doc).clone();
            stamped.saved_at = now.as_f64();
            stamped.writer = library.tab.clone();
            let record = Record::Document(doc.id.clone());
            ops.push(Op::Put {
                text: store::encode(&stamped),
                expect: self.store.expect(&record),
                record,
            });
        }
        ops.push(Op::Put {
            record: Record::Current,
            text: library.current_doc().id.clone(),
            expect: Expect::Anything,
        });
    }

    /// The library's writes; why one was left out, if one was.
    fn framework_ops(&self, now: Time, ops: &mut Vec<Op>) -> Option<String> {
        let mut too_large = None;
        for id in &self.shelf.removed {
            let record = Record::Framework(id.clone());
            ops.push(Op::Remove {
                expect: self.store.expect(&record),
                record,
            });
        }
        for item in self
            .shelf
            .items
            .iter()
            .filter(|i| self.shelf.dirty.contains(&i.id))
        {
            let stored = StoredFramework {
                id: item.id.clone(),
                framework: (*item.framework).clone(),
                saved_at: now.iso(),
            };
            let text = store::encode_framework(&stored);
            if text.len() > zipin_core::caps::FRAMEWORK_BYTES {
                too_large.get_or_insert(format!(
                    "评分框架“{}”过大，超过 {} 字节的上限，未保存",
                    item.framework.name,
                    zipin_core::caps::FRAMEWORK_BYTES
                ));
                continue;
            }
            let record = Record::Framework(item.id.clone());
            ops.push(Op::Put {
                text,
                expect: self.store.expect(&record),
                record,
            });
        }
        too_large
    }

    fn batch_ops(&mut self, ops: &mut Vec<Op>) {
        let Some(write) = self.batch.pending else {
            return;
        };
        let expect = self.store.expect(&Record::Batch);
        let units = self.batch.batch.as_ref().map(|b| b.units.as_slice());
        match (write, units) {
            (BatchWrite::Write, Some(units)) => {
                let text = store::encode_batch(units);
                if text.len() > MAX_BATCH_RECORD {
                    let mb = rust_decimal::Decimal::from(text.len())
                        .checked_div(rust_decimal::Decimal::from(1_048_576))
                        .map(|mb| {
                            mb.round_dp_with_strategy(
                                1,
                                rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                            )
                            .to_string()
                        })
                        .unwrap_or_default();
                    let batch = self.batch_mut();
                    batch.pending = None;
                    batch.kept = false;
                    batch.error = Some(format!(
                        "此汇总约 {mb} MB，为给文档留出浏览器的存储空间，超过 1.5 MB 的汇总不保留；可减少单位数后再保留"
                    ));
                    return;
                }
                ops.push(Op::Put {
                    record: Record::Batch,
                    text,
                    expect,
                });
            }
            (BatchWrite::Remove, _) | (BatchWrite::Write, None) => ops.push(Op::Remove {
                record: Record::Batch,
                expect,
            }),
        }
        self.batch_mut().pending = None;
    }
}

/// `Action::Storage`. Returns whether anything changed.
pub(super) fn reduce(s: &mut State, event: StorageEvent) -> bool {
    match event {
        StorageEvent::Tick(now) => tick(s, now),
        StorageEvent::Flush(now) => {
            s.store_mut().flush = true;
            tick(s, now);
            true
        }
        StorageEvent::Done(report) => {
            done(s, report);
            true
        }
        StorageEvent::Unavailable(error) => {
            let store = s.store_mut();
            store.unavailable = Some(error);
            store.outbox = None;
            true
        }
        StorageEvent::Changed {
            record,
            value,
            earlier_key,
        } => {
            let print = value.as_deref().map(fingerprint);
            if !earlier_key {
                // Already known (the value this tab wrote or was told of): nothing changed.
                if s.store.seen.get(&record).copied() == print {
                    return false;
                }
                s.store_mut().saw(&record, print);
            }
            changed(s, record, value, earlier_key);
            true
        }
        StorageEvent::Resolve { id, choice } => {
            resolve_conflict(s, &id, choice);
            true
        }
        StorageEvent::DismissUnreadable => {
            s.store_mut().unreadable.clear();
            true
        }
    }
}

/// Notes when the library changed, then asks for the I/O due now, if any.
fn tick(s: &mut State, now: Time) -> bool {
    let mut changed = false;
    if s.store.noted_revision != s.library.revision {
        let revision = s.library.revision;
        let unsaved = !s.is_saved();
        let store = s.store_mut();
        store.noted_revision = revision;
        store.changed_at = Some(now);
        if unsaved {
            store.unsaved_since.get_or_insert(now);
        }
        changed = true;
    }
    if s.shelf_or_batch_waits() && s.store.changed_at.is_none() {
        s.store_mut().changed_at = Some(now);
        changed = true;
    }
    if let Some(plan) = s.poll_io(now) {
        s.store_mut().outbox = Some(Rc::new(plan));
        changed = true;
    }
    changed
}

impl State {
    fn shelf_or_batch_waits(&self) -> bool {
        !self.shelf.is_saved() || self.batch.pending.is_some()
    }
}

/// The service's report on the plan it performed.
fn done(s: &mut State, report: Report) {
    let Some(plan) = s.store.outbox.clone().filter(|p| p.ticket == report.ticket) else {
        return;
    };
    s.store_mut().outbox = None;
    let at = plan.at;
    let mut written = Vec::new();
    let mut failures = Vec::new();
    let mut framework_error = plan.left_out.clone();
    let mut changes = Vec::new();
    for (op, result) in plan.ops.iter().zip(report.results) {
        let record = op.record().clone();
        match result {
            OpResult::Done(print) => {
                s.store_mut().saw(&record, print);
                match (&record, op) {
                    (Record::Document(id), Op::Put { .. }) => written.push(id.clone()),
                    (Record::Batch, _) => s.batch_mut().error = None,
                    _ => {}
                }
            }
            OpResult::Changed(value) => {
                s.store_mut()
                    .saw(&record, value.as_deref().map(fingerprint));
                changes.push((record, value));
            }
            OpResult::Failed(error) => match record {
                Record::Document(id) => failures.push((
                    id,
                    if matches!(op, Op::Remove { .. }) {
                        WriteKind::Removal
                    } else {
                        WriteKind::Document
                    },
                    error,
                )),
                Record::Current => failures.push((
                    s.library.current_doc().id.clone(),
                    WriteKind::Current,
                    error,
                )),
                Record::Framework(_) => {
                    framework_error.get_or_insert(error.to_string());
                }
                Record::Batch => {
                    let batch = s.batch_mut();
                    batch.kept = false;
                    batch.error = Some(match error {
                        AppError::QuotaExceeded(_) => {
                            "浏览器存储空间不足，汇总未保留（已保存的文档未改动）".to_string()
                        }
                        other => format!("汇总未能保留：{other}"),
                    });
                }
            },
        }
    }
    // What another tab wrote in the meantime is taken as its change — a conflict where this tab has unsaved edits,
    // which keeps the document waiting for the officer's answer rather than counted as written.
    for (record, value) in changes {
        changed(s, record, value, false);
    }
    if let Some(revision) = plan.documents {
        documents_saved(s, revision, at, &written, failures);
    }
    if let Some(revision) = plan.frameworks {
        let shelf = s.shelf_mut();
        match framework_error {
            None => {
                shelf.saved_revision = shelf.saved_revision.max(revision);
                if shelf.saved_revision >= shelf.revision {
                    shelf.dirty.clear();
                    shelf.removed.clear();
                }
                shelf.error = None;
            }
            Some(message) => {
                shelf.error = Some(message);
                // Not tried again until the next change: the message stays.
                shelf.saved_revision = shelf.saved_revision.max(revision);
            }
        }
    }
}

fn documents_saved(
    s: &mut State,
    revision: u64,
    at: Time,
    written: &[String],
    failures: Vec<(String, WriteKind, AppError)>,
) {
    let tab = s.library.tab.clone();
    let conflicted: Vec<String> = s.store.conflicts.iter().map(|c| c.id.clone()).collect();
    let library = s.library_mut();
    // The copies in memory now carry the time they were stored, to tell which of two versions is newer.
    for id in written {
        if let Some(index) = library.index_of(id) {
            if let Some(doc) = library.docs.get(index) {
                let mut stored = (**doc).clone();
                stored.saved_at = at.as_f64();
                stored.writer = tab.clone();
                library.replace(index, stored);
            }
        }
    }
    let failures: Vec<WriteFailure> = failures
        .into_iter()
        .map(|(id, what, error)| WriteFailure {
            label: library
                .get(&id)
                .map_or_else(|| "已删除的文档".to_string(), |d| d.label()),
            id,
            what,
            error,
        })
        .collect();
    if revision >= library.revision {
        // Written: no longer pending. A failed write stays pending, and so does a document waiting for the
        // officer's answer to a conflict.
        let pending =
            |id: &String, kind: WriteKind| failures.iter().any(|f| f.id == *id && f.what == kind);
        library.dirty = library
            .dirty
            .iter()
            .filter(|id| pending(id, WriteKind::Document) || conflicted.contains(id))
            .cloned()
            .collect();
        library.removed = library
            .removed
            .iter()
            .filter(|id| pending(id, WriteKind::Removal))
            .cloned()
            .collect();
    }
    let store = s.store_mut();
    store.saved_at = Some(at);
    store.unavailable = None;
    if failures.is_empty() {
        store.saved_revision = store.saved_revision.max(revision);
    }
    // Written, or failed: either way nothing is due until the next change (a failed write is tried again with
    // the next edit, not in a loop).
    store.unsaved_since = None;
    store.changed_at = None;
    store.failures = failures;
}

/// A record's value changed under this tab (another tab's write, seen by its event or by a compare before write).
fn changed(s: &mut State, record: Record, value: Option<String>, earlier_key: bool) {
    let Some(source) = record.source() else {
        return;
    };
    match record {
        Record::Document(id) => {
            let change = match value {
                None => External::Removed(id),
                Some(text) => {
                    match core_receive::receive(&Source::OtherTab(source), Accept::Document, &text)
                    {
                        Received::StoredDocument(theirs) if earlier_key => {
                            External::SavedUnderEarlierKey(theirs)
                        }
                        Received::StoredDocument(theirs) => External::Saved(theirs),
                        Received::Newer { why } => External::Unreadable { id, reason: why },
                        Received::Refused(refused) => External::Unreadable {
                            id,
                            reason: refused.to_string(),
                        },
                        _ => return,
                    }
                }
            };
            external(s, change);
        }
        Record::Framework(id) => {
            let change = match value {
                None => FrameworkChange::Removed(id),
                Some(text) => {
                    match core_receive::receive(&Source::OtherTab(source), Accept::Framework, &text)
                    {
                        Received::StoredFramework { stored, problems } => {
                            FrameworkChange::Saved(framework_item(*stored, problems))
                        }
                        Received::Newer { why } => FrameworkChange::Unreadable { id, reason: why },
                        Received::Refused(refused) => FrameworkChange::Unreadable {
                            id,
                            reason: refused.to_string(),
                        },
                        _ => return,
                    }
                }
            };
            framework_external(s, change);
        }
        Record::Batch => {
            // Another tab kept (or cleared) its own batch: this tab's is not written over it unasked.
            if s.batch.kept {
                let batch = s.batch_mut();
                batch.kept = false;
                batch.error = Some(
                    "保留的汇总已在另一个窗口中更改，本窗口未覆盖它；再次勾选“保留”将以本窗口的汇总覆盖".to_string(),
                );
            }
        }
        Record::Current => {}
    }
}

/// A change another tab made to a stored document, as read by the core.
#[derive(Debug, Clone, PartialEq)]
enum External {
    /// Another tab saved a document (read-only when its schema is newer than this version knows).
    Saved(Box<StoredDocument>),
    /// A tab of an earlier version saved a document under the keys without the page's path.
    SavedUnderEarlierKey(Box<StoredDocument>),
    /// Another tab saved a document this version cannot read (a newer version of the app).
    Unreadable { id: String, reason: String },
    /// Another tab deleted a document.
    Removed(String),
}

/// Another tab's change to a document this tab has unsaved edits to.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub id: String,
    /// The document's name here.
    pub label: String,
    pub theirs: Theirs,
    /// When this tab last stored its version (0 if never), to say which is newer.
    pub mine_saved_at: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Theirs {
    /// Their version; `read_only` when a newer version of the app wrote it.
    Saved(Rc<StoredDocument>),
    /// Their version cannot be read here (a newer version of the app).
    Unreadable {
        reason: String,
    },
    Removed,
}

impl Conflict {
    /// Whether keeping this tab's version would overwrite data this version cannot fully read.
    pub fn theirs_is_newer_format(&self) -> bool {
        match &self.theirs {
            Theirs::Saved(theirs) => theirs.read_only,
            Theirs::Unreadable { .. } => true,
            Theirs::Removed => false,
        }
    }

    /// The choices that lose nothing the officer did not choose to lose.
    pub fn choices(&self) -> Vec<Resolution> {
        match &self.theirs {
            Theirs::Removed => vec![Resolution::KeepMine, Resolution::TakeTheirs],
            _ if self.theirs_is_newer_format() => {
                vec![Resolution::KeepBoth, Resolution::TakeTheirs]
            }
            Theirs::Saved(_) | Theirs::Unreadable { .. } => vec![
                Resolution::KeepMine,
                Resolution::TakeTheirs,
                Resolution::KeepBoth,
            ],
        }
    }
}

/// The officer's answer to a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// This tab's version is written again (and so becomes the latest for every tab).
    KeepMine,
    /// The other tab's version (or deletion) is taken; this tab's unsaved edits are dropped.
    TakeTheirs,
    /// This tab's version is kept as a new document; the original takes the other tab's version.
    KeepBoth,
}

impl State {
    /// Whether a document has edits here that are not stored yet.
    fn has_unsaved_edits(&self, id: &str) -> bool {
        self.library.dirty.contains(id) || self.store.conflict(id).is_some()
    }

    /// Puts `stored` in place of the document at `index` (another tab's version), keeping the view consistent.
    fn replace_document(&mut self, index: usize, stored: StoredDocument) {
        let library = self.library_mut();
        library.dirty.remove(&stored.id);
        library.replace(index, stored);
        if index == library.current {
            // The undo steps were of the version just replaced.
            library.history.clear();
            library.size_bound = None;
            library.rederive();
        }
    }

    fn raise(&mut self, index: usize, theirs: Theirs) {
        let Some(mine) = self.library.docs.get(index) else {
            return;
        };
        let conflict = Conflict {
            id: mine.id.clone(),
            label: mine.label(),
            theirs,
            mine_saved_at: mine.saved_at,
        };
        self.say(format!(
            "“{}”已在另一个窗口中{}，本窗口有未保存的修改，请选择保留哪个版本",
            conflict.label,
            if conflict.theirs == Theirs::Removed {
                "删除"
            } else {
                "修改"
            }
        ));
        let store = self.store_mut();
        store.conflicts.retain(|c| c.id != conflict.id);
        store.conflicts.push(conflict);
    }
}

/// Another tab changed the stored documents. Without unsaved edits here, its change is taken (and said);
/// with them, the officer is asked. Data this tab cannot read is never overwritten.
fn external(s: &mut State, change: External) {
    match change {
        External::Saved(theirs) => {
            let Some(index) = s.library.index_of(&theirs.id) else {
                // A new document, or one this tab deleted since its last save: the other tab's work is kept (and
                // the deletion can no longer be undone here, or the document would be listed twice).
                let label = theirs.label();
                let library = s.library_mut();
                library.removed.remove(&theirs.id);
                if library
                    .deleted
                    .as_ref()
                    .is_some_and(|(_, d)| d.id == theirs.id)
                {
                    library.deleted = None;
                }
                library.docs.push(Rc::new(*theirs));
                s.say(format!("另一个窗口保存了“{label}”，已加入文档列表"));
                return;
            };
            let same =
                s.library.docs.get(index).is_some_and(|mine| {
                    mine.document == theirs.document && mine.title == theirs.title
                });
            if s.has_unsaved_edits(&theirs.id) && !same {
                s.raise(index, Theirs::Saved(Rc::new(*theirs)));
            } else {
                // Nothing unsaved here, or the same content (two tabs that saved the same thing): nothing to ask.
                s.say(format!(
                    "“{}”已在另一个窗口中修改，已载入最新版本",
                    theirs.label()
                ));
                s.store_mut().conflicts.retain(|c| c.id != theirs.id);
                s.replace_document(index, *theirs);
            }
        }
        External::SavedUnderEarlierKey(theirs) => {
            // An open tab of an earlier version still writes the keys without the page's path: its work is taken
            // and written under this page's keys, so a reload does not go back to an older copy.
            let id = theirs.id.clone();
            external(s, External::Saved(theirs));
            if s.library.index_of(&id).is_some() && s.store.conflict(&id).is_none() {
                s.library_mut().changed(&id);
            }
        }
        External::Unreadable { id, reason } => {
            let Some(index) = s.library.index_of(&id) else {
                // Deleted here and not yet removed from storage: a newer version's data is not removed either.
                s.library_mut().removed.remove(&id);
                return;
            };
            if s.has_unsaved_edits(&id) {
                s.raise(index, Theirs::Unreadable { reason });
            } else if let Some(doc) = s.library.docs.get(index) {
                // Newer than this version can read: this tab's copy is shown read-only and never written.
                let mut mine = (**doc).clone();
                mine.read_only = true;
                s.say(format!(
                    "“{}”已被较新版本的程序在另一个窗口中修改，本窗口改为只读",
                    mine.label()
                ));
                s.replace_document(index, mine);
            }
        }
        External::Removed(id) => {
            let Some(index) = s.library.index_of(&id) else {
                return;
            };
            if s.has_unsaved_edits(&id) {
                s.raise(index, Theirs::Removed);
            } else if let Some(gone) = s.library_mut().take_out(index) {
                s.say(format!("“{}”已在另一个窗口中删除", gone.label()));
            }
        }
    }
}

/// The officer's answer to the conflict on document `id`; it acts on that document only, whichever is open.
fn resolve_conflict(s: &mut State, id: &str, choice: Resolution) {
    let Some(position) = s.store.conflicts.iter().position(|c| c.id == id) else {
        return;
    };
    if !s
        .store
        .conflicts
        .get(position)
        .is_some_and(|c| c.choices().contains(&choice))
    {
        return;
    }
    let conflict = s.store_mut().conflicts.remove(position);
    let Some(index) = s.library.index_of(id) else {
        return;
    };
    match choice {
        Resolution::KeepMine => {
            // Writing ours again makes it the latest for every tab (and brings back one deleted there).
            s.library_mut().changed(&conflict.id);
            s.say(format!("已保留本窗口的“{}”", conflict.label));
        }
        Resolution::TakeTheirs => {
            take_theirs(s, index, conflict.theirs);
            s.say(format!("已采用另一窗口的“{}”", conflict.label));
        }
        Resolution::KeepBoth => {
            let Some(mine) = s.library.docs.get(index).map(|d| d.document.clone()) else {
                return;
            };
            let title = format!("{}（本窗口的版本）", conflict.label);
            take_theirs(s, index, conflict.theirs);
            s.library_mut().add(mine, title);
            s.say(format!("已将本窗口的“{}”另存为新文档", conflict.label));
        }
    }
}

fn take_theirs(s: &mut State, index: usize, theirs: Theirs) {
    match theirs {
        Theirs::Saved(theirs) => s.replace_document(index, (*theirs).clone()),
        Theirs::Unreadable { .. } => {
            if let Some(doc) = s.library.docs.get(index) {
                let mut mine = (**doc).clone();
                mine.read_only = true;
                s.replace_document(index, mine);
            }
        }
        Theirs::Removed => {
            s.library_mut().take_out(index);
        }
    }
}

/// What another tab did to the framework library, as the core read it.
#[derive(Debug, Clone, PartialEq)]
enum FrameworkChange {
    Saved(ShelfItem),
    Removed(String),
    /// Written in a form this tab cannot read (a newer version, or damaged): kept as it is, never written over.
    Unreadable {
        id: String,
        reason: String,
    },
}

/// Another tab's write wins when this tab has nothing unsaved of that framework; with unsaved changes here, this
/// tab's version stays and is not written over theirs until it is saved under a new name. A framework the other
/// tab deleted or wrote in a form this tab cannot read leaves this tab's list, so it is never written back.
fn framework_external(s: &mut State, change: FrameworkChange) {
    match change {
        FrameworkChange::Saved(item) => {
            let id = item.id.clone();
            let shelf = s.shelf_mut();
            shelf.dirty.remove(&id);
            shelf.removed.remove(&id);
            shelf.put(item);
        }
        FrameworkChange::Removed(id) => {
            if let Some(item) = s.shelf_mut().forget(&id) {
                s.say(format!(
                    "另一个标签页删除了评分框架“{}”",
                    item.framework.name
                ));
            }
        }
        FrameworkChange::Unreadable { id, reason } => {
            let key = format!("评分框架 {id}");
            let shelf = s.shelf_mut();
            shelf.forget(&id);
            shelf.unreadable.retain(|(k, _)| *k != key);
            shelf.unreadable.push((key, reason));
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::collections::BTreeMap;

    use yew::Reducible;
    use zipin_core::fields::Field;

    use super::*;
    use crate::state::tests::set_text;
    use crate::state::{Action, BatchAction, Door, Incoming, LibraryAction, ShelfAction, Start};

    /// localStorage as a map, shared by the "tabs" of a test.
    #[derive(Default)]
    struct Memory(BTreeMap<Record, String>);

    impl Backend for Memory {
        fn get(&self, record: &Record) -> Result<Option<String>, AppError> {
            Ok(self.0.get(record).cloned())
        }
        fn put(&mut self, record: &Record, text: &str) -> Result<(), AppError> {
            if text.len() > 6_000_000 {
                return Err(AppError::QuotaExceeded("full".into()));
            }
            self.0.insert(record.clone(), text.to_string());
            Ok(())
        }
        fn remove(&mut self, record: &Record) -> Result<(), AppError> {
            self.0.remove(record);
            Ok(())
        }
    }

    fn tick(s: Rc<State>, ms: u64) -> Rc<State> {
        s.reduce(Action::Storage(StorageEvent::Tick(Time::from_millis(ms))))
    }

    /// The shell's part: perform what the state asks, report back.
    fn serve(s: Rc<State>, storage: &mut Memory) -> Rc<State> {
        match s.store.outbox.clone() {
            Some(plan) => {
                let report = perform(&plan, storage);
                s.reduce(Action::Storage(StorageEvent::Done(report)))
            }
            None => s,
        }
    }

    /// Ticks at `ms` and performs what is due.
    fn at(s: Rc<State>, ms: u64, storage: &mut Memory) -> Rc<State> {
        serve(tick(s, ms), storage)
    }

    fn doc_text(storage: &Memory, id: &str) -> StoredDocument {
        let raw = storage.0.get(&Record::Document(id.into())).expect("stored");
        match core_receive::receive(
            &Source::Stored(core_receive::Record::Document(id.into())),
            Accept::Document,
            raw,
        ) {
            Received::StoredDocument(doc) => *doc,
            other => panic!("{other:?}"),
        }
    }

    /// A second tab's copy of a stored document, renamed and written straight to storage (its event not sent).
    fn other_tab_writes(storage: &mut Memory, id: &str, name: &str) {
        let mut theirs = doc_text(storage, id);
        theirs.document.unit.name = name.into();
        theirs.writer = "other".into();
        theirs.saved_at = 9.0;
        storage
            .0
            .insert(Record::Document(id.into()), store::encode(&theirs));
    }

    #[test]
    fn documents_wait_for_a_pause_in_typing_then_everything_is_written() {
        let mut storage = Memory::default();
        let s = Rc::new(State::initial());
        let s = at(s, 1_000, &mut storage);
        assert!(
            s.store.outbox.is_none() && !s.is_saved(),
            "not before the pause"
        );
        assert_eq!(s.poll_timeout(), Some(Time::from_millis(1_300)));
        let s = at(s, 1_300, &mut storage);
        assert!(s.is_saved());
        let id = s.library.current_doc().id.clone();
        assert_eq!(doc_text(&storage, &id).document, *s.doc());
        assert_eq!(storage.0.get(&Record::Current), Some(&id));
        assert_eq!(s.library.current_doc().saved_at, 1_300.0);
        assert_eq!(s.poll_timeout(), None, "nothing left to do");
    }

    #[test]
    fn typing_without_a_pause_is_written_after_at_most_two_seconds() {
        let mut storage = Memory::default();
        let s = at(Rc::new(State::initial()), 0, &mut storage);
        let s = at(s, 300, &mut storage);
        let id = s.library.current_doc().id.clone();
        // A keystroke every 250 ms from 1 s on: never a 300 ms pause.
        let mut s = s;
        let mut written_while_typing = None;
        for (n, ms) in (0..16).zip((1_000..).step_by(250)) {
            s = s.reduce(set_text(Field::UnitName, &format!("名{n}")));
            s = at(s, ms, &mut storage);
            let stored = doc_text(&storage, &id).document.unit.name;
            if stored != "广东省科技监测中心" && written_while_typing.is_none() {
                written_while_typing = Some((ms, stored));
            }
        }
        let (ms, stored) = written_while_typing.expect("written while typing went on");
        assert!((3_000..=3_250).contains(&ms), "written at {ms} ms");
        assert_eq!(stored, "名8", "what was typed by then");
    }

    #[test]
    fn an_autosave_landing_between_another_tabs_write_and_its_event_overwrites_nothing() {
        let mut storage = Memory::default();
        let s = at(Rc::new(State::initial()), 0, &mut storage);
        let s = at(s, 300, &mut storage);
        assert!(s.is_saved());
        let id = s.library.current_doc().id.clone();
        // Another tab saves its version; its `storage` event has not arrived here yet.
        other_tab_writes(&mut storage, &id, "另一窗口");
        // The officer types here, and the autosave comes due.
        let s = s.reduce(set_text(Field::UnitName, "本窗口"));
        let s = at(s, 1_000, &mut storage);
        let s = at(s, 1_400, &mut storage);
        assert_eq!(
            doc_text(&storage, &id).document.unit.name,
            "另一窗口",
            "their write is not overwritten"
        );
        assert_eq!(
            s.doc().unit.name,
            "本窗口",
            "nor is the officer's work lost"
        );
        let conflict = s.store.conflict(&id).expect("the officer is asked");
        assert!(
            matches!(&conflict.theirs, Theirs::Saved(theirs) if theirs.document.unit.name == "另一窗口")
        );
        // The event arriving late changes nothing: it is the value already seen.
        let late = storage.0.get(&Record::Document(id.clone())).cloned();
        let after = s.clone().reduce(Action::Storage(StorageEvent::Changed {
            record: Record::Document(id.clone()),
            value: late,
            earlier_key: false,
        }));
        assert!(Rc::ptr_eq(&s, &after));
        // Keeping both: theirs stays under its id, this tab's version is a new document, and both are stored.
        let s = s.reduce(Action::Storage(StorageEvent::Resolve {
            id: id.clone(),
            choice: Resolution::KeepBoth,
        }));
        let s = at(s, 2_000, &mut storage);
        let s = at(s, 2_300, &mut storage);
        assert!(s.is_saved() && s.store.conflicts.is_empty());
        assert_eq!(doc_text(&storage, &id).document.unit.name, "另一窗口");
        let mine = s.library.current_doc().id.clone();
        assert_ne!(mine, id);
        assert_eq!(doc_text(&storage, &mine).document.unit.name, "本窗口");
    }

    #[test]
    fn a_framework_changed_by_another_tab_is_not_overwritten_by_this_tabs_write() {
        let mut storage = Memory::default();
        let s = at(Rc::new(State::initial()), 0, &mut storage);
        let s = s.reduce(Action::Shelf(ShelfAction::New(Start::CurrentDocument)));
        let s = at(s, 10, &mut storage);
        assert!(s.shelf.is_saved());
        let id = s.shelf.items[0].id.clone();
        let record = Record::Framework(id.clone());
        // Another tab renames it; then this tab edits before the event arrives.
        let mut theirs = (*s.shelf.items[0].framework).clone();
        theirs.name = "另一窗口的框架".into();
        let text = store::encode_framework(&StoredFramework {
            id: id.clone(),
            framework: theirs,
            saved_at: "2026-12-07T00:00:00Z".into(),
        });
        storage.0.insert(record.clone(), text.clone());
        let s = s.reduce(Action::Shelf(ShelfAction::Edit(
            zipin_core::framework::FrameworkEdit::Rename(
                zipin_core::framework::Place::Level1(0),
                "本窗口改".into(),
            ),
        )));
        let s = at(s, 20, &mut storage);
        assert_eq!(storage.0.get(&record), Some(&text), "theirs stays stored");
        assert_eq!(
            s.shelf.items[0].framework.name, "另一窗口的框架",
            "theirs is shown"
        );
        assert!(
            s.shelf.undo.can_undo(),
            "this tab's edit can be brought back with undo"
        );
    }

    #[test]
    fn the_kept_batch_is_written_only_when_asked_and_never_over_another_tabs() {
        let mut storage = Memory::default();
        let s = at(Rc::new(State::initial()), 0, &mut storage);
        let unit = |i| Incoming::document(format!("u{i}.json"), zipin_core::samples::varied(i));
        let s = s.reduce(Action::Receive(Door::Summary, vec![unit(0), unit(1)]));
        let s = at(s, 10, &mut storage);
        assert!(!storage.0.contains_key(&Record::Batch), "not kept unasked");
        let s = s.reduce(Action::Batch(BatchAction::Keep(true)));
        let s = at(s, 20, &mut storage);
        assert!(storage.0.contains_key(&Record::Batch) && s.batch.kept);
        // Another tab keeps its own batch; this tab adds a unit while kept: theirs is not overwritten.
        storage
            .0
            .insert(Record::Batch, "{\"format\":\"zipin.batch\"}".into());
        let s = s.reduce(Action::Receive(Door::Summary, vec![unit(2)]));
        let s = at(s, 30, &mut storage);
        assert_eq!(
            storage.0.get(&Record::Batch).map(String::as_str),
            Some("{\"format\":\"zipin.batch\"}")
        );
        assert!(
            !s.batch.kept && s.batch.error.is_some(),
            "{:?}",
            s.batch.error
        );
        // Cleared: removed only when asked, and only what this tab last saw.
        let s = s.reduce(Action::Batch(BatchAction::Keep(true)));
        let s = at(s, 40, &mut storage);
        assert!(s.batch.kept);
        let s = s.reduce(Action::Batch(BatchAction::Clear));
        let _ = at(s, 50, &mut storage);
        assert!(!storage.0.contains_key(&Record::Batch));
    }

    #[test]
    fn removals_first_then_documents_then_the_open_one() {
        let mut storage = Memory::default();
        let s = at(Rc::new(State::initial()), 0, &mut storage);
        let s = at(s, 300, &mut storage);
        let seed = s.library.current_doc().id.clone();
        let s = s.reduce(Action::Library(LibraryAction::OpenSample("example")));
        let s = s.reduce(Action::Library(LibraryAction::Duplicate));
        let s = s.reduce(Action::Library(LibraryAction::Delete(seed.clone())));
        let s = s.reduce(Action::Storage(StorageEvent::Flush(Time::from_millis(400))));
        let plan = s.store.outbox.clone().expect("flushed at once");
        let order: Vec<String> = plan
            .ops
            .iter()
            .map(|op| match op {
                Op::Remove {
                    record: Record::Document(id),
                    ..
                } => format!("remove {id}"),
                Op::Put {
                    record: Record::Document(id),
                    ..
                } => format!("doc {id}"),
                Op::Put {
                    record: Record::Current,
                    text,
                    ..
                } => format!("current {text}"),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            order,
            [
                "remove test-2",
                "doc test-4",
                "doc test-3",
                "current test-4"
            ]
        );
        let s = serve(s, &mut storage);
        assert!(s.is_saved());
        assert!(!storage.0.contains_key(&Record::Document(seed)));
    }

    #[test]
    fn a_failed_write_is_reported_by_document_and_tried_again() {
        struct Full;
        impl Backend for Full {
            fn get(&self, _: &Record) -> Result<Option<String>, AppError> {
                Ok(None)
            }
            fn put(&mut self, _: &Record, _: &str) -> Result<(), AppError> {
                Err(AppError::QuotaExceeded("full".into()))
            }
            fn remove(&mut self, _: &Record) -> Result<(), AppError> {
                Ok(())
            }
        }
        let s = tick(Rc::new(State::initial()), 0);
        let s = tick(s, 300);
        let plan = s.store.outbox.clone().expect("due");
        let s = s.reduce(Action::Storage(StorageEvent::Done(perform(
            &plan, &mut Full,
        ))));
        assert!(!s.is_saved() && s.store.has_error() && s.store.is_full());
        assert_eq!(s.store.failures.len(), 2, "{:?}", s.store.failures);
        assert_eq!(s.poll_timeout(), None, "not tried again in a loop");
        let mut storage = Memory::default();
        let s = s.reduce(set_text(Field::UnitName, "再试"));
        let s = at(s, 1_000, &mut storage);
        let s = at(s, 1_300, &mut storage);
        assert!(s.is_saved() && !s.store.has_error());
    }

    #[test]
    fn another_tabs_save_is_taken_when_nothing_here_is_unsaved_and_asked_about_otherwise() {
        let mut storage = Memory::default();
        let s = at(Rc::new(State::initial()), 0, &mut storage);
        let s = at(s, 300, &mut storage);
        let id = s.library.current_doc().id.clone();
        let changed = |s: Rc<State>, storage: &Memory| {
            s.reduce(Action::Storage(StorageEvent::Changed {
                record: Record::Document(id.clone()),
                value: storage.0.get(&Record::Document(id.clone())).cloned(),
                earlier_key: false,
            }))
        };
        other_tab_writes(&mut storage, &id, "另一窗口");
        let s = changed(s, &storage);
        assert_eq!(s.doc().unit.name, "另一窗口");
        assert!(s.store.conflicts.is_empty());
        let s = s.reduce(set_text(Field::UnitName, "本窗口"));
        other_tab_writes(&mut storage, &id, "又一次");
        let s = changed(s, &storage);
        assert_eq!(s.doc().unit.name, "本窗口");
        assert!(s.store.conflict(&id).is_some());
        // Removed in the other tab with edits here: asked; taking the removal leaves a document open.
        storage.0.remove(&Record::Document(id.clone()));
        let s = changed(s, &storage);
        let s = s.reduce(Action::Storage(StorageEvent::Resolve {
            id: id.clone(),
            choice: Resolution::TakeTheirs,
        }));
        assert!(s.library.index_of(&id).is_none());
        assert_eq!(s.library.docs.len(), 1);
    }
}
