//! The 自评表 as .xlsx: sheet 评分表 (一级 | 二级 | 三级 | 分值 | 评分标准 | 自评得分 | 扣分原因), sheet 绩效目标 and
//! sheet 基础数据. Numbers are stored as numbers with number formats, so the officer's Excel can sum them.
//!
//! Excel stores every number as an IEEE double: the exact decimals are converted only here, at the file format's
//! edge, and every figure written has at most 6 decimals, which a double holds exactly enough to print back.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use zipin_core::fields::{self, Field};
use zipin_core::metrics::{Metric, MetricValue};
use zipin_core::{evaluate, Document};

use crate::ExportError;

fn number(d: Decimal) -> f64 {
    d.to_f64().unwrap_or_default()
}

struct Formats {
    header: Format,
    text: Format,
    score: Format,
    money: Format,
    count: Format,
    percent: Format,
    total: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new()
            .set_font_name("宋体")
            .set_font_size(11)
            .set_border(FormatBorder::Thin);
        Formats {
            header: base
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color("#EEF0F3"),
            text: base.clone().set_text_wrap().set_align(FormatAlign::Top),
            score: base
                .clone()
                .set_num_format("0.00")
                .set_align(FormatAlign::Top),
            money: base.clone().set_num_format("#,##0.00"),
            count: base.clone().set_num_format("0"),
            percent: base.clone().set_num_format("0.00%"),
            total: base.set_bold().set_num_format("0.00"),
        }
    }
}

fn header(sheet: &mut Worksheet, f: &Formats, titles: &[(&str, f64)]) -> Result<(), XlsxError> {
    for (col, (title, width)) in titles.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, *title, &f.header)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The 自评表 of `doc` as .xlsx bytes.
pub fn xlsx(doc: &Document) -> Result<Vec<u8>, ExportError> {
    write(doc).map_err(|e| ExportError(format!("无法生成 Excel 文件：{e}")))
}

