//! The Zipin web app: Yew components, app state and thin adapters for the browser (storage, downloads).
//!
//! It holds no arithmetic and no rule; every number, score, check and sentence comes from `zipin_core`.

pub mod components;
pub mod download;
pub mod export;
pub mod export_protocol;
pub mod offline;
pub mod state;
pub mod storage;

use components::app::App;
use wasm_bindgen::{JsCast, JsValue};

/// Mounts the app on the page body, after the panic hook.
pub fn run() {
    // `std::panic::set_hook` through Yew, which otherwise replaces any hook with its own (a console message only)
    // when it first renders.
    yew::set_custom_panic_hook(Box::new(|info| show_crash_page(&info.to_string())));
    yew::Renderer::<App>::new().render();
}

/// Replaces the page with the crash page of `src/crash.js` (`window.zipinCrash`), which offers every stored
/// document for download and a reload. Called from the panic hook, so it must not panic itself: every step that
/// could fail is ignored (without the script, the page simply stays as it is). Release builds abort right after.
pub fn show_crash_page(message: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(crash) = js_sys::Reflect::get(&window, &JsValue::from_str("zipinCrash")) else {
        return;
    };
    if let Ok(crash) = crash.dyn_into::<js_sys::Function>() {
        let _ = crash.call1(&window, &JsValue::from_str(message));
    }
}
