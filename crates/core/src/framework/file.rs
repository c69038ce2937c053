//! Framework files: the built-in ones embedded as data, and reading one (built-in or an officer's import) through
//! the gate.

use std::fmt;

use serde_json::Value;

use super::{Framework, FrameworkProblem, Located};
use crate::caps;
use crate::intake::{parse_json, read_typed, Refusal};

/// The built-in frameworks, embedded as data.
pub const BUILT_IN: [(&str, &str); 2] = [
    (
        "guangdong-2024-reference",
        include_str!("../../data/frameworks/guangdong-2024-reference.json"),
    ),
    (
        "project-2020-10",
        include_str!("../../data/frameworks/project-2020-10.json"),
    ),
];

/// The default framework for a new document.
pub const DEFAULT_FRAMEWORK_ID: &str = "guangdong-2024-reference";

/// Why a framework file is not taken: it cannot be read as a framework (its size, its JSON, a value of the wrong
/// type, a number not written as the app writes it), or it is read but unsound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    Unreadable(Refusal),
    Unsound(FrameworkProblem),
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileProblem::Unreadable(refusal) => write!(f, "{refusal}"),
            FileProblem::Unsound(problem) => write!(f, "评分框架：{problem}"),
        }
    }
}

/// Reads and validates a framework file through the gate, as for an officer's import: a framework with problems is
/// refused.
pub fn parse_framework(text: &str) -> Result<Framework, Vec<FileProblem>> {
    let (framework, problems) = read_framework_draft(text)?;
    if problems.is_empty() {
        Ok(framework)
    } else {
        Err(problems
            .into_iter()
            .map(|located| FileProblem::Unsound(located.problem))
            .collect())
    }
}

/// Reads a framework file through the same gate as [`parse_framework`] (size, JSON, typing, numbers as the app
/// writes them), but a framework that reads and is unsound comes back with its problems: an officer's draft is
/// saved and opened with its problems listed, to be put right in the editor.
pub fn read_framework_draft(text: &str) -> Result<(Framework, Vec<Located>), Vec<FileProblem>> {
    if text.len() > caps::FRAMEWORK_BYTES {
        return Err(unreadable(format!(
            "文件过大（{} 字节，上限 {} 字节），请确认选择的是评分框架文件",
            text.len(),
            caps::FRAMEWORK_BYTES
        )));
    }
    let value = parse_json(text).map_err(unreadable)?;
    // A file of another kind of this app is named for what it is, not refused field by field.
    let other = match value.get("format").and_then(Value::as_str) {
        Some(crate::formats::DOCUMENT) => Some("这是绩效自评数据文件，不是评分框架文件；请在“文档管理”中用“导入数据文件”打开"),
        Some(crate::formats::STORED_FRAMEWORK) => Some("这是浏览器中保存的评分框架记录，不是导出的评分框架文件；请在原页面用“导出（.json）”导出后再导入"),
        _ => None,
    };
    if let Some(message) = other {
        return Err(unreadable(message.to_string()));
    }
    read_framework_value(value)
}

/// The typed read of [`read_framework_draft`], for a framework inside a parsed value (a stored envelope). The
/// caller has bounded the text the value came from.
pub(crate) fn read_framework_value(
    value: Value,
) -> Result<(Framework, Vec<Located>), Vec<FileProblem>> {
    let each = |refusals: Vec<Refusal>| -> Vec<FileProblem> {
        let name_root = |mut refusal: Refusal| {
            // The root of a document file is labelled 文档; this one is a framework.
            if refusal.path.is_empty() {
                refusal.label = "评分框架".to_string();
            }
            FileProblem::Unreadable(refusal)
        };
        refusals.into_iter().map(name_root).collect()
    };
    let (framework, refusals): (Framework, _) = read_typed(value).map_err(each)?;
    if !refusals.is_empty() {
        return Err(each(refusals));
    }
    let problems = framework.validate_located();
    Ok((framework, problems))
}

fn unreadable(problem: String) -> Vec<FileProblem> {
    vec![FileProblem::Unreadable(Refusal {
        path: String::new(),
        label: "评分框架文件".to_string(),
        problem,
    })]
}

/// The first problem and how many more, for a message with room for one line.
pub fn first_problem(problems: &[FileProblem]) -> String {
    match problems {
        [] => "评分框架无法读取".to_string(),
        [only] => only.to_string(),
        [first, rest @ ..] => format!("{first}（另有 {} 处问题）", rest.len()),
    }
}

/// A built-in framework by id. The built-in files are validated by a test, so this only fails for an unknown id.
pub fn built_in(id: &str) -> Option<Framework> {
    BUILT_IN
        .iter()
        .find(|(known, _)| *known == id)
        .and_then(|(_, json)| parse_framework(json).ok())
}

