//! 绩效目标 rows scored as 财政部《项目支出绩效评价管理办法》(财预〔2020〕10号) asks: a quantitative target met
//! scores its full weight, unmet it scores weight × 完成值/指标值 (the inverse for ≤); far over-achievement is
//! flagged, never deducted; a qualitative target takes a score the officer picks inside its band.
//!
//! Each row is assessed once, on its own (`assess`, with the cell reading it needs); a targets indicator then weighs
//! the rows it selects and adds up their scores (`score_targets`).

use rust_decimal::Decimal;
use serde::Serialize;

use super::RuleOutcome;
use crate::document::{QualitativeGrade, TargetOperator, TargetRow};
use crate::fields::{FieldRef, Part, TargetColumn};
use crate::number::{
    checked_sum, fmt_percent, fmt_plain, fmt_score, parse_rate, percent_of, round_half_up,
};

/// How one row stands, independent of its weight.
#[derive(Debug, Clone, PartialEq)]
pub enum Assessment {
    /// The share of the weight earned (1 when met) and a sentence saying why.
    Scored {
        share: Decimal,
        met: bool,
        line: String,
        /// For a ≥ target with a non-zero 指标值: the completion rate as shown (完成值 ÷ 指标值, 0.01%), which a
        /// framework's over-achievement line is compared with.
        achieved: Option<Decimal>,
    },
    Missing {
        fields: Vec<FieldRef>,
        line: String,
    },
    /// Entered, but not scorable as entered (a score outside its band, a ratio beyond exact arithmetic): the
    /// officer must correct it or judge. Never called "missing": the fields are filled.
    Unscorable {
        fields: Vec<FieldRef>,
        line: String,
    },
}

/// One row of a targets indicator, as the score table shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetRowResult {
    /// The row's index in the document's targets.
    pub index: usize,
    pub name: String,
    /// The weight used, exact (split equally when none was given).
    pub weight: Decimal,
    pub score: Option<Decimal>,
    pub met: Option<bool>,
    pub line: String,
    pub flags: Vec<String>,
}

/// Reads a number in a target cell, with or without its unit or a `%`.
pub fn parse_target_number(text: &str, unit: &str) -> Option<Decimal> {
    let trimmed = text.trim();
    let without_unit = if unit.trim().is_empty() {
        trimmed
    } else {
        trimmed.strip_suffix(unit.trim()).unwrap_or(trimmed)
    };
    // As a rate (a trailing % allowed): never through the 万 of money, which would read 5万 as 5 when the unit is 元.
    parse_rate(without_unit).ok()
}

