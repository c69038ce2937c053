//! The 汇总 table as data: its columns, each cell of a row, sorting, filtering, and the cells that fall short.
//!
//! **Falling short**, as an officer reading the table would mark it:
//! - a 三级, 二级 or 一级 score below [`SHORT_SHARE`] (60%) of its 分值 — the share under which a whole evaluation
//!   is rated 差 in the national bands;
//! - a 三级 indicator not scored (it holds back the grade);
//! - a total below the 良好 line, i.e. graded lower than the framework's second-best grade (中 or 差), or not
//!   graded at all; the grade cell likewise;
//! - any error from the checks; and a framework that differs from the majority's.
//!
//! Each comes with a short Chinese reason, for the cell's title and for screen readers.

use std::cmp::Ordering;

use rust_decimal::Decimal;
use serde::Serialize;

use super::{level2_key, Summary, SummaryRow};
use crate::framework::{Framework, Grade};
use crate::number::{fmt_score, round_half_up};
use crate::present::NO_SCORE;

/// A score below this share of its 分值 (in percent) falls short.
pub const SHORT_SHARE: Decimal = Decimal::from_parts(60, 0, 0, false, 0);

/// The grade filter's word for units without a grade.
pub const UNGRADED: &str = "未评定";

/// What a table can be sorted by; each column has one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum SortKey {
    Source,
    Unit,
    Year,
    Framework,
    Total,
    Grade,
    /// The i-th 一级 column.
    Level1(usize),
    /// The i-th 二级 column.
    Level2(usize),
    Scored,
    Errors,
    Warnings,
    Overrides,
    /// 项目数: the projects self-evaluated.
    Projects,
    /// 项目覆盖率: their 全年执行数 against the unit's 项目支出.
    ProjectCoverage,
    /// 良以下项目: those scored under 良.
    ProjectsBelowGood,
    /// A 三级 indicator, by id.
    Indicator(String),
}

impl SortKey {
    /// Whether the column holds figures (set right-aligned), not names.
    pub fn is_numeric(&self) -> bool {
        !matches!(
            self,
            SortKey::Source | SortKey::Unit | SortKey::Framework | SortKey::Grade
        )
    }
}

/// One column of the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub key: SortKey,
    /// The header: 总分, 履职效能, 管理效率/预算执行, 政府采购执行率 …
    pub label: String,
    /// 分值, for a score column.
    pub weight: Option<Decimal>,
}

/// One cell: a number stays a number (the workbook stores it as one); `Missing` prints as —.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Cell {
    Text(String),
    /// A score, printed as the score table prints it.
    Score(Decimal),
    Count(usize),
    /// A rate in percent, at 0.01%.
    Percent(Decimal),
    Missing,
}

impl Cell {
    /// The cell as printed.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Score(score) => fmt_score(*score),
            Cell::Count(n) => n.to_string(),
            Cell::Percent(p) => crate::number::fmt_percent(*p),
            Cell::Missing => NO_SCORE.to_string(),
        }
    }
}

/// Which units to show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Filter {
    /// Only units of this grade ([`UNGRADED`] for those without one).
    pub grade: Option<String>,
    /// Only units with at least one error from the checks.
    pub has_errors: bool,
}

impl Filter {
    pub fn matches(&self, row: &SummaryRow) -> bool {
        let grade = match &self.grade {
            None => true,
            Some(wanted) => row.grade.as_deref().unwrap_or(UNGRADED) == wanted,
        };
        grade && (!self.has_errors || row.errors > 0)
    }
}

