//! What differs between two frameworks, one line a change, for the officer deciding whether to take an edited or
//! imported framework, and for the plain-text report they can keep.
//!
//! 三级 indicators are matched by id, the key of a document's answers and overrides, wherever they sit; 一级 and
//! 二级 by name under the same parent (the k-th of a name with the k-th, so an unsound framework that repeats a
//! name still pairs up). A renamed 一级 or 二级 is therefore a removed one and an added one.
//!
//! The order is stable: the framework as a whole (format, provenance, grades), then the other framework's tree in its own
//! order (what was added or changed), then what it no longer has, in the base's order.

use std::collections::HashMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

use super::{About, Framework, Grade, Indicator, Level1, Level2, Outcome, Rule, ZeroDenominator};
use crate::number::fmt_plain;

/// Where a 三级 indicator sits: the names of its 一级 and 二级.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub level1: String,
    pub level2: String,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.level1, self.level2)
    }
}

/// Whose children changed order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Siblings {
    /// The 一级 indicators.
    Level1,
    /// The 二级 under this 一级.
    Level2 { level1: String },
    /// The 三级 under this 二级.
    Indicators { at: Location },
}

/// One difference between two frameworks. `before` is the base's, `after` the other's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Change {
    /// The file format tag (a framework of another format fails validation).
    Format {
        before: String,
        after: String,
    },
    /// A text about the framework as a whole (the dimensions joined with 、).
    About {
        about: About,
        before: String,
        after: String,
    },
    GradeAdded {
        label: String,
        min: Decimal,
    },
    GradeRemoved {
        label: String,
        min: Decimal,
    },
    /// A grade with the same threshold under another label.
    GradeRenamed {
        before: String,
        after: String,
        min: Decimal,
    },
    GradeMin {
        label: String,
        before: Decimal,
        after: Decimal,
    },
    Level1Added {
        name: String,
        weight: Decimal,
    },
    Level1Removed {
        name: String,
        weight: Decimal,
    },
    Level1Weight {
        name: String,
        before: Decimal,
        after: Decimal,
    },
    Level2Added {
        level1: String,
        name: String,
        weight: Decimal,
    },
    Level2Removed {
        level1: String,
        name: String,
        weight: Decimal,
    },
    Level2Weight {
        level1: String,
        name: String,
        before: Decimal,
        after: Decimal,
    },
    /// The same names in another order (only those in both frameworks are listed).
    Reordered {
        within: Siblings,
        before: Vec<String>,
        after: Vec<String>,
    },
    IndicatorAdded {
        id: String,
        name: String,
        at: Location,
        weight: Decimal,
    },
    IndicatorRemoved {
        id: String,
        name: String,
        at: Location,
        weight: Decimal,
    },
    IndicatorRenamed {
        id: String,
        before: String,
        after: String,
    },
    /// Now under another 二级 (or 一级).
    IndicatorMoved {
        id: String,
        name: String,
        from: Location,
        to: Location,
    },
    IndicatorWeight {
        id: String,
        name: String,
        before: Decimal,
        after: Decimal,
    },
    /// The rules in words ([`Rule::describe`], with what it leaves out when that alone reads the same).
    IndicatorRule {
        id: String,
        name: String,
        before: String,
        after: String,
    },
    /// 评分标准.
    IndicatorStandard {
        id: String,
        name: String,
        before: String,
        after: String,
    },
    /// 指标解释.
    IndicatorDefinition {
        id: String,
        name: String,
        before: String,
        after: String,
    },
}

/// A text on one line, quoted; an empty one says so.
fn quoted(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.is_empty() {
        "（空）".to_string()
    } else {
        format!("“{line}”")
    }
}

/// `“before” → “after”` on one line; texts that differ only in spaces or line breaks would print alike, so they
/// say so instead.
fn text_change(before: &str, after: &str) -> String {
    let (before, after) = (quoted(before), quoted(after));
    if before == after {
        "仅空格或换行不同".to_string()
    } else {
        format!("{before} → {after}")
    }
}

