//! The checks published project forms (crates/core/src/project) fail (`shared/spec/projects.md`): a 年度资金总额 that is not the sum of its
//! 其中 rows, spending above budget, a 得分 above its 分值, rows whose 分值 do not add up to their 一级, an unmet
//! target without 偏差原因, a low 执行率 without a reason; and across the document, the projects' 全年执行数 against
//! the unit's 项目支出 once the officer says the list is complete.

use std::rc::Rc;

use rust_decimal::Decimal;

use super::{check, Check, Severity};
use crate::document::{Document, Money};
use crate::fields::{Field, FieldRef, TargetColumn};
use crate::number::{checked_sum, fmt_percent, fmt_plain, fmt_score};
use crate::project::digest::{digest, ProjectsDigest};
use crate::project::score::ProjectEvaluation;
use crate::project::{
    project_label, FundsColumn, FundsLine, PlacedProject, Project, ProjectFields, ProjectScheme,
};
use crate::scoring::targets::{assess, Assessment};

/// Every project of a document scored under its scheme and checked, kept from one version of the document to the
/// next: a project equal to the one at the same place before keeps its evaluation and checks (its messages name it
/// by its place), so typing in one project's row scores and checks that project only. Another scheme redoes all.
/// Shared parts are `Rc`s, so keeping a version costs no copy of the projects.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScoredProjects {
    /// The scheme they were scored by; `None` when the document's cannot be read (then nothing is scored).
    scheme: Option<ProjectScheme>,
    projects: Vec<ScoredProject>,
}

#[derive(Debug, Clone, PartialEq)]
struct ScoredProject {
    project: Rc<Project>,
    evaluation: Rc<ProjectEvaluation>,
    checks: Rc<Vec<Check>>,
}

impl ScoredProjects {
    /// Every project of `doc`, scored and checked.
    pub fn of(doc: &Document) -> ScoredProjects {
        ScoredProjects::default().next(doc)
    }

    /// Every project of `doc`, reusing what `self` (an earlier version) scored of the projects that did not change.
    pub fn next(&self, doc: &Document) -> ScoredProjects {
        let Some(scheme) = crate::project::scheme_of(doc) else {
            return ScoredProjects::default();
        };
        let before: &[ScoredProject] = if self.scheme.as_ref() == Some(&scheme) {
            &self.projects
        } else {
            &[]
        };
        let projects = doc
            .projects
            .iter()
            .enumerate()
            .map(|(index, project)| match before.get(index) {
                Some(kept) if *kept.project == *project => kept.clone(),
                _ => {
                    let evaluation = crate::project::score::evaluate(index, project, &scheme);
                    let checks = project_checks(index, project, &evaluation, &scheme);
                    ScoredProject {
                        project: Rc::new(project.clone()),
                        evaluation: Rc::new(evaluation),
                        checks: Rc::new(checks),
                    }
                }
            })
            .collect();
        ScoredProjects {
            scheme: Some(scheme),
            projects,
        }
    }

    /// The scheme they were scored by; `None` when the document's cannot be read (then none is scored).
    pub fn scheme(&self) -> Option<&ProjectScheme> {
        self.scheme.as_ref()
    }

    /// Each project's evaluation in order; `None` when the scheme cannot be read.
    pub fn evaluations(&self) -> Option<Vec<Rc<ProjectEvaluation>>> {
        self.scheme.as_ref()?;
        Some(self.projects.iter().map(|p| p.evaluation.clone()).collect())
    }

    /// The evaluation of the project at `index`.
    pub fn evaluation(&self, index: usize) -> Option<&Rc<ProjectEvaluation>> {
        self.projects.get(index).map(|p| &p.evaluation)
    }

    /// How many problems the project at `index` has.
    pub fn problems(&self, index: usize) -> usize {
        self.projects.get(index).map_or(0, |p| p.checks.len())
    }

    /// Every project at its place with its evaluation (for the digest and the overview); `None` when the scheme
    /// cannot be read.
    pub fn placed(&self) -> Option<Vec<PlacedProject<'_>>> {
        self.scheme.as_ref()?;
        Some(
            self.projects
                .iter()
                .enumerate()
                .map(|(index, p)| PlacedProject {
                    index,
                    project: &p.project,
                    evaluation: p.evaluation.clone(),
                })
                .collect(),
        )
    }

    /// What the report and 汇总 say of the projects of `doc` (the document they were scored from).
    pub fn digest(&self, doc: &Document) -> Option<ProjectsDigest> {
        Some(digest(doc, &self.placed()?, self.scheme()?))
    }

    /// Every project's problems, project by project.
    pub fn checks(&self) -> impl Iterator<Item = &Check> {
        self.projects.iter().flat_map(|p| p.checks.iter())
    }
}

