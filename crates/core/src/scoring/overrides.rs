//! The officer's override: a score with a reason replaces the rule's, and is flagged when it is far from it.

use rust_decimal::Decimal;

use crate::document::Override;
use crate::number::{fmt_score, round_half_up};

/// An override counts only with a reason and a score inside [0, 分值]; the checks say why one does not.
pub fn usable_override(o: &Override, weight: Decimal) -> bool {
    !o.reason.trim().is_empty() && o.score >= Decimal::ZERO && o.score <= weight
}

/// The score that counts: the override in force, rounded half up to 2 decimals, with a line that says so and a flag
/// when it is far from the rule's score; otherwise the rule's score.
pub(super) fn final_score(
    weight: Decimal,
    rule_score: Option<Decimal>,
    applied: Option<&Override>,
    explanation: &mut Vec<String>,
    flags: &mut Vec<String>,
) -> Option<Decimal> {
    let Some(o) = applied else {
        return rule_score;
    };
    let score = round_half_up(o.score, 2);
    explanation.push(format!(
        "人工调整为 {} 分，理由：{}",
        fmt_score(score),
        o.reason.trim()
    ));
    let gap = rule_score
        .and_then(|rule| score.checked_sub(rule))
        .and_then(|gap| gap.abs().checked_mul(Decimal::from(5)));
    if let (Some(rule), Some(gap)) = (rule_score, gap) {
        if gap >= weight {
            flags.push(format!(
                "人工调整得分 {} 与规则得分 {} 相差较大，请确认理由充分",
                fmt_score(score),
                fmt_score(rule)
            ));
        }
    }
    Some(score)
}

#[cfg(test)]
mod tests {
    use crate::document::Override;
    use crate::scoring::evaluate;
    use crate::scoring::tests::{doc_with, execution, proportional_rule, score};
    use rust_decimal_macros::dec;

    #[test]
    fn override_needs_a_reason_and_keeps_the_rule_score() {
        let mut doc = doc_with(proportional_rule(), dec!(10));
        execution(&mut doc, dec!(100), dec!(76));
        doc.overrides.insert(
            "x".into(),
            Override {
                score: dec!(9),
                reason: "  ".into(),
            },
        );
        assert_eq!(score(&doc), Some(dec!(7.6)), "no reason, no override");
        doc.overrides.insert(
            "x".into(),
            Override {
                score: dec!(2),
                reason: "年中调减预算未及时调整".into(),
            },
        );
        let result = evaluate(&doc);
        let r = &result.indicators[0];
        assert_eq!(
            (r.rule_score, r.final_score),
            (Some(dec!(7.6)), Some(dec!(2)))
        );
        assert_eq!(r.lost_reason, "年中调减预算未及时调整");
        assert!(r.flags.iter().any(|f| f.contains("相差较大")));
        doc.overrides.insert(
            "x".into(),
            Override {
                score: dec!(11),
                reason: "超出满分".into(),
            },
        );
        assert_eq!(score(&doc), Some(dec!(7.6)), "out of range is not applied");
    }

    #[test]
    fn override_settles_an_unscorable_indicator() {
        let mut doc = doc_with(proportional_rule(), dec!(10));
        assert_eq!(score(&doc), None);
        doc.overrides.insert(
            "x".into(),
            Override {
                score: dec!(8),
                reason: "预算数以决算报表为准".into(),
            },
        );
        assert_eq!(score(&doc), Some(dec!(8)));
    }
}
