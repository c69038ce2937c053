//! The `zipin` command, run as a user would.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::disallowed_methods
)] // Tests, benchmarks and examples may panic and use literals; the library code may not.

use std::process::Command;

fn zipin(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_zipin"))
        .args(args)
        .output()
        .expect("run zipin");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_file(name: &str, content: impl AsRef<[u8]>) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("zipin-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, content).expect("write temp file");
    path
}

/// What is left of an error line once the file's path, the words JSON and UTF-8, a quoted field name
/// (“framework”) and a field's path in brackets (（unit.year）) are taken out: Chinese only.
fn assert_chinese(line: &str, path: &str) {
    let mut rest = line
        .replace(path, "")
        .replace("JSON", "")
        .replace("UTF-8", "");
    while let Some((before, after)) = rest.split_once('“') {
        rest = format!("{before}{}", after.split_once('”').map_or("", |(_, a)| a));
    }
    // A field's path in the file, shown beside its Chinese label: （unit.year）.
    let mut kept = String::new();
    let mut text = rest.as_str();
    while let Some((before, after)) = text.split_once('（') {
        kept.push_str(before);
        match after.split_once('）') {
            Some((inside, tail)) if inside.chars().all(|c| c.is_ascii_graphic()) => text = tail,
            _ => {
                kept.push('（');
                text = after;
            }
        }
    }
    kept.push_str(text);
    let rest = kept;
    assert!(
        !rest.chars().any(|c| c.is_ascii_alphabetic()),
        "English in: {line}"
    );
}

#[test]
fn sample_then_score_and_report() {
    let (code, seed, _) = zipin(&["sample", "seed"]);
    assert_eq!(code, 0);
    let (_, example, _) = zipin(&["sample", "example"]);
    let seed_path = temp_file("seed.json", &seed);
    let example_path = temp_file("example.json", &example);

    let (code, out, err) = zipin(&[
        "score",
        seed_path.to_str().unwrap(),
        example_path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(lines.len(), 2);
    let procurement = lines[0]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "procurement-rate")
        .unwrap();
    assert_eq!(procurement["final_score"], "4.66");
    assert_eq!(
        procurement["explanation"][0],
        "政府采购执行率：1920.03 ÷ 2058.65 = 93.27%；5 × 93.27% = 4.66"
    );
    assert!(lines[0]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == "titles-sum"));
    assert_eq!(lines[0]["grade"], serde_json::Value::Null);
    assert_eq!(lines[0]["grade_withheld"]["kind"], "incomplete");
    assert_eq!(lines[0]["grade_withheld"]["unscored"], 14);
    assert_eq!(lines[0]["scored_count"], 1);
    assert_eq!(lines[0]["framework_id"], "guangdong-2024-reference");
    assert_eq!(lines[1]["total"], "90.25");
    assert_eq!(lines[1]["grade"], "优秀");

    // The 自评表 as the .docx and the .xlsx print it: merged cells, the total row and its one wording.
    let table = &lines[0]["score_table"];
    let rows = table["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 15);
    let row = rows.iter().find(|r| r["id"] == "procurement-rate").unwrap();
    assert_eq!(row["level2"]["label"], "采购管理（5分）");
    assert_eq!(row["level2"]["rowspan"], 1);
    assert_eq!(
        (&row["score"], &row["score_text"]),
        (&"4.66".into(), &"4.66".into())
    );
    assert_eq!(rows[0]["level1"]["rowspan"], 2);
    assert_eq!(rows[1]["level1"]["rowspan"], serde_json::Value::Null);
    assert_eq!(table["total"]["score_text"], "4.66");
    assert_eq!(
        table["total"]["grade_text"],
        "尚有14项指标未能评分，自评等次待全部指标评分后确定"
    );
    assert_eq!(lines[1]["score_table"]["total"]["grade_text"], "等次：优秀");

    let (code, report, _) = zipin(&["report", seed_path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(report.starts_with("广东省科技监测中心2024年度整体绩效自评报告\n"));
    assert!(report.contains("采购执行率为93.27%。"));
}

#[test]
fn bad_input_gives_one_line_and_a_failure_code() {
    let not_json = temp_file("bad.json", "{ this is not json");
    let not_ours = temp_file("other.json", "{\"format\": \"something-else\"}");
    for (args, expected) in [
        (vec!["score", not_json.to_str().unwrap()], "不是有效的 JSON"),
        (
            vec!["score", not_ours.to_str().unwrap()],
            "这不是绩效自评文档",
        ),
        (vec!["report", "/nonexistent/zipin.json"], "无法读取文件"),
        (vec!["sample", "other"], "没有名为“other”的示例"),
    ] {
        let (code, out, err) = zipin(&args);
        assert_eq!(code, 1, "{args:?}");
        assert!(out.is_empty());
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        assert!(err.contains(expected), "{err}");
        assert!(!err.contains("panicked"));
    }
    let (code, _, err) = zipin(&[]);
    assert_eq!(code, 1);
    assert!(err.contains("用法 usage"));
}

#[test]
fn score_goes_on_past_bad_files_and_fails_at_the_end() {
    let (_, example, _) = zipin(&["sample", "example"]);
    let good = temp_file("good.json", &example);
    let broken = temp_file("broken.json", "{ \"format\": \"zipin.evaluation\", ");
    let missing = std::env::temp_dir().join("zipin-cli-nonexistent.json");
    let good = good.to_str().unwrap();
    let broken = broken.to_str().unwrap();
    let missing = missing.to_str().unwrap();

    let (code, out, err) = zipin(&["score", good, broken, missing, good]);
    assert_eq!(code, 1, "a bad file fails the run: {err}");
    let results: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(results.len(), 2, "both good files are scored: {out}");
    for result in &results {
        assert_eq!(result["file"], good);
        assert_eq!(result["total"], "90.25");
    }
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "one line a bad file: {err}");
    assert!(lines[0].starts_with(broken), "{}", lines[0]);
    assert!(lines[0].contains("不是有效的 JSON"), "{}", lines[0]);
    assert!(lines[0].contains("意外结束"), "{}", lines[0]);
    assert!(lines[1].starts_with(missing), "{}", lines[1]);
    assert!(
        lines[1].contains("无法读取文件（找不到该文件）"),
        "{}",
        lines[1]
    );
    assert_chinese(lines[0], broken);
    assert_chinese(lines[1], missing);

    let (code, out, err) = zipin(&["score", good, good]);
    assert_eq!((code, out.lines().count(), err.as_str()), (0, 2, ""));
}

#[test]
fn every_kind_of_bad_file_gets_a_chinese_line_naming_it() {
    let (_, example, _) = zipin(&["sample", "example"]);
    let mut doc: serde_json::Value = serde_json::from_str(&example).unwrap();
    doc["unit"]["year"] = serde_json::json!("二〇二四");
    let wrong_type = temp_file("wrong-type.json", doc.to_string());
    doc.as_object_mut().unwrap().remove("framework");
    doc["unit"]["year"] = serde_json::json!(2024);
    let no_framework = temp_file("no-framework.json", doc.to_string());
    let dir = std::env::temp_dir();
    for (path, expected) in [
        (temp_file("empty.json", ""), "文件是空的"),
        (
            temp_file("syntax.json", "{\n  \"a\": 1,,\n}"),
            "第 2 行第 10 列附近",
        ),
        (
            temp_file("latin1.json", b"{\"format\": \"\xe9\"}"),
            "不是 UTF-8 编码的文本",
        ),
        (wrong_type, "预算年度（unit.year）：应为不小于 0 的整数"),
        (no_framework, "缺少必填项“评分框架”"),
        (dir.clone(), "这是一个文件夹"),
    ] {
        let path = path.to_str().unwrap();
        let (code, out, err) = zipin(&["score", path]);
        assert_eq!(code, 1, "{path}");
        assert!(out.is_empty(), "{out}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.starts_with(path), "names the file: {err}");
        assert!(err.contains(expected), "{expected} in {err}");
        assert_chinese(err.trim_end(), path);
    }
}

#[test]
fn what_a_file_holds_cannot_drive_the_terminal() {
    // A format tag that would clear the screen and break the line, quoted in the error.
    let hostile = temp_file("escape.json", "{\"format\": \"\\u001b[2J\\n\\u202e恶意\"}");
    let (code, _, err) = zipin(&["score", hostile.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(err.contains("这不是绩效自评文档"), "{err}");
    assert!(
        !err.trim_end()
            .chars()
            .any(|c| c.is_control() || c == '\u{202E}'),
        "{err:?}"
    );

    // The report quotes the unit name: its lines stay, the escape goes.
    let (_, example, _) = zipin(&["sample", "example"]);
    let mut doc: serde_json::Value = serde_json::from_str(&example).unwrap();
    doc["unit"]["name"] = serde_json::json!("示例\u{1b}[31m单位\u{7}");
    let path = temp_file("escape-unit.json", doc.to_string());
    let (code, report, err) = zipin(&["report", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(report.starts_with("示例[31m单位"), "{report}");
    assert!(report.lines().count() > 20);
    assert!(!report
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t')));
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_named_not_panicked_on() {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::OsStr::from_bytes(b"/nonexistent/zipin-\xff.json");
    let out = Command::new(env!("CARGO_BIN_EXE_zipin"))
        .arg("score")
        .arg(name)
        .output()
        .expect("run zipin");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("/nonexistent/zipin-\u{FFFD}.json：无法读取文件"),
        "{err}"
    );
}

/// `n` varied units as files; unit 1's framework gives 政府采购执行率 another weight.
fn unit_files(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let mut doc = zipin_core::samples::varied(i);
            if i == 1 {
                for ind in doc.framework.indicators_mut() {
                    match ind.id.as_str() {
                        "procurement-rate" => ind.weight = 4.into(),
                        "asset-compliance" => ind.weight = 4.into(),
                        _ => {}
                    }
                }
                for l2 in doc.framework.level1[1].level2.iter_mut() {
                    if l2.name == "采购管理" {
                        l2.weight = 4.into();
                    }
                    if l2.name == "资产管理" {
                        l2.weight = 7.into();
                    }
                }
            }
            let path = temp_file(
                &format!("unit-{i}.json"),
                zipin_core::migrate::to_json(&doc),
            );
            path.to_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn summary_prints_the_table_and_goes_on_past_bad_files() {
    let files = unit_files(4);
    let broken = temp_file("summary-broken.json", "{");
    let mut args: Vec<&str> = vec!["summary"];
    args.extend(files.iter().map(String::as_str));
    args.push(broken.to_str().unwrap());
    let (code, out, err) = zipin(&args);
    assert_eq!(code, 1, "a bad file fails the run");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with(broken.to_str().unwrap()), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("来源"), "{out}");
    for h in [
        "总分",
        "等次",
        "履职效能",
        "管理效率/预算执行",
        "错误",
        "调整",
    ] {
        assert!(lines[0].contains(h), "{h} in {}", lines[0]);
    }
    assert!(lines[1].contains("示例第1中心（数据为虚构）"), "{out}");
    // Unit 0: 86.2 (预算执行率 60%, 采购 70%).
    assert!(lines[1].contains("86.2 "), "{}", lines[1]);
    assert!(out.contains("以下 1 个单位的评分框架与多数单位"), "{out}");
    assert!(
        out.contains("三级指标“政府采购执行率”分值 5 → 4 分"),
        "{out}"
    );

    let mut args: Vec<&str> = vec!["summary", "--csv"];
    args.extend(files.iter().map(String::as_str));
    let (code, out, err) = zipin(&args);
    assert_eq!((code, err.as_str()), (0, ""));
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), 5);
    let head: Vec<&str> = rows[0].split(',').collect();
    let total = head.iter().position(|h| *h == "总分").unwrap();
    assert_eq!(rows[1].split(',').nth(total), Some("86.2"));
    assert!(head.contains(&"政府采购执行率"));
    assert_eq!(head.last(), Some(&"与多数单位评分框架的差异"));
}

#[test]
fn summary_writes_the_workbook() {
    use calamine::{Data, Reader, Xlsx};
    let files = unit_files(3);
    let out_path = std::env::temp_dir().join(format!("zipin-cli-{}-sum.xlsx", std::process::id()));
    let mut args: Vec<&str> = vec!["summary", "--xlsx", out_path.to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    let (code, _, err) = zipin(&args);
    assert_eq!(code, 0, "{err}");
    let mut book: Xlsx<_> = calamine::open_workbook(&out_path).expect("the workbook");
    let range = book.worksheet_range("汇总").expect("sheet 汇总");
    let rows: Vec<_> = range.rows().collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[1][4], Data::Float(86.2));

    let (code, _, err) = zipin(&["summary", "--xlsx", "/nonexistent/dir/x.xlsx", &files[0]]);
    assert_eq!(code, 1);
    assert!(err.contains("无法写入汇总表"), "{err}");
    let (code, _, err) = zipin(&["summary", "--bogus", &files[0]]);
    assert_eq!(code, 1);
    assert!(err.contains("用法 usage"), "{err}");
}

#[test]
fn summary_shows_nothing_that_drives_the_terminal() {
    let mut doc = zipin_core::samples::varied(0);
    doc.unit.name = "示例\u{1b}[31m单位\u{202e}".to_string();
    let path = temp_file("summary-escape.json", zipin_core::migrate::to_json(&doc));
    let formula = {
        let mut doc = zipin_core::samples::varied(1);
        doc.unit.name = "=HYPERLINK(\"x\")".to_string();
        temp_file("summary-formula.json", zipin_core::migrate::to_json(&doc))
    };
    for csv in [false, true] {
        let mut args = vec!["summary", path.to_str().unwrap(), formula.to_str().unwrap()];
        if csv {
            args.push("--csv");
        }
        let (code, out, err) = zipin(&args);
        assert_eq!(code, 0, "{err}");
        assert!(
            !out.chars()
                .any(|c| (c.is_control() && c != '\n') || c == '\u{202E}'),
            "{out:?}"
        );
        if csv {
            assert!(out.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{out}");
        }
    }
}

#[test]
fn a_file_past_the_cores_cap_is_refused_unread_with_the_cores_words() {
    let cap = zipin_core::caps::FILE_BYTES;
    let path = temp_file("too-large.json", vec![b' '; cap + 1]);
    let shown = path.to_string_lossy().into_owned();
    let (code, out, err) = zipin(&["score", &shown]);
    std::fs::remove_file(&path).ok();
    assert_ne!(code, 0);
    assert!(out.is_empty(), "{out}");
    let expected = zipin_core::migrate::LoadError::TooLarge {
        bytes: cap + 1,
        cap,
    }
    .to_string();
    assert!(err.contains(&expected), "{err}");
    assert!(
        err.contains("文档过大（8388609 字节，上限 8388608 字节）"),
        "{err}"
    );
    assert_chinese(err.trim(), &shown);
}
