//! App state: one `State`, changed only by `Action`s in one pure `reduce` (no I/O here: storage effects read the
//! state and report back with actions). `reduce` hands each action to the file of its concern: `section`
//! (navigation), `history` (edits, undo, redo), `library` (the documents kept here), `sync` (storage, and
//! `pending_writes`: what the storage adapter must write next).

mod batch;
mod frameworks;
mod history;
mod library;
mod section;
mod sync;

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::Reducible;
use zipin_core::checks::{run_checks, Check};
use zipin_core::share::ShareError;
use zipin_core::store::StoredDocument;
use zipin_core::{evaluate, samples, Document, Evaluation};

pub use batch::{Batch, BatchWrite, Kept, MAX_UNITS};
pub use frameworks::{FrameworkExternal, Shelf, ShelfItem, Start};
pub use history::{History, SizeBound};
pub use section::Section;
pub use sync::{
    pending_writes, Conflict, External, Loaded, Resolution, SaveReport, StorageState, Theirs,
    Unreadable, Write, WriteFailure, WriteKind,
};

use library::{fresh_id, new_stored};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// Every document in this browser; the current one is `docs[current]`.
    pub docs: Vec<Rc<StoredDocument>>,
    pub current: usize,
    /// The current document's evaluation and checks, recomputed whenever it changes (never stored as truth).
    pub evaluation: Rc<Evaluation>,
    pub checks: Rc<Vec<Check>>,
    pub section: Section,
    pub history: History,
    /// An upper bound of the current document's stored size, kept from keystroke to keystroke.
    pub size_bound: Option<SizeBound>,
    /// Bumped by every change that must be saved.
    pub revision: u64,
    /// Ids of documents changed since the last save, and ids deleted since then.
    pub dirty: BTreeSet<String>,
    pub removed: BTreeSet<String>,
    /// A deleted document that can still be brought back.
    pub deleted: Option<(usize, Rc<StoredDocument>)>,
    /// A field to focus after the next render (dom id and a counter so the same field can be asked twice).
    pub focus: Option<(String, u64)>,
    pub storage: StorageState,
    /// The last status message, announced politely.
    pub status: String,
    /// Why a share link in the URL could not be opened.
    pub share_error: Option<ShareError>,
    /// Why the last edit was not accepted (it would break one of the gate's rules); cleared by the next edit.
    pub refused_edit: Option<String>,
    /// This tab's id, written with every save.
    pub tab: String,
    /// Source of fresh document ids.
    pub next_id: u64,
    /// The frameworks kept in this browser and the one in the editor.
    pub frameworks: Shelf,
    /// The officer has closed the first visit's welcome (this tab only).
    pub welcome_dismissed: bool,
    /// Units opened together in 汇总 (memory only).
    pub batch: Option<Rc<Batch>>,
    /// The preview shown is a unit of the batch: its banner leads back to 汇总, and to this document.
    pub back_to_summary: bool,
    pub return_to: Option<String>,
    /// The officer asked to keep the batch in this browser; why the last write of it failed.
    pub batch_kept: bool,
    pub batch_error: Option<String>,
    /// The storage adapter's next job for the kept batch, numbered so each is done once.
    pub batch_write: Option<(u64, BatchWrite)>,
}

/// What the officer does with the framework library and editor.
pub enum FrameworkAction {
    New(Start),
    Open(String),
    Edit(zipin_core::framework::FrameworkEdit),
    Delete(String),
    /// A framework file read through the gate (it may have problems: kept as a draft).
    Import(zipin_core::Framework),
    /// A framework from a share link: shown, kept only on request.
    Preview(zipin_core::Framework),
    SavePreview,
    ClosePreview,
    UndoDelete,
    Undo,
    Redo,
    /// Another tab changed the library.
    External(frameworks::FrameworkExternal),
    /// The library was written up to `revision`, or failed with the message.
    Saved {
        revision: u64,
        error: Option<String>,
    },
}

