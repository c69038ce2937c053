//! The Zipin web app: Yew components, app state and thin services for the browser (storage, downloads, the
//! export worker, the page).
//!
//! It holds no arithmetic and no rule; every number, score, check and sentence comes from `zipin_core`.
//!
//! Words used in names: *export* is writing an office file (.docx or .xlsx) in the export worker, with the
//! `zipin-export` crate; a *document file* is one document as .json (downloaded, or opened as an import); a
//! *backup* is a document file offered when saving fails; a *share link* carries a document in its `#share=`
//! fragment; a *download* is any bytes handed to the browser as a file.

// The workspace's lints (Cargo.toml) hold here as in the core: no unchecked arithmetic, unwrap, expect, indexing or
// panic in `state` and `services`; the views allow layout arithmetic (components/mod.rs). Tests may do all of it.
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic,
        clippy::arithmetic_side_effects
    )
)]

pub mod components;
pub mod error;
pub mod export_protocol;
pub mod services;
pub mod state;

use components::app::App;

/// Mounts the app on the page body, after the panic hook.
pub fn run() {
    // `std::panic::set_hook` through Yew, which otherwise replaces any hook with its own (a console message only)
    // when it first renders.
    yew::set_custom_panic_hook(Box::new(|info| {
        services::page::show_crash_page(&info.to_string())
    }));
    // The static frame index.html shows while the wasm loads gives way to the app.
    services::page::remove_static_shell();
    yew::Renderer::<App>::new().render();
}
