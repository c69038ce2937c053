//! 项目支出绩效自评 in the document (issue 21): projects travel with the document through every way in and out, old
//! documents without projects read and write exactly as before, and hostile projects are refused at the gate with
//! the field's path and label.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::disallowed_methods
)] // Tests, benchmarks and examples may panic and use literals; the library code may not.

use serde_json::{json, Value};
use zipin_core::migrate::{load_document, to_json, LoadError};
use zipin_core::receive::{receive, Accept, Received, Source};
use zipin_core::{samples, share};

/// The example document with one sound project, as JSON.
fn with_project() -> Value {
    let mut value: Value = serde_json::from_str(&to_json(&samples::example())).unwrap();
    value["projects"] = json!([{
        "name": "监测设备更新",
        "kind": "continuing",
        "funds": {
            "total": { "initial": "100", "adjusted": "120", "spent": "110.4" },
            "fiscal": { "initial": "100", "adjusted": "120", "spent": "110.4" }
        },
        "rows": [
            { "level1": "产出", "level2": "数量", "name": "更新设备台数", "operator": "at_least",
              "target": "20", "unit": "台", "actual": "19", "weight": "50", "deviation_reason": "一台延期到货" },
            { "level1": "效益", "level2": "社会效益", "name": "监测覆盖率", "operator": "at_least",
              "target": "95", "unit": "%", "actual": "96", "weight": "30" },
            { "level1": "满意度", "level2": "服务对象满意度", "name": "用户满意度", "operator": "at_least",
              "target": "90", "unit": "%", "actual": "93", "weight": "10" }
        ]
    }]);
    value
}

/// A change that spoils the sound project.
type Spoil = Box<dyn Fn(&mut Value)>;

fn refusal(value: &Value) -> String {
    match load_document(&value.to_string()) {
        Err(e @ LoadError::Refused(_)) => e.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_document_without_projects_is_written_exactly_as_before() {
    let mut example = samples::example();
    example.projects.clear();
    for doc in [samples::seed(), example] {
        let text = to_json(&doc);
        for key in ["\"projects\"", "projects_complete", "project_scheme"] {
            assert!(
                !text.contains(key),
                "{key} written for a document without projects"
            );
        }
        assert_eq!(load_document(&text).unwrap(), doc);
    }
}

#[test]
fn the_examples_projects_are_sound_and_add_up_to_its_project_spending() {
    let doc = samples::example();
    assert_eq!(doc.projects.len(), 3);
    let scheme = zipin_core::project::scheme_of(&doc).unwrap();
    for (i, project) in doc.projects.iter().enumerate() {
        let evaluation = zipin_core::project::score::evaluate(i, project, &scheme);
        assert!(
            evaluation.total.is_some(),
            "{}: {:?}",
            project.name,
            evaluation.missing
        );
        let checks = zipin_core::checks::projects::project_checks(i, project, &evaluation, &scheme);
        assert!(checks.is_empty(), "{}: {checks:?}", project.name);
    }
    let spent: Vec<_> = doc
        .projects
        .iter()
        .map(|p| p.funds.total.spent.unwrap())
        .collect();
    assert_eq!(
        spent.iter().sum::<rust_decimal::Decimal>(),
        doc.finance.spending_project.unwrap()
    );
}

#[test]
fn projects_travel_in_a_file_and_in_a_share_link() {
    let text = with_project().to_string();
    let doc = load_document(&text).expect("a sound project is read");
    assert_eq!(doc.projects.len(), 1);
    assert_eq!(doc.projects[0].rows.len(), 3);
    let code = share::encode(&doc);
    match receive(&Source::Link, Accept::Document, &format!("share={code}")) {
        Received::Document(shared) => assert_eq!(*shared, doc),
        other => panic!("the link did not carry the document: {other:?}"),
    }
}

#[test]
fn hostile_projects_are_refused_with_the_fields_path_and_label() {
    let cases: Vec<(&str, Spoil, &str)> = vec![
        (
            "negative funds",
            Box::new(|v| v["projects"][0]["funds"]["total"]["spent"] = json!("-5")),
            "第1个项目年度资金总额全年执行数（projects[0].funds.total.spent）：不能为负数",
        ),
        (
            "a 其中 in the trillions",
            Box::new(|v| v["projects"][0]["funds"]["other"]["adjusted"] = json!("5000000000000")),
            "第1个项目其他资金全年预算数（projects[0].funds.other.adjusted）：数值过大",
        ),
        (
            "a 分值 with 20 decimals",
            Box::new(|v| v["projects"][0]["rows"][0]["weight"] = json!("1.00000000000000000001")),
            "第1个项目绩效指标第1行分值（projects[0].rows[0].weight）：最多保留",
        ),
        (
            "a hundred and one rows",
            Box::new(|v| {
                let row = v["projects"][0]["rows"][1].clone();
                v["projects"][0]["rows"] = Value::Array(vec![row; 101]);
            }),
            "（projects[0].rows）：共 101 条，超过上限 100 条",
        ),
        (
            "two hundred and one projects",
            Box::new(|v| {
                let project = v["projects"][0].clone();
                v["projects"] = Value::Array(vec![project; 201]);
            }),
            "共 201 个项目，超过上限 200 个",
        ),
        (
            "a project name of 201 characters",
            Box::new(|v| v["projects"][0]["name"] = json!("项".repeat(201))),
            "第1个项目项目名称（projects[0].name）",
        ),
        (
            "a scheme whose weights do not add up",
            Box::new(|v| {
                let mut scheme: Value =
                    serde_json::from_str(zipin_core::framework::project::BUILT_IN[0].1).unwrap();
                scheme["execution"]["weight"] = json!("20");
                v["project_scheme"] = scheme;
            }),
            "执行率与各一级指标的分值之和应为 100",
        ),
        (
            "a scheme weight of 28 decimals",
            Box::new(|v| {
                let mut scheme: Value =
                    serde_json::from_str(zipin_core::framework::project::BUILT_IN[0].1).unwrap();
                scheme["level1"][0]["weight"] = json!("49.9999999999999999999999999");
                scheme["level1"][1]["weight"] = json!("30.0000000000000000000000001");
                v["project_scheme"] = scheme;
            }),
            "项目评分表式“产出指标”的分值（project_scheme.level1[0].weight）：最多保留 2 位小数",
        ),
        (
            "two overrides of one row",
            Box::new(|v| {
                v["projects"][0]["overrides"] = json!([
                    { "row": 0, "score": "5", "reason": "甲" },
                    { "row": 0, "score": "8", "reason": "乙" }
                ]);
            }),
            "第1个项目第2项人工调整（projects[0].overrides[1].row）：与第1项指向同一行（绩效指标第1行）",
        ),
    ];
    for (what, spoil, expected) in cases {
        let mut value = with_project();
        spoil(&mut value);
        let message = refusal(&value);
        assert!(
            message.contains(expected),
            "{what}: “{message}” does not say “{expected}”"
        );
    }
}

#[test]
fn thousands_of_rows_are_refused_before_they_are_typed() {
    let mut value = with_project();
    let row = value["projects"][0]["rows"][1].clone();
    value["projects"][0]["rows"] = Value::Array(vec![row; 5_000]);
    let message = refusal(&value);
    assert!(message.contains("超过上限"), "{message}");
}
