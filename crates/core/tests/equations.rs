//! Every equation the app prints is true as printed (domain.md §4): a reviewer who recomputes a line of an
//! explanation with a calculator, from the numbers on the page, gets the number the page shows.
//!
//! The test reads the equations out of the explanation lines as a person would (`10 × 93.27% = 9.33`,
//! `|110 − 100| ÷ 100 = 10.00%`, `5 − 3.27 × 0.5 = 3.37`), evaluates the left side exactly and compares it, rounded
//! half up to 0.01 as the app rounds every printed figure, with the printed right side.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::disallowed_methods
)] // Tests, benchmarks and examples may panic and use literals; the library code may not.

use std::str::FromStr;

use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use zipin_core::document::Project;
use zipin_core::document::{QualitativeGrade, TargetOperator, TargetRow};
use zipin_core::framework::{built_in, Rule, Side, Step, ZeroDenominator};
use zipin_core::metrics::Metric;
use zipin_core::number::{fmt_amount, round_half_up};
use zipin_core::present::project_form::{project_form, project_overview};
use zipin_core::project::digest::digest_of;
use zipin_core::project::{evaluate_selected, ProjectSelection};
use zipin_core::{evaluate, Document};

/// A tiny calculator for the printed form: + − × ÷, `%` after a number, `( )` and `| |` (absolute value).
struct Calculator<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
}

impl Calculator<'_> {
    fn eval(text: &str) -> Option<Decimal> {
        let mut calc = Calculator {
            chars: text.chars().peekable(),
        };
        let value = calc.expr()?;
        calc.chars.peek().is_none().then_some(value)
    }

    fn expr(&mut self) -> Option<Decimal> {
        let mut value = self.term()?;
        while let Some(&op) = self.chars.peek() {
            match op {
                '+' => {
                    self.chars.next();
                    value = value.checked_add(self.term()?)?;
                }
                '−' => {
                    self.chars.next();
                    value = value.checked_sub(self.term()?)?;
                }
                _ => break,
            }
        }
        Some(value)
    }

    fn term(&mut self) -> Option<Decimal> {
        let mut value = self.factor()?;
        while let Some(&op) = self.chars.peek() {
            match op {
                '×' => {
                    self.chars.next();
                    value = value.checked_mul(self.factor()?)?;
                }
                '÷' => {
                    self.chars.next();
                    value = value.checked_div(self.factor()?)?;
                }
                _ => break,
            }
        }
        Some(value)
    }

    fn factor(&mut self) -> Option<Decimal> {
        match self.chars.next()? {
            '(' => {
                let value = self.expr()?;
                (self.chars.next()? == ')').then_some(value)
            }
            '|' => {
                let value = self.expr()?;
                (self.chars.next()? == '|').then_some(value.abs())
            }
            first => {
                let mut number = first.to_string();
                while let Some(&c) = self.chars.peek() {
                    if c.is_ascii_digit() || c == '.' {
                        number.push(c);
                        self.chars.next();
                    } else {
                        break;
                    }
                }
                let value = Decimal::from_str(&number).ok()?;
                if self.chars.peek() == Some(&'%') {
                    self.chars.next();
                    return value.checked_div(Decimal::ONE_HUNDRED);
                }
                Some(value)
            }
        }
    }
}

/// The equations of one printed line: (left side, right side, whether the right side is in percent).
fn equations(line: &str) -> Vec<(String, Decimal, bool)> {
    let mut found = Vec::new();
    for clause in line.split(['：', '；', '，', '。', '（', '）', '、']) {
        let Some((lhs, rhs)) = clause.split_once(" = ") else {
            continue;
        };
        // Words and units around the figures are what a reader skips: keep figures, operators and brackets.
        let lhs: String = lhs
            .chars()
            .filter(|c| c.is_ascii_digit() || ".%()|-+−×÷".contains(*c))
            .collect();
        let rhs = rhs.split_whitespace().next().unwrap_or_default();
        let number: String = rhs
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
            .collect();
        let percent = rhs.get(number.len()..).is_some_and(|r| r.starts_with('%'));
        let value = Decimal::from_str(&number)
            .unwrap_or_else(|_| panic!("right side of “{clause}” is not a number"));
        found.push((lhs, value, percent));
    }
    found
}

