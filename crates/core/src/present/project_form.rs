//! A project's 项目支出绩效自评表 laid out once, as the 财预〔2020〕10号 form prints it, for every writer: the .xlsx
//! (a sheet per project, its merged cells from the spans), the .docx (a table per project, `w:gridSpan`) and the
//! page's print view (`colspan`). Ten columns, the indicator block's: 一级 | 二级 | 三级 | 指标性质 | 指标值 |
//! 度量单位 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施; the header, funds, goal and text lines span them.
//!
//! Each cell holds its text and, when it is a figure, the exact number the text was made from, so the .xlsx stores
//! the very figure the text shows (and the officer's Excel can add it up). Only spans across a line, never down: a
//! reader of any of the three sees the same grid.
//!
//! [`project_overview`] is the list of all projects with their funds and scores, as the overview sheet and the
//! 部门整体 report's appendix print it.

use rust_decimal::Decimal;

use super::NO_SCORE;
use crate::document::{FundsColumn, FundsLine, Project, TargetOperator};
use crate::number::{checked_sum, fmt_amount, fmt_percent, fmt_score, percent_of, round_half_up};
use crate::project::score::ProjectEvaluation;
use crate::project::PlacedProject;

/// Columns of the form.
pub const FORM_COLUMNS: u16 = 10;

/// What a cell is, for its look: bold and shaded, a label, a plain value, or the total line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellRole {
    /// A section's heading across the form (项目资金（万元）, 绩效指标 …).
    Section,
    /// A column header.
    Header,
    /// The name of the value beside it (项目名称, 预期目标 …).
    Label,
    Value,
    /// A long text, wrapped and aligned to the top.
    Text,
    /// The 总分 line.
    Total,
}

/// How a figure is written: 万元 to two decimals, a score, or a rate in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Money(Decimal),
    Score(Decimal),
    /// In percent (92.00 for 92.00%), rounded to 0.01% as shown.
    Percent(Decimal),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormCell {
    pub text: String,
    pub figure: Option<Figure>,
    /// Columns it takes, at least 1.
    pub span: u16,
    pub role: CellRole,
}

impl FormCell {
    fn new(text: impl Into<String>, span: u16, role: CellRole) -> FormCell {
        FormCell {
            text: text.into(),
            figure: None,
            span,
            role,
        }
    }

    fn figure(figure: Option<Figure>, span: u16, role: CellRole) -> FormCell {
        let text = match figure {
            Some(Figure::Money(v)) => fmt_amount(v),
            Some(Figure::Score(v)) => fmt_score(v),
            Some(Figure::Percent(v)) => fmt_percent(v),
            None => String::new(),
        };
        FormCell {
            text,
            figure,
            span,
            role,
        }
    }
}

/// One line of the form: its cells' spans add up to [`FORM_COLUMNS`].
pub type FormLine = Vec<FormCell>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectForm {
    /// 项目支出绩效自评表.
    pub title: String,
    /// （2024年度）, or empty without a year.
    pub subtitle: String,
    pub lines: Vec<FormLine>,
}

/// The indicator block's column headers, which set the form's ten columns.
pub const INDICATOR_HEADER: [&str; 10] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "度量单位",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
];

fn label(text: &str, span: u16) -> FormCell {
    FormCell::new(text, span, CellRole::Label)
}

fn value(text: &str, span: u16) -> FormCell {
    FormCell::new(text.trim(), span, CellRole::Value)
}

fn section(text: &str) -> FormLine {
    vec![FormCell::new(text, FORM_COLUMNS, CellRole::Section)]
}

/// `label` over two columns and `text` over the other eight.
fn text_line(name: &str, text: &str) -> FormLine {
    vec![
        label(name, 2),
        FormCell::new(text.trim(), FORM_COLUMNS - 2, CellRole::Text),
    ]
}