fn write(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let evaluation = evaluate(doc);
    let f = Formats::new();
    let mut workbook = Workbook::new();

    let sheet = workbook.add_worksheet().set_name("评分表")?;
    let widths = [12.0, 12.0, 24.0, 8.0, 48.0, 10.0, 40.0];
    let columns: Vec<(&str, f64)> = crate::SCORE_TABLE_HEADER.into_iter().zip(widths).collect();
    header(sheet, &f, &columns)?;
    let mut row = 1;
    for r in &evaluation.indicators {
        sheet.write_string_with_format(row, 0, &r.level1, &f.text)?;
        sheet.write_string_with_format(row, 1, &r.level2, &f.text)?;
        sheet.write_string_with_format(row, 2, &r.name, &f.text)?;
        sheet.write_number_with_format(row, 3, number(r.weight), &f.score)?;
        sheet.write_string_with_format(row, 4, &r.standard, &f.text)?;
        match r.final_score {
            Some(score) => sheet.write_number_with_format(row, 5, number(score), &f.score)?,
            None => sheet.write_string_with_format(row, 5, "", &f.score)?,
        };
        let reason = r.table_reason();
        sheet.write_string_with_format(row, 6, &reason, &f.text)?;
        row += 1;
    }
    sheet.write_string_with_format(row, 0, "合计", &f.total)?;
    sheet.write_number_with_format(row, 3, number(evaluation.max_total), &f.total)?;
    let grade = evaluation
        .grade
        .clone()
        .map(|g| format!("等次：{g}"))
        .unwrap_or_else(|| "尚有指标未评分，等次待定".to_string());
    sheet.write_string_with_format(row, 4, &grade, &f.text)?;
    sheet.write_number_with_format(row, 5, number(evaluation.total), &f.total)?;

    let sheet = workbook.add_worksheet().set_name("绩效目标")?;
    header(
        sheet,
        &f,
        &[
            ("一级指标", 10.0),
            ("二级指标", 12.0),
            ("三级指标", 26.0),
            ("运算符", 8.0),
            ("指标值", 12.0),
            ("单位", 8.0),
            ("实际完成值", 12.0),
            ("权重", 8.0),
            ("得分", 8.0),
            ("偏差原因", 36.0),
        ],
    )?;
    let row_results: std::collections::BTreeMap<usize, (Decimal, Option<Decimal>)> = evaluation
        .indicators
        .iter()
        .flat_map(|r| r.target_rows.iter())
        .map(|t| (t.index, (t.weight, t.score)))
        .collect();
    for (i, t) in doc.targets.iter().enumerate() {
        let row = i as u32 + 1;
        for (col, text) in [(0, &t.level1), (1, &t.level2), (2, &t.name)] {
            sheet.write_string_with_format(row, col, text, &f.text)?;
        }
        sheet.write_string_with_format(row, 3, t.operator.symbol(), &f.text)?;
        write_value(sheet, &f, row, 4, &t.target, &t.unit)?;
        sheet.write_string_with_format(row, 5, &t.unit, &f.text)?;
        write_value(sheet, &f, row, 6, &t.actual, &t.unit)?;
        let (weight, score) = row_results
            .get(&i)
            .copied()
            .map(|(w, s)| (Some(w), s))
            .unwrap_or((t.weight, None));
        match weight {
            Some(w) => sheet.write_number_with_format(
                row,
                7,
                number(zipin_core::number::round_half_up(w, 2)),
                &f.score,
            )?,
            None => sheet.write_string_with_format(row, 7, "", &f.text)?,
        };
        match score {
            Some(s) => sheet.write_number_with_format(
                row,
                8,
                number(zipin_core::number::round_half_up(s, 2)),
                &f.score,
            )?,
            None => sheet.write_string_with_format(row, 8, "", &f.text)?,
        };
        sheet.write_string_with_format(row, 9, &t.deviation_reason, &f.text)?;
    }

    let sheet = workbook.add_worksheet().set_name("基础数据")?;
    header(sheet, &f, &[("项目", 36.0), ("数值", 16.0), ("单位", 8.0)])?;
    let fin = &doc.finance;
    let s = &doc.staff;
    let count = |c: Option<u32>| c.map(Decimal::from);
    let money: [(Field, Option<Decimal>); 23] = [
        (fields::BUDGET_INITIAL, fin.budget_initial),
        (fields::BUDGET_FINAL, fin.budget_final),
        (fields::SPENDING_TOTAL, fin.spending_total),
        (fields::SPENDING_BASIC, fin.spending_basic),
        (fields::SPENDING_PROJECT, fin.spending_project),
        (fields::CARRYOVER_PREVIOUS, fin.carryover_previous),
        (fields::CARRYOVER_END, fin.carryover_end),
        (fields::THREE_PUBLIC_BUDGET, fin.three_public.budget),
        (fields::THREE_PUBLIC_ACTUAL, fin.three_public.actual),
        (fields::THREE_PUBLIC_PREVIOUS, fin.three_public.previous),
        (fields::ABROAD_BUDGET, fin.three_public.abroad.budget),
        (fields::ABROAD_ACTUAL, fin.three_public.abroad.actual),
        (fields::VEHICLES_BUDGET, fin.three_public.vehicles.budget),
        (fields::VEHICLES_ACTUAL, fin.three_public.vehicles.actual),
        (fields::RECEPTION_BUDGET, fin.three_public.reception.budget),
        (fields::RECEPTION_ACTUAL, fin.three_public.reception.actual),
        (fields::PUBLIC_FUNDS_BUDGET, fin.public_funds_budget),
        (fields::PUBLIC_FUNDS_ACTUAL, fin.public_funds_actual),
        (fields::PROCUREMENT_PLAN, fin.procurement_plan),
        (fields::PROCUREMENT_ACTUAL, fin.procurement_actual),
        (fields::FIXED_ASSETS_TOTAL, fin.fixed_assets_total),
        (fields::FIXED_ASSETS_IN_USE, fin.fixed_assets_in_use),
        (fields::STAFF_AUTHORIZED, count(s.authorized)),
    ];
    let mut row = 1;
    for (field, value) in money {
        let (format, unit) = if field.path.starts_with("staff") {
            (&f.count, "人")
        } else {
            (&f.money, "万元")
        };
        sheet.write_string_with_format(row, 0, field.label, &f.text)?;
        match value {
            Some(v) => sheet.write_number_with_format(row, 1, number(v), format)?,
            None => sheet.write_string_with_format(row, 1, "未填写", &f.text)?,
        };
        sheet.write_string_with_format(row, 2, unit, &f.text)?;
        row += 1;
    }
    for (field, value) in [
        (fields::STAFF_ON_POST, s.on_post),
        (fields::STAFF_IN_ESTABLISHMENT, s.in_establishment),
        (fields::STAFF_BACHELOR, s.bachelor_or_above),
        (fields::STAFF_MASTERS, s.masters),
        (fields::STAFF_TITLED_TOTAL, s.titled_total),
        (fields::STAFF_SENIOR_FULL, s.senior_full),
        (fields::STAFF_SENIOR_DEPUTY, s.senior_deputy),
        (fields::STAFF_INTERMEDIATE, s.intermediate),
    ] {
        sheet.write_string_with_format(row, 0, field.label, &f.text)?;
        match value {
            Some(v) => sheet.write_number_with_format(row, 1, f64::from(v), &f.count)?,
            None => sheet.write_string_with_format(row, 1, "未填写", &f.text)?,
        };
        sheet.write_string_with_format(row, 2, "人", &f.text)?;
        row += 1;
    }
    for metric in Metric::ALL {
        sheet.write_string_with_format(row, 0, metric.label(), &f.text)?;
        match metric.compute(doc) {
            // Stored as a fraction with a percent format, rounded half up to 4 places (2 in percent) as printed.
            MetricValue::Rate { percent, .. } => {
                let fraction = zipin_core::number::round_half_up(percent, 2) / Decimal::ONE_HUNDRED;
                sheet.write_number_with_format(row, 1, number(fraction), &f.percent)?
            }
            MetricValue::ZeroDenominator { .. } => {
                sheet.write_string_with_format(row, 1, "分母为0", &f.text)?
            }
            MetricValue::Missing { .. } => {
                sheet.write_string_with_format(row, 1, "缺少数据", &f.text)?
            }
            MetricValue::TooLarge => {
                sheet.write_string_with_format(row, 1, "超出可计算范围", &f.text)?
            }
        };
        row += 1;
    }

    workbook.save_to_buffer()
}

/// A target cell: a number when it reads as one (without its unit), else the text as entered.
fn write_value(
    sheet: &mut Worksheet,
    f: &Formats,
    row: u32,
    col: u16,
    text: &str,
    unit: &str,
) -> Result<(), XlsxError> {
    match zipin_core::targets::parse_target_number(text, unit) {
        Some(v) if !text.trim().is_empty() => {
            sheet.write_number_with_format(row, col, number(v), &f.score)?
        }
        _ => sheet.write_string_with_format(row, col, text, &f.text)?,
    };
    Ok(())
}