/// Checks every equation of `line`; returns how many there were.
fn check_line(line: &str) -> usize {
    let found = equations(line);
    // Every " = " printed is read as an equation: the test cannot pass by reading nothing.
    assert_eq!(
        found.len(),
        line.matches(" = ").count(),
        "unread equation in “{line}”"
    );
    for (lhs, printed, percent) in &found {
        let exact =
            Calculator::eval(lhs).unwrap_or_else(|| panic!("cannot read “{lhs}” in “{line}”"));
        let shown = if *percent {
            round_half_up(exact * Decimal::ONE_HUNDRED, 2)
        } else {
            round_half_up(exact, 2)
        };
        assert_eq!(
            shown, *printed,
            "“{line}”: {lhs} is {exact}, printed as {printed}"
        );
    }
    found.len()
}

/// Checks every explanation of the document's evaluation; returns the number of equations checked.
fn check_document(doc: &Document) -> usize {
    let evaluation = evaluate(doc);
    let mut count = 0;
    for r in &evaluation.indicators {
        for line in r
            .explanation
            .iter()
            .chain(r.target_rows.iter().map(|row| &row.line))
        {
            count += check_line(line);
        }
        if let Some(score) = r.final_score {
            assert!(score >= Decimal::ZERO && score <= r.weight, "{r:?}");
        }
    }
    count
}

#[test]
fn the_calculator_reads_what_the_page_prints() {
    assert_eq!(
        check_line("预算执行率：76 ÷ 100 = 76.00%；10 × 76.00% = 7.6"),
        2
    );
    assert_eq!(check_line("预算调整率：|110 − 100| ÷ 100 = 10.00%"), 1);
    assert_eq!(check_line("变动率：(5 − 10) ÷ 10 = -50.00%"), 1);
    assert_eq!(check_line("每个扣 0.5 分：5 − 3.27 × 0.5 = 3.37"), 1);
    assert_eq!(check_line("合计：1 + 0 + 1 = 2 分"), 1);
    assert_eq!(check_line("完成比例：30个 ÷ 40个 = 75.00%"), 1);
    assert_eq!(check_line("没有等式的说明"), 0);
}

#[test]
#[should_panic(expected = "printed as 4.66")]
fn a_false_equation_is_caught() {
    // 93.30% of 5 is 4.665, which rounds half up to 4.67: printing 4.66 would be false.
    check_line("5 × 93.30% = 4.66");
}

#[test]
fn the_samples_explain_themselves_truly() {
    for doc in [zipin_core::samples::seed(), zipin_core::samples::example()] {
        assert!(check_document(&doc) > 0, "the samples print equations");
    }
}

#[test]
fn the_rate_is_rounded_before_it_is_scored() {
    // 1920.03 ÷ 2058.65 = 93.2667…% is shown as 93.27%, and 93.27% is what earns the points.
    let mut doc = Document::blank(built_in("guangdong-2024-reference").unwrap());
    doc.finance.procurement_plan = Some(dec!(2058.65));
    doc.finance.procurement_actual = Some(dec!(1920.03));
    let e = evaluate(&doc);
    let r = e.indicator("procurement-rate").unwrap();
    assert!(r.explanation[0].contains("= 93.27%"), "{:?}", r.explanation);
    assert!(check_document(&doc) > 0);
}

fn amount() -> impl Strategy<Value = Option<Decimal>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(Decimal::ZERO)),
        6 => (0u64..2_000_000_000, 0u32..=6).prop_map(|(m, s)| Some(Decimal::new(m as i64, s))),
        1 => (1u64..1_000_000, 0u32..=6).prop_map(|(m, s)| Some(Decimal::new(m as i64, s) * Decimal::from(1_000_000))),
    ]
}

fn figure_text() -> impl Strategy<Value = String> {
    (
        0u64..100_000,
        0u32..=4,
        prop::sample::select(vec!["", "个", "%", "万元", "人次", "天"]),
    )
        .prop_map(|(m, s, unit)| format!("{}{unit}", Decimal::new(m as i64, s)))
}

