//! Indicator frameworks as data: a tree 一级 → 二级 → 三级, each leaf with a 分值, a 评分标准 and a machine rule.
//!
//! The built-in frameworks are JSON files embedded in the binary; a user-made one has the same format
//! (documented in `crates/core/data/frameworks/README.md`) and passes the same [`Framework::validate`].

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::metrics::Metric;
use crate::number::{checked_sum, decimal_places, within_bounds, MAX_POINTS_DECIMALS};

/// The `format` tag of a framework file.
pub const FRAMEWORK_FORMAT: &str = "zipin.framework";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Framework {
    pub format: String,
    /// Stable id, e.g. `guangdong-2024-reference`.
    pub id: String,
    pub name: String,
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

    /// The interval in the notation of 评分标准: `[80%, 90%)`, `(30%, +∞)`.
    pub fn describe(&self, unit: &str) -> String {
        let lower = match self.lower {
            None => "(-∞".to_string(),
            Some(b) => format!(
                "{}{}{unit}",
                if b.inclusive { "[" } else { "(" },
                b.value.normalize()
            ),
        };
        let upper = match self.upper {
            None => "+∞)".to_string(),
            Some(b) => format!(
                "{}{unit}{}",
                b.value.normalize(),
                if b.inclusive { "]" } else { ")" }
            ),
        };
        format!("{lower}, {upper}")
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

impl Rule {
    /// The rule in words, for the officer reading the framework.
    pub fn describe(&self) -> String {
        use crate::number::fmt_plain;
        match self {
            Rule::Proportional {
                metric,
                target,
                reverse,
                ..
            } => {
                if *reverse {
                    format!(
                        "反向比例计分：{}不高于 {}% 得满分，超出按 目标值÷实际值 计分",
                        metric.label(),
                        fmt_plain(*target)
                    )
                } else {
                    format!(
                        "按比例计分：{} ÷ {}% × 分值，满分为止",
                        metric.label(),
                        fmt_plain(*target)
                    )
                }
            }
            Rule::ThresholdDeduct {
                metric,
                standard,
                deduct_when,
                per_point,
                step,
                ..
            } => {
                let side = match deduct_when {
                    Side::Above => "每超过",
                    Side::Below => "每低于",
                };
                let mode = match step {
                    Step::Continuous => "按实际差额连续计算",
                    Step::WholePoints => "只计整百分点",
                    Step::StartedPoints => "不足一个百分点按一个计",
                };
                format!(
                    "{}以 {}% 为标准，{side}一个百分点扣 {} 分（{mode}），扣完为止",
                    metric.label(),
                    fmt_plain(*standard),
                    fmt_plain(*per_point)
                )
            }
            Rule::Bands { metric, bands, .. } => {
                let parts: Vec<String> = bands
                    .iter()
                    .map(|b| format!("{} 得 {} 分", b.describe("%"), fmt_plain(b.score)))
                    .collect();
                format!("{}分档计分：{}", metric.label(), parts.join("；"))
            }
            Rule::Checklist { items } => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|i| format!("{} {} 分", i.text, fmt_plain(i.points)))
                    .collect();
                format!("逐项计分：{}", parts.join("；"))
            }
            Rule::DeductPerCase {
                per_case,
                case_label,
            } => {
                format!(
                    "每发现一例（{case_label}）扣 {} 分，扣完为止",
                    fmt_plain(*per_case)
                )
            }
            Rule::Choice { options } => {
                let parts: Vec<String> = options
                    .iter()
                    .map(|o| format!("{} {} 分", o.text, fmt_plain(o.score)))
                    .collect();
                format!("按情形计分：{}", parts.join("；"))
            }
            Rule::Targets { level1, .. } => {
                let scope = if level1.is_empty() {
                    "全部".to_string()
                } else {
                    level1.join("、")
                };
                format!("按绩效目标表中一级指标为“{scope}”的各行计分（财预〔2020〕10号）")
            }
            Rule::Manual => "由评价人直接打分".to_string(),
        }
    }
}

/// A problem found in a framework file, in Chinese, naming where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkProblem(pub String);