pub enum Action {
    Navigate(Section),
    Edit(zipin_core::edit::Edit),
    Undo,
    Redo,
    /// Ctrl+Z (`true`) or Ctrl+Y: undo or redo what the section on screen edits.
    Shortcut(bool),
    /// Go to the field with this path and focus it.
    FocusField(String),
    NewBlank {
        framework: Box<zipin_core::Framework>,
        unit_name: String,
        year: Option<u16>,
    },
    NewFromLastYear,
    /// The next year's document of the stored document with this id (unit, staff and last year's figures carried).
    NewNextYearOf(String),
    Duplicate,
    OpenSample(&'static str),
    Switch(String),
    Rename {
        id: String,
        title: String,
    },
    Delete(String),
    UndoDelete,
    /// Replace the current document's content (an import after preview), as one undoable step.
    Import(Document),
    /// The storage adapter performed the pending writes (some may have failed).
    Saved(SaveReport),
    /// Nothing could be written: the browser's storage cannot be used.
    SaveFailed(AppError),
    /// Another tab changed the stored documents.
    External(External),
    /// The officer's answer to a conflict with another tab, for one document.
    ResolveConflict {
        id: String,
        choice: Resolution,
    },
    DismissUnreadable,
    DismissWelcome,
    /// A document from a share link: shown as a read-only preview, saved only on request.
    OpenShared(Document),
    ShareFailed(ShareError),
    SaveShared,
    CloseShared,
    /// Add a document (an imported file) and open it.
    AddDocument(Document),
    /// Units read for 汇总 (each through the gate), and the files or links that were not.
    BatchAdd(Vec<zipin_core::summary::Unit>, Vec<(String, String)>),
    BatchClear,
    /// Keep the batch in this browser (or stop keeping it).
    KeepBatch(bool),
    /// The kept batch was written (or removed), or failed with the message.
    BatchStored(Option<String>),
    /// The browser is about to print: the report, unless the officer prints the 汇总表.
    BeforePrint,
    /// Open the unit at this index of the batch, read-only.
    OpenBatchUnit(usize),
    /// Close the unit opened from the batch and return to 汇总.
    BackToSummary,
    /// A change to the framework library, with the time it happens (ISO 8601) for what it saves.
    Frameworks(FrameworkAction, String),
}

impl State {
    /// The state after reading storage. A first visit (nothing stored) opens the seed sample.
    pub fn from_loaded(loaded: Loaded, tab: String) -> State {
        let mut next_id = 1;
        let mut dirty: BTreeSet<String> = loaded.to_move.into_iter().collect();
        let mut docs: Vec<Rc<StoredDocument>> = loaded.docs.into_iter().map(Rc::new).collect();
        docs.sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
        if docs.is_empty() {
            let id = fresh_id(&tab, &mut next_id);
            dirty.insert(id.clone());
            docs.push(Rc::new(new_stored(id, samples::seed(), &tab)));
        }
        let current = loaded
            .current_id
            .and_then(|id| docs.iter().position(|d| d.id == id))
            .unwrap_or(0);
        let (evaluation, checks) = derive(&docs[current].document);
        let status = if docs[current].read_only {
            "此文档由较新版本保存，已以只读方式打开".to_string()
        } else {
            String::new()
        };
        State {
            docs,
            current,
            evaluation,
            checks,
            section: Section::Basics,
            history: History::default(),
            size_bound: None,
            revision: if dirty.is_empty() { 0 } else { 1 },
            dirty,
            removed: BTreeSet::new(),
            deleted: None,
            focus: None,
            storage: StorageState {
                unreadable: loaded.unreadable,
                unavailable: loaded.unavailable,
                ..Default::default()
            },
            status,
            share_error: None,
            refused_edit: None,
            tab,
            next_id,
            frameworks: Shelf::default(),
            welcome_dismissed: false,
            batch: None,
            back_to_summary: false,
            return_to: None,
            batch_kept: false,
            batch_error: None,
            batch_write: None,
        }
    }

