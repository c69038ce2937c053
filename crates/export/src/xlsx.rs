//! The 自评表 as .xlsx: sheet 评分表 (一级 | 二级 | 三级 | 分值 | 评分标准 | 自评得分 | 扣分原因), sheet 绩效目标 and
//! sheet 基础数据. Numbers are stored as numbers with number formats, so the officer's Excel can sum them.
//!
//! Excel stores every number as an IEEE double: the exact decimals are converted only here, at the file format's
//! edge, and every figure written has at most 6 decimals, which a double holds exactly enough to print back.
//!
//! Every text cell is written by [`text`]: without the characters XML forbids, and cut with a visible note when it
//! is longer than an Excel cell can hold, so no text a document holds can make the export fail.

use std::borrow::Cow;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use zipin_core::fields::{Field, FieldKind};
use zipin_core::metrics::{Metric, MetricValue};
use zipin_core::present::{score_table, target_row_scores, SCORE_TABLE_HEADER};
use zipin_core::{evaluate, Document};

use crate::ExportError;

fn number(d: Decimal) -> f64 {
    d.to_f64().unwrap_or_default()
}

/// Excel's limit on the text of one cell, counted as Excel counts: in UTF-16 code units.
const CELL_LIMIT: usize = 32_767;
/// Ends a text cut at [`CELL_LIMIT`], so the reader sees that something is missing and where to find it.
const CUT_NOTE: &str = "……（以下内容超出 Excel 单元格 32767 字的上限，已截断，全文见报告）";

fn utf16_len(text: &str) -> usize {
    text.chars()
        .fold(0usize, |n, c| n.saturating_add(c.len_utf16()))
}

/// `text` as an Excel cell can hold it: without the characters XML forbids, and when longer than [`CELL_LIMIT`],
/// cut on a character boundary with [`CUT_NOTE`] appended (the whole within the limit).
fn cell_text(text: &str) -> Cow<'_, str> {
    let clean = crate::xml_text(text);
    if utf16_len(&clean) <= CELL_LIMIT {
        return clean;
    }
    let budget = CELL_LIMIT.saturating_sub(utf16_len(CUT_NOTE));
    let mut used = 0usize;
    let mut cut = String::with_capacity(budget.saturating_mul(3));
    for c in clean.chars() {
        used = used.saturating_add(c.len_utf16());
        if used > budget {
            break;
        }
        cut.push(c);
    }
    cut.push_str(CUT_NOTE);
    Cow::Owned(cut)
}

