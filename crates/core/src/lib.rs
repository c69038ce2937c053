//! zipin-core: the pure heart of Zipin (部门整体支出绩效自评).
//!
//! Everything here is a pure function of the evaluation document, with no browser in sight: number parsing and
//! formatting, the document model and its migrations, frameworks and their rules, scoring with explanations,
//! consistency checks and the report text. The web app and the `zipin` command both ask this crate.
//!
//! The modules form layers: no module refers, through others, back to itself. `tests/layers.rs` reads the source,
//! fails naming any cycle, and is where the layers stand; outside data comes in through [`receive`], the top.

// The core must not panic on anything a document can hold: arithmetic is checked, nothing is unwrapped or indexed.
// The workspace's `[workspace.lints.clippy]` denies it (and clippy.toml disallows `Iterator::sum` in favour of
// checked_sum); tests may.
#![cfg_attr(
    test,
    allow(
        clippy::arithmetic_side_effects,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::string_slice,
        clippy::panic,
        clippy::disallowed_methods
    )
)]

pub mod access;
pub mod caps;
pub mod checks;
pub mod document;
pub mod edit;
pub mod fields;
pub mod formats;
pub mod framework;
pub mod gate;
mod intake;
pub mod measure;
pub mod metrics;
pub mod migrate;
pub mod number;
pub mod paste;
pub mod present;
pub mod project;
pub mod receive;
pub mod report;
pub mod samples;
pub mod scoring;
pub mod share;
pub mod store;
pub mod summary;
pub mod targets;
pub mod undo;

pub use document::Document;
pub use framework::Framework;
pub use scoring::{evaluate, Evaluation};
