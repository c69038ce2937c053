//! Derived presentation, computed once: what the page, the .docx, the .xlsx, the report and the `zipin` command
//! show of an evaluation, so that none of them adds, merges, rounds or words anything on its own.
//!
//! - [`score_table`]: the 自评表 (一级 → 二级 → 三级 rows with their merged cells, and the total row);
//! - [`target_rows`]: the 得分 cell of each 绩效目标 row;
//! - [`hints`]: the figures shown under entered fields (基本 + 项目 = …, 三项支出合计 …, shares of the on-post
//!   staff, a metric's computation, a management answer's score);
//! - [`composition`]: the parts of a spending total with their shares, as the charts print them;
//! - [`project_form`]: a project's 项目支出绩效自评表 as a grid of cells, and the overview of all projects;
//! - [`compare`]: a document's scores under its framework and under a proposed one, before the officer takes it.
//!
//! Numbers stay exact [`rust_decimal::Decimal`]s beside the text made from them by [`crate::number`]'s
//! formatters, so a writer that stores numbers (the .xlsx) stores the very figure the text shows.

pub mod compare;
pub mod composition;
pub mod hints;
pub mod project_form;
pub mod score_table;
pub mod target_rows;

pub use compare::{compare, ComparedRow, Comparison, Progress};
pub use composition::{composition, Composition, CompositionPart};
pub use hints::Hint;
pub use project_form::{project_form, project_overview, FormCell, Overview, ProjectForm};
pub use score_table::{
    score_table, GroupCell, ScoreRow, ScoreTable, TotalRow, SCORE_TABLE_HEADER, SCORE_TABLE_NUMERIC,
};
pub use target_rows::{target_row_scores, TargetRowScore};

/// What a score cell shows while there is no score.
pub const NO_SCORE: &str = "—";

/// A document's score in one short line, as the documents list shows it: `90.25分 优秀`, or how far scoring has
/// come (`已评分 1/15`).
pub fn score_summary(evaluation: &crate::scoring::Evaluation) -> String {
    match &evaluation.grade {
        Some(grade) => format!("{}分 {grade}", crate::number::fmt_score(evaluation.total)),
        None => format!(
            "已评分 {}/{}",
            evaluation.scored_count, evaluation.indicator_count
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, samples};

    #[test]
    fn a_score_in_one_line() {
        // The seed has only 采购 answered of its 15 indicators; the example is complete at 90.25 (samples.rs).
        assert_eq!(score_summary(&evaluate(&samples::seed())), "已评分 1/15");
        assert_eq!(
            score_summary(&evaluate(&samples::example())),
            "90.25分 优秀"
        );
        // The total is printed as a score is: rounded to 0.01 and without trailing zeros.
        let mut graded = evaluate(&samples::example());
        graded.total = rust_decimal::Decimal::new(80_005, 3);
        graded.grade = Some("良好".to_string());
        assert_eq!(score_summary(&graded), "80.01分 良好");
        graded.total = rust_decimal::Decimal::new(8_000, 2);
        assert_eq!(score_summary(&graded), "80分 良好");
    }
}
