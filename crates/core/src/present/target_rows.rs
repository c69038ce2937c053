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
        assert_eq!(scores.len(), doc.targets.len());
        let results: Vec<_> = evaluation
            .indicators
            .iter()
            .flat_map(|r| &r.target_rows)
            .collect();
        assert!(!results.is_empty());
        for result in results {
            let shown = &scores[result.index];
            assert_eq!(shown.score, result.score);
            assert_eq!(shown.weight, Some(result.weight));
            assert_eq!(shown.line.as_deref(), Some(result.line.as_str()));
            match result.score {
                Some(score) => assert_eq!(shown.score_text, fmt_score(score)),
                None => assert_eq!(shown.score_text, NO_SCORE),
            }
        }
        // The rows an indicator reads add up to what it scored, as printed.
        for indicator in evaluation
            .indicators
            .iter()
            .filter(|r| !r.target_rows.is_empty())
        {
            let printed: Option<Vec<Decimal>> = indicator
                .target_rows
                .iter()
                .map(|t| scores[t.index].score_text.parse().ok())
                .collect();
            if let (Some(printed), Some(rule)) = (printed, indicator.rule_score) {
                assert_eq!(
                    crate::number::checked_sum(printed),
                    Some(rule),
                    "{}",
                    indicator.name
                );
            }
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
