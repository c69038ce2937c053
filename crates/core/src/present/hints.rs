//! The figures the page shows under entered fields, worked out here so that the page holds no arithmetic and
//! the report, which prints some of them too, prints the same figure.
//!
//! Each hint is `None` until every figure it needs is entered. Sums are exact and printed exactly
//! ([`fmt_plain`]), so `基本 + 项目 = 5343.32万元` adds up with a calculator from the figures entered; a share is
//! rounded half up to 0.01% and that rounded figure is both printed and returned.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::document::{Document, Finance, Staff, ThreePublic};
use crate::fields::Field;
use crate::metrics::{Metric, MetricValue};
use crate::number::{checked_sum, fmt_percent, fmt_plain, fmt_score, percent_of, round_half_up};
use crate::scoring::Evaluation;

/// A figure derived from entered ones, and the line that shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hint {
    /// The figure exactly as the text prints it.
    pub figure: Decimal,
    pub text: String,
}

/// Under 项目支出: `基本 + 项目 = 5343.32万元`, once 基本支出 and 项目支出 are entered.
pub fn spending_parts_sum(finance: &Finance) -> Option<Hint> {
    let sum = finance
        .spending_basic?
        .checked_add(finance.spending_project?)?;
    Some(Hint {
        figure: sum,
        text: format!("基本 + 项目 = {}万元", fmt_plain(sum)),
    })
}

/// Under 公务接待费支出数: `三项支出合计 10.3万元` (因公出国（境）+ 公务用车 + 公务接待), once all three are
/// entered.
pub fn three_public_items_sum(three_public: &ThreePublic) -> Option<Hint> {
    let items = [
        three_public.abroad.actual?,
        three_public.vehicles.actual?,
        three_public.reception.actual?,
    ];
    let sum = checked_sum(items)?;
    Some(Hint {
        figure: sum,
        text: format!("三项支出合计 {}万元", fmt_plain(sum)),
    })
}

/// Under 中级职称人数: `正高 + 副高 + 中级 = 39 人`, once the three counts are entered.
pub fn titled_parts_sum(staff: &Staff) -> Option<Hint> {
    let sum = [staff.senior_full, staff.senior_deputy, staff.intermediate]
        .into_iter()
        .try_fold(0u32, |sum, part| sum.checked_add(part?))?;
    Some(Hint {
        figure: Decimal::from(sum),
        text: format!("正高 + 副高 + 中级 = {sum} 人"),
    })
}

/// `count` of the `on_post` staff in percent, rounded half up to 0.01% as printed; `None` when `on_post` is 0.
/// The report's 占比 and the page's hint both come from here.
pub fn staff_share(count: u32, on_post: u32) -> Option<Decimal> {
    percent_of(Decimal::from(count), Decimal::from(on_post)).map(|p| round_half_up(p, 2))
}

/// Under 本科及以上学历人数, 硕士学位人数 and 中级及以上职称人数: `占在职在岗人数 92.45%`, once the count and
/// 在职在岗人数 are entered.
pub fn on_post_share(staff: &Staff, count: Option<u32>) -> Option<Hint> {
    let share = staff_share(count?, staff.on_post?)?;
    Some(Hint {
        figure: share,
        text: format!("占在职在岗人数 {}", fmt_percent(share)),
    })
}

/// Under the second input of a metric: its computation with the figures (`政府采购执行率：1920.03 ÷ 2058.65 =
/// 93.27%`), or why there is no rate (a zero denominator); `None` while an input is missing.
pub fn metric_hint(doc: &Document, metric: Metric) -> Option<String> {
    match metric.compute(doc) {
        MetricValue::Missing { .. } => None,
        value => Some(metric.explain(doc, &value)),
    }
}

/// Under a management answer (checklist, case count, choice, manual score): `本项得分 3`, or that it cannot be
/// scored until answered.
pub fn indicator_score_hint(evaluation: &Evaluation, indicator_id: &str) -> String {
    match evaluation
        .indicator(indicator_id)
        .and_then(|r| r.final_score)
    {
        Some(score) => format!("本项得分 {}", fmt_score(score)),
        None => "尚未作答，暂不能计分".to_string(),
    }
}

