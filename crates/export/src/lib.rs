//! What the officer submits: the 整体绩效自评报告 as .docx in the 公文 layout (GB/T 9704) and the 自评表 as .xlsx;
//! and what a 主管部门 reports of many units: the 汇总表 as .xlsx.
//! Document in, bytes out; natively tested. The page runs this in a Web Worker loaded on the first export, so the
//! file-format crates (≈ 500 KB gzipped) are not part of the first load.
//!
//! A document may come from anyone (a file, a link), so nothing here may panic on what it holds: no unwrap, no
//! unchecked arithmetic, no indexing; every failure is an [`ExportError`].
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

mod docx;
mod projects_xlsx;
mod summary_xlsx;
mod xlsx;

pub use docx::{docx, projects_docx};
pub use projects_xlsx::projects_xlsx;
pub use summary_xlsx::summary_xlsx;
pub use xlsx::xlsx;
pub use zipin_core::project::ProjectSelection;

use std::borrow::Cow;
use std::fmt;

/// Why a file could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportError(pub String);

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExportError {}

/// Whether XML 1.0 allows `c` in a document (its `Char` production): tab, line feed, carriage return and
/// everything from U+0020 up except U+FFFE and U+FFFF. (Surrogates cannot occur in a Rust `str`.)
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

/// `text` without the characters XML 1.0 forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE,
/// U+FFFF): Word and Excel refuse to open a file that holds one. Borrowed when there is nothing to remove.
pub(crate) fn xml_text(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| is_xml_char(c)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_drops_exactly_what_xml_forbids() {
        let forbidden: String = ('\u{0}'..='\u{1F}')
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .chain(['\u{FFFE}', '\u{FFFF}'])
            .collect();
        assert_eq!(forbidden.chars().count(), 29 + 2);
        assert_eq!(xml_text(&format!("甲{forbidden}乙")), "甲乙");
        let allowed = "\t\n\r 预算\u{7F}\u{85}\u{FFFD}\u{10000}𠀀";
        assert!(matches!(xml_text(allowed), Cow::Borrowed(t) if t == allowed));
    }
}
