//! The `zipin` command, run as a user would.

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

fn temp_file(name: &str, content: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("zipin-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, content).expect("write temp file");
    path
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
    assert_eq!(lines[1]["total"], "90.25");
    assert_eq!(lines[1]["grade"], "优秀");

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
