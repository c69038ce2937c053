//! Regression tests for documents crafted to crash, hang or corrupt the page (issue: "One gate for everything from
//! outside"). Each class is refused at the gate with a Chinese message naming the field, and — should such a
//! document ever be built in code without the gate — scoring, checks and the report still do not panic.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::disallowed_methods
)] // Tests, benchmarks and examples may panic and use literals; the library code may not.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::{json, Value};
use zipin_core::checks::run_checks;
use zipin_core::framework::{
    parse_framework, Band, Bound, FileProblem, FrameworkProblem, NumberProblem, Quantity, Rule,
    RuleProblem, ZeroDenominator,
};
use zipin_core::gate::caps;
use zipin_core::metrics::Metric;
use zipin_core::migrate::{load_document, to_json, LoadError};
use zipin_core::report::generate;
use zipin_core::{evaluate, samples, share, Document};

fn example_value() -> Value {
    serde_json::from_str(&to_json(&samples::example())).unwrap()
}

/// The refusal of a document given as JSON, through the gate and through a share link alike.
fn refused(value: &Value) -> String {
    let text = value.to_string();
    let message = match load_document(&text) {
        Err(e @ LoadError::Refused(_)) => e.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    };
    let code = format!("z1.{}", base64_url(&deflate(text.as_bytes())));
    let shared = share::decode(&code).expect_err("a share link of it is refused too");
    let shared = shared.to_string();
    assert!(
        shared.contains("不符合要求") || shared.contains("过大"),
        "{shared}"
    );
    for english in [
        "invalid",
        "expected",
        "missing field",
        "unknown variant",
        "at line",
    ] {
        assert!(!message.contains(english), "English in “{message}”");
    }
    message
}

/// Raw deflate, the codec of the app's `z1` links.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, 6)
}

fn base64_url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Scoring, checks and the report of a document that never went through the gate: no panic, scores in range.
fn survives_without_the_gate(doc: &Document) {
    let evaluation = evaluate(doc);
    for r in &evaluation.indicators {
        if let Some(score) = r.final_score {
            assert!(score >= Decimal::ZERO, "{r:?}");
        }
    }
    let _ = run_checks(doc, &evaluation);
    let _ = generate(doc, &evaluation);
}

fn first_indicator(doc: &mut Document) -> &mut zipin_core::framework::Indicator {
    &mut doc.framework.level1[0].level2[0].indicators[0]
}

#[test]
fn a_negative_framework_weight_is_refused_and_never_panics() {
    let mut value = example_value();
    let indicators = &mut value["framework"]["level1"][0]["level2"][0]["indicators"];
    indicators[0]["weight"] = json!("-1");
    let message = refused(&value);
    assert!(message.contains("评分框架"), "{message}");

    // Built in code, bypassing the gate: the old `clamp(0, -1)` panic.
    let mut doc = samples::example();
    first_indicator(&mut doc).weight = dec!(-1);
    survives_without_the_gate(&doc);
    let e = evaluate(&doc);
    assert_eq!(e.grade, None);
    let withheld = e.grade_withheld.expect("the grade is withheld");
    assert!(
        withheld.to_string().contains("评分框架未通过校验"),
        "{withheld}"
    );
    assert_eq!(withheld.short(), "不评定");
}

fn proportional_with_target(target: Decimal) -> Rule {
    Rule::Proportional {
        metric: Metric::BudgetExecutionRate,
        target,
        reverse: false,
        zero_denominator: ZeroDenominator::default(),
    }
}

#[test]
fn a_zero_or_tiny_proportional_target_is_refused_and_never_panics() {
    for target in [dec!(0), dec!(0.000000000000000000000000001)] {
        let mut doc = samples::example();
        let ind = doc
            .framework
            .indicators_mut()
            .find(|ind| matches!(ind.rule, Rule::Proportional { .. }))
            .expect("the example framework has a proportional rule");
        ind.rule = proportional_with_target(target);
        let value: Value = serde_json::from_str(&to_json(&doc)).unwrap();
        let message = refused(&value);
        assert!(message.contains("满分值"), "{message}");
        // The framework alone, as a file to import, is refused too.
        let framework = serde_json::to_string(&doc.framework).unwrap();
        assert!(parse_framework(&framework).is_err());
        survives_without_the_gate(&doc);
    }
}

