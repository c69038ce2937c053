//! What the 部门整体 report and the 主管部门's 汇总 say of a unit's projects: how many, their funds and execution,
//! how much of the unit's 项目支出 they cover, their grades, and those under 良. Amounts are printed as entered
//! (`number::fmt_amount`) and rates rounded to 0.01% from them, so each recomputes from the printed sums.

use rust_decimal::Decimal;
use serde::Serialize;

use super::score::ProjectEvaluation;
use super::{project_name, PlacedProject, Project, ProjectScheme};
use crate::number::{checked_sum, percent_of, round_half_up};
use crate::Document;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectsDigest {
    pub count: usize,
    /// Projects with a 总分 and its 等次 (a form whose 分值 do not add up to 100 has no 等次 yet).
    pub scored: usize,
    /// The 全年预算数 and 全年执行数 entered, added up (a project without one is left out and counted in
    /// `funds_missing`); none on overflow.
    pub adjusted: Option<Decimal>,
    pub spent: Option<Decimal>,
    pub funds_missing: usize,
    /// `spent ÷ adjusted`, at 0.01%.
    pub rate: Option<Decimal>,
    /// Every 全年执行数 entered, added up (a project with only its 执行数 counts here): what covers 项目支出.
    pub spent_all: Option<Decimal>,
    /// The unit's 项目支出 and the share of it `spent_all` covers, at 0.01%.
    pub unit_spending: Option<Decimal>,
    pub coverage: Option<Decimal>,
    /// Each grade of the scheme, best first, with how many projects have it.
    pub grades: Vec<(String, usize)>,
    /// The grade the line is drawn at (良), and the projects scored under it.
    pub good: Option<String>,
    pub below_good: Vec<BelowGood>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BelowGood {
    pub index: usize,
    /// The project's name, or 第N个项目.
    pub name: String,
    pub total: Decimal,
    pub grade: String,
}

fn best_first(scheme: &ProjectScheme) -> Vec<&crate::framework::Grade> {
    let mut grades: Vec<&crate::framework::Grade> = scheme.grades.iter().collect();
    grades.sort_by_key(|g| std::cmp::Reverse(g.min));
    grades
}

/// The grade the 良 line is drawn at: the one named 良 (良好), else the second best.
fn good_grade(scheme: &ProjectScheme) -> Option<&crate::framework::Grade> {
    let grades = best_first(scheme);
    grades
        .iter()
        .find(|g| g.label.starts_with('良'))
        .or_else(|| grades.get(1))
        .copied()
}

/// The digest of `doc`'s projects, each `placed` with its evaluation under `scheme`.
pub fn digest(doc: &Document, placed: &[PlacedProject], scheme: &ProjectScheme) -> ProjectsDigest {
    let projects: Vec<&Project> = placed.iter().map(|p| p.project).collect();
    let evaluations: Vec<&ProjectEvaluation> = placed.iter().map(|p| &*p.evaluation).collect();
    let with_funds: Vec<(Decimal, Decimal)> = projects
        .iter()
        .filter_map(|p| Some((p.funds.total.adjusted?, p.funds.total.spent?)))
        .collect();
    let adjusted = checked_sum(with_funds.iter().map(|(a, _)| *a));
    let spent = checked_sum(with_funds.iter().map(|(_, s)| *s));
    let spent_all = checked_sum(projects.iter().filter_map(|p| p.funds.total.spent));
    let rate_of = |part: Option<Decimal>, whole: Option<Decimal>| {
        percent_of(part?, whole?).map(|r| round_half_up(r, 2))
    };
    let unit_spending = doc.finance.spending_project;
    let grade_counts = best_first(scheme)
        .iter()
        .map(|g| {
            let n = evaluations
                .iter()
                .filter(|e| e.grade.as_deref() == Some(g.label.as_str()))
                .count();
            (g.label.clone(), n)
        })
        .collect();
    let good = good_grade(scheme);
    let below_good = match good {
        Some(good) => placed
            .iter()
            .filter_map(|p| {
                let (i, e) = (p.index, &p.evaluation);
                // Only a graded form is under a grade (a form whose 分值 do not add up has no grade yet).
                e.grade.as_ref()?;
                let total = e.total?;
                (total < good.min).then(|| BelowGood {
                    index: i,
                    name: project_name(i, p.project),
                    total,
                    grade: e.grade.clone().unwrap_or_default(),
                })
            })
            .collect(),
        None => Vec::new(),
    };
    ProjectsDigest {
        count: projects.len(),
        scored: evaluations.iter().filter(|e| e.grade.is_some()).count(),
        adjusted,
        spent,
        funds_missing: projects.len().saturating_sub(with_funds.len()),
        rate: rate_of(spent, adjusted),
        spent_all,
        unit_spending,
        coverage: rate_of(spent_all, unit_spending),
        grades: grade_counts,
        good: good.map(|g| g.label.clone()),
        below_good,
    }
}

/// The digest of `doc`'s projects under its scheme; none when the scheme cannot be read.
pub fn digest_of(doc: &Document) -> Option<ProjectsDigest> {
    let scheme = super::scheme_of(doc)?;
    let placed = super::evaluate_selected(doc, super::ProjectSelection::All)?;
    Some(digest(doc, &placed, &scheme))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;
    use rust_decimal_macros::dec;

    #[test]
    fn the_example_digest_adds_up_and_rates_from_the_printed_sums() {
        let doc = samples::example();
        let d = digest_of(&doc).unwrap();
        assert_eq!(d.count, 3);
        assert_eq!(d.scored, 3);
        assert_eq!(d.adjusted, Some(dec!(600)));
        assert_eq!(d.spent, Some(dec!(587.5)));
        // 587.5 ÷ 600 = 97.9166…% → 97.92%.
        assert_eq!(d.rate, Some(dec!(97.92)));
        assert_eq!(d.good.as_deref(), Some("良"));
        let counted: usize = d.grades.iter().map(|(_, n)| n).sum();
        assert_eq!(counted, 3);
    }

    #[test]
    fn a_project_under_the_good_line_is_named_with_its_total_and_grade() {
        let mut doc = samples::example();
        doc.projects[1].rows[0].actual = "1".into();
        doc.projects[2].funds.total.spent = None;
        let d = digest_of(&doc).unwrap();
        assert_eq!(d.funds_missing, 1);
        assert_eq!(d.below_good.len(), 1, "{:?}", d.below_good);
        assert_eq!(d.below_good[0].index, 1);
        assert!(d.below_good[0].total < dec!(80));
        assert_eq!(d.scored, 2);
        // The project without its 执行数 is out of both sums; one with only its 执行数 still covers 项目支出.
        assert_eq!(d.spent, d.spent_all);
        doc.projects[2].funds.total.spent = Some(dec!(56.6));
        doc.projects[2].funds.total.adjusted = None;
        let d = digest_of(&doc).unwrap();
        assert_eq!(d.spent_all, Some(dec!(587.5)));
        assert_eq!(d.spent, Some(dec!(530.9)));
    }
}
