//! The 自评表 as .xlsx: sheet 评分表 (一级 | 二级 | 三级 | 分值 | 评分标准 | 自评得分 | 扣分原因), sheet 绩效目标 and
//! sheet 基础数据. Numbers are stored as numbers with number formats, so the officer's Excel can sum them.
//!
//! Laid out as officers print it for signature: A4 landscape, fit to one page wide (as many pages tall as needed),
//! the column header row repeated on every printed page, page numbers in the footer. The 评分表 opens with a title
//! row (单位名称 + 年度 + 部门整体支出绩效自评表) and a 填报单位 / 填报日期 line above its header row
//! ([`SCORE_HEADER_ROW`]); the document holds no date, so 填报日期 is left blank for the officer's pen.
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

pub(crate) fn number(d: Decimal) -> f64 {
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
pub(crate) fn cell_text(text: &str) -> Cow<'_, str> {
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
pub(crate) fn text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(row, col, cell_text(value), format)?;
    Ok(())
}

/// The row (zero-based) of the 评分表's column header: below the title row and the 填报单位 / 填报日期 line.
const SCORE_HEADER_ROW: u32 = 2;

pub(crate) struct Formats {
    pub(crate) title: Format,
    pub(crate) filled_by: Format,
    pub(crate) filled_on: Format,
    pub(crate) header: Format,
    pub(crate) text: Format,
    pub(crate) score: Format,
    pub(crate) money: Format,
    pub(crate) count: Format,
    pub(crate) percent: Format,
    pub(crate) total: Format,
    pub(crate) total_label: Format,
}

impl Formats {
    pub(crate) fn new() -> Formats {
        let base = Format::new()
            .set_font_name("宋体")
            .set_font_size(11)
            .set_border(FormatBorder::Thin);
        let plain = Format::new().set_font_name("宋体").set_font_size(11);
        Formats {
            title: plain
                .clone()
                .set_font_size(18)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            filled_by: plain.clone().set_align(FormatAlign::VerticalCenter),
            filled_on: plain
                .set_align(FormatAlign::Right)
                .set_align(FormatAlign::VerticalCenter),
            header: base
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
                .set_background_color("#EEF0F3"),
            text: base.clone().set_text_wrap().set_align(FormatAlign::Top),
            score: base
                .clone()
                .set_num_format("0.00")
                .set_align(FormatAlign::Top),
            money: base.clone().set_num_format("#,##0.00"),
            count: base.clone().set_num_format("0"),
            percent: base.clone().set_num_format("0.00%"),
            total_label: base
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            total: base.set_bold().set_num_format("0.00"),
        }
    }
}

/// Writes the column header at `row`, sets the column widths, freezes the panes below it and sets up the page as
/// officers print it: A4 landscape, one page wide, the header row repeated on every page, centred, numbered.
pub(crate) fn header(
    sheet: &mut Worksheet,
    f: &Formats,
    row: u32,
    titles: &[(&str, f64)],
) -> Result<(), XlsxError> {
    for (col, (title, width)) in (0..=u16::MAX).zip(titles) {
        text(sheet, row, col, title, &f.header)?;
        sheet.set_column_width(col, *width)?;
    }
    let below = row.saturating_add(1);
    sheet.set_freeze_panes(below, 0)?;
    sheet.set_repeat_rows(row, row)?;
    print_setup(sheet).set_landscape();
    Ok(())
}

/// The page as officers print it: A4, one page wide (as many tall as needed), centred, numbered; portrait unless
/// the caller turns it.
pub(crate) fn print_setup(sheet: &mut Worksheet) -> &mut Worksheet {
    sheet
        .set_paper_size(9) // A4
        .set_portrait()
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true)
        // Inches: left, right, top, bottom, header, footer.
        .set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3)
        .set_footer("&C第 &P 页，共 &N 页")
}

/// Points a wrapped line takes: 11 pt 宋体 needs 14.25; a substitute CJK font (Noto Sans CJK in LibreOffice) 16.
const LINE_POINTS: f64 = 16.0;
/// Excel's largest row height, in points.
const MAX_ROW_POINTS: f64 = 409.0;

/// How many lines `text` wraps to in a column `width` characters wide (of the default font's digits): a Chinese
/// (any non-ASCII) character is counted as two, with a tenth to spare for the cell's padding, and every line break
/// the text holds starts a line.
fn wrapped_lines(text: &str, width: f64) -> f64 {
    let capacity = (width - 1.0).max(1.0);
    text.split('\n')
        .map(|line| {
            let units: f64 = line
                .chars()
                .map(|c| if c.is_ascii() { 1.1 } else { 2.2 })
                .fold(0.0, |sum, u| sum + u);
            (units / capacity).ceil().max(1.0)
        })
        .fold(0.0, |sum, lines| sum + lines)
}

