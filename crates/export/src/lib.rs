//! What the officer submits: the 整体绩效自评报告 as .docx in the 公文 layout (GB/T 9704) and the 自评表 as .xlsx.
//! Document in, bytes out; natively tested. The page runs this in a Web Worker loaded on the first export, so the
//! file-format crates (≈ 500 KB gzipped) are not part of the first load.

mod docx;
mod xlsx;

pub use docx::docx;
pub use xlsx::xlsx;

use std::fmt;

/// The columns of the 自评表, as officers know them, in the .docx appendix and the .xlsx sheet alike.
pub const SCORE_TABLE_HEADER: [&str; 7] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "分值",
    "评分标准",
    "自评得分",
    "扣分原因",
];

/// Why a file could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportError(pub String);

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExportError {}
