//! What a rule gives, before rounding and overrides, and what an indicator ends with.

use rust_decimal::Decimal;
use serde::Serialize;

use super::TargetRowResult;
use crate::document::Override;
use crate::fields::FieldRef;
use crate::number::{fmt_score, round_half_up};

/// One 三级 indicator, scored and explained.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorResult {
    pub id: String,
    pub level1: String,
    pub level2: String,
    pub name: String,
    /// 分值.
    pub weight: Decimal,
    /// 评分标准.
    pub standard: String,
    /// What the rule gives, rounded half up to 2 decimals; `None` when it cannot be scored yet.
    pub rule_score: Option<Decimal>,
    /// What counts: the officer's override when one with a reason is given, otherwise the rule score.
    pub final_score: Option<Decimal>,
    /// The override in force, if any.
    pub applied_override: Option<Override>,
    /// The formula with its actual numbers, line by line.
    pub explanation: Vec<String>,
    /// 扣分原因: why points were lost (the officer's reason when overridden).
    pub lost_reason: String,
    /// Inputs that must be entered before the rule can score.
    pub missing: Vec<FieldRef>,
    /// Things the officer should look at (far over-achievement, a large override …).
    pub flags: Vec<String>,
    /// For a targets indicator: each 绩效目标 row with its score.
    pub target_rows: Vec<TargetRowResult>,
}

impl IndicatorResult {
    pub fn is_scored(&self) -> bool {
        self.final_score.is_some()
    }

    /// The 扣分原因 column of a printed 自评表: why points were lost, or why the indicator has no score yet.
    pub fn table_reason(&self) -> String {
        if self.final_score.is_some() {
            return self.lost_reason.clone();
        }
        let missing: Vec<&str> = self.missing.iter().map(|f| f.label.as_str()).collect();
        if missing.is_empty() {
            // Filled but not scorable by the rule: the explanation's last line says why.
            self.explanation
                .last()
                .cloned()
                .unwrap_or_else(|| "待人工评分".to_string())
        } else {
            format!("缺少：{}", missing.join("、"))
        }
    }
}

/// What a rule gave before rounding and overrides.
pub(crate) enum RuleOutcome {
    Scored {
        exact: Decimal,
        lines: Vec<String>,
    },
    Missing {
        fields: Vec<FieldRef>,
        lines: Vec<String>,
    },
    /// The rule cannot decide (e.g. a zero denominator set to "unscorable"); the officer must.
    NeedsJudgement {
        lines: Vec<String>,
    },
}

impl RuleOutcome {
    /// The rule score rounded half up to 2 decimals and kept within [0, 分值], with its lines and the inputs it
    /// still needs.
    pub(crate) fn settle(self, weight: Decimal) -> (Option<Decimal>, Vec<String>, Vec<FieldRef>) {
        match self {
            RuleOutcome::Scored { exact, mut lines } => {
                // Never below 0 nor above the weight (`clamp` would panic on a negative weight); the last line says
                // so, so that the printed equation and the score never disagree in silence.
                let weight = weight.max(Decimal::ZERO);
                let clamped = exact.max(Decimal::ZERO).min(weight);
                let note = if exact < Decimal::ZERO {
                    Some("，低于 0 分，按 0 分计".to_string())
                } else if exact > weight {
                    Some(format!("，超过分值，按 {} 分计", fmt_score(weight)))
                } else {
                    None
                };
                if let (Some(note), Some(last)) = (note, lines.last_mut()) {
                    last.push_str(&note);
                }
                (Some(round_half_up(clamped, 2)), lines, Vec::new())
            }
            RuleOutcome::Missing { fields, lines } => (None, lines, fields),
            RuleOutcome::NeedsJudgement { lines } => (None, lines, Vec::new()),
        }
    }
}

/// 扣分原因: the officer's reason when an override lowers the score, otherwise the points lost and the
/// explanation's last line; empty at full marks.
pub(super) fn lost_reason(
    weight: Decimal,
    final_score: Option<Decimal>,
    applied: Option<&Override>,
    explanation: &[String],
) -> String {
    match (final_score, applied) {
        (Some(score), Some(o)) if score < weight => o.reason.trim().to_string(),
        (Some(score), None) if score < weight => {
            format!(
                "扣 {} 分：{}",
                fmt_score(weight.checked_sub(score).unwrap_or_default()),
                explanation.last().cloned().unwrap_or_default()
            )
        }
        _ => String::new(),
    }
}
