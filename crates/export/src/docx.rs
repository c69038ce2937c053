//! The report as .docx, laid out as GB/T 9704 asks of a 公文: A4; margins top 37 mm, bottom 35 mm, left 28 mm,
//! right 26 mm; title 2号 小标宋; body 3号 仿宋_GB2312; 一级标题 3号 黑体; 二级标题 3号 楷体; exact line spacing
//! that gives 22 lines a page; page numbers in the footer; appendices with the 自评表 and the 绩效目标 table.
//! Every run carries its East Asian font, or Word would show the Chinese in a theme font. All text goes through
//! [`run`], which keeps out the characters XML forbids.
//!
//! An office laptop seldom has the 公文 fonts (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312): the font table names, for
//! each Chinese font the document uses, a fallback that every Windows and WPS install has ([`FALLBACKS`]), as
//! `w:altName`, which Word tries before substituting by metrics, with the GB2312 character set and the family
//! that steer a substitution by metrics to a Chinese face. (LibreOffice ignores `w:altName` and substitutes on
//! its own: scripts/office_check shows what it picks.) The appendix tables have fixed column widths that add up
//! to the type area, and their header row repeats on every page (`w:tblHeader`).

use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph, Run,
    RunFonts, SpecialIndentType, Table, TableCell, TableCellMargins, TableLayoutType, TableRow,
    VAlignType, WidthType,
};
use zipin_core::document::TargetOperator;
use zipin_core::number::{fmt_amount, fmt_percent, fmt_score};
use zipin_core::present::project_form::{
    project_form, project_overview, CellRole, ProjectForm, OVERVIEW_HEADER,
};
use zipin_core::present::{score_table, target_row_scores, SCORE_TABLE_HEADER};
use zipin_core::project::{evaluate_selected, PlacedProject, ProjectSelection};
use zipin_core::report::{generate, BlockKind};
use zipin_core::{evaluate, Document};

use crate::ExportError;

/// Twips per millimetre (1 in = 1440 twips = 25.4 mm).
fn mm(millimetres: f64) -> i32 {
    (millimetres * 1440.0 / 25.4).round() as i32
}

const A4_WIDTH: u32 = 11906;
const A4_HEIGHT: u32 = 16838;
/// Font sizes in half-points: 2号 = 22 pt, 3号 = 16 pt, 小四 = 12 pt.
const SIZE_2: usize = 44;
const SIZE_3: usize = 32;
const SIZE_SMALL_4: usize = 24;
/// 22 lines in the 225 mm of type area: 225 mm / 22 = 10.23 mm = 580 twips, exactly.
const LINE: i32 = 580;

pub const FONT_TITLE: &str = "方正小标宋简体";
pub const FONT_BODY: &str = "仿宋_GB2312";
pub const FONT_HEADING_1: &str = "黑体";
pub const FONT_HEADING_2: &str = "楷体_GB2312";

/// Each Chinese font the document names, with the font an office laptop without the 公文 fonts has in its place
/// (宋体, 仿宋, 楷体 and 黑体 come with every Chinese Windows and with WPS) and its `w:family`.
pub const FALLBACKS: [(&str, &str, &str); 4] = [
    (FONT_TITLE, "宋体", "roman"),
    (FONT_BODY, "仿宋", "modern"),
    (FONT_HEADING_1, "SimHei", "modern"),
    (FONT_HEADING_2, "楷体", "modern"),
];

