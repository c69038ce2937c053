//! The rules that score one indicator from the document: proportional, threshold deduction, bands, checklist,
//! deduction per case, choice and manual (the 绩效目标 rule is in `targets.rs`).

use rust_decimal::Decimal;

use super::RuleOutcome;
use crate::document::Document;
use crate::fields::FieldRef;
use crate::framework::{Band, Indicator, Outcome, Rule, Side, Step, ZeroDenominator};
use crate::metrics::{Metric, MetricValue};
use crate::number::{checked_sum, fmt_percent, fmt_plain, fmt_score, round_half_up};

pub(super) fn apply_rule(doc: &Document, ind: &Indicator, rule: &Rule) -> RuleOutcome {
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
pub(crate) fn proportional(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{Bound, ChecklistItem, ChoiceOption, FrameworkProblem};
    use crate::scoring::evaluate;
    use crate::scoring::tests::{doc_with, execution, proportional_rule, score};
    use rust_decimal_macros::dec;

    /// Validation problems of the test framework other than its total not being 100.
    fn band_problems(doc: &Document) -> Vec<FrameworkProblem> {
        doc.framework
            .validate()
            .into_iter()
            .filter(|p| !matches!(p, FrameworkProblem::TotalNotHundred { .. }))
            .collect()
    }

    #[test]
    fn proportional_76_percent_of_10_is_7_6() {
        let mut doc = doc_with(proportional_rule(), dec!(10));
        execution(&mut doc, dec!(100), dec!(76));
        assert_eq!(score(&doc), Some(dec!(7.6)));
        let explanation = &evaluate(&doc).indicators[0].explanation[0];
        assert_eq!(
            explanation,
            "预算执行率：76 ÷ 100 = 76.00%；10 × 76.00% = 7.6"
        );
    }

    #[test]
    fn proportional_never_exceeds_full_marks() {
        let mut doc = doc_with(proportional_rule(), dec!(10));
        doc.finance.budget_initial = Some(dec!(329.77));
        execution(&mut doc, dec!(329.77), dec!(338.31));
        let result = evaluate(&doc);
        assert_eq!(result.indicators[0].final_score, Some(dec!(10)));
        assert!(
            result.indicators[0].explanation[0].contains("102.59%"),
            "{:?}",
            result.indicators[0].explanation
        );
    }

    #[test]
    fn proportional_reverse_and_zero_rate() {
        let rule = Rule::Proportional {
            metric: Metric::BudgetExecutionRate,
            target: dec!(50),
            reverse: true,
            zero_denominator: ZeroDenominator::default(),
        };
        let mut doc = doc_with(rule, dec!(4));
        execution(&mut doc, dec!(100), dec!(80));
        assert_eq!(score(&doc), Some(dec!(2.5))); // 4 × 50 / 80
        execution(&mut doc, dec!(100), dec!(0));
        assert_eq!(score(&doc), Some(dec!(4)));
        execution(&mut doc, dec!(100), dec!(50));
        assert_eq!(score(&doc), Some(dec!(4)));
    }

    fn threshold(per_point: Decimal, step: Step, side: Side) -> Rule {
        Rule::ThresholdDeduct {
            metric: Metric::BudgetExecutionRate,
            standard: Decimal::ONE_HUNDRED,
            deduct_when: side,
            per_point,
            step,
            zero_denominator: ZeroDenominator::default(),
        }
    }

    /// Each spending (of a budget of 100) with the score it must give.
    fn scores_by_spending<const N: usize>(doc: &mut Document, table: [(Decimal, Decimal); N]) {
        for (spent, expected) in table {
            execution(doc, dec!(100), spent);
            assert_eq!(score(doc), Some(expected), "{spent}%");
        }
    }

    #[test]
    fn threshold_deduct_worked_example() {
        let mut doc = doc_with(threshold(dec!(0.5), Step::Continuous, Side::Above), dec!(5));
        scores_by_spending(
            &mut doc,
            [
                (dec!(100), dec!(5)),
                (dec!(103), dec!(3.5)),
                (dec!(120), dec!(0)),
                (dec!(90), dec!(5)),
                (dec!(100.5), dec!(4.75)),
            ],
        );
    }

    #[test]
    fn threshold_deduct_whole_and_started_points() {
        let mut doc = doc_with(
            threshold(dec!(0.5), Step::WholePoints, Side::Above),
            dec!(5),
        );
        execution(&mut doc, dec!(100), dec!(103.4));
        assert_eq!(score(&doc), Some(dec!(3.5)));
        let mut doc = doc_with(
            threshold(dec!(0.5), Step::StartedPoints, Side::Above),
            dec!(5),
        );
        execution(&mut doc, dec!(100), dec!(103.4));
        assert_eq!(score(&doc), Some(dec!(3)));
        execution(&mut doc, dec!(100), dec!(100));
        assert_eq!(score(&doc), Some(dec!(5)));
    }

    #[test]
    fn threshold_deduct_below_a_standard() {
        let rule = Rule::ThresholdDeduct {
            metric: Metric::BudgetExecutionRate,
            standard: dec!(90),
            deduct_when: Side::Below,
            per_point: dec!(0.2),
            step: Step::Continuous,
            zero_denominator: ZeroDenominator::default(),
        };
        let mut doc = doc_with(rule, dec!(4));
        execution(&mut doc, dec!(100), dec!(95));
        assert_eq!(score(&doc), Some(dec!(4)));
        execution(&mut doc, dec!(100), dec!(85));
        assert_eq!(score(&doc), Some(dec!(3)));
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
        let mut doc = doc_with(rule, dec!(6));
        doc.finance.three_public.budget = Some(dec!(100));
        doc.finance.three_public.actual = Some(dec!(107));
        assert_eq!(score(&doc), Some(dec!(0)));
        let line = &evaluate(&doc).indicators[0].explanation[0];
        assert!(line.ends_with("扣完为止，得 0 分"), "{line}");
        // Budget 0, nothing spent: full; budget 0 but money spent: worst case.
        doc.finance.three_public.budget = Some(dec!(0));
        doc.finance.three_public.actual = Some(dec!(0));
        assert_eq!(score(&doc), Some(dec!(6)));
        doc.finance.three_public.actual = Some(dec!(1));
        assert_eq!(score(&doc), Some(dec!(0)));
    }

    fn bands(edges: &[(Decimal, bool)], scores: &[Decimal]) -> Vec<Band> {
        // edges are the lower bounds from high to low, each with whether it is inclusive.
        let mut out = Vec::new();
        let mut upper: Option<Bound> = None;
        for (i, score) in scores.iter().enumerate() {
            let lower = edges.get(i).map(|(v, inc)| Bound {
                value: *v,
                inclusive: *inc,
            });
            out.push(Band {
                lower,
                upper,
                score: *score,
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
                &[
                    (dec!(90), true),
                    (dec!(80), true),
                    (dec!(70), true),
                    (dec!(60), true),
                ],
                &[dec!(5), dec!(4), dec!(3), dec!(2), dec!(0)],
            ),
            zero_denominator: ZeroDenominator::default(),
        };
        let mut doc = doc_with(rule, dec!(5));
        assert_eq!(band_problems(&doc), []);
        scores_by_spending(
            &mut doc,
            [
                (dec!(90), dec!(5)),
                (dec!(100), dec!(5)),
                (dec!(80), dec!(4)),
                (dec!(89.99), dec!(4)),
                (dec!(60), dec!(2)),
                (dec!(59.99), dec!(0)),
            ],
        );
    }

    #[test]
    fn bands_for_adjustment_rate() {
        // =0 3分; 0–10%(含) 2分; 10–20%(含) 1分; 20–30%(含) 0.5分; >30% 0
        let b = |lo: Option<(Decimal, bool)>, hi: Option<(Decimal, bool)>, s: Decimal| Band {
            lower: lo.map(|(v, i)| Bound {
                value: v,
                inclusive: i,
            }),
            upper: hi.map(|(v, i)| Bound {
                value: v,
                inclusive: i,
            }),
            score: s,
        };
        let rule = Rule::Bands {
            metric: Metric::BudgetAdjustmentRate,
            bands: vec![
                b(Some((dec!(0), true)), Some((dec!(0), true)), dec!(3)),
                b(Some((dec!(0), false)), Some((dec!(10), true)), dec!(2)),
                b(Some((dec!(10), false)), Some((dec!(20), true)), dec!(1)),
                b(Some((dec!(20), false)), Some((dec!(30), true)), dec!(0.5)),
                b(Some((dec!(30), false)), None, dec!(0)),
            ],
            zero_denominator: ZeroDenominator::default(),
        };
        let mut doc = doc_with(rule, dec!(3));
        assert_eq!(band_problems(&doc), []);
        doc.finance.budget_initial = Some(dec!(100));
        for (budget, expected) in [
            (dec!(100), dec!(3)),
            (dec!(110), dec!(2)),
            (dec!(110.01), dec!(1)),
            (dec!(90), dec!(2)),
            (dec!(131), dec!(0)),
            (dec!(130), dec!(0.5)),
        ] {
            doc.finance.budget_final = Some(budget);
            assert_eq!(score(&doc), Some(expected), "budget {budget}");
        }
    }

    #[test]
    fn checklist_counts_checked_points() {
        let items = vec![
            ChecklistItem {
                id: "a".into(),
                text: "①制度健全".into(),
                points: dec!(1),
            },
            ChecklistItem {
                id: "b".into(),
                text: "②合法合规".into(),
                points: dec!(1),
            },
            ChecklistItem {
                id: "c".into(),
                text: "③有效执行".into(),
                points: dec!(1),
            },
        ];
        let mut doc = doc_with(Rule::Checklist { items }, dec!(3));
        let result = evaluate(&doc);
        assert_eq!(result.indicators[0].final_score, None);
        assert_eq!(result.indicators[0].missing[0].path, "management.x");
        doc.management.checklists.insert(
            "x".into(),
            [("a".to_string(), true), ("c".to_string(), true)].into(),
        );
        assert_eq!(score(&doc), Some(dec!(2)));
        doc.management
            .checklists
            .insert("x".into(), Default::default());
        assert_eq!(score(&doc), Some(dec!(0)));
    }

    #[test]
    fn deduct_per_case_floors_at_zero() {
        let mut doc = doc_with(
            Rule::DeductPerCase {
                per_case: dec!(1),
                case_label: "账实不符".into(),
            },
            dec!(3),
        );
        assert_eq!(score(&doc), None);
        for (count, expected) in [(0, dec!(3)), (1, dec!(2)), (3, dec!(0)), (7, dec!(0))] {
            doc.management.cases.insert("x".into(), count);
            assert_eq!(score(&doc), Some(expected), "{count} cases");
        }
    }

    #[test]
    fn choice_scores_the_chosen_option() {
        let options = vec![
            ChoiceOption {
                id: "none".into(),
                text: "无结余".into(),
                score: dec!(3),
            },
            ChoiceOption {
                id: "le".into(),
                text: "结余不超过上年结转".into(),
                score: dec!(2),
            },
            ChoiceOption {
                id: "gt".into(),
                text: "超过上年结转".into(),
                score: dec!(0),
            },
        ];
        let mut doc = doc_with(Rule::Choice { options }, dec!(3));
        assert_eq!(score(&doc), None);
        doc.management.choices.insert("x".into(), "le".into());
        assert_eq!(score(&doc), Some(dec!(2)));
        doc.management.choices.insert("x".into(), "unknown".into());
        assert_eq!(score(&doc), None);
    }

    #[test]
    fn manual_scores_within_range_only() {
        let mut doc = doc_with(Rule::Manual, dec!(5));
        assert_eq!(score(&doc), None);
        doc.management.manual.insert("x".into(), dec!(4.5));
        assert_eq!(score(&doc), Some(dec!(4.5)));
        doc.management.manual.insert("x".into(), dec!(6));
        assert_eq!(score(&doc), None);
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
        let mut doc = doc_with(rule, dec!(5));
        doc.finance.procurement_plan = Some(dec!(0));
        doc.finance.procurement_actual = Some(dec!(0));
        let result = evaluate(&doc);
        assert_eq!(result.indicators[0].final_score, None);
        assert!(result.indicators[0].missing.is_empty());
        assert!(result.indicators[0]
            .explanation
            .iter()
            .any(|l| l.contains("请人工调整")));
    }
}
