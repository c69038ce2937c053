//! What makes a framework unusable or inconsistent: weights that do not add up, bands that overlap or leave gaps,
//! grades out of order, numbers beyond the gate's rules, sizes beyond its caps.

use rust_decimal::Decimal;

use super::problem::{
    Counted, FrameworkProblem, Level, Located, NumberProblem, Quantity, RuleProblem, Where,
};
use super::{Band, Framework, Grade, Place, Rule, FRAMEWORK_FORMAT, TOTAL_WEIGHT};
use crate::number::{
    checked_sum, decimal_places, fmt_plain, fmt_score, within_bounds, MAX_POINTS_DECIMALS,
};

impl Framework {
    /// Everything that makes a framework unusable or inconsistent; empty when it is sound. The same rules hold for
    /// a built-in framework, an imported file and the copy inside a document (see [`crate::gate`]).
    pub fn validate(&self) -> Vec<FrameworkProblem> {
        self.validate_located()
            .into_iter()
            .map(|located| located.problem)
            .collect()
    }

    /// [`Framework::validate`], each problem with where it is: a weight, a sum, a rule, a repeated id (at its
    /// second use) or a name at its node; the size, the total and the provenance texts about the framework; the
    /// grades at the grades.
    pub fn validate_located(&self) -> Vec<Located> {
        let mut problems = Vec::new();
        let mut say_at =
            |problem: FrameworkProblem, at: Where| problems.push(Located { problem, at });
        if self.format != FRAMEWORK_FORMAT {
            let found: String = self.format.chars().take(40).collect();
            say_at(FrameworkProblem::WrongFormat { found }, Where::About);
        }
        if !validate_sizes(self, &mut say_at) {
            // Oversized frameworks are not looked at further: the sizes alone refuse them.
            return problems;
        }
        if self.level1.is_empty() {
            say_at(FrameworkProblem::NoIndicators, Where::About);
        }
        let total = self.total_weight();
        if total != Some(TOTAL_WEIGHT) {
            say_at(FrameworkProblem::TotalNotHundred { total }, Where::About);
        }
        let mut ids = std::collections::BTreeSet::new();
        for (a, l1) in self.level1.iter().enumerate() {
            // Each node's problems are said at the node.
            let mut say = |problem| say_at(problem, Where::Node(Place::Level1(a)));
            weight(
                &mut say,
                || Quantity::Level1Weight(l1.name.clone()),
                l1.weight,
            );
            let parts = l1.level2.iter().map(|l2| l2.weight);
            children_add_up(&mut say, (Level::One, &l1.name, l1.weight), parts);
            for (b, l2) in l1.level2.iter().enumerate() {
                let mut say = |problem| say_at(problem, Where::Node(Place::Level2(a, b)));
                weight(
                    &mut say,
                    || Quantity::Level2Weight(l2.name.clone()),
                    l2.weight,
                );
                let parts = l2.indicators.iter().map(|i| i.weight);
                children_add_up(&mut say, (Level::Two, &l2.name, l2.weight), parts);
                for (c, ind) in l2.indicators.iter().enumerate() {
                    let mut say = |problem| say_at(problem, Where::Node(Place::Indicator(a, b, c)));
                    if !ids.insert(ind.id.as_str()) {
                        say(FrameworkProblem::DuplicateIndicatorId { id: ind.id.clone() });
                    }
                    let quantity = || Quantity::IndicatorWeight(ind.name.clone());
                    // A negative weight is said once, by `weight` below.
                    if ind.weight.is_zero() {
                        say(FrameworkProblem::Weight(NumberProblem::NotPositive(
                            quantity(),
                        )));
                    }
                    weight(&mut say, quantity, ind.weight);
                    for problem in validate_rule(&ind.rule, ind.weight) {
                        say(FrameworkProblem::Rule {
                            indicator: ind.name.clone(),
                            problem,
                        });
                    }
                }
            }
        }
        validate_grades(&self.grades, &mut |problem| say_at(problem, Where::Grades));
        problems
    }
}

/// The sum of the 分值 under one node of the tree (the framework's 一级, a 一级's 二级, a 二级's 三级) beside what it
/// should be: the line the editor prints under the node, and whether it is wrong. A wrong sum is exactly one problem
/// of [`Framework::validate_located`], at the same [`Where`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeSum {
    /// The node: [`Where::About`] for the framework as a whole (its 一级 indicators), else the 一级 or 二级.
    pub at: Where,
    /// `None` when beyond exact arithmetic.
    pub sum: Option<Decimal>,
    /// [`TOTAL_WEIGHT`] for the whole framework, else the node's own 分值.
    pub should_be: Decimal,
    /// The level summed: "一级指标", "二级指标" or "三级指标".
    pub children: &'static str,
}

