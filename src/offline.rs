//! Offline use: a service worker (sw.js, written by scripts/service_worker.py at build time with the list of the
//! build's files) caches the app, so a second visit works with the network off.

use wasm_bindgen::JsValue;

/// Registers `sw.js` beside the page. Pages opened from file:// or in a browser without service workers simply
/// work online only; a failed registration is logged, never fatal.
pub fn register_service_worker() {
    let window = gloo::utils::window();
    let protocol = window.location().protocol().unwrap_or_default();
    if protocol != "http:" && protocol != "https:" {
        return;
    }
    let navigator = window.navigator();
    // `serviceWorker` is missing in some embedded browsers and in insecure contexts.
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let promise = navigator.service_worker().register("sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
            gloo::console::warn!(format!(
                "离线缓存未启用：{}",
                crate::storage::js_error_text(&e)
            ));
        }
    });
}
