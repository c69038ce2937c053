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
    /// The last write failed (quota, disabled storage): shown until a write succeeds.
    pub write_error: Option<AppError>,
    /// localStorage cannot be used at all.
    pub unavailable: Option<AppError>,
    /// Another tab saved the current document: its version, waiting for the officer's choice.
    pub conflict: Option<Rc<StoredDocument>>,
    /// Revision of the last successful save, and when (ms since epoch).
    pub saved_revision: u64,
    pub saved_at: Option<f64>,
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

/// What saving `state` at time `now` (ms since epoch) must write, in order: the documents changed since the last
/// save, then the removals, then the current document. The adapter stops at the first failure.
pub fn pending_writes(state: &State, now: f64) -> Vec<Write> {
    let conflicted = state.storage.conflict.as_ref().map(|c| c.id.as_str());
    let mut writes: Vec<Write> = state
        .docs
        .iter()
        .filter(|d| state.dirty.contains(&d.id))
        // A newer-schema document is never written back; a conflicted one waits for the officer's choice; a
        // share-link preview is not stored until the officer saves it.
        .filter(|d| !d.read_only && !d.transient && conflicted != Some(d.id.as_str()))
        .map(|d| {
            let mut stamped = (**d).clone();
            stamped.saved_at = now;
            stamped.writer = state.tab.clone();
            Write::Document(Box::new(stamped))
        })
        .collect();
    writes.extend(state.removed.iter().cloned().map(Write::Remove));
    // A share-link preview is not remembered as the current document: it is not stored.
    if !state.current_doc().transient {
        writes.push(Write::Current(state.current_doc().id.clone()));
    }
    writes
}

pub(super) fn saved(s: &mut State, revision: u64, at: f64) {
    s.storage.saved_revision = s.storage.saved_revision.max(revision);
    s.storage.saved_at = Some(at);
    s.storage.write_error = None;
    if revision >= s.revision {
        s.dirty.clear();
        s.removed.clear();
    }
}

/// Another tab saved a document.
pub(super) fn external(s: &mut State, theirs: StoredDocument) {
    if let Some(index) = s.docs.iter().position(|d| d.id == theirs.id) {
        if index == s.current {
            s.storage.conflict = Some(Rc::new(theirs));
            s.status = "此文档已在另一个窗口中修改，请选择保留哪个版本".to_string();
        } else {
            s.docs[index] = Rc::new(theirs);
        }
    } else {
        s.docs.push(Rc::new(theirs));
    }
}

pub(super) fn resolve_conflict(s: &mut State, keep_mine: bool) {
    if let Some(theirs) = s.storage.conflict.take() {
        if keep_mine {
            // Writing ours again makes it the latest for every tab.
            s.dirty.insert(theirs.id.clone());
            s.revision += 1;
            s.status = "已保留本窗口的版本".to_string();
        } else {
            s.docs[s.current] = theirs;
            s.history = History::default();
            s.rederive();
            s.dirty.remove(&s.current_doc().id.clone());
            s.status = "已载入另一窗口的版本".to_string();
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
        let s = Rc::new(State::initial());
        let r = s.revision;
        let s = s.reduce(Action::Saved {
            revision: r,
            at: 1.0,
        });
        assert_eq!(ids(&pending_writes(&s, 2.0)), ["current test-2"]);
    }

    #[test]
    fn changed_documents_then_removals_then_the_current_one() {
        let s = Rc::new(State::initial());
        let r = s.revision;
        let s = s.reduce(Action::Saved {
            revision: r,
            at: 1.0,
        });
        let s = s.reduce(Action::OpenSample("example"));
        let s = s.reduce(Action::Duplicate);
        let s = s.reduce(Action::Delete("test-2".into()));
        let s = s.reduce(set_text(Field::UnitName, "乙"));
        assert_eq!(
            ids(&pending_writes(&s, 2.0)),
            [
                "doc test-4",
                "doc test-3",
                "remove test-2",
                "current test-4"
            ]
        );
    }

    #[test]
    fn read_only_conflicted_and_previewed_documents_are_not_written() {
        let mut s = State::initial();
        let mut newer = (*s.docs[0]).clone();
        newer.read_only = true;
        s.docs[0] = Rc::new(newer);
        assert_eq!(ids(&pending_writes(&s, 1.0)), ["current test-2"]);

        let s = Rc::new(State::initial());
        let mut theirs = (*s.docs[0]).clone();
        theirs.writer = "other".into();
        let s = s.reduce(Action::External(theirs));
        assert_eq!(ids(&pending_writes(&s, 1.0)), ["current test-2"]);
        let s = s.reduce(Action::ResolveConflict { keep_mine: true });
        assert_eq!(
            ids(&pending_writes(&s, 1.0)),
            ["doc test-2", "current test-2"],
            "keeping mine writes it again"
        );

        let s =
            Rc::new(State::initial()).reduce(Action::OpenShared(zipin_core::samples::example()));
        assert_eq!(
            ids(&pending_writes(&s, 1.0)),
            ["doc test-2"],
            "the preview is neither written nor remembered"
        );
        let s = s.reduce(Action::SaveShared);
        assert_eq!(
            ids(&pending_writes(&s, 1.0)),
            ["doc test-3", "doc test-2", "current test-3"]
        );
    }

    #[test]
    fn a_conflict_waits_for_the_officer() {
        let s = Rc::new(State::initial());
        let mut theirs = (*s.docs[0]).clone();
        theirs.document.unit.name = "另一窗口".into();
        theirs.writer = "other".into();
        let s = s.reduce(Action::External(theirs));
        assert!(s.storage.conflict.is_some());
        assert_eq!(s.doc().unit.name, "广东省科技监测中心");
        let s = s.reduce(Action::ResolveConflict { keep_mine: false });
        assert_eq!(s.doc().unit.name, "另一窗口");
        assert!(s.storage.conflict.is_none());
    }

    #[test]
    fn saving_clears_dirty_only_up_to_its_revision() {
        let s = Rc::new(State::initial());
        let r = s.revision;
        let s = s.reduce(set_text(Field::UnitName, "甲"));
        let s = s.reduce(Action::Saved {
            revision: r,
            at: 5.0,
        });
        assert!(!s.is_saved());
        let r = s.revision;
        let s = s.reduce(Action::Saved {
            revision: r,
            at: 6.0,
        });
        assert!(s.is_saved());
        assert!(s.dirty.is_empty());
    }
}
