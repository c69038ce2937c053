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

use zipin_core::receive as core_receive;
use zipin_core::store::{self, StoredFramework};

use super::{BatchWrite, State, Time};
use crate::error::AppError;

mod others;
mod read;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use others::{changed, resolve_conflict};
pub use others::{Conflict, Resolution, Theirs};
pub(super) use read::read_stored;

/// A pause in typing this long makes the documents due to be written: a burst of keystrokes is one write.
pub const SAVE_PAUSE_MS: u64 = 300;
/// The longest an edit waits to be written while typing goes on without a pause.
pub const SAVE_AT_MOST_MS: u64 = 2_000;
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
    /// The documents' revision written (`State::library`), when they are part of the plan.
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

/// What the storage service, the clock or another tab reports, and the officer's answers about what is stored.
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
    /// Another page of the origin cleared the whole storage (`localStorage.clear()`).
    Cleared,
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
    /// The documents' revision last written.
    pub saved_revision: u64,
    /// When this tab last wrote each document (kept here, not stamped on the documents in memory, so a save
    /// replaces nothing the page shows).
    pub stamps: BTreeMap<String, Time>,
    /// The documents' revision whose change time is noted; when it changed last, and since when edits are unsaved.
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

impl State {
    /// When the state next wants a `Tick`: a pause after the last edit (at most `SAVE_AT_MOST_MS` after the first
    /// unsaved one), at once for the framework shelf and the kept batch; `None` while a plan is out or nothing is to be written.
    pub fn poll_timeout(&self) -> Option<Time> {
        let store = &self.store;
        if store.outbox.is_some() {
            return None;
        }
        let mut wake = self.documents_due_at();
        if self.shelf_or_batch_waits() {
            let now = store.changed_at.unwrap_or_default();
            wake = Some(wake.map_or(now, |w| w.min(now)));
        }
        wake
    }

    /// When the unsaved documents are due: a pause after the last change, at most `SAVE_AT_MOST_MS` after the
    /// first unsaved one; `None` when they are saved or no change time is noted.
    fn documents_due_at(&self) -> Option<Time> {
        if self.is_saved() {
            return None;
        }
        let store = &self.store;
        let pause = store.changed_at?.plus_millis(SAVE_PAUSE_MS);
        Some(match store.unsaved_since {
            Some(since) => pause.min(since.plus_millis(SAVE_AT_MOST_MS)),
            None => pause,
        })
    }

    /// Whether the framework shelf or the kept batch has something to write (both are written at once).
    fn shelf_or_batch_waits(&self) -> bool {
        !self.shelf.is_saved() || self.batch.pending.is_some()
    }

    /// Whether something to write changed that the store has not noted the time of (an action that came without
    /// its time, as in tests): the shell then sends a `Tick`.
    pub fn wants_tick(&self) -> bool {
        self.store.noted_revision != self.library.revision
            || (self.shelf_or_batch_waits() && self.store.outbox.is_none())
    }

    /// The I/O due at `now`, if any: the documents after a pause in typing (or at once when flushing), the
    /// framework shelf and the kept batch at once. Each write carries the fingerprint this tab last saw.
    fn poll_io(&mut self, now: Time) -> Option<Plan> {
        if self.store.outbox.is_some() {
            return None;
        }
        let mut ops = Vec::new();
        let documents_due = !self.is_saved()
            && (self.store.flush || self.documents_due_at().is_some_and(|due| now >= due));
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
        // A flush with nothing due has done its work too.
        if self.store.flush {
            self.store_mut().flush = false;
        }
        if documents.is_none() && frameworks.is_none() && ops.is_empty() {
            return None;
        }
        let store = self.store_mut();
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

    /// The framework shelf's writes; why one was left out, if one was.
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
            (BatchWrite::Write, Some(units)) => match store::encode_kept_batch(units) {
                Ok(text) => ops.push(Op::Put {
                    record: Record::Batch,
                    text,
                    expect,
                }),
                Err(too_large) => {
                    let batch = self.batch_mut();
                    batch.pending = None;
                    batch.kept = false;
                    batch.error = Some(too_large.to_string());
                    return;
                }
            },
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
            // Said, and tried again with the next change (not in a loop).
            let store = s.store_mut();
            store.unavailable = Some(error);
            store.outbox = None;
            store.flush = false;
            store.changed_at = None;
            store.unsaved_since = None;
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
        StorageEvent::Cleared => {
            cleared(s);
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

/// The state after an action that came in at `now`: the change it made is noted with its time and what is due is
/// planned, in the same step (so a keystroke is one reduce and one render, not two).
pub(super) fn noted(state: Rc<State>, now: Time) -> Rc<State> {
    let mut s = (*state).clone();
    if tick(&mut s, now) {
        Rc::new(s)
    } else {
        state
    }
}

/// Everything stored was wiped by another page (another app of the same github.io owner, say): nothing this tab
/// holds is lost — its documents, frameworks and kept batch are written back, and the officer is told. (One
/// document deleted in another tab is another matter: `StorageEvent::Changed` with no value.)
fn cleared(s: &mut State) {
    s.store_mut().seen.clear();
    let writable: Vec<String> = s
        .library
        .docs
        .iter()
        .filter(|d| !d.read_only)
        .map(|d| d.id.clone())
        .collect();
    let library = s.library_mut();
    library.dirty.extend(writable);
    library.bump();
    let ids: Vec<String> = s.shelf.items.iter().map(|i| i.id.clone()).collect();
    let shelf = s.shelf_mut();
    for id in ids {
        shelf.changed(&id);
    }
    if s.batch.kept {
        s.batch_mut().pending = Some(BatchWrite::Write);
    }
    s.store_mut().flush = true;
    s.say("本机存储已被同一网站的其他页面清空；本窗口中的文档和评分框架已重新保存，未丢失");
}

/// Notes when the documents changed, then asks for the I/O due now, if any.
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
    let conflicted: Vec<String> = s.store.conflicts.iter().map(|c| c.id.clone()).collect();
    for id in written {
        s.store_mut().stamps.insert(id.clone(), at);
    }
    let library = s.library_mut();
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
    let all_written = failures.is_empty() && revision >= library.revision;
    let store = s.store_mut();
    store.unavailable = None;
    if failures.is_empty() {
        store.saved_revision = store.saved_revision.max(revision);
    }
    if all_written || !failures.is_empty() {
        // Written, or failed: either way nothing is due until the next change (a failed write is tried again with
        // the next edit, not in a loop).
        store.unsaved_since = None;
        store.changed_at = None;
    } else {
        // Edited while the plan was out: what was typed since waits for its own pause, at most the longest wait.
        store.unsaved_since = store.changed_at;
    }
    store.failures = failures;
}
