//! The 汇总表, read back with calamine as an officer's Excel would read it.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::disallowed_methods
)] // Tests, benchmarks and examples may panic and use literals; the library code may not.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use zipin_core::samples::varied;
use zipin_core::summary::{summarize, Summary, Unit};
use zipin_export::summary_xlsx;

/// 30 varied units; unit 5's framework moves a point from 资产管理规范性 to 固定资产利用率.
fn batch() -> Summary {
    let units: Vec<Unit> = (0..30)
        .map(|i| {
            let mut document = varied(i);
            if i == 5 {
                for ind in document.framework.indicators_mut() {
                    match ind.id.as_str() {
                        "asset-compliance" => ind.weight = Decimal::from(2),
                        "asset-utilization" => ind.weight = Decimal::from(4),
                        _ => {}
                    }
                }
            }
            Unit {
                source: format!("unit-{i:02}.json"),
                document,
            }
        })
        .collect();
    summarize(&units)
}

fn sheets(bytes: Vec<u8>) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("an xlsx");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("a sheet");
            let rows = range.rows().map(|r| r.to_vec()).collect();
            (name, rows)
        })
        .collect()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn every_units_total_is_a_number_in_the_summary_sheet() {
    let summary = batch();
    let sheets = sheets(summary_xlsx(&summary).expect("a workbook"));
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "汇总",
            "校验问题",
            "评分调整",
            "项目清单",
            "履职效能",
            "管理效率"
        ]
    );

    let rows = &sheets[0].1;
    assert_eq!(rows.len(), 31, "the header and one row a unit");
    let head: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(head.len(), summary.columns.len() + 1);
    assert_eq!(
        &head[..6],
        ["来源", "单位", "年度", "评分框架", "总分（100分）", "等次"]
    );
    assert_eq!(head[6], "履职效能（50分）");
    assert_eq!(head[10], "管理效率/预算执行（12分）");
    assert_eq!(head.last().unwrap(), "与多数单位评分框架的差异");
    let total_at = head.iter().position(|h| h.starts_with("总分")).unwrap();
    let procurement_at = head
        .iter()
        .position(|h| h == "政府采购执行率（5分）")
        .unwrap();
    for (row, unit) in rows[1..].iter().zip(&summary.rows) {
        assert_eq!(text(&row[0]), unit.source);
        assert_eq!(text(&row[1]), unit.unit_name);
        assert_eq!(row[2], Data::Float(2024.0));
        // Numbers as numbers: the total, and each indicator.
        assert_eq!(
            row[total_at],
            Data::Float(unit.total.unwrap().to_f64().unwrap()),
            "{}",
            unit.source
        );
        let procurement = unit.indicator_scores["procurement-rate"].unwrap();
        assert_eq!(
            row[procurement_at],
            Data::Float(procurement.to_f64().unwrap())
        );
        assert_eq!(text(&row[5]), unit.grade.clone().unwrap_or_default());
        assert_eq!(text(row.last().unwrap()), unit.framework_differs.join("；"));
    }
    assert!(text(rows[6].last().unwrap()).contains("资产管理规范性"));

    // Every failing check of every unit.
    let sheet = |name: &str| &sheets.iter().find(|(n, _)| n == name).unwrap().1;
    let checks = sheet("校验问题");
    let expected: usize = summary.rows.iter().map(|r| r.checks.len()).sum();
    assert_eq!(checks.len(), expected + 1);
    assert!(checks[1..]
        .iter()
        .any(|r| text(&r[0]) == "unit-03.json" && text(&r[2]) == "错误"));

    // Every override with its reason: units 4, 9, … 29.
    let overrides = sheet("评分调整");
    assert_eq!(overrides.len(), 1 + 6);
    assert_eq!(text(&overrides[1][0]), "unit-04.json");
    assert_eq!(overrides[1][4], Data::Float(2.0));
    assert_eq!(text(&overrides[1][5]), "佐证材料不全，酌情扣分");

    // Every project of every unit, its 总分 a number equal to the unit's list.
    let projects = sheet("项目清单");
    let listed: Vec<_> = summary
        .rows
        .iter()
        .flat_map(|unit| unit.project_list.iter().map(move |p| (unit, p)))
        .collect();
    assert!(!listed.is_empty(), "the example sample has projects");
    assert_eq!(projects.len(), 1 + listed.len());
    for (row, (unit, p)) in projects[1..].iter().zip(&listed) {
        assert_eq!(text(&row[0]), unit.source);
        assert_eq!(text(&row[3]), p.name);
        let total = p.total.map(|t| Data::Float(t.to_f64().unwrap()));
        assert_eq!(row[8], total.unwrap_or(Data::Empty));
    }

    // A sheet per 一级: its 二级 and 三级 only.
    let level1 = sheet("履职效能");
    let head: Vec<String> = level1[0].iter().map(text).collect();
    assert_eq!(
        head,
        [
            "来源",
            "单位",
            "履职效能（50分）",
            "履职效能/整体效能（50分）",
            "履职产出（产出指标完成情况）（30分）",
            "履职效益（效益、满意度指标完成情况）（20分）"
        ]
    );
    assert_eq!(level1.len(), 31);
}

#[test]
fn an_empty_batch_still_makes_a_workbook() {
    let sheets = sheets(summary_xlsx(&summarize(&[])).expect("a workbook"));
    assert_eq!(sheets[0].0, "汇总");
}
