//! Scoring: each indicator's rule applied to the document, with every point explained.
//!
//! Each indicator score is rounded half up to 2 decimals; totals are sums of the rounded scores, so a printed
//! table always adds up; the grade is taken from that total, and only once every indicator is scored.
//!
//! `rules.rs` scores an indicator by its rule, `targets.rs` by the 绩效目标 rows; `outcome.rs` holds what a rule
//! gives and what an indicator ends with; `overrides.rs` says when the officer's score counts.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::document::Document;
use crate::framework::{Indicator, Rule};
use crate::number::checked_sum;

pub(crate) mod outcome;
mod overrides;
pub(crate) mod rules;
pub mod targets;

pub use outcome::IndicatorResult;
use outcome::RuleOutcome;
pub use overrides::usable_override;
pub use targets::TargetRowResult;
use targets::{assess_all, score_targets, Assessment};

/// A 一级 or 二级 group with the sum of its scored indicators.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupScore {
    pub name: String,
    pub weight: Decimal,
    pub score: Decimal,
    /// Whether every indicator under it is scored.
    pub complete: bool,
}

/// The whole evaluation of one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub framework_id: String,
    pub framework_name: String,
    pub framework_status: String,
    pub indicators: Vec<IndicatorResult>,
    pub level1: Vec<GroupScore>,
    pub level2: Vec<GroupScore>,
    /// Sum of the rounded final scores of the indicators scored so far.
    pub total: Decimal,
    pub max_total: Decimal,
    pub scored_count: usize,
    pub indicator_count: usize,
    /// The grade, once every indicator is scored and the framework is sound.
    pub grade: Option<String>,
    /// Why there is no grade, when there is none.
    pub grade_withheld: Option<GradeWithheld>,
}

/// Why a total gets no grade. Its `Display` is the one wording the page, the report, the files and the command use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GradeWithheld {
    /// The framework fails validation: its first problem, and how many there are.
    InvalidFramework {
        problem: String,
        count: usize,
    },
    NoIndicators,
    /// Indicators not scored yet.
    Incomplete {
        unscored: usize,
    },
    TotalTooLarge,
}

impl std::fmt::Display for GradeWithheld {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GradeWithheld::InvalidFramework { problem, count } => {
                let more = if *count > 1 {
                    format!("等 {count} 处")
                } else {
                    String::new()
                };
                write!(f, "评分框架未通过校验（{problem}{more}），不评定等次")
            }
            GradeWithheld::NoIndicators => write!(f, "评分框架没有指标，不评定等次"),
            GradeWithheld::Incomplete { unscored } => {
                write!(
                    f,
                    "尚有{unscored}项指标未能评分，自评等次待全部指标评分后确定"
                )
            }
            GradeWithheld::TotalTooLarge => write!(f, "总分超出可计算范围，不评定等次"),
        }
    }
}

impl GradeWithheld {
    /// The word for a narrow place such as the header: 待评分完成 while scoring goes on, otherwise 不评定.
    pub fn short(&self) -> &'static str {
        match self {
            GradeWithheld::Incomplete { .. } => "待评分完成",
            _ => "不评定",
        }
    }
}

impl Evaluation {
    /// The grade as a table's total row prints it (等次：优秀), or why there is none.
    pub fn grade_text(&self) -> String {
        match (&self.grade, &self.grade_withheld) {
            (Some(grade), _) => format!("等次：{grade}"),
            (None, Some(reason)) => reason.to_string(),
            (None, None) => "不评定等次".to_string(),
        }
    }

    pub fn is_complete(&self) -> bool {
        self.scored_count == self.indicator_count
    }

    /// How many indicators still cannot be scored (the navigation's 待评分 count).
    pub fn unscored_count(&self) -> usize {
        self.indicator_count.saturating_sub(self.scored_count)
    }

    pub fn indicator(&self, id: &str) -> Option<&IndicatorResult> {
        self.indicators.iter().find(|r| r.id == id)
    }
}

/// Scores `doc` with the framework it carries.
pub fn evaluate(doc: &Document) -> Evaluation {
    let framework = &doc.framework;
    let assessed = assess_all(&doc.targets);
    let mut indicators = Vec::new();
    let mut level1 = Vec::new();
    let mut level2 = Vec::new();
    for l1 in &framework.level1 {
        let first_of_l1 = indicators.len();
        for l2 in &l1.level2 {
            let first_of_l2 = indicators.len();
            indicators.extend(
                l2.indicators
                    .iter()
                    .map(|ind| score_indicator(doc, &assessed, &l1.name, &l2.name, ind)),
            );
            level2.push(group_score(
                &l2.name,
                l2.weight,
                indicators.get(first_of_l2..),
            ));
        }
        level1.push(group_score(
            &l1.name,
            l1.weight,
            indicators.get(first_of_l1..),
        ));
    }

    let total = checked_sum(indicators.iter().filter_map(|r| r.final_score));
    let scored_count = indicators.iter().filter(|r| r.is_scored()).count();
    let unscored = indicators.len().saturating_sub(scored_count);
    let problems = framework.validate();
    let grade_withheld = if let Some(problem) = problems.first() {
        Some(GradeWithheld::InvalidFramework {
            problem: problem.to_string(),
            count: problems.len(),
        })
    } else if indicators.is_empty() {
        Some(GradeWithheld::NoIndicators)
    } else if unscored > 0 {
        Some(GradeWithheld::Incomplete { unscored })
    } else if total.is_none() {
        Some(GradeWithheld::TotalTooLarge)
    } else {
        None
    };
    let total = total.unwrap_or_default();
    Evaluation {
        framework_id: framework.id.clone(),
        framework_name: framework.name.clone(),
        framework_status: framework.status.clone(),
        total,
        max_total: framework.total_weight().unwrap_or_default(),
        scored_count,
        indicator_count: indicators.len(),
        grade: if grade_withheld.is_none() {
            framework.grade_for(total).map(|g| g.label.clone())
        } else {
            None
        },
        grade_withheld,
        level1,
        level2,
        indicators,
    }
}