fn target_row() -> impl Strategy<Value = TargetRow> {
    (
        prop::sample::select(TargetOperator::ALL.to_vec()),
        figure_text(),
        figure_text(),
        prop::option::of(0u32..2000),
        prop::sample::select(vec!["产出", "效益", "满意度"]),
        prop::sample::select(QualitativeGrade::ALL.to_vec()),
        0u32..=2000,
    )
        .prop_map(|(operator, target, actual, weight, level1, grade, share)| {
            let (low, high) = grade.band_percent();
            let span = high - low;
            let share = low + span * Decimal::new(i64::from(share), 0) / Decimal::from(2000);
            let (target, actual) = match operator {
                TargetOperator::Deadline => ("2024-09-30".to_string(), "2024-10-01".to_string()),
                TargetOperator::YesNo => ("是".to_string(), "否".to_string()),
                _ => (target, actual),
            };
            TargetRow {
                level1: level1.to_string(),
                name: "指标".to_string(),
                operator,
                target,
                actual,
                weight: weight.map(|w| Decimal::new(i64::from(w), 2)),
                grade: Some(grade),
                qualitative_score: Some(share.round_dp(2)),
                ..TargetRow::default()
            }
        })
}

/// A ratio rule in any valid form the built-in frameworks do not use: reversed, a target other than 100%, whole or
/// started points, a standard below 100%, any metric.
fn ratio_rule() -> impl Strategy<Value = Rule> {
    let metric = prop::sample::select(Metric::ALL.to_vec());
    let percent = (1i64..20_000).prop_map(|cents| Decimal::new(cents, 2));
    let points = (1i64..500).prop_map(|cents| Decimal::new(cents, 2));
    prop_oneof![
        (metric.clone(), percent.clone(), any::<bool>()).prop_map(|(metric, target, reverse)| {
            Rule::Proportional {
                metric,
                target,
                reverse,
                zero_denominator: ZeroDenominator::default(),
            }
        }),
        (metric, percent, any::<bool>(), points, 0usize..3).prop_map(
            |(metric, standard, above, per_point, step)| {
                Rule::ThresholdDeduct {
                    metric,
                    standard,
                    deduct_when: if above { Side::Above } else { Side::Below },
                    per_point,
                    step: [Step::Continuous, Step::WholePoints, Step::StartedPoints][step],
                    zero_denominator: ZeroDenominator::default(),
                }
            }
        ),
    ]
}

prop_compose! {
    fn document()(
        framework in prop::sample::select(vec!["guangdong-2024-reference", "project-2020-10"]),
        replaced in prop::option::of((0usize..15, ratio_rule())),
        figures in prop::collection::vec(amount(), 14),
        counts in (prop::option::of(0u32..200), prop::option::of(0u32..200)),
        targets in prop::collection::vec(target_row(), 0..10),
        cases in 0u32..12,
        answers in prop::collection::vec(any::<bool>(), 12),
    ) -> Document {
        let mut doc = Document::blank(built_in(framework).unwrap());
        if let Some((n, rule)) = replaced {
            let indicator = doc.framework.indicators_mut()
                .nth(n);
            if let Some(indicator) = indicator {
                indicator.rule = rule;
            }
            assert!(doc.framework.validate().is_empty(), "{:?}", doc.framework.validate());
        }
        let f = &mut doc.finance;
        let [a, b, c, e, g, h, i, j, k, l, m, n, o, p] = figures[..] else { unreachable!() };
        (f.budget_initial, f.budget_final, f.spending_total, f.carryover_end) = (a, b, c, e);
        (f.procurement_plan, f.procurement_actual) = (g, h);
        (f.three_public.budget, f.three_public.actual, f.three_public.previous) = (i, j, k);
        (f.public_funds_budget, f.public_funds_actual) = (l, m);
        (f.fixed_assets_total, f.fixed_assets_in_use) = (n, o);
        f.carryover_previous = p;
        (doc.staff.authorized, doc.staff.in_establishment) = counts;
        doc.targets = targets;
        let indicators: Vec<_> = doc.framework.indicators().map(|(_, _, ind)| ind.clone()).collect();
        for ind in indicators {
            match &ind.rule {
                Rule::Checklist { items } => {
                    let chosen = items.iter().zip(answers.iter().cycle()).map(|(item, a)| (item.id.clone(), *a)).collect();
                    doc.management.checklists.insert(ind.id.clone(), chosen);
                }
                Rule::DeductPerCase { .. } => { doc.management.cases.insert(ind.id.clone(), cases); }
                Rule::Choice { options } => {
                    if let Some(option) = options.get(cases as usize % options.len().max(1)) {
                        doc.management.choices.insert(ind.id.clone(), option.id.clone());
                    }
                }
                _ => {}
            }
        }
        doc
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("ZIPIN_EQUATION_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(300)
    ))]

    #[test]
    fn every_printed_equation_recomputes(doc in document()) {
        check_document(&doc);
    }
}

