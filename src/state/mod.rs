//! App state: one `State`, changed only by `Action`s in one pure `reduce`, made of sub-states that each own one
//! concern and their own actions:
//!
//! - `library` (library.rs): the documents kept in this browser, the open one, its evaluation, its undo history;
//! - `preview` (preview.rs): a document shown read-only from a share link or a 汇总 unit — its own `Option`;
//! - `shelf` (shelf.rs): the framework library and the framework in the editor;
//! - `batch` (batch.rs): the 汇总 units held in memory, kept on request;
//! - `ui` (ui.rs): the section on screen, focus requests, the status line, notices;
//! - `store` (persist.rs): what this tab knows of localStorage, and the I/O it asks the storage service for
//!   (`poll_io`/`poll_timeout`, reported back as one `StorageEvent`).
//!
//! Each is behind an `Rc`, changed with `Rc::make_mut`: a component handed one sub-state re-renders only when that
//! sub-state changed. No I/O and no clock here: time comes in with the storage events.

mod batch;
mod library;
mod persist;
mod preview;
mod receive;
mod section;
mod shelf;
mod time;
mod ui;
mod work;

use std::rc::Rc;

use yew::Reducible;
use zipin_core::checks::{run_checks_scored, Check, ScoredProjects};
use zipin_core::store::StoredDocument;
use zipin_core::{evaluate, Document, Evaluation};

pub use batch::{Batch, BatchAction, BatchState, BatchWrite, MAX_UNITS};
pub use library::{Library, LibraryAction};
pub use persist::{
    perform, Backend, Conflict, Expect, Op, OpResult, Plan, Record, Report, Resolution,
    StorageEvent, Store, StoredRecord, StoredRecords, Theirs, Unreadable, WriteFailure, WriteKind,
};
pub use preview::{Preview, PreviewAction, PreviewFrom};
pub use receive::{Door, Incoming};
pub use section::Section;
pub use shelf::{Shelf, ShelfAction, ShelfItem, Start};
pub use time::Time;
pub use ui::{Ui, UiAction};
pub use work::SizeBound;
pub use zipin_core::undo::Undo;

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub library: Rc<Library>,
    pub preview: Option<Rc<Preview>>,
    pub shelf: Rc<Shelf>,
    pub batch: Rc<BatchState>,
    pub ui: Rc<Ui>,
    pub store: Rc<Store>,
}

pub enum Action {
    /// An action as the page sends it: with the time it happened, so the storage protocol knows when the change
    /// it makes was made (every dispatch of the page's components goes through `components::Dispatch`).
    At(Time, Box<Action>),
    /// An edit of the open document (refused when it is a preview or read-only).
    Edit(zipin_core::edit::Edit),
    Undo,
    Redo,
    /// Ctrl+Z (`true`) or Ctrl+Y: undo or redo what the section on screen edits.
    Shortcut(bool),
    Library(LibraryAction),
    Preview(PreviewAction),
    Shelf(ShelfAction),
    Batch(BatchAction),
    Ui(UiAction),
    /// What the storage service did or saw, and the clock ticks that make saves due.
    Storage(StorageEvent),
    /// Outside data read by the core's one way in (`zipin_core::receive`), with the door it came through.
    Receive(Door, Vec<Incoming>),
}

/// What a document shows besides itself: its evaluation, its projects' and its checks, computed once per version.
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    pub evaluation: Rc<Evaluation>,
    pub checks: Rc<Vec<Check>>,
    /// The projects as scored and checked, kept so the next version scores only the projects that changed.
    pub projects: Rc<ScoredProjects>,
}

impl Derived {
    pub fn of(doc: &Document) -> Derived {
        Derived::after(&ScoredProjects::default(), doc)
    }

    /// `doc`'s, reusing what an earlier version (`self`) scored of the projects that did not change.
    pub fn next(&self, doc: &Document) -> Derived {
        Derived::after(&self.projects, doc)
    }

    fn after(before: &ScoredProjects, doc: &Document) -> Derived {
        let evaluation = evaluate(doc);
        let projects = before.next(doc);
        let checks = run_checks_scored(doc, &evaluation, &projects);
        Derived {
            evaluation: Rc::new(evaluation),
            checks: Rc::new(checks),
            projects: Rc::new(projects),
        }
    }
}

impl State {
    /// The state after reading storage. A first visit (nothing stored) opens the seed sample.
    pub fn from_stored(records: StoredRecords, tab: String) -> State {
        let mut store = Store::default();
        let read = persist::read_stored(&mut store, records);
        let mut state = State {
            library: Rc::new(Library::from_read(
                read.documents,
                read.current_id,
                read.to_move,
                tab.clone(),
            )),
            preview: None,
            shelf: Rc::new(Shelf::from_loaded(
                read.frameworks,
                read.framework_problems,
                tab.clone(),
            )),
            batch: Rc::new(BatchState::default()),
            ui: Rc::new(Ui::default()),
            store: Rc::new(store),
        };
        if state.library.current_doc().read_only {
            state.ui_mut().status = "此文档由较新版本保存，已以只读方式打开".to_string();
        }
        if let Some(kept) = read.batch {
            batch::load_kept(&mut state, kept);
        }
        state
    }