/// Reads a date as officers write it: `2024-09-30`, `2024/9/30`, `2024年9月30日`, `2024.9.30`.
pub fn parse_date(text: &str) -> Option<(u32, u32, u32)> {
    let normalized: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '年' | '月' | '/' | '.' | '－' => '-',
            '日' | '号' => ' ',
            other => other,
        })
        .collect();
    let parts: Vec<&str> = normalized.trim().split('-').map(str::trim).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let digits = |part: &str| -> Option<u32> {
        (!part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let (y, m, d) = (digits(y)?, digits(m)?, digits(d)?);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    let valid = (1900..=2200).contains(&y) && (1..=days).contains(&d);
    valid.then_some((y, m, d))
}

fn parse_yes_no(text: &str) -> Option<bool> {
    match text.trim() {
        "是" | "已完成" | "完成" | "达到" | "有" | "Y" | "y" | "yes" | "Yes" => Some(true),
        "否" | "未完成" | "未达到" | "无" | "N" | "n" | "no" | "No" => Some(false),
        _ => None,
    }
}

/// Assesses one row, independently of any indicator (so one assessment serves every indicator that reads it).
pub fn assess(index: usize, row: &TargetRow) -> Assessment {
    let missing = |fields: Vec<FieldRef>, line: &str| Assessment::Missing {
        fields,
        line: line.to_string(),
    };
    let unit = row.unit.trim();
    match row.operator {
        TargetOperator::Qualitative => {
            let Some(grade) = row.grade else {
                return missing(
                    vec![TargetColumn::Grade.cell(index)],
                    "定性指标尚未选择达成情况",
                );
            };
            let Some(score_share) = row.qualitative_score else {
                return missing(
                    vec![TargetColumn::QualitativeScore.cell(index)],
                    "定性指标尚未在档次内给出得分比例",
                );
            };
            let (low, high) = grade.band_percent();
            if score_share < low || score_share > high {
                return Assessment::Unscorable {
                    fields: vec![TargetColumn::QualitativeScore.cell(index)],
                    line: format!(
                        "“{}”档的得分比例应在 {}–{} 之间",
                        grade.label(),
                        fmt_percent(low),
                        fmt_percent(high)
                    ),
                };
            }
            Assessment::Scored {
                share: score_share
                    .checked_div(Decimal::ONE_HUNDRED)
                    .unwrap_or_default(),
                met: grade == QualitativeGrade::Achieved,
                line: format!(
                    "定性指标，{}，按权重的 {}% 计分",
                    grade.label(),
                    fmt_plain(score_share)
                ),
                achieved: None,
            }
        }
        TargetOperator::Deadline => {
            let Some(target) = parse_date(&row.target) else {
                return missing(
                    vec![TargetColumn::Target.cell(index)],
                    "时限指标的指标值应为日期，如 2024-09-30",
                );
            };
            if row.actual.trim().is_empty() {
                return missing(
                    vec![TargetColumn::Actual.cell(index)],
                    "尚未填写实际完成日期",
                );
            }
            let Some(actual) = parse_date(&row.actual) else {
                return missing(
                    vec![TargetColumn::Actual.cell(index)],
                    "实际完成值应为日期，如 2024-09-15",
                );
            };
            let met = actual <= target;
            let date = |(y, m, d): (u32, u32, u32)| format!("{y}年{m}月{d}日");
            let line = if met {
                format!(
                    "要求 {} 前完成，实际 {} 完成，达成",
                    date(target),
                    date(actual)
                )
            } else {
                format!(
                    "要求 {} 前完成，实际 {} 完成，逾期未达成",
                    date(target),
                    date(actual)
                )
            };
            Assessment::Scored {
                share: if met { Decimal::ONE } else { Decimal::ZERO },
                met,
                line,
                achieved: None,
            }
        }
        TargetOperator::YesNo => {
            let target = parse_yes_no(&row.target).unwrap_or(true);
            if row.actual.trim().is_empty() {
                return missing(
                    vec![TargetColumn::Actual.cell(index)],
                    "尚未填写实际完成情况（是/否）",
                );
            }
            let Some(actual) = parse_yes_no(&row.actual) else {
                return missing(
                    vec![TargetColumn::Actual.cell(index)],
                    "实际完成值应为“是”或“否”",
                );
            };
            let met = actual == target;
            let word = |b: bool| if b { "是" } else { "否" };
            let line = format!(
                "要求“{}”，实际“{}”，{}",
                word(target),
                word(actual),
                if met { "达成" } else { "未达成" }
            );
            Assessment::Scored {
                share: if met { Decimal::ONE } else { Decimal::ZERO },
                met,
                line,
                achieved: None,
            }
        }
        TargetOperator::AtLeast | TargetOperator::AtMost | TargetOperator::Equal => {
            let Some(target) = parse_target_number(&row.target, unit) else {
                return missing(
                    vec![TargetColumn::Target.cell(index)],
                    "指标值不是可识别的数字",
                );
            };
            if row.actual.trim().is_empty() {
                return missing(vec![TargetColumn::Actual.cell(index)], "尚未填写实际完成值");
            }
            let Some(actual) = parse_target_number(&row.actual, unit) else {
                return missing(
                    vec![TargetColumn::Actual.cell(index)],
                    "实际完成值不是可识别的数字",
                );
            };
            quantitative(index, row.operator, target, actual, unit)
        }
    }
}

/// `part ÷ whole` in percent as shown: rounded half up to 0.01%, the rate that is then scored.
fn shown_percent(part: Decimal, whole: Decimal) -> Option<Decimal> {
    percent_of(part, whole).map(|p| round_half_up(p, 2))
}

fn quantitative(
    index: usize,
    op: TargetOperator,
    target: Decimal,
    actual: Decimal,
    unit: &str,
) -> Assessment {
    let show = |v: Decimal| format!("{}{unit}", fmt_plain(v));
    let stated = format!(
        "指标值 {}{}，实际 {}",
        op.symbol(),
        show(target),
        show(actual)
    );
    let met = match op {
        TargetOperator::AtLeast => actual >= target,
        TargetOperator::AtMost => actual <= target,
        _ => actual == target,
    };
    let achieved = match op {
        TargetOperator::AtLeast if !target.is_zero() => shown_percent(actual, target),
        _ => None,
    };
    if met {
        return Assessment::Scored {
            share: Decimal::ONE,
            met,
            line: format!("{stated}，达成"),
            achieved,
        };
    }
    // Unmet: the completion ratio, smaller over larger (a ≥ target: 完成值 ÷ 指标值; a ≤ target: 指标值 ÷ 完成值).
    // The larger is never 0 here: an unmet ≥ has target > actual ≥ 0, an unmet ≤ has actual > target ≥ 0.
    let (part, whole) = match op {
        TargetOperator::AtMost => (target, actual),
        TargetOperator::AtLeast => (actual, target),
        _ => (actual.min(target), actual.max(target)),
    };
    let Some(percent) = shown_percent(part, whole) else {
        return Assessment::Unscorable {
            fields: vec![
                TargetColumn::Target.cell(index),
                TargetColumn::Actual.cell(index),
            ],
            line: format!("{stated}，指标值与实际值相差悬殊，完成比例超出可计算范围"),
        };
    };
    Assessment::Scored {
        share: percent
            .checked_div(Decimal::ONE_HUNDRED)
            .unwrap_or_default(),
        met,
        line: format!(
            "{stated}，未达成，按完成比例计分：{} ÷ {} = {}",
            show(part),
            show(whole),
            fmt_percent(percent)
        ),
        achieved,
    }
}

/// The rows a targets indicator takes: all when `filter` is empty, otherwise those whose 一级 starts with one of
/// its names (so 产出指标 matches 产出).
pub fn selected_rows<'a>(
    rows: &'a [TargetRow],
    filter: &'a [String],
) -> impl Iterator<Item = (usize, &'a TargetRow)> {
    rows.iter().enumerate().filter(move |(_, row)| {
        filter.is_empty()
            || filter
                .iter()
                .any(|f| row.level1.trim().starts_with(f.as_str()))
    })
}

