//! The two built-in sample documents, embedded as data.
//!
//! - `seed`: 广东省科技监测中心's 2024 report with every fact of it entered and nothing invented (it gives no
//!   budget, so its 预算执行率 is reported as missing input).
//! - `example`: a complete, clearly fictional unit (示例单位，数据为虚构) that exercises every rule type.

use rust_decimal::Decimal;

use crate::document::Document;
use crate::framework::default_framework;
use crate::migrate::load_document;

pub const SEED_JSON: &str = include_str!("../data/samples/seed.json");
pub const EXAMPLE_JSON: &str = include_str!("../data/samples/example.json");

/// The seed sample. Both samples are loaded in tests, so the fallback to a blank document is never taken in a
/// release; it exists so that a broken build shows an empty document rather than a dead page.
pub fn seed() -> Document {
    load_document(SEED_JSON).unwrap_or_else(|_| Document::blank(default_framework()))
}

pub fn example() -> Document {
    load_document(EXAMPLE_JSON).unwrap_or_else(|_| Document::blank(default_framework()))
}

/// The sample `doc` is, untouched ("seed" or "example"), if it is one: the page tells a newcomer the data shown is
/// a sample until they change it or start their own.
pub fn untouched(doc: &Document) -> Option<&'static str> {
    // Read once: the page asks for every stored document on each render of a list.
    static SAMPLES: std::sync::OnceLock<[(&str, Document); 2]> = std::sync::OnceLock::new();
    SAMPLES
        .get_or_init(|| [("seed", seed()), ("example", example())])
        .iter()
        .find(|(_, sample)| sample == doc)
        .map(|(name, _)| *name)
}

/// A sample by the name the CLI and the app use.
pub fn by_name(name: &str) -> Option<Document> {
    match name {
        "seed" => Some(seed()),
        "example" => Some(example()),
        _ => None,
    }
}