/// The checks of `doc`'s projects (`scored`), and, once the list is marked complete, their 全年执行数 against
/// 项目支出.
pub(super) fn document_projects(doc: &Document, scored: &ScoredProjects, out: &mut Vec<Check>) {
    if doc.projects.is_empty() && !doc.projects_complete {
        return;
    }
    out.extend(scored.checks().cloned());
    out.extend(projects_sum_check(
        &doc.projects,
        doc.projects_complete,
        doc.finance.spending_project,
        FieldRef {
            path: "projects".to_string(),
            label: "项目支出绩效自评".to_string(),
        },
        Field::SpendingProject.into(),
    ));
}

/// Every problem of the `index`-th project, scored as `evaluation` under `scheme`.
pub fn project_checks(
    index: usize,
    project: &Project,
    evaluation: &ProjectEvaluation,
    scheme: &ProjectScheme,
) -> Vec<Check> {
    let label = project_label(index, project);
    let fields = ProjectFields {
        index,
        label: &label,
    };
    let mut out = Vec::new();
    funds(project, &fields, &mut out);
    execution(project, evaluation, scheme, &fields, &mut out);
    rows(project, evaluation, scheme, &fields, &mut out);
    overrides(project, &fields, &mut out);
    out.sort_by_key(|c| c.severity);
    out
}

/// In each column, 年度资金总额 is the sum of its 其中 rows (when any is entered); 全年执行数 is not above 全年预算数.
fn funds(project: &Project, fields: &ProjectFields, out: &mut Vec<Check>) {
    let f = &project.funds;
    for column in FundsColumn::ALL {
        let parts: Vec<(FundsLine, Money)> = FundsLine::PARTS
            .iter()
            .map(|line| (*line, f.row(*line).get(column)))
            .collect();
        if parts.iter().all(|(_, v)| v.is_none()) {
            continue;
        }
        let Some(sum) = checked_sum(parts.iter().map(|(_, v)| v.unwrap_or_default())) else {
            continue;
        };
        let total = f.total.get(column);
        if total == Some(sum) {
            continue;
        }
        let terms: Vec<String> = parts
            .iter()
            .map(|(line, v)| format!("{} {}", line.label(), fmt_plain(v.unwrap_or_default())))
            .collect();
        let shown = total.map_or_else(|| "未填".to_string(), fmt_plain);
        let mut cells = vec![fields.funds(FundsLine::Total, column)];
        cells.extend(
            parts
                .iter()
                .filter(|(_, v)| v.is_some())
                .map(|(line, _)| fields.funds(*line, column)),
        );
        out.push(check(
            "project-funds-sum",
            Severity::Error,
            "年度资金总额与其中各项之和不符",
            format!(
                "{}{}：年度资金总额 {shown}，但 {} = {}",
                fields.label,
                column.label(),
                terms.join(" + "),
                fmt_plain(sum)
            ),
            cells,
        ));
    }
    for line in FundsLine::ALL {
        let row = f.row(line);
        if let (Some(budget), Some(spent)) = (row.adjusted, row.spent) {
            if spent > budget {
                out.push(check(
                    "project-spent-over-budget",
                    Severity::Error,
                    "全年执行数超过全年预算数",
                    format!(
                        "{}{}：全年执行数 {} 大于全年预算数 {}",
                        fields.label,
                        line.label(),
                        fmt_plain(spent),
                        fmt_plain(budget)
                    ),
                    vec![
                        fields.funds(line, FundsColumn::Spent),
                        fields.funds(line, FundsColumn::Adjusted),
                    ],
                ));
            }
        }
    }
}

/// A 执行率 below the scheme's line asks for a reason.
fn execution(
    project: &Project,
    evaluation: &ProjectEvaluation,
    scheme: &ProjectScheme,
    fields: &ProjectFields,
    out: &mut Vec<Check>,
) {
    let (Some(rate), Some(line)) = (evaluation.execution.rate, scheme.execution.reason_below)
    else {
        return;
    };
    if rate < line && project.execution_reason.trim().is_empty() {
        out.push(check(
            "project-low-execution-no-reason",
            Severity::Warning,
            "执行率偏低，未说明原因",
            format!(
                "{}执行率 {}，低于 {}，请说明原因",
                fields.label,
                fmt_percent(rate),
                fmt_percent(line)
            ),
            vec![fields.execution_reason()],
        ));
    }
}

