//! Files the officer chooses with an `<input type="file">`: read as text in the page, never uploaded.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::{Callback, Event};

use crate::error::AppError;

/// The `change` handler of a file input: reads the chosen file as text and clears the input, so choosing the same
/// file again is noticed. A file larger than `max_bytes` is not read at all: its size alone refuses it.
pub fn on_file_chosen(
    max_bytes: usize,
    on_text: impl Fn(Result<String, AppError>) + 'static,
) -> Callback<Event> {
    let on_text = Rc::new(on_text);
    Callback::from(move |e: Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
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
