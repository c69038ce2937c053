//! What a proposed framework would do to a document's scores, before the officer takes it: the document scored
//! under its own framework and under the proposed one, indicator by indicator, with the totals and grades.
//!
//! The figures are the 自评表's ([`score_table`]): a score or weight here is the number the table prints, so a
//! line such as `政府采购执行率：分值 5 → 6 分，得分 4.66 → 5.6 分` compares exactly what the officer will see.
//! The total and the grade are what [`evaluate`] says: a proposed framework that fails validation still scores
//! each indicator, but its grade is withheld, and the summary says why.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{score_table, ScoreRow, NO_SCORE};
use crate::document::Document;
use crate::framework::Framework;
use crate::number::{fmt_score, round_half_up};
use crate::scoring::{evaluate, Evaluation, GradeWithheld};

/// One 三级 indicator under the current framework (`.0`) and the proposed one (`.1`). A side is `None` where the
/// indicator is not in that framework (weight and score) or has no score there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparedRow {
    pub id: String,
    /// The name in the proposed framework, or in the current one for an indicator the proposed one drops.
    pub name: String,
    /// 分值, as the table prints it.
    pub weight: (Option<Decimal>, Option<Decimal>),
    /// 自评得分 (the officer's override where one counts), as the table prints it.
    pub score: (Option<Decimal>, Option<Decimal>),
}

/// How many indicators are scored, of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub scored: usize,
    pub count: usize,
}

impl Progress {
    fn of(evaluation: &Evaluation) -> Progress {
        Progress {
            scored: evaluation.scored_count,
            count: evaluation.indicator_count,
        }
    }

    fn is_complete(self) -> bool {
        self.scored == self.count
    }
}

/// A document scored under its current framework (`.0`) and a proposed one (`.1`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The proposed framework's indicators in its order, then those only the current one has, in its order.
    pub rows: Vec<ComparedRow>,
    /// The 合计 as printed; `None` where it is too large to compute.
    pub total: (Option<Decimal>, Option<Decimal>),
    pub grade: (Option<String>, Option<String>),
    /// Why a side has no grade.
    pub withheld: (Option<GradeWithheld>, Option<GradeWithheld>),
    pub progress: (Progress, Progress),
}

/// Scores `doc` under its own framework and under `proposed`, leaving `doc` as it is.
pub fn compare(doc: &Document, proposed: &Framework) -> Comparison {
    let current = evaluate(doc);
    let mut under_proposed = doc.clone();
    under_proposed.framework = proposed.clone();
    let next = evaluate(&under_proposed);
    let current_rows = score_table(&doc.framework, &current).rows;
    let next_rows = score_table(proposed, &next).rows;

    // Ids pair in order of appearance, so an unsound framework repeating an id pairs its k-th with the k-th.
    let mut paired = vec![false; current_rows.len()];
    let mut rows = Vec::with_capacity(next_rows.len());
    for after in &next_rows {
        let before = current_rows
            .iter()
            .zip(paired.iter_mut())
            .find(|(row, taken)| !**taken && row.id == after.id)
            .map(|(row, taken)| {
                *taken = true;
                row
            });
        rows.push(ComparedRow {
            id: after.id.clone(),
            name: after.name.clone(),
            weight: (before.map(printed_weight), Some(printed_weight(after))),
            score: (before.and_then(printed_score), printed_score(after)),
        });
    }
    rows.extend(
        current_rows
            .iter()
            .zip(&paired)
            .filter(|(_, taken)| !**taken)
            .map(|(before, _)| ComparedRow {
                id: before.id.clone(),
                name: before.name.clone(),
                weight: (Some(printed_weight(before)), None),
                score: (printed_score(before), None),
            }),
    );

    Comparison {
        rows,
        total: (printed_total(&current), printed_total(&next)),
        grade: (current.grade.clone(), next.grade.clone()),
        withheld: (current.grade_withheld.clone(), next.grade_withheld.clone()),
        progress: (Progress::of(&current), Progress::of(&next)),
    }
}

// Rounded as `fmt_score` prints, so the number kept is the number shown.
fn printed_weight(row: &ScoreRow) -> Decimal {
    round_half_up(row.weight, 2)
}

fn printed_score(row: &ScoreRow) -> Option<Decimal> {
    row.score.map(|s| round_half_up(s, 2))
}

fn printed_total(evaluation: &Evaluation) -> Option<Decimal> {
    match evaluation.grade_withheld {
        // `evaluate` puts 0 there: no total to print.
        Some(GradeWithheld::TotalTooLarge) => None,
        _ => Some(round_half_up(evaluation.total, 2)),
    }
}

