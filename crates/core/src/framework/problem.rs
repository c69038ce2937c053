//! What validation finds wrong in a framework, as data: each problem carries what it is about (the indicator, the
//! sums, the bounds …), and its `Display` is the Chinese sentence the gate, the checks and the page print.

use std::fmt;

use rust_decimal::Decimal;

use super::{Band, Place, FRAMEWORK_FORMAT};
use crate::number::MAX_POINTS_DECIMALS;

/// A problem found in a framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameworkProblem {
    /// The `format` tag is not [`FRAMEWORK_FORMAT`]; `found` is its first 40 characters.
    WrongFormat {
        found: String,
    },
    /// More of something than the caps allow; nothing else is looked at then.
    TooMany {
        what: Counted,
        count: usize,
        cap: usize,
    },
    /// A name or text beyond its cap; `start` is its first 12 characters.
    TooLong {
        start: String,
        cap: usize,
    },
    NoIndicators,
    /// The 一级 weights do not add up to 100; `None` when their sum is beyond exact arithmetic.
    TotalNotHundred {
        total: Option<Decimal>,
    },
    /// A level's weight is not the sum of its children's; `sum` is `None` when beyond exact arithmetic.
    ChildrenDoNotAddUp {
        level: Level,
        name: String,
        weight: Decimal,
        sum: Option<Decimal>,
    },
    DuplicateIndicatorId {
        id: String,
    },
    /// A weight of a level or an indicator that breaks the rules for points.
    Weight(NumberProblem),
    /// A problem in an indicator's rule.
    Rule {
        indicator: String,
        problem: RuleProblem,
    },
    NoGrades,
    /// No grade starts at 0, so a low total would have none.
    GradesMissZero,
    /// A grade's lower bound outside 0–100.
    GradeOutOfRange,
    /// A grade's lower bound with more decimals than a score has.
    GradeTooPrecise {
        label: String,
    },
    /// Grades not from the highest down, or two with the same lower bound.
    GradesOutOfOrder,
}

/// Where in the framework a problem is, so the editor can link to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Where {
    /// The framework as a whole: its provenance texts, its size, its total.
    About,
    Grades,
    Node(Place),
}

impl Where {
    /// The id of the editor's group the problem links to.
    pub fn dom_id(self) -> String {
        match self {
            Where::About => "fw-about".to_string(),
            Where::Grades => "fw-grades".to_string(),
            Where::Node(place) => place.dom_id(),
        }
    }
}

/// A problem and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub problem: FrameworkProblem,
    pub at: Where,
}

/// What there are too many of in a framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Level1,
    Level2,
    Indicators,
    /// Indicators scored from the 绩效目标 table.
    TargetIndicators,
    /// Bands, checklist items, options or 一级 filters of one rule.
    RuleEntries,
    Grades,
    Dimensions,
}

/// The level whose weight should be the sum of its children's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// 一级, whose children are 二级.
    One,
    /// 二级, whose children are 三级.
    Two,
}

/// A number of a framework that breaks the rules for its kind: a weight or points (never negative, 2 decimals), or
/// a percentage a rate is compared with (2 decimals, as a rate is shown); either within ±10¹².
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberProblem {
    /// Zero or below where only a positive number makes sense.
    NotPositive(Quantity),
    Negative {
        what: Quantity,
        value: Decimal,
    },
    /// Beyond ±10¹².
    TooLarge(Quantity),
    /// More than 2 decimals.
    TooPrecise {
        what: Quantity,
        value: Decimal,
    },
}

/// Which number of a framework a [`NumberProblem`] is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Quantity {
    /// The weight of the 一级 indicator so named.
    Level1Weight(String),
    /// The weight of the 二级 indicator so named.
    Level2Weight(String),
    /// The weight of the 三级 indicator so named.
    IndicatorWeight(String),
    /// A proportional rule's 满分值 (percent).
    FullMarks,
    /// A threshold rule's 标准值 (percent).
    Standard,
    /// A threshold rule's deduction per percentage point.
    PerPoint,
    /// The lower bound of the n-th band (from 1; percent).
    BandLower(usize),
    /// The upper bound of the n-th band (from 1; percent).
    BandUpper(usize),
    /// The score of the n-th band (from 1).
    BandScore(usize),
    /// The points of the checklist item with this text.
    ItemPoints(String),
    /// A deduction per case.
    PerCase,
    /// The score of the option with this text.
    OptionScore(String),
    /// A targets rule's over-achievement line (percent).
    OverAchievementLine,
}

