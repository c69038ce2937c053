//! The fuzzing harness: documents and frameworks a hostile user could craft — within the caps and far beyond them,
//! hostile numbers, texts with control characters, deep nesting, duplicate keys, arbitrary frameworks — run through
//! the whole pipeline: gate → evaluate → checks → report → .docx / .xlsx → share link encode and decode.
//! Nothing may panic, every accepted document must export and travel by link unchanged, every refusal must be
//! Chinese, and every case must finish in bounded time.
//!
//! Short in the tests (a few hundred cases); long with `scripts/fuzz` (`ZIPIN_FUZZ_CASES=N`, release build), which
//! prints how many cases it tried.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::disallowed_methods
)] // Tests, benchmarks and examples may panic and use literals; the library code may not.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use zipin_core::checks::run_checks;
use zipin_core::document::{Override, QualitativeGrade, TargetOperator, TargetRow};
use zipin_core::framework::{
    Band, Bound, ChecklistItem, ChoiceOption, Framework, Grade, Indicator, Level1, Level2, Outcome,
    Rule, Side, Step, ZeroDenominator, FRAMEWORK_FORMAT,
};
use zipin_core::metrics::Metric;
use zipin_core::migrate::{load_document, to_json};
use zipin_core::report::{generate, to_plain_text};
use zipin_core::{evaluate, samples, share, Document};
use zipin_export::ProjectSelection;

/// Generous: a debug build on a busy 2-core machine; the real figure is the benchmark's (tens of ms).
const BOUND: Duration = Duration::from_secs(20);

fn cases() -> u32 {
    std::env::var("ZIPIN_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(96)
}

/// Decimals an attacker would pick: ordinary, zero, negative, tiny, huge, too precise, Decimal's own limits.
fn hostile_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        4 => (0i64..100_000, 0u32..=2).prop_map(|(m, s)| Decimal::new(m, s)),
        1 => Just(Decimal::ZERO),
        1 => (1i64..1_000_000, 0u32..=6).prop_map(|(m, s)| -Decimal::new(m, s)),
        1 => (1u32..=28).prop_map(|s| Decimal::new(1, s)),
        1 => (12u32..=28).prop_map(|e| Decimal::from_i128_with_scale(10i128.pow(e), 0)),
        1 => Just(Decimal::MAX),
        1 => Just(Decimal::MIN),
        1 => (0i64..1_000_000_000, 7u32..=12).prop_map(|(m, s)| Decimal::new(m, s)),
    ]
}

/// Mostly ordinary decimals (so that many generated documents pass the gate and reach the writers), sometimes
/// hostile ones.
fn mostly_ordinary() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        6 => (1i64..20_000, 0u32..=2).prop_map(|(m, s)| Decimal::new(m, s)),
        1 => hostile_decimal(),
    ]
}

/// JSON values an attacker would put where a decimal string belongs, and ordinary ones beside them.
fn hostile_json() -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => (0i64..100_000, 0u32..=2).prop_map(|(m, s)| Value::from(Decimal::new(m, s).to_string())),
        1 => hostile_decimal().prop_map(|d| Value::from(d.to_string())),
        1 => Just(json!(1234567.1234567891)),
        1 => Just(json!(1e300)),
        1 => Just(json!(-5)),
        1 => Just(json!(u64::MAX)),
        1 => Just(json!("1e30")),
        1 => Just(json!("NaN")),
        1 => Just(json!("")),
        1 => Just(json!("１２")),
        1 => Just(json!("79228162514264337593543950336")),
        1 => Just(json!(null)),
        1 => Just(json!(true)),
        1 => Just(json!([[[[[[[[[[1]]]]]]]]]])),
        1 => Just(json!({"a": {"b": {"c": 1}}})),
        1 => "[\\x00-\\x1f\u{202e}a-z一-龥]{0,40}".prop_map(Value::from),
        1 => (25_000usize..30_000).prop_map(|n| Value::from("长".repeat(n))),
    ]
}

/// Places in a document where hostile values go.
const PATHS: &[&str] = &[
    "/finance/budget_final",
    "/finance/spending_total",
    "/finance/carryover_end",
    "/finance/three_public/budget",
    "/finance/by_function/0/amount",
    "/staff/authorized",
    "/staff/average_age",
    "/unit/year",
    "/unit/name",
    "/targets/0/weight",
    "/targets/0/target",
    "/targets/0/actual",
    "/targets/0/operator",
    "/targets/0/qualitative_score",
    "/overrides",
    "/management/cases",
    "/management/manual",
    "/edited_paragraphs",
    "/departments",
    "/framework/level1/0/weight",
    "/framework/level1/0/level2/0/weight",
    "/framework/level1/0/level2/0/indicators/0/weight",
    "/framework/level1/0/level2/0/indicators/0/rule",
    "/framework/level1/1/level2/0/indicators/0/rule/bands/0/upper/value",
    "/framework/level1/1/level2/0/indicators/0/rule/bands/0/score",
    "/framework/grades/0/min",
    "/framework/grades",
    "/schema",
    "/format",
];