fn score_words(score: Option<Decimal>) -> String {
    score.map_or_else(|| NO_SCORE.to_string(), fmt_score)
}

impl ComparedRow {
    pub fn weight_changed(&self) -> bool {
        self.weight.0 != self.weight.1
    }

    pub fn score_changed(&self) -> bool {
        self.score.0 != self.score.1
    }

    /// Added, dropped, re-weighted or scored otherwise.
    pub fn changed(&self) -> bool {
        self.weight_changed() || self.score_changed()
    }

    /// The row in one line: `政府采购执行率：分值 5 → 6 分，得分 4.66 → 5.6 分`.
    pub fn line(&self) -> String {
        let name = &self.name;
        match self.weight {
            (Some(before), Some(after)) => {
                let weight = if before == after {
                    format!("分值 {} 分", fmt_score(after))
                } else {
                    format!("分值 {} → {} 分", fmt_score(before), fmt_score(after))
                };
                let score = match self.score {
                    (Some(before), Some(after)) if before == after => {
                        format!("得分 {} 分", fmt_score(after))
                    }
                    (None, None) => "未评分".to_string(),
                    (before, after) => {
                        format!("得分 {} → {} 分", score_words(before), score_words(after))
                    }
                };
                format!("{name}：{weight}，{score}")
            }
            (None, Some(weight)) => format!(
                "{name}（新增）：分值 {} 分，{}",
                fmt_score(weight),
                score_once(self.score.1)
            ),
            (Some(weight), None) => format!(
                "{name}（删除）：分值 {} 分，{}，不再计入总分",
                fmt_score(weight),
                score_once(self.score.0)
            ),
            (None, None) => name.clone(),
        }
    }
}

fn score_once(score: Option<Decimal>) -> String {
    match score {
        Some(score) => format!("得分 {} 分", fmt_score(score)),
        None => "未评分".to_string(),
    }
}

impl Comparison {
    /// The rows that differ between the two frameworks.
    pub fn changed_rows(&self) -> impl Iterator<Item = &ComparedRow> {
        self.rows.iter().filter(|r| r.changed())
    }

    /// Whether taking the proposed framework changes any printed figure or the grade.
    pub fn changed(&self) -> bool {
        self.changed_rows().next().is_some()
            || self.total.0 != self.total.1
            || self.grade.0 != self.grade.1
            || self.progress.0 != self.progress.1
    }

    /// The totals and grades in one line, and why a side has no grade:
    /// `总分 90.25 → 90.2 分，等次 优秀 → 优秀`.
    pub fn summary(&self) -> String {
        let total = |t: Option<Decimal>| t.map_or_else(|| "无法计算".to_string(), fmt_score);
        let grade = |g: &Option<String>, w: &Option<GradeWithheld>| match (g, w) {
            (Some(g), _) => g.clone(),
            (None, Some(w)) => w.short().to_string(),
            (None, None) => "不评定".to_string(),
        };
        let (before, after) = self.progress;
        let progress = if before.is_complete() && after.is_complete() {
            String::new()
        } else {
            format!(
                "（已评分 {}/{} → {}/{} 项）",
                before.scored, before.count, after.scored, after.count
            )
        };
        let mut line = format!(
            "总分 {} → {} 分{progress}，等次 {} → {}",
            total(self.total.0),
            total(self.total.1),
            grade(&self.grade.0, &self.withheld.0),
            grade(&self.grade.1, &self.withheld.1),
        );
        let reasons: Vec<String> = match &self.withheld {
            (Some(a), Some(b)) if a == b => vec![format!("两个框架下均{a}")],
            (a, b) => [("现框架下", a), ("新框架下", b)]
                .into_iter()
                .filter_map(|(side, w)| w.as_ref().map(|w| format!("{side}{w}")))
                .collect(),
        };
        if !reasons.is_empty() {
            line.push('。');
            line.push_str(&reasons.join("；"));
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{built_in, Bound, Indicator, Rule};
    use crate::samples;
    use rust_decimal_macros::dec;

    fn indicator_mut<'a>(framework: &'a mut Framework, id: &str) -> &'a mut Indicator {
        framework.indicators_mut().find(|i| i.id == id).unwrap()
    }

