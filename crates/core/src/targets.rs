//! The 绩效目标 table under the paths the page and the export crate name it by: a row is read and scored in
//! [`crate::scoring::targets`], a sheet pasted from Excel is read in [`crate::paste`]. Nothing in the core uses
//! this module, so it depends on those two and nothing depends on it.

pub use crate::paste::{parse_tsv, TSV_COLUMNS};
pub use crate::scoring::targets::{
    assess, parse_date, parse_target_number, row_weights, selected_rows, Assessment,
    TargetRowResult,
};