impl std::fmt::Display for FrameworkProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The built-in frameworks, embedded as data.
pub const BUILT_IN: [(&str, &str); 2] = [
    (
        "guangdong-2024-reference",
        include_str!("../data/frameworks/guangdong-2024-reference.json"),
    ),
    (
        "project-2020-10",
        include_str!("../data/frameworks/project-2020-10.json"),
    ),
];

/// The default framework for a new document.
pub const DEFAULT_FRAMEWORK_ID: &str = "guangdong-2024-reference";

/// Parses and validates a framework file through the gate, as for a user's import.
pub fn parse_framework(json: &str) -> Result<Framework, Vec<FrameworkProblem>> {
    crate::gate::framework_from_json(json).map_err(|refusals| {
        refusals
            .iter()
            .map(|r| FrameworkProblem(r.to_string()))
            .collect()
    })
}

/// A built-in framework by id. The built-in files are validated by a test, so this only fails for an unknown id.
pub fn built_in(id: &str) -> Option<Framework> {
    BUILT_IN
        .iter()
        .find(|(known, _)| *known == id)
        .and_then(|(_, json)| parse_framework(json).ok())
}

pub fn default_framework() -> Framework {
    // The default is validated by tests; if it ever failed to parse, an empty framework keeps the app alive
    // and its validation problems are shown as checks.
    built_in(DEFAULT_FRAMEWORK_ID).unwrap_or_else(|| Framework {
        format: FRAMEWORK_FORMAT.to_string(),
        id: "empty".to_string(),
        name: "（内置框架读取失败）".to_string(),
        status: String::new(),
        source: String::new(),
        dimensions: Vec::new(),
        grades: Vec::new(),
        level1: Vec::new(),
    })
}

impl Framework {
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

    /// Everything that makes a framework unusable or inconsistent; empty when it is sound. The same rules hold for
    /// a built-in framework, an imported file and the copy inside a document (see [`crate::gate`]).
    pub fn validate(&self) -> Vec<FrameworkProblem> {
        let mut problems = Vec::new();
        let mut say = |text: String| problems.push(FrameworkProblem(text));
        if self.format != FRAMEWORK_FORMAT {
            let found: String = self.format.chars().take(40).collect();
            say(format!("格式标记应为“{FRAMEWORK_FORMAT}”，实际为“{found}”"));
        }
        if !validate_sizes(self, &mut say) {
            // Oversized frameworks are not looked at further: the sizes alone refuse them.
            return problems;
        }
        if self.level1.is_empty() {
            say("框架没有任何指标".to_string());
        }
        match self.total_weight() {
            Some(total) if total == Decimal::ONE_HUNDRED => {}
            Some(total) => say(format!(
                "一级指标分值合计 {} 分，应为 100 分",
                total.normalize()
            )),
            None => say("一级指标分值合计超出可计算范围".to_string()),
        }
        let mut ids = std::collections::BTreeSet::new();
        for l1 in &self.level1 {
            points(
                &mut say,
                || format!("一级指标“{}”的分值", l1.name),
                l1.weight,
            );
            let parts = l1.level2.iter().map(|l2| l2.weight);
            children_add_up(&mut say, ("一级", &l1.name, l1.weight), "二级", parts);
            for l2 in &l1.level2 {
                points(
                    &mut say,
                    || format!("二级指标“{}”的分值", l2.name),
                    l2.weight,
                );
                let parts = l2.indicators.iter().map(|i| i.weight);
                children_add_up(&mut say, ("二级", &l2.name, l2.weight), "三级", parts);
                for ind in &l2.indicators {
                    if !ids.insert(ind.id.as_str()) {
                        say(format!("指标编号“{}”重复", ind.id));
                    }
                    // A negative weight is said once, by `points` below.
                    if ind.weight.is_zero() {
                        say(format!("“{}”的分值应大于 0", ind.name));
                    }
                    points(&mut say, || format!("“{}”的分值", ind.name), ind.weight);
                    for text in validate_rule(&ind.rule, ind.weight) {
                        say(format!("“{}”：{text}", ind.name));
                    }
                }
            }
        }
        validate_grades(&self.grades, &mut say);
        problems
    }
}

