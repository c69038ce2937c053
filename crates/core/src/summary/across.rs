//! One indicator across the units: every unit's score, rate and explanation, the average, the extremes and a
//! distribution for a chart; and the count per grade of the whole batch.
//!
//! The figures count the units whose indicator scores alike — the same 分值 and rule as the majority framework's
//! — and that have a score; the others are listed, marked as not counted. The average is printed as an equation
//! that holds as printed: `平均 = 合计 ÷ 单位数`, the 合计 being the exact sum of the printed (2-place) scores and
//! the average rounded half up to 2 places, as every rate the app prints.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Summary, UNGRADED};
use crate::number::{checked_sum, fmt_percent, fmt_plain, fmt_score, round_half_up};
use crate::present::NO_SCORE;

/// How many equal-width buckets the distribution has, from 0 to the 分值.
pub const BUCKETS: usize = 5;

/// One unit's line in the per-indicator view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitScore {
    /// The row in [`Summary::rows`].
    pub row: usize,
    pub source: String,
    pub unit_name: String,
    /// The final score; `None` when not scored, or when the unit's framework has no such indicator.
    pub score: Option<Decimal>,
    pub score_text: String,
    /// The indicator's 分值 in the unit's framework.
    pub weight: Option<Decimal>,
    /// The rate the rule read, in percent as shown (四舍五入 to 2 places), and as printed (`93.27%`).
    pub rate: Option<Decimal>,
    pub rate_text: Option<String>,
    /// The score table's explanation lines for this indicator.
    pub explanation: Vec<String>,
    /// 扣分原因, or why there is no score.
    pub reason: String,
    pub overridden: bool,
    /// Whether the score is counted in the figures (scored, with the majority's 分值 and rule).
    pub counted: bool,
}

/// `[lower, upper)` (the last one closed) with how many counted scores fall in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket {
    pub lower: Decimal,
    pub upper: Decimal,
    /// `[0, 1)`, the last `[4, 5]`.
    pub label: String,
    pub count: usize,
}

/// One 三级 indicator across the batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorAcross {
    pub id: String,
    pub name: String,
    pub level1: String,
    pub level2: String,
    /// 分值 in the majority framework.
    pub weight: Decimal,
    /// 评分标准 in the majority framework.
    pub standard: String,
    /// Every unit, in the batch's order.
    pub units: Vec<UnitScore>,
    /// How many scores are counted.
    pub count: usize,
    /// The exact sum of the counted scores.
    pub sum: Option<Decimal>,
    /// The exact average (`sum / count`), and as printed (四舍五入 to 2 places).
    pub average: Option<Decimal>,
    pub average_text: String,
    /// `平均 = 451.5 ÷ 30 = 15.05`, or why there is none.
    pub average_equation: String,
    pub min: Option<Decimal>,
    pub max: Option<Decimal>,
    pub buckets: Vec<Bucket>,
}