#[test]
fn negative_figures_are_refused_and_score_nothing_silently() {
    let mut value = example_value();
    value["finance"]["spending_total"] = json!("-5700");
    value["finance"]["budget_final"] = json!("100");
    value["finance"]["carryover_end"] = json!("-8");
    value["targets"][0]["weight"] = json!("-6");
    let message = refused(&value);
    assert!(message.contains("全年执行数（部门整体支出）"), "{message}");
    assert!(message.contains("不能为负数"), "{message}");

    let mut doc = samples::example();
    doc.finance.spending_total = Some(dec!(-5700));
    doc.finance.budget_final = Some(dec!(100));
    doc.finance.carryover_end = Some(dec!(-8));
    doc.targets
        .first_mut()
        .expect("the example has targets")
        .weight = Some(dec!(-6));
    survives_without_the_gate(&doc);
}

#[test]
fn absurd_denominators_need_judgement_instead_of_panicking() {
    let mut doc = samples::example();
    doc.finance.budget_final = Some(Decimal::new(1, 28));
    doc.finance.spending_total = Some(dec!(1000000000000));
    doc.finance.budget_initial = Some(Decimal::new(1, 28));
    doc.finance.three_public.budget = Some(Decimal::new(1, 28));
    doc.finance.three_public.actual = Some(Decimal::MAX);
    survives_without_the_gate(&doc);
    let e = evaluate(&doc);
    let execution = e
        .indicators
        .iter()
        .find(|r| r.explanation.iter().any(|l| l.starts_with("预算执行率")))
        .expect("the example scores the execution rate");
    assert_eq!(execution.final_score, None);
    assert!(
        execution.missing.is_empty(),
        "filled fields are never “missing”"
    );
    assert!(
        execution
            .explanation
            .iter()
            .any(|l| l.contains("超出可计算范围") || l.contains("数值过大")),
        "{:?}",
        execution.explanation
    );
}

#[test]
fn a_huge_band_bound_is_refused_at_import() {
    let mut doc = samples::example();
    let bands = doc
        .framework
        .indicators_mut()
        .find_map(|ind| match &mut ind.rule {
            Rule::Bands { bands, .. } => Some(bands),
            _ => None,
        })
        .expect("the example framework has a bands rule");
    if let Some(Band {
        upper: Some(Bound { value, .. }),
        ..
    }) = bands.first_mut()
    {
        *value = dec!(10000000000000);
    }
    let framework = serde_json::to_string(&doc.framework).unwrap();
    let problems = parse_framework(&framework).unwrap_err();
    assert!(
        problems.iter().any(|p| matches!(
            p,
            FileProblem::Unsound(FrameworkProblem::Rule {
                problem: RuleProblem::Number(NumberProblem::TooLarge(Quantity::BandUpper(1))),
                ..
            })
        )),
        "{problems:?}"
    );
    let value: Value = serde_json::from_str(&to_json(&doc)).unwrap();
    assert!(refused(&value).contains("第1个区间的上限过大"));
    survives_without_the_gate(&doc);
}

#[test]
fn five_hundred_target_indicators_over_twenty_thousand_rows_are_refused() {
    let mut value = example_value();
    let indicator = |i: usize| {
        json!({"id": format!("t{i}"), "name": format!("目标{i}"), "weight": "0.2", "standard": "",
               "rule": {"type": "targets", "level1": []}})
    };
    value["framework"]["level1"] = json!([{"name": "一级", "weight": "100", "level2": [
        {"name": "二级", "weight": "100", "indicators": (0..500).map(indicator).collect::<Vec<_>>()}
    ]}]);
    let row = json!({"level1": "产出", "name": "x", "operator": "at_least", "target": "10", "actual": "5"});
    value["targets"] = Value::Array(vec![row; 20_000]);
    let text = value.to_string();
    let code_length = base64_url(&deflate(text.as_bytes())).len();
    assert!(
        code_length < 40_000,
        "the link is small ({code_length} characters)"
    );
    let message = refused(&value);
    assert!(message.contains("超过上限"), "{message}");
}