/// A level's weight must be the sum of its children's: `一级指标“X”50 分，其二级指标合计 49 分`.
fn children_add_up(
    say: &mut impl FnMut(String),
    (level, name, weight): (&str, &str, Decimal),
    children: &str,
    parts: impl Iterator<Item = Decimal>,
) {
    let sum = checked_sum(parts);
    if sum != Some(weight) {
        let sum = sum.map_or("（超出可计算范围）".to_string(), |s| {
            s.normalize().to_string()
        });
        say(format!(
            "{level}指标“{name}”{} 分，其{children}指标合计 {sum} 分",
            weight.normalize()
        ));
    }
}

/// Says whether the framework is within [`crate::gate::caps`]; each excess is a problem.
fn validate_sizes(framework: &Framework, say: &mut impl FnMut(String)) -> bool {
    use crate::gate::caps;
    let level2 = framework
        .level1
        .iter()
        .map(|l1| l1.level2.len())
        .fold(0, usize::saturating_add);
    let indicators = framework.indicators().count();
    let target_indicators = framework
        .indicators()
        .filter(|(_, _, ind)| matches!(ind.rule, Rule::Targets { .. }))
        .count();
    let longest_rule = framework
        .indicators()
        .map(|(_, _, ind)| match &ind.rule {
            Rule::Bands { bands, .. } => bands.len(),
            Rule::Checklist { items } => items.len(),
            Rule::Choice { options } => options.len(),
            Rule::Targets { level1, .. } => level1.len(),
            _ => 0,
        })
        .max()
        .unwrap_or(0);
    let mut fits = true;
    let mut cap = |count: usize, cap: usize, what: &str| {
        if count > cap {
            say(format!("{what}共 {count} 个，超过上限 {cap} 个"));
            fits = false;
        }
    };
    cap(framework.level1.len(), caps::LEVEL1, "一级指标");
    cap(level2, caps::LEVEL2, "二级指标");
    cap(indicators, caps::INDICATORS, "三级指标");
    cap(
        target_indicators,
        caps::TARGET_INDICATORS,
        "按绩效目标计分的指标",
    );
    cap(
        longest_rule,
        caps::RULE_ENTRIES,
        "一条评分规则的区间、检查项或选项",
    );
    cap(framework.grades.len(), caps::RULE_ENTRIES, "等次");
    cap(framework.dimensions.len(), caps::RULE_ENTRIES, "评价维度");
    if !fits {
        return false;
    }
    // Names are printed in every line, check and table that mentions them: each is capped.
    let mut names: Vec<(&str, usize)> = vec![
        (framework.name.as_str(), caps::NAME_CHARS),
        (framework.id.as_str(), caps::KEY_CHARS),
        (framework.status.as_str(), caps::NAME_CHARS),
        (framework.source.as_str(), caps::TEXT_CHARS),
    ];
    names.extend(
        framework
            .dimensions
            .iter()
            .map(|d| (d.as_str(), caps::NAME_CHARS)),
    );
    names.extend(
        framework
            .grades
            .iter()
            .map(|g| (g.label.as_str(), caps::NAME_CHARS)),
    );
    for l1 in &framework.level1 {
        names.push((l1.name.as_str(), caps::NAME_CHARS));
        names.extend(
            l1.level2
                .iter()
                .map(|l2| (l2.name.as_str(), caps::NAME_CHARS)),
        );
    }
    for (_, _, ind) in framework.indicators() {
        names.extend([
            (ind.id.as_str(), caps::KEY_CHARS),
            (ind.name.as_str(), caps::NAME_CHARS),
            (ind.definition.as_str(), caps::TEXT_CHARS),
            (ind.standard.as_str(), caps::TEXT_CHARS),
        ]);
        match &ind.rule {
            Rule::Checklist { items } => names.extend(items.iter().flat_map(|i| {
                [
                    (i.id.as_str(), caps::KEY_CHARS),
                    (i.text.as_str(), caps::NAME_CHARS),
                ]
            })),
            Rule::Choice { options } => names.extend(options.iter().flat_map(|o| {
                [
                    (o.id.as_str(), caps::KEY_CHARS),
                    (o.text.as_str(), caps::NAME_CHARS),
                ]
            })),
            Rule::DeductPerCase { case_label, .. } => {
                names.push((case_label.as_str(), caps::NAME_CHARS))
            }
            Rule::Targets { level1, .. } => {
                names.extend(level1.iter().map(|l| (l.as_str(), caps::CELL_CHARS)))
            }
            _ => {}
        }
    }
    for (text, cap) in names {
        if text.chars().nth(cap).is_some() {
            let start: String = text.chars().take(12).collect();
            say(format!("“{start}…”过长（上限 {cap} 字）"));
            fits = false;
        }
    }
    fits
}

