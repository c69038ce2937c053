//! The exported files, opened as a reader would open them: the .docx unzipped and its XML read, the .xlsx read
//! back with calamine.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use rust_decimal::prelude::ToPrimitive;
use zipin_core::{evaluate, samples};
use zipin_export::{docx, xlsx};

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
        .find(|n| n.starts_with("word/footer"))
        .expect("a footer part")
        .to_string();
    assert!(part(&bytes, &footer).contains("PAGE"), "page numbers");
}

#[test]
fn xlsx_reads_back_with_the_same_scores() {
    for doc in [samples::seed(), samples::example()] {
        let evaluation = evaluate(&doc);
        let bytes = xlsx(&doc).expect("an xlsx");
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("calamine opens it");
        assert_eq!(book.sheet_names(), ["评分表", "绩效目标", "基础数据"]);
        let sheet = book.worksheet_range("评分表").expect("评分表");
        let header: Vec<String> = sheet
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(header, zipin_export::SCORE_TABLE_HEADER);
        for (row, result) in sheet.rows().skip(1).zip(&evaluation.indicators) {
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
            .nth(evaluation.indicators.len() + 1)
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

#[test]
fn file_names() {
    assert_eq!(
        samples::seed().file_name("整体绩效自评报告", "docx"),
        "广东省科技监测中心2024年度整体绩效自评报告.docx"
    );
}
