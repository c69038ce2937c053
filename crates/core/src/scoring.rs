//! Scoring: each indicator's rule applied to the document, with every point explained.
//!
//! Each indicator score is rounded half up to 2 decimals; totals are sums of the rounded scores, so a printed
//! table always adds up; the grade is taken from that total, and only once every indicator is scored.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::document::{Document, Override};
use crate::fields::{FieldRef, Part};
use crate::framework::{Band, Indicator, Outcome, Rule, Side, Step, ZeroDenominator};
use crate::metrics::{Metric, MetricValue};
use crate::number::{checked_sum, fmt_percent, fmt_plain, fmt_score, round_half_up};
use crate::targets::{assess_all, score_targets, Assessment, TargetRowResult};

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

    pub fn indicator(&self, id: &str) -> Option<&IndicatorResult> {
        self.indicators.iter().find(|r| r.id == id)
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
            problem: problem.0.clone(),
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
        rule => apply_rule(doc, ind, rule),
    };
    // The rows' flags first, then the indicator's own (the checks rely on this order to name the field).
    let mut flags: Vec<String> = target_rows
        .iter()
        .flat_map(|r| r.flags.iter().cloned())
        .collect();
    let (rule_score, mut explanation, missing) = match outcome {
        RuleOutcome::Scored { exact, mut lines } => {
            // Never below 0 nor above the weight (`clamp` would panic on a negative weight); the last line says so,
            // so that the printed equation and the score never disagree in silence.
            let weight = ind.weight.max(Decimal::ZERO);
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
    };

    let override_in_force = doc
        .overrides
        .get(&ind.id)
        .filter(|o| usable_override(o, ind.weight));
    let final_score = match override_in_force {
        Some(o) => {
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
                if gap >= ind.weight {
                    flags.push(format!(
                        "人工调整得分 {} 与规则得分 {} 相差较大，请确认理由充分",
                        fmt_score(score),
                        fmt_score(rule)
                    ));
                }
            }
            Some(score)
        }
        None => rule_score,
    };

    let lost_reason = match (final_score, override_in_force) {
        (Some(score), Some(o)) if score < ind.weight => o.reason.trim().to_string(),
        (Some(score), None) if score < ind.weight => {
            format!(
                "扣 {} 分：{}",
                fmt_score(ind.weight.checked_sub(score).unwrap_or_default()),
                explanation.last().cloned().unwrap_or_default()
            )
        }
        _ => String::new(),
    };

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

/// An override counts only with a reason and a score inside [0, 分值]; the checks say why one does not.
pub fn usable_override(o: &Override, weight: Decimal) -> bool {
    !o.reason.trim().is_empty() && o.score >= Decimal::ZERO && o.score <= weight
}