/// The fonts part: Latin fonts as docx-rs writes them, then each Chinese font with its fallback, then the
/// fallbacks themselves. Charset 86 is GB2312.
fn font_table() -> String {
    let font = |name: &str, alt: Option<&str>, charset: &str, family: &str, pitch: &str| {
        let alt = alt
            .map(|a| format!(r#"<w:altName w:val="{a}"/>"#))
            .unwrap_or_default();
        format!(
            r#"<w:font w:name="{name}">{alt}<w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>"#
        )
    };
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
    ));
    for (name, family) in [
        ("Times New Roman", "roman"),
        ("Symbol", "roman"),
        ("Arial", "swiss"),
    ] {
        let charset = if name == "Symbol" { "02" } else { "00" };
        xml.push_str(&font(name, None, charset, family, "variable"));
    }
    for (name, fallback, family) in FALLBACKS {
        xml.push_str(&font(name, Some(fallback), "86", family, "variable"));
    }
    for (fallback, family) in [("宋体", "auto"), ("仿宋", "modern"), ("楷体", "modern")] {
        xml.push_str(&font(fallback, None, "86", family, "variable"));
    }
    xml.push_str("</w:fonts>");
    xml
}

/// What docx-rs writes for a row that may not break across pages; only header rows are made so.
const HEADER_ROW_PROPERTIES: &str = "<w:trPr><w:cantSplit /></w:trPr>";
/// The same row, repeated at the top of every page the table runs over (docx-rs 0.4 cannot say so).
const REPEATED_HEADER_ROW_PROPERTIES: &str = "<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>";

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs(east_asia)
}

/// The one place text enters docx-rs: every paragraph, heading, table cell and footer is built from runs made
/// here, so the characters XML 1.0 forbids are removed here, once, whatever the document holds.
fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new()
        .add_text(crate::xml_text(text).into_owned())
        .fonts(fonts(font))
        .size(size)
}

fn spaced(p: Paragraph) -> Paragraph {
    p.line_spacing(
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(LINE),
    )
}

fn body_paragraph(text: &str) -> Paragraph {
    // 首行缩进两字: 2 × 16 pt = 640 twips.
    spaced(Paragraph::new().add_run(run(text, FONT_BODY, SIZE_3))).indent(
        None,
        Some(SpecialIndentType::FirstLine(640)),
        None,
        None,
    )
}

fn heading(text: &str, font: &str) -> Paragraph {
    spaced(Paragraph::new().add_run(run(text, font, SIZE_3)))
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .keep_next(true)
}

fn cell(text: &str, width: usize, bold: bool) -> TableCell {
    let mut r = run(text, FONT_BODY, SIZE_SMALL_4);
    if bold {
        r = r.bold();
    }
    TableCell::new()
        .add_paragraph(Paragraph::new().add_run(r))
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
}

/// A table of the type-area width (156 mm ≈ 8844 twips) with the given fixed column widths (in twips) and a
/// header row that repeats on every page the table runs over.
fn table(header: &[&str], widths: &[usize], rows: &[Vec<String>]) -> Table {
    let mut all = vec![TableRow::new(
        header
            .iter()
            .zip(widths)
            .map(|(h, w)| cell(h, *w, true))
            .collect(),
    )
    // Marks the header row; `docx` turns the mark into `w:tblHeader`.
    .cant_split()];
    for row in rows {
        all.push(TableRow::new(
            row.iter()
                .zip(widths)
                .map(|(text, w)| cell(text, *w, false))
                .collect(),
        ));
    }
    Table::new(all)
        .set_grid(widths.to_vec())
        .layout(TableLayoutType::Fixed)
        .width(
            widths.iter().fold(0, |sum, w| sum.saturating_add(*w)),
            WidthType::Dxa,
        )
}

/// An appendix's 附件N heading, starting a new page. The break belongs to the heading (`w:pageBreakBefore`), not to
/// an empty paragraph before it: a table that fills its last page would push such a paragraph onto a page of its
/// own and leave that page blank.
fn appendix_heading(text: &str) -> Paragraph {
    heading(text, FONT_HEADING_1).page_break_before(true)
}

/// An empty document in the 公文 page layout: A4, GB/T 9704's margins, the body font, page numbers in the footer.
fn page() -> Docx {
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run("— ", FONT_BODY, 28))
            .add_page_num(PageNum::new())
            .add_run(run(" —", FONT_BODY, 28)),
    );
    Docx::new()
        .page_size(A4_WIDTH, A4_HEIGHT)
        .page_margin(PageMargin {
            top: mm(37.0),
            bottom: mm(35.0),
            left: mm(28.0),
            right: mm(26.0),
            header: mm(15.0),
            footer: mm(18.0),
            gutter: 0,
        })
        .default_fonts(fonts(FONT_BODY))
        .default_size(SIZE_3)
        .footer(footer)
}