/// A problem in one rule; [`FrameworkProblem::Rule`] names its indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleProblem {
    Number(NumberProblem),
    NoBands,
    /// A band's score outside [0, 分值].
    BandScoreOutOfRange {
        score: Decimal,
    },
    /// A band no value can fall in.
    EmptyBand {
        band: Band,
    },
    BandsOverlap {
        low: Band,
        high: Band,
    },
    BandsGap {
        low: Band,
        high: Band,
    },
    /// An unbounded band that is neither the first nor the last, or bands not from low to high.
    BandsOutOfOrder {
        low: Band,
        high: Band,
    },
    /// A checklist's items do not add up to the indicator's weight; `sum` is `None` when beyond exact arithmetic.
    ChecklistSum {
        sum: Option<Decimal>,
        weight: Decimal,
    },
    DuplicateItemIds,
    NoOptions,
    /// An option scores more than the indicator's weight.
    OptionAboveWeight,
    DuplicateOptionIds,
    /// A targets rule's over-achievement line at or below 100%.
    OverAchievementLineTooLow,
}

impl Quantity {
    /// A percentage a rate is compared with (rather than a weight or points).
    fn is_percent(&self) -> bool {
        matches!(
            self,
            Quantity::FullMarks
                | Quantity::Standard
                | Quantity::BandLower(_)
                | Quantity::BandUpper(_)
                | Quantity::OverAchievementLine
        )
    }
}

/// A sum, or what stands for one beyond exact arithmetic.
fn sum_text(sum: Option<Decimal>) -> String {
    sum.map_or("（超出可计算范围）".to_string(), |s| {
        s.normalize().to_string()
    })
}

impl fmt::Display for FrameworkProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameworkProblem::WrongFormat { found } => {
                write!(f, "格式标记应为“{FRAMEWORK_FORMAT}”，实际为“{found}”")
            }
            FrameworkProblem::TooMany { what, count, cap } => {
                write!(f, "{what}共 {count} 个，超过上限 {cap} 个")
            }
            FrameworkProblem::TooLong { start, cap } => {
                write!(f, "“{start}…”过长（上限 {cap} 字）")
            }
            FrameworkProblem::NoIndicators => f.write_str("框架没有任何指标"),
            FrameworkProblem::TotalNotHundred { total: Some(total) } => {
                write!(
                    f,
                    "一级指标分值合计 {} 分，应为 {} 分",
                    total.normalize(),
                    super::TOTAL_WEIGHT.normalize()
                )
            }
            FrameworkProblem::TotalNotHundred { total: None } => {
                f.write_str("一级指标分值合计超出可计算范围")
            }
            FrameworkProblem::ChildrenDoNotAddUp {
                level,
                name,
                weight,
                sum,
            } => {
                let (level, children) = match level {
                    Level::One => ("一级", "二级"),
                    Level::Two => ("二级", "三级"),
                };
                write!(
                    f,
                    "{level}指标“{name}”{} 分，其{children}指标合计 {} 分",
                    weight.normalize(),
                    sum_text(*sum)
                )
            }
            FrameworkProblem::DuplicateIndicatorId { id } => write!(f, "指标编号“{id}”重复"),
            FrameworkProblem::Weight(problem) => write!(f, "{problem}"),
            FrameworkProblem::Rule { indicator, problem } => write!(f, "“{indicator}”：{problem}"),
            FrameworkProblem::NoGrades => f.write_str("没有设定等次"),
            FrameworkProblem::GradesMissZero => {
                f.write_str("等次没有覆盖到 0 分（最低等次的下限应为 0）")
            }
            FrameworkProblem::GradeOutOfRange => f.write_str("等次下限应在 0–100 之间"),
            FrameworkProblem::GradeTooPrecise { label } => write!(
                f,
                "等次“{label}”的下限最多保留 {MAX_POINTS_DECIMALS} 位小数"
            ),
            FrameworkProblem::GradesOutOfOrder => f.write_str("等次应从高到低排列，且下限互不相同"),
        }
    }
}