/// A weight or points: never negative, at most two decimals, within ±10¹². `what` names it, only when needed.
fn points(say: &mut impl FnMut(String), what: impl FnOnce() -> String, value: Decimal) {
    if value < Decimal::ZERO {
        say(format!(
            "{}不能为负数（现为 {}）",
            what(),
            value.normalize()
        ));
    } else if !within_bounds(value) {
        say(format!("{}过大（应不超过 10¹²）", what()));
    } else if decimal_places(value) > MAX_POINTS_DECIMALS {
        say(format!(
            "{}最多保留 {MAX_POINTS_DECIMALS} 位小数（现为 {}）",
            what(),
            value.normalize()
        ));
    }
}

/// A percentage a rate is compared with: at most two decimals, as a rate is shown, and within ±10¹².
fn percent_parameter(problems: &mut Vec<String>, what: &str, value: Decimal) {
    if !within_bounds(value) {
        problems.push(format!("{what}过大（绝对值应不超过 10¹²）"));
    } else if decimal_places(value) > 2 {
        problems.push(format!(
            "{what}最多保留 2 位小数（比率按 0.01% 显示和比较），现为 {}",
            value.normalize()
        ));
    }
}

fn validate_grades(grades: &[Grade], say: &mut impl FnMut(String)) {
    if grades.is_empty() {
        say("没有设定等次".to_string());
        return;
    }
    if !grades.iter().any(|g| g.min <= Decimal::ZERO) {
        say("等次没有覆盖到 0 分（最低等次的下限应为 0）".to_string());
    }
    if grades
        .iter()
        .any(|g| g.min > Decimal::ONE_HUNDRED || g.min < Decimal::ZERO)
    {
        say("等次下限应在 0–100 之间".to_string());
    }
    for grade in grades {
        if decimal_places(grade.min) > MAX_POINTS_DECIMALS {
            say(format!(
                "等次“{}”的下限最多保留 {MAX_POINTS_DECIMALS} 位小数",
                grade.label
            ));
        }
    }
    if grades
        .iter()
        .zip(grades.iter().skip(1))
        .any(|(higher, lower)| higher.min <= lower.min)
    {
        say("等次应从高到低排列，且下限互不相同".to_string());
    }
}