impl NodeSum {
    pub fn is_wrong(&self) -> bool {
        self.sum != Some(self.should_be)
    }

    /// The sentence shown under the node: `一级指标分值合计 95 分（应为 100 分）`, `二级指标分值合计 9 分，与本级分值
    /// 8 分不符`. Figures are rounded to a score's two decimals unless that would print a wrong sum as right.
    pub fn line(&self) -> String {
        let exact = self.sum.is_some_and(|sum| {
            sum != self.should_be && fmt_score(sum) == fmt_score(self.should_be)
        });
        let figure = |value: Decimal| {
            if exact {
                fmt_plain(value)
            } else {
                fmt_score(value)
            }
        };
        let sum = match self.sum {
            Some(sum) => format!("{} 分", figure(sum)),
            None => "超出可计算范围".to_string(),
        };
        let should_be = figure(self.should_be);
        if self.at == Where::About {
            format!("{}分值合计 {sum}（应为 {should_be} 分）", self.children)
        } else if self.is_wrong() {
            format!(
                "{}分值合计 {sum}，与本级分值 {should_be} 分不符",
                self.children
            )
        } else {
            format!("{}分值合计 {sum}", self.children)
        }
    }
}

impl Framework {
    /// The sums of the tree: the whole framework's first, then each 一级 followed by its 二级.
    pub fn node_sums(&self) -> Vec<NodeSum> {
        let places = self.level1.iter().enumerate().flat_map(|(a, l1)| {
            std::iter::once(Place::Level1(a))
                .chain((0..l1.level2.len()).map(move |b| Place::Level2(a, b)))
        });
        std::iter::once(Where::About)
            .chain(places.map(Where::Node))
            .filter_map(|at| self.node_sum(at))
            .collect()
    }

    /// The sum under one node ([`Where::About`] for the whole framework), if there is such a node with children.
    pub fn node_sum(&self, at: Where) -> Option<NodeSum> {
        let (sum, should_be, children) = match at {
            Where::About => (self.total_weight(), TOTAL_WEIGHT, "一级指标"),
            Where::Node(Place::Level1(a)) => {
                let l1 = self.level1.get(a)?;
                let sum = checked_sum(l1.level2.iter().map(|l2| l2.weight));
                (sum, l1.weight, "二级指标")
            }
            Where::Node(Place::Level2(a, b)) => {
                let l2 = self.level1.get(a)?.level2.get(b)?;
                let sum = checked_sum(l2.indicators.iter().map(|i| i.weight));
                (sum, l2.weight, "三级指标")
            }
            Where::Node(Place::Indicator(..)) | Where::Grades => return None,
        };
        Some(NodeSum {
            at,
            sum,
            should_be,
            children,
        })
    }
}

/// A level's weight must be the sum of its children's: `一级指标“X”50 分，其二级指标合计 49 分`.
fn children_add_up(
    say: &mut impl FnMut(FrameworkProblem),
    (level, name, weight): (Level, &str, Decimal),
    parts: impl Iterator<Item = Decimal>,
) {
    let sum = checked_sum(parts);
    if sum != Some(weight) {
        say(FrameworkProblem::ChildrenDoNotAddUp {
            level,
            name: name.to_string(),
            weight,
            sum,
        });
    }
}

