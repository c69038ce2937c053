//! The 项目支出绩效自评表 as .xlsx: sheet 项目总览 (every project with its funds, 执行率, 总分 and 等次, and their
//! sums), then a sheet per project in the form's layout ([`project_form`]: the header, the funds block, the 年度总体目标,
//! the indicator rows, 总分 and the short self-evaluation text), its spans written as merged cells.
//!
//! Printed as officers sign it: A4 portrait, one page wide, the form's title and 项目名称 repeated on every page.
//! Figures are numbers with number formats (the exact decimal the page shows, converted only here).

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use zipin_core::present::project_form::{
    project_form, project_overview, CellRole, Figure, FormCell, ProjectForm, FORM_COLUMNS,
    OVERVIEW_HEADER,
};
use zipin_core::project::{evaluate_selected, project_name, PlacedProject, ProjectSelection};
use zipin_core::Document;

use crate::summary_xlsx::sheet_name;
use crate::xlsx::{cell_text, export_error, fit_row, header, number, print_setup, text, Formats};
use crate::ExportError;

/// The form's ten column widths, in characters of the default font (a Chinese character takes two).
const FORM_WIDTHS: [f64; 10] = [9.0, 9.0, 16.0, 8.0, 9.0, 8.0, 9.0, 7.0, 10.0, 22.0];

/// The projects of `doc` that `selection` names as .xlsx bytes (one project keeps its number).
pub fn projects_xlsx(doc: &Document, selection: ProjectSelection) -> Result<Vec<u8>, ExportError> {
    let Some(placed) = evaluate_selected(doc, selection) else {
        return Err(ExportError(
            "无法生成 Excel 文件：项目评分表式有误，无法计分".to_string(),
        ));
    };
    write(doc, &placed)
        .map_err(|e| export_error(e, "项目的指标行数超出 Excel 工作表的上限，请减少指标行"))
}

fn write(doc: &Document, placed: &[PlacedProject]) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut workbook = Workbook::new();
    let mut taken: Vec<String> = Vec::new();

    let look = Looks::new(&f);
    let overview = project_overview(placed);
    let name = sheet_name("项目总览", &mut taken);
    let sheet = workbook.add_worksheet().set_name(name)?;
    let widths = [6.0, 36.0, 24.0, 14.0, 14.0, 10.0, 8.0, 6.0];
    let columns: Vec<(&str, f64)> = OVERVIEW_HEADER.into_iter().zip(widths).collect();
    let last = u16::try_from(columns.len().saturating_sub(1)).unwrap_or(0);
    let year = doc
        .unit
        .year
        .map(|y| format!("{y}年度"))
        .unwrap_or_default();
    let title = format!("{}{year}项目支出绩效自评汇总", doc.unit.name.trim());
    sheet.merge_range(0, 0, 0, last, &cell_text(&title), &f.title)?;
    sheet.set_row_height(0, 30)?;
    header(sheet, &f, 1, &columns)?;
    let mut row: u32 = 2;
    for r in &overview.rows {
        sheet.write_number_with_format(row, 0, r.number as f64, &look.value)?;
        text(sheet, row, 1, &r.name, &look.left)?;
        text(sheet, row, 2, &r.implementer, &look.left)?;
        optional(sheet, &f, &look, row, 3, r.adjusted.map(Figure::Money))?;
        optional(sheet, &f, &look, row, 4, r.spent.map(Figure::Money))?;
        optional(sheet, &f, &look, row, 5, r.rate.map(Figure::Percent))?;
        optional(sheet, &f, &look, row, 6, r.total.map(Figure::Score))?;
        text(sheet, row, 7, &r.grade, &look.value)?;
        fit_row(sheet, row, &[(&r.name, 36.0), (&r.implementer, 24.0)])?;
        row = row.saturating_add(1);
    }
    sheet.merge_range(row, 0, row, 2, "合计", &f.total_label)?;
    optional(
        sheet,
        &f,
        &look,
        row,
        3,
        overview.adjusted.map(Figure::Money),
    )?;
    optional(sheet, &f, &look, row, 4, overview.spent.map(Figure::Money))?;
    optional(sheet, &f, &look, row, 5, overview.rate.map(Figure::Percent))?;
    for col in 6..=7 {
        sheet.write_blank(row, col, &f.text)?;
    }
    print_setup(sheet);

    for p in placed {
        let form = project_form(p.project, &p.evaluation, &doc.unit.name, doc.unit.year);
        let name = sheet_name(
            &format!(
                "{}.{}",
                p.index.saturating_add(1),
                project_name(p.index, p.project)
            ),
            &mut taken,
        );
        let sheet = workbook.add_worksheet().set_name(name)?;
        form_sheet(sheet, &f, &look, &form)?;
    }
    workbook.save_to_buffer()
}

/// The formats of the form's cells beyond the 自评表's.
struct Looks {
    /// Figures, centred like the form's other values.
    money: Format,
    score: Format,
    percent: Format,
    section: Format,
    label: Format,
    value: Format,
    /// A name in a list: left, centred vertically.
    left: Format,
    subtitle: Format,
}

