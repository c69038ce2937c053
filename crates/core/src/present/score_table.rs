//! The 自评表 as data: one row a 三级 indicator, each carrying its 一级 and 二级 cells (with the row span of the
//! merged cell on the first row of its group), and the total row with the one wording of the grade.
//!
//! The page merges the 一级 and 二级 cells by their spans; the .docx and the .xlsx repeat the names on every
//! row. Both read the same rows.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::framework::{Framework, Level1, Level2};
use crate::number::fmt_score;
use crate::scoring::{Evaluation, IndicatorResult};

use super::NO_SCORE;

/// The columns of the 自评表, as officers know them: on the page, in the .docx appendix and the .xlsx sheet alike.
/// Which columns of [`SCORE_TABLE_HEADER`] hold figures (分值, 自评得分), set right-aligned.
pub const SCORE_TABLE_NUMERIC: [bool; 7] = [false, false, false, true, false, true, false];

pub const SCORE_TABLE_HEADER: [&str; 7] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "分值",
    "评分标准",
    "自评得分",
    "扣分原因",
];

/// The 自评表 of one evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreTable {
    /// One row a 三级 indicator, in the order of [`Evaluation::indicators`] (row `i` is indicator `i`).
    pub rows: Vec<ScoreRow>,
    pub total: TotalRow,
}

/// The 一级 or 二级 cell of a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupCell {
    pub name: String,
    /// 分值 of the whole group.
    pub weight: Decimal,
    /// The merged cell's text: `管理效率（50分）`.
    pub label: String,
    /// On the first row of the group, how many rows the merged cell spans; `None` on the rows it covers.
    pub rowspan: Option<usize>,
}

/// One 三级 indicator as the table shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreRow {
    /// The indicator's id (the page's anchor `score-{id}`).
    pub id: String,
    pub level1: GroupCell,
    pub level2: GroupCell,
    /// 三级指标.
    pub name: String,
    /// 分值.
    pub weight: Decimal,
    pub weight_text: String,
    /// 评分标准.
    pub standard: String,
    /// 自评得分: the final score (the officer's override when one is in force); `None` while it cannot be scored.
    pub score: Option<Decimal>,
    /// The score as printed, or [`NO_SCORE`].
    pub score_text: String,
    /// Whether the score is the officer's override.
    pub overridden: bool,
    /// 扣分原因: why points were lost, or why there is no score yet.
    pub reason: String,
}

/// 合计: the sum of the scored indicators against the framework's total, and the grade or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TotalRow {
    /// 合计.
    pub label: String,
    /// The framework's total 分值.
    pub max: Decimal,
    pub max_text: String,
    /// The sum of the rounded final scores of the indicators scored so far.
    pub score: Decimal,
    pub score_text: String,
    /// The grade, once every indicator is scored and the framework is sound.
    pub grade: Option<String>,
    /// The one wording of the grade cell: `等次：优秀`, or why the grade is pending or withheld
    /// (`尚有14项指标未能评分，自评等次待全部指标评分后确定`), as [`Evaluation::grade_text`] words it.
    pub grade_text: String,
    /// How far scoring has come: `已评分 15 / 15 项`.
    pub progress: String,
}

/// The 自评表 of `evaluation`, which was scored with `framework` (the document's own). The rows follow the
/// framework's 一级 → 二级 → 三级 order, which is the order of [`Evaluation::indicators`]; a group without
/// indicators has no row.
pub fn score_table(framework: &Framework, evaluation: &Evaluation) -> ScoreTable {
    let mut results = evaluation.indicators.iter();
    let mut rows: Vec<ScoreRow> = Vec::with_capacity(evaluation.indicators.len());
    for l1 in &framework.level1 {
        let first_of_l1 = rows.len();
        for l2 in &l1.level2 {
            let first_of_l2 = rows.len();
            rows.extend(
                results
                    .by_ref()
                    .take(l2.indicators.len())
                    .map(|result| row(l1, l2, result)),
            );
            span(&mut rows, first_of_l2, |r: &mut ScoreRow| &mut r.level2);
        }
        span(&mut rows, first_of_l1, |r: &mut ScoreRow| &mut r.level1);
    }
    ScoreTable {
        rows,
        total: total_row(evaluation),
    }
}

fn group_cell(name: &str, weight: Decimal) -> GroupCell {
    GroupCell {
        name: name.to_string(),
        weight,
        label: format!("{name}（{}分）", fmt_score(weight)),
        rowspan: None,
    }
}