fn apply_rule(doc: &Document, ind: &Indicator, rule: &Rule) -> RuleOutcome {
    let w = ind.weight;
    match rule {
        Rule::Proportional {
            metric,
            target,
            reverse,
            zero_denominator,
        } => with_metric(doc, *metric, w, *zero_denominator, |rate, intro| {
            proportional(w, rate, *target, *reverse, intro)
        }),
        Rule::ThresholdDeduct {
            metric,
            standard,
            deduct_when,
            per_point,
            step,
            zero_denominator,
        } => with_metric(doc, *metric, w, *zero_denominator, |rate, intro| {
            threshold_deduct(w, rate, *standard, *deduct_when, *per_point, *step, intro)
        }),
        Rule::Bands {
            metric,
            bands,
            zero_denominator,
        } => with_metric(doc, *metric, w, *zero_denominator, |rate, intro| {
            bands_score(bands, rate, intro)
        }),
        Rule::Checklist { items } => match doc.management.checklists.get(&ind.id) {
            None => RuleOutcome::Missing {
                fields: vec![FieldRef::indicator_input(
                    &ind.id,
                    &format!("“{}”检查项", ind.name),
                )],
                lines: vec!["尚未逐项勾选检查项".to_string()],
            },
            Some(answers) => {
                let mut lines = Vec::new();
                let mut got = Vec::new();
                for item in items {
                    let met = answers.get(&item.id).copied().unwrap_or(false);
                    got.push(if met { item.points } else { Decimal::ZERO });
                    lines.push(format!(
                        "{} {}：{} {} 分",
                        item.text,
                        if met { "✓" } else { "✗" },
                        if met { "得" } else { "未得" },
                        fmt_score(item.points)
                    ));
                }
                match checked_sum(got.iter().copied()) {
                    Some(sum) => {
                        let terms: Vec<String> = got.iter().map(|p| fmt_score(*p)).collect();
                        lines.push(format!(
                            "合计：{} = {} 分",
                            terms.join(" + "),
                            fmt_score(sum)
                        ));
                        RuleOutcome::Scored { exact: sum, lines }
                    }
                    None => overflow(lines),
                }
            }
        },
        Rule::DeductPerCase {
            per_case,
            case_label,
        } => match doc.management.cases.get(&ind.id) {
            None => RuleOutcome::Missing {
                fields: vec![FieldRef::indicator_input(
                    &ind.id,
                    &format!("“{}”问题数", ind.name),
                )],
                lines: vec![format!("尚未填写发现的问题数（{case_label}）")],
            },
            Some(&count) => {
                let Some(left) = per_case
                    .checked_mul(Decimal::from(count))
                    .and_then(|deduction| w.checked_sub(deduction))
                else {
                    return overflow(vec![format!("发现问题 {count} 例（{case_label}）")]);
                };
                let line = if count == 0 {
                    format!("未发现问题（{case_label}），得满分 {} 分", fmt_score(w))
                } else {
                    format!(
                        "发现问题 {count} 例（{case_label}），每例扣 {} 分：{} − {count} × {} = {}{}",
                        fmt_score(*per_case),
                        fmt_score(w),
                        fmt_score(*per_case),
                        fmt_score(left),
                        if left <= Decimal::ZERO { "，扣完为止，得 0 分" } else { "" }
                    )
                };
                RuleOutcome::Scored {
                    exact: left.max(Decimal::ZERO),
                    lines: vec![line],
                }
            }
        },
        Rule::Choice { options } => {
            let chosen = doc
                .management
                .choices
                .get(&ind.id)
                .and_then(|id| options.iter().find(|o| &o.id == id));
            match chosen {
                None => RuleOutcome::Missing {
                    fields: vec![FieldRef::indicator_input(
                        &ind.id,
                        &format!("“{}”选项", ind.name),
                    )],
                    lines: vec!["尚未选择适用的情形".to_string()],
                },
                Some(option) => RuleOutcome::Scored {
                    exact: option.score,
                    lines: vec![format!(
                        "所选情形：{}，得 {} 分",
                        option.text,
                        fmt_score(option.score)
                    )],
                },
            }
        }
        Rule::Manual => match doc.management.manual.get(&ind.id) {
            None => RuleOutcome::Missing {
                fields: vec![FieldRef::indicator_input(
                    &ind.id,
                    &format!("“{}”人工评分", ind.name),
                )],
                lines: vec!["本指标由评价人直接打分，尚未打分".to_string()],
            },
            // Filled, but outside the range: the officer must correct it (it is not "missing").
            Some(&score) if score < Decimal::ZERO || score > w => RuleOutcome::NeedsJudgement {
                lines: vec![format!(
                    "人工评分 {} 不在 0–{} 分之间，请改正",
                    fmt_plain(score),
                    fmt_score(w)
                )],
            },
            Some(&score) => RuleOutcome::Scored {
                exact: score,
                lines: vec![format!("人工评分 {} 分", fmt_score(score))],
            },
        },
        // Targets are scored by score_targets; this arm keeps the match total.
        Rule::Targets { .. } => RuleOutcome::NeedsJudgement { lines: Vec::new() },
    }
}

/// Computes the metric and hands its rate (in percent) to `score`, or settles the zero-denominator case
/// the way the rule says.
fn with_metric(
    doc: &Document,
    metric: Metric,
    w: Decimal,
    zero: ZeroDenominator,
    score: impl FnOnce(Decimal, String) -> RuleOutcome,
) -> RuleOutcome {
    let value = metric.compute(doc);
    let intro = metric.explain(doc, &value);
    match value {
        // The rate as shown (rounded half up to 0.01%) is the rate that is scored, so every equation is true as
        // printed: a reviewer recomputing from the page gets the page's score.
        MetricValue::Rate { percent, .. } => score(round_half_up(percent, 2), intro),
        MetricValue::TooLarge => overflow(vec![intro]),
        MetricValue::Missing { fields } => RuleOutcome::Missing {
            fields,
            lines: vec![intro],
        },
        MetricValue::ZeroDenominator { numerator } => {
            let (outcome, case) = if numerator.is_zero() {
                (zero.nothing, "分子分母均为 0（未安排也未发生）")
            } else {
                (zero.something, "分母为 0 而分子大于 0（无预算而有支出）")
            };
            match outcome {
                Outcome::Full => RuleOutcome::Scored {
                    exact: w,
                    lines: vec![intro, format!("{case}，按规则得满分 {} 分", fmt_score(w))],
                },
                Outcome::Zero => RuleOutcome::Scored {
                    exact: Decimal::ZERO,
                    lines: vec![intro, format!("{case}，按规则得 0 分")],
                },
                Outcome::Unscorable => RuleOutcome::NeedsJudgement {
                    lines: vec![intro, format!("{case}，规则无法计分，请人工调整并说明理由")],
                },
            }
        }
    }
}

