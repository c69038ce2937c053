//! The scheme a project's form (项目支出绩效自评表, crates/core/src/project) is scored by: data, not code. The
//! default is the 财预〔2020〕10号 form (执行率 10, 产出 50, 效益 30, 满意度 10); a unit may adjust the 一级 weights,
//! and a province replace the 执行率 rule (the points, the rate at which they are full, the rate below which a
//! reason is asked for).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Grade;
use crate::number::checked_sum;

pub const SCHEME_FORMAT: &str = "zipin.project-scheme";

/// The built-in schemes: (id, JSON).
pub const BUILT_IN: [(&str, &str); 1] = [(
    "caiyu-2020-10",
    include_str!("../../data/project-schemes/caiyu-2020-10.json"),
)];

pub const DEFAULT_SCHEME_ID: &str = "caiyu-2020-10";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectScheme {
    pub format: String,
    pub id: String,
    pub name: String,
    /// Where the scheme comes from, as the form's notes print it.
    pub source: String,
    pub execution: ExecutionRule,
    /// The 一级 indicators the rows are scored under, with their weights.
    pub level1: Vec<SchemeLevel1>,
    /// Grades, each from its minimum total (inclusive).
    pub grades: Vec<Grade>,
    /// A ≥ row completed at this percentage or more is flagged as possibly set too low (never deducted).
    pub over_flag: Decimal,
}

/// 预算执行率's points: 执行率 ÷ `full_at` × `weight`, at most `weight`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExecutionRule {
    pub name: String,
    pub weight: Decimal,
    /// The rate (%) at which the points are full: 100 in the 财预〔2020〕10号 form.
    pub full_at: Decimal,
    /// Below this rate (%) the form asks why (a warning when no reason is given); none: never asked.
    pub reason_below: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeLevel1 {
    /// 产出指标, 效益指标, 满意度指标. A row belongs to it when its 一级 is this name, with or without 指标.
    pub name: String,
    pub weight: Decimal,
}

impl SchemeLevel1 {
    /// Whether a row's 一级 (as the officer typed it: 产出, 产出指标 …) names this one.
    pub fn holds(&self, level1: &str) -> bool {
        let row = bare_level1(level1);
        !row.is_empty() && row == bare_level1(&self.name)
    }
}

/// A 一级 name without its spaces and its 指标 suffix (产出指标 → 产出), borrowed: no allocation per row.
fn bare_level1(name: &str) -> &str {
    name.trim().trim_end_matches("指标").trim_end()
}

impl ProjectScheme {
    /// The scheme with `id` among the built-in ones.
    pub fn built_in(id: &str) -> Option<ProjectScheme> {
        BUILT_IN
            .iter()
            .find(|(known, _)| *known == id)
            .and_then(|(_, json)| serde_json::from_str(json).ok())
    }

    /// The 财预〔2020〕10号 form, read from its JSON once: every scoring of a document's projects (each keystroke in
    /// a document that has them) asks for it.
    pub fn default_scheme() -> Option<ProjectScheme> {
        static DEFAULT: std::sync::OnceLock<Option<ProjectScheme>> = std::sync::OnceLock::new();
        DEFAULT
            .get_or_init(|| ProjectScheme::built_in(DEFAULT_SCHEME_ID))
            .clone()
    }

    /// 执行率's weight and the 一级 weights added up: 100 in a sound scheme; `None` on overflow.
    pub fn total_weight(&self) -> Option<Decimal> {
        checked_sum(self.weights().map(|(_, weight)| weight))
    }

    /// Each part's name and weight: 执行率's, then each 一级's, in the order [`Self::with_weights`] takes them.
    pub fn weights(&self) -> impl Iterator<Item = (&str, Decimal)> {
        std::iter::once((self.execution.name.as_str(), self.execution.weight))
            .chain(self.level1.iter().map(|l| (l.name.as_str(), l.weight)))
    }

    /// The 一级 a row's 一级 text belongs to, by its index.
    pub fn level1_of(&self, level1: &str) -> Option<usize> {
        self.level1.iter().position(|l| l.holds(level1))
    }

    /// The grade a total earns.
    pub fn grade_for(&self, total: Decimal) -> Option<&Grade> {
        self.grades
            .iter()
            .filter(|g| total >= g.min)
            .max_by_key(|g| g.min)
    }

    /// This scheme with the officer's weights: 执行率's, then each 一级's in order (extra weights are ignored, a
    /// missing one keeps its weight), and the rate below which 执行率 asks for a reason.
    pub fn with_weights(
        &self,
        execution: Decimal,
        level1: &[Decimal],
        reason_below: Option<Decimal>,
    ) -> ProjectScheme {
        let mut scheme = self.clone();
        scheme.execution.weight = execution;
        scheme.execution.reason_below = reason_below;
        for (l, weight) in scheme.level1.iter_mut().zip(level1) {
            l.weight = *weight;
        }
        scheme
    }