/// The example document with a few hostile values set, sometimes a list blown past its cap, sometimes a key
/// duplicated in the text.
fn mutated_example() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((prop::sample::select(PATHS), hostile_json()), 0..4),
        prop::option::weighted(0.2, (0usize..3, 400usize..700)),
        any::<bool>(),
    )
        .prop_map(|(mutations, blow_up, duplicate)| {
            let mut value: Value = serde_json::from_str(&to_json(&samples::example())).unwrap();
            for (path, hostile) in mutations {
                if let Some(slot) = value.pointer_mut(path) {
                    *slot = hostile;
                }
            }
            if let Some((which, n)) = blow_up {
                let (path, item) = match which {
                    0 => ("/targets", value["targets"][0].clone()),
                    1 => ("/departments", json!("处")),
                    _ => ("/key_tasks", json!({"division": "处", "content": "任务"})),
                };
                if let Some(slot) = value.pointer_mut(path) {
                    *slot = Value::Array(vec![item; n]);
                }
            }
            let text = value.to_string();
            if duplicate {
                text.replacen('{', "{\"unit\": {\"name\": \"\\u0007重复\"},", 1)
            } else {
                text
            }
        })
}

fn rule() -> impl Strategy<Value = Rule> {
    let metric = prop::sample::select(Metric::ALL.to_vec());
    let outcome = prop::sample::select(vec![Outcome::Full, Outcome::Zero, Outcome::Unscorable]);
    let zero = (outcome.clone(), outcome)
        .prop_map(|(nothing, something)| ZeroDenominator { nothing, something });
    let bound = || {
        (mostly_ordinary(), any::<bool>()).prop_map(|(value, inclusive)| Bound { value, inclusive })
    };
    let band = (
        prop::option::of(bound()),
        prop::option::of(bound()),
        mostly_ordinary(),
    )
        .prop_map(|(lower, upper, score)| Band {
            lower,
            upper,
            score,
        });
    prop_oneof![
        (
            metric.clone(),
            mostly_ordinary(),
            any::<bool>(),
            zero.clone()
        )
            .prop_map(
                |(metric, target, reverse, zero_denominator)| Rule::Proportional {
                    metric,
                    target,
                    reverse,
                    zero_denominator,
                }
            ),
        (
            metric.clone(),
            mostly_ordinary(),
            any::<bool>(),
            mostly_ordinary(),
            0u8..3,
            zero.clone()
        )
            .prop_map(
                |(metric, standard, above, per_point, step, zero_denominator)| {
                    Rule::ThresholdDeduct {
                        metric,
                        standard,
                        deduct_when: if above { Side::Above } else { Side::Below },
                        per_point,
                        step: [Step::Continuous, Step::WholePoints, Step::StartedPoints]
                            [usize::from(step)],
                        zero_denominator,
                    }
                }
            ),
        (metric, prop::collection::vec(band, 0..6), zero).prop_map(
            |(metric, bands, zero_denominator)| {
                Rule::Bands {
                    metric,
                    bands,
                    zero_denominator,
                }
            }
        ),
        prop::collection::vec(mostly_ordinary(), 0..5).prop_map(|points| Rule::Checklist {
            items: points
                .into_iter()
                .enumerate()
                .map(|(i, points)| ChecklistItem {
                    id: format!("c{}", i % 3),
                    text: format!("检查项{i}"),
                    points,
                })
                .collect(),
        }),
        mostly_ordinary().prop_map(|per_case| Rule::DeductPerCase {
            per_case,
            case_label: "问题".to_string(),
        }),
        prop::collection::vec(mostly_ordinary(), 0..4).prop_map(|scores| Rule::Choice {
            options: scores
                .into_iter()
                .enumerate()
                .map(|(i, score)| ChoiceOption {
                    id: format!("o{i}"),
                    text: format!("情形{i}"),
                    score,
                })
                .collect(),
        }),
        (
            prop::collection::vec(
                prop::sample::select(vec!["产出", "效益", "满意度", ""]),
                0..3
            ),
            mostly_ordinary()
        )
            .prop_map(|(level1, over_achievement_flag)| Rule::Targets {
                level1: level1.into_iter().map(str::to_string).collect(),
                over_achievement_flag,
            }),
        Just(Rule::Manual),
    ]
}