/// The indicator cannot be computed because a figure is too large for exact arithmetic: the officer decides.
fn overflow(mut lines: Vec<String>) -> RuleOutcome {
    lines.push("数值过大，无法按规则精确计算，请核对数据或人工调整并说明理由".to_string());
    RuleOutcome::NeedsJudgement { lines }
}

/// `rate` is the shown rate (0.01%); the share of the weight earned is rate ÷ target (or target ÷ rate), at most 1.
fn proportional(
    w: Decimal,
    rate: Decimal,
    target: Decimal,
    reverse: bool,
    intro: String,
) -> RuleOutcome {
    let full = if reverse {
        rate <= target
    } else {
        rate >= target
    };
    if full {
        let detail = if reverse {
            format!("不高于 {}，得满分 {} 分", fmt_percent(target), fmt_score(w))
        } else if rate > target {
            format!(
                "超过 {} 按满分计：{} × 100% = {}",
                fmt_percent(target),
                fmt_score(w),
                fmt_score(w)
            )
        } else {
            format!("达到 {}，得满分 {} 分", fmt_percent(target), fmt_score(w))
        };
        return RuleOutcome::Scored {
            exact: w,
            lines: vec![format!("{intro}；{detail}")],
        };
    }
    let (above, below) = if reverse {
        (target, rate)
    } else {
        (rate, target)
    };
    let Some(exact) = w
        .checked_mul(above)
        .and_then(|product| product.checked_div(below))
    else {
        return overflow(vec![intro]);
    };
    let equation = if !reverse && target == Decimal::ONE_HUNDRED {
        format!("{} × {}", fmt_score(w), fmt_percent(rate))
    } else {
        format!(
            "{} × {} ÷ {}",
            fmt_score(w),
            fmt_percent(above),
            fmt_percent(below)
        )
    };
    RuleOutcome::Scored {
        exact,
        lines: vec![format!(
            "{intro}；{equation} = {}",
            fmt_score(round_half_up(exact, 2))
        )],
    }
}

/// `rate` is the shown rate (0.01%) and `standard` has at most two decimals, so the points beyond it are exact.
fn threshold_deduct(
    w: Decimal,
    rate: Decimal,
    standard: Decimal,
    side: Side,
    per_point: Decimal,
    step: Step,
    intro: String,
) -> RuleOutcome {
    let (beyond, side_word, equation) = match side {
        Side::Above => (rate.checked_sub(standard), "超出", (rate, standard)),
        Side::Below => (standard.checked_sub(rate), "低于", (standard, rate)),
    };
    let Some(beyond) = beyond else {
        return overflow(vec![intro]);
    };
    if beyond <= Decimal::ZERO {
        let line = format!(
            "{intro}；未{side_word}标准 {}，得满分 {} 分",
            fmt_percent(standard),
            fmt_score(w)
        );
        return RuleOutcome::Scored {
            exact: w,
            lines: vec![line],
        };
    }
    let points = match step {
        Step::Continuous => beyond,
        Step::WholePoints => beyond.floor(),
        Step::StartedPoints => beyond.ceil(),
    };
    let Some(left) = points
        .checked_mul(per_point)
        .and_then(|deduction| w.checked_sub(deduction))
    else {
        return overflow(vec![intro]);
    };
    let counted = match step {
        Step::Continuous => String::new(),
        Step::WholePoints => format!("，按整百分点计 {} 个", fmt_plain(points)),
        Step::StartedPoints => format!("，不足一个百分点按一个计，计 {} 个", fmt_plain(points)),
    };
    let line = format!(
        "{intro}；{side_word}标准：{} − {} = {}，即 {} 个百分点{counted}，每个扣 {} 分：{} − {} × {} = {}{}",
        fmt_percent(equation.0),
        fmt_percent(equation.1),
        fmt_percent(beyond),
        fmt_plain(beyond),
        fmt_score(per_point),
        fmt_score(w),
        fmt_plain(points),
        fmt_score(per_point),
        fmt_score(left),
        if left <= Decimal::ZERO { "，扣完为止，得 0 分" } else { "" }
    );
    RuleOutcome::Scored {
        exact: left.max(Decimal::ZERO),
        lines: vec![line],
    }
}