/// The `i`-th of a batch of fictional units made from the example, for tests, benchmarks and demonstrations of
/// the 汇总 view: each its own name, 预算执行率 between 60% and 100% and 政府采购执行率 between 70% and 100%
/// (支出 kept equal to its parts); every 7th (i = 3, 10, …) leaves its 功能科目 unchanged, so its sum check fails;
/// every 5th (i = 4, 9, …) overrides 绩效评价及结果应用 to 2 points with a reason.
pub fn varied(i: usize) -> Document {
    let mut doc = example();
    let n = i.wrapping_add(1);
    doc.unit.name = format!("示例第{n}中心（数据为虚构）");
    doc.unit.short_name = format!("示例第{n}中心");
    let execution = i.wrapping_mul(7).wrapping_rem(41).wrapping_add(60);
    let procurement = i.wrapping_mul(11).wrapping_rem(31).wrapping_add(70);
    let budget = doc.finance.budget_final.unwrap_or_default();
    let plan = doc.finance.procurement_plan.unwrap_or_default();
    let share = |whole: Decimal, percent: usize| {
        whole
            .checked_mul(Decimal::from(percent))
            .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED))
            .unwrap_or_default()
    };
    let total = share(budget, execution);
    let delta = total
        .checked_sub(doc.finance.spending_total.unwrap_or_default())
        .unwrap_or_default();
    let add = |v: &mut Option<Decimal>| *v = v.and_then(|v| v.checked_add(delta));
    doc.finance.spending_total = Some(total);
    add(&mut doc.finance.spending_project);
    if i.wrapping_rem(7) != 3 {
        if let Some(line) = doc.finance.by_function.first_mut() {
            add(&mut line.amount);
        }
    }
    doc.finance.procurement_actual = Some(share(plan, procurement));
    if i.wrapping_rem(5) == 4 {
        doc.overrides.insert(
            "evaluation-use".to_string(),
            crate::document::Override {
                score: Decimal::TWO,
                reason: "佐证材料不全，酌情扣分".to_string(),
            },
        );
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_untouched_sample_is_known_and_an_edited_one_is_not() {
        assert_eq!(untouched(&seed()), Some("seed"));
        assert_eq!(untouched(&example()), Some("example"));
        let mut edited = seed();
        edited.unit.name = "本单位".to_string();
        assert_eq!(untouched(&edited), None);
        assert_eq!(untouched(&Document::blank(default_framework())), None);
    }
    use crate::migrate::load_document;
    use crate::scoring::evaluate;
    use rust_decimal_macros::dec;

    #[test]
    fn both_samples_load() {
        load_document(SEED_JSON).expect("seed loads");
        load_document(EXAMPLE_JSON).expect("example loads");
    }

    #[test]
    fn seed_holds_the_seed_facts() {
        let doc = seed();
        assert_eq!(doc.unit.name, "广东省科技监测中心");
        assert_eq!(doc.unit.year, Some(2024));
        assert_eq!(doc.staff.on_post, Some(53));
        assert_eq!(doc.staff.titled_total, Some(40));
        assert_eq!(
            doc.finance.spending_basic.unwrap() + doc.finance.spending_project.unwrap(),
            dec!(5343.32)
        );
        let by_function: Decimal = doc
            .finance
            .by_function
            .iter()
            .filter_map(|l| l.amount)
            .sum();
        assert_eq!(by_function, dec!(5343.32));
        assert_eq!(doc.finance.budget_final, None, "the seed states no budget");
        assert_eq!(doc.finance.three_public.actual, Some(Decimal::ZERO));
        assert_eq!(doc.finance.three_public.budget, None);
        assert_eq!(doc.key_tasks.len(), 10);
        assert_eq!(doc.goals.groups.len(), 9);
        assert_eq!(doc.problems.items.len(), 3);
    }

    #[test]
    fn seed_scores_procurement_4_66_and_misses_the_budget() {
        let e = evaluate(&seed());
        let procurement = e.indicator("procurement-rate").unwrap();
        assert_eq!(procurement.final_score, Some(dec!(4.66)));
        assert_eq!(
            procurement.explanation[0],
            "政府采购执行率：1920.03 ÷ 2058.65 = 93.27%；5 × 93.27% = 4.66"
        );
        let execution = e.indicator("execution-rate").unwrap();
        assert_eq!(execution.final_score, None);
        let missing: Vec<&str> = execution.missing.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(missing, ["全年预算数（调整后）"]);
        // "三公" left without a budget is a missing input, not a silent score.
        assert_eq!(e.indicator("three-public").unwrap().final_score, None);
        assert_eq!(e.grade, None);
    }

    #[test]
    fn seed_three_public_entered_as_zero_budget_scores_full() {
        let mut doc = seed();
        doc.finance.three_public.budget = Some(Decimal::ZERO);
        assert_eq!(
            evaluate(&doc)
                .indicator("three-public")
                .unwrap()
                .final_score,
            Some(dec!(4))
        );
    }

    #[test]
    fn example_is_complete_and_uses_every_rule_type() {
        let doc = example();
        assert!(doc.unit.name.contains("虚构"));
        let e = evaluate(&doc);
        assert!(
            e.is_complete(),
            "{:#?}",
            e.indicators
                .iter()
                .filter(|r| !r.is_scored())
                .collect::<Vec<_>>()
        );
        assert_eq!(e.total, dec!(90.25));
        assert_eq!(e.grade.as_deref(), Some("优秀"));
        let mut kinds = std::collections::BTreeSet::new();
        for (_, _, ind) in doc.framework.indicators() {
            kinds.insert(
                serde_json::to_value(&ind.rule).unwrap()["type"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            );
        }
        assert_eq!(kinds.len(), 8, "{kinds:?}");
        let ops: std::collections::BTreeSet<_> = doc.targets.iter().map(|t| t.operator).collect();
        assert_eq!(ops.len(), 6);
    }
}

#[cfg(test)]
mod varied_tests {
    use super::*;
    use crate::checks::{run_checks, Severity};
    use crate::scoring::evaluate;
    use rust_decimal_macros::dec;

    #[test]
    fn a_varied_unit_has_its_figures() {
        let doc = varied(1);
        // 60 + 7 = 67%, 70 + 11 = 81%.
        assert_eq!(doc.finance.spending_total, Some(dec!(837.5)));
        assert_eq!(doc.finance.procurement_actual, Some(dec!(243)));
        let e = evaluate(&doc);
        assert_eq!(
            e.indicator("execution-rate").unwrap().final_score,
            Some(dec!(5.36))
        );
        assert_eq!(
            e.indicator("procurement-rate").unwrap().final_score,
            Some(dec!(4.05))
        );
        let errors = |doc: &Document| {
            run_checks(doc, &evaluate(doc))
                .iter()
                .filter(|c| c.severity == Severity::Error)
                .count()
        };
        assert_eq!(errors(&doc), 0);
        assert!(errors(&varied(3)) > 0);
        assert!(varied(4).overrides.contains_key("evaluation-use"));
    }
}
