//! The 汇总 view: many units' self-evaluations side by side, as a 主管部门 collects them.
//!
//! [`summarize`] scores every unit once (evaluation and checks) and lays the results out against the batch's
//! **majority framework**: the framework most units were scored with. Its 一级, 二级 and 三级 indicators are the
//! table's columns; a unit's scores are matched to them by name (一级, 一级/二级) and by id (三级).
//!
//! Frameworks are compared as data, by what changes a score: grades, the tree, weights and rules. Provenance (id,
//! name, 文号, status, source, report dimensions) and the texts an officer reads (评分标准, 指标解释, a 三级
//! indicator's name, the order of siblings) do not make totals incomparable, so they are not flagged. A unit
//! whose framework differs in what scores is flagged with the differences ([`SummaryRow::framework_differs`]),
//! because its total is not comparable with the others'.
//!
//! `view.rs` holds the table as data (columns, cells, sorting, filtering, the cells that fall short);
//! `across.rs` one indicator across the units (scores, rates, explanations, average, distribution) and the count
//! per grade.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::checks::{run_checks_scored, Check, ScoredProjects, Severity};
use crate::document::Document;
use crate::framework::{diff, Change, Framework, Grade, Rule};
use crate::metrics::MetricValue;
use crate::number::round_half_up;
use crate::scoring::{evaluate, Evaluation, GradeWithheld};

mod across;
mod view;

pub use across::{Bucket, IndicatorAcross, UnitScore};
pub use view::{Cell, Column, Filter, SortKey, SHORT_SHARE, UNGRADED};

/// How many differences a flagged unit lists before 等 N 处不同.
const MAX_DIFF_LINES: usize = 5;

/// One unit's document and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The file name, or 链接 3 for the third pasted link.
    pub source: String,
    pub document: Document,
}

/// An override in force in a unit: the officer's score beside the rule's, and the reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverrideNote {
    pub id: String,
    /// The indicator's name.
    pub name: String,
    pub score: Decimal,
    /// What the rule gave (`None` when it could not score).
    pub rule_score: Option<Decimal>,
    pub reason: String,
}

/// One unit in the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryRow {
    /// The unit's place in the batch (0-based), as given to [`summarize`].
    pub index: usize,
    pub source: String,
    pub unit_name: String,
    pub year: Option<u16>,
    pub framework_name: String,
    pub framework_status: String,
    /// The total as the score table prints it (the sum of the rounded scores so far); `None` only when it is
    /// beyond exact arithmetic.
    pub total: Option<Decimal>,
    /// The grade, once every indicator is scored and the framework is sound.
    pub grade: Option<String>,
    /// The grade cell's wording: 等次：优秀, or why there is none, as the score table words it.
    pub grade_text: String,
    /// The grades of the unit's framework (its grade ranks by them).
    pub grades: Vec<Grade>,
    /// Each 一级 column of the summary with this unit's score there (`None`: the unit's framework has no such 一级).
    pub level1: Vec<(String, Option<Decimal>)>,
    /// Each 二级 column (`一级/二级`) with this unit's score there.
    pub level2: Vec<(String, Option<Decimal>)>,
    pub scored: usize,
    pub indicators: usize,
    pub errors: usize,
    pub warnings: usize,
    pub overrides: Vec<OverrideNote>,
    /// Each 三级 column's id with this unit's final score (`None`: not scored, or not in its framework).
    pub indicator_scores: BTreeMap<String, Option<Decimal>>,
    /// The 三级 columns whose indicator this unit's framework scores alike (the same 分值 and rule).
    pub alike: BTreeSet<String>,
    /// For each indicator read from a metric, the rate as shown (percent, 四舍五入 to 2 places).
    pub rates: BTreeMap<String, Decimal>,
    /// What differs, in what scores, between the majority framework and this unit's, one line a difference (at
    /// most [`MAX_DIFF_LINES`], the last then 等 N 处不同); empty when it scores alike.
    pub framework_differs: Vec<String>,
    /// Every failing check, errors first.
    pub checks: Vec<Check>,
    /// The whole evaluation, for the page's detail and the per-indicator view.
    pub evaluation: Evaluation,
    /// Its projects: how many, the funds they cover, those under 良; none when its project scheme cannot be read.
    pub projects: Option<crate::project::digest::ProjectsDigest>,
    /// Every project with its funds, 总分 and 等次, for the 汇总表's sheet of all projects.
    pub project_list: Vec<crate::present::project_form::OverviewRow>,
}

