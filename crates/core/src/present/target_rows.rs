//! The 得分 cell of each 绩效目标 row, as the page's target table, the .docx appendix and the .xlsx sheet show it.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::document::TargetRow;
use crate::number::{fmt_score, round_half_up};
use crate::scoring::Evaluation;

use super::NO_SCORE;

/// What one 绩效目标 row scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetRowScore {
    /// 权重 as printed (to 0.01 分): the weight the row was scored with (its own, or its share of the indicator's
    /// 分值), or, for a row no indicator takes, its own weight if it has one.
    pub weight: Option<Decimal>,
    /// 得分 as printed (to 0.01 分); `None` while the row cannot be scored or no indicator takes it.
    pub score: Option<Decimal>,
    /// The score as printed, or [`NO_SCORE`].
    pub score_text: String,
    /// How the score came about (`完成项目验收数（权重 10）：…，得 10 分`), when an indicator takes the row.
    pub line: Option<String>,
}

/// One entry per row of `targets`, in their order, from `evaluation` (the document's). A row that two targets
/// indicators take (their 一级 filters overlap) shows what the later indicator gave it.
pub fn target_row_scores(targets: &[TargetRow], evaluation: &Evaluation) -> Vec<TargetRowScore> {
    let mut scores: Vec<TargetRowScore> = targets
        .iter()
        .map(|row| TargetRowScore {
            weight: row.weight.map(|w| round_half_up(w, 2)),
            score: None,
            score_text: NO_SCORE.to_string(),
            line: None,
        })
        .collect();
    for result in evaluation
        .indicators
        .iter()
        .flat_map(|indicator| &indicator.target_rows)
    {
        if let Some(entry) = scores.get_mut(result.index) {
            let score = result.score.map(|s| round_half_up(s, 2));
            *entry = TargetRowScore {
                weight: Some(round_half_up(result.weight, 2)),
                score,
                score_text: score.map(fmt_score).unwrap_or_else(|| NO_SCORE.to_string()),
                line: Some(result.line.clone()),
            };
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;
    use crate::scoring::evaluate;

    #[test]
    fn every_row_shows_what_its_indicator_gave_it() {
        let doc = samples::example();
        let evaluation = evaluate(&doc);
        let scores = target_row_scores(&doc.targets, &evaluation);
        // The example's rows: six 产出 rows share 履职产出's 30 分 (5 each); the 效益 and 满意度 rows carry their own
        // weights 8, 6 and 6. Row 3 (单期培训成本 ≤2 万元, 2.2 actual) scores 5 × 2 ÷ 2.2 = 4.545…, row 4 (8 of 10
        // 期) 5 × 80% = 4, row 6 (定性, 90%) 8 × 90% = 7.2; the others are met in full.
        let expected: [(u32, &str); 9] = [
            (5, "5"),
            (5, "5"),
            (5, "5"),
            (5, "4.55"),
            (5, "4"),
            (5, "5"),
            (8, "7.2"),
            (6, "6"),
            (6, "6"),
        ];
        let shown: Vec<(Option<Decimal>, Option<Decimal>, &str)> = scores
            .iter()
            .map(|s| (s.weight, s.score, s.score_text.as_str()))
            .collect();
        let wanted: Vec<(Option<Decimal>, Option<Decimal>, &str)> = expected
            .iter()
            .map(|(weight, score)| {
                (
                    Some(Decimal::from(*weight)),
                    Some(score.parse().unwrap()),
                    *score,
                )
            })
            .collect();
        assert_eq!(shown, wanted);
        assert_eq!(
            scores[3].line.as_deref(),
            Some("单期培训成本（权重 5）：指标值 ≤2万元，实际 2.2万元，未达成，按完成比例计分：2万元 ÷ 2.2万元 = 90.91%；5 × 90.91% = 4.55")
        );
        assert_eq!(
            scores[6].line.as_deref(),
            Some("科技政策宣传覆盖面有效扩大（权重 8）：定性指标，达成，按权重的 90% 计分；8 × 90% = 7.2")
        );
        assert!(
            scores.iter().all(|s| s.line.is_some()),
            "every row is taken"
        );
        // The rows an indicator reads add up to what it scored, as printed: 5 + 5 + 5 + 4.55 + 4 + 5 and 7.2 + 6 + 6.
        for (id, total) in [("duty-output", "28.55"), ("duty-outcome", "19.2")] {
            let indicator = evaluation.indicator(id).unwrap();
            let printed: Vec<Decimal> = indicator
                .target_rows
                .iter()
                .map(|t| scores[t.index].score_text.parse().unwrap())
                .collect();
            let total: Decimal = total.parse().unwrap();
            assert_eq!(crate::number::checked_sum(printed), Some(total), "{id}");
            assert_eq!(indicator.rule_score, Some(total), "{id}");
        }
    }

    #[test]
    fn a_row_no_indicator_takes_keeps_its_own_weight_and_no_score() {
        let mut doc = samples::example();
        let mut stray = doc.targets[0].clone();
        stray.level1 = "其他".to_string();
        stray.weight = Some("2.5".parse().unwrap());
        doc.targets.push(stray);
        let scores = target_row_scores(&doc.targets, &evaluate(&doc));
        let last = scores.last().unwrap();
        assert_eq!(last.weight, Some("2.5".parse().unwrap()));
        assert_eq!(
            (last.score, last.score_text.as_str(), &last.line),
            (None, NO_SCORE, &None)
        );
        assert!(scores[0].score.is_some());
    }

    #[test]
    fn no_targets_no_cells() {
        let mut doc = samples::example();
        doc.targets.clear();
        assert!(target_row_scores(&doc.targets, &evaluate(&doc)).is_empty());
    }
}
