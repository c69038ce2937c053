//! Property tests: the parser never panics, every score stays within [0, 分值], and the proportional and
//! threshold rules move in the right direction.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::disallowed_methods
)] // Tests, benchmarks and examples may panic and use literals; the library code may not.

use proptest::prelude::*;
use rust_decimal::Decimal;
use zipin_core::document::{Document, TargetOperator, TargetRow};
use zipin_core::framework::default_framework;
use zipin_core::number::{parse_count, parse_decimal, parse_money, parse_rate};
use zipin_core::{evaluate, samples};

/// Money in 万元 with two decimals: 0.00 … 99 999.99.
fn money() -> impl Strategy<Value = Decimal> {
    (0i64..10_000_000).prop_map(|cents| Decimal::new(cents, 2))
}

fn score_of(doc: &Document, id: &str) -> Option<Decimal> {
    evaluate(doc).indicator(id).and_then(|r| r.final_score)
}

/// Any value the app accepts: ±10¹² with 6 decimals, negatives and tiny denominators included.
fn any_accepted() -> impl Strategy<Value = Decimal> {
    (-1_000_000_000_000_000_000i64..=1_000_000_000_000_000_000)
        .prop_map(|micro| Decimal::new(micro, 6))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn scoring_and_checks_never_panic_on_accepted_values(values in proptest::collection::vec(any_accepted(), 22), weight in any_accepted()) {
        let mut doc = samples::example();
        let f = &mut doc.finance;
        let slots = [
            &mut f.budget_initial, &mut f.budget_final, &mut f.spending_total, &mut f.spending_basic, &mut f.spending_project,
            &mut f.carryover_previous, &mut f.carryover_end, &mut f.procurement_plan, &mut f.procurement_actual,
            &mut f.public_funds_budget, &mut f.public_funds_actual, &mut f.fixed_assets_total, &mut f.fixed_assets_in_use,
            &mut f.three_public.budget, &mut f.three_public.actual, &mut f.three_public.previous,
            &mut f.three_public.abroad.actual, &mut f.three_public.vehicles.actual, &mut f.three_public.reception.actual,
        ];
        for (slot, value) in slots.into_iter().zip(&values) {
            *slot = Some(*value);
        }
        doc.targets[0].target = values[19].to_string();
        doc.targets[0].actual = values[20].to_string();
        doc.targets[1].weight = Some(values[21]);
        doc.management.manual.insert("evaluation-use".into(), weight);
        let e = evaluate(&doc);
        let _ = zipin_core::checks::run_checks(&doc, &e);
        let _ = zipin_core::report::generate(&doc, &e);
        for r in &e.indicators {
            if let Some(s) = r.final_score {
                prop_assert!(s >= Decimal::ZERO && s <= r.weight);
            }
        }
    }

    #[test]
    fn parsers_never_panic(input in "\\PC{0,40}") {
        let _ = parse_money(&input);
        let _ = parse_rate(&input);
        let _ = parse_count(&input);
        let _ = parse_decimal(&input);
    }

    #[test]
    fn parsers_never_panic_on_number_like_text(input in "[0-9０-９,，.．%％万元 -]{0,30}") {
        let _ = parse_money(&input);
        let _ = parse_rate(&input);
        let _ = parse_count(&input);
    }

    #[test]
    fn formatted_money_parses_back(value in money()) {
        prop_assert_eq!(parse_money(&zipin_core::number::fmt_wan(value)), Ok(value));
    }

    #[test]
    fn every_score_is_within_its_weight(
        budget_initial in money(), budget_final in money(), spent in money(), carry in money(),
        plan in money(), bought in money(), three_budget in money(), three_actual in money(),
        funds_budget in money(), funds_actual in money(), assets in money(), in_use in money(),
        cases in 0u32..10, target in 0i64..1000, actual in 0i64..2000,
    ) {
        let mut doc = samples::example();
        let f = &mut doc.finance;
        f.budget_initial = Some(budget_initial);
        f.budget_final = Some(budget_final);
        f.spending_total = Some(spent);
        f.carryover_end = Some(carry);
        f.procurement_plan = Some(plan);
        f.procurement_actual = Some(bought);
        f.three_public.budget = Some(three_budget);
        f.three_public.actual = Some(three_actual);
        f.public_funds_budget = Some(funds_budget);
        f.public_funds_actual = Some(funds_actual);
        f.fixed_assets_total = Some(assets);
        f.fixed_assets_in_use = Some(in_use);
        doc.management.cases.insert("asset-compliance".into(), cases);
        doc.targets[0].target = target.to_string();
        doc.targets[0].actual = actual.to_string();
        let e = evaluate(&doc);
        for r in &e.indicators {
            if let Some(s) = r.final_score {
                prop_assert!(s >= Decimal::ZERO && s <= r.weight, "{} scored {} of {}", r.name, s, r.weight);
                prop_assert_eq!(s, zipin_core::number::round_half_up(s, 2));
            }
        }
        prop_assert!(e.total >= Decimal::ZERO && e.total <= e.max_total);
        let sum = zipin_core::number::checked_sum(e.indicators.iter().filter_map(|r| r.final_score)).unwrap();
        prop_assert_eq!(sum, e.total, "the total is the sum of the rounded scores");
    }

    #[test]
    fn proportional_rises_with_the_rate(budget in 1i64..100_000, a in 0i64..150_000, b in 0i64..150_000) {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let mut doc = Document::blank(default_framework());
        doc.finance.budget_final = Some(Decimal::from(budget));
        doc.finance.spending_total = Some(Decimal::from(low));
        let s_low = score_of(&doc, "execution-rate").unwrap();
        doc.finance.spending_total = Some(Decimal::from(high));
        let s_high = score_of(&doc, "execution-rate").unwrap();
        prop_assert!(s_low <= s_high, "{low} → {s_low}, {high} → {s_high}");
    }

    #[test]
    fn threshold_falls_as_spending_exceeds_budget(budget in 1i64..10_000, a in 0i64..20_000, b in 0i64..20_000) {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let mut doc = Document::blank(default_framework());
        doc.finance.three_public.budget = Some(Decimal::from(budget));
        doc.finance.three_public.actual = Some(Decimal::from(low));
        let s_low = score_of(&doc, "three-public").unwrap();
        doc.finance.three_public.actual = Some(Decimal::from(high));
        let s_high = score_of(&doc, "three-public").unwrap();
        prop_assert!(s_low >= s_high, "{low} → {s_low}, {high} → {s_high}");
    }

    #[test]
    fn at_least_targets_rise_with_the_actual(target in 1i64..1000, a in 0i64..2000, b in 0i64..2000) {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let mut doc = Document::blank(default_framework());
        let row = |actual: i64| TargetRow {
            level1: "产出".into(), name: "x".into(), operator: TargetOperator::AtLeast,
            target: target.to_string(), actual: actual.to_string(), ..TargetRow::default()
        };
        doc.targets = vec![row(low)];
        let s_low = score_of(&doc, "duty-output").unwrap();
        doc.targets = vec![row(high)];
        let s_high = score_of(&doc, "duty-output").unwrap();
        prop_assert!(s_low <= s_high);
    }
}
