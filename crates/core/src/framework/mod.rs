//! Indicator frameworks as data: a tree 一级 → 二级 → 三级, each leaf with a 分值, a 评分标准 and a machine rule.
//!
//! The built-in frameworks are JSON files embedded in the binary; a user-made one has the same format
//! (documented in `crates/core/data/frameworks/README.md`) and passes the same [`Framework::validate`].
//!
//! The model is here; `describe.rs` puts a rule in words, `diff.rs` says what differs between two frameworks, `validate.rs` says what makes a framework unsound (as a
//! `FrameworkProblem`, in `problem.rs`) and
//! `file.rs` reads a framework file (an officer's import, or one of the built-in files).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::metrics::Metric;
use crate::number::checked_sum;

mod describe;
mod diff;
mod edit;
mod file;
mod problem;
pub mod project;
mod validate;
mod words;

pub use diff::{diff, diff_text, Change, Location, Siblings};
pub use edit::{
    About, End, FrameworkEdit, FrameworkEditError, Parent, Place, RuleEdit, RuleKind, ZeroCase,
};
pub(crate) use file::read_framework_value;
pub use file::{
    built_in, default_framework, first_problem, parse_framework, read_framework_draft, FileProblem,
    BUILT_IN, DEFAULT_FRAMEWORK_ID,
};
pub use problem::{
    Counted, FrameworkProblem, Level, Located, NumberProblem, Quantity, RuleProblem, Where,
};
pub use validate::NodeSum;

/// The `format` tag of a framework file.
pub const FRAMEWORK_FORMAT: &str = crate::formats::FRAMEWORK;
/// What the 一级 indicators' 分值 add up to in a sound framework.
pub const TOTAL_WEIGHT: Decimal = Decimal::ONE_HUNDRED;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Framework {
    pub format: String,
    /// Stable id, e.g. `guangdong-2024-reference`.
    pub id: String,
    pub name: String,
    /// 文号 of the document the framework comes from (e.g. 粤财绩〔2024〕1号); empty when it has none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
    /// Shown as a badge wherever the framework is used, e.g. 参考框架，待核对正式附件. Empty for an official one.
    #[serde(default)]
    pub status: String,
    /// Where the indicators, weights and rules come from.
    #[serde(default)]
    pub source: String,
    /// The two dimensions the report names (整体履职效能, 管理效率 …).
    #[serde(default)]
    pub dimensions: Vec<String>,
    /// Grades from the highest down; a total at or above `min` gets `label`.
    pub grades: Vec<Grade>,
    pub level1: Vec<Level1>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    pub label: String,
    pub min: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Level1 {
    pub name: String,
    pub weight: Decimal,
    pub level2: Vec<Level2>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Level2 {
    pub name: String,
    pub weight: Decimal,
    pub indicators: Vec<Indicator>,
}

/// A 三级 indicator: the unit that is scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub weight: Decimal,
    /// 指标解释.
    #[serde(default)]
    pub definition: String,
    /// 评分标准 as the officer reads it.
    pub standard: String,
    pub rule: Rule,
}

/// How an indicator is scored. Every kind is observed in published 评分标准.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Rule {
    /// w × min(value / target, 1); reversed (lower is better): w × min(target / value, 1).
    Proportional {
        metric: Metric,
        /// The value (in percent for rates) that earns full marks.
        #[serde(default = "hundred")]
        target: Decimal,
        #[serde(default)]
        reverse: bool,
        #[serde(default)]
        zero_denominator: ZeroDenominator,
    },
    /// Full marks on the right side of `standard`; beyond it `per_point` for each percentage point, 扣完为止.
    ThresholdDeduct {
        metric: Metric,
        #[serde(default = "hundred")]
        standard: Decimal,
        /// Which side loses points.
        #[serde(default)]
        deduct_when: Side,
        per_point: Decimal,
        #[serde(default)]
        step: Step,
        #[serde(default)]
        zero_denominator: ZeroDenominator,
    },
    /// Ordered intervals, each bound with its own inclusive flag.
    Bands {
        metric: Metric,
        bands: Vec<Band>,
        #[serde(default)]
        zero_denominator: ZeroDenominator,
    },
    /// Items each worth points; the score is the sum of the points of the items met.
    Checklist { items: Vec<ChecklistItem> },
    /// w − per_case × count, 扣完为止.
    DeductPerCase {
        per_case: Decimal,
        /// What one case is, e.g. 账实不符、未按规定处置或出租出借等.
        case_label: String,
    },
    /// The officer picks one option, each with a fixed score.
    Choice { options: Vec<ChoiceOption> },
    /// The unit's own 绩效目标 rows whose 一级 is one of `level1` (all rows when empty).
    Targets {
        #[serde(default)]
        level1: Vec<String>,
        /// A ≥ target achieved at this share (percent) or more is flagged as possibly set too low.
        #[serde(default = "over_achievement_default")]
        over_achievement_flag: Decimal,
    },
    /// The officer gives a score in [0, w].
    Manual,
}

