//! Tables pasted from Excel: a 绩效目标 table (its rows as the document's target rows), and a list of projects (each
//! a new 项目支出绩效自评 form with its name and funds).

use crate::document::{FundsRow, Money, Project, TargetOperator, TargetRow};

/// The columns of a pasted 绩效目标 table, in order. Extra columns are ignored; missing ones stay empty.
pub const TSV_COLUMNS: [&str; 9] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "运算符",
    "指标值",
    "单位",
    "实际完成值",
    "权重",
    "偏差原因",
];

/// The rows of a range copied from Excel: cells split at tabs, rows at line ends, each row with the line it starts
/// on (from 1). A cell holding a line break, a tab or a quotation mark comes quoted (`"第一行\n第二行"`, `""` for
/// `"`), so a line break inside it does not end the row; a quotation mark that opens no such cell is kept as text.
/// Cells are trimmed; blank rows are left out. Lazy, so a reader can stop at its cap without splitting the rest.
fn excel_rows(text: &str) -> impl Iterator<Item = (usize, Vec<String>)> + '_ {
    let mut rest = text;
    let mut line = 1usize;
    std::iter::from_fn(move || loop {
        if rest.is_empty() {
            return None;
        }
        let starts = line;
        let mut cells = Vec::new();
        let mut cell = String::new();
        loop {
            if cell.is_empty() && rest.starts_with('"') {
                if let Some((quoted, after)) = quoted_cell(rest) {
                    line = line.saturating_add(quoted.matches('\n').count());
                    cell.push_str(&quoted);
                    rest = after;
                    continue;
                }
            }
            match rest.find(['\t', '\n', '"']) {
                Some(at) => {
                    let (before, from) = rest.split_at(at);
                    cell.push_str(before);
                    let mut chars = from.chars();
                    let sep = chars.next();
                    rest = chars.as_str();
                    match sep {
                        Some('\t') => cells.push(std::mem::take(&mut cell)),
                        Some('\n') => {
                            line = line.saturating_add(1);
                            break;
                        }
                        _ => cell.push('"'),
                    }
                }
                None => {
                    cell.push_str(rest);
                    rest = "";
                    break;
                }
            }
        }
        cells.push(cell);
        let cells: Vec<String> = cells
            .iter()
            .map(|c| c.trim_end_matches('\r').trim().to_string())
            .collect();
        if cells.iter().any(|c| !c.is_empty()) {
            return Some((starts, cells));
        }
    })
}

/// A quoted cell at the start of `text` (`"…"` with `""` for a quotation mark, then a tab, a line end or the end):
/// its content and what follows it; none when the quotation mark opens no such cell.
fn quoted_cell(text: &str) -> Option<(String, &str)> {
    let mut content = String::new();
    let mut rest = text.strip_prefix('"')?;
    loop {
        let at = rest.find('"')?;
        content.push_str(rest.get(..at)?);
        rest = rest.get(at.saturating_add(1)..)?;
        if let Some(after) = rest.strip_prefix('"') {
            content.push('"');
            rest = after;
        } else if rest.is_empty() || rest.starts_with(['\t', '\n', '\r']) {
            return Some((content, rest));
        } else {
            return None;
        }
    }
}

