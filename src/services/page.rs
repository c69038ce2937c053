//! The page itself: its address (share links in and out), printing, focus, the browser it runs in, the service
//! worker, and the crash page.

use std::cell::RefCell;
use std::time::Duration;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;
use yew::platform::{spawn_local, time::sleep};
use zipin_core::share::{encode, encode_framework, fragment_code, FRAGMENT_KEY, FRAMEWORK_KEY};
use zipin_core::Document;

use crate::error::js_error_text;

/// Offline use: a service worker (sw.js, written by scripts/service_worker.py at build time with the list of the
/// build's files) caches the app, so a second visit works with the network off. Pages opened from file:// or in a
/// browser without service workers simply work online only; a failed registration is logged, never fatal.
pub fn register_service_worker() {
    if !served_over_http() {
        return;
    }
    // The service worker's install precaches the whole build, the export worker's 600 KB included: on a slow line
    // that must not compete with the first load.
    when_loaded_and_idle(register_now);
}

/// Runs `then` once the page has loaded and the browser is idle (`requestIdleCallback`, where there is one; else
/// a moment after `load`): for work in the background that must not compete with the first load.
pub fn when_loaded_and_idle(then: fn()) {
    let window = gloo::utils::window();
    let complete = window
        .document()
        .is_some_and(|d| d.ready_state() == "complete");
    if complete {
        when_idle(then);
    } else {
        let listener = gloo::events::EventListener::once(&window, "load", move |_| when_idle(then));
        listener.forget();
    }
}

/// Runs `then` when the browser is idle, within 5 s at most.
fn when_idle(then: fn()) {
    let window = gloo::utils::window();
    let callback = wasm_bindgen::closure::Closure::once_into_js(then);
    let Some(callback) = callback.dyn_ref::<js_sys::Function>() else {
        return then();
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &options,
        &JsValue::from_str("timeout"),
        &JsValue::from(5_000),
    );
    let idle = js_sys::Reflect::get(&window, &JsValue::from_str("requestIdleCallback"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let scheduled = match idle {
        Some(request) => request.call2(&window, callback, &options).is_ok(),
        None => window
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback, 1_000)
            .is_ok(),
    };
    if !scheduled {
        then();
    }
}

fn register_now() {
    let navigator = gloo::utils::window().navigator();
    // `serviceWorker` is missing in some embedded browsers and in insecure contexts.
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let promise = navigator.service_worker().register("sw.js");
    spawn_local(async move {
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
            gloo::console::warn!(format!("离线缓存未启用：{}", js_error_text(&e)));
        }
    });
}

/// Whether the page is the hosted one (the offline single-file page is opened from file://).
pub fn served_over_http() -> bool {
    let protocol = gloo::utils::window()
        .location()
        .protocol()
        .unwrap_or_default();
    protocol == "http:" || protocol == "https:"
}

/// Whether the page runs inside WeChat's or QQ's own browser, where downloads fail.
pub fn in_app_browser() -> bool {
    let agent = web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default();
    agent.contains("MicroMessenger")
        || agent.contains(" QQ/")
        || agent.contains("MQQBrowser") && agent.contains("QQ/")
}

/// Whether the page is hidden (another tab, a minimised window, closing).
pub fn is_hidden() -> bool {
    gloo::utils::document().visibility_state() == web_sys::VisibilityState::Hidden
}

/// The fragment of a `#share=…` or `#framework=…` link in the address (without `#`), taken out of the address
/// first: should a hostile link still crash the page, a reload opens the app without it. The core reads it.
pub fn take_share_fragment() -> Option<String> {
    let window = gloo::utils::window();
    let hash = window.location().hash().unwrap_or_default();
    fragment_code(&hash, FRAGMENT_KEY).or_else(|| fragment_code(&hash, FRAMEWORK_KEY))?;
    drop_fragment(&window);
    Some(hash.trim_start_matches('#').to_string())
}

/// Replaces the address by the same path and query without the fragment (no reload, no history entry, no
/// `hashchange`).
fn drop_fragment(window: &web_sys::Window) {
    let location = window.location();
    if let (Ok(history), Ok(path), Ok(query)) =
        (window.history(), location.pathname(), location.search())
    {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}")));
    }
}

/// A share link to `doc`: this page's address without query or fragment, and the document in the fragment.
pub fn share_link(doc: &Document) -> String {
    let location = gloo::utils::window().location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    format!("{origin}{path}#{FRAGMENT_KEY}={}", encode(doc))
}

/// A share link to a framework: this page's address and the framework in the fragment.
pub fn framework_share_link(framework: &zipin_core::Framework) -> String {
    let location = gloo::utils::window().location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    format!(
        "{origin}{path}#{FRAMEWORK_KEY}={}",
        encode_framework(framework)
    )
}

/// Opens the browser's print dialog a moment from now, once the report the caller switched to has rendered.
pub fn print_soon() {
    spawn_local(async {
        sleep(Duration::from_millis(100)).await;
        let _ = gloo::utils::window().print();
    });
}

/// Focuses the input with dom id `id` (or the first input inside it), brings it into view and flashes its field;
/// `flashed` remembers the flashed field so the next call can clear it.
pub fn focus_and_flash(id: &str, flashed: &RefCell<Option<HtmlElement>>) {
    let Some(element) = gloo::utils::document().get_element_by_id(id) else {
        return;
    };
    let target = if matches!(element.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA") {
        Some(element.clone())
    } else {
        element
            .query_selector("input, select, textarea")
            .ok()
            .flatten()
            .or(Some(element.clone()))
    };
    if let Some(target) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
        let _ = target.focus();
        target.scroll_into_view_with_bool(false);
        let field = target
            .closest(".field, .checkbox, td, fieldset")
            .ok()
            .flatten()
            .and_then(|f| f.dyn_into::<HtmlElement>().ok());
        if let Some(previous) = flashed.borrow_mut().take() {
            let _ = previous.class_list().remove_1("flash");
        }
        if let Some(field) = field {
            let _ = field.class_list().add_1("flash");
            *flashed.borrow_mut() = Some(field);
        }
    }
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

/// Removes the static frame `index.html` shows until the app starts (`#zipin-shell`).
pub fn remove_static_shell() {
    if let Some(shell) = gloo::utils::document().get_element_by_id("zipin-shell") {
        shell.remove();
    }
}
