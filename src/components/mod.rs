//! One component per file. No component takes the whole state: `App` hands each part of the page the sub-state it
//! shows through a narrow context (`use_document`, `use_library`, `use_shelf`, `use_batch`, `use_ui`,
//! `use_store`), each compared by pointer so a part re-renders only when its own sub-state changed; actions go
//! through `use_dispatch`. `on_edit` turns what an input sends into a core `Edit`, dispatched as an undoable action.

pub mod app;
pub mod banners;
pub mod basics;
pub mod charts;
pub mod checks;
pub mod documents;
pub mod fields;
pub mod finance;
pub mod framework_editor;
pub mod frameworks;
pub mod header;
pub mod nav;
pub mod open_file;
pub mod outputs;
pub mod parts;
pub mod projects;
pub mod report;
pub mod scores;
pub mod summary;
pub mod table;
pub mod targets;
pub mod tasks;
pub mod welcome;

use std::ops::Deref;
use std::rc::Rc;

use yew::prelude::*;
use zipin_core::checks::{Check, ScoredProjects};
use zipin_core::edit::Edit;
use zipin_core::store::StoredDocument;
use zipin_core::{Document, Evaluation};

use crate::state::{Action, BatchState, Library, PreviewFrom, Shelf, State, Store, Time, Ui};

/// The way a component changes the state: every action goes with the time it happened (`Action::At`), so the
/// storage protocol knows when a change was made without a clock of its own.
#[derive(Clone, PartialEq)]
pub struct Dispatch(Callback<Action>);

impl Dispatch {
    pub fn of(dispatcher: UseReducerDispatcher<State>) -> Dispatch {
        Dispatch(Callback::from(move |action| dispatcher.dispatch(action)))
    }

    /// What a component outside `App` (as in a test) gets: actions go nowhere.
    fn nowhere() -> Dispatch {
        Dispatch(Callback::noop())
    }

    pub fn dispatch(&self, action: Action) {
        let now = Time::from_js(js_sys::Date::now());
        self.0.emit(Action::At(now, Box::new(action)));
    }
}

/// A sub-state handed down by context, equal only to itself (a pointer comparison, never a deep one).
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The document on screen (the preview, or the library's open one) with its evaluation and checks, and the way to
/// change it: what the sections of a document need, and nothing else.
#[derive(Clone)]
pub struct DocHandle {
    pub stored: Rc<StoredDocument>,
    pub evaluation: Rc<Evaluation>,
    pub checks: Rc<Vec<Check>>,
    /// Each project scored and checked.
    pub projects: Rc<ScoredProjects>,
    pub read_only: bool,
    /// Where the preview on screen came from, if the document is one.
    pub preview: Option<PreviewFrom>,
    dispatch: Dispatch,
}

impl PartialEq for DocHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.stored, &other.stored)
            && Rc::ptr_eq(&self.evaluation, &other.evaluation)
            && Rc::ptr_eq(&self.checks, &other.checks)
            && Rc::ptr_eq(&self.projects, &other.projects)
            && self.read_only == other.read_only
            && self.preview == other.preview
    }
}

impl DocHandle {
    pub fn of(state: &State, dispatch: Dispatch) -> DocHandle {
        let derived = state.derived();
        DocHandle {
            stored: state.shown().clone(),
            evaluation: derived.evaluation.clone(),
            checks: derived.checks.clone(),
            projects: derived.projects.clone(),
            read_only: state.is_read_only(),
            preview: state.preview.as_ref().map(|p| p.from),
            dispatch,
        }
    }

    pub fn doc(&self) -> &Document {
        &self.stored.document
    }

    pub fn dispatch(&self, action: Action) {
        self.dispatch.dispatch(action);
    }

    pub fn dispatcher(&self) -> Dispatch {
        self.dispatch.clone()
    }
}

thread_local! {
    /// What a component rendered outside `App` (as in a test) sees: an empty state, built once per thread.
    static PLACEHOLDER: State = State::placeholder();
}

/// A context's value, or (for a component rendered outside `App`) the placeholder state's, with a dispatch that
/// goes nowhere: never a panic, and nothing built for a component that has its context.
#[hook]
fn use_from_context<T: Clone + PartialEq + 'static>(
    fallback: impl FnOnce(&State, Dispatch) -> T,
) -> T {
    use_context::<T>()
        .unwrap_or_else(|| PLACEHOLDER.with(|state| fallback(state, Dispatch::nowhere())))
}

#[hook]
pub fn use_document() -> DocHandle {
    use_from_context(DocHandle::of)
}

#[hook]
pub fn use_dispatch() -> Dispatch {
    use_from_context(|_, dispatch| dispatch)
}

#[hook]
pub fn use_library() -> Shared<Library> {
    use_from_context(|state, _| Shared(state.library.clone()))
}

#[hook]
pub fn use_shelf() -> Shared<Shelf> {
    use_from_context(|state, _| Shared(state.shelf.clone()))
}

#[hook]
pub fn use_batch() -> Shared<BatchState> {
    use_from_context(|state, _| Shared(state.batch.clone()))
}

#[hook]
pub fn use_ui() -> Shared<Ui> {
    use_from_context(|state, _| Shared(state.ui.clone()))
}

#[hook]
pub fn use_store() -> Shared<Store> {
    use_from_context(|state, _| Shared(state.store.clone()))
}

/// A callback that turns what an input sends into an edit of the open document: components say what was typed,
/// the core's `Document::try_apply` decides what it changes.
pub fn on_edit<T: 'static>(doc: &DocHandle, to_edit: impl Fn(T) -> Edit + 'static) -> Callback<T> {
    let dispatch = doc.dispatcher();
    Callback::from(move |value: T| dispatch.dispatch(Action::Edit(to_edit(value))))
}

/// Why the document would refuse `edit` (a paste beyond a cap …), asked before it is sent, so a form that reports
/// what an edit did tells the truth and keeps what the officer pasted; `None` when it would be taken.
pub fn refusal_of(doc: &DocHandle, edit: &Edit) -> Option<String> {
    doc.doc().try_apply(edit, None).err().map(|e| e.to_string())
}

/// A callback for a button that makes one edit (add a row, reset a paragraph …).
pub fn on_click(doc: &DocHandle, edit: Edit) -> Callback<MouseEvent> {
    on_edit(doc, move |_: MouseEvent| edit.clone())
}

/// A callback for a button that sends one action.
pub fn on_action(dispatch: &Dispatch, make: impl Fn() -> Action + 'static) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_: MouseEvent| dispatch.dispatch(make()))
}