/// Says whether the framework is within [`crate::caps`]; each excess is a problem.
fn validate_sizes(framework: &Framework, say: &mut impl FnMut(FrameworkProblem, Where)) -> bool {
    use crate::caps;
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
    let mut cap = |count: usize, cap: usize, what: Counted| {
        if count > cap {
            say(FrameworkProblem::TooMany { what, count, cap }, Where::About);
            fits = false;
        }
    };
    cap(framework.level1.len(), caps::LEVEL1, Counted::Level1);
    cap(level2, caps::LEVEL2, Counted::Level2);
    cap(indicators, caps::INDICATORS, Counted::Indicators);
    cap(
        target_indicators,
        caps::TARGET_INDICATORS,
        Counted::TargetIndicators,
    );
    cap(longest_rule, caps::RULE_ENTRIES, Counted::RuleEntries);
    cap(framework.grades.len(), caps::RULE_ENTRIES, Counted::Grades);
    cap(
        framework.dimensions.len(),
        caps::RULE_ENTRIES,
        Counted::Dimensions,
    );
    if !fits {
        return false;
    }
    // Names are printed in every line, check and table that mentions them: each is capped.
    fn about(text: &str, cap: usize) -> (&str, usize, Where) {
        (text, cap, Where::About)
    }
    let mut names: Vec<(&str, usize, Where)> = vec![
        about(&framework.name, caps::NAME_CHARS),
        about(&framework.id, caps::KEY_CHARS),
        about(&framework.reference, caps::NAME_CHARS),
        about(&framework.status, caps::NAME_CHARS),
        about(&framework.source, caps::TEXT_CHARS),
    ];
    names.extend(
        framework
            .dimensions
            .iter()
            .map(|d| about(d, caps::NAME_CHARS)),
    );
    names.extend(
        framework
            .grades
            .iter()
            .map(|g| (g.label.as_str(), caps::NAME_CHARS, Where::Grades)),
    );
    for (a, l1) in framework.level1.iter().enumerate() {
        let at = Where::Node(Place::Level1(a));
        names.push((l1.name.as_str(), caps::NAME_CHARS, at));
        for (b, l2) in l1.level2.iter().enumerate() {
            let at = Where::Node(Place::Level2(a, b));
            names.push((l2.name.as_str(), caps::NAME_CHARS, at));
            for (c, ind) in l2.indicators.iter().enumerate() {
                let at = Where::Node(Place::Indicator(a, b, c));
                let texts = indicator_texts(ind).into_iter();
                names.extend(texts.map(|(text, cap)| (text, cap, at)));
            }
        }
    }
    for (text, cap, at) in names {
        if text.chars().nth(cap).is_some() {
            let start: String = text.chars().take(12).collect();
            say(FrameworkProblem::TooLong { start, cap }, at);
            fits = false;
        }
    }
    fits
}

/// The texts of an indicator and its rule, each with its cap.
fn indicator_texts(ind: &super::Indicator) -> Vec<(&str, usize)> {
    use crate::caps;
    let mut texts = vec![
        (ind.id.as_str(), caps::KEY_CHARS),
        (ind.name.as_str(), caps::NAME_CHARS),
        (ind.definition.as_str(), caps::TEXT_CHARS),
        (ind.standard.as_str(), caps::TEXT_CHARS),
    ];
    match &ind.rule {
        Rule::Checklist { items } => texts.extend(items.iter().flat_map(|i| {
            [
                (i.id.as_str(), caps::KEY_CHARS),
                (i.text.as_str(), caps::NAME_CHARS),
            ]
        })),
        Rule::Choice { options } => texts.extend(options.iter().flat_map(|o| {
            [
                (o.id.as_str(), caps::KEY_CHARS),
                (o.text.as_str(), caps::NAME_CHARS),
            ]
        })),
        Rule::DeductPerCase { case_label, .. } => {
            texts.push((case_label.as_str(), caps::NAME_CHARS))
        }
        Rule::Targets { level1, .. } => {
            texts.extend(level1.iter().map(|l| (l.as_str(), caps::CELL_CHARS)))
        }
        _ => {}
    }
    texts
}

/// A weight or points: never negative, at most two decimals, within ±10¹². `what` names it, only when needed.
fn points(what: impl FnOnce() -> Quantity, value: Decimal) -> Option<NumberProblem> {
    if value < Decimal::ZERO {
        Some(NumberProblem::Negative {
            what: what(),
            value,
        })
    } else if !within_bounds(value) {
        Some(NumberProblem::TooLarge(what()))
    } else if decimal_places(value) > MAX_POINTS_DECIMALS {
        Some(NumberProblem::TooPrecise {
            what: what(),
            value,
        })
    } else {
        None
    }
}

/// A weight of a level or an indicator, by the rules for points.
fn weight(say: &mut impl FnMut(FrameworkProblem), what: impl FnOnce() -> Quantity, value: Decimal) {
    if let Some(problem) = points(what, value) {
        say(FrameworkProblem::Weight(problem));
    }
}