impl SummaryRow {
    /// Whether the unit was scored with a framework that scores like the majority's.
    pub fn comparable(&self) -> bool {
        self.framework_differs.is_empty()
    }

    /// The threshold of the unit's grade in its framework, which ranks it.
    pub fn grade_min(&self) -> Option<Decimal> {
        let grade = self.grade.as_deref()?;
        self.grades.iter().find(|g| g.label == grade).map(|g| g.min)
    }
}

/// The batch, summarized.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub rows: Vec<SummaryRow>,
    /// The framework most units were scored with (the first unit's class on a tie); `None` for an empty batch.
    pub majority_framework: Option<Framework>,
    /// How many units share it (as far as scoring goes).
    pub majority_count: usize,
    /// The table's columns, in order: 来源, 单位, 年度, 评分框架, 总分, 等次, each 一级, each 二级, 已评分, 错误,
    /// 警告, 调整, each 三级 of the majority framework.
    pub columns: Vec<Column>,
}

/// Whether a difference between two frameworks changes a score (see the module's note).
fn scores_differently(change: &Change) -> bool {
    !matches!(
        change,
        Change::Format { .. }
            | Change::About { .. }
            | Change::Reordered { .. }
            | Change::IndicatorRenamed { .. }
            | Change::IndicatorStandard { .. }
            | Change::IndicatorDefinition { .. }
    )
}

/// The differences in what scores, from `base` to `other`.
fn scoring_changes(base: &Framework, other: &Framework) -> Vec<Change> {
    if base == other {
        return Vec::new();
    }
    diff(base, other)
        .into_iter()
        .filter(scores_differently)
        .collect()
}

/// The lines a flagged unit shows.
fn differ_lines(changes: &[Change]) -> Vec<String> {
    if changes.len() <= MAX_DIFF_LINES {
        return changes.iter().map(ToString::to_string).collect();
    }
    let mut lines: Vec<String> = changes
        .iter()
        .take(MAX_DIFF_LINES.saturating_sub(1))
        .map(ToString::to_string)
        .collect();
    lines.push(format!("等 {} 处不同", changes.len()));
    lines
}

