//! Framework files: the built-in ones embedded as data, and reading one (built-in or an officer's import) through
//! the gate.

use std::fmt;

use super::{Framework, FrameworkProblem, FRAMEWORK_FORMAT};
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

/// Reads and validates a framework file through the gate, as for an officer's import.
pub fn parse_framework(text: &str) -> Result<Framework, Vec<FileProblem>> {
    let unreadable = |problem: String| {
        vec![FileProblem::Unreadable(Refusal {
            path: String::new(),
            label: "评分框架文件".to_string(),
            problem,
        })]
    };
    if text.len() > caps::FRAMEWORK_BYTES {
        return Err(unreadable(format!(
            "文件过大（{} 字节，上限 {} 字节），请确认选择的是评分框架文件",
            text.len(),
            caps::FRAMEWORK_BYTES
        )));
    }
    let value = parse_json(text).map_err(unreadable)?;
    let each = |refusals: Vec<Refusal>| -> Vec<FileProblem> {
        refusals.into_iter().map(FileProblem::Unreadable).collect()
    };
    let (framework, refusals): (Framework, _) = read_typed(value).map_err(each)?;
    if !refusals.is_empty() {
        return Err(each(refusals));
    }
    let problems = framework.validate();
    if problems.is_empty() {
        Ok(framework)
    } else {
        Err(problems.into_iter().map(FileProblem::Unsound).collect())
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
        format: FRAMEWORK_FORMAT.to_string(),
        id: "empty".to_string(),
        name: "（内置框架读取失败）".to_string(),
        reference: String::new(),
        status: String::new(),
        source: String::new(),
        dimensions: Vec::new(),
        grades: Vec::new(),
        level1: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

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
}