impl Rule {
    /// Whether the officer answers this rule in 支出与管理 (a checklist, cases, a choice, a score by hand), rather
    /// than the figures scoring it.
    pub fn asks_the_officer(&self) -> bool {
        matches!(
            self,
            Rule::Checklist { .. }
                | Rule::DeductPerCase { .. }
                | Rule::Choice { .. }
                | Rule::Manual
        )
    }

    /// What a ratio rule gives on a zero denominator; `None` for a rule that reads no ratio.
    pub fn zero_denominator(&self) -> Option<&ZeroDenominator> {
        match self {
            Rule::Proportional {
                zero_denominator, ..
            }
            | Rule::ThresholdDeduct {
                zero_denominator, ..
            }
            | Rule::Bands {
                zero_denominator, ..
            } => Some(zero_denominator),
            _ => None,
        }
    }

    /// [`Rule::zero_denominator`], to change.
    pub fn zero_denominator_mut(&mut self) -> Option<&mut ZeroDenominator> {
        match self {
            Rule::Proportional {
                zero_denominator, ..
            }
            | Rule::ThresholdDeduct {
                zero_denominator, ..
            }
            | Rule::Bands {
                zero_denominator, ..
            } => Some(zero_denominator),
            _ => None,
        }
    }
}

fn hundred() -> Decimal {
    Decimal::ONE_HUNDRED
}

fn over_achievement_default() -> Decimal {
    Decimal::from(150)
}

/// Which side of a standard loses points in a threshold rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// Above the standard (spending over its budget).
    #[default]
    Above,
    /// Below the standard (an execution rate under 90%).
    Below,
}

/// How the distance beyond a standard counts in a threshold rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Every fraction of a point counts: 103.4% over 100% loses 3.4 × k.
    #[default]
    Continuous,
    /// Only whole points count: 103.4% loses 3 × k (每超过一个百分点).
    WholePoints,
    /// A started point counts as whole: 103.4% loses 4 × k (不足一个百分点按一个百分点计).
    StartedPoints,
}

/// What a ratio rule gives when the ratio's denominator is zero (e.g. a "三公" budget of 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZeroDenominator {
    /// Numerator zero too: nothing planned and nothing spent.
    #[serde(default = "Outcome::full")]
    pub nothing: Outcome,
    /// Numerator above zero: spending with no budget at all.
    #[serde(default = "Outcome::zero")]
    pub something: Outcome,
}