impl Summary {
    /// The indicator `id` of the majority framework across every unit; `None` if the framework has none.
    pub fn indicator(&self, id: &str) -> Option<IndicatorAcross> {
        let framework = self.majority_framework.as_ref()?;
        let (l1, l2, ind) = framework.indicators().find(|(_, _, ind)| ind.id == id)?;
        let units: Vec<UnitScore> = self
            .rows
            .iter()
            .enumerate()
            .map(|(row_index, row)| {
                let result = row.evaluation.indicator(id);
                let score = result.and_then(|r| r.final_score);
                let counted = score.is_some() && row.alike.contains(id);
                let rate = row.rates.get(id).copied();
                UnitScore {
                    row: row_index,
                    source: row.source.clone(),
                    unit_name: row.unit_name.clone(),
                    score,
                    score_text: score.map_or_else(|| NO_SCORE.to_string(), fmt_score),
                    weight: result.map(|r| r.weight),
                    rate,
                    rate_text: rate.map(fmt_percent),
                    explanation: result.map(|r| r.explanation.clone()).unwrap_or_default(),
                    reason: result.map_or_else(
                        || "该单位的评分框架没有这项指标".to_string(),
                        |r| r.table_reason(),
                    ),
                    overridden: result.is_some_and(|r| r.applied_override.is_some()),
                    counted,
                }
            })
            .collect();
        let counted: Vec<Decimal> = units
            .iter()
            .filter(|u| u.counted)
            .filter_map(|u| u.score)
            .collect();
        let count = counted.len();
        let sum = checked_sum(counted.iter().copied());
        let average = sum.and_then(|sum| sum.checked_div(Decimal::from(count)));
        let average_text =
            average.map_or_else(|| NO_SCORE.to_string(), |a| fmt_score(round_half_up(a, 2)));
        let average_equation = match (sum, average) {
            (Some(sum), Some(_)) => {
                format!("平均 = {} ÷ {count} = {average_text}", fmt_score(sum))
            }
            _ if count == 0 => "没有可计入的得分".to_string(),
            _ => "得分合计超出可计算范围".to_string(),
        };
        Some(IndicatorAcross {
            id: ind.id.clone(),
            name: ind.name.clone(),
            level1: l1.name.clone(),
            level2: l2.name.clone(),
            weight: ind.weight,
            standard: ind.standard.clone(),
            count,
            sum,
            average,
            average_text,
            average_equation,
            min: counted.iter().copied().min(),
            max: counted.iter().copied().max(),
            buckets: buckets(ind.weight, &counted),
            units,
        })
    }

    /// How many units have each grade: the majority framework's grades from the highest down, then any other
    /// framework's, then [`UNGRADED`] — each listed even at 0, but a foreign grade only when some unit has it.
    pub fn grade_counts(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = self
            .majority_framework
            .as_ref()
            .map(|f| {
                let mut grades: Vec<&crate::framework::Grade> = f.grades.iter().collect();
                grades.sort_by_key(|g| std::cmp::Reverse(g.min));
                grades.iter().map(|g| (g.label.clone(), 0)).collect()
            })
            .unwrap_or_default();
        let mut ungraded = 0usize;
        for row in &self.rows {
            match &row.grade {
                Some(grade) => match counts.iter_mut().find(|(label, _)| label == grade) {
                    Some((_, n)) => *n = n.saturating_add(1),
                    None => counts.push((grade.clone(), 1)),
                },
                None => ungraded = ungraded.saturating_add(1),
            }
        }
        counts.push((UNGRADED.to_string(), ungraded));
        counts
    }
}

/// [`BUCKETS`] equal-width buckets from 0 to `weight`, the last one closed; a score outside [0, weight] (which
/// scoring never gives) counts in the nearest bucket. A weight of 0 or less gives one bucket `[0, 0]`.
fn buckets(weight: Decimal, scores: &[Decimal]) -> Vec<Bucket> {
    let width = if weight > Decimal::ZERO {
        weight.checked_div(Decimal::from(BUCKETS))
    } else {
        None
    };
    let Some(width) = width.filter(|w| *w > Decimal::ZERO) else {
        return vec![Bucket {
            lower: Decimal::ZERO,
            upper: Decimal::ZERO,
            label: "[0, 0]".to_string(),
            count: scores.len(),
        }];
    };
    let bounds: Vec<(Decimal, Decimal)> = (0..BUCKETS)
        .map(|i| {
            let lower = width.checked_mul(Decimal::from(i)).unwrap_or_default();
            let upper = if i.saturating_add(1) == BUCKETS {
                weight
            } else {
                width
                    .checked_mul(Decimal::from(i.saturating_add(1)))
                    .unwrap_or(weight)
            };
            (lower, upper)
        })
        .collect();
    let last = BUCKETS.saturating_sub(1);
    bounds
        .iter()
        .enumerate()
        .map(|(i, (lower, upper))| {
            let closed = i == last;
            let count = scores
                .iter()
                .filter(|s| {
                    let above = i == 0 || **s >= *lower;
                    let below = closed || **s < *upper;
                    above && below
                })
                .count();
            Bucket {
                lower: *lower,
                upper: *upper,
                label: format!(
                    "[{}, {}{}",
                    fmt_plain(*lower),
                    fmt_plain(*upper),
                    if closed { "]" } else { ")" }
                ),
                count,
            }
        })
        .collect()
}