fn about_word(about: About) -> &'static str {
    match about {
        About::Id => "编码",
        About::Name => "名称",
        About::Reference => "文号",
        About::Source => "来源说明",
        About::Status => "状态",
        About::Dimensions => "报告维度",
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = |d: &Decimal| fmt_plain(*d);
        match self {
            Change::Format { before, after } => {
                write!(f, "框架文件格式：{}", text_change(before, after))
            }
            Change::About {
                about,
                before,
                after,
            } => write!(
                f,
                "框架{}：{}",
                about_word(*about),
                text_change(before, after)
            ),
            Change::GradeAdded { label, min } => {
                write!(f, "新增等次“{label}”（{} 分及以上）", p(min))
            }
            Change::GradeRemoved { label, min } => {
                write!(f, "删除等次“{label}”（{} 分及以上）", p(min))
            }
            Change::GradeRenamed { before, after, min } => {
                write!(f, "等次“{before}”改名为“{after}”（{} 分及以上）", p(min))
            }
            Change::GradeMin {
                label,
                before,
                after,
            } => write!(f, "等次“{label}”起点 {} → {} 分", p(before), p(after)),
            Change::Level1Added { name, weight } => {
                write!(f, "新增一级指标“{name}”（{} 分）", p(weight))
            }
            Change::Level1Removed { name, weight } => {
                write!(f, "删除一级指标“{name}”（{} 分）", p(weight))
            }
            Change::Level1Weight {
                name,
                before,
                after,
            } => write!(f, "一级指标“{name}”分值 {} → {} 分", p(before), p(after)),
            Change::Level2Added {
                level1,
                name,
                weight,
            } => write!(f, "新增二级指标“{name}”（{level1}，{} 分）", p(weight)),
            Change::Level2Removed {
                level1,
                name,
                weight,
            } => write!(f, "删除二级指标“{name}”（{level1}，{} 分）", p(weight)),
            Change::Level2Weight {
                level1,
                name,
                before,
                after,
            } => write!(
                f,
                "二级指标“{name}”（{level1}）分值 {} → {} 分",
                p(before),
                p(after)
            ),
            Change::Reordered {
                within,
                before,
                after,
            } => {
                let whose = match within {
                    Siblings::Level1 => "一级指标".to_string(),
                    Siblings::Level2 { level1 } => format!("一级指标“{level1}”下的二级指标"),
                    Siblings::Indicators { at } => {
                        format!("二级指标“{}”（{}）下的三级指标", at.level2, at.level1)
                    }
                };
                write!(
                    f,
                    "{whose}顺序改变：{} → {}",
                    before.join("、"),
                    after.join("、")
                )
            }
            Change::IndicatorAdded {
                name, at, weight, ..
            } => write!(f, "新增三级指标“{name}”（{at}，{} 分）", p(weight)),
            Change::IndicatorRemoved {
                name, at, weight, ..
            } => write!(f, "删除三级指标“{name}”（{at}，{} 分）", p(weight)),
            Change::IndicatorRenamed { before, after, .. } => {
                write!(f, "三级指标“{before}”改名为“{after}”")
            }
            Change::IndicatorMoved { name, from, to, .. } => {
                write!(f, "三级指标“{name}”从 {from} 移到 {to}")
            }
            Change::IndicatorWeight {
                name,
                before,
                after,
                ..
            } => write!(f, "三级指标“{name}”分值 {} → {} 分", p(before), p(after)),
            Change::IndicatorRule {
                name,
                before,
                after,
                ..
            } => write!(f, "三级指标“{name}”评分规则改变：{before} → {after}"),
            Change::IndicatorStandard {
                name,
                before,
                after,
                ..
            } => write!(
                f,
                "三级指标“{name}”评分标准改变：{}",
                text_change(before, after)
            ),
            Change::IndicatorDefinition {
                name,
                before,
                after,
                ..
            } => write!(
                f,
                "三级指标“{name}”指标解释改变：{}",
                text_change(before, after)
            ),
        }
    }
}

/// Each name with how many times it came before it: the k-th of a name pairs with the k-th of the other side.
fn keyed<'a>(names: impl Iterator<Item = &'a str>) -> Vec<(&'a str, usize)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    names
        .map(|name| {
            let count = seen.entry(name).or_default();
            let key = (name, *count);
            *count = count.saturating_add(1);
            key
        })
        .collect()
}

