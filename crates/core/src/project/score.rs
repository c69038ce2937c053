//! A project's score under its scheme, every point explained: 预算执行率 by the scheme's rule (the same
//! proportional rule the 部门整体 framework uses), each indicator row by the 部门整体 targets' own assessment and
//! row score (`scoring::targets::{assess, score_row}`), an officer's override with its reason, the 一级 subtotals,
//! the total and the grade. Rates are rounded to 0.01% before they are used, so every printed equation recomputes.

use rust_decimal::Decimal;
use serde::Serialize;

use super::ProjectScheme;
use super::{project_label, FundsColumn, FundsLine, Project, ProjectFields};
use crate::fields::FieldRef;
use crate::number::{checked_sum, fmt_percent, fmt_plain, fmt_score, percent_of, round_half_up};
use crate::scoring::outcome::RuleOutcome;
use crate::scoring::rules::proportional;
use crate::scoring::targets::{assess, score_row, RowScore};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectEvaluation {
    pub execution: ExecutionScore,
    pub rows: Vec<RowResult>,
    /// Per 一级 of the scheme: its weight, the 分值 its rows carry, and their score.
    pub level1: Vec<Level1Result>,
    /// 总分, when every part is scored.
    pub total: Option<Decimal>,
    /// The total's equation: `9.2 + 45 + 27.5 + 10 = 91.7`.
    pub total_line: String,
    /// The form's 分值 added up: 执行率's and every row's (the 总分 line's 分值; 100 on a sound form).
    pub weight_total: Option<Decimal>,
    pub grade: Option<String>,
    /// Inputs still to enter for a score.
    pub missing: Vec<FieldRef>,
    /// Worth the officer's look, never deducted (a target far exceeded …).
    pub flags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExecutionScore {
    pub weight: Decimal,
    /// 执行率 as shown (0.01%).
    pub rate: Option<Decimal>,
    pub score: Option<Decimal>,
    pub line: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowResult {
    /// The row's index in the project's rows.
    pub index: usize,
    /// Its 三级指标, or 第N行 without one.
    pub name: String,
    /// The scheme's 一级 it is scored under; none: its 一级 is not one of the scheme's.
    pub level1: Option<usize>,
    pub weight: Option<Decimal>,
    pub score: Option<Decimal>,
    pub met: Option<bool>,
    pub line: String,
    /// Entered, but not scorable as entered (the checks say why).
    pub unscorable: bool,
    /// The formula's score when the officer set another, with the reason.
    pub overridden: Option<(Option<Decimal>, String)>,
}

impl ProjectEvaluation {
    /// The 等次 as the list and the overview print it: the grade; 待定 for a total without one (the form's 分值 do
    /// not add up to 100); nothing while unscored.
    pub fn grade_label(&self) -> String {
        match (&self.grade, self.total) {
            (Some(grade), _) => grade.clone(),
            (None, Some(_)) => "待定".to_string(),
            (None, None) => String::new(),
        }
    }
}

impl RowResult {
    /// The formula's score, whether or not the officer set another.
    pub fn formula_score(&self) -> Option<Decimal> {
        match &self.overridden {
            Some((formula, _)) => *formula,
            None => self.score,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Level1Result {
    pub name: String,
    pub weight: Decimal,
    /// The rows' 分值 added up (should be `weight`); none on overflow.
    pub rows_weight: Option<Decimal>,
    pub score: Option<Decimal>,
}

/// Scores `project` (the `index`-th of its document) under `scheme`.
pub fn evaluate(index: usize, project: &Project, scheme: &ProjectScheme) -> ProjectEvaluation {
    let label = project_label(index, project);
    let fields = ProjectFields {
        index,
        label: &label,
    };
    let mut missing = Vec::new();
    let mut flags = Vec::new();
    let execution = execution(project, scheme, &fields, &mut missing);
    let rows: Vec<RowResult> = (0..)
        .zip(&project.rows)
        .map(|(i, row)| {
            let assessment = assess(i, row);
            let name = if row.name.trim().is_empty() {
                format!("第{}行", i.saturating_add(1))
            } else {
                row.name.trim().to_string()
            };
            let level1 = scheme.level1_of(&row.level1);
            let Some(weight) = row.weight else {
                missing.push(fields.row_cell(&crate::fields::TargetColumn::Weight.cell(i)));
                return RowResult {
                    index: i,
                    name: name.clone(),
                    level1,
                    weight: None,
                    score: None,
                    met: None,
                    line: format!("{name}：尚未填写分值"),
                    unscorable: false,
                    overridden: None,
                };
            };
            let RowScore {
                score,
                met,
                line,
                flags: row_flags,
                missing: row_missing,
                unscorable,
            } = score_row(&name, "分值", weight, &assessment, scheme.over_flag);
            flags.extend(row_flags);
            let overridden = project.override_of(i);
            let (score, line, overridden) = match overridden {
                // An override counts only with its reason and inside [0, 分值]; the checks say why not otherwise.
                Some(o)
                    if !o.reason.trim().is_empty()
                        && o.score.is_some_and(|s| s >= Decimal::ZERO && s <= weight) =>
                {
                    let set = o.score.unwrap_or_default();
                    let line = format!(
                        "{line}；人工调整为 {} 分（{}）",
                        fmt_score(set),
                        o.reason.trim()
                    );
                    (Some(set), line, Some((score, o.reason.trim().to_string())))
                }
                _ => {
                    missing.extend(row_missing.iter().map(|cell| fields.row_cell(cell)));
                    (score, line, None)
                }
            };
            RowResult {
                index: i,
                name,
                level1,
                weight: Some(weight),
                score,
                met,
                line,
                unscorable,
                overridden,
            }
        })
        .collect();
    let level1: Vec<Level1Result> = (0..)
        .zip(&scheme.level1)
        .map(|(k, l1)| {
            let mine: Vec<&RowResult> = rows.iter().filter(|r| r.level1 == Some(k)).collect();
            let rows_weight = checked_sum(mine.iter().filter_map(|r| r.weight));
            let score = mine
                .iter()
                .map(|r| r.score)
                .collect::<Option<Vec<Decimal>>>()
                .and_then(checked_sum);
            Level1Result {
                name: l1.name.clone(),
                weight: l1.weight,
                rows_weight,
                score,
            }
        })
        .collect();
    if project.rows.is_empty() {
        missing.push(fields.rows());
    }
    // The total is the 执行率 points and every row's (a row outside the scheme's 一级 still counts: the checks ask
    // the officer to place it).
    let parts: Option<Vec<Decimal>> = std::iter::once(execution.score)
        .chain(rows.iter().map(|r| r.score))
        .collect();
    let total = parts
        .as_ref()
        .filter(|_| !project.rows.is_empty())
        .and_then(|p| checked_sum(p.iter().copied()));
    let weight_total =
        checked_sum(std::iter::once(execution.weight).chain(rows.iter().filter_map(|r| r.weight)));
    // The grades are bands of a 100-point form: a form whose 分值 add up to more or less is graded once they do.
    let whole = weight_total.is_some() && weight_total == scheme.total_weight();
    let mut total_line = match (&parts, total) {
        (Some(parts), Some(total)) => {
            let terms: Vec<String> = parts.iter().map(|p| fmt_score(*p)).collect();
            format!("总分：{} = {} 分", terms.join(" + "), fmt_score(total))
        }
        _ => "尚有未计分的项，总分待定".to_string(),
    };
    if let (Some(_), Some(sum), false, Some(full)) =
        (total, weight_total, whole, scheme.total_weight())
    {
        total_line.push_str(&format!(
            "；各项分值合计 {} 分，应为 {} 分，等次待定",
            fmt_score(sum),
            fmt_score(full)
        ));
    }
    let grade = total
        .filter(|_| whole)
        .and_then(|t| scheme.grade_for(t))
        .map(|g| g.label.clone());
    ProjectEvaluation {
        execution,
        rows,
        level1,
        total,
        total_line,
        weight_total,
        grade,
        missing,
        flags,
    }
}

/// 执行率 = 全年执行数 ÷ 全年预算数 (the 年度资金总额 row), and its points under the scheme's rule.
fn execution(
    project: &Project,
    scheme: &ProjectScheme,
    fields: &ProjectFields,
    missing: &mut Vec<FieldRef>,
) -> ExecutionScore {
    let rule = &scheme.execution;
    let total = &project.funds.total;
    let unscored = |rate: Option<Decimal>, line: String| ExecutionScore {
        weight: rule.weight,
        rate,
        score: None,
        line,
    };
    let (Some(budget), Some(spent)) = (total.adjusted, total.spent) else {
        for column in [FundsColumn::Adjusted, FundsColumn::Spent] {
            if total.get(column).is_none() {
                missing.push(fields.funds(FundsLine::Total, column));
            }
        }
        return unscored(
            None,
            format!(
                "{}：尚未填写年度资金总额的全年预算数和全年执行数",
                rule.name
            ),
        );
    };
    let Some(rate) = percent_of(spent, budget).map(|r| round_half_up(r, 2)) else {
        return unscored(
            None,
            format!(
                "{}：全年预算数为 0，执行率无法计算（全年执行数 {}），请核对资金或人工判断",
                rule.name,
                fmt_plain(spent)
            ),
        );
    };
    let intro = format!(
        "{}：{} ÷ {} = {}",
        rule.name,
        fmt_plain(spent),
        fmt_plain(budget),
        fmt_percent(rate)
    );
    let outcome: RuleOutcome = proportional(rule.weight, rate, rule.full_at, false, intro);
    let (score, lines, _) = outcome.settle(rule.weight);
    ExecutionScore {
        weight: rule.weight,
        rate: Some(rate),
        score,
        line: lines.join("；"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{QualitativeGrade, TargetOperator, TargetRow};
    use crate::project::{Funds, FundsRow, RowOverride};
    use rust_decimal_macros::dec;

    fn scheme() -> ProjectScheme {
        ProjectScheme::default_scheme().expect("the built-in scheme reads")
    }

    fn row(
        level1: &str,
        op: TargetOperator,
        target: &str,
        actual: &str,
        weight: Decimal,
    ) -> TargetRow {
        TargetRow {
            level1: level1.into(),
            name: format!("{level1}{target}"),
            operator: op,
            target: target.into(),
            actual: actual.into(),
            weight: Some(weight),
            ..TargetRow::default()
        }
    }

    /// The project: 年初 100, 全年 120, 执行 110.4; an unmet ≥ row, an unmet ≤ row and a qualitative row.
    fn project() -> Project {
        let mut qualitative = row(
            "效益",
            TargetOperator::Qualitative,
            "明显提升",
            "",
            dec!(30),
        );
        qualitative.grade = Some(QualitativeGrade::Partial);
        qualitative.qualitative_score = Some(dec!(70));
        Project {
            name: "监测设备更新".into(),
            funds: Funds {
                total: FundsRow {
                    initial: Some(dec!(100)),
                    adjusted: Some(dec!(120)),
                    spent: Some(dec!(110.4)),
                },
                ..Funds::default()
            },
            rows: vec![
                row("产出", TargetOperator::AtLeast, "100", "95", dec!(30)),
                row("产出", TargetOperator::AtMost, "20", "25", dec!(20)),
                qualitative,
                row("满意度", TargetOperator::AtLeast, "90", "96", dec!(10)),
            ],
            ..Project::default()
        }
    }

    #[test]
    fn execution_rate_of_110_4_in_120_is_92_percent_and_9_2_points() {
        let result = evaluate(0, &project(), &scheme());
        assert_eq!(result.execution.rate, Some(dec!(92.00)));
        assert_eq!(result.execution.score, Some(dec!(9.2)));
        assert_eq!(
            result.execution.line,
            "预算执行率：110.4 ÷ 120 = 92.00%；10 × 92.00% = 9.2"
        );
    }

    #[test]
    fn a_form_whose_weights_do_not_add_up_to_100_is_totalled_but_not_graded() {
        let mut p = project();
        p.rows[3].weight = Some(dec!(999));
        p.rows[3].actual = "96".into();
        let result = evaluate(0, &p, &scheme());
        assert_eq!(result.weight_total, Some(dec!(1089)));
        assert_eq!(result.total, Some(dec!(1073.7)));
        assert_eq!(result.grade, None, "1073.7 of a 1089-point form is no 优");
        assert_eq!(result.grade_label(), "待定");
        assert!(
            result
                .total_line
                .ends_with("= 1073.7 分；各项分值合计 1089 分，应为 100 分，等次待定"),
            "{}",
            result.total_line
        );
        assert_eq!(
            evaluate(0, &project(), &scheme()).weight_total,
            Some(dec!(100))
        );
    }

    #[test]
    fn each_row_is_scored_and_explained_and_the_total_adds_up() {
        let result = evaluate(0, &project(), &scheme());
        let scores: Vec<Option<Decimal>> = result.rows.iter().map(|r| r.score).collect();
        // ≥: 30 × 95% = 28.5; ≤: 20 × 20 ÷ 25 = 16; 定性 部分达成 70%: 21; 满意度 met: 10.
        assert_eq!(
            scores,
            vec![
                Some(dec!(28.5)),
                Some(dec!(16)),
                Some(dec!(21)),
                Some(dec!(10))
            ]
        );
        assert_eq!(result.total, Some(dec!(84.7)));
        assert_eq!(
            result.total_line,
            "总分：9.2 + 28.5 + 16 + 21 + 10 = 84.7 分"
        );
        assert_eq!(result.grade.as_deref(), Some("良"));
        let subtotals: Vec<Option<Decimal>> = result.level1.iter().map(|l| l.score).collect();
        assert_eq!(
            subtotals,
            vec![Some(dec!(44.5)), Some(dec!(21)), Some(dec!(10))]
        );
        assert!(
            result.rows[0].line.contains("30 × 95% = 28.5"),
            "{}",
            result.rows[0].line
        );
        assert!(result.missing.is_empty(), "{:?}", result.missing);
    }

    #[test]
    fn an_override_with_its_reason_replaces_the_formula_and_says_so() {
        let mut p = project();
        p.overrides.push(RowOverride {
            row: 3,
            score: Some(dec!(8)),
            reason: "满意度调查样本不足".into(),
        });
        let result = evaluate(0, &p, &scheme());
        assert_eq!(result.rows[3].score, Some(dec!(8)));
        assert_eq!(
            result.rows[3].overridden,
            Some((Some(dec!(10)), "满意度调查样本不足".to_string()))
        );
        assert!(result.rows[3]
            .line
            .ends_with("人工调整为 8 分（满意度调查样本不足）"));
        assert_eq!(result.total, Some(dec!(82.7)));
        // Without a reason, or above the row's 分值, the formula stands.
        p.overrides[0].reason = " ".into();
        assert_eq!(evaluate(0, &p, &scheme()).rows[3].score, Some(dec!(10)));
        p.overrides[0] = RowOverride {
            row: 3,
            score: Some(dec!(11)),
            reason: "超出".into(),
        };
        assert_eq!(evaluate(0, &p, &scheme()).rows[3].score, Some(dec!(10)));
    }

    #[test]
    fn spending_above_budget_scores_full_marks_and_a_zero_budget_is_not_a_rate() {
        let mut p = project();
        p.funds.total.spent = Some(dec!(130));
        let result = evaluate(0, &p, &scheme());
        assert_eq!(result.execution.score, Some(dec!(10)));
        p.funds.total.adjusted = Some(Decimal::ZERO);
        let result = evaluate(0, &p, &scheme());
        assert_eq!(result.execution.score, None);
        assert_eq!(result.total, None);
        assert!(result.execution.line.contains("全年预算数为 0"));
    }

    #[test]
    fn what_is_missing_is_named_inside_the_project() {
        let mut p = project();
        p.funds.total.spent = None;
        p.rows[0].actual.clear();
        p.rows[1].weight = None;
        let result = evaluate(1, &p, &scheme());
        let paths: Vec<&str> = result.missing.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "projects[1].funds.total.spent",
                "projects[1].rows[0].actual",
                "projects[1].rows[1].weight"
            ]
        );
        assert_eq!(result.total, None);
        assert_eq!(result.grade, None);
        assert_eq!(result.total_line, "尚有未计分的项，总分待定");
    }

    #[test]
    fn a_target_far_exceeded_is_flagged_never_deducted() {
        let mut p = project();
        p.rows[0].actual = "180".into();
        let result = evaluate(0, &p, &scheme());
        assert_eq!(result.rows[0].score, Some(dec!(30)));
        assert_eq!(result.flags.len(), 1, "{:?}", result.flags);
    }
}