/// A percentage a rate is compared with: at most two decimals, as a rate is shown, and within ±10¹².
fn percent_parameter(problems: &mut Vec<RuleProblem>, what: Quantity, value: Decimal) {
    if !within_bounds(value) {
        problems.push(RuleProblem::Number(NumberProblem::TooLarge(what)));
    } else if decimal_places(value) > 2 {
        problems.push(RuleProblem::Number(NumberProblem::TooPrecise {
            what,
            value,
        }));
    }
}

fn validate_grades(grades: &[Grade], say: &mut impl FnMut(FrameworkProblem)) {
    if grades.is_empty() {
        say(FrameworkProblem::NoGrades);
        return;
    }
    if !grades.iter().any(|g| g.min <= Decimal::ZERO) {
        say(FrameworkProblem::GradesMissZero);
    }
    if grades
        .iter()
        .any(|g| g.min > Decimal::ONE_HUNDRED || g.min < Decimal::ZERO)
    {
        say(FrameworkProblem::GradeOutOfRange);
    }
    for grade in grades {
        if decimal_places(grade.min) > MAX_POINTS_DECIMALS {
            say(FrameworkProblem::GradeTooPrecise {
                label: grade.label.clone(),
            });
        }
    }
    if grades
        .iter()
        .zip(grades.iter().skip(1))
        .any(|(higher, lower)| higher.min <= lower.min)
    {
        say(FrameworkProblem::GradesOutOfOrder);
    }
}

fn validate_rule(rule: &Rule, weight: Decimal) -> Vec<RuleProblem> {
    let mut problems = Vec::new();
    let not_positive = |what| RuleProblem::Number(NumberProblem::NotPositive(what));
    match rule {
        Rule::Proportional { target, .. } => {
            if *target <= Decimal::ZERO {
                problems.push(not_positive(Quantity::FullMarks));
            }
            percent_parameter(&mut problems, Quantity::FullMarks, *target);
        }
        Rule::ThresholdDeduct {
            standard,
            per_point,
            ..
        } => {
            if *per_point <= Decimal::ZERO {
                problems.push(not_positive(Quantity::PerPoint));
            }
            points_of(|| Quantity::PerPoint, *per_point, &mut problems);
            percent_parameter(&mut problems, Quantity::Standard, *standard);
        }
        Rule::Bands { bands, .. } => {
            for (n, band) in (1_usize..).zip(bands) {
                if let Some(lower) = band.lower {
                    percent_parameter(&mut problems, Quantity::BandLower(n), lower.value);
                }
                if let Some(upper) = band.upper {
                    percent_parameter(&mut problems, Quantity::BandUpper(n), upper.value);
                }
                points_of(|| Quantity::BandScore(n), band.score, &mut problems);
            }
            if problems.is_empty() {
                problems.extend(validate_bands(bands, weight));
            }
        }
        Rule::Checklist { items } => {
            for item in items {
                points_of(
                    || Quantity::ItemPoints(item.text.clone()),
                    item.points,
                    &mut problems,
                );
            }
            let sum = checked_sum(items.iter().map(|i| i.points));
            if sum != Some(weight) {
                problems.push(RuleProblem::ChecklistSum { sum, weight });
            }
            if has_duplicates(items.iter().map(|i| &i.id)) {
                problems.push(RuleProblem::DuplicateItemIds);
            }
        }
        Rule::DeductPerCase { per_case, .. } => {
            if *per_case <= Decimal::ZERO {
                problems.push(not_positive(Quantity::PerCase));
            }
            points_of(|| Quantity::PerCase, *per_case, &mut problems);
        }
        Rule::Choice { options } => {
            if options.is_empty() {
                problems.push(RuleProblem::NoOptions);
            }
            for option in options {
                points_of(
                    || Quantity::OptionScore(option.text.clone()),
                    option.score,
                    &mut problems,
                );
            }
            if options.iter().any(|o| o.score > weight) {
                problems.push(RuleProblem::OptionAboveWeight);
            }
            if has_duplicates(options.iter().map(|o| &o.id)) {
                problems.push(RuleProblem::DuplicateOptionIds);
            }
        }
        Rule::Targets {
            over_achievement_flag,
            ..
        } => {
            if *over_achievement_flag <= Decimal::ONE_HUNDRED {
                problems.push(RuleProblem::OverAchievementLineTooLow);
            }
            percent_parameter(
                &mut problems,
                Quantity::OverAchievementLine,
                *over_achievement_flag,
            );
        }
        Rule::Manual => {}
    }
    problems
}