/// The weight each selected row carries: its own, or an equal share of what the given weights leave, in whole
/// cents (0.01 分) so that the printed weights add up: the cents left over go to the first rows, one each.
pub fn row_weights(rows: &[&TargetRow], indicator_weight: Decimal) -> Vec<Decimal> {
    let given = checked_sum(rows.iter().filter_map(|r| r.weight)).unwrap_or(Decimal::MAX);
    let unweighted = rows.iter().filter(|r| r.weight.is_none()).count();
    let cents = indicator_weight
        .checked_sub(given)
        .unwrap_or_default()
        .max(Decimal::ZERO)
        .checked_mul(Decimal::ONE_HUNDRED)
        .unwrap_or_default()
        .floor();
    let (each, mut extra) = match Decimal::from(unweighted) {
        n if n.is_zero() => (Decimal::ZERO, Decimal::ZERO),
        n => {
            let each = cents.checked_div(n).unwrap_or_default().floor();
            let used = each.checked_mul(n).unwrap_or(cents);
            (each, cents.checked_sub(used).unwrap_or_default())
        }
    };
    let cent = Decimal::ONE_HUNDRED
        .checked_div(Decimal::from(10_000))
        .unwrap_or_default();
    rows.iter()
        .map(|r| match r.weight {
            Some(w) => w,
            None => {
                let mut share = each.checked_div(Decimal::ONE_HUNDRED).unwrap_or_default();
                if extra > Decimal::ZERO {
                    share = share.checked_add(cent).unwrap_or(share);
                    extra = extra.checked_sub(Decimal::ONE).unwrap_or_default();
                }
                share
            }
        })
        .collect()
}

