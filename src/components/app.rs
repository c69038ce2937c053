use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use super::banners::Banners;
use super::basics::Basics;
use super::checks::Checks;
use super::finance::Finance;
use super::header::Header;
use super::nav::Nav;
use super::parts::{LazyPart, Part};
use super::scores::Scores;
use super::targets::Targets;
use super::tasks::Tasks;
use super::welcome::Welcome;
use super::{Dispatch, DocHandle, Shared};
use crate::services::page;
use crate::services::storage::{self, WebStorage};
use crate::state::{
    perform, Action, BatchState, Door, Incoming, Library, Section, Shelf, State, StorageEvent,
    Store, Time, Ui, UiAction,
};

type StateHandle = UseReducerHandle<State>;

#[function_component(App)]
pub fn app() -> Html {
    // Everything stored is read here, before anything can be written.
    let state = use_reducer(|| State::from_stored(storage::read_all(), storage::new_tab_id()));
    // One dispatch for the page's life, so contexts holding it compare equal from render to render.
    let dispatch = (*use_memo((), {
        let dispatcher = state.dispatcher();
        move |_| Dispatch::of(dispatcher)
    }))
    .clone();
    use_storage(&state);
    use_shortcuts(&dispatch);
    use_focus_request(&state);
    use_share_link(&dispatch);
    use_print_shows_report(&dispatch);
    use_effect_with((), |_| {
        page::register_service_worker();
        page::when_loaded_and_idle(super::parts::preload_report);
    });

    let doc = DocHandle::of(&state, dispatch.clone());
    let read_only = state.is_read_only();
    let section = state.ui.section;
    let body = match section {
        Section::Basics => html! { <Basics /> },
        Section::Tasks => html! { <Tasks /> },
        Section::Targets => html! { <Targets /> },
        Section::Finance => html! { <Finance /> },
        Section::Projects => html! { <LazyPart part={Part::Projects} /> },
        Section::Scores => html! { <Scores /> },
        Section::Checks => html! { <Checks /> },
        Section::Report => html! { <LazyPart part={Part::Report} /> },
        Section::Documents => html! { <LazyPart part={Part::Documents} /> },
        Section::Frameworks => html! { <LazyPart part={Part::Frameworks} /> },
        Section::Summary => html! { <LazyPart part={Part::Summary} /> },
    };
    html! {
        <ContextProvider<Dispatch> context={dispatch}>
        <ContextProvider<DocHandle> context={doc}>
        <ContextProvider<Shared<Library>> context={Shared(state.library.clone())}>
        <ContextProvider<Shared<Shelf>> context={Shared(state.shelf.clone())}>
        <ContextProvider<Shared<BatchState>> context={Shared(state.batch.clone())}>
        <ContextProvider<Shared<Ui>> context={Shared(state.ui.clone())}>
        <ContextProvider<Shared<Store>> context={Shared(state.store.clone())}>
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
        </ContextProvider<Shared<Store>>>
        </ContextProvider<Shared<Ui>>>
        </ContextProvider<Shared<BatchState>>>
        </ContextProvider<Shared<Shelf>>>
        </ContextProvider<Shared<Library>>>
        </ContextProvider<DocHandle>>
        </ContextProvider<Dispatch>>
    }
}

fn now() -> Time {
    Time::from_js(js_sys::Date::now())
}

/// The storage service's side of the protocol: it ticks the state when something changed and when the state asked
/// to wake, performs the plan the state hands over (once per ticket) and reports back, flushes when the page is
/// hidden, and passes on other tabs' writes.
#[hook]
fn use_storage(state: &StateHandle) {
    let dispatch = state.dispatcher();
    // Something changed that the store has not noted: tell it when.
    {
        let dispatch = dispatch.clone();
        let wants = state.wants_tick();
        use_effect_with(
            (
                state.library.revision,
                state.shelf.revision,
                state.batch.pending,
                wants,
            ),
            move |_| {
                if wants {
                    dispatch.dispatch(Action::Storage(StorageEvent::Tick(now())));
                }
            },
        );
    }
    // Wake when the state asked to.
    {
        let dispatch = dispatch.clone();
        use_effect_with(state.poll_timeout(), move |deadline| {
            let timer = deadline.map(|deadline| {
                let wait = deadline.millis().saturating_sub(now().millis());
                // A timer may fire a moment early by the page's clock: the tick is never before the deadline, or it
                // would find nothing due and set no new timer.
                Timeout::new(u32::try_from(wait).unwrap_or(u32::MAX), move || {
                    dispatch.dispatch(Action::Storage(StorageEvent::Tick(now().max(deadline))))
                })
            });
            move || drop(timer)
        });
    }
    // Perform the plan handed over, once.
    {
        let dispatch = dispatch.clone();
        let plan = state.store.outbox.clone();
        use_effect_with(plan.as_ref().map(|p| p.ticket), move |_| {
            if let Some(plan) = plan {
                let event = match WebStorage::open() {
                    Ok(mut storage) => StorageEvent::Done(perform(&plan, &mut storage)),
                    Err(error) => StorageEvent::Unavailable(error),
                };
                dispatch.dispatch(Action::Storage(event));
            }
        });
    }
    // A hidden page may never come back: everything is written at once.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener =
                EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                    if page::is_hidden() {
                        dispatch.dispatch(Action::Storage(StorageEvent::Flush(now())));
                    }
                });
            move || drop(listener)
        });
    }
    use_effect_with((), move |_| {
        let listener = storage::watch_other_tabs(Callback::from(move |event| {
            dispatch.dispatch(Action::Storage(event))
        }));
        move || drop(listener)
    });
}

/// Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (⌘ on a Mac).
#[hook]
fn use_shortcuts(dispatch: &Dispatch) {
    let dispatch = dispatch.clone();
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
    use_effect_with(state.ui.focus.clone(), move |focus| {
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
fn use_share_link(dispatch: &Dispatch) {
    let dispatch = dispatch.clone();
    use_effect_with((), move |_| {
        let open = move || {
            if let Some(fragment) = page::take_share_fragment() {
                let received = zipin_core::receive::receive(
                    &zipin_core::receive::Source::Link,
                    zipin_core::receive::Accept::Either,
                    &fragment,
                );
                dispatch.dispatch(Action::Receive(
                    Door::Link,
                    vec![Incoming::received("链接".to_string(), received)],
                ));
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
fn use_print_shows_report(dispatch: &Dispatch) {
    let dispatch = dispatch.clone();
    use_effect_with((), move |_| {
        let listener = EventListener::new(&gloo::utils::window(), "beforeprint", move |_| {
            dispatch.dispatch(Action::Ui(UiAction::BeforePrint));
        });
        move || drop(listener)
    });
}
