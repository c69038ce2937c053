//! Scores 1,000 documents natively and prints the time: `cargo bench -p zipin-core`.
//! A benchmark, not a test: it reports a figure and asserts nothing about time.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::disallowed_methods
)] // Tests, benchmarks and examples may panic and use literals; the library code may not.

use std::hint::black_box;
use std::time::Instant;

use zipin_core::checks::run_checks;
use zipin_core::project::{self, Project, ProjectScheme};
use zipin_core::{evaluate, samples};

fn main() {
    let base = [samples::seed(), samples::example()];
    // 1,000 distinct documents: the two samples with varied spending so no result can be reused.
    let docs: Vec<_> = (0..1000)
        .map(|i| {
            let mut doc = base[i % 2].clone();
            doc.finance.procurement_actual =
                Some(rust_decimal::Decimal::new(150_000 + i as i64 * 37, 2));
            doc
        })
        .collect();
    measure("score of 1000 documents", || {
        for doc in &docs {
            black_box(evaluate(black_box(doc)));
        }
    });
    measure("score + checks of 1000 documents", || {
        for doc in &docs {
            let evaluation = evaluate(black_box(doc));
            black_box(run_checks(doc, &evaluation));
        }
    });
    // Issue 21's figure: a unit with 50 projects of 30 indicator rows each, every project scored and checked.
    let scheme = ProjectScheme::default_scheme().expect("the built-in scheme reads");
    let projects: Vec<Project> = (0..50).map(project_of_30_rows).collect();
    measure("score + checks of 50 projects × 30 rows", || {
        for (i, project) in projects.iter().enumerate() {
            let evaluation = project::score::evaluate(i, black_box(project), &scheme);
            black_box(zipin_core::checks::projects::project_checks(
                i,
                project,
                &evaluation,
                &scheme,
            ));
        }
    });
}

/// A project whose 30 rows (18 产出, 9 效益, 3 满意度; ≥, ≤ and 定性 mixed, some unmet) carry 分值 adding up to the
/// scheme's 90 points.
fn project_of_30_rows(i: usize) -> Project {
    use rust_decimal::Decimal;
    use zipin_core::document::{QualitativeGrade, TargetOperator, TargetRow};
    let rows = (0..30)
        .map(|k| {
            let (level1, weight) = match k {
                0..=17 => ("产出", Decimal::new(5000, 2) / Decimal::from(18)),
                18..=26 => ("效益", Decimal::new(3000, 2) / Decimal::from(9)),
                _ => ("满意度", Decimal::new(1000, 2) / Decimal::from(3)),
            };
            let operator = [
                TargetOperator::AtLeast,
                TargetOperator::AtMost,
                TargetOperator::Qualitative,
            ][k % 3];
            TargetRow {
                level1: level1.into(),
                level2: "数量".into(),
                name: format!("指标{k}"),
                operator,
                target: "100".into(),
                unit: "个".into(),
                actual: format!("{}", 90 + (i + k) % 20),
                weight: Some(weight.round_dp(2)),
                grade: Some(QualitativeGrade::Partial),
                qualitative_score: Some(Decimal::from(70)),
                deviation_reason: if k % 4 == 0 {
                    String::new()
                } else {
                    "原因".into()
                },
            }
        })
        .collect();
    let money = |v: i64| Some(Decimal::new(v, 2));
    Project {
        name: format!("项目{i}"),
        funds: project::Funds {
            total: project::FundsRow {
                initial: money(10_000),
                adjusted: money(12_000),
                spent: money(11_040 + i as i64),
            },
            fiscal: project::FundsRow {
                initial: money(10_000),
                adjusted: money(12_000),
                spent: money(11_040 + i as i64),
            },
            ..project::Funds::default()
        },
        rows,
        ..Project::default()
    }
}

/// Runs `work` 7 times and prints the median, best and worst wall time.
fn measure(what: &str, mut work: impl FnMut()) {
    let mut runs: Vec<_> = (0..7)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    runs.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!(
        "{what}: median {:.1} ms, best {:.1} ms, worst {:.1} ms (7 runs)",
        ms(runs[runs.len() / 2]),
        ms(runs[0]),
        ms(runs[runs.len() - 1])
    );
}