impl Default for ZeroDenominator {
    fn default() -> Self {
        ZeroDenominator {
            nothing: Outcome::Full,
            something: Outcome::Zero,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Full,
    Zero,
    /// The indicator cannot be scored; the officer must decide (override or manual entry).
    Unscorable,
}

impl Outcome {
    fn full() -> Outcome {
        Outcome::Full
    }
    fn zero() -> Outcome {
        Outcome::Zero
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bound {
    pub value: Decimal,
    pub inclusive: bool,
}

/// One interval of a bands rule; a missing bound is unbounded on that side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band {
    #[serde(default)]
    pub lower: Option<Bound>,
    #[serde(default)]
    pub upper: Option<Bound>,
    pub score: Decimal,
}

impl Band {
    pub fn contains(&self, value: Decimal) -> bool {
        let above_lower = match self.lower {
            None => true,
            Some(b) if b.inclusive => value >= b.value,
            Some(b) => value > b.value,
        };
        let below_upper = match self.upper {
            None => true,
            Some(b) if b.inclusive => value <= b.value,
            Some(b) => value < b.value,
        };
        above_lower && below_upper
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub id: String,
    pub text: String,
    pub points: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub id: String,
    pub text: String,
    pub score: Decimal,
}

impl Framework {
    /// A framework with nothing in it yet but its name: where an officer starts one from scratch, and what stands
    /// in when a built-in one cannot be read.
    pub fn empty(name: &str) -> Framework {
        Framework {
            format: FRAMEWORK_FORMAT.to_string(),
            id: String::new(),
            name: name.to_string(),
            reference: String::new(),
            status: String::new(),
            source: String::new(),
            dimensions: Vec::new(),
            grades: Vec::new(),
            level1: Vec::new(),
        }
    }

    /// Every 三级 indicator with its 一级 and 二级 names, in order.
    pub fn indicators(&self) -> impl Iterator<Item = (&Level1, &Level2, &Indicator)> {
        self.level1.iter().flat_map(|l1| {
            l1.level2
                .iter()
                .flat_map(move |l2| l2.indicators.iter().map(move |ind| (l1, l2, ind)))
        })
    }

    /// Every 三级 indicator, in order, to change in place.
    pub fn indicators_mut(&mut self) -> impl Iterator<Item = &mut Indicator> {
        self.level1
            .iter_mut()
            .flat_map(|l1| l1.level2.iter_mut())
            .flat_map(|l2| l2.indicators.iter_mut())
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators()
            .map(|(_, _, ind)| ind)
            .find(|ind| ind.id == id)
    }

    /// The sum of the 一级 weights (100 in a valid framework); `None` if it overflows.
    pub fn total_weight(&self) -> Option<Decimal> {
        checked_sum(self.level1.iter().map(|l1| l1.weight))
    }

    /// The grade a total earns.
    pub fn grade_for(&self, total: Decimal) -> Option<&Grade> {
        self.grades
            .iter()
            .filter(|g| total >= g.min)
            .max_by_key(|g| g.min)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn bound(v: i64, inclusive: bool) -> Option<Bound> {
        Some(Bound {
            value: Decimal::from(v),
            inclusive,
        })
    }

    #[test]
    fn grades_cover_zero_to_hundred() {
        let gd = built_in("guangdong-2024-reference").unwrap();
        let label = |t: i64| {
            gd.grade_for(Decimal::from(t))
                .map(|g| g.label.clone())
                .unwrap_or_default()
        };
        assert_eq!(label(100), "优秀");
        assert_eq!(label(90), "优秀");
        assert_eq!(label(89), "良好");
        assert_eq!(label(80), "良好");
        assert_eq!(label(60), "中");
        assert_eq!(label(59), "差");
        assert_eq!(label(0), "差");
    }

    #[test]
    fn band_bounds_respect_inclusiveness() {
        let band = Band {
            lower: bound(80, true),
            upper: bound(90, false),
            score: Decimal::from(4),
        };
        assert!(band.contains(Decimal::from(80)));
        assert!(!band.contains(Decimal::from(90)));
        assert!(!band.contains(Decimal::new(7999, 2)));
        assert_eq!(band.describe("%"), "[80%, 90%)");
    }
}