/// Every row assessed once, however many targets indicators read it, so the cost stays linear in the rows.
pub(crate) fn assess_all(rows: &[TargetRow]) -> Vec<Assessment> {
    (0..)
        .zip(rows)
        .map(|(index, row)| assess(index, row))
        .collect()
}

/// Scores the rows a targets indicator selects; `assessed` holds each row's assessment, in the rows' order.
/// A ≥ target completed at `over_flag` percent or more is flagged as possibly set too low, never deducted.
pub(crate) fn score_targets(
    rows: &[TargetRow],
    assessed: &[Assessment],
    filter: &[String],
    weight: Decimal,
    over_flag: Decimal,
) -> (RuleOutcome, Vec<TargetRowResult>) {
    let selected: Vec<(usize, &TargetRow)> = selected_rows(rows, filter).collect();
    let scope = if filter.is_empty() {
        "全部".to_string()
    } else {
        filter.join("、")
    };
    if selected.is_empty() {
        let outcome = RuleOutcome::Missing {
            fields: vec![no_targets_field()],
            lines: vec![format!(
                "没有一级指标为“{scope}”的绩效目标，无法计分；请在“绩效目标”中填写"
            )],
        };
        return (outcome, Vec::new());
    }
    let weights = row_weights(
        &selected.iter().map(|(_, r)| *r).collect::<Vec<_>>(),
        weight,
    );
    let mut results = Vec::new();
    let mut missing = Vec::new();
    let mut too_large = false;
    let mut scores = Vec::new();
    let mut lines = Vec::new();
    for ((index, row), row_weight) in selected.iter().zip(weights) {
        let label = if row.name.trim().is_empty() {
            format!("第{}行", index.saturating_add(1))
        } else {
            row.name.trim().to_string()
        };
        let Some(assessment) = assessed.get(*index) else {
            continue;
        };
        let RowScore {
            score,
            met,
            line,
            flags,
            missing: row_missing,
            unscorable,
        } = score_row(&label, "权重", row_weight, assessment, over_flag);
        missing.extend(row_missing);
        too_large |= unscorable;
        scores.extend(score);
        lines.push(line.clone());
        results.push(TargetRowResult {
            index: *index,
            name: label,
            weight: row_weight,
            score,
            met,
            line,
            flags,
        });
    }
    let outcome = if !missing.is_empty() {
        RuleOutcome::Missing {
            fields: missing,
            lines,
        }
    } else if too_large {
        lines.push("有目标的数值超出可计算范围，请核对数据或人工调整并说明理由".to_string());
        RuleOutcome::NeedsJudgement { lines }
    } else {
        match checked_sum(scores.iter().copied()) {
            Some(total) => {
                let terms: Vec<String> = scores.iter().map(|s| fmt_score(*s)).collect();
                lines.push(format!(
                    "合计：{} = {} 分",
                    terms.join(" + "),
                    fmt_score(total)
                ));
                RuleOutcome::Scored {
                    exact: total,
                    lines,
                }
            }
            None => RuleOutcome::NeedsJudgement { lines },
        }
    };
    (outcome, results)
}

/// One row's score at its weight, with the line that explains it (an equation true as printed).
pub(crate) struct RowScore {
    pub score: Option<Decimal>,
    pub met: Option<bool>,
    pub line: String,
    pub flags: Vec<String>,
    /// The inputs still to enter.
    pub missing: Vec<FieldRef>,
    /// Entered but not scorable as entered (or beyond exact arithmetic): the officer must correct it or judge.
    pub unscorable: bool,
}

