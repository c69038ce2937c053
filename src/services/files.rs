//! Files the officer chooses with an `<input type="file">` or drops: read as text in the page, never uploaded,
//! then read by the core's one way in (`zipin_core::receive`) and sent to the state as `Action::Receive` with the
//! door they came through.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::{Callback, Event};
use zipin_core::receive::{receive, Accept, Source};

use crate::components::Dispatch;
use crate::error::AppError;
use crate::state::{Action, Door, Incoming};

/// A file's text through the core's one way in, or why the browser could not hand it over.
fn incoming(name: String, text: Result<String, AppError>, accept: Accept) -> Incoming {
    match text {
        Ok(text) => {
            let received = receive(&Source::File(name.clone()), accept, &text);
            Incoming::received(name, received)
        }
        Err(error) => Incoming::not_read(name, error.to_string()),
    }
}

/// The file input an event came from.
fn file_input(e: &Event) -> Option<HtmlInputElement> {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
}

/// The `change` handler of a file input: reads the chosen file as text, clears the input (so choosing the same
/// file again is noticed), and sends what the core made of it through `door`. A file larger than `max_bytes` is
/// not read at all: its size alone refuses it.
pub fn on_file_chosen(
    max_bytes: usize,
    accept: Accept,
    door: Door,
    dispatch: Dispatch,
) -> Callback<Event> {
    let on_text = Rc::new(move |name: String, text: Result<String, AppError>| {
        dispatch.dispatch(Action::Receive(door, vec![incoming(name, text, accept)]))
    });
    Callback::from(move |e: Event| {
        let Some(input) = file_input(&e) else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        // File sizes are whole numbers of bytes, exactly representable in an f64 up to 2⁵³.
        if file.size() > max_bytes as f64 {
            on_text(
                name,
                Err(AppError::FileTooLarge {
                    bytes: file.size(),
                    max: max_bytes,
                }),
            );
            return;
        }
        let on_text = on_text.clone();
        spawn_local(async move {
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .ok_or(AppError::FileUnreadable);
            on_text(name, text);
        });
    })
}

/// The most bytes the files chosen at once may hold together.
pub const MAX_TOTAL_BYTES: usize = 64 * 1024 * 1024;

/// Reads each of `files` as text, one after another, each through the core's one way in, and sends them together
/// through `door` in order with their names. A file larger than `max_bytes` is not read; only the first
/// `max_files` are taken (the rest are reported).
pub fn receive_files(
    files: web_sys::FileList,
    max_bytes: usize,
    max_files: usize,
    (accept, door): (Accept, Door),
    dispatch: Dispatch,
) {
    let chosen: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    spawn_local(async move {
        let mut read = Vec::with_capacity(chosen.len().min(max_files));
        // Every text is in memory at once: together they stay far below what the page can hold.
        let mut total = 0.0;
        for (n, file) in chosen.into_iter().enumerate() {
            let name = file.name();
            let refused = if n >= max_files {
                Some(AppError::TooManyFiles { max: max_files })
            } else if file.size() > max_bytes as f64 {
                Some(AppError::FileTooLarge {
                    bytes: file.size(),
                    max: max_bytes,
                })
            } else if total + file.size() > MAX_TOTAL_BYTES as f64 {
                // Only what is read counts: a file that does not fit leaves room for smaller ones after it.
                Some(AppError::FilesTooLarge {
                    max: MAX_TOTAL_BYTES,
                })
            } else {
                None
            };
            if let Some(error) = refused {
                read.push(incoming(name, Err(error), accept));
                continue;
            }
            total += file.size();
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .ok_or(AppError::FileUnreadable);
            read.push(incoming(name, text, accept));
        }
        dispatch.dispatch(Action::Receive(door, read));
    });
}

/// The `change` handler of a file input that takes many files (see [`receive_files`]).
pub fn on_files_chosen(
    max_bytes: usize,
    max_files: usize,
    (accept, door): (Accept, Door),
    dispatch: Dispatch,
) -> Callback<Event> {
    Callback::from(move |e: Event| {
        let Some(input) = file_input(&e) else {
            return;
        };
        let Some(files) = input.files() else { return };
        receive_files(
            files,
            max_bytes,
            max_files,
            (accept, door),
            dispatch.clone(),
        );
        input.set_value("");
    })
}