/// The report of `doc` as .docx bytes, with the 自评表, the 绩效目标 table and, when the document holds projects,
/// their 项目支出绩效自评表 as its appendices.
pub fn docx(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let evaluation = evaluate(doc);
    let blocks = generate(doc, &evaluation);
    let mut docx = page();

    for block in &blocks {
        docx = match block.kind {
            BlockKind::Title => docx.add_paragraph(spaced(
                Paragraph::new().align(AlignmentType::Center).add_run(run(
                    &block.text,
                    FONT_TITLE,
                    SIZE_2,
                )),
            )),
            BlockKind::Heading1 => docx.add_paragraph(heading(&block.text, FONT_HEADING_1)),
            BlockKind::Heading2 => docx.add_paragraph(heading(&block.text, FONT_HEADING_2)),
            BlockKind::Heading3 => docx.add_paragraph(heading(&block.text, FONT_BODY)),
            BlockKind::Paragraph => docx.add_paragraph(body_paragraph(&block.text)),
            BlockKind::Table => match &block.table {
                Some(t) => {
                    let header: Vec<&str> = t.header.iter().map(String::as_str).collect();
                    docx.add_table(table(&header, &[1800, 5244, 1800], &t.rows))
                }
                None => docx,
            },
        };
    }

    // 附件1: the 自评表.
    docx = docx
        .add_paragraph(appendix_heading("附件1"))
        .add_paragraph(spaced(
            Paragraph::new().align(AlignmentType::Center).add_run(run(
                "部门整体支出绩效自评表",
                FONT_TITLE,
                SIZE_3,
            )),
        ));
    // The 一级 and 二级 names are repeated on every row; the appendix merges no cells.
    let score_table = score_table(&doc.framework, &evaluation);
    let mut score_rows: Vec<Vec<String>> = score_table
        .rows
        .iter()
        .map(|r| {
            vec![
                r.level1.name.clone(),
                r.level2.name.clone(),
                r.name.clone(),
                r.weight_text.clone(),
                r.standard.clone(),
                r.score_text.clone(),
                r.reason.clone(),
            ]
        })
        .collect();
    let total = &score_table.total;
    score_rows.push(vec![
        total.label.clone(),
        String::new(),
        String::new(),
        total.max_text.clone(),
        total.grade_text.clone(),
        total.score_text.clone(),
        String::new(),
    ]);
    docx = docx.add_table(table(
        &SCORE_TABLE_HEADER,
        // 一级 and 二级 hold four characters of 小四 (4 × 240 + 2 × 108 cell margin), 分值 two.
        &[1180, 1180, 1600, 700, 2184, 800, 1200],
        &score_rows,
    ));

    // 附件2: the 绩效目标 table.
    docx = docx
        .add_paragraph(appendix_heading("附件2"))
        .add_paragraph(spaced(
            Paragraph::new().align(AlignmentType::Center).add_run(run(
                "部门整体支出绩效目标完成情况表",
                FONT_TITLE,
                SIZE_3,
            )),
        ));
    let scores = target_row_scores(&doc.targets, &evaluation);
    let target_rows: Vec<Vec<String>> = doc
        .targets
        .iter()
        .zip(&scores)
        .map(|(t, score)| {
            let target = match t.operator {
                TargetOperator::Qualitative | TargetOperator::Deadline | TargetOperator::YesNo => {
                    t.target.clone()
                }
                op => format!("{}{}", op.symbol(), t.target),
            };
            vec![
                t.level1.clone(),
                t.level2.clone(),
                t.name.clone(),
                format!("{target}{}", t.unit),
                format!(
                    "{}{}",
                    t.actual,
                    if t.actual.is_empty() {
                        ""
                    } else {
                        t.unit.as_str()
                    }
                ),
                score.score_text.clone(),
                t.deviation_reason.clone(),
            ]
        })
        .collect();
    if target_rows.is_empty() {
        docx = docx.add_paragraph(body_paragraph("未填写绩效目标。"));
    } else {
        docx = docx.add_table(table(
            &[
                "一级指标",
                "二级指标",
                "三级指标",
                "指标值",
                "实际完成值",
                "得分",
                "偏差原因",
            ],
            &[900, 1100, 1900, 1200, 1200, 744, 1800],
            &target_rows,
        ));
    }

    if !doc.projects.is_empty() {
        docx = docx.add_paragraph(appendix_heading("附件3"));
        docx = add_projects(docx, doc, &placed_projects(doc, ProjectSelection::All)?);
    }
    pack(docx)
}

