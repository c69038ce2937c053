use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::platform::{spawn_local, time::sleep};
use yew::prelude::*;

use super::banners::Banners;
use super::basics::Basics;
use super::checks::Checks;
use super::documents::Documents;
use super::finance::Finance;
use super::frameworks::Frameworks;
use super::header::Header;
use super::nav::Nav;
use super::report::Report;
use super::scores::Scores;
use super::summary::SummarySection;
use super::targets::Targets;
use super::tasks::Tasks;
use super::welcome::Welcome;
use super::StateHandle;
use crate::services::{page, storage};
use crate::state::{Action, BatchWrite, FrameworkAction, Section, State};

/// How long a pause in typing is before the document is written: a burst of keystrokes is one write, so writing
/// a large document does not land between keystrokes. A hidden page is also saved at once.
const SAVE_DELAY: Duration = Duration::from_millis(300);
/// The longest an edit waits to be written while typing goes on without a pause (ms): at most this much is lost if
/// the browser dies.
const SAVE_AT_MOST_MS: f64 = 2_000.0;

#[function_component(App)]
pub fn app() -> Html {
    // Everything stored is read here, before anything can be written.
    let state = use_reducer(|| {
        State::from_loaded(storage::load(), storage::new_tab_id())
            .with_frameworks(storage::load_frameworks())
            .with_kept_batch(storage::load_batch())
    });
    use_autosave(&state);
    use_framework_autosave(&state);
    use_kept_batch(&state);
    use_other_tabs(&state);
    use_shortcuts(&state);
    use_focus_request(&state);
    use_share_link(&state);
    use_print_shows_report(&state);
    use_effect_with((), |_| page::register_service_worker());

    let read_only = state.is_read_only();
    let section = state.section;
    let body = match section {
        Section::Basics => html! { <Basics /> },
        Section::Tasks => html! { <Tasks /> },
        Section::Targets => html! { <Targets /> },
        Section::Finance => html! { <Finance /> },
        Section::Scores => html! { <Scores /> },
        Section::Checks => html! { <Checks /> },
        Section::Report => html! { <Report /> },
        Section::Documents => html! { <Documents /> },
        Section::Frameworks => html! { <Frameworks /> },
        Section::Summary => html! { <SummarySection /> },
    };
    html! {
        <ContextProvider<StateHandle> context={state.clone()}>
            <a class="skip-link" href="#main">{ "跳到正文" }</a>
            <div class="app">
                <Header />
                <Banners />
                <Nav />
                <main id="main" class="main" aria-labelledby="section-title" tabindex="-1">
                    if state.shows_welcome() { <Welcome /> }
                    <h2 id="section-title" class="section-title">{ section.label() }</h2>
                    if read_only && !matches!(section, Section::Documents | Section::Frameworks | Section::Summary) {
                        <fieldset class="plain" disabled=true>{ body }</fieldset>
                    } else {
                        { body }
                    }
                </main>
            </div>
        </ContextProvider<StateHandle>>
    }
}

/// Writes changes a moment after they happen (at most one write in flight), and at once when the page is hidden.
#[hook]
fn use_autosave(state: &StateHandle) {
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    let scheduled = use_mut_ref(|| Rc::new(Cell::new(false)));

    let save_now = {
        let latest = latest.clone();
        move || {
            let handle = latest.borrow().clone();
            if handle.is_saved() {
                return;
            }
            match storage::save(&handle) {
                Ok(report) => handle.dispatch(Action::Saved(report)),
                Err(error) => handle.dispatch(Action::SaveFailed(error)),
            }
        }
    };
    {
        let save_now = save_now.clone();
        let latest = latest.clone();
        let scheduled = scheduled.borrow().clone();
        let saved = state.is_saved();
        let has_error = state.storage.has_error();
        use_effect_with(
            (state.revision, state.storage.saved_revision, has_error),
            move |_| {
                // After a failure, keep trying on each edit (the banner stays until a write succeeds).
                if !saved && !scheduled.get() {
                    scheduled.set(true);
                    spawn_local(async move {
                        let started = js_sys::Date::now();
                        loop {
                            let seen = latest.borrow().revision;
                            sleep(SAVE_DELAY).await;
                            let paused = latest.borrow().revision == seen;
                            if paused || js_sys::Date::now() - started >= SAVE_AT_MOST_MS {
                                break;
                            }
                        }
                        scheduled.set(false);
                        save_now();
                    });
                }
            },
        );
    }
    use_effect_with((), move |_| {
        let listener =
            EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                if page::is_hidden() {
                    save_now();
                }
            });
        move || drop(listener)
    });
}

