//! What makes a framework unusable or inconsistent: weights that do not add up, bands that overlap or leave gaps,
//! grades out of order, numbers beyond the gate's rules, sizes beyond its caps.

use rust_decimal::Decimal;

use super::{Band, Framework, Grade, Rule, FRAMEWORK_FORMAT};
use crate::number::{checked_sum, decimal_places, within_bounds, MAX_POINTS_DECIMALS};

/// A problem found in a framework file, in Chinese, naming where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkProblem(pub String);

impl std::fmt::Display for FrameworkProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Framework {
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
}
