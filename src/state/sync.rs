//! Keeping this browser's storage in step: what the storage adapter found on load, what it must write next
//! (`pending_writes`, decided here so the rules are tested natively; the adapter only performs them), saves done
//! or failed, another tab's writes and the conflict they can make.

use std::rc::Rc;

use zipin_core::store::StoredDocument;

use super::{History, State};
use crate::error::AppError;

/// What the storage adapter found on load and reports while saving.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StorageState {
    /// Stored values that could not be read: kept untouched, offered for export.
    pub unreadable: Vec<Unreadable>,
    /// The writes of the last save that failed, each with its document: shown until a save succeeds.
    pub failures: Vec<WriteFailure>,
    /// localStorage cannot be used at all.
    pub unavailable: Option<AppError>,
    /// Documents another tab changed or deleted while this tab had unsaved edits to them: each waits for the
    /// officer's choice, and is not written until then.
    pub conflicts: Vec<Conflict>,
    /// Revision of the last successful save, and when (ms since epoch).
    pub saved_revision: u64,
    pub saved_at: Option<f64>,
}

impl StorageState {
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
}

#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub key: String,
    pub raw: String,
    pub reason: String,
}

/// Everything the storage adapter read at start-up.
pub struct Loaded {
    pub docs: Vec<StoredDocument>,
    pub current_id: Option<String>,
    pub unreadable: Vec<Unreadable>,
    pub unavailable: Option<AppError>,
    /// Documents stored under the keys of an earlier version, to be written under this page's keys.
    pub to_move: Vec<String>,
}

/// One thing the storage adapter must do to save the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    /// Store this document, stamped with the time of the save and this tab.
    Document(Box<StoredDocument>),
    /// Remove the stored copy of a deleted document (by id).
    Remove(String),
    /// Remember which document is open (by id), so the next visit opens it.
    Current(String),
}

impl Write {
    /// The document the write is about.
    pub fn id(&self) -> &str {
        match self {
            Write::Document(doc) => &doc.id,
            Write::Remove(id) | Write::Current(id) => id,
        }
    }
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

/// What the adapter did with a plan: the revision it was computed at, when, and the writes that failed (every
/// write is attempted).
#[derive(Debug, Clone, PartialEq)]
pub struct SaveReport {
    pub revision: u64,
    pub at: f64,
    pub written: Vec<String>,
    pub failures: Vec<(Write, AppError)>,
}

/// What saving `state` at time `now` (ms since epoch) must write, in order: the removals first (so deleting
/// documents frees room for the rest when storage is full), then the documents changed since the last save, then
/// the current document.
pub fn pending_writes(state: &State, now: f64) -> Vec<Write> {
    let mut writes: Vec<Write> = state.removed.iter().cloned().map(Write::Remove).collect();
    writes.extend(
        state
            .docs
            .iter()
            .filter(|d| state.dirty.contains(&d.id))
            // A newer-schema document is never written back; a conflicted one waits for the officer's choice; a
            // share-link preview is not stored until the officer saves it.
            .filter(|d| !d.read_only && !d.transient && state.conflict(&d.id).is_none())
            .map(|d| {
                let mut stamped = (**d).clone();
                stamped.saved_at = now;
                stamped.writer = state.tab.clone();
                Write::Document(Box::new(stamped))
            }),
    );
    // A share-link preview is not remembered as the current document: it is not stored.
    if !state.current_doc().transient {
        writes.push(Write::Current(state.current_doc().id.clone()));
    }
    writes
}

pub(super) fn saved(s: &mut State, report: SaveReport) {
    let SaveReport {
        revision,
        at,
        written,
        failures,
    } = report;
    // The copies in memory now carry the time they were stored, to tell which of two versions is newer.
    for id in &written {
        if let Some(index) = s.docs.iter().position(|d| d.id == *id) {
            let mut stored = (*s.docs[index]).clone();
            stored.saved_at = at;
            stored.writer = s.tab.clone();
            s.docs[index] = Rc::new(stored);
        }
    }
    s.storage.saved_at = Some(at);
    s.storage.unavailable = None;
    s.storage.failures = failures
        .into_iter()
        .map(|(write, error)| WriteFailure {
            id: write.id().to_string(),
            label: s
                .docs
                .iter()
                .find(|d| d.id == write.id())
                .map(|d| d.label())
                .unwrap_or_else(|| "已删除的文档".to_string()),
            what: match write {
                Write::Document(_) => WriteKind::Document,
                Write::Remove(_) => WriteKind::Removal,
                Write::Current(_) => WriteKind::Current,
            },
            error,
        })
        .collect();
    if revision >= s.revision {
        // Written: no longer pending. A failed write stays pending, and so does a document waiting for the
        // officer's answer to a conflict.
        let pending = |id: &String, kind: WriteKind| {
            s.storage
                .failures
                .iter()
                .any(|f| f.id == *id && f.what == kind)
        };
        let conflicted = |id: &String| s.storage.conflicts.iter().any(|c| c.id == *id);
        let dirty = s
            .dirty
            .iter()
            .filter(|id| pending(id, WriteKind::Document) || conflicted(id))
            .cloned()
            .collect();
        let removed = s
            .removed
            .iter()
            .filter(|id| pending(id, WriteKind::Removal))
            .cloned()
            .collect();
        s.dirty = dirty;
        s.removed = removed;
    }
    if s.storage.failures.is_empty() {
        s.storage.saved_revision = s.storage.saved_revision.max(revision);
    }
}

/// Nothing could be written at all (no storage).
pub(super) fn save_failed(s: &mut State, error: AppError) {
    s.storage.unavailable = Some(error);
}

/// A change another tab made to the stored documents, as the storage adapter read it.
#[derive(Debug, Clone, PartialEq)]
pub enum External {
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
    pub fn conflict(&self, id: &str) -> Option<&Conflict> {
        self.storage.conflicts.iter().find(|c| c.id == id)
    }