/// Writes the framework library after each change to it (frameworks are small: no pause is awaited).
#[hook]
fn use_framework_autosave(state: &StateHandle) {
    let shelf_revision = state.frameworks.revision;
    let state = state.clone();
    use_effect_with(shelf_revision, move |revision| {
        if !state.frameworks.is_saved() {
            let error = storage::save_frameworks(&state.frameworks);
            state.dispatch(Action::Frameworks(
                FrameworkAction::Saved {
                    revision: *revision,
                    error,
                },
                String::new(),
            ));
        }
    });
}

/// Does what the state asks of the kept batch's record, once each time it asks.
#[hook]
fn use_kept_batch(state: &StateHandle) {
    let asked = state.batch_write;
    let state = state.clone();
    use_effect_with(asked, move |asked| {
        if let Some((_, write)) = asked {
            let units = match write {
                BatchWrite::Write => state.batch.as_ref().map(|b| b.units.as_slice()),
                BatchWrite::Remove => None,
            };
            state.dispatch(Action::BatchStored(storage::store_batch(units)));
        }
    });
}

/// Notices another tab saving one of our documents or frameworks.
#[hook]
fn use_other_tabs(state: &StateHandle) {
    let tab = state.tab.clone();
    let dispatch = state.dispatcher();
    use_effect_with(tab, move |tab| {
        let documents = dispatch.clone();
        let listener = storage::watch_other_tabs(
            tab.clone(),
            Callback::from(move |change| documents.dispatch(Action::External(change))),
        );
        let frameworks = storage::watch_other_frameworks(Callback::from(move |change| {
            dispatch.dispatch(Action::Frameworks(
                FrameworkAction::External(change),
                String::new(),
            ))
        }));
        move || {
            drop(listener);
            drop(frameworks);
        }
    });
}

/// Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (⌘ on a Mac).
#[hook]
fn use_shortcuts(state: &StateHandle) {
    let dispatch = state.dispatcher();
    use_effect_with((), move |_| {
        // Not passive: the browser's own undo inside a text field must be prevented, or it would replay typing.
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(
            &gloo::utils::document(),
            "keydown",
            options,
            move |event| {
                let Some(e) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if !(e.ctrl_key() || e.meta_key()) {
                    return;
                }
                let key = e.key().to_lowercase();
                let action = match (key.as_str(), e.shift_key()) {
                    ("z", false) => Action::Shortcut(true),
                    ("z", true) | ("y", false) => Action::Shortcut(false),
                    _ => return,
                };
                e.prevent_default();
                dispatch.dispatch(action);
            },
        );
        move || drop(listener)
    });
}

/// After a check's link is followed: focus the field, bring it into view and flash it.
#[hook]
fn use_focus_request(state: &StateHandle) {
    let flashed: Rc<RefCell<Option<HtmlElement>>> = use_mut_ref(|| None);
    use_effect_with(state.focus.clone(), move |focus| {
        if let Some((id, _)) = focus {
            page::focus_and_flash(id, &flashed);
        }
    });
}

/// A `#share=…` link opens its document as a preview (never over a local document); a bad one says why.
///
/// The fragment leaves the address bar before the link is decoded: should a hostile link still crash the page, a
/// reload opens the app without it. The preview needs no address (保存为新文档 stores it, 关闭预览 leaves it).
#[hook]
fn use_share_link(state: &StateHandle) {
    let dispatch = state.dispatcher();
    use_effect_with((), move |_| {
        let open = move || {
            match page::take_share_code() {
                Some(page::Shared::Document(code)) => match zipin_core::share::decode(&code) {
                    Ok(doc) => dispatch.dispatch(Action::OpenShared(doc)),
                    Err(e) => dispatch.dispatch(Action::ShareFailed(e)),
                },
                // A framework opens as a framework preview, never as a document.
                Some(page::Shared::Framework(code)) => {
                    match zipin_core::share::decode_framework(&code) {
                        Ok((framework, _)) => dispatch.dispatch(Action::Frameworks(
                            FrameworkAction::Preview(framework),
                            super::frameworks::now_iso(),
                        )),
                        Err(e) => dispatch.dispatch(Action::ShareFailed(e)),
                    }
                }
                None => {}
            }
        };
        open();
        // A link pasted into the address bar of an open tab changes only the fragment.
        let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| open());
        move || drop(listener)
    });
}

/// Printing from any section prints the report: the browser's print (Ctrl+P) switches to it first.
#[hook]
fn use_print_shows_report(state: &StateHandle) {
    let dispatch = state.dispatcher();
    use_effect_with((), move |_| {
        let listener = EventListener::new(&gloo::utils::window(), "beforeprint", move |_| {
            dispatch.dispatch(Action::BeforePrint);
        });
        move || drop(listener)
    });
}
