//! The exported files, opened as a reader would open them: the .docx unzipped and its XML read, the .xlsx read
//! back with calamine.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::disallowed_methods
)] // Tests, benchmarks and examples may panic and use literals; the library code may not.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde_json::Value;
use zipin_core::present::{score_table, NO_SCORE, SCORE_TABLE_HEADER};
use zipin_core::report::{generate, BlockKind};
use zipin_core::{evaluate, samples, Document};
use zipin_export::{docx, xlsx, ProjectSelection};

fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the archive"));
    let mut text = String::new();
    file.read_to_string(&mut text).expect("utf-8 xml");
    text
}

#[test]
fn docx_holds_the_report_in_the_official_layout() {
    let bytes = docx(&samples::seed()).expect("a docx");
    let xml = part(&bytes, "word/document.xml");
    for text in [
        "广东省科技监测中心2024年度整体绩效自评报告",
        "一、部门基本情况",
        "（一）部门职能",
        "采购执行率为93.27%",
        "取得中级及以上职称人员40人，占总人数75.47%",
        "对应处室",
        "附件1",
        "部门整体支出绩效自评表",
        "政府采购执行率",
        "4.66",
    ] {
        assert!(xml.contains(text), "{text} missing from document.xml");
    }
    // A4, margins 37/35/28/26 mm in twips.
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "A4");
    for margin in [
        r#"w:top="2098""#,
        r#"w:bottom="1984""#,
        r#"w:left="1587""#,
        r#"w:right="1474""#,
    ] {
        assert!(xml.contains(margin), "{margin}");
    }
    // Every run names its East Asian font; the body is 仿宋, the headings 黑体 and 楷体, the title 小标宋.
    let runs = xml.matches("<w:r>").count() + xml.matches("<w:r ").count();
    let fonts = xml.matches("w:eastAsia=").count();
    assert!(fonts >= runs - 2, "{fonts} fonts for {runs} runs");
    for font in ["仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"] {
        assert!(xml.contains(&format!(r#"w:eastAsia="{font}""#)), "{font}");
    }
    assert!(xml.contains(r#"w:sz w:val="32""#), "3号 body");
    assert!(
        xml.contains(r#"w:line="580" w:lineRule="exact""#),
        "22 lines a page"
    );
    let archive = zip::ZipArchive::new(Cursor::new(&bytes)).expect("a zip archive");
    let footer = archive
        .file_names()
        .filter_map(|n| n.ok())
        .find(|n| n.starts_with("word/footer"))
        .expect("a footer part")
        .into_owned();
    assert!(part(&bytes, &footer).contains("PAGE"), "page numbers");
}

#[test]
fn docx_names_a_fallback_for_every_chinese_font_and_repeats_table_headers() {
    for doc in [samples::seed(), samples::example()] {
        let bytes = docx(&doc).expect("a docx");
        let xml = part(&bytes, "word/document.xml");
        let fonts = part(&bytes, "word/fontTable.xml");
        let named: std::collections::BTreeSet<&str> = xml
            .split(r#"w:eastAsia=""#)
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert_eq!(
            named,
            ["仿宋_GB2312", "方正小标宋简体", "楷体_GB2312", "黑体"].into()
        );
        for (font, fallback) in [
            ("方正小标宋简体", "宋体"),
            ("仿宋_GB2312", "仿宋"),
            ("楷体_GB2312", "楷体"),
            ("黑体", "SimHei"),
        ] {
            let entry = format!(
                r#"<w:font w:name="{font}"><w:altName w:val="{fallback}"/><w:charset w:val="86"/>"#
            );
            assert!(fonts.contains(&entry), "{font} → {fallback} in {fonts}");
        }
        // Every table: fixed widths that add up to the type area, and a header row repeated on every page.
        let tables = xml.matches("<w:tbl>").count();
        assert!(tables >= 2, "{tables} tables");
        assert_eq!(xml.matches("<w:tblHeader />").count(), tables);
        assert_eq!(
            xml.matches(r#"<w:tblLayout w:type="fixed" />"#).count(),
            tables
        );
        assert_eq!(
            xml.matches(r#"<w:tblW w:w="8844" w:type="dxa" />"#).count(),
            tables
        );
    }
}

#[test]
fn xlsx_reads_back_with_the_same_scores() {
    for doc in [samples::seed(), samples::example()] {
        let evaluation = evaluate(&doc);
        let bytes = xlsx(&doc).expect("an xlsx");
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("calamine opens it");
        assert_eq!(book.sheet_names(), ["评分表", "绩效目标", "基础数据"]);
        let sheet = book.worksheet_range("评分表").expect("评分表");
        let header = score_header_row(&sheet);
        for (row, result) in sheet.rows().skip(header + 1).zip(&evaluation.indicators) {
            assert_eq!(row[2].to_string(), result.name);
            match result.final_score {
                Some(score) => assert_eq!(
                    row[5],
                    Data::Float(score.to_f64().unwrap()),
                    "{}",
                    result.name
                ),
                None => assert_eq!(row[5], Data::Empty, "{}", result.name),
            }
        }
        let total_row = sheet
            .rows()
            .nth(header + evaluation.indicators.len() + 1)
            .expect("total row");
        assert_eq!(total_row[0].to_string(), "合计");
        assert_eq!(
            total_row[5],
            Data::Float(evaluation.total.to_f64().unwrap())
        );
        let basics = book.worksheet_range("基础数据").expect("基础数据");
        let procurement = basics
            .rows()
            .find(|r| r[0] == "政府采购执行率")
            .expect("rate row");
        if doc.unit.name == "广东省科技监测中心" {
            assert_eq!(procurement[1], Data::Float(0.9327));
        }
    }
}

#[test]
fn projects_xlsx_reads_back_every_project_with_its_total() {
    let doc = samples::example();
    let evaluations = zipin_core::project::evaluate_all(&doc).expect("the scheme reads");
    let bytes = zipin_export::projects_xlsx(&doc, ProjectSelection::All).expect("an xlsx");
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("calamine opens it");
    let names = book.sheet_names();
    assert_eq!(names.len(), doc.projects.len() + 1);
    assert_eq!(names[0], "项目总览");
    let overview = book.worksheet_range("项目总览").expect("项目总览");
    for ((i, project), evaluation) in doc.projects.iter().enumerate().zip(&evaluations) {
        let total = Data::Float(evaluation.total.expect("scored").to_f64().unwrap());
        let row = overview
            .rows()
            .find(|r| r[1] == project.name.as_str())
            .expect("the project in the overview");
        assert_eq!(row[6], total, "{}", project.name);
        assert_eq!(names[i + 1], format!("{}.{}", i + 1, project.name));
        let sheet = book
            .worksheet_range(&names[i + 1])
            .expect("the project's sheet");
        let total_row = sheet.rows().find(|r| r[0] == "总分").expect("a 总分 row");
        assert_eq!(total_row[8], total, "{}", project.name);
        let rate = sheet
            .rows()
            .find(|r| r[0] == "年度资金总额")
            .expect("the funds' total row");
        assert_eq!(
            rate[8],
            Data::Float(
                (evaluation.execution.rate.unwrap() / Decimal::ONE_HUNDRED)
                    .to_f64()
                    .unwrap()
            )
        );
    }

    // One project exported alone keeps its number and name; a place beyond the list gives the overview only.
    let bytes = zipin_export::projects_xlsx(&doc, ProjectSelection::One(2)).expect("an xlsx");
    let mut one: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("calamine opens it");
    let names = one.sheet_names();
    assert_eq!(
        names,
        [
            "项目总览".to_string(),
            format!("3.{}", doc.projects[2].name)
        ]
    );
    let overview = one.worksheet_range("项目总览").expect("项目总览");
    assert_eq!(
        overview.rows().nth(2).expect("the project's row")[0],
        Data::Float(3.0)
    );
    let bytes = zipin_export::projects_xlsx(&doc, ProjectSelection::One(99)).expect("an xlsx");
    let none: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("calamine opens it");
    assert_eq!(none.sheet_names(), ["项目总览"]);
}

/// Where the 评分表's column header is: below the title row and the 填报单位 / 填报日期 line, which it checks.
fn score_header_row(sheet: &calamine::Range<Data>) -> usize {
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let header = rows
        .iter()
        .position(|r| r.iter().map(|c| c.to_string()).eq(SCORE_TABLE_HEADER))
        .expect("the column header row");
    assert_eq!(header, 2, "title, 填报 line, header");
    assert!(
        rows[0][0]
            .to_string()
            .ends_with("年度部门整体支出绩效自评表"),
        "{}",
        rows[0][0]
    );
    assert!(
        rows[1][0].to_string().starts_with("填报单位"),
        "{}",
        rows[1][0]
    );
    assert!(
        rows[1][4].to_string().starts_with("填报日期"),
        "{}",
        rows[1][4]
    );
    header
}

#[test]
fn xlsx_prints_a4_landscape_one_page_wide_with_the_header_on_every_page() {
    let bytes = xlsx(&samples::seed()).expect("an xlsx");
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).expect("calamine opens it");
    let sheet = book.worksheet_range("评分表").expect("评分表");
    assert_eq!(
        sheet.get((0, 0)).map(|c| c.to_string()).as_deref(),
        Some("广东省科技监测中心2024年度部门整体支出绩效自评表")
    );
    assert_eq!(
        sheet.get((1, 0)).map(|c| c.to_string()).as_deref(),
        Some("填报单位（盖章）：广东省科技监测中心")
    );
    let workbook = part(&bytes, "xl/workbook.xml");
    for (n, title_rows) in [
        (1, "评分表!$3:$3"),
        (2, "绩效目标!$1:$1"),
        (3, "基础数据!$1:$1"),
    ] {
        assert!(workbook.contains(title_rows), "print titles {title_rows}");
        let xml = part(&bytes, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(
            xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#),
            "sheet{n} fit to page"
        );
        for setup in [
            r#"paperSize="9""#,
            r#"orientation="landscape""#,
            r#"fitToHeight="0""#,
        ] {
            assert!(xml.contains(setup), "sheet{n}: {setup}");
        }
        // Fit to 1 page wide is Excel's default, so the width is not written.
        assert!(!xml.contains("fitToWidth"), "sheet{n}");
    }
    let scores = part(&bytes, "xl/worksheets/sheet1.xml");
    // The title across the table, the 合计 label across the three name columns.
    assert!(scores.contains(r#"<mergeCell ref="A1:G1"/>"#), "{scores}");
    assert!(scores.contains(r#"<mergeCell ref="A19:C19"/>"#), "{scores}");
}

#[test]
fn example_total_in_the_workbook() {
    let bytes = xlsx(&samples::example()).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("评分表").unwrap();
    let total = sheet.rows().find(|r| r[0] == "合计").unwrap();
    assert_eq!(total[5], Data::Float(90.25));
    assert_eq!(total[4].to_string(), "等次：优秀");
    let targets = book.worksheet_range("绩效目标").unwrap();
    assert_eq!(targets.rows().count(), 1 + 9);
}

/// The rows of every table in a .docx, each cell's runs joined into its text.
fn docx_table_rows(xml: &str) -> Vec<Vec<String>> {
    let unescape = |t: &str| {
        t.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&")
    };
    xml.split("<w:tr>")
        .skip(1)
        .map(|row| {
            let row = row.split("</w:tr>").next().unwrap();
            row.split("<w:tc>")
                .skip(1)
                .map(|cell| {
                    cell.split("<w:t")
                        .skip(1)
                        .filter_map(|run| {
                            let (open, rest) = run.split_once('>')?;
                            // `<w:tcPr>` and the like also start with `<w:t`: only a text run ends in `</w:t>`.
                            (open.is_empty() || open.starts_with(' '))
                                .then(|| rest.split_once("</w:t>").map(|(text, _)| unescape(text)))
                                .flatten()
                        })
                        .collect::<String>()
                })
                .collect()
        })
        .collect()
}

/// The 自评表 of the .docx appendix and the 评分表 sheet of the .xlsx are the same table: the same texts, the same
/// figures (numbers in the sheet, printed in the report; a blank number cell where the report prints —), and the
/// same total row with one wording of the grade, whether it is given, pending or withheld.
#[test]
fn docx_and_xlsx_print_the_same_score_table_and_grade_wording() {
    let mut withheld = samples::example();
    withheld.framework.level1[0].weight += Decimal::ONE;
    for (doc, wording) in [
        (
            samples::seed(),
            "尚有14项指标未能评分，自评等次待全部指标评分后确定",
        ),
        (samples::example(), "等次：优秀"),
        (withheld, "评分框架未通过校验（"),
    ] {
        let table = score_table(&doc.framework, &evaluate(&doc));
        assert!(
            table.total.grade_text.starts_with(wording),
            "{}",
            table.total.grade_text
        );

        let xml = part(&docx(&doc).expect("a docx"), "word/document.xml");
        let all = docx_table_rows(&xml);
        let header = all
            .iter()
            .position(|r| r == &SCORE_TABLE_HEADER)
            .expect("the 自评表 in the appendix");
        let in_docx = &all[header + 1..header + 2 + table.rows.len()];

        let bytes = xlsx(&doc).expect("an xlsx");
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("calamine opens it");
        let sheet = book.worksheet_range("评分表").expect("评分表");
        let header = score_header_row(&sheet);
        let in_xlsx: Vec<&[Data]> = sheet.rows().skip(header + 1).collect();
        assert_eq!(in_xlsx.len(), in_docx.len());

        for (printed, cells) in in_docx.iter().zip(&in_xlsx) {
            assert_eq!(printed.len(), 7);
            for (text, cell) in printed.iter().zip(cells.iter()) {
                match cell {
                    Data::Float(v) => assert_eq!(text.parse::<f64>().ok(), Some(*v), "{printed:?}"),
                    Data::Empty => assert!(text.is_empty() || text == NO_SCORE, "{printed:?}"),
                    other => assert_eq!(text, &other.to_string(), "{printed:?}"),
                }
            }
        }
        let (docx_total, xlsx_total) = (in_docx.last().unwrap(), in_xlsx.last().unwrap());
        assert_eq!(docx_total[0], "合计");
        assert_eq!(docx_total[4], table.total.grade_text);
        assert_eq!(xlsx_total[4].to_string(), table.total.grade_text);
        assert_eq!(docx_total[5], table.total.score_text);
    }
}

#[test]
fn file_names() {
    assert_eq!(
        samples::seed().file_name("整体绩效自评报告", "docx"),
        "广东省科技监测中心2024年度整体绩效自评报告.docx"
    );
}

/// Every character XML 1.0 forbids: U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE and U+FFFF.
fn forbidden() -> Vec<char> {
    ('\u{0}'..='\u{1F}')
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .chain(['\u{FFFE}', '\u{FFFF}'])
        .collect()
}

/// `text` with forbidden characters before, inside and after it. The same text always gets the same ones, so
/// names that must match (a target's 一级 and a rule's) still match.
fn poisoned(text: &str) -> String {
    let all: String = forbidden().into_iter().collect();
    let middle = text
        .char_indices()
        .nth(text.chars().count() / 2)
        .map_or(text.len(), |(i, _)| i);
    let (head, tail) = text.split_at(middle);
    format!("\u{0}{head}{all}{tail}\u{FFFF}")
}

/// Poisons every text of a document in its JSON form, leaving alone what is not text: ids, enum tags, the
/// option chosen, and the decimals (stored as strings).
fn poison(value: &mut Value, key: &str) {
    const STRUCTURAL: [&str; 12] = [
        "format",
        "kind",
        "id",
        "type",
        "operator",
        "grade",
        "metric",
        "nothing",
        "something",
        "deduct_when",
        "step",
        "choices",
    ];
    match value {
        Value::String(s) if !STRUCTURAL.contains(&key) && s.parse::<Decimal>().is_err() => {
            *s = poisoned(s);
        }
        Value::Array(items) => items.iter_mut().for_each(|v| poison(v, key)),
        Value::Object(map) if !STRUCTURAL.contains(&key) => {
            map.iter_mut().for_each(|(k, v)| poison(v, k))
        }
        _ => {}
    }
}

/// The complete sample with an override and an edited paragraph, every text of it poisoned.
fn hostile_document() -> Document {
    let doc = samples::example();
    let evaluation = evaluate(&doc);
    let indicator = evaluation
        .indicators
        .iter()
        .find(|r| r.final_score.is_some_and(|s| s > Decimal::ONE))
        .expect("a scored indicator");
    let paragraph = generate(&doc, &evaluation)
        .into_iter()
        .find(|b| b.kind == BlockKind::Paragraph)
        .expect("a paragraph");
    let mut value = serde_json::to_value(&doc).expect("a document serializes");
    value["overrides"] = serde_json::json!({
        indicator.id.clone(): { "score": "1", "reason": "预算编制不够精准，酌情扣分" }
    });
    value["edited_paragraphs"] = serde_json::json!({ paragraph.id: "这是经办人改写后的段落。" });
    poison(&mut value, "");
    // Not through the gate: whatever the gate lets in later, the writers must keep such characters out alone.
    let hostile: Document = serde_json::from_value(value).expect("still a document");
    assert!(
        hostile.unit.name.starts_with('\u{0}'),
        "the texts are poisoned"
    );
    assert!(hostile.targets[0].name.contains('\u{FFFE}'));
    hostile
}

/// Every part of a zip archive (.docx, .xlsx) as text.
fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("a part");
            let mut text = String::new();
            file.read_to_string(&mut text).expect("utf-8 xml");
            (file.name().expect("a part's name").into_owned(), text)
        })
        .collect()
}

/// Texts of the hostile document, clean, that both files must still show: a target, an override's reason and
/// an indicator of the embedded framework.
const SURVIVORS: [&str; 3] = [
    "完成项目验收数",
    "预算编制不够精准，酌情扣分",
    "履职产出（产出指标完成情况）",
];

#[test]
fn docx_keeps_out_every_character_xml_forbids() {
    let bytes = docx(&hostile_document()).expect("a docx");
    let parts = parts(&bytes);
    assert!(parts.len() > 5, "{} parts", parts.len());
    for (name, text) in &parts {
        if let Some(c) = text.chars().find(|c| forbidden().contains(c)) {
            panic!("{name} holds U+{:04X}", u32::from(c));
        }
    }
    let xml = &parts
        .iter()
        .find(|(name, _)| name == "word/document.xml")
        .expect("word/document.xml")
        .1;
    // And in the report: the unit, a key task, a problem, the edited paragraph.
    for text in SURVIVORS.iter().chain(&[
        "示例单位（数据为虚构）",
        "开展年度监测分析，形成监测报告。",
        "加强预算执行监控。",
        "这是经办人改写后的段落。",
    ]) {
        assert!(xml.contains(text), "{text} missing from document.xml");
    }
}

#[test]
fn xlsx_keeps_out_every_character_xml_forbids() {
    let bytes = xlsx(&hostile_document()).expect("an xlsx");
    for (name, text) in parts(&bytes) {
        if let Some(c) = text.chars().find(|c| forbidden().contains(c)) {
            panic!("{name} holds U+{:04X}", u32::from(c));
        }
        // Excel's own escape for them, which rust_xlsxwriter would write.
        for c in forbidden().into_iter().filter(|c| *c < ' ') {
            let escape = format!("_x{:04X}_", u32::from(c));
            assert!(!text.contains(&escape), "{name} holds {escape}");
        }
    }
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("calamine opens it");
    let mut cells = Vec::new();
    for name in book.sheet_names() {
        let sheet = book.worksheet_range(&name).expect("a sheet");
        cells.extend(sheet.rows().flatten().map(|c| c.to_string()));
    }
    for cell in &cells {
        assert!(!cell.chars().any(|c| forbidden().contains(&c)), "{cell:?}");
    }
    for text in SURVIVORS {
        assert!(cells.iter().any(|c| c.contains(text)), "{text} missing");
    }
}

#[test]
fn xlsx_cuts_a_text_longer_than_a_cell_and_says_so() {
    let mut doc = samples::example();
    // 20 000 characters but 40 000 UTF-16 units, which is what Excel counts.
    let long = format!("偏差{}", "𠀀".repeat(20_000));
    doc.targets[0].deviation_reason = long.clone();
    let bytes = xlsx(&doc).expect("a longer text never fails the export");
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("calamine opens it");
    let targets = book.worksheet_range("绩效目标").expect("绩效目标");
    let cell = targets
        .get((1, 9))
        .expect("偏差原因 of the first row")
        .to_string();
    let units = cell.encode_utf16().count();
    assert!((32_700..=32_767).contains(&units), "{units} UTF-16 units");
    assert!(cell.ends_with("（以下内容超出 Excel 单元格 32767 字的上限，已截断，全文见报告）"));
    assert!(cell.starts_with("偏差𠀀𠀀"));
    assert!(long.starts_with(cell.split('…').next().unwrap_or_default()));
    // The other rows are untouched, and the report keeps the whole text.
    assert_eq!(
        targets.get((2, 2)).map(|c| c.to_string()),
        Some(doc.targets[1].name.clone())
    );
    let xml = part(&docx(&doc).expect("a docx"), "word/document.xml");
    assert!(xml.contains(&long), "the report holds the full text");
}

#[test]
fn the_most_projects_the_gate_allows_are_written_as_files() {
    let mut doc = samples::example();
    let template = doc.projects[0].clone();
    doc.projects = (0..zipin_core::gate::caps::PROJECTS)
        .map(|i| {
            let mut p = template.clone();
            // The same name 200 times: the sheet names must still be distinct.
            p.name = "同名项目".repeat(10);
            p.rows = (0..30).map(|r| p.rows[r % p.rows.len()].clone()).collect();
            if i % 2 == 0 {
                p.name.push_str("：[]*?/\\");
            }
            p
        })
        .collect();
    let text = zipin_core::migrate::to_json(&doc);
    let doc = zipin_core::migrate::load_document(&text).expect("the gate lets 200 projects in");
    let bytes = zipin_export::projects_xlsx(&doc, ProjectSelection::All).expect("an xlsx");
    let book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("calamine opens it");
    let names = book.sheet_names();
    assert_eq!(names.len(), 201);
    assert!(names.iter().all(|n| n.chars().count() <= 31));
    let distinct: std::collections::HashSet<String> =
        names.iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(distinct.len(), 201);
    let docx = zipin_export::projects_docx(&doc, ProjectSelection::All).expect("a docx");
    // Every part deflated (docx-rs alone stores them: tens of MB for 200 forms).
    let mut archive = zip::ZipArchive::new(Cursor::new(&docx)).expect("a zip archive");
    let mut stored = 0usize;
    for i in 0..archive.len() {
        let part = archive.by_index(i).expect("a part");
        if !part.is_dir() {
            assert_eq!(part.compression(), zip::CompressionMethod::Deflated);
            stored += part.size() as usize;
        }
    }
    assert!(
        docx.len() * 5 < stored,
        "{} bytes for {stored} of xml",
        docx.len()
    );
    zipin_export::docx(&doc).expect("the report with 200 project forms");
}