/// What of a framework decides scores, as text: the tree by names (siblings sorted), each 三级 by id with its
/// 分值 and rule, the grades; not its provenance, wording or order, and every number normalised (8.00 is 8).
/// Equal signatures score alike, so most units are classed by a hash lookup instead of a comparison.
fn scoring_signature(framework: &Framework) -> String {
    fn normalise(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(text) => {
                if let Ok(number) = text.parse::<rust_decimal::Decimal>() {
                    *text = number.normalize().to_string();
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(normalise),
            serde_json::Value::Object(map) => map.values_mut().for_each(normalise),
            _ => {}
        }
    }
    let mut grades: Vec<String> = framework
        .grades
        .iter()
        .map(|g| format!("{}≥{}", g.label, g.min.normalize()))
        .collect();
    grades.sort();
    let mut levels: Vec<String> = Vec::new();
    let mut indicators: Vec<String> = Vec::new();
    for l1 in &framework.level1 {
        levels.push(format!("{}={}", l1.name, l1.weight.normalize()));
        for l2 in &l1.level2 {
            levels.push(format!("{}/{}={}", l1.name, l2.name, l2.weight.normalize()));
            for ind in &l2.indicators {
                let mut rule = serde_json::to_value(&ind.rule).unwrap_or_default();
                normalise(&mut rule);
                indicators.push(format!(
                    "{}@{}/{}={}:{rule}",
                    ind.id,
                    l1.name,
                    l2.name,
                    ind.weight.normalize()
                ));
            }
        }
    }
    levels.sort();
    indicators.sort();
    format!("{grades:?}|{levels:?}|{indicators:?}")
}

/// Up to this many differently written frameworks are also compared change by change, so two that differ only in
/// ways the signature keeps apart still share a class; beyond it the signature alone decides (a batch of a
/// thousand different frameworks must not take minutes).
const COMPARED_CLASSES: usize = 50;

/// The class of each unit's framework (units in a class score alike), and the majority class.
fn framework_classes(units: &[Unit]) -> (Vec<usize>, Option<usize>) {
    // Each class by a representative unit; frameworks are compared with the representatives only.
    let mut representatives: Vec<&Framework> = Vec::new();
    let mut by_signature: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    let mut counts: Vec<usize> = Vec::new();
    let mut classes = Vec::with_capacity(units.len());
    for unit in units {
        let framework = &unit.document.framework;
        let signature = scoring_signature(framework);
        let class = by_signature.get(&signature).copied().or_else(|| {
            (representatives.len() <= COMPARED_CLASSES)
                .then(|| {
                    representatives
                        .iter()
                        .position(|r| scoring_changes(r, framework).is_empty())
                })
                .flatten()
        });
        let class = match class {
            Some(class) => class,
            None => {
                representatives.push(framework);
                counts.push(0);
                representatives.len().saturating_sub(1)
            }
        };
        by_signature.entry(signature).or_insert(class);
        if let Some(count) = counts.get_mut(class) {
            *count = count.saturating_add(1);
        }
        classes.push(class);
    }
    // The largest class; on a tie the one met first.
    let majority = counts
        .iter()
        .enumerate()
        .rev()
        .max_by_key(|(_, count)| **count)
        .map(|(class, _)| class);
    (classes, majority)
}

/// Scores every unit once and lays them out against the batch's majority framework.
pub fn summarize(units: &[Unit]) -> Summary {
    let (classes, majority_class) = framework_classes(units);
    let majority = majority_class.and_then(|class| {
        classes
            .iter()
            .position(|c| *c == class)
            .and_then(|first| units.get(first))
            .map(|unit| &unit.document.framework)
    });
    let majority_count =
        majority_class.map_or(0, |class| classes.iter().filter(|c| **c == class).count());
    let columns = majority.map(view::columns).unwrap_or_default();
    let rows = units
        .iter()
        .zip(&classes)
        .enumerate()
        .map(|(index, (unit, class))| {
            let differs = match majority {
                Some(majority) if Some(*class) != majority_class => {
                    differ_lines(&scoring_changes(majority, &unit.document.framework))
                }
                _ => Vec::new(),
            };
            row(index, unit, majority, differs)
        })
        .collect();
    Summary {
        rows,
        majority_framework: majority.cloned(),
        majority_count,
        columns,
    }
}

fn row(
    index: usize,
    unit: &Unit,
    majority: Option<&Framework>,
    framework_differs: Vec<String>,
) -> SummaryRow {
    let doc = &unit.document;
    let evaluation = evaluate(doc);
    // The projects scored once, for the checks, the digest and the list.
    let scored = ScoredProjects::of(doc);
    let checks = run_checks_scored(doc, &evaluation, &scored);
    let projects = scored.digest(doc);
    let project_list =
        crate::present::project_form::project_overview(&scored.placed().unwrap_or_default()).rows;
    let count = |severity: Severity| checks.iter().filter(|c| c.severity == severity).count();

    // The unit's own groups by name, with their scores, in its framework's order.
    let own_level1: Vec<(&str, Decimal)> = evaluation
        .level1
        .iter()
        .map(|g| (g.name.as_str(), g.score))
        .collect();
    let own_level2: Vec<(String, Decimal)> = level2_keys(&doc.framework)
        .zip(evaluation.level2.iter().map(|g| g.score))
        .collect();
    let (level1, level2, indicator_scores) = match majority {
        Some(majority) => (
            majority
                .level1
                .iter()
                .map(|l1| {
                    let score = own_level1
                        .iter()
                        .find(|(name, _)| *name == l1.name)
                        .map(|(_, s)| *s);
                    (l1.name.clone(), score)
                })
                .collect(),
            level2_keys(majority)
                .map(|key| {
                    let score = own_level2.iter().find(|(k, _)| *k == key).map(|(_, s)| *s);
                    (key, score)
                })
                .collect(),
            majority
                .indicators()
                .map(|(_, _, ind)| {
                    let score = evaluation.indicator(&ind.id).and_then(|r| r.final_score);
                    (ind.id.clone(), score)
                })
                .collect(),
        ),
        None => (Vec::new(), Vec::new(), BTreeMap::new()),
    };
    let alike = majority
        .map(|majority| {
            majority
                .indicators()
                .filter(|(_, _, ind)| {
                    doc.framework
                        .indicator(&ind.id)
                        .is_some_and(|own| own.weight == ind.weight && own.rule == ind.rule)
                })
                .map(|(_, _, ind)| ind.id.clone())
                .collect()
        })
        .unwrap_or_default();
    let rates = doc
        .framework
        .indicators()
        .filter_map(|(_, _, ind)| {
            let metric = rule_metric(&ind.rule)?;
            match metric.compute(doc) {
                MetricValue::Rate { percent, .. } => {
                    Some((ind.id.clone(), round_half_up(percent, 2)))
                }
                _ => None,
            }
        })
        .collect();
    let overrides = evaluation
        .indicators
        .iter()
        .filter_map(|r| {
            let o = r.applied_override.as_ref()?;
            Some(OverrideNote {
                id: r.id.clone(),
                name: r.name.clone(),
                score: r.final_score.unwrap_or(o.score),
                rule_score: r.rule_score,
                reason: o.reason.trim().to_string(),
            })
        })
        .collect();
    let total = match evaluation.grade_withheld {
        Some(GradeWithheld::TotalTooLarge) => None,
        _ => Some(evaluation.total),
    };
    SummaryRow {
        index,
        source: unit.source.clone(),
        unit_name: doc.unit.name.trim().to_string(),
        year: doc.unit.year,
        framework_name: doc.framework.name.clone(),
        framework_status: doc.framework.status.clone(),
        total,
        grade: evaluation.grade.clone(),
        grade_text: evaluation.grade_text(),
        grades: doc.framework.grades.clone(),
        level1,
        level2,
        scored: evaluation.scored_count,
        indicators: evaluation.indicator_count,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        overrides,
        indicator_scores,
        alike,
        rates,
        framework_differs,
        checks,
        evaluation,
        projects,
        project_list,
    }
}

/// The key of a 二级 column: `一级/二级`.
pub fn level2_key(level1: &str, level2: &str) -> String {
    format!("{level1}/{level2}")
}

/// Every 二级's key, in the framework's order.
fn level2_keys(framework: &Framework) -> impl Iterator<Item = String> + '_ {
    framework.level1.iter().flat_map(|l1| {
        l1.level2
            .iter()
            .map(move |l2| level2_key(&l1.name, &l2.name))
    })
}

/// The metric a rule reads, if it reads one.
fn rule_metric(rule: &Rule) -> Option<crate::metrics::Metric> {
    match rule {
        Rule::Proportional { metric, .. }
        | Rule::ThresholdDeduct { metric, .. }
        | Rule::Bands { metric, .. } => Some(*metric),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
