//! Files the officer chooses with an `<input type="file">`: read as text in the page, never uploaded.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::{Callback, Event};

use crate::error::AppError;

/// The file input an event came from.
fn file_input(e: &Event) -> Option<HtmlInputElement> {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
}

/// The `change` handler of a file input: reads the chosen file as text and clears the input, so choosing the same
/// file again is noticed. A file larger than `max_bytes` is not read at all: its size alone refuses it.
pub fn on_file_chosen(
    max_bytes: usize,
    on_text: impl Fn(Result<String, AppError>) + 'static,
) -> Callback<Event> {
    let on_text = Rc::new(on_text);
    Callback::from(move |e: Event| {
        let Some(input) = file_input(&e) else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        // File sizes are whole numbers of bytes, exactly representable in an f64 up to 2⁵³.
        if file.size() > max_bytes as f64 {
            on_text(Err(AppError::FileTooLarge {
                bytes: file.size(),
                max: max_bytes,
            }));
            return;
        }
        let on_text = on_text.clone();
        spawn_local(async move {
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .ok_or(AppError::FileUnreadable);
            on_text(text);
        });
    })
}

/// The most bytes the files chosen at once may hold together.
pub const MAX_TOTAL_BYTES: usize = 64 * 1024 * 1024;

/// Files read: each name with its text, or why it was not read.
pub type ReadFiles = Vec<(String, Result<String, AppError>)>;
/// What is done with files once read.
pub type OnRead = Rc<dyn Fn(ReadFiles)>;

/// Reads each of `files` as text, one after another, and gives them to `on_done` in order with their names. A
/// file larger than `max_bytes` is not read; only the first `max_files` are taken (the rest are reported).
pub fn read_files(
    files: web_sys::FileList,
    max_bytes: usize,
    max_files: usize,
    on_done: impl FnOnce(ReadFiles) + 'static,
) {
    let chosen: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    spawn_local(async move {
        let mut read = Vec::with_capacity(chosen.len().min(max_files));
        // Every text is in memory at once: together they stay far below what the page can hold.
        let mut total = 0.0;
        for (n, file) in chosen.into_iter().enumerate() {
            let name = file.name();
            if n >= max_files {
                read.push((name, Err(AppError::TooManyFiles { max: max_files })));
                continue;
            }
            if file.size() > max_bytes as f64 {
                read.push((
                    name,
                    Err(AppError::FileTooLarge {
                        bytes: file.size(),
                        max: max_bytes,
                    }),
                ));
                continue;
            }
            // Only what is read counts: a file that does not fit leaves room for smaller ones after it.
            if total + file.size() > MAX_TOTAL_BYTES as f64 {
                read.push((
                    name,
                    Err(AppError::FilesTooLarge {
                        max: MAX_TOTAL_BYTES,
                    }),
                ));
                continue;
            }
            total += file.size();
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .ok_or(AppError::FileUnreadable);
            read.push((name, text));
        }
        on_done(read);
    });
}

/// The `change` handler of a file input that takes many files (see [`read_files`]).
pub fn on_files_chosen(max_bytes: usize, max_files: usize, on_done: OnRead) -> Callback<Event> {
    Callback::from(move |e: Event| {
        let Some(input) = file_input(&e) else {
            return;
        };
        let Some(files) = input.files() else { return };
        let on_done = on_done.clone();
        read_files(files, max_bytes, max_files, move |read| on_done(read));
        input.set_value("");
    })
}