/// Scores one assessed row at `row_weight` (named `weight_word` in the line: 权重 in the 部门整体 form, 分值 in a
/// project's): the one implementation for the 部门整体 targets and every project's indicator rows. A ≥ target
/// completed at `over_flag` percent or more is flagged as possibly set too low, never deducted.
pub(crate) fn score_row(
    label: &str,
    weight_word: &str,
    row_weight: Decimal,
    assessment: &Assessment,
    over_flag: Decimal,
) -> RowScore {
    let mut row = RowScore {
        score: None,
        met: None,
        line: String::new(),
        flags: Vec::new(),
        missing: Vec::new(),
        unscorable: false,
    };
    match assessment {
        Assessment::Scored {
            share,
            met,
            line,
            achieved,
        } => {
            if let Some(achieved) = achieved.filter(|a| *a >= over_flag) {
                row.flags.push(format!(
                    "“{label}”完成 {}，大幅超额，指标值可能设定偏低，请考虑是否调整得分",
                    fmt_percent(achieved)
                ));
            }
            row.met = Some(*met);
            // Each row's score is rounded to 0.01 分 and the indicator is their sum, so the table adds up.
            match row_weight.checked_mul(*share).map(|s| round_half_up(s, 2)) {
                Some(score) => {
                    let earned = if *share == Decimal::ONE {
                        format!("，得 {} 分", fmt_score(score))
                    } else {
                        format!(
                            "；{} × {}% = {}",
                            fmt_score(row_weight),
                            fmt_plain(share.checked_mul(Decimal::ONE_HUNDRED).unwrap_or_default()),
                            fmt_score(score)
                        )
                    };
                    row.score = Some(score);
                    row.line = format!(
                        "{label}（{weight_word} {}）：{line}{earned}",
                        fmt_score(row_weight)
                    );
                }
                None => {
                    row.unscorable = true;
                    row.line = format!("{label}：{line}；得分超出可计算范围");
                }
            }
        }
        Assessment::Missing { fields, line } => {
            row.missing.extend(fields.iter().cloned());
            row.line = format!("{label}：{line}");
        }
        Assessment::Unscorable { line, .. } => {
            row.unscorable = true;
            row.line = format!("{label}：{line}");
        }
    }
    row
}