/// The form of `project` scored as `evaluation`; `department` is the unit's name, shown as 主管部门 when the
/// project names none.
pub fn project_form(
    project: &Project,
    evaluation: &ProjectEvaluation,
    department: &str,
    year: Option<u16>,
) -> ProjectForm {
    let mut lines: Vec<FormLine> = Vec::new();
    let department = if project.department.trim().is_empty() {
        department
    } else {
        project.department.as_str()
    };
    lines.push(vec![label("项目名称", 2), value(&project.name, 8)]);
    lines.push(vec![
        label("主管部门", 2),
        value(department, 3),
        label("实施单位", 2),
        value(&project.implementer, 3),
    ]);
    lines.push(vec![
        label("项目属性", 2),
        value(project.kind.label(), 3),
        label("项目负责人", 2),
        value(&project.leader, 3),
    ]);

    lines.push(section("项目资金（万元）"));
    let header = |text: &str, span: u16| FormCell::new(text, span, CellRole::Header);
    // Spans that give each figure a wide enough place under the indicator block's columns.
    lines.push(vec![
        header("", 2),
        header(FundsColumn::Initial.label(), 1),
        header(FundsColumn::Adjusted.label(), 2),
        header(FundsColumn::Spent.label(), 2),
        header("分值", 1),
        header("执行率", 1),
        header("得分", 1),
    ]);
    for line in FundsLine::ALL {
        let row = project.funds.row(line);
        let name = match line {
            FundsLine::Total => line.label().to_string(),
            _ => format!("其中：{}", line.label()),
        };
        let mut cells = vec![label(&name, 2)];
        cells.extend(FundsColumn::ALL.iter().zip([1, 2, 2]).map(|(&c, span)| {
            FormCell::figure(row.get(c).map(Figure::Money), span, CellRole::Value)
        }));
        if line == FundsLine::Total {
            let execution = &evaluation.execution;
            cells.push(FormCell::figure(
                Some(Figure::Score(execution.weight)),
                1,
                CellRole::Value,
            ));
            cells.push(FormCell::figure(
                execution.rate.map(Figure::Percent),
                1,
                CellRole::Value,
            ));
            cells.push(FormCell::figure(
                execution.score.map(Figure::Score),
                1,
                CellRole::Value,
            ));
        } else {
            // The 其中 rows carry no 分值, 执行率 or 得分 of their own on the form.
            cells.extend((0..3).map(|_| value("—", 1)));
        }
        lines.push(cells);
    }

    lines.push(section("年度总体目标"));
    lines.push(text_line("预期目标", &project.goal_expected));
    lines.push(text_line("实际完成情况", &project.goal_actual));

    lines.push(section("绩效指标"));
    lines.push(
        INDICATOR_HEADER
            .iter()
            .map(|h| FormCell::new(*h, 1, CellRole::Header))
            .collect(),
    );
    for (row, result) in project.rows.iter().zip(&evaluation.rows) {
        let nature = match row.operator {
            TargetOperator::Qualitative => "定性".to_string(),
            op => op.symbol().to_string(),
        };
        let mut reason = row.deviation_reason.trim().to_string();
        if let Some((formula, why)) = &result.overridden {
            let formula = formula.map(fmt_score).unwrap_or_else(|| NO_SCORE.into());
            let note = format!("人工调整得分（按公式 {formula} 分）：{why}");
            reason = if reason.is_empty() {
                note
            } else {
                format!("{reason}；{note}")
            };
        }
        lines.push(vec![
            value(&row.level1, 1),
            value(&row.level2, 1),
            FormCell::new(row.name.trim(), 1, CellRole::Text),
            value(&nature, 1),
            value(&row.target, 1),
            value(&row.unit, 1),
            value(&row.actual, 1),
            FormCell::figure(result.weight.map(Figure::Score), 1, CellRole::Value),
            match result.score {
                Some(s) => FormCell::figure(Some(Figure::Score(s)), 1, CellRole::Value),
                None => value(NO_SCORE, 1),
            },
            FormCell::new(reason, 1, CellRole::Text),
        ]);
    }
    let full = evaluation.weight_total;
    let grade = match &evaluation.grade {
        Some(g) => format!("自评等次：{g}"),
        None => "自评等次：待定".to_string(),
    };
    lines.push(vec![
        FormCell::new("总分", 7, CellRole::Total),
        FormCell::figure(full.map(Figure::Score), 1, CellRole::Total),
        match evaluation.total {
            Some(t) => FormCell::figure(Some(Figure::Score(t)), 1, CellRole::Total),
            None => FormCell::new("待定", 1, CellRole::Total),
        },
        FormCell::new(grade, 1, CellRole::Total),
    ]);

    lines.push(section("自评报告"));
    lines.push(text_line("自评结论", &project.conclusion));
    lines.push(text_line("存在问题", &project.problems));
    lines.push(text_line("改进措施", &project.measures));

    ProjectForm {
        title: "项目支出绩效自评表".to_string(),
        subtitle: year.map(|y| format!("（{y}年度）")).unwrap_or_default(),
        lines,
    }
}

/// One project in the overview.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OverviewRow {
    /// 1-based.
    pub number: usize,
    pub name: String,
    pub implementer: String,
    pub adjusted: Option<Decimal>,
    pub spent: Option<Decimal>,
    /// In percent, at 0.01%.
    pub rate: Option<Decimal>,
    pub total: Option<Decimal>,
    pub grade: String,
}

/// All projects and their sums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    pub rows: Vec<OverviewRow>,
    /// The 全年预算数 and 全年执行数 of every project added up; none while one is missing or on overflow.
    pub adjusted: Option<Decimal>,
    pub spent: Option<Decimal>,
    /// `spent ÷ adjusted` at 0.01%.
    pub rate: Option<Decimal>,
}

pub const OVERVIEW_HEADER: [&str; 8] = [
    "序号",
    "项目名称",
    "实施单位",
    "全年预算数（万元）",
    "全年执行数（万元）",
    "执行率",
    "总分",
    "等次",
];