pub fn default_framework() -> Framework {
    // The default is validated by tests; if it ever failed to parse, an empty framework keeps the app alive
    // and its validation problems are shown as checks.
    built_in(DEFAULT_FRAMEWORK_ID).unwrap_or_else(|| Framework {
        id: "empty".to_string(),
        ..Framework::empty("（内置框架读取失败）")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn a_document_file_given_as_a_framework_is_named_for_what_it_is() {
        let problems = read_framework_draft(crate::samples::SEED_JSON).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].to_string().contains("这是绩效自评数据文件"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn every_built_in_framework_is_sound() {
        for (id, json) in BUILT_IN {
            // Read as an imported file is, so it passes the gate and validation.
            let framework = parse_framework(json).unwrap_or_else(|p| panic!("{id}: {p:?}"));
            assert_eq!(framework.id, id);
        }
    }

    #[test]
    fn guangdong_reference_is_marked_as_reference() {
        let gd = built_in("guangdong-2024-reference").unwrap();
        assert_eq!(gd.status, "参考框架，待核对正式附件");
        assert_eq!(gd.indicators().count(), 15);
        let names: Vec<&str> = gd
            .level1
            .iter()
            .flat_map(|l| l.level2.iter().map(|l2| l2.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                "整体效能",
                "预算编制",
                "预算执行",
                "信息公开",
                "绩效管理",
                "采购管理",
                "资产管理",
                "运行成本"
            ]
        );
    }

    #[test]
    fn a_user_framework_that_is_not_json_gets_a_message() {
        let err = parse_framework("{").unwrap_err();
        assert!(
            matches!(&err[0], FileProblem::Unreadable(r) if r.problem.starts_with("不是有效的 JSON")),
            "{err:?}"
        );
    }

    #[test]
    fn a_framework_file_is_read_as_strictly_as_a_document() {
        let bad = BUILT_IN[0]
            .1
            .replacen("\"weight\": \"50\"", "\"weight\": 50.5", 1);
        assert_ne!(bad, BUILT_IN[0].1);
        let r = parse_framework(&bad).unwrap_err();
        assert!(
            matches!(&r[0], FileProblem::Unreadable(r) if r.problem.contains("字符串")),
            "{r:?}"
        );
    }

    #[test]
    fn an_unsound_file_says_so_as_the_page_prints_it() {
        let unsound = BUILT_IN[0]
            .1
            .replacen("\"weight\": \"50\"", "\"weight\": \"45\"", 1);
        let r = parse_framework(&unsound).unwrap_err();
        assert_eq!(
            r[0],
            FileProblem::Unsound(FrameworkProblem::TotalNotHundred {
                total: Some(Decimal::from(95))
            })
        );
        assert_eq!(
            r[0].to_string(),
            "评分框架：一级指标分值合计 95 分，应为 100 分"
        );
    }

    #[test]
    fn a_draft_that_reads_comes_back_with_its_problems_and_where_they_are() {
        let unsound = BUILT_IN[0]
            .1
            .replacen("\"weight\": \"50\"", "\"weight\": \"45\"", 1);
        let (framework, problems) = read_framework_draft(&unsound).expect("reads");
        assert_eq!(framework.level1[0].weight, Decimal::from(45));
        assert_eq!(
            problems.first(),
            Some(&Located {
                problem: FrameworkProblem::TotalNotHundred {
                    total: Some(Decimal::from(95))
                },
                at: crate::framework::Where::About,
            })
        );
        // The import refuses the same problems, in the same order.
        let refused = parse_framework(&unsound).unwrap_err();
        let same: Vec<FileProblem> = problems
            .into_iter()
            .map(|l| FileProblem::Unsound(l.problem))
            .collect();
        assert_eq!(refused, same);
        for (_, json) in BUILT_IN {
            let (_, problems) = read_framework_draft(json).expect("reads");
            assert!(problems.is_empty(), "{problems:?}");
        }
    }

    #[test]
    fn a_draft_that_does_not_read_is_refused_as_an_import_is() {
        let oversized = format!("{}{}", BUILT_IN[0].1, " ".repeat(caps::FRAMEWORK_BYTES));
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let many = format!("[{}0]", "0,".repeat(caps::JSON_VALUES));
        let float = BUILT_IN[0]
            .1
            .replacen("\"weight\": \"50\"", "\"weight\": 50.5", 1);
        let wrong_type = BUILT_IN[0]
            .1
            .replacen("\"level1\": [", "\"level1\": {\"a\": [", 1);
        for text in [
            "",
            "{",
            "null",
            "[]",
            "\"zipin.framework\"",
            "{}",
            &oversized,
            &deep,
            &many,
            &float,
            &wrong_type,
        ] {
            let refused = read_framework_draft(text).unwrap_err();
            assert!(!refused.is_empty());
            assert!(refused
                .iter()
                .all(|p| matches!(p, FileProblem::Unreadable(_))));
            assert_eq!(parse_framework(text).unwrap_err(), refused);
        }
    }

    #[test]
    fn the_first_problem_and_how_many_more() {
        let refused = read_framework_draft("{}").unwrap_err();
        assert_eq!(refused[0].to_string(), "评分框架：缺少必填项“格式标记”");
        assert_eq!(first_problem(&refused[..1]), refused[0].to_string());
        let two = [refused[0].clone(), refused[0].clone()];
        assert_eq!(
            first_problem(&two),
            format!("{}（另有 1 处问题）", refused[0])
        );
        assert_eq!(first_problem(&[]), "评分框架无法读取");
    }
}
