//! The report as .docx, laid out as GB/T 9704 asks of a 公文: A4; margins top 37 mm, bottom 35 mm, left 28 mm,
//! right 26 mm; title 2号 小标宋; body 3号 仿宋_GB2312; 一级标题 3号 黑体; 二级标题 3号 楷体; exact line spacing
//! that gives 22 lines a page; page numbers in the footer; appendices with the 自评表 and the 绩效目标 table.
//! Every run carries its East Asian font, or Word would show the Chinese in a theme font. All text goes through
//! [`run`], which keeps out the characters XML forbids.

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum,
    Paragraph, Run, RunFonts, SpecialIndentType, Table, TableCell, TableRow, VAlignType, WidthType,
};
use zipin_core::document::TargetOperator;
use zipin_core::present::{score_table, target_row_scores, SCORE_TABLE_HEADER};
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

/// A table of the type-area width (156 mm ≈ 8844 twips) with the given column widths (in twips) and a header row.
fn table(header: &[&str], widths: &[usize], rows: &[Vec<String>]) -> Table {
    let mut all = vec![TableRow::new(
        header
            .iter()
            .zip(widths)
            .map(|(h, w)| cell(h, *w, true))
            .collect(),
    )];
    for row in rows {
        all.push(TableRow::new(
            row.iter()
                .zip(widths)
                .map(|(text, w)| cell(text, *w, false))
                .collect(),
        ));
    }
    Table::new(all).set_grid(widths.to_vec()).width(
        widths.iter().fold(0, |sum, w| sum.saturating_add(*w)),
        WidthType::Dxa,
    )
}

fn page_break() -> Paragraph {
    Paragraph::new().add_run(Run::new().add_break(BreakType::Page))
}

/// The report of `doc` as .docx bytes.
pub fn docx(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let evaluation = evaluate(doc);
    let blocks = generate(doc, &evaluation);

    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run("— ", FONT_BODY, 28))
            .add_page_num(PageNum::new())
            .add_run(run(" —", FONT_BODY, 28)),
    );
    let mut docx = Docx::new()
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
        .footer(footer);

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
        .add_paragraph(page_break())
        .add_paragraph(heading("附件1", FONT_HEADING_1))
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
        &[900, 1000, 1500, 600, 2444, 800, 1600],
        &score_rows,
    ));

    // 附件2: the 绩效目标 table.
    docx = docx
        .add_paragraph(page_break())
        .add_paragraph(heading("附件2", FONT_HEADING_1))
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

    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut bytes)
        .map_err(|e| ExportError(format!("无法生成 Word 文件：{e}")))?;
    Ok(bytes.into_inner())
}