fn validate_rule(rule: &Rule, weight: Decimal) -> Vec<String> {
    let mut problems = Vec::new();
    match rule {
        Rule::Proportional { target, .. } => {
            if *target <= Decimal::ZERO {
                problems.push("满分值应大于 0".to_string());
            }
            percent_parameter(&mut problems, "满分值", *target);
        }
        Rule::ThresholdDeduct {
            standard,
            per_point,
            ..
        } => {
            if *per_point <= Decimal::ZERO {
                problems.push("每个百分点扣分应大于 0".to_string());
            }
            points_of(|| "每个百分点扣分".to_string(), *per_point, &mut problems);
            percent_parameter(&mut problems, "标准值", *standard);
        }
        Rule::Bands { bands, .. } => {
            for (n, band) in (1_usize..).zip(bands) {
                if let Some(lower) = band.lower {
                    percent_parameter(&mut problems, &format!("第{n}个区间的下限"), lower.value);
                }
                if let Some(upper) = band.upper {
                    percent_parameter(&mut problems, &format!("第{n}个区间的上限"), upper.value);
                }
                points_of(|| format!("第{n}个区间的得分"), band.score, &mut problems);
            }
            if problems.is_empty() {
                problems.extend(validate_bands(bands, weight));
            }
        }
        Rule::Checklist { items } => {
            for item in items {
                points_of(
                    || format!("检查项“{}”的分值", item.text),
                    item.points,
                    &mut problems,
                );
            }
            let sum = checked_sum(items.iter().map(|i| i.points));
            if sum != Some(weight) {
                problems.push(format!(
                    "各项分值合计 {}，应等于指标分值 {}",
                    sum.map_or("（超出可计算范围）".to_string(), |s| s
                        .normalize()
                        .to_string()),
                    weight.normalize()
                ));
            }
            if has_duplicates(items.iter().map(|i| &i.id)) {
                problems.push("检查项编号重复".to_string());
            }
        }
        Rule::DeductPerCase { per_case, .. } => {
            if *per_case <= Decimal::ZERO {
                problems.push("每例扣分应大于 0".to_string());
            }
            points_of(|| "每例扣分".to_string(), *per_case, &mut problems);
        }
        Rule::Choice { options } => {
            if options.is_empty() {
                problems.push("没有可选项".to_string());
            }
            for option in options {
                points_of(
                    || format!("选项“{}”的得分", option.text),
                    option.score,
                    &mut problems,
                );
            }
            if options.iter().any(|o| o.score > weight) {
                problems.push("选项得分应在 0 与指标分值之间".to_string());
            }
            if has_duplicates(options.iter().map(|o| &o.id)) {
                problems.push("选项编号重复".to_string());
            }
        }
        Rule::Targets {
            over_achievement_flag,
            ..
        } => {
            if *over_achievement_flag <= Decimal::ONE_HUNDRED {
                problems.push("超额完成提示线应高于 100%".to_string());
            }
            percent_parameter(&mut problems, "超额完成提示线", *over_achievement_flag);
        }
        Rule::Manual => {}
    }
    problems
}

fn points_of(what: impl FnOnce() -> String, value: Decimal, problems: &mut Vec<String>) {
    points(&mut |text| problems.push(text), what, value);
}

fn has_duplicates<'a>(ids: impl Iterator<Item = &'a String>) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    ids.into_iter().any(|id| !seen.insert(id))
}