/// The columns of a table against `framework`.
pub(super) fn columns(framework: &Framework) -> Vec<Column> {
    let plain = |key: SortKey, label: &str| Column {
        key,
        label: label.to_string(),
        weight: None,
    };
    let mut columns = vec![
        plain(SortKey::Source, "来源"),
        plain(SortKey::Unit, "单位"),
        plain(SortKey::Year, "年度"),
        plain(SortKey::Framework, "评分框架"),
        Column {
            key: SortKey::Total,
            label: "总分".to_string(),
            weight: framework.total_weight(),
        },
        plain(SortKey::Grade, "等次"),
    ];
    columns.extend(framework.level1.iter().enumerate().map(|(i, l1)| Column {
        key: SortKey::Level1(i),
        label: l1.name.clone(),
        weight: Some(l1.weight),
    }));
    columns.extend(
        framework
            .level1
            .iter()
            .flat_map(|l1| l1.level2.iter().map(move |l2| (l1, l2)))
            .enumerate()
            .map(|(i, (l1, l2))| Column {
                key: SortKey::Level2(i),
                label: level2_key(&l1.name, &l2.name),
                weight: Some(l2.weight),
            }),
    );
    columns.extend([
        plain(SortKey::Scored, "已评分"),
        plain(SortKey::Errors, "错误"),
        plain(SortKey::Warnings, "警告"),
        plain(SortKey::Overrides, "调整"),
        plain(SortKey::Projects, "项目数"),
        plain(SortKey::ProjectCoverage, "项目覆盖率"),
        plain(SortKey::ProjectsBelowGood, "良以下项目"),
    ]);
    columns.extend(framework.indicators().map(|(_, _, ind)| Column {
        key: SortKey::Indicator(ind.id.clone()),
        label: ind.name.clone(),
        weight: Some(ind.weight),
    }));
    columns
}

fn score_cell(score: Option<Decimal>) -> Cell {
    score.map_or(Cell::Missing, Cell::Score)
}

fn nth_score(scores: &[(String, Option<Decimal>)], i: usize) -> Cell {
    score_cell(scores.get(i).and_then(|(_, s)| *s))
}

impl Summary {
    /// The cell of `row` in the column `key`.
    pub fn cell(&self, row: &SummaryRow, key: &SortKey) -> Cell {
        match key {
            SortKey::Source => Cell::Text(row.source.clone()),
            SortKey::Unit => Cell::Text(row.unit_name.clone()),
            SortKey::Year => row.year.map_or(Cell::Missing, |y| Cell::Count(y.into())),
            SortKey::Framework => Cell::Text(row.framework_name.clone()),
            SortKey::Total => score_cell(row.total),
            SortKey::Grade => row
                .grade
                .as_ref()
                .map_or(Cell::Missing, |g| Cell::Text(g.clone())),
            SortKey::Level1(i) => nth_score(&row.level1, *i),
            SortKey::Level2(i) => nth_score(&row.level2, *i),
            SortKey::Scored => Cell::Count(row.scored),
            SortKey::Errors => Cell::Count(row.errors),
            SortKey::Warnings => Cell::Count(row.warnings),
            SortKey::Overrides => Cell::Count(row.overrides.len()),
            SortKey::Projects => Cell::Count(row.projects.as_ref().map_or(0, |d| d.count)),
            SortKey::ProjectCoverage => row
                .projects
                .as_ref()
                .and_then(|d| d.coverage)
                .map_or(Cell::Missing, Cell::Percent),
            SortKey::ProjectsBelowGood => row
                .projects
                .as_ref()
                .map_or(Cell::Missing, |d| Cell::Count(d.below_good.len())),
            SortKey::Indicator(id) => score_cell(row.indicator_scores.get(id).copied().flatten()),
        }
    }