/// The projects' 项目支出绩效自评表 on their own as .docx bytes: the overview, then each project's form and text.
pub fn projects_docx(doc: &Document, selection: ProjectSelection) -> Result<Vec<u8>, ExportError> {
    let placed = placed_projects(doc, selection)?;
    let year = doc
        .unit
        .year
        .map(|y| format!("{y}年度"))
        .unwrap_or_default();
    let docx = page().add_paragraph(spaced(
        Paragraph::new().align(AlignmentType::Center).add_run(run(
            &format!("{}{year}项目支出绩效自评", doc.unit.name.trim()),
            FONT_TITLE,
            SIZE_2,
        )),
    ));
    pack(add_projects(docx, doc, &placed))
}

fn placed_projects(
    doc: &Document,
    selection: ProjectSelection,
) -> Result<Vec<PlacedProject<'_>>, ExportError> {
    evaluate_selected(doc, selection)
        .ok_or_else(|| ExportError("无法生成 Word 文件：项目评分表式有误，无法计分".to_string()))
}

/// The overview of all projects, then each project's form on a page of its own.
fn add_projects(mut docx: Docx, doc: &Document, placed: &[PlacedProject]) -> Docx {
    docx = docx.add_paragraph(spaced(
        Paragraph::new().align(AlignmentType::Center).add_run(run(
            "项目支出绩效自评汇总表",
            FONT_TITLE,
            SIZE_3,
        )),
    ));
    let overview = project_overview(placed);
    let text = |v: Option<String>| v.unwrap_or_default();
    let mut rows: Vec<Vec<String>> = overview
        .rows
        .iter()
        .map(|r| {
            vec![
                r.number.to_string(),
                r.name.clone(),
                r.implementer.clone(),
                text(r.adjusted.map(fmt_amount)),
                text(r.spent.map(fmt_amount)),
                text(r.rate.map(fmt_percent)),
                text(r.total.map(fmt_score)),
                r.grade.clone(),
            ]
        })
        .collect();
    rows.push(vec![
        String::new(),
        "合计".to_string(),
        String::new(),
        text(overview.adjusted.map(fmt_amount)),
        text(overview.spent.map(fmt_amount)),
        text(overview.rate.map(fmt_percent)),
        String::new(),
        String::new(),
    ]);
    docx = docx.add_table(table(
        &OVERVIEW_HEADER,
        &[600, 2300, 1544, 1100, 1100, 900, 700, 600],
        &rows,
    ));
    for p in placed {
        let form = project_form(p.project, &p.evaluation, &doc.unit.name, doc.unit.year);
        docx = docx
            .add_paragraph(
                spaced(Paragraph::new().align(AlignmentType::Center).add_run(run(
                    &form.title,
                    FONT_TITLE,
                    SIZE_3,
                )))
                .page_break_before(true)
                .keep_next(true),
            )
            .add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(run(&form.subtitle, FONT_BODY, SIZE_FORM))
                    .keep_next(true),
            )
            .add_table(form_table(&form));
    }
    docx
}

