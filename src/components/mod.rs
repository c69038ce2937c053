//! One component per file; `editor` turns a field's edit into a dispatched, undoable action.

pub mod app;
pub mod banners;
pub mod basics;
pub mod charts;
pub mod checks;
pub mod documents;
pub mod fields;
pub mod finance;
pub mod header;
pub mod nav;
pub mod open_file;
pub mod outputs;
pub mod report;
pub mod scores;
pub mod table;
pub mod targets;
pub mod tasks;

use std::rc::Rc;

use yew::prelude::*;
use zipin_core::fields::{Field, FieldRef};
use zipin_core::Document;

use crate::state::{Action, Edit, State};

pub type StateHandle = UseReducerHandle<State>;

/// The app state from context. Every component below `App` has it; the (cheap, empty) fallback only keeps a
/// misplaced component from panicking.
#[hook]
pub fn use_app_state() -> StateHandle {
    let fallback = use_reducer(State::placeholder);
    use_context::<StateHandle>().unwrap_or(fallback)
}

/// A callback that applies `apply(document, value)` as an undoable edit named `key`.
pub fn editor<T: Clone + 'static>(
    state: &StateHandle,
    key: impl Into<String>,
    apply: impl Fn(&mut Document, T) + 'static,
) -> Callback<T> {
    let state = state.clone();
    let key = key.into();
    let apply = Rc::new(apply);
    Callback::from(move |value: T| {
        let apply = apply.clone();
        state.dispatch(Action::Edit(Edit::new(key.clone(), move |doc| {
            apply(doc, value.clone())
        })));
    })
}

/// A callback for a structural edit (add, remove, move, paste): always its own undo step.
pub fn step<T: Clone + 'static>(
    state: &StateHandle,
    apply: impl Fn(&mut Document, T) + 'static,
) -> Callback<T> {
    editor(state, "", apply)
}

/// The input id of a named field, matching what checks link to.
pub fn field_id(field: Field) -> AttrValue {
    FieldRef::from(field).dom_id().into()
}