/// An arbitrary framework: any shape (within a size the direct pipeline can afford), any rule, any number.
fn framework() -> impl Strategy<Value = Framework> {
    let indicator = (hostile_decimal(), rule(), 0u8..4).prop_map(|(weight, rule, id)| Indicator {
        id: format!("i{id}"),
        name: "指标".to_string(),
        weight,
        definition: String::new(),
        standard: String::new(),
        rule,
    });
    let level2 = (hostile_decimal(), prop::collection::vec(indicator, 0..4)).prop_map(
        |(weight, indicators)| Level2 {
            name: "二级".to_string(),
            weight,
            indicators,
        },
    );
    let level1 =
        (hostile_decimal(), prop::collection::vec(level2, 0..3)).prop_map(|(weight, level2)| {
            Level1 {
                name: "一级".to_string(),
                weight,
                level2,
            }
        });
    let grade = hostile_decimal().prop_map(|min| Grade {
        label: "等次".to_string(),
        min,
    });
    (
        prop::collection::vec(level1, 0..3),
        prop::collection::vec(grade, 0..3),
    )
        .prop_map(|(level1, grades)| Framework {
            format: FRAMEWORK_FORMAT.to_string(),
            id: "fuzz".to_string(),
            name: "任意框架".to_string(),
            reference: String::new(),
            status: String::new(),
            source: String::new(),
            dimensions: Vec::new(),
            grades,
            level1,
        })
}

fn target_row() -> impl Strategy<Value = TargetRow> {
    let text = prop_oneof![
        hostile_decimal().prop_map(|d| d.to_string()),
        Just("2024-09-30".to_string()),
        Just("是".to_string()),
        "[0-9.%个,，\u{0}-\u{1f}]{0,12}",
    ];
    (
        prop::sample::select(TargetOperator::ALL.to_vec()),
        text.clone(),
        text,
        prop::option::of(hostile_decimal()),
        prop::option::of(prop::sample::select(QualitativeGrade::ALL.to_vec())),
        prop::option::of(hostile_decimal()),
        prop::sample::select(vec!["产出", "效益", "满意度", ""]),
    )
        .prop_map(
            |(operator, target, actual, weight, grade, qualitative_score, level1)| TargetRow {
                level1: level1.to_string(),
                name: "目标\u{7}".to_string(),
                operator,
                target,
                actual,
                weight,
                grade,
                qualitative_score,
                ..TargetRow::default()
            },
        )
}

/// The default framework's shape (its weights add up) with a few rules replaced by generated ones: many of these
/// pass validation, so arbitrary rules reach scoring and the writers through the gate.
fn default_shape_with_generated_rules() -> impl Strategy<Value = Framework> {
    prop::collection::vec((0usize..15, rule()), 1..4).prop_map(|rules| {
        let mut framework = zipin_core::framework::default_framework();
        for (n, rule) in rules {
            let indicator = framework.indicators_mut().nth(n);
            if let Some(indicator) = indicator {
                indicator.rule = rule;
            }
        }
        framework
    })
}

/// A typed document with an arbitrary framework and hostile figures: it may or may not pass the gate.
fn typed_document() -> impl Strategy<Value = Document> {
    (
        prop_oneof![framework(), default_shape_with_generated_rules()],
        prop::collection::vec(prop::option::of(mostly_ordinary()), 8),
        prop::collection::vec(target_row(), 0..8),
        prop::collection::vec((0u8..4, mostly_ordinary(), any::<u32>()), 0..6),
    )
        .prop_map(|(framework, figures, targets, answers)| {
            let mut doc = Document::blank(framework);
            let f = &mut doc.finance;
            let slots = [
                &mut f.budget_initial,
                &mut f.budget_final,
                &mut f.spending_total,
                &mut f.carryover_end,
                &mut f.procurement_plan,
                &mut f.procurement_actual,
                &mut f.three_public.budget,
                &mut f.three_public.actual,
            ];
            for (slot, value) in slots.into_iter().zip(figures) {
                *slot = value;
            }
            doc.targets = targets;
            for (id, value, count) in answers {
                let id = format!("i{id}");
                doc.management.cases.insert(id.clone(), count);
                doc.management.manual.insert(id.clone(), value);
                doc.management
                    .choices
                    .insert(id.clone(), format!("o{}", count % 4));
                doc.management.checklists.insert(
                    id.clone(),
                    [("c0".to_string(), true), ("c1".to_string(), count % 2 == 0)].into(),
                );
                doc.overrides.insert(
                    id,
                    Override {
                        score: value,
                        reason: "理由\u{0}".to_string(),
                    },
                );
            }
            doc
        })
}