    fn row<'a>(comparison: &'a Comparison, id: &str) -> &'a ComparedRow {
        comparison.rows.iter().find(|r| r.id == id).unwrap()
    }

    fn delta(pair: (Option<Decimal>, Option<Decimal>)) -> Decimal {
        pair.1.unwrap_or_default() - pair.0.unwrap_or_default()
    }

    /// The totals move by exactly what the printed rows move by.
    fn assert_moves_consistently(comparison: &Comparison) {
        let rows: Vec<Decimal> = comparison.rows.iter().map(|r| delta(r.score)).collect();
        assert_eq!(
            crate::number::checked_sum(rows),
            Some(delta(comparison.total))
        );
    }

    #[test]
    fn the_same_framework_changes_nothing() {
        let doc = samples::example();
        let comparison = compare(&doc, &doc.framework);
        assert!(!comparison.changed());
        assert_eq!(comparison.changed_rows().count(), 0);
        assert_eq!(comparison.rows.len(), 15);
        assert_eq!(
            comparison.summary(),
            "总分 90.25 → 90.25 分，等次 优秀 → 优秀"
        );
        assert_eq!(
            row(&comparison, "procurement-rate").line(),
            "政府采购执行率：分值 5 分，得分 4.75 分"
        );
    }

    #[test]
    fn the_seed_with_one_weight_changed() {
        let doc = samples::seed();
        assert_eq!(doc.framework, built_in("guangdong-2024-reference").unwrap());
        let before = doc.clone();
        let mut proposed = doc.framework.clone();
        indicator_mut(&mut proposed, "procurement-rate").weight = dec!(6);
        let comparison = compare(&doc, &proposed);
        assert_eq!(doc, before, "the document is left as it is");

        // 1920.03 ÷ 2058.65 = 93.27%; 5 × 93.27% = 4.6635 → 4.66; 6 × 93.27% = 5.5962 → 5.6.
        let procurement = row(&comparison, "procurement-rate");
        assert_eq!(procurement.weight, (Some(dec!(5)), Some(dec!(6))));
        assert_eq!(procurement.score, (Some(dec!(4.66)), Some(dec!(5.6))));
        assert_eq!(
            procurement.line(),
            "政府采购执行率：分值 5 → 6 分，得分 4.66 → 5.6 分"
        );
        let changed: Vec<&str> = comparison.changed_rows().map(|r| r.id.as_str()).collect();
        assert_eq!(changed, ["procurement-rate"]);
        assert_eq!(comparison.total, (Some(dec!(4.66)), Some(dec!(5.6))));
        assert_moves_consistently(&comparison);
        assert_eq!(
            row(&comparison, "execution-rate").line(),
            "预算执行率：分值 8 分，未评分"
        );

        // One 三级 weight alone leaves the tree unsound: the grade follows evaluate, and the summary says why.
        assert_eq!(comparison.grade, (None, None));
        assert!(matches!(
            comparison.withheld,
            (
                Some(GradeWithheld::Incomplete { unscored: 14 }),
                Some(GradeWithheld::InvalidFramework { .. })
            )
        ));
        let summary = comparison.summary();
        assert!(
            summary.starts_with(
                "总分 4.66 → 5.6 分（已评分 1/15 → 1/15 项），等次 待评分完成 → 不评定。\
                 现框架下尚有14项指标未能评分，自评等次待全部指标评分后确定；\
                 新框架下评分框架未通过校验（"
            ) && summary.ends_with("），不评定等次"),
            "{summary}"
        );
    }

    #[test]
    fn a_sound_reweighting_of_the_example() {
        let doc = samples::example();
        let mut proposed = doc.framework.clone();
        // 采购管理 5 → 6 and 资产管理 6 → 5, with their indicators: still 100 in all.
        proposed.level1[1].level2[4].weight = dec!(6);
        indicator_mut(&mut proposed, "procurement-rate").weight = dec!(6);
        proposed.level1[1].level2[5].weight = dec!(5);
        indicator_mut(&mut proposed, "asset-compliance").weight = dec!(2);
        assert_eq!(proposed.validate(), []);

        let comparison = compare(&doc, &proposed);
        // 285 ÷ 300 = 95.00%: 5 × 95% = 4.75, 6 × 95% = 5.7. One case found at 1 point each: 3 − 1 = 2, 2 − 1 = 1.
        let lines: Vec<String> = comparison.changed_rows().map(ComparedRow::line).collect();
        assert_eq!(
            lines,
            [
                "政府采购执行率：分值 5 → 6 分，得分 4.75 → 5.7 分",
                "资产管理规范性：分值 3 → 2 分，得分 2 → 1 分",
            ]
        );
        assert_eq!(comparison.total, (Some(dec!(90.25)), Some(dec!(90.2))));
        assert_moves_consistently(&comparison);
        assert_eq!(
            comparison.summary(),
            "总分 90.25 → 90.2 分，等次 优秀 → 优秀"
        );
        assert!(comparison.changed());
    }

    #[test]
    fn a_band_changed_moves_the_score_and_the_grade() {
        let doc = samples::example();
        let mut proposed = doc.framework.clone();
        // |1250 − 1200| ÷ 1200 = 4.17%: in (-∞, 5%] (4 分) now, in (4%, 10%] (3 分) once the first band ends at 4%.
        let Rule::Bands { bands, .. } = &mut indicator_mut(&mut proposed, "budget-adjustment").rule
        else {
            panic!("budget-adjustment is scored by bands");
        };
        bands[0].upper = Some(Bound {
            value: dec!(4),
            inclusive: true,
        });
        bands[1].lower = Some(Bound {
            value: dec!(4),
            inclusive: false,
        });
        assert_eq!(proposed.validate(), []);

        let comparison = compare(&doc, &proposed);
        let adjustment = row(&comparison, "budget-adjustment");
        assert_eq!(adjustment.score, (Some(dec!(4)), Some(dec!(3))));
        assert_eq!(
            adjustment.line(),
            "预算编制准确性（预算调整率）：分值 4 分，得分 4 → 3 分"
        );
        assert_eq!(comparison.changed_rows().count(), 1);
        assert_eq!(comparison.total, (Some(dec!(90.25)), Some(dec!(89.25))));
        assert_moves_consistently(&comparison);
        assert_eq!(
            comparison.grade,
            (Some("优秀".to_string()), Some("良好".to_string()))
        );
        assert_eq!(
            comparison.summary(),
            "总分 90.25 → 89.25 分，等次 优秀 → 良好"
        );
    }

    #[test]
    fn an_indicator_removed_is_listed_last_and_leaves_the_total() {
        let doc = samples::seed();
        let mut proposed = doc.framework.clone();
        proposed.level1[1].level2[4].indicators.clear(); // 采购管理 → 政府采购执行率
        let comparison = compare(&doc, &proposed);
        assert_eq!(comparison.rows.len(), 15);
        let last = comparison.rows.last().unwrap();
        assert_eq!(last.id, "procurement-rate");
        assert_eq!(last.weight, (Some(dec!(5)), None));
        assert_eq!(last.score, (Some(dec!(4.66)), None));
        assert_eq!(
            last.line(),
            "政府采购执行率（删除）：分值 5 分，得分 4.66 分，不再计入总分"
        );
        assert_eq!(comparison.total, (Some(dec!(4.66)), Some(dec!(0))));
        assert_moves_consistently(&comparison);
        assert_eq!(
            comparison.progress.1,
            Progress {
                scored: 0,
                count: 14
            }
        );
        assert!(comparison
            .summary()
            .starts_with("总分 4.66 → 0 分（已评分 1/15 → 0/14 项），等次 待评分完成 → 不评定。"));
    }

    #[test]
    fn an_indicator_added_is_new_and_unscored() {
        let doc = samples::example();
        let mut proposed = doc.framework.clone();
        let mut extra = proposed.level1[1].level2[4].indicators[0].clone();
        extra.id = "procurement-extra".into();
        extra.name = "采购意向公开".into();
        extra.rule = Rule::Manual;
        proposed.level1[1].level2[4].indicators.push(extra);
        let comparison = compare(&doc, &proposed);
        let added = row(&comparison, "procurement-extra");
        assert_eq!(
            (added.weight, added.score),
            ((None, Some(dec!(5))), (None, None))
        );
        assert_eq!(added.line(), "采购意向公开（新增）：分值 5 分，未评分");
        // In the proposed framework's order: right after the indicator it follows.
        let at = |id: &str| comparison.rows.iter().position(|r| r.id == id).unwrap();
        assert_eq!(at("procurement-extra"), at("procurement-rate") + 1);
    }

    #[test]
    fn an_override_above_the_new_weight_stops_counting() {
        let mut doc = samples::example();
        doc.overrides.insert(
            "procurement-rate".into(),
            crate::document::Override {
                score: dec!(4.9),
                reason: "采购计划调整合理".into(),
            },
        );
        let mut proposed = doc.framework.clone();
        indicator_mut(&mut proposed, "procurement-rate").weight = dec!(4);
        let comparison = compare(&doc, &proposed);
        // 4.9 cannot stand under a 分值 of 4: the rule's 4 × 95% = 3.8 counts instead.
        assert_eq!(
            row(&comparison, "procurement-rate").line(),
            "政府采购执行率：分值 5 → 4 分，得分 4.9 → 3.8 分"
        );
        assert_moves_consistently(&comparison);
    }
}