/// A printed amount or rate read back as a reviewer reads it (`1,234.50`, `93.27%`).
fn printed(text: &str) -> Decimal {
    Decimal::from_str(&text.replace([',', '%'], "")).unwrap_or_else(|_| panic!("“{text}”"))
}

/// `part ÷ whole` as the forms print a rate: in percent, rounded half up to 0.01%.
fn printed_rate(part: &str, whole: &str) -> Decimal {
    round_half_up(printed(part) * Decimal::ONE_HUNDRED / printed(whole), 2)
}

prop_compose! {
    fn project()(
        adjusted in amount(),
        spent in amount(),
        rows in prop::collection::vec(target_row(), 0..6),
    ) -> Project {
        let mut project = Project { name: "项目".to_string(), rows, ..Project::default() };
        (project.funds.total.adjusted, project.funds.total.spent) = (adjusted, spent);
        project
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("ZIPIN_EQUATION_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(300)
    ))]

    /// The project forms, their overview and the report's paragraph on them: each explanation recomputes, and each
    /// printed 执行率 recomputes from the amounts printed beside it (amounts may carry six decimals).
    #[test]
    fn every_printed_project_figure_recomputes(
        projects in prop::collection::vec(project(), 1..5),
        unit_spending in amount(),
    ) {
        let mut doc = Document::blank(built_in("guangdong-2024-reference").unwrap());
        doc.finance.spending_project = unit_spending;
        doc.projects = projects;
        let placed = evaluate_selected(&doc, ProjectSelection::All).unwrap();
        for p in &placed {
            let e = &p.evaluation;
            for line in std::iter::once(&e.execution.line).chain(e.rows.iter().map(|r| &r.line)).chain([&e.total_line]) {
                check_line(line);
            }
            let form = project_form(p.project, e, "单位", Some(2024));
            let funds = form.lines.iter().find(|l| l[0].text == "年度资金总额").unwrap();
            // 年度资金总额 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
            if !funds[5].text.is_empty() {
                prop_assert_eq!(printed_rate(&funds[3].text, &funds[2].text), printed(&funds[5].text));
            }
        }
        let overview = project_overview(&placed);
        if let (Some(spent), Some(adjusted), Some(rate)) = (overview.spent, overview.adjusted, overview.rate) {
            let rows_spent: Decimal = overview.rows.iter().map(|r| printed(&fmt_amount(r.spent.unwrap()))).sum();
            prop_assert_eq!(rows_spent, printed(&fmt_amount(spent)));
            prop_assert_eq!(printed_rate(&fmt_amount(spent), &fmt_amount(adjusted)), rate);
        }
        let digest = digest_of(&doc).unwrap();
        if let (Some(spent), Some(adjusted), Some(rate)) = (digest.spent, digest.adjusted, digest.rate) {
            prop_assert_eq!(printed_rate(&fmt_amount(spent), &fmt_amount(adjusted)), rate);
        }
        if let (Some(all), Some(unit), Some(coverage)) = (digest.spent_all, digest.unit_spending, digest.coverage) {
            prop_assert_eq!(printed_rate(&fmt_amount(all), &fmt_amount(unit)), coverage);
        }
    }
}