/// Bands must be ordered from low to high, must not overlap, and each score must lie in [0, w].
fn validate_bands(bands: &[Band], weight: Decimal) -> Vec<String> {
    let mut problems = Vec::new();
    if bands.is_empty() {
        problems.push("没有区间".to_string());
    }
    for band in bands {
        if band.score < Decimal::ZERO || band.score > weight {
            problems.push(format!(
                "区间得分 {} 不在 0 与指标分值之间",
                band.score.normalize()
            ));
        }
        if let (Some(lo), Some(hi)) = (band.lower, band.upper) {
            let empty =
                lo.value > hi.value || (lo.value == hi.value && !(lo.inclusive && hi.inclusive));
            if empty {
                problems.push(format!("区间 {} 为空", band.describe("%")));
            }
        }
    }
    for (low, high) in bands.iter().zip(bands.iter().skip(1)) {
        match (low.upper, high.lower) {
            (Some(up), Some(lo)) => {
                if lo.value < up.value || (lo.value == up.value && lo.inclusive && up.inclusive) {
                    problems.push(format!(
                        "区间 {} 与 {} 重叠",
                        low.describe("%"),
                        high.describe("%")
                    ));
                } else if lo.value > up.value || (!lo.inclusive && !up.inclusive) {
                    problems.push(format!(
                        "区间 {} 与 {} 之间有空隙",
                        low.describe("%"),
                        high.describe("%")
                    ));
                }
            }
            _ => {
                let problem = format!(
                    "区间 {} 与 {} 的次序不对：区间应从低到高排列，只有首尾区间可以不设界",
                    low.describe("%"),
                    high.describe("%")
                );
                problems.push(problem);
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bound(v: i64, inclusive: bool) -> Option<Bound> {
        Some(Bound {
            value: Decimal::from(v),
            inclusive,
        })
    }

    #[test]
    fn every_built_in_framework_is_sound() {
        for (id, json) in BUILT_IN {
            let framework = parse_framework(json).unwrap_or_else(|p| panic!("{id}: {p:?}"));
            assert_eq!(framework.id, id);
            assert_eq!(framework.total_weight(), Some(Decimal::ONE_HUNDRED));
            // Every metric named exists: the enum would not deserialize otherwise; name them to be sure.
            for (_, _, ind) in framework.indicators() {
                if let Rule::Proportional { metric, .. }
                | Rule::ThresholdDeduct { metric, .. }
                | Rule::Bands { metric, .. } = &ind.rule
                {
                    assert!(!metric.label().is_empty());
                }
            }
        }
    }

    #[test]
    fn guangdong_reference_is_marked_as_reference() {
        let gd = built_in("guangdong-2024-reference").unwrap();
        assert_eq!(gd.status, "参考框架，待核对正式附件");
        assert_eq!(gd.indicators().count(), 15);
        let names: Vec<&str> = gd
            .level1
            .iter()
            .flat_map(|l| l.level2.iter().map(|l2| l2.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                "整体效能",
                "预算编制",
                "预算执行",
                "信息公开",
                "绩效管理",
                "采购管理",
                "资产管理",
                "运行成本"
            ]
        );
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
    fn validation_finds_broken_weights_bands_and_grades() {
        let mut fw = built_in("guangdong-2024-reference").unwrap();
        fw.level1[0].level2[0].indicators[0].weight = Decimal::from(29);
        if let Rule::Bands { bands, .. } = &mut fw.level1[1].level2[0].indicators[0].rule {
            bands[1].lower = bound(4, true); // overlaps ≤5%(含)
        }
        fw.grades.reverse();
        fw.level1[1].weight = Decimal::from(49);
        let text: Vec<String> = fw.validate().into_iter().map(|p| p.0).collect();
        assert!(
            text.iter()
                .any(|t| t.contains("“整体效能”50 分，其三级指标合计 49 分")),
            "{text:?}"
        );
        assert!(
            text.iter().any(|t| t.contains("一级指标分值合计 99 分")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|t| t.contains("“管理效率”49 分，其二级指标合计 50 分")),
            "{text:?}"
        );
        assert!(text.iter().any(|t| t.contains("重叠")), "{text:?}");
        assert!(text.iter().any(|t| t.contains("从高到低")), "{text:?}");
    }

    #[test]
    fn bands_with_gaps_or_bad_order_are_refused() {
        let gap = [
            Band {
                lower: None,
                upper: bound(5, false),
                score: Decimal::ONE,
            },
            Band {
                lower: bound(5, false),
                upper: None,
                score: Decimal::ZERO,
            },
        ];
        assert!(validate_bands(&gap, Decimal::ONE)
            .iter()
            .any(|p| p.contains("空隙")));
        let fine = [
            Band {
                lower: None,
                upper: bound(5, true),
                score: Decimal::ONE,
            },
            Band {
                lower: bound(5, false),
                upper: None,
                score: Decimal::ZERO,
            },
        ];
        assert!(validate_bands(&fine, Decimal::ONE).is_empty());
        let empty = [Band {
            lower: bound(5, false),
            upper: bound(5, true),
            score: Decimal::ONE,
        }];
        assert!(validate_bands(&empty, Decimal::ONE)
            .iter()
            .any(|p| p.contains("为空")));
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

    #[test]
    fn rules_are_described_in_words() {
        let gd = built_in("guangdong-2024-reference").unwrap();
        let describe = |id: &str| gd.indicator(id).unwrap().rule.describe();
        assert_eq!(
            describe("procurement-rate"),
            "按比例计分：政府采购执行率 ÷ 100% × 分值，满分为止"
        );
        assert!(describe("three-public").contains("每超过一个百分点扣 0.4 分"));
        assert!(describe("budget-adjustment").starts_with("预算调整率分档计分：(-∞, 5%] 得 4 分"));
        assert!(describe("duty-output").contains("“产出”"));
    }

    #[test]
    fn a_user_framework_that_is_not_json_gets_a_message() {
        let err = parse_framework("{").unwrap_err();
        assert!(err[0].0.contains("不是有效的 JSON"), "{err:?}");
    }
}
