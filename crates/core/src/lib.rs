//! zipin-core: the pure heart of Zipin (部门整体支出绩效自评).
//!
//! Everything here is a pure function of the evaluation document, with no browser in sight: number parsing and
//! formatting, the document model and its migrations, frameworks and their rules, scoring with explanations,
//! consistency checks and the report text. The web app and the `zipin` command both ask this crate.

pub mod checks;
pub mod document;
pub mod fields;
pub mod framework;
pub mod metrics;
pub mod migrate;
pub mod number;
pub mod report;
pub mod samples;
pub mod scoring;
pub mod share;
pub mod store;
pub mod targets;

pub use document::Document;
pub use framework::Framework;
pub use scoring::{evaluate, Evaluation};