fn row(l1: &Level1, l2: &Level2, result: &IndicatorResult) -> ScoreRow {
    ScoreRow {
        id: result.id.clone(),
        level1: group_cell(&l1.name, l1.weight),
        level2: group_cell(&l2.name, l2.weight),
        name: result.name.clone(),
        weight: result.weight,
        weight_text: fmt_score(result.weight),
        standard: result.standard.clone(),
        score: result.final_score,
        score_text: result
            .final_score
            .map(fmt_score)
            .unwrap_or_else(|| NO_SCORE.to_string()),
        overridden: result.applied_override.is_some(),
        reason: result.table_reason(),
    }
}

/// Gives the first of the rows from `first` on the span of them all, in the cell `cell` picks.
fn span(rows: &mut [ScoreRow], first: usize, cell: fn(&mut ScoreRow) -> &mut GroupCell) {
    let count = rows.len().saturating_sub(first);
    if let Some(row) = rows.get_mut(first) {
        cell(row).rowspan = Some(count);
    }
}

fn total_row(evaluation: &Evaluation) -> TotalRow {
    TotalRow {
        label: "合计".to_string(),
        max: evaluation.max_total,
        max_text: fmt_score(evaluation.max_total),
        score: evaluation.total,
        score_text: fmt_score(evaluation.total),
        grade: evaluation.grade.clone(),
        grade_text: evaluation.grade_text(),
        progress: format!(
            "已评分 {} / {} 项",
            evaluation.scored_count, evaluation.indicator_count
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;
    use crate::scoring::evaluate;
    use crate::Document;

    fn table_of(doc: &Document) -> ScoreTable {
        score_table(&doc.framework, &evaluate(doc))
    }

    /// The spans of one column: (first row, rowspan, name) for each merged cell.
    fn spans(table: &ScoreTable, cell: fn(&ScoreRow) -> &GroupCell) -> Vec<(usize, usize, String)> {
        table
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| cell(r).rowspan.map(|n| (i, n, cell(r).name.clone())))
            .collect()
    }

    /// Every row is covered by exactly one merged cell of each column, the cells cover their own group's rows,
    /// and a 二级 cell never crosses a 一级 one.
    fn assert_spans_tile_the_rows(table: &ScoreTable) {
        let level1 = spans(table, |r| &r.level1);
        let level2 = spans(table, |r| &r.level2);
        for column in [&level1, &level2] {
            let mut next = 0;
            for (first, n, _) in column {
                assert_eq!(
                    *first, next,
                    "a merged cell starts where the last one ended"
                );
                assert!(*n > 0);
                next += n;
            }
            assert_eq!(next, table.rows.len(), "the spans add up to the rows");
        }
        for (first, n, name) in &level1 {
            assert!(table.rows[*first..first + n]
                .iter()
                .all(|r| &r.level1.name == name));
        }
        for (first, n, name) in &level2 {
            let rows = &table.rows[*first..first + n];
            assert!(rows.iter().all(|r| &r.level2.name == name));
            assert!(rows.iter().all(|r| r.level1.name == rows[0].level1.name));
        }
    }

    #[test]
    fn the_seed_table_has_its_framework_shape() {
        let doc = samples::seed();
        let evaluation = evaluate(&doc);
        let table = score_table(&doc.framework, &evaluation);
        assert_eq!(table.rows.len(), 15);
        let ids: Vec<&str> = table.rows.iter().map(|r| r.id.as_str()).collect();
        let expected: Vec<&str> = evaluation
            .indicators
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(ids, expected, "row i is indicator i");
        assert_spans_tile_the_rows(&table);
        let level1: Vec<(usize, usize, String)> = spans(&table, |r| &r.level1);
        assert_eq!(
            level1,
            [
                (0, 2, "履职效能".to_string()),
                (2, 13, "管理效率".to_string())
            ]
        );
        let level2: Vec<usize> = spans(&table, |r| &r.level2)
            .into_iter()
            .map(|(_, n, _)| n)
            .collect();
        assert_eq!(level2, [2, 2, 2, 2, 2, 1, 2, 2]);
        assert_eq!(table.rows[0].level1.label, "履职效能（50分）");
        assert_eq!(table.rows[2].level2.label, "预算编制（8分）");

        let procurement = table
            .rows
            .iter()
            .find(|r| r.id == "procurement-rate")
            .unwrap();
        assert_eq!(procurement.level2.label, "采购管理（5分）");
        assert_eq!(procurement.level2.rowspan, Some(1));
        assert_eq!(procurement.weight_text, "5");
        assert_eq!(procurement.score, Some("4.66".parse().unwrap()));
        assert_eq!(procurement.score_text, "4.66");
        assert!(!procurement.overridden);
        // Unscored rows say why in the reason column.
        let execution = table
            .rows
            .iter()
            .find(|r| r.id == "execution-rate")
            .unwrap();
        assert_eq!(
            (execution.score, execution.score_text.as_str()),
            (None, NO_SCORE)
        );
        assert!(
            execution.reason.starts_with("缺少："),
            "{}",
            execution.reason
        );
    }

    #[test]
    fn the_total_row_while_the_grade_is_pending() {
        let table = table_of(&samples::seed());
        let total = &table.total;
        assert_eq!(total.label, "合计");
        assert_eq!(
            (total.max_text.as_str(), total.score_text.as_str()),
            ("100", "4.66")
        );
        assert_eq!(total.grade, None);
        assert_eq!(
            total.grade_text,
            "尚有14项指标未能评分，自评等次待全部指标评分后确定"
        );
        assert_eq!(total.progress, "已评分 1 / 15 项");
    }

    #[test]
    fn the_total_row_once_graded_adds_up() {
        let doc = samples::example();
        let table = table_of(&doc);
        let total = &table.total;
        assert_eq!(total.grade.as_deref(), Some("优秀"));
        assert_eq!(total.grade_text, "等次：优秀");
        assert_eq!(total.score_text, "90.25");
        assert_eq!(
            total.progress,
            format!("已评分 {0} / {0} 项", table.rows.len())
        );
        // The printed table adds up: the total is the sum of the printed scores.
        let printed: Vec<Decimal> = table
            .rows
            .iter()
            .map(|r| r.score_text.parse().unwrap())
            .collect();
        assert_eq!(
            crate::number::checked_sum(printed),
            Some(total.score_text.parse().unwrap())
        );
        assert_spans_tile_the_rows(&table);
    }

    #[test]
    fn the_total_row_when_the_grade_is_withheld() {
        let mut doc = samples::example();
        doc.framework.level1[0].weight += Decimal::ONE;
        let table = table_of(&doc);
        assert_eq!(table.total.grade, None);
        assert!(
            table.total.grade_text.starts_with("评分框架未通过校验（")
                && table.total.grade_text.ends_with("不评定等次"),
            "{}",
            table.total.grade_text
        );
    }

    #[test]
    fn an_override_is_marked_and_its_reason_is_the_reason() {
        let mut doc = samples::example();
        let id = evaluate(&doc).indicators[0].id.clone();
        doc.overrides.insert(
            id.clone(),
            crate::document::Override {
                score: Decimal::ONE,
                reason: "酌情扣分".to_string(),
            },
        );
        let table = table_of(&doc);
        let row = &table.rows[0];
        assert_eq!(row.id, id);
        assert!(row.overridden);
        assert_eq!(
            (row.score_text.as_str(), row.reason.as_str()),
            ("1", "酌情扣分")
        );
        assert!(!table.rows[1].overridden);
    }

    #[test]
    fn groups_are_the_frameworks_not_equal_names() {
        // Two 二级 of the same name side by side stay two merged cells, each with its own 分值; a 二级 without
        // indicators has no row.
        let mut doc = samples::seed();
        let level1 = &mut doc.framework.level1[1];
        level1.level2[1].name = level1.level2[0].name.clone();
        let mut empty = level1.level2[0].clone();
        empty.indicators.clear();
        level1.level2.insert(1, empty);
        let table = table_of(&doc);
        assert_eq!(table.rows.len(), 15);
        assert_spans_tile_the_rows(&table);
        let level2: Vec<String> = spans(&table, |r| &r.level2)
            .into_iter()
            .map(|(_, n, _)| n.to_string())
            .collect();
        assert_eq!(level2, ["2", "2", "2", "2", "2", "1", "2", "2"]);
        assert_eq!(table.rows[2].level2.label, "预算编制（8分）");
        assert_eq!(table.rows[4].level2.label, "预算编制（12分）");
    }

    #[test]
    fn an_empty_framework_gives_no_rows_and_says_why_there_is_no_grade() {
        let mut doc = samples::example();
        doc.framework.level1.clear();
        let table = table_of(&doc);
        assert!(table.rows.is_empty());
        assert!(table.total.grade_text.contains("不评定等次"));
        assert_eq!(table.total.progress, "已评分 0 / 0 项");
    }
}