    /// Whether a document has edits here that are not stored yet.
    fn has_unsaved_edits(&self, id: &str) -> bool {
        self.dirty.contains(id) || self.conflict(id).is_some()
    }

    fn index_of(&self, id: &str) -> Option<usize> {
        self.docs.iter().position(|d| d.id == id)
    }

    /// Puts `stored` in place of the document at `index` (another tab's version), keeping the view consistent.
    fn replace_document(&mut self, index: usize, stored: StoredDocument) {
        self.dirty.remove(&stored.id);
        self.docs[index] = Rc::new(stored);
        if index == self.current {
            // The undo steps were of the version just replaced.
            self.history = History::default();
            self.rederive();
        }
    }

    fn raise(&mut self, index: usize, theirs: Theirs) {
        let mine = &self.docs[index];
        let conflict = Conflict {
            id: mine.id.clone(),
            label: mine.label(),
            theirs,
            mine_saved_at: mine.saved_at,
        };
        self.status = format!(
            "“{}”已在另一个窗口中{}，本窗口有未保存的修改，请选择保留哪个版本",
            conflict.label,
            if conflict.theirs == Theirs::Removed {
                "删除"
            } else {
                "修改"
            }
        );
        self.storage.conflicts.retain(|c| c.id != conflict.id);
        self.storage.conflicts.push(conflict);
    }
}

/// Another tab changed the stored documents. Without unsaved edits here, its change is taken (and said);
/// with them, the officer is asked. Data this tab cannot read is never overwritten.
pub(super) fn external(s: &mut State, change: External) {
    match change {
        External::Saved(theirs) => {
            let Some(index) = s.index_of(&theirs.id) else {
                // A new document, or one this tab deleted since its last save: the other tab's work is kept (and
                // the deletion can no longer be undone here, or the document would be listed twice).
                s.removed.remove(&theirs.id);
                if s.deleted.as_ref().is_some_and(|(_, d)| d.id == theirs.id) {
                    s.deleted = None;
                }
                s.status = format!("另一个窗口保存了“{}”，已加入文档列表", theirs.label());
                s.docs.push(Rc::new(*theirs));
                return;
            };
            let mine = &s.docs[index];
            let same = mine.document == theirs.document && mine.title == theirs.title;
            if s.has_unsaved_edits(&theirs.id) && !same {
                s.raise(index, Theirs::Saved(Rc::new(*theirs)));
            } else {
                // Nothing unsaved here, or the same content (two tabs that saved the same thing): nothing to ask.
                s.status = format!("“{}”已在另一个窗口中修改，已载入最新版本", theirs.label());
                s.storage.conflicts.retain(|c| c.id != theirs.id);
                s.replace_document(index, *theirs);
            }
        }
        External::SavedUnderEarlierKey(theirs) => {
            // An open tab of an earlier version still writes the keys without the page's path: its work is taken
            // and written under this page's keys, so a reload does not go back to an older copy.
            let id = theirs.id.clone();
            external(s, External::Saved(theirs));
            if s.index_of(&id).is_some() && s.conflict(&id).is_none() {
                s.dirty.insert(id);
                s.revision += 1;
            }
        }
        External::Unreadable { id, reason } => {
            let Some(index) = s.index_of(&id) else {
                // Deleted here and not yet removed from storage: a newer version's data is not removed either.
                s.removed.remove(&id);
                return;
            };
            if s.has_unsaved_edits(&id) {
                s.raise(index, Theirs::Unreadable { reason });
            } else {
                // Newer than this version can read: this tab's copy is shown read-only and never written.
                let mut mine = (*s.docs[index]).clone();
                mine.read_only = true;
                s.status = format!(
                    "“{}”已被较新版本的程序在另一个窗口中修改，本窗口改为只读",
                    mine.label()
                );
                s.replace_document(index, mine);
            }
        }
        External::Removed(id) => {
            let Some(index) = s.index_of(&id) else { return };
            if s.has_unsaved_edits(&id) {
                s.raise(index, Theirs::Removed);
            } else {
                let gone = s.take_out(index);
                s.status = format!("“{}”已在另一个窗口中删除", gone.label());
            }
        }
    }
}

/// The officer's answer to the conflict on document `id`; it acts on that document only, whichever is open.
pub(super) fn resolve_conflict(s: &mut State, id: &str, choice: Resolution) {
    let Some(position) = s.storage.conflicts.iter().position(|c| c.id == id) else {
        return;
    };
    if !s.storage.conflicts[position].choices().contains(&choice) {
        return;
    }
    let conflict = s.storage.conflicts.remove(position);
    let Some(index) = s.index_of(id) else { return };
    match choice {
        Resolution::KeepMine => {
            // Writing ours again makes it the latest for every tab (and brings back one deleted there).
            s.dirty.insert(conflict.id.clone());
            s.revision += 1;
            s.status = format!("已保留本窗口的“{}”", conflict.label);
        }
        Resolution::TakeTheirs => {
            take_theirs(s, index, conflict.theirs);
            s.status = format!("已采用另一窗口的“{}”", conflict.label);
        }
        Resolution::KeepBoth => {
            let mine = s.docs[index].document.clone();
            let title = format!("{}（本窗口的版本）", conflict.label);
            take_theirs(s, index, conflict.theirs);
            s.add_document(mine, title);
            s.status = format!("已将本窗口的“{}”另存为新文档", conflict.label);
        }
    }
}

fn take_theirs(s: &mut State, index: usize, theirs: Theirs) {
    match theirs {
        Theirs::Saved(theirs) => s.replace_document(index, (*theirs).clone()),
        Theirs::Unreadable { .. } => {
            let mut mine = (*s.docs[index]).clone();
            mine.read_only = true;
            s.replace_document(index, mine);
        }
        Theirs::Removed => {
            s.take_out(index);
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use yew::Reducible;

    use super::*;
    use zipin_core::fields::Field;

    use crate::state::tests::set_text;
    use crate::state::Action;

    fn ids(writes: &[Write]) -> Vec<String> {
        writes
            .iter()
            .map(|w| match w {
                Write::Document(d) => format!("doc {}", d.id),
                Write::Remove(id) => format!("remove {id}"),
                Write::Current(id) => format!("current {id}"),
            })
            .collect()
    }

    /// What the adapter reports after performing the plan, with the writes to `failing` ids failing.
    fn save(s: Rc<State>, at: f64, failing: &[&str]) -> Rc<State> {
        let mut report = SaveReport {
            revision: s.revision,
            at,
            written: Vec::new(),
            failures: Vec::new(),
        };
        for write in pending_writes(&s, at) {
            if failing.contains(&write.id()) {
                report
                    .failures
                    .push((write, AppError::QuotaExceeded("full".into())));
            } else if let Write::Document(doc) = &write {
                report.written.push(doc.id.clone());
            }
        }
        s.reduce(Action::Saved(report))
    }

    /// The stored version another tab wrote of document `id`.
    fn theirs(s: &State, id: &str, name: &str) -> StoredDocument {
        let mut theirs = (*s.docs[s.index_of(id).unwrap()]).clone();
        theirs.document.unit.name = name.into();
        theirs.writer = "other".into();
        theirs.saved_at = 50.0;
        theirs
    }

    fn from_other_tab(s: Rc<State>, change: External) -> Rc<State> {
        s.reduce(Action::External(change))
    }

    #[test]
    fn a_first_visit_writes_the_seed_and_remembers_it() {
        let s = State::initial();
        let writes = pending_writes(&s, 42.0);
        assert_eq!(ids(&writes), ["doc test-2", "current test-2"]);
        let Write::Document(seed) = &writes[0] else {
            panic!("a document first")
        };
        assert_eq!((seed.saved_at, seed.writer.as_str()), (42.0, "test"));
        assert_eq!(seed.document, *s.doc(), "the content as it is");
    }

    #[test]
    fn a_saved_state_only_remembers_the_current_document() {
        let s = save(Rc::new(State::initial()), 1.0, &[]);
        assert!(s.is_saved());
        assert_eq!(
            s.docs[0].saved_at, 1.0,
            "the copy in memory knows when it was stored"
        );
        assert_eq!(ids(&pending_writes(&s, 2.0)), ["current test-2"]);
    }

    #[test]
    fn removals_first_so_deleting_frees_room_then_documents_then_the_current_one() {
        let s = save(Rc::new(State::initial()), 1.0, &[]);
        let s = s.reduce(Action::OpenSample("example"));
        let s = s.reduce(Action::Duplicate);
        let s = s.reduce(Action::Delete("test-2".into()));
        let s = s.reduce(set_text(Field::UnitName, "乙"));
        assert_eq!(
            ids(&pending_writes(&s, 2.0)),
            [
                "remove test-2",
                "doc test-4",
                "doc test-3",
                "current test-4"
            ]
        );
    }

    #[test]
    fn every_failed_write_is_reported_by_document_and_tried_again() {
        let s = save(Rc::new(State::initial()), 1.0, &[]);
        let s = s.reduce(Action::OpenSample("example"));
        let s = s.reduce(set_text(Field::UnitName, "丙"));
        let s = s.reduce(Action::Delete("test-2".into()));
        // Storage is full: the new document does not fit, the removal goes through.
        let s = save(s, 2.0, &["test-3"]);
        assert!(!s.is_saved() && s.storage.has_error() && s.storage.is_full());
        let failed: Vec<(&str, &str, WriteKind)> = s
            .storage
            .failures
            .iter()
            .map(|f| (f.id.as_str(), f.label.as_str(), f.what))
            .collect();
        assert_eq!(
            failed,
            [
                ("test-3", "丙 · 2024年度", WriteKind::Document),
                ("test-3", "丙 · 2024年度", WriteKind::Current)
            ]
        );
        assert!(s.removed.is_empty(), "the removal was done");
        assert_eq!(
            ids(&pending_writes(&s, 3.0)),
            ["doc test-3", "current test-3"]
        );
        let s = save(s, 3.0, &[]);
        assert!(s.is_saved() && !s.storage.has_error());
    }

    #[test]
    fn another_tabs_save_is_taken_when_nothing_here_is_unsaved() {
        let s = save(Rc::new(State::initial()), 1.0, &[]);
        let change = External::Saved(Box::new(theirs(&s, "test-2", "另一窗口")));
        let s = from_other_tab(s, change);
        assert_eq!(s.doc().unit.name, "另一窗口");
        assert!(s.storage.conflicts.is_empty());
        assert!(s.status.contains("已载入最新版本"), "{}", s.status);
        assert_eq!(
            ids(&pending_writes(&s, 2.0)),
            ["current test-2"],
            "nothing to write back"
        );
    }

    #[test]
    fn unsaved_edits_here_are_never_replaced_in_silence() {
        let s = save(Rc::new(State::initial()), 1.0, &[]);
        let s = s.reduce(set_text(Field::UnitName, "本窗口"));
        let change = External::Saved(Box::new(theirs(&s, "test-2", "另一窗口")));
        let s = from_other_tab(s, change);
        assert_eq!(s.doc().unit.name, "本窗口");
        let conflict = s.conflict("test-2").expect("asked");
        assert_eq!(
            conflict.choices(),
            [
                Resolution::KeepMine,
                Resolution::TakeTheirs,
                Resolution::KeepBoth
            ]
        );
        assert_eq!(conflict.mine_saved_at, 1.0);
        assert_eq!(
            ids(&pending_writes(&s, 2.0)),
            ["current test-2"],
            "not written while asked"
        );
        let s = save(s, 2.0, &[]);
        assert!(
            s.dirty.contains("test-2"),
            "still to be written once answered"
        );
        let s = s.reduce(Action::ResolveConflict {
            id: "test-2".into(),
            choice: Resolution::KeepMine,
        });
        assert_eq!(
            ids(&pending_writes(&s, 3.0)),
            ["doc test-2", "current test-2"]
        );
        assert!(s.storage.conflicts.is_empty());
    }

    #[test]
    fn a_conflict_answered_after_switching_acts_on_its_own_document_only() {
        let s = save(Rc::new(State::initial()), 1.0, &[]);
        let s = s.reduce(set_text(Field::UnitName, "本窗口"));
        let change = External::Saved(Box::new(theirs(&s, "test-2", "另一窗口")));
        let s = from_other_tab(s, change);
        let s = s.reduce(Action::OpenSample("example"));
        let s = s.reduce(Action::OpenShared(zipin_core::samples::seed()));
        let open = s.current_doc().id.clone();
        let s = s.reduce(Action::ResolveConflict {
            id: "test-2".into(),
            choice: Resolution::TakeTheirs,
        });
        assert_eq!(s.current_doc().id, open, "the preview stays open");
        assert!(s.is_preview());
        let names: Vec<(&str, &str)> = s
            .docs
            .iter()
            .map(|d| (d.id.as_str(), d.document.unit.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                (open.as_str(), "广东省科技监测中心"),
                ("test-3", "示例单位（数据为虚构）"),
                ("test-2", "另一窗口")
            ],
            "only the document in conflict changed, none listed twice"
        );
    }

    #[test]
    fn keeping_both_saves_mine_as_a_new_document() {
        let s = save(Rc::new(State::initial()), 1.0, &[]);
        let s = s.reduce(set_text(Field::UnitName, "本窗口"));
        let change = External::Saved(Box::new(theirs(&s, "test-2", "另一窗口")));
        let s = from_other_tab(s, change);
        let s = s.reduce(Action::ResolveConflict {
            id: "test-2".into(),
            choice: Resolution::KeepBoth,
        });
        assert_eq!(s.doc().unit.name, "本窗口", "the officer's work stays open");
        assert_ne!(s.current_doc().id, "test-2");
        let original = &s.docs[s.index_of("test-2").unwrap()];
        assert_eq!(original.document.unit.name, "另一窗口");
        let plan = ids(&pending_writes(&s, 2.0));
        assert!(
            plan.contains(&format!("doc {}", s.current_doc().id)),
            "{plan:?}"
        );
        assert!(
            !plan.contains(&"doc test-2".to_string()),
            "theirs is not written back: {plan:?}"
        );
    }

    #[test]
    fn a_newer_versions_write_makes_the_document_read_only_and_it_is_never_overwritten() {
        let s = save(Rc::new(State::initial()), 1.0, &[]);
        let s = from_other_tab(
            s,
            External::Unreadable {
                id: "test-2".into(),
                reason: "文档版本 2 高于本程序支持的版本".into(),
            },
        );
        assert!(s.is_read_only());
        let s = s.reduce(set_text(Field::UnitName, "改"));
        assert_eq!(s.doc().unit.name, "广东省科技监测中心", "edits refused");
        assert!(pending_writes(&s, 2.0)
            .iter()
            .all(|w| !matches!(w, Write::Document(_))));

        // With unsaved edits here, the officer is asked, and keeping this tab's version over it is not offered.
        let s = save(Rc::new(State::initial()), 1.0, &[]);
        let s = s.reduce(set_text(Field::UnitName, "本窗口"));
        let mut newer = theirs(&s, "test-2", "新版本");
        newer.read_only = true;
        let s = from_other_tab(s, External::Saved(Box::new(newer)));
        let conflict = s.conflict("test-2").unwrap();
        assert!(conflict.theirs_is_newer_format());
        assert_eq!(
            conflict.choices(),
            [Resolution::KeepBoth, Resolution::TakeTheirs]
        );
        let refused = s.clone().reduce(Action::ResolveConflict {
            id: "test-2".into(),
            choice: Resolution::KeepMine,
        });
        assert!(refused.conflict("test-2").is_some(), "not a choice here");
        let s = s.reduce(Action::ResolveConflict {
            id: "test-2".into(),
            choice: Resolution::KeepBoth,
        });
        assert!(s.docs[s.index_of("test-2").unwrap()].read_only);
        assert!(pending_writes(&s, 2.0)
            .iter()
            .all(|w| !matches!(w, Write::Document(d) if d.id == "test-2")));
    }

    #[test]
    fn a_deletion_in_another_tab_is_respected_or_asked_about() {
        let s = save(Rc::new(State::initial()), 1.0, &[]);
        let s = s.reduce(Action::OpenSample("example"));
        let s = save(s, 2.0, &[]);
        let s = from_other_tab(s, External::Removed("test-2".into()));
        assert!(s.index_of("test-2").is_none());
        assert!(
            !pending_writes(&s, 3.0).iter().any(|w| w.id() == "test-2"),
            "not brought back"
        );

        let s = s.reduce(set_text(Field::UnitName, "未保存"));
        let s = from_other_tab(s, External::Removed("test-3".into()));
        assert_eq!(
            s.doc().unit.name,
            "未保存",
            "kept until the officer answers"
        );
        assert_eq!(
            s.conflict("test-3").unwrap().choices(),
            [Resolution::KeepMine, Resolution::TakeTheirs]
        );
        let kept = s.clone().reduce(Action::ResolveConflict {
            id: "test-3".into(),
            choice: Resolution::KeepMine,
        });
        assert!(ids(&pending_writes(&kept, 3.0)).contains(&"doc test-3".to_string()));
        let gone = s.reduce(Action::ResolveConflict {
            id: "test-3".into(),
            choice: Resolution::TakeTheirs,
        });
        assert!(gone.index_of("test-3").is_none());
        assert_eq!(gone.docs.len(), 1, "a document stays open");
    }

    #[test]
    fn a_document_new_in_another_tab_joins_the_list() {
        let s = save(Rc::new(State::initial()), 1.0, &[]);
        let mut new = theirs(&s, "test-2", "另一窗口的新文档");
        new.id = "other-1".into();
        let s = from_other_tab(s, External::Saved(Box::new(new)));
        assert_eq!(s.docs.len(), 2);
        assert_eq!(
            s.doc().unit.name,
            "广东省科技监测中心",
            "the open one stays open"
        );
    }

    #[test]
    fn a_deletion_undone_after_another_tab_saved_the_document_again_lists_it_once() {
        let s = save(Rc::new(State::initial()), 1.0, &[]);
        let s = s.reduce(Action::OpenSample("example"));
        let s = save(s, 2.0, &[]);
        let gone = theirs(&s, "test-2", "另一窗口保留的版本");
        let s = s.reduce(Action::Delete("test-2".into()));
        let s = save(s, 3.0, &[]);
        let s = from_other_tab(s, External::Saved(Box::new(gone)));
        let s = s.reduce(Action::UndoDelete);
        let listed = s.docs.iter().filter(|d| d.id == "test-2").count();
        assert_eq!(listed, 1);
        let back = &s.docs[s.index_of("test-2").unwrap()];
        assert_eq!(back.document.unit.name, "另一窗口保留的版本");
    }

    #[test]
    fn a_newer_versions_write_to_a_document_deleted_here_is_not_removed() {
        let s = save(Rc::new(State::initial()), 1.0, &[]);
        let s = s.reduce(Action::OpenSample("example"));
        let s = save(s, 2.0, &[]);
        let s = s.reduce(Action::Delete("test-2".into()));
        let s = from_other_tab(
            s,
            External::Unreadable {
                id: "test-2".into(),
                reason: "较新".into(),
            },
        );
        assert!(!pending_writes(&s, 3.0).iter().any(|w| w.id() == "test-2"));
    }

    #[test]
    fn the_same_content_saved_in_another_tab_is_no_conflict() {
        let s = save(Rc::new(State::initial()), 1.0, &[]);
        let s = s.reduce(set_text(Field::UnitName, "两边一样"));
        let same = theirs(&s, "test-2", "两边一样");
        let s = from_other_tab(s, External::Saved(Box::new(same)));
        assert!(s.storage.conflicts.is_empty());
        assert_eq!(s.doc().unit.name, "两边一样");
    }

    #[test]
    fn a_save_under_the_earlier_keys_is_taken_and_written_under_this_pages_keys() {
        let s = save(Rc::new(State::initial()), 1.0, &[]);
        let older_tab = theirs(&s, "test-2", "旧版本窗口");
        let s = from_other_tab(s, External::SavedUnderEarlierKey(Box::new(older_tab)));
        assert_eq!(s.doc().unit.name, "旧版本窗口");
        assert_eq!(
            ids(&pending_writes(&s, 2.0)),
            ["doc test-2", "current test-2"]
        );
    }

    #[test]
    fn a_read_only_document_is_not_renamed() {
        let mut s = State::initial();
        let mut newer = (*s.docs[0]).clone();
        newer.read_only = true;
        s.docs[0] = Rc::new(newer);
        let s = Rc::new(s).reduce(Action::Rename {
            id: "test-2".into(),
            title: "新名字".into(),
        });
        assert_eq!(s.docs[0].title, "");
        assert!(s.status.contains("不能重命名"), "{}", s.status);
    }

    #[test]
    fn saving_clears_dirty_only_up_to_its_revision() {
        let s = Rc::new(State::initial());
        let r = s.revision;
        let s = s.reduce(set_text(Field::UnitName, "甲"));
        let s = s.reduce(Action::Saved(SaveReport {
            revision: r,
            at: 5.0,
            written: vec!["test-2".into()],
            failures: Vec::new(),
        }));
        assert!(!s.is_saved());
        assert!(s.dirty.contains("test-2"));
        let s = save(s, 6.0, &[]);
        assert!(s.is_saved());
        assert!(s.dirty.is_empty());
    }
}