impl fmt::Display for Counted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Counted::Level1 => "一级指标",
            Counted::Level2 => "二级指标",
            Counted::Indicators => "三级指标",
            Counted::TargetIndicators => "按绩效目标计分的指标",
            Counted::RuleEntries => "一条评分规则的区间、检查项或选项",
            Counted::Grades => "等次",
            Counted::Dimensions => "评价维度",
        })
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Quantity::Level1Weight(name) => write!(f, "一级指标“{name}”的分值"),
            Quantity::Level2Weight(name) => write!(f, "二级指标“{name}”的分值"),
            Quantity::IndicatorWeight(name) => write!(f, "“{name}”的分值"),
            Quantity::FullMarks => f.write_str("满分值"),
            Quantity::Standard => f.write_str("标准值"),
            Quantity::PerPoint => f.write_str("每个百分点扣分"),
            Quantity::BandLower(n) => write!(f, "第{n}个区间的下限"),
            Quantity::BandUpper(n) => write!(f, "第{n}个区间的上限"),
            Quantity::BandScore(n) => write!(f, "第{n}个区间的得分"),
            Quantity::ItemPoints(text) => write!(f, "检查项“{text}”的分值"),
            Quantity::PerCase => f.write_str("每例扣分"),
            Quantity::OptionScore(text) => write!(f, "选项“{text}”的得分"),
            Quantity::OverAchievementLine => f.write_str("超额完成提示线"),
        }
    }
}

impl fmt::Display for NumberProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberProblem::NotPositive(what) => write!(f, "{what}应大于 0"),
            NumberProblem::Negative { what, value } => {
                write!(f, "{what}不能为负数（现为 {}）", value.normalize())
            }
            NumberProblem::TooLarge(what) if what.is_percent() => {
                write!(f, "{what}过大（绝对值应不超过 10¹²）")
            }
            NumberProblem::TooLarge(what) => write!(f, "{what}过大（应不超过 10¹²）"),
            NumberProblem::TooPrecise { what, value } if what.is_percent() => write!(
                f,
                "{what}最多保留 2 位小数（比率按 0.01% 显示和比较），现为 {}",
                value.normalize()
            ),
            NumberProblem::TooPrecise { what, value } => write!(
                f,
                "{what}最多保留 {MAX_POINTS_DECIMALS} 位小数（现为 {}）",
                value.normalize()
            ),
        }
    }
}

impl fmt::Display for RuleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleProblem::Number(problem) => write!(f, "{problem}"),
            RuleProblem::NoBands => f.write_str("没有区间"),
            RuleProblem::BandScoreOutOfRange { score } => {
                write!(f, "区间得分 {} 不在 0 与指标分值之间", score.normalize())
            }
            RuleProblem::EmptyBand { band } => write!(f, "区间 {} 为空", band.describe("%")),
            RuleProblem::BandsOverlap { low, high }
            | RuleProblem::BandsGap { low, high }
            | RuleProblem::BandsOutOfOrder { low, high } => {
                let what = match self {
                    RuleProblem::BandsOverlap { .. } => "重叠",
                    RuleProblem::BandsGap { .. } => "之间有空隙",
                    _ => "的次序不对：区间应从低到高排列，只有首尾区间可以不设界",
                };
                let (low, high) = (low.describe("%"), high.describe("%"));
                write!(f, "区间 {low} 与 {high} {what}")
            }
            RuleProblem::ChecklistSum { sum, weight } => write!(
                f,
                "各项分值合计 {}，应等于指标分值 {}",
                sum_text(*sum),
                weight.normalize()
            ),
            RuleProblem::DuplicateItemIds => f.write_str("检查项编号重复"),
            RuleProblem::NoOptions => f.write_str("没有可选项"),
            RuleProblem::OptionAboveWeight => f.write_str("选项得分应在 0 与指标分值之间"),
            RuleProblem::DuplicateOptionIds => f.write_str("选项编号重复"),
            RuleProblem::OverAchievementLineTooLow => f.write_str("超额完成提示线应高于 100%"),
        }
    }
}
