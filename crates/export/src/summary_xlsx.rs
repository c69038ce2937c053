//! The 汇总表 as .xlsx: sheet 汇总 (one row a unit, every column of the summary — 一级, 二级, the projects' count,
//! coverage and those under 良, every 三级 indicator — then 框架差异), sheet 校验问题 (every failing check of every
//! unit), sheet 评分调整 (every override with its reason), sheet 项目清单 (every project of every unit), and one sheet
//! per 一级 (its 二级 and 三级 columns), for a 主管部门 reporting to the 财政厅.
//!
//! Numbers are numbers (scores with two decimals, counts whole), a missing score an empty cell, so Excel can sum
//! and sort them. Laid out with the 自评表's helpers: A4 landscape, one page wide, the header row repeated.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use zipin_core::checks::Severity;
use zipin_core::number::fmt_score;
use zipin_core::summary::{Cell, Column, SortKey, Summary};

use crate::xlsx::{export_error, fit_row, header, number, text, Formats};
use crate::ExportError;

/// Excel's longest sheet name, in characters.
const SHEET_NAME_MAX: usize = 31;

/// The 汇总表 of `summary` as .xlsx bytes.
pub fn summary_xlsx(summary: &Summary) -> Result<Vec<u8>, ExportError> {
    write(summary).map_err(|e| {
        export_error(
            e,
            "单位或指标过多，超出 Excel 工作表的行数或列数上限，请分批汇总",
        )
    })
}

/// A column's header: its label, with the 分值 of a score column.
fn title(column: &Column) -> String {
    match column.weight {
        Some(weight) => format!("{}（{}分）", column.label, fmt_score(weight)),
        None => column.label.clone(),
    }
}

fn width(key: &SortKey) -> f64 {
    match key {
        SortKey::Source | SortKey::Framework => 22.0,
        SortKey::Unit => 26.0,
        SortKey::Level2(_) | SortKey::Indicator(_) => 12.0,
        _ => 9.0,
    }
}

/// A text column after the summary's: its title, its width and each row's text (by the row's index).
struct Extra<'a> {
    title: &'a str,
    width: f64,
    text: &'a dyn Fn(usize) -> String,
}

/// Writes one row a unit with `columns`, and `extra` after them.
fn table(
    sheet: &mut Worksheet,
    f: &Formats,
    summary: &Summary,
    columns: &[&Column],
    extra: Option<Extra<'_>>,
) -> Result<(), XlsxError> {
    let titles: Vec<String> = columns.iter().map(|c| title(c)).collect();
    let mut heads: Vec<(&str, f64)> = titles
        .iter()
        .zip(columns)
        .map(|(t, c)| (t.as_str(), width(&c.key)))
        .collect();
    if let Some(extra) = &extra {
        heads.push((extra.title, extra.width));
    }
    header(sheet, f, 0, &heads)?;
    let head_cells: Vec<(&str, f64)> = heads.clone();
    fit_row(sheet, 0, &head_cells)?;
    for (row, (index, unit)) in (1..=u32::MAX).zip(summary.rows.iter().enumerate()) {
        let mut texts: Vec<(String, f64)> = Vec::new();
        for (col, column) in (0..=u16::MAX).zip(columns) {
            match summary.cell(unit, &column.key) {
                Cell::Text(value) => {
                    text(sheet, row, col, &value, &f.text)?;
                    texts.push((value, width(&column.key)));
                }
                Cell::Score(score) => {
                    sheet.write_number_with_format(row, col, number(score), &f.score)?;
                }
                Cell::Count(n) => {
                    let n = u32::try_from(n).map_or(f64::from(u32::MAX), f64::from);
                    sheet.write_number_with_format(row, col, n, &f.count)?;
                }
                Cell::Percent(p) => {
                    let fraction = p
                        .checked_div(rust_decimal::Decimal::ONE_HUNDRED)
                        .unwrap_or_default();
                    sheet.write_number_with_format(row, col, number(fraction), &f.percent)?;
                }
                Cell::Missing => {
                    sheet.write_blank(row, col, &f.text)?;
                }
            }
        }
        if let Some(extra) = &extra {
            let col = u16::try_from(columns.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
            let value = (extra.text)(index);
            text(sheet, row, col, &value, &f.text)?;
            texts.push((value, extra.width));
        }
        let cells: Vec<(&str, f64)> = texts.iter().map(|(t, w)| (t.as_str(), *w)).collect();
        fit_row(sheet, row, &cells)?;
    }
    Ok(())
}

/// `name` cut to at most `max` UTF-16 units (Excel counts a character beyond the basic plane, 𠮷 or an emoji, as
/// two), without the apostrophes Excel refuses at either end.
fn shortened(name: &str, max: usize) -> String {
    let mut units = 0usize;
    let cut: String = name
        .trim_matches('\'')
        .chars()
        .take_while(|c| {
            units = units.saturating_add(c.len_utf16());
            units <= max
        })
        .collect();
    cut.trim_matches('\'').to_string()
}

/// `name` as Excel allows a sheet name (no `[]:*?/\`, at most 31 characters), unique among `taken`.
pub(crate) fn sheet_name(name: &str, taken: &mut Vec<String>) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let mut candidate = shortened(&clean, SHEET_NAME_MAX);
    let mut n = 1usize;
    while candidate.is_empty()
        || taken
            .iter()
            .any(|t| t.to_lowercase() == candidate.to_lowercase())
    {
        n = n.saturating_add(1);
        let suffix = format!("（{n}）");
        let keep = SHEET_NAME_MAX.saturating_sub(suffix.encode_utf16().count());
        candidate = shortened(&clean, keep) + &suffix;
    }
    taken.push(candidate.clone());
    candidate
}

