//! Keeping this browser's storage in step: what the storage adapter found on load, saves done or failed, another
//! tab's writes and the conflict they can make.

use std::rc::Rc;

use zipin_core::store::StoredDocument;

use super::{History, State};

/// What the storage adapter found on load and reports while saving.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StorageState {
    /// Stored values that could not be read: kept untouched, offered for export.
    pub unreadable: Vec<Unreadable>,
    /// The last write failed (quota, disabled storage): shown until a write succeeds.
    pub write_error: Option<String>,
    /// localStorage cannot be used at all.
    pub unavailable: Option<String>,
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
    pub unavailable: Option<String>,
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