fn points_of(what: impl FnOnce() -> Quantity, value: Decimal, problems: &mut Vec<RuleProblem>) {
    problems.extend(points(what, value).map(RuleProblem::Number));
}

fn has_duplicates<'a>(ids: impl Iterator<Item = &'a String>) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    ids.into_iter().any(|id| !seen.insert(id))
}

/// Bands must be ordered from low to high, must not overlap, and each score must lie in [0, w].
fn validate_bands(bands: &[Band], weight: Decimal) -> Vec<RuleProblem> {
    let mut problems = Vec::new();
    if bands.is_empty() {
        problems.push(RuleProblem::NoBands);
    }
    for band in bands {
        if band.score < Decimal::ZERO || band.score > weight {
            problems.push(RuleProblem::BandScoreOutOfRange { score: band.score });
        }
        if let (Some(lo), Some(hi)) = (band.lower, band.upper) {
            let empty =
                lo.value > hi.value || (lo.value == hi.value && !(lo.inclusive && hi.inclusive));
            if empty {
                problems.push(RuleProblem::EmptyBand { band: band.clone() });
            }
        }
    }
    for (low, high) in bands.iter().zip(bands.iter().skip(1)) {
        let pair = || (low.clone(), high.clone());
        match (low.upper, high.lower) {
            (Some(up), Some(lo)) => {
                if lo.value < up.value || (lo.value == up.value && lo.inclusive && up.inclusive) {
                    let (low, high) = pair();
                    problems.push(RuleProblem::BandsOverlap { low, high });
                } else if lo.value > up.value || (!lo.inclusive && !up.inclusive) {
                    let (low, high) = pair();
                    problems.push(RuleProblem::BandsGap { low, high });
                }
            }
            _ => {
                let (low, high) = pair();
                problems.push(RuleProblem::BandsOutOfOrder { low, high });
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::built_in;
    use crate::framework::tests::bound;

    #[test]
    fn validation_finds_broken_weights_bands_and_grades() {
        let mut fw = built_in("guangdong-2024-reference").unwrap();
        fw.level1[0].level2[0].indicators[0].weight = Decimal::from(29);
        if let Rule::Bands { bands, .. } = &mut fw.level1[1].level2[0].indicators[0].rule {
            bands[1].lower = bound(4, true); // overlaps ≤5%(含)
        }
        fw.grades.reverse();
        fw.level1[1].weight = Decimal::from(49);
        let problems = fw.validate();
        let adds_up_to =
            |level, name: &str, weight: i64, sum: i64| FrameworkProblem::ChildrenDoNotAddUp {
                level,
                name: name.to_string(),
                weight: Decimal::from(weight),
                sum: Some(Decimal::from(sum)),
            };
        for expected in [
            adds_up_to(Level::Two, "整体效能", 50, 49),
            FrameworkProblem::TotalNotHundred {
                total: Some(Decimal::from(99)),
            },
            adds_up_to(Level::One, "管理效率", 49, 50),
            FrameworkProblem::GradesOutOfOrder,
        ] {
            assert!(problems.contains(&expected), "{expected:?} in {problems:?}");
        }
        assert!(
            problems.iter().any(|p| matches!(
                p,
                FrameworkProblem::Rule {
                    problem: RuleProblem::BandsOverlap { .. },
                    ..
                }
            )),
            "{problems:?}"
        );
        // As the checks and the gate print it.
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            text.contains(&"二级指标“整体效能”50 分，其三级指标合计 49 分".to_string()),
            "{text:?}"
        );
    }

    /// Where each problem matching `kind` is said to be.
    fn places(fw: &Framework, kind: impl Fn(&FrameworkProblem) -> bool) -> Vec<Where> {
        fw.validate_located()
            .into_iter()
            .filter(|located| kind(&located.problem))
            .map(|located| located.at)
            .collect()
    }

    fn node(a: usize, b: usize, c: usize) -> Where {
        Where::Node(Place::Indicator(a, b, c))
    }

    #[test]
    fn each_problem_points_at_its_node() {
        let mut fw = built_in("guangdong-2024-reference").unwrap();
        if let Rule::Bands { bands, .. } = &mut fw.level1[1].level2[1].indicators[1].rule {
            bands[1].lower = bands[0].lower; // overlaps the first band
        }
        fw.level1[1].level2[2].weight = Decimal::new(5001, 3);
        fw.level1[1].level2[4].indicators[0].id = "execution-rate".to_string();
        fw.level1[1].level2[1].indicators[0].weight = Decimal::ZERO;
        let is_rule = |p: &FrameworkProblem| matches!(p, FrameworkProblem::Rule { .. });
        assert_eq!(places(&fw, is_rule), [node(1, 1, 1)]);
        let is_weight = |p: &FrameworkProblem| matches!(p, FrameworkProblem::Weight(_));
        assert_eq!(
            places(&fw, is_weight),
            [node(1, 1, 0), Where::Node(Place::Level2(1, 2))]
        );
        let is_sum =
            |p: &FrameworkProblem| matches!(p, FrameworkProblem::ChildrenDoNotAddUp { .. });
        assert_eq!(
            places(&fw, is_sum),
            [
                Where::Node(Place::Level1(1)),
                Where::Node(Place::Level2(1, 1)),
                Where::Node(Place::Level2(1, 2)),
            ]
        );
        let is_duplicate =
            |p: &FrameworkProblem| matches!(p, FrameworkProblem::DuplicateIndicatorId { .. });
        // At the second use: the first keeps its id.
        assert_eq!(places(&fw, is_duplicate), [node(1, 4, 0)]);
        // `validate` is the same list without the places.
        let located: Vec<FrameworkProblem> = fw
            .validate_located()
            .into_iter()
            .map(|l| l.problem)
            .collect();
        assert_eq!(fw.validate(), located);
    }

    #[test]
    fn a_band_overlap_in_indicator_1_0_1_points_there() {
        let mut fw = built_in("guangdong-2024-reference").unwrap();
        let rule = Rule::Bands {
            metric: crate::metrics::Metric::BudgetExecutionRate,
            bands: vec![
                Band {
                    lower: None,
                    upper: bound(90, true),
                    score: Decimal::ZERO,
                },
                Band {
                    lower: bound(80, true),
                    upper: None,
                    score: Decimal::from(4),
                },
            ],
            zero_denominator: Default::default(),
        };
        fw.level1[1].level2[0].indicators[1].rule = rule;
        let located = fw.validate_located();
        assert_eq!(located.len(), 1, "{located:?}");
        assert!(matches!(
            located[0].problem,
            FrameworkProblem::Rule {
                problem: RuleProblem::BandsOverlap { .. },
                ..
            }
        ));
        assert_eq!(located[0].at, node(1, 0, 1));
        assert_eq!(located[0].at.dom_id(), "fw-1-0-1");
    }

    #[test]
    fn long_texts_point_at_what_holds_them() {
        let long = "长".repeat(crate::caps::NAME_CHARS + 1);
        let is_long = |p: &FrameworkProblem| matches!(p, FrameworkProblem::TooLong { .. });
        let mut fw = built_in("guangdong-2024-reference").unwrap();
        fw.reference = long.clone();
        fw.grades[0].label = long.clone();
        fw.level1[0].name = long.clone();
        fw.level1[1].level2[3].name = long.clone();
        if let Rule::Checklist { items } = &mut fw.level1[1].level2[3].indicators[1].rule {
            items[0].text = long.clone();
        }
        fw.level1[1].level2[5].indicators[0].standard = "长".repeat(crate::caps::TEXT_CHARS + 1);
        assert_eq!(
            places(&fw, is_long),
            [
                Where::About,
                Where::Grades,
                Where::Node(Place::Level1(0)),
                Where::Node(Place::Level2(1, 3)),
                node(1, 3, 1),
                node(1, 5, 0),
            ]
        );
    }

    #[test]
    fn the_framework_as_a_whole_and_its_grades() {
        let mut fw = built_in("guangdong-2024-reference").unwrap();
        fw.format = "other".to_string();
        fw.grades.reverse();
        let all: Vec<Where> = places(&fw, |_| true);
        assert_eq!(all, [Where::About, Where::Grades]);
        fw.grades.clear();
        fw.level1.clear();
        let located = fw.validate_located();
        for (problem, at) in [
            (FrameworkProblem::NoIndicators, Where::About),
            (
                FrameworkProblem::TotalNotHundred {
                    total: Some(Decimal::ZERO),
                },
                Where::About,
            ),
            (FrameworkProblem::NoGrades, Where::Grades),
        ] {
            assert!(located.contains(&Located { problem, at }), "{located:?}");
        }
        let mut fw = built_in("guangdong-2024-reference").unwrap();
        let copies = crate::caps::LEVEL1;
        let first = fw.level1[0].clone();
        fw.level1.extend(std::iter::repeat_n(first, copies));
        let located = fw.validate_located();
        assert!(located.iter().all(|l| l.at == Where::About), "{located:?}");
        assert!(
            located.iter().any(|l| matches!(
                l.problem,
                FrameworkProblem::TooMany {
                    what: Counted::Level1,
                    ..
                }
            )),
            "{located:?}"
        );
    }

    #[test]
    fn places_name_the_editor_groups() {
        assert_eq!(Where::About.dom_id(), "fw-about");
        assert_eq!(Where::Grades.dom_id(), "fw-grades");
        assert_eq!(Where::Node(Place::Level1(3)).dom_id(), "fw-3");
        assert_eq!(Where::Node(Place::Level2(3, 0)).dom_id(), "fw-3-0");
        assert_eq!(node(1, 0, 1).dom_id(), "fw-1-0-1");
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
        assert_eq!(
            validate_bands(&gap, Decimal::ONE),
            [RuleProblem::BandsGap {
                low: gap[0].clone(),
                high: gap[1].clone()
            }]
        );
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
        assert_eq!(
            validate_bands(&empty, Decimal::ONE),
            [RuleProblem::EmptyBand {
                band: empty[0].clone()
            }]
        );
    }

    #[test]
    fn node_sums_print_true_equations_and_are_wrong_exactly_where_validation_says() {
        use crate::framework::{default_framework, FrameworkProblem, Where};
        let sound = default_framework();
        let sums = sound.node_sums();
        // The whole, 2 一级 and 8 二级.
        assert_eq!(sums.len(), 11);
        assert!(sums.iter().all(|s| !s.is_wrong()));
        assert_eq!(sums[0].line(), "一级指标分值合计 100 分（应为 100 分）");
        assert_eq!(sums[1].line(), "二级指标分值合计 50 分");
        assert_eq!(sums[5].at, Where::Node(Place::Level2(1, 1)));
        assert_eq!(sums[5].line(), "三级指标分值合计 12 分");

        let mut framework = sound;
        framework.level1[0].weight = Decimal::from(45);
        // 预算编制 (8): its indicators 4 + 4.333 = 8.333, which rounds to 8.33, not 8: printed as it is.
        framework.level1[1].level2[0].indicators[1].weight = Decimal::new(4333, 3);
        // 预算执行 (12): its indicators 8 + 4.004 = 12.004, which would print as 12: printed exactly.
        framework.level1[1].level2[1].indicators[1].weight = Decimal::new(4004, 3);
        let lines: Vec<(Where, String)> = framework
            .node_sums()
            .into_iter()
            .filter(|s| s.is_wrong())
            .map(|s| (s.at, s.line()))
            .collect();
        assert_eq!(
            lines,
            [
                (
                    Where::About,
                    "一级指标分值合计 95 分（应为 100 分）".to_string()
                ),
                (
                    Where::Node(Place::Level1(0)),
                    "二级指标分值合计 50 分，与本级分值 45 分不符".to_string()
                ),
                (
                    Where::Node(Place::Level2(1, 0)),
                    "三级指标分值合计 8.33 分，与本级分值 8 分不符".to_string()
                ),
                (
                    Where::Node(Place::Level2(1, 1)),
                    "三级指标分值合计 12.004 分，与本级分值 12 分不符".to_string()
                ),
            ]
        );
        let reported: Vec<Where> = framework
            .validate_located()
            .into_iter()
            .filter(|l| {
                matches!(
                    l.problem,
                    FrameworkProblem::TotalNotHundred { .. }
                        | FrameworkProblem::ChildrenDoNotAddUp { .. }
                )
            })
            .map(|l| l.at)
            .collect();
        let wrong: Vec<Where> = lines.iter().map(|(at, _)| *at).collect();
        assert_eq!(
            reported, wrong,
            "one validation problem per wrong sum, at its node"
        );
        assert_eq!(
            framework.node_sum(Where::Node(Place::Level2(1, 1))),
            Some(NodeSum {
                at: Where::Node(Place::Level2(1, 1)),
                sum: Some(Decimal::new(12004, 3)),
                should_be: Decimal::from(12),
                children: "三级指标",
            })
        );
        assert_eq!(framework.node_sum(Where::Node(Place::Level2(9, 0))), None);
        assert_eq!(framework.node_sum(Where::Grades), None);
    }
}