fn write(summary: &Summary) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut workbook = Workbook::new();
    let mut taken: Vec<String> = Vec::new();

    let sheet = workbook
        .add_worksheet()
        .set_name(sheet_name("汇总", &mut taken))?;
    let columns: Vec<&Column> = summary.columns.iter().collect();
    let differs = |i: usize| {
        summary
            .rows
            .get(i)
            .map(|r| r.framework_differs.join("；"))
            .unwrap_or_default()
    };
    table(
        sheet,
        &f,
        summary,
        &columns,
        Some(Extra {
            title: "与多数单位评分框架的差异",
            width: 40.0,
            text: &differs,
        }),
    )?;

    let sheet = workbook
        .add_worksheet()
        .set_name(sheet_name("校验问题", &mut taken))?;
    let widths = [22.0, 26.0, 8.0, 28.0, 60.0];
    let [w_source, w_unit, _, w_title, w_message] = widths;
    let heads: Vec<(&str, f64)> = ["来源", "单位", "级别", "问题", "说明"]
        .into_iter()
        .zip(widths)
        .collect();
    header(sheet, &f, 0, &heads)?;
    let checks = summary
        .rows
        .iter()
        .flat_map(|unit| unit.checks.iter().map(move |check| (unit, check)));
    for (row, (unit, check)) in (1..=u32::MAX).zip(checks) {
        let severity = match check.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        text(sheet, row, 0, &unit.source, &f.text)?;
        text(sheet, row, 1, &unit.unit_name, &f.text)?;
        text(sheet, row, 2, severity, &f.text)?;
        text(sheet, row, 3, &check.title, &f.text)?;
        text(sheet, row, 4, &check.message, &f.text)?;
        fit_row(
            sheet,
            row,
            &[
                (&unit.source, w_source),
                (&unit.unit_name, w_unit),
                (&check.title, w_title),
                (&check.message, w_message),
            ],
        )?;
    }

    let sheet = workbook
        .add_worksheet()
        .set_name(sheet_name("评分调整", &mut taken))?;
    let widths = [22.0, 26.0, 26.0, 10.0, 10.0, 50.0];
    let [w_source, w_unit, w_name, _, _, w_reason] = widths;
    let heads: Vec<(&str, f64)> = ["来源", "单位", "三级指标", "规则得分", "调整后得分", "理由"]
        .into_iter()
        .zip(widths)
        .collect();
    header(sheet, &f, 0, &heads)?;
    let overrides = summary
        .rows
        .iter()
        .flat_map(|unit| unit.overrides.iter().map(move |o| (unit, o)));
    for (row, (unit, o)) in (1..=u32::MAX).zip(overrides) {
        text(sheet, row, 0, &unit.source, &f.text)?;
        text(sheet, row, 1, &unit.unit_name, &f.text)?;
        text(sheet, row, 2, &o.name, &f.text)?;
        match o.rule_score {
            Some(score) => {
                sheet.write_number_with_format(row, 3, number(score), &f.score)?;
            }
            None => {
                sheet.write_blank(row, 3, &f.text)?;
            }
        }
        sheet.write_number_with_format(row, 4, number(o.score), &f.score)?;
        text(sheet, row, 5, &o.reason, &f.text)?;
        fit_row(
            sheet,
            row,
            &[
                (&unit.source, w_source),
                (&unit.unit_name, w_unit),
                (&o.name, w_name),
                (&o.reason, w_reason),
            ],
        )?;
    }

    // Every project of every unit, with its funds, 执行率, 总分 and 等次.
    let sheet = workbook
        .add_worksheet()
        .set_name(sheet_name("项目清单", &mut taken))?;
    let widths = [22.0, 26.0, 6.0, 32.0, 24.0, 14.0, 14.0, 10.0, 8.0, 6.0];
    let [w_source, w_unit, _, w_name, w_implementer, ..] = widths;
    let heads: Vec<(&str, f64)> = ["来源", "单位"]
        .into_iter()
        .chain(zipin_core::present::project_form::OVERVIEW_HEADER)
        .zip(widths)
        .collect();
    header(sheet, &f, 0, &heads)?;
    let projects = summary
        .rows
        .iter()
        .flat_map(|unit| unit.project_list.iter().map(move |p| (unit, p)));
    for (row, (unit, p)) in (1..=u32::MAX).zip(projects) {
        text(sheet, row, 0, &unit.source, &f.text)?;
        text(sheet, row, 1, &unit.unit_name, &f.text)?;
        let n = u32::try_from(p.number).map_or(f64::from(u32::MAX), f64::from);
        sheet.write_number_with_format(row, 2, n, &f.count)?;
        text(sheet, row, 3, &p.name, &f.text)?;
        text(sheet, row, 4, &p.implementer, &f.text)?;
        let percent = p
            .rate
            .and_then(|r| r.checked_div(rust_decimal::Decimal::ONE_HUNDRED));
        let figures = [
            (5, p.adjusted, &f.money),
            (6, p.spent, &f.money),
            (7, percent, &f.percent),
            (8, p.total, &f.score),
        ];
        for (col, value, format) in figures {
            match value {
                Some(v) => {
                    sheet.write_number_with_format(row, col, number(v), format)?;
                }
                None => {
                    sheet.write_blank(row, col, &f.text)?;
                }
            }
        }
        text(sheet, row, 9, &p.grade, &f.text)?;
        fit_row(
            sheet,
            row,
            &[
                (&unit.source, w_source),
                (&unit.unit_name, w_unit),
                (&p.name, w_name),
                (&p.implementer, w_implementer),
            ],
        )?;
    }

    // One sheet per 一级: the unit, the 一级's score, its 二级 and its 三级 indicators.
    if let Some(framework) = &summary.majority_framework {
        let mut level2_at = 0usize;
        for (i, l1) in framework.level1.iter().enumerate() {
            let level2_range = level2_at..level2_at.saturating_add(l1.level2.len());
            level2_at = level2_range.end;
            let ids: Vec<&str> = l1
                .level2
                .iter()
                .flat_map(|l2| l2.indicators.iter().map(|ind| ind.id.as_str()))
                .collect();
            let columns: Vec<&Column> = summary
                .columns
                .iter()
                .filter(|c| match &c.key {
                    SortKey::Source | SortKey::Unit => true,
                    SortKey::Level1(at) => *at == i,
                    SortKey::Level2(at) => level2_range.contains(at),
                    SortKey::Indicator(id) => ids.contains(&id.as_str()),
                    _ => false,
                })
                .collect();
            let sheet = workbook
                .add_worksheet()
                .set_name(sheet_name(&l1.name, &mut taken))?;
            table(sheet, &f, summary, &columns, None)?;
        }
    }

    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_what_excel_allows_and_unique() {
        let mut taken = vec!["汇总".to_string()];
        assert_eq!(sheet_name("汇总", &mut taken), "汇总（2）");
        assert_eq!(sheet_name("a/b[c]", &mut taken), "a_b_c_");
        let long = "长".repeat(40);
        let first = sheet_name(&long, &mut taken);
        assert_eq!(first.chars().count(), 31);
        let second = sheet_name(&long, &mut taken);
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with("（2）"));
        assert_eq!(sheet_name("", &mut taken), "（2）");
    }

    #[test]
    fn a_name_beyond_the_basic_plane_is_cut_as_excel_counts_it() {
        let mut taken = Vec::new();
        let astral = format!("1.𠮷{}", "监测".repeat(15));
        let name = sheet_name(&astral, &mut taken);
        assert!(name.encode_utf16().count() <= 31, "{name}");
        let again = sheet_name(&astral, &mut taken);
        assert!(
            again.encode_utf16().count() <= 31 && again.ends_with("（2）"),
            "{again}"
        );
        let emoji = sheet_name(&"😀".repeat(20), &mut taken);
        assert_eq!(emoji.chars().count(), 15);
        assert_eq!(sheet_name("'引号'", &mut taken), "引号");
        // Each is a name rust_xlsxwriter (as Excel) accepts.
        let mut book = Workbook::new();
        for n in [name, again, emoji] {
            book.add_worksheet()
                .set_name(n)
                .expect("a valid sheet name");
        }
    }
}