/// The overview of `projects`, each numbered by its place in the document.
pub fn project_overview(projects: &[PlacedProject]) -> Overview {
    let rows: Vec<OverviewRow> = projects
        .iter()
        .map(|placed| {
            let (p, e) = (placed.project, &placed.evaluation);
            OverviewRow {
                number: placed.index.saturating_add(1),
                name: crate::project::project_name(placed.index, p),
                implementer: p.implementer.trim().to_string(),
                adjusted: p.funds.total.adjusted,
                spent: p.funds.total.spent,
                rate: e.execution.rate,
                total: e.total,
                grade: e.grade_label(),
            }
        })
        .collect();
    let sum = |pick: fn(&OverviewRow) -> Option<Decimal>| {
        rows.iter()
            .map(pick)
            .collect::<Option<Vec<Decimal>>>()
            .and_then(checked_sum)
    };
    let adjusted = sum(|r| r.adjusted);
    let spent = sum(|r| r.spent);
    let rate = match (spent, adjusted) {
        (Some(s), Some(a)) => percent_of(s, a).map(|r| round_half_up(r, 2)),
        _ => None,
    };
    Overview {
        rows,
        adjusted,
        spent,
        rate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{FundsRow, TargetRow};
    use crate::project::score::evaluate;
    use crate::project::ProjectScheme;
    use rust_decimal_macros::dec;

    fn project() -> Project {
        Project {
            name: "乡村振兴示范".into(),
            implementer: "某某中心".into(),
            funds: crate::document::Funds {
                total: FundsRow {
                    initial: Some(dec!(100)),
                    adjusted: Some(dec!(120)),
                    spent: Some(dec!(110.4)),
                },
                ..Default::default()
            },
            rows: vec![TargetRow {
                level1: "产出指标".into(),
                level2: "数量指标".into(),
                name: "培训人次".into(),
                operator: TargetOperator::AtLeast,
                target: "100".into(),
                unit: "人次".into(),
                actual: "80".into(),
                weight: Some(dec!(50)),
                ..TargetRow::default()
            }],
            ..Project::default()
        }
    }

    #[test]
    fn every_line_spans_the_ten_columns_and_figures_print_as_their_text() {
        let scheme = ProjectScheme::default_scheme().unwrap();
        let p = project();
        let e = evaluate(0, &p, &scheme);
        let form = project_form(&p, &e, "某某厅", Some(2024));
        assert_eq!(form.subtitle, "（2024年度）");
        for line in &form.lines {
            let span: u16 = line.iter().map(|c| c.span).sum();
            assert_eq!(span, FORM_COLUMNS, "{line:?}");
        }
        let cells: Vec<&FormCell> = form.lines.iter().flatten().collect();
        let text_of = |t: &str| cells.iter().any(|c| c.text == t);
        assert!(
            text_of("某某厅"),
            "the unit stands in for an empty 主管部门"
        );
        assert!(text_of("92.00%"));
        assert!(text_of("9.2"));
        // 80 ÷ 100 × 50 = 40.
        assert!(text_of("40"));
        let total = form
            .lines
            .iter()
            .rev()
            .find(|l| l[0].text == "总分")
            .unwrap();
        assert_eq!(total[1].figure, Some(Figure::Score(dec!(60))));
        assert_eq!(total[2].figure, Some(Figure::Score(dec!(49.2))));
        // A form of 60 points is not graded on the bands of 100.
        assert_eq!(total[3].text, "自评等次：待定");
        assert_eq!(cells.iter().filter(|c| c.text == "110.40").count(), 1);
    }

    #[test]
    fn the_overview_adds_the_funds_and_rates_the_sum() {
        let scheme = ProjectScheme::default_scheme().unwrap();
        let mut second = project();
        second.name = String::new();
        second.funds.total.adjusted = Some(dec!(80));
        second.funds.total.spent = Some(dec!(80));
        let mut third = project();
        third.name = "实施“百千万工程”".to_string();
        let projects = vec![project(), second, third];
        fn placed<'a>(projects: &'a [Project], scheme: &ProjectScheme) -> Vec<PlacedProject<'a>> {
            projects
                .iter()
                .enumerate()
                .map(|(index, project)| PlacedProject {
                    index,
                    project,
                    evaluation: std::rc::Rc::new(evaluate(index, project, scheme)),
                })
                .collect()
        }
        let o = project_overview(&placed(&projects, &scheme)[..2]);
        assert_eq!(o.rows[1].name, "第2个项目");
        assert_eq!(o.adjusted, Some(dec!(200)));
        assert_eq!(o.spent, Some(dec!(190.4)));
        assert_eq!(o.rate, Some(dec!(95.20)));
        // A name ending in a quotation mark keeps it; a project listed alone keeps its number.
        let alone = project_overview(&placed(&projects, &scheme)[2..]);
        assert_eq!(
            (alone.rows[0].number, alone.rows[0].name.as_str()),
            (3, "实施“百千万工程”")
        );
        let mut missing = projects.clone();
        missing[1].funds.total.spent = None;
        let o = project_overview(&placed(&missing, &scheme)[..2]);
        assert_eq!((o.spent, o.rate), (None, None));
    }
}