/// The entries of `ours` paired with the entry of `theirs` of the same key, if any.
fn pair_up<'a, T>(
    ours: &'a [T],
    theirs: &'a [T],
    name: impl Fn(&T) -> &str,
) -> Vec<(&'a T, Option<&'a T>)> {
    let their_keys = keyed(theirs.iter().map(&name));
    let ours_keys = keyed(ours.iter().map(&name));
    ours.iter()
        .zip(ours_keys)
        .map(|(entry, key)| {
            let matched = their_keys
                .iter()
                .position(|k| *k == key)
                .and_then(|at| theirs.get(at));
            (entry, matched)
        })
        .collect()
}

/// A line when the entries both sides share (by `key`) are not in the same order, listing them by `label`.
fn reordered<'a, T>(
    before: &'a [T],
    after: &'a [T],
    key: impl Fn(&T) -> &str,
    label: impl Fn(&T) -> &str,
    within: Siblings,
) -> Option<Change> {
    let before_keys = keyed(before.iter().map(&key));
    let after_keys = keyed(after.iter().map(&key));
    // The shared entries of one side, in its order: their keys, to compare, and their labels, to print.
    let shared = |entries: &[T], keys: &[(&'a str, usize)], other: &[(&'a str, usize)]| {
        let (keys, labels): (Vec<(&'a str, usize)>, Vec<String>) = entries
            .iter()
            .zip(keys)
            .filter(|(_, k)| other.contains(k))
            .map(|(entry, k)| (*k, label(entry).to_string()))
            .unzip();
        (keys, labels)
    };
    let (before_order, before_labels) = shared(before, &before_keys, &after_keys);
    let (after_order, after_labels) = shared(after, &after_keys, &before_keys);
    (before_order != after_order).then_some(Change::Reordered {
        within,
        before: before_labels,
        after: after_labels,
    })
}

/// Every 三级 indicator with where it sits, keyed by (id, occurrence).
fn indicators_by_id(framework: &Framework) -> HashMap<(&str, usize), (Location, &Indicator)> {
    let entries: Vec<(&Level1, &Level2, &Indicator)> = framework.indicators().collect();
    let keys = keyed(entries.iter().map(|(_, _, ind)| ind.id.as_str()));
    entries
        .into_iter()
        .zip(keys)
        .map(|((l1, l2, ind), key)| (key, (location(l1, l2), ind)))
        .collect()
}

fn location(l1: &Level1, l2: &Level2) -> Location {
    Location {
        level1: l1.name.clone(),
        level2: l2.name.clone(),
    }
}

/// What differs from `base` to `other`, one change a line, in a stable order (see the module's note).
pub fn diff(base: &Framework, other: &Framework) -> Vec<Change> {
    let mut changes = Vec::new();
    about_changes(base, other, &mut changes);
    grade_changes(&base.grades, &other.grades, &mut changes);

    let base_indicators = indicators_by_id(base);
    let other_indicators = indicators_by_id(other);
    let other_keys = keyed(other.indicators().map(|(_, _, ind)| ind.id.as_str()));
    let mut other_keys = other_keys.into_iter();

    changes.extend(reordered(
        &base.level1,
        &other.level1,
        |l1| &l1.name,
        |l1| &l1.name,
        Siblings::Level1,
    ));
    for (l1, base_l1) in pair_up(&other.level1, &base.level1, |l1| &l1.name) {
        match base_l1 {
            None => changes.push(Change::Level1Added {
                name: l1.name.clone(),
                weight: l1.weight,
            }),
            Some(b) if b.weight != l1.weight => changes.push(Change::Level1Weight {
                name: l1.name.clone(),
                before: b.weight,
                after: l1.weight,
            }),
            Some(_) => {}
        }
        let base_level2: &[Level2] = base_l1.map(|b| b.level2.as_slice()).unwrap_or_default();
        changes.extend(reordered(
            base_level2,
            &l1.level2,
            |l2| &l2.name,
            |l2| &l2.name,
            Siblings::Level2 {
                level1: l1.name.clone(),
            },
        ));
        for (l2, base_l2) in pair_up(&l1.level2, base_level2, |l2| &l2.name) {
            match base_l2 {
                None => changes.push(Change::Level2Added {
                    level1: l1.name.clone(),
                    name: l2.name.clone(),
                    weight: l2.weight,
                }),
                Some(b) if b.weight != l2.weight => changes.push(Change::Level2Weight {
                    level1: l1.name.clone(),
                    name: l2.name.clone(),
                    before: b.weight,
                    after: l2.weight,
                }),
                Some(_) => {}
            }
            let at = location(l1, l2);
            // Only the indicators both 二级 hold can be out of order; one moved in or out is said as moved.
            let base_here: &[Indicator] =
                base_l2.map(|b| b.indicators.as_slice()).unwrap_or_default();
            changes.extend(reordered(
                base_here,
                &l2.indicators,
                |i| &i.id,
                |i| &i.name,
                Siblings::Indicators { at: at.clone() },
            ));
            for ind in &l2.indicators {
                let base_entry = other_keys.next().and_then(|key| base_indicators.get(&key));
                match base_entry {
                    None => changes.push(Change::IndicatorAdded {
                        id: ind.id.clone(),
                        name: ind.name.clone(),
                        at: at.clone(),
                        weight: ind.weight,
                    }),
                    Some((from, b)) => indicator_changes(from, b, &at, ind, &mut changes),
                }
            }
        }
    }

    // What the other framework no longer has, in the base's order.
    let base_keys = keyed(base.indicators().map(|(_, _, ind)| ind.id.as_str()));
    let mut base_keys = base_keys.into_iter();
    for (l1, other_l1) in pair_up(&base.level1, &other.level1, |l1| &l1.name) {
        if other_l1.is_none() {
            changes.push(Change::Level1Removed {
                name: l1.name.clone(),
                weight: l1.weight,
            });
        }
        let other_level2: &[Level2] = other_l1.map(|o| o.level2.as_slice()).unwrap_or_default();
        for (l2, other_l2) in pair_up(&l1.level2, other_level2, |l2| &l2.name) {
            if other_l2.is_none() {
                changes.push(Change::Level2Removed {
                    level1: l1.name.clone(),
                    name: l2.name.clone(),
                    weight: l2.weight,
                });
            }
            for ind in &l2.indicators {
                let kept = base_keys
                    .next()
                    .is_some_and(|key| other_indicators.contains_key(&key));
                if !kept {
                    changes.push(Change::IndicatorRemoved {
                        id: ind.id.clone(),
                        name: ind.name.clone(),
                        at: location(l1, l2),
                        weight: ind.weight,
                    });
                }
            }
        }
    }
    changes
}

fn about_changes(base: &Framework, other: &Framework, changes: &mut Vec<Change>) {
    if base.format != other.format {
        changes.push(Change::Format {
            before: base.format.clone(),
            after: other.format.clone(),
        });
    }
    let text = |framework: &Framework, about: About| match about {
        About::Dimensions => framework.dimensions.join("、"),
        _ => about.text(framework),
    };
    for about in [
        About::Id,
        About::Name,
        About::Reference,
        About::Status,
        About::Source,
        About::Dimensions,
    ] {
        let (before, after) = (text(base, about), text(other, about));
        if before != after {
            changes.push(Change::About {
                about,
                before,
                after,
            });
        }
    }
}

/// Grades are matched by label; a grade gone and one come with the same threshold is a renamed one.
fn grade_changes(base: &[Grade], other: &[Grade], changes: &mut Vec<Change>) {
    fn label(g: &Grade) -> &str {
        &g.label
    }
    let kept_in_other: Vec<bool> = pair_up(base, other, label)
        .iter()
        .map(|(_, o)| o.is_some())
        .collect();
    let mut gone: Vec<&Grade> = base
        .iter()
        .zip(&kept_in_other)
        .filter(|(_, kept)| !**kept)
        .map(|(g, _)| g)
        .collect();
    for (grade, before) in pair_up(other, base, label) {
        match before {
            Some(b) if b.min != grade.min => changes.push(Change::GradeMin {
                label: grade.label.clone(),
                before: b.min,
                after: grade.min,
            }),
            Some(_) => {}
            None => match gone.iter().position(|g| g.min == grade.min) {
                Some(at) => {
                    let old = gone.remove(at);
                    changes.push(Change::GradeRenamed {
                        before: old.label.clone(),
                        after: grade.label.clone(),
                        min: grade.min,
                    });
                }
                None => changes.push(Change::GradeAdded {
                    label: grade.label.clone(),
                    min: grade.min,
                }),
            },
        }
    }
    changes.extend(gone.into_iter().map(|g| Change::GradeRemoved {
        label: g.label.clone(),
        min: g.min,
    }));
}

/// An indicator found on both sides: renamed first, so that the lines after it use the new name.
fn indicator_changes(
    from: &Location,
    before: &Indicator,
    to: &Location,
    after: &Indicator,
    changes: &mut Vec<Change>,
) {
    let id = || after.id.clone();
    let name = || after.name.clone();
    if before.name != after.name {
        changes.push(Change::IndicatorRenamed {
            id: id(),
            before: before.name.clone(),
            after: name(),
        });
    }
    if from != to {
        changes.push(Change::IndicatorMoved {
            id: id(),
            name: name(),
            from: from.clone(),
            to: to.clone(),
        });
    }
    if before.weight != after.weight {
        changes.push(Change::IndicatorWeight {
            id: id(),
            name: name(),
            before: before.weight,
            after: after.weight,
        });
    }
    if before.rule != after.rule {
        let (before_words, after_words) = rule_words(&before.rule, &after.rule);
        changes.push(Change::IndicatorRule {
            id: id(),
            name: name(),
            before: before_words,
            after: after_words,
        });
    }
    if before.standard != after.standard {
        changes.push(Change::IndicatorStandard {
            id: id(),
            name: name(),
            before: before.standard.clone(),
            after: after.standard.clone(),
        });
    }
    if before.definition != after.definition {
        changes.push(Change::IndicatorDefinition {
            id: id(),
            name: name(),
            before: before.definition.clone(),
            after: after.definition.clone(),
        });
    }
}

/// Two different rules in words. `describe` leaves out what the officer rarely changes (the zero-denominator
/// cases, entry codes, the over-achievement flag); when it alone reads the same, those are added, so the line never
/// shows one text on both sides of the arrow.
fn rule_words(before: &Rule, after: &Rule) -> (String, String) {
    let (b, a) = (before.describe(), after.describe());
    if b != a {
        (b, a)
    } else {
        (rule_in_full(before), rule_in_full(after))
    }
}

fn rule_in_full(rule: &Rule) -> String {
    let mut words = rule.describe();
    let outcome = |o: Outcome| match o {
        Outcome::Full => "得满分",
        Outcome::Zero => "得 0 分",
        Outcome::Unscorable => "由评价人评分",
    };
    let zero = |z: &ZeroDenominator| {
        format!(
            "；分母为 0 时：未安排也未发生{}，无预算而有支出{}",
            outcome(z.nothing),
            outcome(z.something)
        )
    };
    let codes = |ids: Vec<&str>| format!("；各项编码 {}", ids.join("、"));
    if let Some(zero_denominator) = rule.zero_denominator() {
        words.push_str(&zero(zero_denominator));
    }
    match rule {
        Rule::Checklist { items } => {
            words.push_str(&codes(items.iter().map(|i| i.id.as_str()).collect()));
        }
        Rule::Choice { options } => {
            words.push_str(&codes(options.iter().map(|o| o.id.as_str()).collect()));
        }
        Rule::Targets {
            level1,
            over_achievement_flag,
        } => {
            let scope: Vec<String> = level1.iter().map(|l| format!("“{l}”")).collect();
            words.push_str(&format!(
                "；一级指标 {}；完成值达指标值 {}% 及以上时提示",
                if scope.is_empty() {
                    "不限".to_string()
                } else {
                    scope.join("、")
                },
                fmt_plain(*over_achievement_flag)
            ));
        }
        _ => {}
    }
    words
}

/// A plain-text report of the differences, to export: a title, both frameworks named, then one numbered line a
/// change (or 两个框架相同).
pub fn diff_text(base: &Framework, other: &Framework) -> String {
    let named = |framework: &Framework| {
        let name = if framework.name.trim().is_empty() {
            "（未命名）"
        } else {
            framework.name.as_str()
        };
        let mut details = Vec::new();
        if !framework.reference.trim().is_empty() {
            details.push(format!("文号：{}", framework.reference.trim()));
        }
        if !framework.status.trim().is_empty() {
            details.push(format!("状态：{}", framework.status.trim()));
        }
        if details.is_empty() {
            name.to_string()
        } else {
            format!("{name}（{}）", details.join("；"))
        }
    };
    let changes = diff(base, other);
    let mut text = format!(
        "评分框架对比\n原框架：{}\n新框架：{}\n",
        named(base),
        named(other)
    );
    if changes.is_empty() {
        text.push_str("两个框架相同\n");
    } else {
        text.push_str(&format!("共 {} 处不同：\n", changes.len()));
        for (n, change) in (1..).zip(&changes) {
            text.push_str(&format!("{n}. {change}\n"));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{built_in, FrameworkEdit, Parent, Place, RuleEdit};
    use rust_decimal_macros::dec;

    fn guangdong() -> Framework {
        built_in("guangdong-2024-reference").unwrap()
    }

    fn lines(base: &Framework, other: &Framework) -> Vec<String> {
        diff(base, other).iter().map(ToString::to_string).collect()
    }

    fn indicator_mut<'a>(framework: &'a mut Framework, id: &str) -> &'a mut Indicator {
        framework.indicators_mut().find(|i| i.id == id).unwrap()
    }

    fn at(level1: &str, level2: &str) -> Location {
        Location {
            level1: level1.into(),
            level2: level2.into(),
        }
    }

    // 管理效率 → 预算执行 → 结转结余控制, in the built-in tree.
    const CARRYOVER: Place = Place::Indicator(1, 1, 1);

    #[test]
    fn identical_frameworks_have_no_change() {
        let gd = guangdong();
        assert_eq!(diff(&gd, &gd.clone()), []);
        assert_eq!(
            diff_text(&gd, &gd),
            "评分框架对比\n\
             原框架：广东省省级部门整体支出绩效自评（参考框架，2024年度）（状态：参考框架，待核对正式附件）\n\
             新框架：广东省省级部门整体支出绩效自评（参考框架，2024年度）（状态：参考框架，待核对正式附件）\n\
             两个框架相同\n"
        );
    }

    #[test]
    fn one_weight_changed() {
        let gd = guangdong();
        let mut other = gd.clone();
        indicator_mut(&mut other, "execution-rate").weight = dec!(10);
        assert_eq!(
            diff(&gd, &other),
            [Change::IndicatorWeight {
                id: "execution-rate".into(),
                name: "预算执行率".into(),
                before: dec!(8),
                after: dec!(10),
            }]
        );
        assert_eq!(lines(&gd, &other), ["三级指标“预算执行率”分值 8 → 10 分"]);
        // 8.00 is 8: a weight written otherwise is no change.
        indicator_mut(&mut other, "execution-rate").weight = dec!(8.00);
        assert_eq!(diff(&gd, &other), []);
    }

    #[test]
    fn one_band_changed_is_the_rule_in_words() {
        let gd = guangdong();
        let mut other = gd.clone();
        other
            .apply(&FrameworkEdit::Rule(
                CARRYOVER,
                RuleEdit::BandScore(1, dec!(2.5)),
            ))
            .unwrap();
        // The built-in's 评分标准 is its own text, so it does not follow the rule: one line.
        assert_eq!(
            lines(&gd, &other),
            ["三级指标“结转结余控制（结转结余率）”评分规则改变：\
              结转结余率分档计分：(-∞, 5%] 得 4 分；(5%, 10%] 得 3 分；(10%, 15%] 得 2 分；(15%, 20%] 得 1 分；(20%, +∞) 得 0 分 → \
              结转结余率分档计分：(-∞, 5%] 得 4 分；(5%, 10%] 得 2.5 分；(10%, 15%] 得 2 分；(15%, 20%] 得 1 分；(20%, +∞) 得 0 分"]
        );
    }

    #[test]
    fn a_rule_change_the_description_leaves_out_is_spelled_out() {
        let gd = guangdong();
        let mut other = gd.clone();
        other
            .apply(&FrameworkEdit::Rule(
                CARRYOVER,
                RuleEdit::Zero(crate::framework::ZeroCase::Something, Outcome::Unscorable),
            ))
            .unwrap();
        let changes = diff(&gd, &other);
        let [Change::IndicatorRule { before, after, .. }] = changes.as_slice() else {
            panic!("{changes:?}");
        };
        assert_ne!(before, after);
        assert!(before.ends_with("；分母为 0 时：未安排也未发生得满分，无预算而有支出得 0 分"));
        assert!(after.ends_with("；分母为 0 时：未安排也未发生得满分，无预算而有支出由评价人评分"));
    }

    #[test]
    fn an_indicator_added() {
        let gd = guangdong();
        let mut other = gd.clone();
        // 管理效率 → 采购管理.
        other
            .apply(&FrameworkEdit::Add(Parent::Level2(1, 4)))
            .unwrap();
        let new = Place::Indicator(1, 4, 1);
        other
            .apply(&FrameworkEdit::Rename(new, "x".into()))
            .unwrap();
        other.apply(&FrameworkEdit::Weight(new, dec!(5))).unwrap();
        assert_eq!(
            diff(&gd, &other),
            [Change::IndicatorAdded {
                id: "ind1".into(),
                name: "x".into(),
                at: at("管理效率", "采购管理"),
                weight: dec!(5),
            }]
        );
        assert_eq!(
            lines(&gd, &other),
            ["新增三级指标“x”（管理效率 / 采购管理，5 分）"]
        );
    }

    #[test]
    fn an_indicator_removed() {
        let gd = guangdong();
        let mut other = gd.clone();
        other
            .apply(&FrameworkEdit::Remove(Place::Indicator(1, 1, 0)))
            .unwrap();
        assert_eq!(
            lines(&gd, &other),
            ["删除三级指标“预算执行率”（管理效率 / 预算执行，8 分）"]
        );
    }

    #[test]
    fn an_indicator_moved_to_another_level2() {
        let gd = guangdong();
        let mut other = gd.clone();
        let procurement = other.level1[1].level2[4].indicators.remove(0);
        other.level1[1].level2[1].indicators.push(procurement);
        assert_eq!(
            diff(&gd, &other),
            [Change::IndicatorMoved {
                id: "procurement-rate".into(),
                name: "政府采购执行率".into(),
                from: at("管理效率", "采购管理"),
                to: at("管理效率", "预算执行"),
            }]
        );
        assert_eq!(
            lines(&gd, &other),
            ["三级指标“政府采购执行率”从 管理效率 / 采购管理 移到 管理效率 / 预算执行"]
        );
    }

    #[test]
    fn grades_changed_added_renamed_and_removed() {
        let gd = guangdong();
        let mut other = gd.clone();
        other.grades[1].min = dec!(85); // 良好
        other.grades[2].label = "合格".into(); // 中, still from 60
        other.grades.insert(
            0,
            Grade {
                label: "卓越".into(),
                min: dec!(95),
            },
        );
        other.grades.pop(); // 差
        assert_eq!(
            lines(&gd, &other),
            [
                "新增等次“卓越”（95 分及以上）",
                "等次“良好”起点 80 → 85 分",
                "等次“中”改名为“合格”（60 分及以上）",
                "删除等次“差”（0 分及以上）",
            ]
        );
    }

    #[test]
    fn provenance_changed() {
        let gd = guangdong();
        let mut other = gd.clone();
        for (about, text) in [
            (About::Reference, "粤财绩〔2024〕1号"),
            (About::Status, ""),
            (About::Dimensions, "整体履职效能\n管理效率\n社会效益"),
        ] {
            other
                .apply(&FrameworkEdit::About(about, text.into()))
                .unwrap();
        }
        assert_eq!(
            lines(&gd, &other),
            [
                "框架文号：（空） → “粤财绩〔2024〕1号”",
                "框架状态：“参考框架，待核对正式附件” → （空）",
                "框架报告维度：“整体履职效能、管理效率” → “整体履职效能、管理效率、社会效益”",
            ]
        );
        other.format = "zipin.framework.v2".into();
        assert_eq!(
            lines(&gd, &other).first().map(String::as_str),
            Some("框架文件格式：“zipin.framework” → “zipin.framework.v2”")
        );
        assert!(diff_text(&gd, &other).contains(
            "新框架：广东省省级部门整体支出绩效自评（参考框架，2024年度）（文号：粤财绩〔2024〕1号）\n"
        ));
    }

    #[test]
    fn order_is_the_frameworks_then_the_new_tree_then_what_is_gone() {
        let gd = guangdong();
        let mut other = gd.clone();
        // Listed out of order on purpose: the diff's order is the trees', not the edits'.
        indicator_mut(&mut other, "public-funds").weight = dec!(3);
        other
            .apply(&FrameworkEdit::Remove(Place::Indicator(0, 0, 0)))
            .unwrap(); // 履职产出
        let execution = indicator_mut(&mut other, "execution-rate");
        execution.weight = dec!(7);
        execution.name = "预算执行率（调整后）".into();
        execution.definition.clear();
        other.name = "改过的框架".into();
        other.level1[1].weight = dec!(51);
        let text = diff_text(&gd, &other);
        assert_eq!(
            text,
            "评分框架对比\n\
             原框架：广东省省级部门整体支出绩效自评（参考框架，2024年度）（状态：参考框架，待核对正式附件）\n\
             新框架：改过的框架（状态：参考框架，待核对正式附件）\n\
             共 7 处不同：\n\
             1. 框架名称：“广东省省级部门整体支出绩效自评（参考框架，2024年度）” → “改过的框架”\n\
             2. 一级指标“管理效率”分值 50 → 51 分\n\
             3. 三级指标“预算执行率”改名为“预算执行率（调整后）”\n\
             4. 三级指标“预算执行率（调整后）”分值 8 → 7 分\n\
             5. 三级指标“预算执行率（调整后）”指标解释改变：“预算执行率 = 全年执行数 ÷ 全年预算数（调整后）× 100%。” → （空）\n\
             6. 三级指标“公用经费控制率”分值 2 → 3 分\n\
             7. 删除三级指标“履职产出（产出指标完成情况）”（履职效能 / 整体效能，30 分）\n"
        );
        // The same two frameworks give the same lines every time.
        assert_eq!(diff_text(&gd, &other), text);
    }

    #[test]
    fn texts_that_differ_only_in_spacing_say_so() {
        let gd = guangdong();
        let mut other = gd.clone();
        indicator_mut(&mut other, "execution-rate")
            .standard
            .push('\n');
        assert_eq!(
            lines(&gd, &other),
            ["三级指标“预算执行率”评分标准改变：仅空格或换行不同"]
        );
    }

    #[test]
    fn siblings_in_another_order() {
        let gd = guangdong();
        let mut other = gd.clone();
        other.level1.swap(0, 1);
        other.level1[0].level2[0].indicators.swap(0, 1); // 管理效率 → 预算编制
        assert_eq!(
            lines(&gd, &other),
            [
                "一级指标顺序改变：履职效能、管理效率 → 管理效率、履职效能",
                "二级指标“预算编制”（管理效率）下的三级指标顺序改变：\
                 预算编制准确性（预算调整率）、绩效目标编制质量 → 绩效目标编制质量、预算编制准确性（预算调整率）",
            ]
        );
    }

    #[test]
    fn a_renamed_level2_is_a_new_one_holding_the_same_indicators() {
        let gd = guangdong();
        let mut other = gd.clone();
        other.level1[1].level2[4].name = "政府采购".into();
        assert_eq!(
            lines(&gd, &other),
            [
                "新增二级指标“政府采购”（管理效率，5 分）",
                "三级指标“政府采购执行率”从 管理效率 / 采购管理 移到 管理效率 / 政府采购",
                "删除二级指标“采购管理”（管理效率，5 分）",
            ]
        );
    }

    #[test]
    fn repeated_names_pair_in_order() {
        // An unsound framework with two 二级 of one name: the k-th pairs with the k-th, so a weight change on the
        // second is said of the second only.
        let mut gd = guangdong();
        gd.level1[1].level2[1].name = "预算编制".into();
        let mut other = gd.clone();
        other.level1[1].level2[1].weight = dec!(13);
        assert_eq!(
            lines(&gd, &other),
            ["二级指标“预算编制”（管理效率）分值 12 → 13 分"]
        );
    }
}
