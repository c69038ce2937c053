//! One component per file; `on_edit` turns what an input sends into a core `Edit`, dispatched as an undoable action.

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
pub mod report;
pub mod scores;
pub mod summary;
pub mod table;
pub mod targets;
pub mod tasks;
pub mod welcome;

use yew::prelude::*;
use zipin_core::edit::Edit;

use crate::state::{Action, State};

pub type StateHandle = UseReducerHandle<State>;

/// The app state from context. Every component below `App` has it; the (cheap, empty) fallback only keeps a
/// misplaced component from panicking.
#[hook]
pub fn use_app_state() -> StateHandle {
    let fallback = use_reducer(State::placeholder);
    use_context::<StateHandle>().unwrap_or(fallback)
}

/// A callback that turns what an input sends into an edit of the current document: components say what was typed,
/// the core's `Document::apply` decides what it changes.
pub fn on_edit<T: 'static>(
    state: &StateHandle,
    to_edit: impl Fn(T) -> Edit + 'static,
) -> Callback<T> {
    let state = state.clone();
    Callback::from(move |value: T| state.dispatch(Action::Edit(to_edit(value))))
}

/// A callback for a button that makes one edit (add a row, reset a paragraph …).
pub fn on_click(state: &StateHandle, edit: Edit) -> Callback<MouseEvent> {
    on_edit(state, move |_: MouseEvent| edit.clone())
}