/// A group's score: the sum of its members' final scores.
fn group_score(name: &str, weight: Decimal, members: Option<&[IndicatorResult]>) -> GroupScore {
    let members = members.unwrap_or_default();
    GroupScore {
        name: name.to_string(),
        weight,
        score: checked_sum(members.iter().filter_map(|r| r.final_score)).unwrap_or_default(),
        complete: members.iter().all(|r| r.is_scored()),
    }
}

/// One indicator: its rule's outcome, rounded and kept within [0, 分值], then the officer's override if one counts.
fn score_indicator(
    doc: &Document,
    assessed: &[Assessment],
    level1: &str,
    level2: &str,
    ind: &Indicator,
) -> IndicatorResult {
    let mut target_rows = Vec::new();
    let outcome = match &ind.rule {
        Rule::Targets {
            level1: filter,
            over_achievement_flag,
        } => {
            let (outcome, rows) = score_targets(
                &doc.targets,
                assessed,
                filter,
                ind.weight,
                *over_achievement_flag,
            );
            target_rows = rows;
            outcome
        }
        rule => rules::apply_rule(doc, ind, rule),
    };
    // The rows' flags first, then the indicator's own (the checks rely on this order to name the field).
    let mut flags: Vec<String> = target_rows
        .iter()
        .flat_map(|r| r.flags.iter().cloned())
        .collect();
    let (rule_score, mut explanation, missing) = outcome.settle(ind.weight);
    let override_in_force = doc
        .overrides
        .get(&ind.id)
        .filter(|o| usable_override(o, ind.weight));
    let final_score = overrides::final_score(
        ind.weight,
        rule_score,
        override_in_force,
        &mut explanation,
        &mut flags,
    );
    let lost_reason =
        outcome::lost_reason(ind.weight, final_score, override_in_force, &explanation);

    IndicatorResult {
        id: ind.id.clone(),
        level1: level1.to_string(),
        level2: level2.to_string(),
        name: ind.name.clone(),
        weight: ind.weight,
        standard: ind.standard.clone(),
        rule_score,
        final_score,
        applied_override: override_in_force.cloned(),
        explanation,
        lost_reason,
        missing,
        flags,
        target_rows,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::framework::{Framework, Grade, Level1, Level2, ZeroDenominator};
    use crate::metrics::Metric;
    use rust_decimal_macros::dec;

    /// A one-indicator framework around `rule`, so a rule can be tested alone.
    pub(crate) fn doc_with(rule: Rule, weight: Decimal) -> Document {
        let framework = Framework {
            format: crate::framework::FRAMEWORK_FORMAT.to_string(),
            id: "test".to_string(),
            name: "test".to_string(),
            reference: String::new(),
            status: String::new(),
            source: String::new(),
            dimensions: Vec::new(),
            grades: vec![
                Grade {
                    label: "优秀".into(),
                    min: dec!(90),
                },
                Grade {
                    label: "差".into(),
                    min: dec!(0),
                },
            ],
            level1: vec![Level1 {
                name: "一级".into(),
                weight,
                level2: vec![Level2 {
                    name: "二级".into(),
                    weight,
                    indicators: vec![Indicator {
                        id: "x".into(),
                        name: "指标".into(),
                        weight,
                        definition: String::new(),
                        standard: String::new(),
                        rule,
                    }],
                }],
            }],
        };
        Document::blank(framework)
    }

    pub(crate) fn score(doc: &Document) -> Option<Decimal> {
        evaluate(doc).indicators[0].final_score
    }

    pub(crate) fn execution(doc: &mut Document, budget: Decimal, spent: Decimal) {
        doc.finance.budget_final = Some(budget);
        doc.finance.spending_total = Some(spent);
    }

    pub(crate) fn proportional_rule() -> Rule {
        Rule::Proportional {
            metric: Metric::BudgetExecutionRate,
            target: Decimal::ONE_HUNDRED,
            reverse: false,
            zero_denominator: ZeroDenominator::default(),
        }
    }

    #[test]
    fn lost_points_are_explained() {
        let mut doc = doc_with(proportional_rule(), dec!(10));
        execution(&mut doc, dec!(100), dec!(76));
        let r = &evaluate(&doc).indicators[0];
        assert_eq!(
            r.lost_reason,
            "扣 2.4 分：预算执行率：76 ÷ 100 = 76.00%；10 × 76.00% = 7.6"
        );
    }

    #[test]
    fn grade_only_when_complete() {
        let mut doc = doc_with(proportional_rule(), dec!(100));
        assert_eq!(evaluate(&doc).grade, None);
        execution(&mut doc, dec!(100), dec!(95));
        let e = evaluate(&doc);
        assert_eq!((e.total, e.grade.as_deref()), (dec!(95), Some("优秀")));
        execution(&mut doc, dec!(100), dec!(50));
        assert_eq!(evaluate(&doc).grade.as_deref(), Some("差"));
    }
}