/// The hint under a field of the form, if it has one: the page's `NumberInput` shows it for the field it is given,
/// so a component only places fields.
pub fn field_hint(doc: &Document, field: Field) -> Option<String> {
    let staff = &doc.staff;
    let metric = |metric: Metric| metric_hint(doc, metric);
    let hint = |hint: Option<Hint>| hint.map(|h| h.text);
    match field {
        Field::SpendingProject => hint(spending_parts_sum(&doc.finance)),
        Field::ReceptionActual => hint(three_public_items_sum(&doc.finance.three_public)),
        Field::StaffIntermediate => hint(titled_parts_sum(staff)),
        Field::StaffBachelor => hint(on_post_share(staff, staff.bachelor_or_above)),
        Field::StaffMasters => hint(on_post_share(staff, staff.masters)),
        Field::StaffTitledTotal => hint(on_post_share(staff, staff.titled_total)),
        Field::BudgetFinal => metric(Metric::BudgetAdjustmentRate),
        Field::SpendingTotal => metric(Metric::BudgetExecutionRate),
        Field::CarryoverEnd => metric(Metric::CarryoverRate),
        Field::ThreePublicActual => metric(Metric::ThreePublicControlRate),
        Field::ThreePublicPrevious => metric(Metric::ThreePublicChangeRate),
        Field::PublicFundsActual => metric(Metric::PublicFundsControlRate),
        Field::ProcurementActual => metric(Metric::ProcurementExecutionRate),
        Field::FixedAssetsInUse => metric(Metric::FixedAssetUtilizationRate),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_shows_under_its_second_input() {
        let doc = crate::samples::example();
        for metric in Metric::ALL {
            if metric == Metric::StaffControlRate {
                continue; // shown on the scores page: its inputs are counts in 基本情况
            }
            let expected = metric_hint(&doc, metric);
            assert!(expected.is_some(), "{}", metric.label());
            let shown_under: Vec<Field> = Field::ALL
                .iter()
                .copied()
                .filter(|field| field_hint(&doc, *field) == expected)
                .collect();
            assert_eq!(shown_under.len(), 1, "{}", metric.label());
            assert!(
                metric.inputs().contains(&shown_under[0]),
                "{}",
                metric.label()
            );
        }
        assert!(field_hint(&doc, Field::SpendingProject)
            .is_some_and(|text| text.starts_with("基本 + 项目 = ")));
        assert_eq!(field_hint(&doc, Field::UnitName), None);
    }
    use crate::samples;
    use crate::scoring::evaluate;

    /// The number a hint prints, read back from its text.
    fn printed(hint: &Hint) -> Decimal {
        let digits: String = hint
            .text
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        digits.parse().unwrap()
    }

    #[test]
    fn the_seeds_sums_recompute_as_printed() {
        let doc = samples::seed();
        let f = &doc.finance;
        let parts = spending_parts_sum(f).unwrap();
        assert_eq!(parts.text, "基本 + 项目 = 5343.32万元");
        assert_eq!(
            printed(&parts),
            f.spending_basic.unwrap() + f.spending_project.unwrap()
        );
        assert_eq!(parts.figure, printed(&parts));

        let titled = titled_parts_sum(&doc.staff).unwrap();
        assert_eq!(titled.text, "正高 + 副高 + 中级 = 39 人");
        assert_eq!(printed(&titled), Decimal::from(8 + 14 + 17));

        // The seed gives the 三公 total (0) but not its items.
        assert_eq!(three_public_items_sum(&f.three_public), None);
        let example = samples::example();
        let items = three_public_items_sum(&example.finance.three_public).unwrap();
        assert_eq!(items.text, "三项支出合计 10.3万元");
        assert_eq!(printed(&items), "10.3".parse().unwrap());
    }

    #[test]
    fn sums_are_exact_to_the_last_decimal() {
        let mut f = Finance {
            spending_basic: Some("0.000001".parse().unwrap()),
            spending_project: Some("999999999999.999999".parse().unwrap()),
            ..Finance::default()
        };
        let hint = spending_parts_sum(&f).unwrap();
        assert_eq!(hint.text, "基本 + 项目 = 1000000000000万元");
        assert_eq!(hint.figure, Decimal::from(1_000_000_000_000_i64));
        f.spending_project = None;
        assert_eq!(spending_parts_sum(&f), None);

        let mut staff = Staff {
            senior_full: Some(u32::MAX),
            senior_deputy: Some(1),
            intermediate: Some(0),
            ..Staff::default()
        };
        assert_eq!(titled_parts_sum(&staff), None, "an overflow is no sum");
        staff.senior_full = Some(1);
        staff.intermediate = None;
        assert_eq!(titled_parts_sum(&staff), None, "a missing part is no sum");
    }

    #[test]
    fn shares_are_rounded_half_up_and_printed_as_rounded() {
        let doc = samples::seed();
        let s = &doc.staff;
        for (count, text) in [
            (s.bachelor_or_above, "占在职在岗人数 92.45%"),
            (s.masters, "占在职在岗人数 50.94%"),
            (s.titled_total, "占在职在岗人数 75.47%"),
        ] {
            let hint = on_post_share(s, count).unwrap();
            assert_eq!(hint.text, text);
            assert_eq!(hint.figure, printed(&hint));
            // Within half a hundredth of a percent of the exact share, as 四舍五入 leaves it.
            let exact = Decimal::from(count.unwrap() * 100) / Decimal::from(s.on_post.unwrap());
            assert!((exact - hint.figure).abs() <= "0.005".parse().unwrap());
        }
        // 1 of 800 is 0.125%: half up gives 0.13% where the banker's rounding would give 0.12%.
        assert_eq!(staff_share(1, 800), Some("0.13".parse().unwrap()));
        assert_eq!(staff_share(1, 0), None);
        let nobody = Staff {
            on_post: Some(0),
            masters: Some(0),
            ..Staff::default()
        };
        assert_eq!(on_post_share(&nobody, nobody.masters), None);
        assert_eq!(on_post_share(s, None), None);
    }

    #[test]
    fn a_metric_hint_waits_for_its_inputs() {
        let doc = samples::seed();
        assert_eq!(
            metric_hint(&doc, Metric::ProcurementExecutionRate).as_deref(),
            Some("政府采购执行率：1920.03 ÷ 2058.65 = 93.27%")
        );
        // The seed gives no budget.
        assert_eq!(metric_hint(&doc, Metric::BudgetExecutionRate), None);
    }

    #[test]
    fn an_answers_score_or_why_there_is_none() {
        let doc = samples::seed();
        let evaluation = evaluate(&doc);
        assert_eq!(
            indicator_score_hint(&evaluation, "procurement-rate"),
            "本项得分 4.66"
        );
        assert_eq!(
            indicator_score_hint(&evaluation, "monitoring"),
            "尚未作答，暂不能计分"
        );
    }
}