#[test]
fn a_json_number_never_passes_through_a_float() {
    let text = to_json(&samples::example()).replacen(
        "\"spending_total\": \"",
        "\"spending_total\": 1234567.1234567891, \"x\": \"",
        1,
    );
    let Err(LoadError::Refused(r)) = load_document(&text) else {
        panic!("not refused")
    };
    assert_eq!(r[0].path, "finance.spending_total");
}

#[test]
fn oversized_texts_lists_and_documents_are_refused() {
    let mut value = example_value();
    value["unit"]["duties"] = json!("职".repeat(caps::TEXT_CHARS + 1));
    assert!(refused(&value).contains("文字过长"));
    let mut value = example_value();
    value["departments"] = Value::Array(vec![json!("处"); caps::LIST_ITEMS + 1]);
    assert!(refused(&value).contains("内设机构"));
    let padding = " ".repeat(caps::FILE_BYTES);
    let text = format!("{}{padding}", to_json(&samples::example()));
    assert!(matches!(
        load_document(&text),
        Err(LoadError::TooLarge { .. })
    ));
    // Under the file cap but over the stored cap once written as the app stores it.
    let mut value = example_value();
    let long = "长".repeat(caps::TEXT_CHARS);
    value["goals"]["groups"] = Value::Array(vec![json!({"title": "组", "items": [long]}); 40]);
    assert!(refused(&value).contains("文档过大"));
}

#[test]
fn whatever_comes_in_can_be_saved_and_opened_again() {
    // Compact, defaults left out, padded to just under the stored cap: the saved forms must load.
    let mut value = example_value();
    value["targets"] = Value::Array(vec![json!({}); caps::TARGET_ROWS]);
    value["finance"]["by_function"] = Value::Array(vec![json!({}); caps::LIST_ITEMS]);
    let stored = |value: &Value| {
        let doc = load_document(&value.to_string()).expect("still under the cap");
        serde_json::to_string(&doc).unwrap().len()
    };
    let item = "a".repeat(caps::TEXT_CHARS);
    // Each group adds the item and at most 100 bytes of JSON around it.
    let room = caps::DOCUMENT_BYTES - stored(&value);
    let groups = room / (item.len() + 100);
    value["goals"]["groups"] = Value::Array(vec![json!({"title": "组", "items": [item]}); groups]);
    let compact = value.to_string();
    let doc = load_document(&compact).expect("a document just under the cap comes in");
    assert!(
        stored(&value) > caps::DOCUMENT_BYTES - 2 * (caps::TEXT_CHARS + 100),
        "near the cap"
    );
    let saved = to_json(&doc);
    assert!(
        saved.len() > compact.len(),
        "the saved file is larger than what came in"
    );
    assert_eq!(load_document(&saved).as_ref(), Ok(&doc), "pretty file");
    let code = share::encode(&doc);
    assert_eq!(share::decode(&code).as_ref(), Ok(&doc), "share link");
}

#[test]
fn decimals_are_read_only_as_the_app_writes_them() {
    for written in [
        "1_000",
        "+5",
        ".5",
        "5.",
        "1e3",
        "0.5E1",
        "1000000000000.0000000000000000001",
        "1.00000000000000000000000000001",
        "0.00000000000000000000000000001",
    ] {
        let mut value = example_value();
        value["finance"]["spending_total"] = json!(written);
        let message = refused(&value);
        assert!(
            message.contains("finance.spending_total"),
            "{written}: {message}"
        );
    }
    let mut value = example_value();
    value["framework"]["level1"][0]["weight"] = json!("5e1");
    assert!(refused(&value).contains("规范的数字写法"));
    for fine in ["0", "5343.32", "0.000001", "2058.650", "1000000000000"] {
        let mut value = example_value();
        value["finance"]["spending_total"] = json!(fine);
        assert!(load_document(&value.to_string()).is_ok(), "{fine}");
    }
}