    /// An empty state that costs nothing to build: what a component sees if it is ever rendered outside `App`.
    pub fn placeholder() -> State {
        State {
            library: Rc::new(Library::placeholder()),
            preview: None,
            shelf: Rc::new(Shelf::default()),
            batch: Rc::new(BatchState::default()),
            ui: Rc::new(Ui::default()),
            store: Rc::new(Store::default()),
        }
    }

    /// A state with only the seed sample and no storage, for tests.
    pub fn initial() -> State {
        State::from_stored(StoredRecords::default(), "test".into())
    }

    /// The document on screen: the preview if there is one, else the library's open document.
    pub fn shown(&self) -> &Rc<StoredDocument> {
        match &self.preview {
            Some(preview) => &preview.doc,
            None => self.library.current_doc(),
        }
    }

    pub fn doc(&self) -> &Document {
        &self.shown().document
    }

    /// The evaluation and checks of the document on screen.
    pub fn derived(&self) -> &Derived {
        match &self.preview {
            Some(preview) => &preview.derived,
            None => &self.library.derived,
        }
    }

    pub fn is_read_only(&self) -> bool {
        self.shown().read_only
    }

    pub fn is_preview(&self) -> bool {
        self.preview.is_some()
    }

    /// Whether the page greets a newcomer: the document shown is an untouched sample, not a preview, and the
    /// welcome was not closed; only in the sections of the document (文档管理 has the same ways in already).
    pub fn shows_welcome(&self) -> bool {
        !self.ui.welcome_dismissed
            && Section::WORK.contains(&self.ui.section)
            && !self.is_preview()
            && zipin_core::samples::untouched(self.doc()).is_some()
    }

    /// Whether every change to the documents has been written.
    pub fn is_saved(&self) -> bool {
        self.store.saved_revision >= self.library.revision
    }

    fn library_mut(&mut self) -> &mut Library {
        Rc::make_mut(&mut self.library)
    }

    fn shelf_mut(&mut self) -> &mut Shelf {
        Rc::make_mut(&mut self.shelf)
    }

    fn batch_mut(&mut self) -> &mut BatchState {
        Rc::make_mut(&mut self.batch)
    }

    fn ui_mut(&mut self) -> &mut Ui {
        Rc::make_mut(&mut self.ui)
    }

    fn store_mut(&mut self) -> &mut Store {
        Rc::make_mut(&mut self.store)
    }

    /// Says `message` in the status line (announced politely).
    fn say(&mut self, message: impl Into<String>) {
        self.ui_mut().status = message.into();
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if let Action::At(now, action) = action {
            return persist::noted(self.reduce(*action), now);
        }
        let mut s = (*self).clone();
        match action {
            Action::At(..) => {}
            // An edit that changes nothing returns this very state, so nothing re-renders.
            Action::Edit(edit) => {
                if !work::apply_edit(&mut s, &edit) {
                    return self;
                }
            }
            // Ctrl+Z in 评分框架 undoes the framework being edited; in 汇总 there is nothing to undo, and the
            // document, not on screen, is not changed unseen. The header's buttons always undo the document.
            Action::Shortcut(_) if s.ui.section == Section::Summary => {
                s.say("汇总中没有可撤销的修改")
            }
            Action::Shortcut(back) if s.ui.section == Section::Frameworks => {
                shelf::step(&mut s, back)
            }
            Action::Shortcut(true) | Action::Undo => work::undo(&mut s),
            Action::Shortcut(false) | Action::Redo => work::redo(&mut s),
            Action::Library(action) => library::reduce(&mut s, action),
            Action::Preview(action) => preview::reduce(&mut s, action),
            Action::Shelf(action) => shelf::reduce(&mut s, action),
            Action::Batch(action) => batch::reduce(&mut s, action),
            Action::Ui(action) => ui::reduce(&mut s, action),
            Action::Storage(event) => {
                if !persist::reduce(&mut s, event) {
                    return self;
                }
            }
            Action::Receive(door, incoming) => receive::reduce(&mut s, door, incoming),
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

    /// A share link to `doc` opened in the address bar, read as the page reads it.
    pub fn shared_link(doc: Document) -> Action {
        let fragment = format!("share={}", zipin_core::share::encode(&doc));
        let received = zipin_core::receive::receive(
            &zipin_core::receive::Source::Link,
            zipin_core::receive::Accept::Either,
            &fragment,
        );
        Action::Receive(
            Door::Link,
            vec![Incoming::received("链接".into(), received)],
        )
    }

    #[test]
    fn first_visit_opens_the_seed() {
        let s = State::initial();
        assert_eq!(s.doc().unit.name, "广东省科技监测中心");
        assert_eq!(s.library.docs.len(), 1);
        assert!(!s.is_saved(), "the new seed document is to be saved");
    }
}