fn bands_score(bands: &[Band], rate: Decimal, intro: String) -> RuleOutcome {
    match bands.iter().find(|b| b.contains(rate)) {
        Some(band) => RuleOutcome::Scored {
            exact: band.score,
            lines: vec![format!(
                "{intro}；落在区间 {}，得 {} 分",
                band.describe("%"),
                fmt_score(band.score)
            )],
        },
        // Validation forbids gaps, but a user framework may still be edited into one; say so, don't guess.
        None => RuleOutcome::NeedsJudgement {
            lines: vec![format!("{intro}；不在任何评分区间内，请检查评分框架")],
        },
    }
}

/// The field every targets-based missing input points to when there are no rows at all.
pub(crate) fn no_targets_field() -> FieldRef {
    Part::Targets.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{Bound, ChecklistItem, ChoiceOption, Framework, Grade, Level1, Level2};
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// A one-indicator framework around `rule`, so a rule can be tested alone.
    fn doc_with(rule: Rule, weight: &str) -> Document {
        let framework = Framework {
            format: crate::framework::FRAMEWORK_FORMAT.to_string(),
            id: "test".to_string(),
            name: "test".to_string(),
            status: String::new(),
            source: String::new(),
            dimensions: Vec::new(),
            grades: vec![
                Grade {
                    label: "优秀".into(),
                    min: d("90"),
                },
                Grade {
                    label: "差".into(),
                    min: d("0"),
                },
            ],
            level1: vec![Level1 {
                name: "一级".into(),
                weight: d(weight),
                level2: vec![Level2 {
                    name: "二级".into(),
                    weight: d(weight),
                    indicators: vec![Indicator {
                        id: "x".into(),
                        name: "指标".into(),
                        weight: d(weight),
                        definition: String::new(),
                        standard: String::new(),
                        rule,
                    }],
                }],
            }],
        };
        Document::blank(framework)
    }

    /// Validation problems of the test framework other than its total not being 100.
    fn band_problems(doc: &Document) -> Vec<String> {
        doc.framework
            .validate()
            .into_iter()
            .map(|p| p.0)
            .filter(|p| !p.starts_with("一级指标分值合计"))
            .collect()
    }

    fn score(doc: &Document) -> Option<Decimal> {
        evaluate(doc).indicators[0].final_score
    }

    fn execution(doc: &mut Document, budget: &str, spent: &str) {
        doc.finance.budget_final = Some(d(budget));
        doc.finance.spending_total = Some(d(spent));
    }

    fn proportional_rule() -> Rule {
        Rule::Proportional {
            metric: Metric::BudgetExecutionRate,
            target: Decimal::ONE_HUNDRED,
            reverse: false,
            zero_denominator: ZeroDenominator::default(),
        }
    }

    #[test]
    fn proportional_76_percent_of_10_is_7_6() {
        let mut doc = doc_with(proportional_rule(), "10");
        execution(&mut doc, "100", "76");
        assert_eq!(score(&doc), Some(d("7.6")));
        let explanation = &evaluate(&doc).indicators[0].explanation[0];
        assert_eq!(
            explanation,
            "预算执行率：76 ÷ 100 = 76.00%；10 × 76.00% = 7.6"
        );
    }

    #[test]
    fn proportional_never_exceeds_full_marks() {
        let mut doc = doc_with(proportional_rule(), "10");
        doc.finance.budget_initial = Some(d("329.77"));
        execution(&mut doc, "329.77", "338.31");
        let result = evaluate(&doc);
        assert_eq!(result.indicators[0].final_score, Some(d("10")));
        assert!(
            result.indicators[0].explanation[0].contains("102.59%"),
            "{:?}",
            result.indicators[0].explanation
        );
    }

    #[test]
    fn proportional_chongqing_total_97_6() {
        // Nine indicators at full marks (90) plus an execution score of 7.6 total 97.6.
        let mut doc = doc_with(proportional_rule(), "10");
        execution(&mut doc, "100", "76");
        let nine_full = d("90");
        assert_eq!(nine_full + evaluate(&doc).total, d("97.6"));
    }

    #[test]
    fn proportional_reverse_and_zero_rate() {
        let rule = Rule::Proportional {
            metric: Metric::BudgetExecutionRate,
            target: d("50"),
            reverse: true,
            zero_denominator: ZeroDenominator::default(),
        };
        let mut doc = doc_with(rule, "4");
        execution(&mut doc, "100", "80");
        assert_eq!(score(&doc), Some(d("2.5"))); // 4 × 50 / 80
        execution(&mut doc, "100", "0");
        assert_eq!(score(&doc), Some(d("4")));
        execution(&mut doc, "100", "50");
        assert_eq!(score(&doc), Some(d("4")));
    }

    fn threshold(per_point: &str, step: Step, side: Side) -> Rule {
        Rule::ThresholdDeduct {
            metric: Metric::BudgetExecutionRate,
            standard: Decimal::ONE_HUNDRED,
            deduct_when: side,
            per_point: d(per_point),
            step,
            zero_denominator: ZeroDenominator::default(),
        }
    }

    #[test]
    fn threshold_deduct_worked_example() {
        let mut doc = doc_with(threshold("0.5", Step::Continuous, Side::Above), "5");
        for (spent, expected) in [
            ("100", "5"),
            ("103", "3.5"),
            ("120", "0"),
            ("90", "5"),
            ("100.5", "4.75"),
        ] {
            execution(&mut doc, "100", spent);
            assert_eq!(score(&doc), Some(d(expected)), "{spent}%");
        }
    }

    #[test]
    fn threshold_deduct_whole_and_started_points() {
        let mut doc = doc_with(threshold("0.5", Step::WholePoints, Side::Above), "5");
        execution(&mut doc, "100", "103.4");
        assert_eq!(score(&doc), Some(d("3.5")));
        let mut doc = doc_with(threshold("0.5", Step::StartedPoints, Side::Above), "5");
        execution(&mut doc, "100", "103.4");
        assert_eq!(score(&doc), Some(d("3")));
        execution(&mut doc, "100", "100");
        assert_eq!(score(&doc), Some(d("5")));
    }

    #[test]
    fn threshold_deduct_below_a_standard() {
        let rule = Rule::ThresholdDeduct {
            metric: Metric::BudgetExecutionRate,
            standard: d("90"),
            deduct_when: Side::Below,
            per_point: d("0.2"),
            step: Step::Continuous,
            zero_denominator: ZeroDenominator::default(),
        };
        let mut doc = doc_with(rule, "4");
        execution(&mut doc, "100", "95");
        assert_eq!(score(&doc), Some(d("4")));
        execution(&mut doc, "100", "85");
        assert_eq!(score(&doc), Some(d("3")));
    }

    #[test]
    fn three_public_control_107_percent_with_weight_6_is_zero() {
        let rule = Rule::ThresholdDeduct {
            metric: Metric::ThreePublicControlRate,
            standard: Decimal::ONE_HUNDRED,
            deduct_when: Side::Above,
            per_point: Decimal::ONE,
            step: Step::Continuous,
            zero_denominator: ZeroDenominator::default(),
        };
        let mut doc = doc_with(rule, "6");
        doc.finance.three_public.budget = Some(d("100"));
        doc.finance.three_public.actual = Some(d("107"));
        assert_eq!(score(&doc), Some(d("0")));
        let line = &evaluate(&doc).indicators[0].explanation[0];
        assert!(line.ends_with("扣完为止，得 0 分"), "{line}");
        // Budget 0, nothing spent: full; budget 0 but money spent: worst case.
        doc.finance.three_public.budget = Some(d("0"));
        doc.finance.three_public.actual = Some(d("0"));
        assert_eq!(score(&doc), Some(d("6")));
        doc.finance.three_public.actual = Some(d("1"));
        assert_eq!(score(&doc), Some(d("0")));
    }

    fn bands(edges: &[(&str, bool)], scores: &[&str]) -> Vec<Band> {
        // edges are the lower bounds from high to low, each with whether it is inclusive.
        let mut out = Vec::new();
        let mut upper: Option<Bound> = None;
        for (i, score) in scores.iter().enumerate() {
            let lower = edges.get(i).map(|(v, inc)| Bound {
                value: d(v),
                inclusive: *inc,
            });
            out.push(Band {
                lower,
                upper,
                score: d(score),
            });
            upper = lower.map(|b| Bound {
                value: b.value,
                inclusive: !b.inclusive,
            });
        }
        out.reverse();
        out
    }

    #[test]
    fn bands_90_80_70_60() {
        let rule = Rule::Bands {
            metric: Metric::BudgetExecutionRate,
            bands: bands(
                &[("90", true), ("80", true), ("70", true), ("60", true)],
                &["5", "4", "3", "2", "0"],
            ),
            zero_denominator: ZeroDenominator::default(),
        };
        let mut doc = doc_with(rule, "5");
        assert_eq!(band_problems(&doc), Vec::<String>::new());
        for (spent, expected) in [
            ("90", "5"),
            ("100", "5"),
            ("80", "4"),
            ("89.99", "4"),
            ("60", "2"),
            ("59.99", "0"),
        ] {
            execution(&mut doc, "100", spent);
            assert_eq!(score(&doc), Some(d(expected)), "{spent}%");
        }
    }

    #[test]
    fn bands_for_adjustment_rate() {
        // =0 3分; 0–10%(含) 2分; 10–20%(含) 1分; 20–30%(含) 0.5分; >30% 0
        let b = |lo: Option<(&str, bool)>, hi: Option<(&str, bool)>, s: &str| Band {
            lower: lo.map(|(v, i)| Bound {
                value: d(v),
                inclusive: i,
            }),
            upper: hi.map(|(v, i)| Bound {
                value: d(v),
                inclusive: i,
            }),
            score: d(s),
        };
        let rule = Rule::Bands {
            metric: Metric::BudgetAdjustmentRate,
            bands: vec![
                b(Some(("0", true)), Some(("0", true)), "3"),
                b(Some(("0", false)), Some(("10", true)), "2"),
                b(Some(("10", false)), Some(("20", true)), "1"),
                b(Some(("20", false)), Some(("30", true)), "0.5"),
                b(Some(("30", false)), None, "0"),
            ],
            zero_denominator: ZeroDenominator::default(),
        };
        let mut doc = doc_with(rule, "3");
        assert_eq!(band_problems(&doc), Vec::<String>::new());
        doc.finance.budget_initial = Some(d("100"));
        for (budget, expected) in [
            ("100", "3"),
            ("110", "2"),
            ("110.01", "1"),
            ("90", "2"),
            ("131", "0"),
            ("130", "0.5"),
        ] {
            doc.finance.budget_final = Some(d(budget));
            assert_eq!(score(&doc), Some(d(expected)), "budget {budget}");
        }
    }

    #[test]
    fn checklist_counts_checked_points() {
        let items = vec![
            ChecklistItem {
                id: "a".into(),
                text: "①制度健全".into(),
                points: d("1"),
            },
            ChecklistItem {
                id: "b".into(),
                text: "②合法合规".into(),
                points: d("1"),
            },
            ChecklistItem {
                id: "c".into(),
                text: "③有效执行".into(),
                points: d("1"),
            },
        ];
        let mut doc = doc_with(Rule::Checklist { items }, "3");
        let result = evaluate(&doc);
        assert_eq!(result.indicators[0].final_score, None);
        assert_eq!(result.indicators[0].missing[0].path, "management.x");
        doc.management.checklists.insert(
            "x".into(),
            [("a".to_string(), true), ("c".to_string(), true)].into(),
        );
        assert_eq!(score(&doc), Some(d("2")));
        doc.management
            .checklists
            .insert("x".into(), Default::default());
        assert_eq!(score(&doc), Some(d("0")));
    }

    #[test]
    fn deduct_per_case_floors_at_zero() {
        let mut doc = doc_with(
            Rule::DeductPerCase {
                per_case: d("1"),
                case_label: "账实不符".into(),
            },
            "3",
        );
        assert_eq!(score(&doc), None);
        for (count, expected) in [(0, "3"), (1, "2"), (3, "0"), (7, "0")] {
            doc.management.cases.insert("x".into(), count);
            assert_eq!(score(&doc), Some(d(expected)), "{count} cases");
        }
    }

    #[test]
    fn choice_scores_the_chosen_option() {
        let options = vec![
            ChoiceOption {
                id: "none".into(),
                text: "无结余".into(),
                score: d("3"),
            },
            ChoiceOption {
                id: "le".into(),
                text: "结余不超过上年结转".into(),
                score: d("2"),
            },
            ChoiceOption {
                id: "gt".into(),
                text: "超过上年结转".into(),
                score: d("0"),
            },
        ];
        let mut doc = doc_with(Rule::Choice { options }, "3");
        assert_eq!(score(&doc), None);
        doc.management.choices.insert("x".into(), "le".into());
        assert_eq!(score(&doc), Some(d("2")));
        doc.management.choices.insert("x".into(), "unknown".into());
        assert_eq!(score(&doc), None);
    }

    #[test]
    fn manual_scores_within_range_only() {
        let mut doc = doc_with(Rule::Manual, "5");
        assert_eq!(score(&doc), None);
        doc.management.manual.insert("x".into(), d("4.5"));
        assert_eq!(score(&doc), Some(d("4.5")));
        doc.management.manual.insert("x".into(), d("6"));
        assert_eq!(score(&doc), None);
    }

    #[test]
    fn override_needs_a_reason_and_keeps_the_rule_score() {
        let mut doc = doc_with(proportional_rule(), "10");
        execution(&mut doc, "100", "76");
        doc.overrides.insert(
            "x".into(),
            Override {
                score: d("9"),
                reason: "  ".into(),
            },
        );
        assert_eq!(score(&doc), Some(d("7.6")), "no reason, no override");
        doc.overrides.insert(
            "x".into(),
            Override {
                score: d("2"),
                reason: "年中调减预算未及时调整".into(),
            },
        );
        let result = evaluate(&doc);
        let r = &result.indicators[0];
        assert_eq!(
            (r.rule_score, r.final_score),
            (Some(d("7.6")), Some(d("2")))
        );
        assert_eq!(r.lost_reason, "年中调减预算未及时调整");
        assert!(r.flags.iter().any(|f| f.contains("相差较大")));
        doc.overrides.insert(
            "x".into(),
            Override {
                score: d("11"),
                reason: "超出满分".into(),
            },
        );
        assert_eq!(score(&doc), Some(d("7.6")), "out of range is not applied");
    }

    #[test]
    fn override_settles_an_unscorable_indicator() {
        let mut doc = doc_with(proportional_rule(), "10");
        assert_eq!(score(&doc), None);
        doc.overrides.insert(
            "x".into(),
            Override {
                score: d("8"),
                reason: "预算数以决算报表为准".into(),
            },
        );
        assert_eq!(score(&doc), Some(d("8")));
    }

    #[test]
    fn zero_denominator_can_be_left_to_the_officer() {
        let rule = Rule::Proportional {
            metric: Metric::ProcurementExecutionRate,
            target: Decimal::ONE_HUNDRED,
            reverse: false,
            zero_denominator: ZeroDenominator {
                nothing: Outcome::Unscorable,
                something: Outcome::Zero,
            },
        };
        let mut doc = doc_with(rule, "5");
        doc.finance.procurement_plan = Some(d("0"));
        doc.finance.procurement_actual = Some(d("0"));
        let result = evaluate(&doc);
        assert_eq!(result.indicators[0].final_score, None);
        assert!(result.indicators[0].missing.is_empty());
        assert!(result.indicators[0]
            .explanation
            .iter()
            .any(|l| l.contains("请人工调整")));
    }

    #[test]
    fn lost_points_are_explained() {
        let mut doc = doc_with(proportional_rule(), "10");
        execution(&mut doc, "100", "76");
        let r = &evaluate(&doc).indicators[0];
        assert_eq!(
            r.lost_reason,
            "扣 2.4 分：预算执行率：76 ÷ 100 = 76.00%；10 × 76.00% = 7.6"
        );
    }

    #[test]
    fn grade_only_when_complete() {
        let mut doc = doc_with(proportional_rule(), "100");
        assert_eq!(evaluate(&doc).grade, None);
        execution(&mut doc, "100", "95");
        let e = evaluate(&doc);
        assert_eq!((e.total, e.grade.as_deref()), (d("95"), Some("优秀")));
        execution(&mut doc, "100", "50");
        assert_eq!(evaluate(&doc).grade.as_deref(), Some("差"));
    }
}