/// How many generated documents the gate let in (and so went through the whole pipeline and a share link).
static ACCEPTED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Everything after the gate; the files must be written.
fn pipeline(doc: &Document) {
    let evaluation = evaluate(doc);
    let checks = run_checks(doc, &evaluation);
    let blocks = generate(doc, &evaluation);
    std::hint::black_box((checks, to_plain_text(&blocks)));
    zipin_export::docx(doc).expect("the .docx is written");
    zipin_export::xlsx(doc).expect("the .xlsx is written");
    zipin_export::projects_docx(doc, ProjectSelection::All)
        .expect("the projects' .docx is written");
    zipin_export::projects_xlsx(doc, ProjectSelection::All)
        .expect("the projects' .xlsx is written");
}

/// The gate, then the pipeline for what it lets in, and a share link round trip.
fn through_the_gate(text: &str) {
    match load_document(text) {
        Ok(doc) => {
            ACCEPTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            pipeline(&doc);
            let code = share::encode(&doc);
            assert_eq!(
                share::decode(&code).as_ref(),
                Ok(&doc),
                "a link brings the same document back"
            );
        }
        Err(e) => {
            let message = e.to_string();
            assert!(!message.is_empty());
            for english in [
                "invalid type",
                "expected",
                "missing field",
                "unknown variant",
                "at line",
            ] {
                assert!(!message.contains(english), "English in “{message}”");
            }
        }
    }
}

/// Runs `cases()` cases of `strategy` through `check`, each within [`BOUND`]; prints how many ran.
fn fuzz<S: Strategy>(name: &str, strategy: S, check: impl Fn(&S::Value)) {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let started = Instant::now();
    let accepted_before = ACCEPTED.load(std::sync::atomic::Ordering::Relaxed);
    let count = std::cell::Cell::new(0u64);
    let result = runner.run(&strategy, |value| {
        let start = Instant::now();
        check(&value);
        count.set(count.get() + 1);
        prop_assert!(start.elapsed() < BOUND, "took {:?}", start.elapsed());
        Ok(())
    });
    println!(
        "fuzz {name}: {} generated cases in {:.1} s ({} let in by the gate)",
        count.get(),
        started.elapsed().as_secs_f64(),
        ACCEPTED.load(std::sync::atomic::Ordering::Relaxed) - accepted_before
    );
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

#[test]
fn hostile_values_in_a_real_document_never_break_the_pipeline() {
    fuzz("mutated example", mutated_example(), |text| {
        through_the_gate(text)
    });
}

#[test]
fn arbitrary_frameworks_and_figures_never_break_the_pipeline() {
    fuzz("typed documents", typed_document(), |doc| {
        // Directly, as if the gate had been bypassed: the core and the writers still must not panic.
        pipeline(doc);
        // And as a file from outside.
        through_the_gate(&to_json(doc));
    });
}

#[test]
fn the_largest_document_passes_the_whole_pipeline() {
    #[path = "../../core/tests/support/largest.rs"]
    mod support;
    let text = to_json(&support::largest());
    let doc = load_document(&text).unwrap_or_else(|e| panic!("the largest document comes in: {e}"));
    pipeline(&doc);
    assert_eq!(share::decode(&share::encode(&doc)).as_ref(), Ok(&doc));
}

/// Share codes as pasted from anywhere: garbage, padding runs, percent signs, long runs of one character (up to
/// the encoded cap), valid codes cut or altered. Each is decoded or refused calmly and quickly.
fn share_code() -> impl Strategy<Value = String> {
    let valid = share::encode(&samples::example());
    prop_oneof![
        "\\PC{0,300}".prop_map(|s| format!("z1.{s}")),
        (
            prop::sample::select(vec!["=", "%3D", "%3d", "A", " ", "\n", "+"]),
            0usize..share::MAX_ENCODED / 4
        )
            .prop_map(|(unit, n)| format!("z1.{}", unit.repeat(n))),
        (0usize..valid.len()).prop_map(move |cut| valid.get(..cut).unwrap_or_default().to_string()),
        "[a-z0-9]{0,4}\\.[A-Za-z0-9_-]{0,200}",
    ]
}

#[test]
fn share_codes_from_anywhere_are_decoded_or_refused_calmly() {
    fuzz("share codes", share_code(), |code| {
        if let Err(e) = share::decode(code) {
            assert!(!e.to_string().is_empty());
        }
    });
}

#[test]
fn texts_that_are_not_json_are_refused_calmly() {
    fuzz("arbitrary text", "\\PC{0,200}", |text| {
        through_the_gate(text)
    });
    fuzz(
        "deep nesting",
        (1usize..200_000).prop_map(|n| format!("{}{}", "[".repeat(n), "]".repeat(n))),
        |text| through_the_gate(text),
    );
}