    /// The state with the batch kept in storage, if any (and why some of it, or all, could not be read).
    pub fn with_kept_batch(mut self, kept: Option<Result<batch::Kept, String>>) -> State {
        match kept {
            Some(Ok((units, failures))) => {
                // Units that could not be read back stay in the record: it is not written over until the officer
                // keeps the batch again.
                self.batch_kept = failures.is_empty();
                if !failures.is_empty() {
                    self.batch_error = Some(format!(
                        "保留的汇总中有 {} 个单位无法读取（见下方列表）；保留的记录未改动，再次勾选“保留”将以当前汇总覆盖它",
                        failures.len()
                    ));
                }
                let status = std::mem::take(&mut self.status);
                batch::add(&mut self, units, failures);
                // Loading the kept batch is no news; a status from start-up (a read-only document) stays.
                self.status = status;
                self.batch_write = None;
            }
            Some(Err(why)) => self.batch_error = Some(format!("无法读取保留的汇总：{why}")),
            None => {}
        }
        self
    }

    /// The state with the framework library read from storage.
    pub fn with_frameworks(mut self, frameworks: Shelf) -> State {
        self.frameworks = frameworks;
        self
    }

    /// An empty state that costs nothing to build: what a component sees if it is ever rendered outside `App`.
    pub fn placeholder() -> State {
        let framework = zipin_core::Framework::empty("");
        let stored = new_stored("placeholder".into(), Document::blank(framework), "");
        let (evaluation, checks) = derive(&stored.document);
        State {
            docs: vec![Rc::new(stored)],
            current: 0,
            evaluation,
            checks,
            section: Section::Basics,
            history: History::default(),
            size_bound: None,
            revision: 0,
            dirty: BTreeSet::new(),
            removed: BTreeSet::new(),
            deleted: None,
            focus: None,
            storage: StorageState::default(),
            status: String::new(),
            share_error: None,
            refused_edit: None,
            tab: String::new(),
            next_id: 0,
            frameworks: Shelf::default(),
            welcome_dismissed: false,
            batch: None,
            back_to_summary: false,
            return_to: None,
            batch_kept: false,
            batch_error: None,
            batch_write: None,
        }
    }

    /// A state with only the seed sample and no storage, for tests.
    pub fn initial() -> State {
        State::from_loaded(
            Loaded {
                docs: Vec::new(),
                current_id: None,
                unreadable: Vec::new(),
                unavailable: None,
                to_move: Vec::new(),
            },
            "test".into(),
        )
    }

    /// The current document as shared, to tell by pointer whether it changed.
    pub fn current_shared(&self) -> Rc<StoredDocument> {
        self.docs[self.current].clone()
    }

    pub fn current_doc(&self) -> &StoredDocument {
        &self.docs[self.current]
    }

    pub fn doc(&self) -> &Document {
        &self.docs[self.current].document
    }

    pub fn is_read_only(&self) -> bool {
        self.current_doc().read_only
    }

    /// Whether the page greets a newcomer: the document shown is an untouched sample, not a preview, and the
    /// welcome was not closed; only in the sections of the document (文档管理 has the same ways in already).
    pub fn shows_welcome(&self) -> bool {
        !self.welcome_dismissed
            && Section::WORK.contains(&self.section)
            && !self.is_preview()
            && zipin_core::samples::untouched(self.doc()).is_some()
    }

    pub fn is_preview(&self) -> bool {
        self.current_doc().transient
    }

    /// Whether every change has been written.
    pub fn is_saved(&self) -> bool {
        self.storage.saved_revision >= self.revision
    }

    fn set_current_document(&mut self, doc: Document) {
        let mut stored = (*self.docs[self.current]).clone();
        stored.document = doc;
        self.dirty.insert(stored.id.clone());
        self.docs[self.current] = Rc::new(stored);
        self.rederive();
        self.revision += 1;
    }