/// The field every targets-based missing input points to when there are no rows at all.
fn no_targets_field() -> FieldRef {
    Part::Targets.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn row(op: TargetOperator, target: &str, actual: &str) -> TargetRow {
        TargetRow {
            level1: "产出".into(),
            name: "指标".into(),
            operator: op,
            target: target.into(),
            actual: actual.into(),
            ..TargetRow::default()
        }
    }

    fn share(r: &TargetRow) -> Decimal {
        match assess(0, r) {
            Assessment::Scored { share, .. } => share,
            Assessment::Missing { line, .. } | Assessment::Unscorable { line, .. } => {
                panic!("{line}")
            }
        }
    }

    #[test]
    fn at_least_targets() {
        assert_eq!(share(&row(TargetOperator::AtLeast, "40", "45")), dec!(1));
        assert_eq!(share(&row(TargetOperator::AtLeast, "40", "30")), dec!(0.75));
        assert_eq!(
            share(&row(TargetOperator::AtLeast, "95%", "90%")),
            dec!(0.9474),
            "the completion rate is scored as shown: 94.74%"
        );
        assert_eq!(share(&row(TargetOperator::AtLeast, "0", "0")), dec!(1));
    }

    #[test]
    fn at_most_targets() {
        assert_eq!(share(&row(TargetOperator::AtMost, "100", "80")), dec!(1));
        assert_eq!(share(&row(TargetOperator::AtMost, "100", "125")), dec!(0.8));
        assert_eq!(share(&row(TargetOperator::AtMost, "0", "3")), dec!(0));
    }

    #[test]
    fn equal_targets() {
        assert_eq!(share(&row(TargetOperator::Equal, "100", "100")), dec!(1));
        assert_eq!(share(&row(TargetOperator::Equal, "100", "80")), dec!(0.8));
        assert_eq!(share(&row(TargetOperator::Equal, "80", "100")), dec!(0.8));
    }

    #[test]
    fn a_unit_with_a_digit_is_stripped_only_as_a_unit() {
        let mut r = row(TargetOperator::AtLeast, "5000m2", "4000");
        r.unit = "m2".into();
        assert_eq!(share(&r), dec!(0.8));
        assert_eq!(
            parse_target_number("5万", "元"),
            None,
            "万 is not read away"
        );
    }

    #[test]
    fn units_and_percent_signs_in_cells() {
        let mut r = row(TargetOperator::AtLeast, "45个", "45个");
        r.unit = "个".into();
        assert_eq!(share(&r), dec!(1));
    }

    #[test]
    fn over_achievement_is_flagged_not_deducted() {
        match assess(0, &row(TargetOperator::AtLeast, "10", "20")) {
            Assessment::Scored {
                share, achieved, ..
            } => {
                assert_eq!(share, dec!(1));
                assert_eq!(achieved, Some(dec!(200)));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            assess(0, &row(TargetOperator::AtLeast, "10", "14")),
            Assessment::Scored {
                achieved: Some(_),
                ..
            }
        ));
    }

    #[test]
    fn deadlines() {
        assert_eq!(
            share(&row(
                TargetOperator::Deadline,
                "2024-09-30",
                "2024年9月15日"
            )),
            dec!(1)
        );
        assert_eq!(
            share(&row(TargetOperator::Deadline, "2024/9/30", "2024-10-01")),
            dec!(0)
        );
        assert!(matches!(
            assess(0, &row(TargetOperator::Deadline, "9月前", "2024-09-01")),
            Assessment::Missing { .. }
        ));
        assert_eq!(parse_date("2024.9.30"), Some((2024, 9, 30)));
        assert_eq!(parse_date("2024-13-01"), None);
    }

    #[test]
    fn yes_no() {
        assert_eq!(share(&row(TargetOperator::YesNo, "是", "是")), dec!(1));
        assert_eq!(share(&row(TargetOperator::YesNo, "是", "否")), dec!(0));
        assert!(matches!(
            assess(0, &row(TargetOperator::YesNo, "是", "也许")),
            Assessment::Missing { .. }
        ));
    }

    #[test]
    fn qualitative_bands() {
        let mut r = row(TargetOperator::Qualitative, "有效提升", "");
        assert!(matches!(assess(0, &r), Assessment::Missing { .. }));
        r.grade = Some(QualitativeGrade::Partial);
        r.qualitative_score = Some(dec!(70));
        assert_eq!(share(&r), dec!(0.7));
        r.qualitative_score = Some(dec!(85));
        match assess(3, &r) {
            Assessment::Unscorable { fields, line } => {
                assert_eq!(fields[0].path, "targets[3].qualitative_score");
                assert!(line.contains("60.00%–80.00%"), "{line}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn missing_actual_names_the_cell() {
        match assess(2, &row(TargetOperator::AtLeast, "10", " ")) {
            Assessment::Missing { fields, .. } => {
                assert_eq!(fields[0].label, "绩效目标第3行实际完成值")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn weights_split_equally_or_fill_the_rest() {
        let a = TargetRow {
            weight: Some(dec!(10)),
            ..TargetRow::default()
        };
        let b = TargetRow::default();
        let c = TargetRow::default();
        assert_eq!(
            row_weights(&[&a, &b, &c], dec!(30)),
            [dec!(10), dec!(10), dec!(10)]
        );
        assert_eq!(row_weights(&[&b, &c], dec!(30)), [dec!(15), dec!(15)]);
        assert_eq!(row_weights(&[&a], dec!(30)), [dec!(10)]);
    }

    #[test]
    fn indicator_sums_row_scores() {
        let rows = vec![
            row(TargetOperator::AtLeast, "40", "45"),
            row(TargetOperator::AtLeast, "40", "30"),
            TargetRow {
                level1: "效益".into(),
                ..row(TargetOperator::AtLeast, "1", "1")
            },
        ];
        let assessed = assess_all(&rows);
        let (outcome, results) =
            score_targets(&rows, &assessed, &["产出".to_string()], dec!(30), dec!(150));
        assert_eq!(results.len(), 2);
        match outcome {
            RuleOutcome::Scored { exact, .. } => assert_eq!(exact, dec!(26.25)), // 15 + 15 × 0.75
            _ => panic!("not scored"),
        }
        let (outcome, _) = score_targets(
            &rows,
            &assessed,
            &["满意度".to_string()],
            dec!(10),
            dec!(150),
        );
        assert!(matches!(outcome, RuleOutcome::Missing { .. }));
    }
}