/// Rows copied from Excel (tab-separated, one row a line) as 绩效目标 rows. A header row is skipped; blank lines
/// are ignored. An operator cell that is not recognised, or a weight that is not a number, is an error naming the
/// line, and then nothing is taken.
pub fn parse_tsv(text: &str) -> Result<Vec<TargetRow>, Vec<String>> {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (k, (line_no, cells)) in excel_rows(text).enumerate() {
        // Stop reading at the cap (rows read well or not): a pasted sheet of a hundred thousand rows is refused, not
        // built and then refused.
        if rows.len().saturating_add(errors.len()) >= crate::caps::TARGET_ROWS {
            return Err(vec![format!(
                "粘贴的内容超过 {} 行，绩效目标最多 {} 行；请分批粘贴或删减后再试",
                crate::caps::TARGET_ROWS,
                crate::caps::TARGET_ROWS
            )]);
        }
        if k == 0 && cells.first().is_some_and(|c| c.starts_with("一级")) {
            continue;
        }
        let cell = |i: usize| cells.get(i).cloned().unwrap_or_default();
        let (operator, target) = split_operator(&cell(3), &cell(4));
        let Some(operator) = operator else {
            errors.push(format!(
                "第{line_no}行：无法识别运算符“{}”，请用 ≥、≤、=、定性、时限 或 是/否",
                cell(3)
            ));
            continue;
        };
        let weight = match cell(7).as_str() {
            "" => None,
            w => match crate::number::parse_points(w) {
                Ok(v) => Some(v),
                Err(e) => {
                    errors.push(format!("第{line_no}行：权重“{w}”{e}"));
                    continue;
                }
            },
        };
        rows.push(TargetRow {
            level1: cell(0),
            level2: cell(1),
            name: cell(2),
            operator,
            target,
            unit: cell(5),
            actual: cell(6),
            weight,
            deviation_reason: cell(8),
            ..TargetRow::default()
        });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// The columns of a pasted list of projects, in order: the name and the 年度资金总额 row, then its 其中 当年财政拨款
/// row. Extra columns are ignored; missing ones stay empty.
pub const PROJECT_COLUMNS: [&str; 7] = [
    "项目名称",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "其中：财政拨款年初预算数",
    "其中：财政拨款全年预算数",
    "其中：财政拨款全年执行数",
];

/// The problems of a paste as one message: the first few, and how many there are in all (a sheet of bad rows
/// would otherwise make a message of a million characters).
pub fn errors_message(errors: &[String]) -> String {
    const SHOWN: usize = 10;
    let first = errors
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join("；");
    if errors.len() > SHOWN {
        format!("{first}；……共 {} 处问题", errors.len())
    } else {
        first
    }
}

/// The longest list of projects the paste field takes, in UTF-16 units as the field counts them (𠮷 or an emoji is
/// two): the most projects a document holds, each with a name of the longest kind and every amount column. A paste
/// that reaches it was cut by the field.
pub const PROJECTS_PASTE_CHARS: usize = 100_000;

/// A list of projects copied from Excel (tab-separated, one project a line) as new project forms. A header row
/// (the first line, naming the columns) is skipped, blank lines are ignored; a line without a name, or an amount
/// that is not money, is an error naming the line and the column, and then nothing is taken. At most
/// [`crate::caps::PROJECTS`] lines, and less than [`PROJECTS_PASTE_CHARS`] characters (more was cut).
pub fn parse_projects(text: &str) -> Result<Vec<Project>, Vec<String>> {
    if text.encode_utf16().count() >= PROJECTS_PASTE_CHARS {
        return Err(vec![format!(
            "粘贴的内容达到 {PROJECTS_PASTE_CHARS} 个字符的上限，末尾可能已被截断；请分批粘贴"
        )]);
    }
    let mut projects = Vec::new();
    let mut errors = Vec::new();
    for (k, (line_no, cells)) in excel_rows(text).enumerate() {
        if projects.len().saturating_add(errors.len()) >= crate::caps::PROJECTS {
            return Err(vec![format!(
                "粘贴的内容超过 {} 行，一份文档最多 {} 个项目；请删减后再试",
                crate::caps::PROJECTS,
                crate::caps::PROJECTS
            )]);
        }
        if k == 0 && names_the_columns(&cells) {
            continue;
        }
        let name = cells.first().cloned().unwrap_or_default();
        if name.is_empty() {
            errors.push(format!("第{line_no}行：没有项目名称"));
            continue;
        }
        let mut money = |i: usize| -> Money {
            let cell = cells.get(i).map(String::as_str).unwrap_or("");
            if cell.is_empty() {
                return None;
            }
            match crate::number::parse_money(cell) {
                Ok(v) if !v.is_sign_negative() => Some(v),
                Ok(_) => {
                    errors.push(format!(
                        "第{line_no}行“{}”：{cell} 不能为负数",
                        PROJECT_COLUMNS.get(i).unwrap_or(&"")
                    ));
                    None
                }
                Err(e) => {
                    errors.push(format!(
                        "第{line_no}行“{}”：{cell} {e}",
                        PROJECT_COLUMNS.get(i).unwrap_or(&"")
                    ));
                    None
                }
            }
        };
        let total = FundsRow {
            initial: money(1),
            adjusted: money(2),
            spent: money(3),
        };
        let fiscal = FundsRow {
            initial: money(4),
            adjusted: money(5),
            spent: money(6),
        };
        let mut project = Project {
            name,
            ..Project::default()
        };
        project.funds.total = total;
        project.funds.fiscal = fiscal;
        projects.push(project);
    }
    if errors.is_empty() {
        Ok(projects)
    } else {
        Err(errors)
    }
}

/// Whether a pasted line is the list's header: its first cell is 项目名称 (or 项目 / 名称), or its other cells name
/// columns rather than hold amounts. A project whose name begins with 项目 is not a header for that.
fn names_the_columns(cells: &[String]) -> bool {
    let Some((first, rest)) = cells.split_first() else {
        return false;
    };
    let filled: Vec<&String> = rest.iter().filter(|c| !c.is_empty()).collect();
    matches!(first.as_str(), "项目名称" | "项目" | "名称")
        || (!filled.is_empty()
            && filled
                .iter()
                .all(|c| crate::number::parse_money(c).is_err()))
}

/// The operator may stand in its own cell or in front of the value (`≥45`); an empty operator cell with a plain
/// value means ≥, the most common target.
fn split_operator(op_cell: &str, value_cell: &str) -> (Option<TargetOperator>, String) {
    if !op_cell.is_empty() {
        return (TargetOperator::from_text(op_cell), value_cell.to_string());
    }
    for (prefix, op) in [
        ("≥", TargetOperator::AtLeast),
        (">=", TargetOperator::AtLeast),
        ("≤", TargetOperator::AtMost),
        ("<=", TargetOperator::AtMost),
        ("=", TargetOperator::Equal),
    ] {
        if let Some(rest) = value_cell.strip_prefix(prefix) {
            return (Some(op), rest.trim().to_string());
        }
    }
    (Some(TargetOperator::AtLeast), value_cell.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_cell_with_a_line_break_comes_quoted_and_stays_one_cell() {
        let text = "\"监测网络\n运行维护\"\t400\t420\t412.3\r\n\"引号\"\"内\"\"\"\t1\t1\t1\n\"甲\t1\n乙\t十万\n";
        let rows: Vec<(usize, Vec<String>)> = excel_rows(text).collect();
        assert_eq!(
            rows[0],
            (
                1,
                vec![
                    "监测网络\n运行维护".to_string(),
                    "400".into(),
                    "420".into(),
                    "412.3".into()
                ]
            )
        );
        assert_eq!(
            rows[1].0, 3,
            "the row after a two-line cell starts on line 3"
        );
        assert_eq!(rows[1].1[0], "引号\"内\"");
        // A quotation mark that opens no quoted cell is text; the line numbers still count.
        assert_eq!(rows[2], (4, vec!["\"甲".to_string(), "1".into()]));
        assert_eq!(rows[3].0, 5);
        let errors = parse_projects(text).expect_err("十万 is no amount");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("第5行"), "{errors:?}");
    }

    #[test]
    fn pasted_rows_from_excel() {
        let text =
            "一级指标\t二级指标\t三级指标\t运算符\t指标值\t单位\t实际完成值\t权重\t偏差原因\r\n\
产出\t数量\t验收项目数\t≥\t40\t个\t45\t10\t\r\n\
产出\t时效\t报告报送\t时限\t2024-09-30\t\t2024-09-20\t\t\n\
\n\
效益\t社会效益\t宣传覆盖面\t定性\t有效扩大\t\t基本实现\t\t";
        let rows = parse_tsv(text).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].name, "验收项目数");
        assert_eq!(rows[0].weight, Some(dec!(10)));
        assert_eq!(rows[1].operator, TargetOperator::Deadline);
        assert_eq!(rows[2].operator, TargetOperator::Qualitative);
        assert_eq!(rows[2].actual, "基本实现");
    }

    #[test]
    fn a_paste_longer_than_the_cap_is_refused_while_read() {
        let line = "产出\t数量\t项目数\t≥\t10\t个\t8\n";
        let cap = crate::caps::TARGET_ROWS;
        assert_eq!(parse_tsv(&line.repeat(cap)).map(|rows| rows.len()), Ok(cap));
        let errors = parse_tsv(&line.repeat(100_000)).unwrap_err();
        assert!(errors[0].contains("超过 500 行"), "{errors:?}");
    }

    #[test]
    fn operator_inside_the_value_and_errors() {
        let rows = parse_tsv("产出\t数量\t培训期数\t\t≥10\t期\t8").unwrap();
        assert_eq!(
            (rows[0].operator, rows[0].target.as_str()),
            (TargetOperator::AtLeast, "10")
        );
        let errors = parse_tsv("产出\t数量\tx\t约\t10\n产出\t数量\ty\t≥\t10\t\t\t十").unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors[0].starts_with("第1行：无法识别运算符“约”"));
        assert!(errors[1].starts_with("第2行：权重“十”"));
    }
}