    fn rederive(&mut self) {
        let (evaluation, checks) = derive(self.doc());
        self.evaluation = evaluation;
        self.checks = checks;
    }
}

fn derive(doc: &Document) -> (Rc<Evaluation>, Rc<Vec<Check>>) {
    let evaluation = evaluate(doc);
    let checks = run_checks(doc, &evaluation);
    (Rc::new(evaluation), Rc::new(checks))
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            // An edit that changes nothing returns this very state, so it gets the original too.
            Action::Edit(edit) => return history::apply_edit(self, s, edit),
            Action::Navigate(section) => s.section = section,
            Action::FocusField(path) => section::focus_field(&mut s, path),
            // Ctrl+Z in 评分框架 undoes the framework being edited; in 汇总 there is nothing to undo, and the
            // document, not on screen, is not changed unseen. The header's buttons always undo the document.
            Action::Shortcut(_) if s.section == Section::Summary => {
                s.status = "汇总中没有可撤销的修改".to_string()
            }
            Action::Shortcut(back) if s.section == Section::Frameworks => {
                frameworks::step(&mut s, back)
            }
            Action::Shortcut(true) | Action::Undo => history::undo(&mut s),
            Action::Shortcut(false) | Action::Redo => history::redo(&mut s),
            Action::Import(doc) => history::import(&mut s, doc),
            Action::NewBlank {
                framework,
                unit_name,
                year,
            } => library::new_blank(&mut s, *framework, unit_name, year),
            Action::NewFromLastYear => library::new_from_last_year(&mut s),
            Action::NewNextYearOf(id) => library::new_next_year_of(&mut s, &id),
            Action::Duplicate => library::duplicate(&mut s),
            Action::OpenSample(name) => library::open_sample(&mut s, name),
            Action::Switch(id) => library::switch(&mut s, &id),
            Action::Rename { id, title } => library::rename(&mut s, id, &title),
            Action::Delete(id) => library::delete(&mut s, id),
            Action::UndoDelete => library::undo_delete(&mut s),
            Action::OpenShared(doc) => library::open_shared(&mut s, doc),
            Action::ShareFailed(error) => s.share_error = Some(error),
            Action::SaveShared => {
                s.back_to_summary = false;
                library::save_shared(&mut s)
            }
            Action::CloseShared => {
                s.back_to_summary = false;
                library::close_shared(&mut s)
            }
            Action::AddDocument(doc) => library::add(&mut s, doc),
            Action::Saved(report) => sync::saved(&mut s, report),
            Action::SaveFailed(error) => sync::save_failed(&mut s, error),
            Action::External(change) => sync::external(&mut s, change),
            Action::ResolveConflict { id, choice } => sync::resolve_conflict(&mut s, &id, choice),
            Action::DismissUnreadable => s.storage.unreadable.clear(),
            Action::DismissWelcome => s.welcome_dismissed = true,
            Action::BatchAdd(units, failures) => batch::add(&mut s, units, failures),
            Action::BatchClear => batch::clear(&mut s),
            Action::KeepBatch(on) => batch::keep(&mut s, on),
            Action::BatchStored(error) => batch::stored(&mut s, error),
            Action::BeforePrint => {
                if s.section != Section::Summary {
                    s.section = Section::Report;
                }
            }
            Action::OpenBatchUnit(index) => batch::open_unit(&mut s, index),
            Action::BackToSummary => batch::back(&mut s),
            Action::Frameworks(action, now) => frameworks::reduce(&mut s, action, now),
        }
        Rc::new(s)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests {
    use super::*;

    use rust_decimal::Decimal;
    use zipin_core::access::FieldValue;
    use zipin_core::edit::Edit;
    use zipin_core::fields::Field;

    pub fn set(field: Field, value: i64) -> Action {
        Action::Edit(Edit::Set(
            field,
            FieldValue::Number(Some(Decimal::from(value))),
        ))
    }

    pub fn set_text(field: Field, text: &str) -> Action {
        Action::Edit(Edit::Set(field, FieldValue::Text(text.into())))
    }

    #[test]
    fn first_visit_opens_the_seed() {
        let s = State::initial();
        assert_eq!(s.doc().unit.name, "广东省科技监测中心");
        assert_eq!(s.docs.len(), 1);
        assert!(!s.is_saved(), "the new seed document is to be saved");
    }
}