/// Writes a text cell; every string the workbook holds goes through here.
fn text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(row, col, cell_text(value), format)?;
    Ok(())
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
    for (col, (title, width)) in (0..=u16::MAX).zip(titles) {
        text(sheet, 0, col, title, &f.header)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The 自评表 of `doc` as .xlsx bytes.
pub fn xlsx(doc: &Document) -> Result<Vec<u8>, ExportError> {
    write(doc).map_err(|e| match e {
        XlsxError::RowColumnLimitError => ExportError(
            "无法生成 Excel 文件：行数超出 Excel 工作表的上限（1048576 行），请减少绩效目标或指标的行数".to_string(),
        ),
        e => ExportError(format!("无法生成 Excel 文件：{e}")),
    })
}

fn write(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let evaluation = evaluate(doc);
    let f = Formats::new();
    let mut workbook = Workbook::new();

    let sheet = workbook.add_worksheet().set_name("评分表")?;
    let widths = [12.0, 12.0, 24.0, 8.0, 48.0, 10.0, 40.0];
    let columns: Vec<(&str, f64)> = SCORE_TABLE_HEADER.into_iter().zip(widths).collect();
    header(sheet, &f, &columns)?;
    // The 一级 and 二级 names are repeated on every row; no cells are merged.
    let table = score_table(&doc.framework, &evaluation);
    let mut row: u32 = 1;
    for r in &table.rows {
        text(sheet, row, 0, &r.level1.name, &f.text)?;
        text(sheet, row, 1, &r.level2.name, &f.text)?;
        text(sheet, row, 2, &r.name, &f.text)?;
        sheet.write_number_with_format(row, 3, number(r.weight), &f.score)?;
        text(sheet, row, 4, &r.standard, &f.text)?;
        match r.score {
            Some(score) => {
                sheet.write_number_with_format(row, 5, number(score), &f.score)?;
            }
            None => text(sheet, row, 5, "", &f.score)?,
        };
        text(sheet, row, 6, &r.reason, &f.text)?;
        // Past u32::MAX the row stays out of Excel's range, and the next write reports it as an error.
        row = row.saturating_add(1);
    }
    let total = &table.total;
    text(sheet, row, 0, &total.label, &f.total)?;
    sheet.write_number_with_format(row, 3, number(total.max), &f.total)?;
    text(sheet, row, 4, &total.grade_text, &f.text)?;
    sheet.write_number_with_format(row, 5, number(total.score), &f.total)?;

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
    let scores = target_row_scores(&doc.targets, &evaluation);
    for ((t, score), row) in doc.targets.iter().zip(&scores).zip(1..=u32::MAX) {
        for (col, value) in [(0, &t.level1), (1, &t.level2), (2, &t.name)] {
            text(sheet, row, col, value, &f.text)?;
        }
        text(sheet, row, 3, t.operator.symbol(), &f.text)?;
        write_value(sheet, &f, row, 4, &t.target, &t.unit)?;
        text(sheet, row, 5, &t.unit, &f.text)?;
        write_value(sheet, &f, row, 6, &t.actual, &t.unit)?;
        for (col, value) in [(7, score.weight), (8, score.score)] {
            match value {
                Some(v) => {
                    sheet.write_number_with_format(row, col, number(v), &f.score)?;
                }
                None => text(sheet, row, col, "", &f.text)?,
            }
        }
        text(sheet, row, 9, &t.deviation_reason, &f.text)?;
    }

    let sheet = workbook.add_worksheet().set_name("基础数据")?;
    header(sheet, &f, &[("项目", 36.0), ("数值", 16.0), ("单位", 8.0)])?;
    // Every money field, then every count, from the one field list.
    let numbers = Field::money().chain(
        Field::ALL
            .iter()
            .copied()
            .filter(|field| field.kind() == FieldKind::Count),
    );
    let mut row: u32 = 1;
    for field in numbers {
        let format = match field.kind() {
            FieldKind::Count => &f.count,
            _ => &f.money,
        };
        text(sheet, row, 0, field.label(), &f.text)?;
        match doc.number(field) {
            Some(v) => {
                sheet.write_number_with_format(row, 1, number(v), format)?;
            }
            None => text(sheet, row, 1, "未填写", &f.text)?,
        };
        text(sheet, row, 2, field.unit(), &f.text)?;
        row = row.saturating_add(1);
    }
    for metric in Metric::ALL {
        text(sheet, row, 0, metric.label(), &f.text)?;
        match metric.compute(doc) {
            // Stored as a fraction with a percent format, rounded half up to 4 places (2 in percent) as printed.
            // Dividing by 100 cannot overflow; the checked form only keeps the arithmetic lint honest.
            MetricValue::Rate { percent, .. } => {
                match zipin_core::number::round_half_up(percent, 2)
                    .checked_div(Decimal::ONE_HUNDRED)
                {
                    Some(fraction) => {
                        sheet.write_number_with_format(row, 1, number(fraction), &f.percent)?;
                    }
                    None => text(sheet, row, 1, "无法计算", &f.text)?,
                }
            }
            MetricValue::ZeroDenominator { .. } => text(sheet, row, 1, "分母为0", &f.text)?,
            MetricValue::Missing { .. } => text(sheet, row, 1, "缺少数据", &f.text)?,
            MetricValue::TooLarge => text(sheet, row, 1, "超出可计算范围", &f.text)?,
        };
        row = row.saturating_add(1);
    }

    workbook.save_to_buffer()
}

/// A target cell: a number when it reads as one (without its unit), else the text as entered.
fn write_value(
    sheet: &mut Worksheet,
    f: &Formats,
    row: u32,
    col: u16,
    value: &str,
    unit: &str,
) -> Result<(), XlsxError> {
    match zipin_core::targets::parse_target_number(value, unit) {
        Some(v) if !value.trim().is_empty() => {
            sheet.write_number_with_format(row, col, number(v), &f.score)?;
            Ok(())
        }
        _ => text(sheet, row, col, value, &f.text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_at_the_limit_is_kept_whole() {
        let full = "预".repeat(CELL_LIMIT);
        assert!(matches!(cell_text(&full), Cow::Borrowed(t) if t == full));
        // 𠀀 is one character but two UTF-16 units, as Excel counts it.
        let astral = "𠀀".repeat(CELL_LIMIT / 2);
        assert_eq!(cell_text(&astral), astral);
    }

    #[test]
    fn a_longer_text_is_cut_with_the_note_within_the_limit() {
        for long in [
            "预".repeat(CELL_LIMIT + 1),
            "𠀀".repeat(CELL_LIMIT / 2 + 1),
            format!("a{}", "𠀀".repeat(40_000)),
        ] {
            let cut = cell_text(&long);
            assert!(utf16_len(&cut) <= CELL_LIMIT, "{}", utf16_len(&cut));
            // A pair is never split: at most one unit short of the limit.
            assert!(utf16_len(&cut) >= CELL_LIMIT - 1, "{}", utf16_len(&cut));
            let kept = cut.strip_suffix(CUT_NOTE).expect("the note ends the cell");
            assert!(long.starts_with(kept));
        }
    }

    #[test]
    fn forbidden_characters_are_removed_before_counting() {
        let text = format!("{}\u{1}\u{FFFF}", "预".repeat(CELL_LIMIT));
        assert_eq!(cell_text(&text), "预".repeat(CELL_LIMIT));
    }
}