#[cfg(test)]
mod project_tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn five_projects_pasted_from_excel_become_five_forms_with_their_funds() {
        let text = "项目名称\t年初预算数\t全年预算数\t全年执行数\r\n\
                    监测网络运行维护\t400\t420\t412.3\r\n\
                    监测设备更新\t100\t120\t110.4\t100\t120\t110.4\r\n\
                    \r\n\
                    监测技术培训\t60\t60\t56.6\r\n\
                    数据平台升级\t\"1,200\"\t1,200\t1,150.5\r\n\
                    科普宣传\t30\t30\r\n";
        let projects = parse_projects(text).expect("read");
        let names: Vec<&str> = projects.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "监测网络运行维护",
                "监测设备更新",
                "监测技术培训",
                "数据平台升级",
                "科普宣传"
            ]
        );
        assert_eq!(projects[1].funds.total.spent, Some(dec!(110.4)));
        assert_eq!(projects[1].funds.fiscal.adjusted, Some(dec!(120)));
        assert_eq!(projects[3].funds.total.initial, Some(dec!(1200)));
        assert_eq!(projects[4].funds.total.spent, None);
    }

    #[test]
    fn a_line_without_a_name_or_with_a_bad_amount_is_named_and_nothing_is_taken() {
        let errors = parse_projects("甲\t100\t-5\n\t1\t2\n乙\t十万\n").expect_err("refused");
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors[0].starts_with("第1行“全年预算数”：-5 不能为负数"),
            "{errors:?}"
        );
        assert_eq!(errors[1], "第2行：没有项目名称");
        assert!(
            errors[2].starts_with("第3行“年初预算数”：十万"),
            "{errors:?}"
        );
    }

    #[test]
    fn the_header_is_the_first_line_naming_columns_not_a_project_called_xiangmu() {
        let projects =
            parse_projects("项目管理信息系统运维\t100\t120\t110\n乙\t1\t1\t1").expect("read");
        assert_eq!(projects.len(), 2);
        assert_eq!(projects[0].name, "项目管理信息系统运维");
        let projects = parse_projects("\n\n名称\t年初\t全年\t执行\n甲\t1\t2\t2").expect("read");
        assert_eq!(projects.len(), 1);
        let alone = parse_projects("项目管理信息系统运维").expect("read");
        assert_eq!(alone.len(), 1, "a name alone is a project");
    }

    #[test]
    fn a_paste_as_long_as_the_field_takes_was_cut_and_is_refused() {
        let cut: String = "长".repeat(PROJECTS_PASTE_CHARS);
        let errors = parse_projects(&cut).expect_err("refused");
        assert!(errors[0].contains("可能已被截断"), "{errors:?}");
        // Counted as the field counts: 😀 is two units, so half as many reach the cap.
        let astral = "😀\t1\t1\t1\n".repeat(12_000);
        assert!(astral.chars().count() < PROJECTS_PASTE_CHARS);
        let errors = parse_projects(&astral).expect_err("refused");
        assert!(errors[0].contains("可能已被截断"), "{errors:?}");
        // The longest list a document takes fits: 200 lines of a 200-character name and nine 19-character amounts.
        let amounts = "\t123456789012.123456".repeat(9);
        let text = format!("{}{amounts}\n", "长".repeat(200)).repeat(200);
        assert!(text.chars().count() < PROJECTS_PASTE_CHARS);
        assert_eq!(parse_projects(&text).map(|p| p.len()), Ok(200));
    }

    #[test]
    fn a_sheet_of_bad_rows_stops_at_the_cap_and_says_so_briefly() {
        let text = "产出\t数量\t甲\t约\t1\n".repeat(30_000);
        let errors = parse_tsv(&text).expect_err("refused");
        assert_eq!(errors.len(), 1, "stopped at the cap");
        assert!(errors[0].contains("超过 500 行"), "{errors:?}");
        let many: Vec<String> = (1..=40).map(|n| format!("第{n}行：错")).collect();
        let message = errors_message(&many);
        assert!(message.starts_with("第1行：错；第2行：错"), "{message}");
        assert!(message.ends_with("第10行：错；……共 40 处问题"), "{message}");
        assert_eq!(errors_message(&many[..2]), "第1行：错；第2行：错");
    }

    #[test]
    fn more_lines_than_the_cap_are_refused_before_they_are_built() {
        let text = "甲\t1\t1\t1\n".repeat(crate::caps::PROJECTS + 1);
        let errors = parse_projects(&text).expect_err("refused");
        assert!(errors[0].contains("最多 200 个项目"), "{errors:?}");
    }
}
