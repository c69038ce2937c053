//! A 绩效目标 table pasted from Excel: the columns it is read in, and its rows as the document's target rows.

use crate::document::{TargetOperator, TargetRow};

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

/// Rows copied from Excel (tab-separated, one row a line) as 绩效目标 rows. A header row is skipped; blank lines
/// are ignored. An operator cell that is not recognised, or a weight that is not a number, is an error naming the
/// line, and then nothing is taken.
pub fn parse_tsv(text: &str) -> Result<Vec<TargetRow>, Vec<String>> {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        // Stop reading at the cap: a pasted sheet of a hundred thousand rows is refused, not built and then refused.
        if rows.len() >= crate::caps::TARGET_ROWS {
            return Err(vec![format!(
                "粘贴的内容超过 {} 行，绩效目标最多 {} 行；请分批粘贴或删减后再试",
                crate::caps::TARGET_ROWS,
                crate::caps::TARGET_ROWS
            )]);
        }
        let cells: Vec<String> = line
            .split('\t')
            .map(|c| c.trim().trim_matches('"').trim().to_string())
            .collect();
        if n == 0 && cells.first().is_some_and(|c| c.starts_with("一级")) {
            continue;
        }
        let cell = |i: usize| cells.get(i).cloned().unwrap_or_default();
        let (operator, target) = split_operator(&cell(3), &cell(4));
        let Some(operator) = operator else {
            errors.push(format!(
                "第{}行：无法识别运算符“{}”，请用 ≥、≤、=、定性、时限 或 是/否",
                n.saturating_add(1),
                cell(3)
            ));
            continue;
        };
        let weight = match cell(7).as_str() {
            "" => None,
            w => match crate::number::parse_points(w) {
                Ok(v) => Some(v),
                Err(e) => {
                    errors.push(format!("第{}行：权重“{w}”{e}", n.saturating_add(1)));
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