    /// The rows' indices in the order of `key` (ascending, or descending), stable: equal cells keep the batch's
    /// order; a missing cell comes last in both directions. Grades sort by rank (their threshold in the unit's
    /// framework: 优秀 above 良好), texts by their characters.
    /// How many units are scored with a framework that scores differently from the majority's.
    pub fn flagged_count(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| !r.framework_differs.is_empty())
            .count()
    }

    pub fn sorted_indices(&self, key: &SortKey, descending: bool) -> Vec<usize> {
        let mut keyed: Vec<(usize, Cell)> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let cell = match key {
                    SortKey::Grade => row.grade_min().map_or(Cell::Missing, Cell::Score),
                    _ => self.cell(row, key),
                };
                (i, cell)
            })
            .collect();
        keyed.sort_by(|(_, a), (_, b)| {
            let order = match (a, b) {
                (Cell::Missing, Cell::Missing) => return Ordering::Equal,
                (Cell::Missing, _) => return Ordering::Greater,
                (_, Cell::Missing) => return Ordering::Less,
                (Cell::Text(a), Cell::Text(b)) => a.cmp(b),
                (Cell::Score(a), Cell::Score(b)) => a.cmp(b),
                (Cell::Count(a), Cell::Count(b)) => a.cmp(b),
                (Cell::Percent(a), Cell::Percent(b)) => a.cmp(b),
                // One column holds one kind of cell; any other pair keeps its order.
                _ => Ordering::Equal,
            };
            if descending {
                order.reverse()
            } else {
                order
            }
        });
        keyed.into_iter().map(|(i, _)| i).collect()
    }

    /// The indices of the rows `filter` keeps, in the batch's order.
    pub fn filtered(&self, filter: &Filter) -> Vec<usize> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, row)| filter.matches(row))
            .map(|(i, _)| i)
            .collect()
    }

    /// The rows shown: those `filter` keeps, in the order of `key` (see [`Summary::sorted_indices`]).
    pub fn view(&self, sort: &SortKey, descending: bool, filter: &Filter) -> Vec<usize> {
        // A set, not a list: a thousand rows are each looked up once.
        let kept: std::collections::HashSet<usize> = self.filtered(filter).into_iter().collect();
        self.sorted_indices(sort, descending)
            .into_iter()
            .filter(|i| kept.contains(i))
            .collect()
    }

    /// Why the cell of `row` in the column `key` falls short (see the module's note), or `None`.
    pub fn shortfall(&self, row: &SummaryRow, key: &SortKey) -> Option<String> {
        let weight = || {
            self.columns
                .iter()
                .find(|c| c.key == *key)
                .and_then(|c| c.weight)
        };
        match key {
            SortKey::Level1(_) | SortKey::Level2(_) | SortKey::Indicator(_) => {
                match self.cell(row, key) {
                    Cell::Score(score) => below_share(score, weight()?),
                    Cell::Missing if matches!(key, SortKey::Indicator(_)) => {
                        Some("未评分".to_string())
                    }
                    _ => None,
                }
            }
            SortKey::Total | SortKey::Grade => self.total_shortfall(row),
            SortKey::Errors => (row.errors > 0).then(|| format!("校验发现 {} 处错误", row.errors)),
            SortKey::Framework => (!row.framework_differs.is_empty())
                .then(|| "与多数单位的评分框架不同，总分不可直接比较".to_string()),
            SortKey::ProjectCoverage => match self.cell(row, key) {
                Cell::Percent(p) if p < Decimal::ONE_HUNDRED => Some(format!(
                    "项目自评覆盖项目支出的 {}，未全覆盖",
                    crate::number::fmt_percent(p)
                )),
                // More spent on the projects than the unit's 项目支出: one of the two figures is wrong.
                Cell::Percent(p) if p > Decimal::ONE_HUNDRED => Some(format!(
                    "各项目全年执行数合计为项目支出的 {}，超过项目支出，请核对",
                    crate::number::fmt_percent(p)
                )),
                _ => None,
            },
            SortKey::ProjectsBelowGood => {
                let d = row.projects.as_ref()?;
                (!d.below_good.is_empty()).then(|| {
                    let names: Vec<String> = d
                        .below_good
                        .iter()
                        .map(|b| format!("{}（{}分）", b.name, fmt_score(b.total)))
                        .collect();
                    format!("良以下：{}", names.join("、"))
                })
            }
            _ => None,
        }
    }

    /// A total under the 良好 line (the second-best grade of the unit's framework), or without a grade.
    fn total_shortfall(&self, row: &SummaryRow) -> Option<String> {
        let Some(own) = row.grade_min() else {
            return Some(row.grade_text.clone());
        };
        let mut grades: Vec<&Grade> = row.grades.iter().collect();
        grades.sort_by_key(|g| std::cmp::Reverse(g.min));
        let line = grades.get(1)?;
        (own < line.min).then(|| format!("低于“{}”（{} 分）", line.label, fmt_score(line.min)))
    }
}

/// `score` below [`SHORT_SHARE`] of `weight`: `低于分值的 60%（3 分）`.
fn below_share(score: Decimal, weight: Decimal) -> Option<String> {
    let line = round_half_up(
        weight
            .checked_mul(SHORT_SHARE)?
            .checked_div(Decimal::ONE_HUNDRED)?,
        2,
    );
    (score < line).then(|| format!("低于分值的 {SHORT_SHARE}%（{} 分）", fmt_score(line)))
}