/// 小五 (9 pt): ten columns of a larger size would break most headers and figures over lines, and a form over a page.
const SIZE_FORM: usize = 18;
/// The form's cells' left and right margins in twips (Word's default is 108): room for the text in ten columns.
const FORM_CELL_MARGIN: usize = 45;
/// The form's ten columns in twips, adding up to the type area (8844): a 小五 character is 180 twips, so 一级指标
/// holds four on a line, 指标性质 / 度量单位 / 分值 two (their headers break after two), 三级指标 eight.
const FORM_WIDTHS: [usize; 10] = [810, 900, 1530, 560, 810, 560, 900, 560, 810, 1404];

/// A project's form as a table: each line's cells spanning their columns (`w:gridSpan`), the first line (项目名称)
/// repeated at the top of every page the form runs over.
fn form_table(form: &ProjectForm) -> Table {
    let rows: Vec<TableRow> = form
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let mut col = 0usize;
            let cells = line
                .iter()
                .map(|c| {
                    let span = usize::from(c.span.max(1));
                    let width = FORM_WIDTHS
                        .iter()
                        .skip(col)
                        .take(span)
                        .fold(0usize, |sum, w| sum.saturating_add(*w));
                    col = col.saturating_add(span);
                    let bold = matches!(
                        c.role,
                        CellRole::Section | CellRole::Header | CellRole::Label | CellRole::Total
                    );
                    let mut r = run(&c.text, FONT_BODY, SIZE_FORM);
                    if bold {
                        r = r.bold();
                    }
                    let align = match c.role {
                        CellRole::Section | CellRole::Text => AlignmentType::Left,
                        _ => AlignmentType::Center,
                    };
                    let mut cell = TableCell::new()
                        .add_paragraph(Paragraph::new().align(align).add_run(r))
                        .width(width, WidthType::Dxa)
                        .vertical_align(VAlignType::Center);
                    if span > 1 {
                        cell = cell.grid_span(span);
                    }
                    cell
                })
                .collect();
            let row = TableRow::new(cells);
            if i == 0 {
                row.cant_split()
            } else {
                row
            }
        })
        .collect();
    Table::new(rows)
        .set_grid(FORM_WIDTHS.to_vec())
        .margins(TableCellMargins::new().margin(0, FORM_CELL_MARGIN, 0, FORM_CELL_MARGIN))
        .layout(TableLayoutType::Fixed)
        .width(
            FORM_WIDTHS.iter().fold(0, |sum, w| sum.saturating_add(*w)),
            WidthType::Dxa,
        )
}

/// The parts of `docx` written out, with the font table of fallbacks and the header rows marked as repeated.
fn pack(docx: Docx) -> Result<Vec<u8>, ExportError> {
    let mut parts = docx.build();
    parts.font_table = font_table().into_bytes();
    let document = String::from_utf8(parts.document)
        .map_err(|e| ExportError(format!("无法生成 Word 文件：{e}")))?;
    parts.document = document
        .replace(HEADER_ROW_PROPERTIES, REPEATED_HEADER_ROW_PROPERTIES)
        .into_bytes();
    let mut bytes = std::io::Cursor::new(Vec::new());
    parts
        .pack(&mut bytes)
        .map_err(|e| ExportError(format!("无法生成 Word 文件：{e}")))?;
    deflated(&bytes.into_inner()).map_err(|e| ExportError(format!("无法生成 Word 文件：{e}")))
}

/// The package with every part deflated. docx-rs stores its parts as they are, which makes 200 projects' forms a
/// 40 MB attachment where the same text deflated is about a twentieth of it.
fn deflated(stored: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for index in 0..archive.len() {
        let mut part = archive.by_index(index)?;
        let name = part.name()?.into_owned();
        if part.is_dir() {
            out.add_directory(name, options)?;
        } else {
            out.start_file(name, options)?;
            std::io::copy(&mut part, &mut out)?;
        }
    }
    Ok(out.finish()?.into_inner())
}