/// Each row under one of the scheme's 一级, the rows' 分值 adding up to its weight and the whole to 100; an unmet
/// target explained.
fn rows(
    project: &Project,
    evaluation: &ProjectEvaluation,
    scheme: &ProjectScheme,
    fields: &ProjectFields,
    out: &mut Vec<Check>,
) {
    let names: Vec<&str> = scheme.level1.iter().map(|l| l.name.as_str()).collect();
    for (index, row) in project.rows.iter().enumerate() {
        let n = index.saturating_add(1);
        if scheme.level1_of(&row.level1).is_none() {
            out.push(check(
                "project-row-level1",
                Severity::Error,
                "绩效指标的一级指标不在评分表中",
                format!(
                    "{}绩效指标第{n}行的一级指标“{}”应为 {} 之一",
                    fields.label,
                    row.level1.trim(),
                    names.join("、")
                ),
                vec![fields.row_cell(&TargetColumn::Level1.cell(index))],
            ));
        }
        // The evaluation has assessed every row already; only an unscorable one is assessed again, for its cells.
        let scored = evaluation.rows.get(index);
        if scored.and_then(|r| r.met) == Some(false) && row.deviation_reason.trim().is_empty() {
            out.push(check(
                "project-row-unmet-no-reason",
                Severity::Error,
                "未完成的绩效指标缺少偏差原因",
                format!(
                    "{}绩效指标第{n}行未达成，请填写偏差原因分析及改进措施",
                    fields.label
                ),
                vec![fields.row_cell(&TargetColumn::DeviationReason.cell(index))],
            ));
        }
        if !scored.is_some_and(|r| r.unscorable) {
            continue;
        }
        if let Assessment::Unscorable {
            fields: cells,
            line,
        } = assess(index, row)
        {
            out.push(check(
                "project-row-unscorable",
                Severity::Error,
                "绩效指标无法按所填内容计分",
                format!("{}绩效指标第{n}行：{line}", fields.label),
                cells.iter().map(|c| fields.row_cell(c)).collect(),
            ));
        }
    }
    if project.rows.is_empty() {
        return;
    }
    let mut all = vec![Some(scheme.execution.weight)];
    for (k, l1) in scheme.level1.iter().enumerate() {
        let given: Option<Decimal> = checked_sum(
            project
                .rows
                .iter()
                .filter(|r| scheme.level1_of(&r.level1) == Some(k))
                .map(|r| r.weight.unwrap_or_default()),
        );
        all.push(given);
        if given != Some(l1.weight) {
            out.push(check(
                "project-level1-weight",
                Severity::Error,
                "一级指标下各行分值之和不等于其分值",
                format!(
                    "{}{}各行分值之和为 {}，应为 {}",
                    fields.label,
                    l1.name,
                    given.map_or_else(|| "无法计算".to_string(), fmt_score),
                    fmt_score(l1.weight)
                ),
                vec![fields.rows()],
            ));
        }
    }
    let total: Option<Decimal> = all
        .into_iter()
        .collect::<Option<Vec<_>>>()
        .and_then(checked_sum);
    if total != Some(Decimal::ONE_HUNDRED) {
        out.push(check(
            "project-total-weight",
            Severity::Error,
            "各项分值合计不是 100",
            format!(
                "{}执行率 {} 分与各行分值合计 {}，应为 100",
                fields.label,
                fmt_score(scheme.execution.weight),
                total.map_or_else(|| "无法计算".to_string(), fmt_score)
            ),
            vec![fields.rows()],
        ));
    }
}

/// An override names a row, has a reason, and stays within the row's 分值 (no 得分 above its 分值).
fn overrides(project: &Project, fields: &ProjectFields, out: &mut Vec<Check>) {
    for (k, o) in project.overrides.iter().enumerate() {
        let here = vec![fields.override_of(k)];
        let Some(row) = project.rows.get(o.row) else {
            out.push(check(
                "project-override-row",
                Severity::Error,
                "人工调整指向不存在的指标行",
                format!(
                    "{}第{}项人工调整指向第{}行，该行不存在",
                    fields.label,
                    k.saturating_add(1),
                    o.row.saturating_add(1)
                ),
                here,
            ));
            continue;
        };
        let n = o.row.saturating_add(1);
        if o.reason.trim().is_empty() {
            out.push(check(
                "project-override-no-reason",
                Severity::Error,
                "人工调整缺少理由",
                format!("{}绩效指标第{n}行的人工调整没有理由，未采用", fields.label),
                here.clone(),
            ));
        }
        match (o.score, row.weight) {
            (Some(score), Some(weight)) if score > weight || score < Decimal::ZERO => {
                out.push(check(
                    "project-score-above-weight",
                    Severity::Error,
                    "得分超出分值",
                    format!(
                        "{}绩效指标第{n}行调整后得分 {} 不在 0–{} 分之间，未采用",
                        fields.label,
                        fmt_score(score),
                        fmt_score(weight)
                    ),
                    here,
                ))
            }
            (None, _) => out.push(check(
                "project-override-no-score",
                Severity::Error,
                "人工调整缺少得分",
                format!("{}绩效指标第{n}行的人工调整没有得分，未采用", fields.label),
                here,
            )),
            _ => {}
        }
    }
}