impl Looks {
    fn new(f: &Formats) -> Looks {
        let centred = |format: &Format| {
            format
                .clone()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
        };
        Looks {
            // Amounts as entered (at least two decimals, up to the six the gate allows), as the 执行率 beside them
            // is computed from them.
            money: centred(&f.money).set_num_format("#,##0.00####"),
            score: centred(&f.score),
            percent: centred(&f.percent),
            section: f
                .header
                .clone()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::VerticalCenter),
            label: f
                .text
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            value: f
                .text
                .clone()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            left: f.text.clone().set_align(FormatAlign::VerticalCenter),
            subtitle: f.filled_by.clone().set_align(FormatAlign::Center),
        }
    }

    fn of<'a>(&'a self, f: &'a Formats, role: CellRole) -> &'a Format {
        match role {
            CellRole::Section => &self.section,
            CellRole::Header => &f.header,
            CellRole::Label => &self.label,
            CellRole::Value => &self.value,
            CellRole::Text => &f.text,
            CellRole::Total => &f.total_label,
        }
    }
}

/// A figure in its number format, or an empty bordered cell.
fn optional(
    sheet: &mut Worksheet,
    f: &Formats,
    look: &Looks,
    row: u32,
    col: u16,
    figure: Option<Figure>,
) -> Result<(), XlsxError> {
    match figure {
        Some(figure) => {
            let (value, format) = figure_value(look, figure);
            sheet.write_number_with_format(row, col, value, format)?;
        }
        None => text(sheet, row, col, "", &f.text)?,
    }
    Ok(())
}

/// The number Excel stores for `figure` (a rate as a fraction, as shown at 0.01%) and its format.
fn figure_value(look: &Looks, figure: Figure) -> (f64, &Format) {
    match figure {
        Figure::Money(v) => (number(v), &look.money),
        Figure::Score(v) => (number(v), &look.score),
        Figure::Percent(v) => (
            number(v.checked_div(Decimal::ONE_HUNDRED).unwrap_or_default()),
            &look.percent,
        ),
    }
}

/// Writes `form` on `sheet`: title, subtitle, then each line with its spans merged.
fn form_sheet(
    sheet: &mut Worksheet,
    f: &Formats,
    look: &Looks,
    form: &ProjectForm,
) -> Result<(), XlsxError> {
    let last = FORM_COLUMNS.saturating_sub(1);
    for (col, width) in (0..).zip(FORM_WIDTHS) {
        sheet.set_column_width(col, width)?;
    }
    sheet.merge_range(0, 0, 0, last, &cell_text(&form.title), &f.title)?;
    sheet.set_row_height(0, 30)?;
    sheet.merge_range(1, 0, 1, last, &cell_text(&form.subtitle), &look.subtitle)?;
    let mut row: u32 = 2;
    for line in &form.lines {
        let mut col: u16 = 0;
        let mut fit: Vec<(&str, f64)> = Vec::new();
        for cell in line {
            write_cell(sheet, f, look, row, col, cell)?;
            let end = col.saturating_add(cell.span).min(FORM_COLUMNS);
            let width: f64 = FORM_WIDTHS
                .iter()
                .take(usize::from(end))
                .skip(usize::from(col))
                .fold(0.0, |sum, w| sum + w);
            fit.push((&cell.text, width));
            col = end;
        }
        fit_row(sheet, row, &fit)?;
        row = row.saturating_add(1);
    }
    print_setup(sheet);
    // The form's title, year and 项目名称 head every printed page.
    sheet.set_repeat_rows(0, 2)?;
    Ok(())
}

fn write_cell(
    sheet: &mut Worksheet,
    f: &Formats,
    look: &Looks,
    row: u32,
    col: u16,
    cell: &FormCell,
) -> Result<(), XlsxError> {
    let format = look.of(f, cell.role);
    let last = col
        .saturating_add(cell.span.max(1))
        .saturating_sub(1)
        .min(FORM_COLUMNS.saturating_sub(1));
    let (value, number_format) = match cell.figure {
        Some(figure) => {
            let (v, nf) = figure_value(look, figure);
            (Some(v), nf)
        }
        None => (None, format),
    };
    if last > col {
        sheet.merge_range(row, col, row, last, "", format)?;
    }
    match value {
        Some(v) => {
            sheet.write_number_with_format(row, col, v, number_format)?;
        }
        None => text(sheet, row, col, &cell.text, format)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_writes_a_sheet_per_project_after_the_overview() {
        let doc = zipin_core::samples::example();
        assert!(doc.projects.len() >= 3);
        let bytes = projects_xlsx(&doc, ProjectSelection::All).unwrap();
        assert!(bytes.starts_with(b"PK"));
        let no_projects = zipin_core::samples::seed();
        assert!(no_projects.projects.is_empty());
        let empty = projects_xlsx(&no_projects, ProjectSelection::All).unwrap();
        assert!(empty.starts_with(b"PK"));
    }
}
