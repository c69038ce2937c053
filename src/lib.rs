//! The Zipin web app: Yew components, app state and thin adapters for the browser (storage, downloads).
//!
//! It holds no arithmetic and no rule; every number, score, check and sentence comes from `zipin_core`.

pub mod components;
pub mod download;
pub mod export;
pub mod offline;
pub mod state;
pub mod storage;

use components::app::App;

/// Mounts the app on the page body.
pub fn run() {
    yew::Renderer::<App>::new().render();
}