/// Across the document: once the officer marks the project list complete, the projects' 全年执行数 add up to the
/// unit's 项目支出 (`project_spending`, 万元). `projects_field` is where the list is, for the link.
pub fn projects_sum_check(
    projects: &[Project],
    complete: bool,
    project_spending: Money,
    projects_field: FieldRef,
    spending_field: FieldRef,
) -> Option<Check> {
    if !complete {
        return None;
    }
    let spending = project_spending?;
    let sum = checked_sum(
        projects
            .iter()
            .map(|p| p.funds.total.spent.unwrap_or_default()),
    )?;
    if sum == spending {
        return None;
    }
    let terms: Vec<String> = projects
        .iter()
        .map(|p| fmt_plain(p.funds.total.spent.unwrap_or_default()))
        .collect();
    let difference = sum.checked_sub(spending)?.abs();
    Some(check(
        "projects-sum",
        Severity::Error,
        "各项目全年执行数之和与项目支出不符",
        format!(
            "项目清单已标为完整，各项目全年执行数 {} = {}，但项目支出为 {}，相差 {}",
            if terms.is_empty() {
                "0".to_string()
            } else {
                terms.join(" + ")
            },
            fmt_plain(sum),
            fmt_plain(spending),
            fmt_plain(difference)
        ),
        vec![projects_field, spending_field],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{TargetOperator, TargetRow};
    use crate::project::score::evaluate;
    use crate::project::{Funds, FundsRow, RowOverride};
    use rust_decimal_macros::dec;

    fn scheme() -> ProjectScheme {
        ProjectScheme::default_scheme().expect("the built-in scheme reads")
    }

    fn funds_row(initial: Decimal, adjusted: Decimal, spent: Decimal) -> FundsRow {
        FundsRow {
            initial: Some(initial),
            adjusted: Some(adjusted),
            spent: Some(spent),
        }
    }

    fn row(level1: &str, target: &str, actual: &str, weight: Decimal) -> TargetRow {
        TargetRow {
            level1: level1.into(),
            name: format!("{level1}指标"),
            operator: TargetOperator::AtLeast,
            target: target.into(),
            actual: actual.into(),
            weight: Some(weight),
            deviation_reason: String::new(),
            ..TargetRow::default()
        }
    }

    fn sound() -> Project {
        Project {
            name: "监测设备更新".into(),
            funds: Funds {
                total: funds_row(dec!(90), dec!(90), dec!(89.974)),
                fiscal: funds_row(dec!(90), dec!(90), dec!(89.974)),
                ..Funds::default()
            },
            rows: vec![
                row("产出", "10", "10", dec!(50)),
                row("效益", "1", "1", dec!(30)),
                row("满意度", "90", "95", dec!(10)),
            ],
            ..Project::default()
        }
    }

    fn ids(project: &Project) -> Vec<&'static str> {
        let scheme = scheme();
        let evaluation = evaluate(0, project, &scheme);
        project_checks(0, project, &evaluation, &scheme)
            .iter()
            .map(|c| c.id)
            .collect()
    }

    #[test]
    fn a_sound_project_passes() {
        assert_eq!(ids(&sound()), Vec::<&str>::new());
    }

    #[test]
    fn the_anhui_form_total_of_zero_over_a_part_of_90_is_an_error() {
        let mut p = sound();
        p.funds.total = funds_row(dec!(0), dec!(0), dec!(0));
        let scheme = scheme();
        let checks = project_checks(0, &p, &evaluate(0, &p, &scheme), &scheme);
        let sums: Vec<&Check> = checks
            .iter()
            .filter(|c| c.id == "project-funds-sum")
            .collect();
        assert_eq!(sums.len(), 3, "one per column");
        assert_eq!(
            sums[2].message,
            "项目“监测设备更新”全年执行数：年度资金总额 0，但 当年财政拨款 89.974 + 上年结转资金 0 + 其他资金 0 = 89.974"
        );
        assert_eq!(sums[2].fields[0].path, "projects[0].funds.total.spent");
    }

    #[test]
    fn spending_above_budget_a_low_rate_and_an_unmet_row_are_named() {
        let mut p = sound();
        p.funds.other = funds_row(dec!(1.8), dec!(1.8), dec!(2));
        p.funds.total = funds_row(dec!(91.8), dec!(91.8), dec!(91.974));
        assert!(ids(&p).contains(&"project-spent-over-budget"));
        let mut low = sound();
        low.funds.total.spent = Some(dec!(70));
        low.funds.fiscal.spent = Some(dec!(70));
        assert_eq!(ids(&low), vec!["project-low-execution-no-reason"]);
        low.execution_reason = "设备到货延迟，尾款次年支付".into();
        assert_eq!(ids(&low), Vec::<&str>::new());
        let mut unmet = sound();
        unmet.rows[0].actual = "8".into();
        assert_eq!(ids(&unmet), vec!["project-row-unmet-no-reason"]);
    }

    #[test]
    fn weights_that_do_not_add_up_and_rows_outside_the_scheme_are_errors() {
        let mut p = sound();
        p.rows[0].weight = Some(dec!(45));
        assert_eq!(
            ids(&p),
            vec!["project-level1-weight", "project-total-weight"]
        );
        let mut q = sound();
        q.rows[2].level1 = "成本".into();
        let found = ids(&q);
        assert!(found.contains(&"project-row-level1"), "{found:?}");
    }

    #[test]
    fn an_override_above_its_weight_or_without_reason_is_refused() {
        let mut p = sound();
        p.overrides.push(RowOverride {
            row: 0,
            score: Some(dec!(55)),
            reason: String::new(),
        });
        p.overrides.push(RowOverride {
            row: 9,
            score: Some(dec!(1)),
            reason: "x".into(),
        });
        let found = ids(&p);
        for id in [
            "project-override-no-reason",
            "project-score-above-weight",
            "project-override-row",
        ] {
            assert!(found.contains(&id), "{id} in {found:?}");
        }
    }

    #[test]
    fn the_projects_add_up_to_project_spending_once_the_list_is_complete() {
        let field = |path: &str| FieldRef {
            path: path.into(),
            label: path.into(),
        };
        let mut a = sound();
        a.funds.total.spent = Some(dec!(3000));
        let mut b = sound();
        b.funds.total.spent = Some(dec!(292.9));
        let projects = vec![a, b];
        let spending = Some(dec!(3292.91));
        assert_eq!(
            projects_sum_check(&projects, false, spending, field("projects"), field("s")),
            None,
            "not asked before the list is complete"
        );
        let found = projects_sum_check(&projects, true, spending, field("projects"), field("s"))
            .expect("a difference");
        assert_eq!(
            found.message,
            "项目清单已标为完整，各项目全年执行数 3000 + 292.9 = 3292.9，但项目支出为 3292.91，相差 0.01"
        );
        let mut exact = projects;
        exact[1].funds.total.spent = Some(dec!(292.91));
        assert_eq!(
            projects_sum_check(&exact, true, spending, field("projects"), field("s")),
            None
        );
    }

    #[test]
    fn kept_scores_are_the_fresh_ones_and_only_the_changed_project_is_scored_again() {
        let mut doc = crate::samples::example();
        assert!(doc.projects.len() >= 2, "the example has projects");
        let before = ScoredProjects::of(&doc);
        let first = before.evaluations().expect("scored");
        doc.projects[1].funds.total.spent = Some(dec!(1));
        let next = before.next(&doc);
        assert_eq!(next, ScoredProjects::of(&doc));
        let second = next.evaluations().expect("scored");
        assert!(
            Rc::ptr_eq(&first[0], &second[0]),
            "the unchanged project is kept"
        );
        assert!(
            !Rc::ptr_eq(&first[1], &second[1]),
            "the edited one is scored again"
        );
        assert!(next.checks().any(|c| c.id == "project-funds-sum"));
        assert_eq!(
            next.digest(&doc),
            crate::project::digest::digest_of(&doc),
            "the kept scores make the digest the report and 汇总 print"
        );

        // Moved projects are named by their new places; another scheme scores them all again.
        doc.projects.swap(0, 1);
        let swapped = next.next(&doc);
        assert_eq!(swapped, ScoredProjects::of(&doc));
        doc.project_scheme =
            Some(scheme().with_weights(dec!(20), &[dec!(40), dec!(30), dec!(10)], None));
        let rescored = swapped.next(&doc);
        assert_eq!(rescored, ScoredProjects::of(&doc));
        assert!(!Rc::ptr_eq(
            &swapped.evaluations().expect("scored")[0],
            &rescored.evaluations().expect("scored")[0]
        ));
    }
}