    /// The weights in words: `预算执行率 10 分、产出指标 50 分、效益指标 30 分、满意度指标 10 分`.
    pub fn weights_line(&self) -> String {
        self.weights()
            .map(|(name, weight)| format!("{name} {} 分", crate::number::fmt_score(weight)))
            .collect::<Vec<_>>()
            .join("、")
    }

    /// The sum of the weights an officer is entering (执行率's, then each 一级's) and whether they make a whole form
    /// of 100; `None` while one is missing or the sum overflows.
    pub fn entered_total(weights: &[Option<Decimal>]) -> Option<(Decimal, bool)> {
        let entered: Option<Vec<Decimal>> = weights.iter().copied().collect();
        let sum = crate::number::checked_sum(entered?)?;
        Some((sum, sum == Decimal::ONE_HUNDRED))
    }

    /// What is wrong with the scheme as data (weights that do not add up to 100, a negative weight, no grade for 0 …),
    /// in Chinese; empty when it is sound.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.format != SCHEME_FORMAT {
            out.push(format!("格式应为 {SCHEME_FORMAT}"));
        }
        for (name, weight) in self.weights() {
            if weight.is_sign_negative() || weight > Decimal::ONE_HUNDRED {
                out.push(format!("“{name}”的分值应在 0–100 之间"));
            }
        }
        if self.total_weight() != Some(Decimal::ONE_HUNDRED) {
            out.push("执行率与各一级指标的分值之和应为 100".to_string());
        }
        if self.execution.full_at <= Decimal::ZERO {
            out.push("执行率满分的比例应大于 0".to_string());
        }
        if !self.grades.iter().any(|g| g.min.is_zero()) {
            out.push("等次应从 0 分起".to_string());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_weights_are_said_as_set() {
        let scheme = ProjectScheme::default_scheme().expect("the built-in scheme reads");
        let line = scheme.weights_line();
        assert!(line.starts_with("预算执行率 10 分、"), "{line}");
        assert!(line.contains("产出指标 50 分"), "{line}");
        let adjusted = scheme
            .with_weights(dec!(20), &[dec!(40)], None)
            .weights_line();
        assert!(
            adjusted.starts_with("预算执行率 20 分、产出指标 40 分"),
            "{adjusted}"
        );
    }

    #[test]
    fn entered_weights_make_a_whole_form_only_at_100() {
        let total = ProjectScheme::entered_total;
        assert_eq!(
            total(&[
                Some(dec!(10)),
                Some(dec!(50)),
                Some(dec!(30)),
                Some(dec!(10))
            ]),
            Some((dec!(100), true))
        );
        assert_eq!(
            total(&[Some(dec!(20)), Some(dec!(40.5))]),
            Some((dec!(60.5), false))
        );
        assert_eq!(total(&[Some(dec!(20)), None]), None);
        assert_eq!(total(&[Some(Decimal::MAX), Some(Decimal::MAX)]), None);
    }

    #[test]
    fn the_default_is_the_2020_form_and_sound() {
        let scheme = ProjectScheme::default_scheme().expect("the built-in scheme reads");
        assert_eq!(scheme.problems(), Vec::<String>::new());
        assert_eq!(scheme.execution.weight, dec!(10));
        let weights: Vec<Decimal> = scheme.level1.iter().map(|l| l.weight).collect();
        assert_eq!(weights, vec![dec!(50), dec!(30), dec!(10)]);
        assert_eq!(
            scheme.grade_for(dec!(89.99)).map(|g| g.label.as_str()),
            Some("良")
        );
        assert_eq!(
            scheme.grade_for(dec!(90)).map(|g| g.label.as_str()),
            Some("优")
        );
        assert_eq!(
            scheme.grade_for(dec!(59.99)).map(|g| g.label.as_str()),
            Some("差")
        );
    }

    #[test]
    fn a_rows_level1_is_found_with_or_without_its_suffix() {
        let scheme = ProjectScheme::default_scheme().expect("the built-in scheme reads");
        assert_eq!(scheme.level1_of("产出"), Some(0));
        assert_eq!(scheme.level1_of(" 效益指标 "), Some(1));
        assert_eq!(scheme.level1_of("满意度"), Some(2));
        assert_eq!(scheme.level1_of(""), None);
        assert_eq!(scheme.level1_of("成本"), None);
    }

    #[test]
    fn adjusted_weights_must_still_add_up() {
        let mut scheme = ProjectScheme::default_scheme().expect("the built-in scheme reads");
        if let Some(output) = scheme.level1.first_mut() {
            output.weight = dec!(40);
        }
        assert_eq!(
            scheme.problems(),
            vec!["执行率与各一级指标的分值之和应为 100".to_string()]
        );
        if let Some(benefit) = scheme.level1.get_mut(1) {
            benefit.weight = dec!(40);
        }
        assert_eq!(scheme.problems(), Vec::<String>::new());
    }
}