#[test]
fn target_cells_cannot_amplify_the_work() {
    let mut value = example_value();
    value["targets"][0]["unit"] = json!("u".repeat(caps::UNIT_CHARS + 1));
    value["targets"][1]["target"] = json!("1".repeat(caps::VALUE_CHARS + 1));
    let message = refused(&value);
    assert!(
        message.contains("绩效目标第1行单位") && message.contains("绩效目标第2行指标值"),
        "{message}"
    );
    let mut value = example_value();
    value["targets"][0]["unit"] = json!("5");
    assert!(refused(&value).contains("单位不能以数字"));
    let mut value = example_value();
    value["targets"][0]["unit"] = json!("m2");
    assert!(load_document(&value.to_string()).is_ok(), "m2 is a unit");
}

#[test]
fn a_key_that_looks_like_a_path_is_not_taken_for_a_field() {
    let mut value = example_value();
    value["finance.spending_total"] = json!(1.5);
    let message = refused(&value);
    assert!(
        message.contains("[\"finance.spending_total\"]"),
        "{message}"
    );
    assert!(!message.contains("全年执行数"), "{message}");
}

#[test]
fn duplicate_keys_and_deep_nesting_are_read_or_refused_calmly() {
    let text = to_json(&samples::example());
    let duplicated = text.replacen("{", "{\"unit\": {\"name\": \"甲\"},", 1);
    // serde_json keeps the last of two equal keys, as JSON.parse does: the document's own unit wins.
    let doc = load_document(&duplicated).expect("a duplicate key is read as the browser reads it");
    assert_eq!(doc.unit.name, samples::example().unit.name);
    let deep = format!("{}1{}", "[".repeat(50_000), "]".repeat(50_000));
    assert!(matches!(load_document(&deep), Err(LoadError::NotJson(_))));
}

#[path = "support/largest.rs"]
mod support;

#[test]
fn the_largest_document_at_the_caps_comes_in_and_one_row_more_does_not() {
    let doc = support::largest();
    let stored = serde_json::to_string(&doc).unwrap();
    assert!(
        stored.len() <= caps::DOCUMENT_BYTES,
        "{} bytes",
        stored.len()
    );
    assert!(
        stored.len() > caps::DOCUMENT_BYTES * 9 / 10,
        "near the cap: {} bytes",
        stored.len()
    );
    // Saved as a file (pretty), it is read back whole.
    let text = to_json(&doc);
    let loaded = load_document(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.targets.len(), caps::TARGET_ROWS);
    assert_eq!(loaded.framework.indicators().count(), caps::INDICATORS);
    let evaluation = evaluate(&loaded);
    assert_eq!(evaluation.indicator_count, caps::INDICATORS);
    assert!(
        evaluation.grade_withheld.is_none(),
        "{:?}",
        evaluation.grade_withheld
    );
    survives_without_the_gate(&loaded);

    // In the page, the edit that would add a 501st row is refused with the reason.
    let mut more = loaded.clone();
    more.targets.push(more.targets[0].clone());
    let refusal = zipin_core::gate::new_refusal(&loaded, &more).expect("refused");
    assert_eq!(refusal.path, "targets");
    assert!(refusal.problem.contains("超过上限 500 条"), "{refusal}");
}

#[test]
fn over_achieved_rows_are_flagged_in_linear_work() {
    // Every row of every targets indicator over-achieved, all rows named alike: each flag names its own row only.
    let mut value = example_value();
    let indicator = |i: usize| {
        json!({"id": format!("t{i}"), "name": format!("目标{i}"), "weight": "10", "standard": "",
               "rule": {"type": "targets", "level1": []}})
    };
    value["framework"]["level1"] = json!([{"name": "一级", "weight": "100", "level2": [
        {"name": "二级", "weight": "100",
         "indicators": (0..caps::TARGET_INDICATORS).map(indicator).collect::<Vec<_>>()}
    ]}]);
    let row = json!({"level1": "产出", "name": "n", "operator": "at_least", "target": "1", "actual": "1000"});
    value["targets"] = Value::Array(vec![row; caps::TARGET_ROWS]);
    let doc = load_document(&value.to_string()).expect("a valid document at the caps");
    let checks = run_checks(&doc, &evaluate(&doc));
    let flags: Vec<_> = checks.iter().filter(|c| c.id == "score-flag").collect();
    assert_eq!(flags.len(), caps::TARGET_INDICATORS * caps::TARGET_ROWS);
    assert!(
        flags.iter().all(|c| c.fields.len() == 1),
        "one field a flag"
    );
}