/// Sets the height of `row` to hold its wrapped cells (each a text and its column's width) whole. Excel would fit
/// the height on opening, but LibreOffice keeps the default height and a printout would cut the text.
pub(crate) fn fit_row(
    sheet: &mut Worksheet,
    row: u32,
    cells: &[(&str, f64)],
) -> Result<(), XlsxError> {
    let lines = cells
        .iter()
        .map(|(text, width)| wrapped_lines(text, *width))
        .fold(1.0, f64::max);
    sheet.set_row_height(row, (lines * LINE_POINTS + 4.0).min(MAX_ROW_POINTS))?;
    Ok(())
}

/// The 评分表's title: 单位名称 + 年度 + 部门整体支出绩效自评表, leaving out what the document does not hold.
fn score_title(doc: &Document) -> String {
    let year = doc
        .unit
        .year
        .map(|y| format!("{y}年度"))
        .unwrap_or_default();
    format!("{}{year}部门整体支出绩效自评表", doc.unit.name.trim())
}

/// The 自评表 of `doc` as .xlsx bytes.
pub fn xlsx(doc: &Document) -> Result<Vec<u8>, ExportError> {
    write(doc).map_err(|e| {
        export_error(
            e,
            "行数超出 Excel 工作表的上限（1048576 行），请减少绩效目标或指标的行数",
        )
    })
}

/// The Chinese message for a workbook that could not be written; `beyond_limit` says what to do when a sheet
/// would exceed Excel's rows or columns.
pub(crate) fn export_error(e: XlsxError, beyond_limit: &str) -> ExportError {
    match e {
        XlsxError::RowColumnLimitError => {
            ExportError(format!("无法生成 Excel 文件：{beyond_limit}"))
        }
        e => ExportError(format!("无法生成 Excel 文件：{e}")),
    }
}

fn write(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let evaluation = evaluate(doc);
    let f = Formats::new();
    let mut workbook = Workbook::new();

    let sheet = workbook.add_worksheet().set_name("评分表")?;
    // Widths in characters of the default font; a Chinese character takes two.
    let widths = [12.0, 12.0, 30.0, 8.0, 52.0, 10.0, 40.0];
    let [w_level1, w_level2, w_name, _, w_standard, _, w_reason] = widths;
    let columns: Vec<(&str, f64)> = SCORE_TABLE_HEADER.into_iter().zip(widths).collect();
    let last_col: u16 = 6;
    sheet.merge_range(0, 0, 0, last_col, &cell_text(&score_title(doc)), &f.title)?;
    sheet.set_row_height(0, 36)?;
    sheet.merge_range(
        1,
        0,
        1,
        3,
        &cell_text(&format!("填报单位（盖章）：{}", doc.unit.name.trim())),
        &f.filled_by,
    )?;
    sheet.merge_range(
        1,
        4,
        1,
        last_col,
        "填报日期：        年    月    日",
        &f.filled_on,
    )?;
    sheet.set_row_height(1, 24)?;
    header(sheet, &f, SCORE_HEADER_ROW, &columns)?;
    sheet.set_row_height(SCORE_HEADER_ROW, 24)?;
    // The 一级 and 二级 names are repeated on every row; no cells of the table are merged but the total's label.
    let table = score_table(&doc.framework, &evaluation);
    let mut row: u32 = SCORE_HEADER_ROW.saturating_add(1);
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
        fit_row(
            sheet,
            row,
            &[
                (&r.level1.name, w_level1),
                (&r.level2.name, w_level2),
                (&r.name, w_name),
                (&r.standard, w_standard),
                (&r.reason, w_reason),
            ],
        )?;
        // Past u32::MAX the row stays out of Excel's range, and the next write reports it as an error.
        row = row.saturating_add(1);
    }
    let total = &table.total;
    sheet.merge_range(row, 0, row, 2, &cell_text(&total.label), &f.total_label)?;
    sheet.write_number_with_format(row, 3, number(total.max), &f.total)?;
    text(sheet, row, 4, &total.grade_text, &f.text)?;
    sheet.write_number_with_format(row, 5, number(total.score), &f.total)?;
    sheet.write_blank(row, 6, &f.text)?;
    fit_row(sheet, row, &[(&total.grade_text, w_standard)])?;

    let sheet = workbook.add_worksheet().set_name("绩效目标")?;
    let (w_level1, w_level2, w_name, w_value, w_reason) = (12.0, 16.0, 28.0, 12.0, 36.0);
    header(
        sheet,
        &f,
        0,
        &[
            ("一级指标", w_level1),
            ("二级指标", w_level2),
            ("三级指标", w_name),
            ("运算符", 8.0),
            ("指标值", w_value),
            ("单位", 8.0),
            ("实际完成值", w_value),
            ("权重", 8.0),
            ("得分", 8.0),
            ("偏差原因", w_reason),
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
        fit_row(
            sheet,
            row,
            &[
                (&t.level1, w_level1),
                (&t.level2, w_level2),
                (&t.name, w_name),
                (&t.target, w_value),
                (&t.actual, w_value),
                (&t.deviation_reason, w_reason),
            ],
        )?;
    }

    let sheet = workbook.add_worksheet().set_name("基础数据")?;
    header(
        sheet,
        &f,
        0,
        &[("项目", 36.0), ("数值", 16.0), ("单位", 8.0)],
    )?;
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
