//! The largest document the gate lets in: every cap that costs work filled (300 indicators of every rule type, 20
//! of them reading all 500 target rows, 50 bands, items or options per rule, 1,000 checklist answers, an override
//! on every indicator) and long texts up to the document's byte cap (as stored: compact JSON). Shared by the worst-case benchmark, the
//! hostile-input tests and the fuzz harness (`#[path]`-included, so it never ships in the app).

use rust_decimal::Decimal;
use zipin_core::document::{
    FunctionLine, GoalGroup, KeyTask, Override, Problem, TargetOperator, TargetRow,
};
use zipin_core::framework::{
    Band, Bound, ChecklistItem, ChoiceOption, Framework, Grade, Indicator, Level1, Level2, Rule,
    Side, Step, ZeroDenominator, FRAMEWORK_FORMAT,
};
use zipin_core::gate::caps;
use zipin_core::metrics::Metric;
use zipin_core::Document;

fn cents(n: i64) -> Decimal {
    Decimal::new(n, 2)
}

/// One indicator's rule, cycling through every rule type; `weight` in cents.
fn rule(n: usize, weight: i64) -> Rule {
    let metric = Metric::ALL[n % Metric::ALL.len()];
    match n % 8 {
        0 => Rule::Proportional {
            metric,
            target: Decimal::ONE_HUNDRED,
            reverse: n % 16 == 0,
            zero_denominator: ZeroDenominator::default(),
        },
        1 => Rule::ThresholdDeduct {
            metric,
            standard: Decimal::ONE_HUNDRED,
            deduct_when: if n % 2 == 0 { Side::Above } else { Side::Below },
            per_point: cents(5),
            step: Step::Continuous,
            zero_denominator: ZeroDenominator::default(),
        },
        2 => Rule::Bands {
            metric,
            // 50 bands of 2 percentage points from 0% up, the last one open.
            bands: (0..caps::RULE_ENTRIES)
                .map(|i| Band {
                    lower: (i > 0).then(|| Bound {
                        value: Decimal::from(i * 2),
                        inclusive: true,
                    }),
                    upper: (i + 1 < caps::RULE_ENTRIES).then(|| Bound {
                        value: Decimal::from((i + 1) * 2),
                        inclusive: false,
                    }),
                    score: cents(weight * i as i64 / caps::RULE_ENTRIES as i64),
                })
                .collect(),
            zero_denominator: ZeroDenominator::default(),
        },
        3 => Rule::Checklist {
            items: (0..caps::RULE_ENTRIES)
                .map(|i| ChecklistItem {
                    id: format!("c{i}"),
                    text: format!("检查项{i}：制度健全、合法合规、有效执行"),
                    points: cents(i64::from((i as i64) < weight)),
                })
                .collect(),
        },
        4 => Rule::DeductPerCase {
            per_case: cents(1),
            case_label: "账实不符、未按规定处置或出租出借等".to_string(),
        },
        5 => Rule::Choice {
            options: (0..caps::RULE_ENTRIES)
                .map(|i| ChoiceOption {
                    id: format!("o{i}"),
                    text: format!("情形{i}"),
                    score: cents(weight * i as i64 / caps::RULE_ENTRIES as i64),
                })
                .collect(),
        },
        6 => Rule::Manual,
        _ => Rule::Proportional {
            metric,
            target: cents(9_550),
            reverse: false,
            zero_denominator: ZeroDenominator::default(),
        },
    }
}

fn framework() -> Framework {
    let level2_per_level1 = caps::LEVEL2 / caps::LEVEL1;
    let per_level2 = caps::INDICATORS / caps::LEVEL2;
    let mut n = 0;
    let level1 = (0..caps::LEVEL1)
        .map(|a| Level1 {
            name: format!("一级指标{a}"),
            weight: cents(10_000 / caps::LEVEL1 as i64),
            level2: (0..level2_per_level1)
                .map(|b| {
                    // 5 一级 points over 5 二级 of 1 point, each split 0.34 + 0.33 + 0.33.
                    let indicators = (0..per_level2)
                        .map(|c| {
                            let weight = if c == 0 { 34 } else { 33 };
                            let rule = if n < caps::TARGET_INDICATORS {
                                Rule::Targets {
                                    level1: Vec::new(),
                                    over_achievement_flag: Decimal::from(150),
                                }
                            } else {
                                rule(n, weight)
                            };
                            n += 1;
                            Indicator {
                                id: format!("i{n}"),
                                name: format!("三级指标{n}"),
                                weight: cents(weight),
                                definition: "指标解释".repeat(20),
                                standard: "评分标准".repeat(20),
                                rule,
                            }
                        })
                        .collect();
                    Level2 {
                        name: format!("二级指标{a}-{b}"),
                        weight: Decimal::ONE,
                        indicators,
                    }
                })
                .collect(),
        })
        .collect();
    Framework {
        format: FRAMEWORK_FORMAT.to_string(),
        id: "largest".to_string(),
        name: "上限测试框架".to_string(),
        reference: String::new(),
        status: "测试".to_string(),
        source: String::new(),
        dimensions: vec!["整体履职效能".to_string(), "管理效率".to_string()],
        grades: vec![
            Grade {
                label: "优秀".to_string(),
                min: Decimal::from(90),
            },
            Grade {
                label: "差".to_string(),
                min: Decimal::ZERO,
            },
        ],
        level1,
    }
}

pub fn largest() -> Document {
    let mut doc = Document::blank(framework());
    doc.unit.name = "上限测试单位".to_string();
    doc.unit.year = Some(2024);
    let f = &mut doc.finance;
    f.budget_initial = Some(cents(123_456_789));
    f.budget_final = Some(cents(133_456_789));
    f.spending_total = Some(cents(129_876_543));
    f.spending_basic = Some(cents(50_000_000));
    f.spending_project = Some(cents(79_876_542));
    f.carryover_previous = Some(cents(1_000_000));
    f.carryover_end = Some(cents(3_580_246));
    f.procurement_plan = Some(cents(20_586_500));
    f.procurement_actual = Some(cents(19_200_300));
    f.three_public.budget = Some(cents(10_000));
    f.three_public.actual = Some(cents(10_700));
    f.three_public.previous = Some(cents(9_000));
    f.public_funds_budget = Some(cents(500_000));
    f.public_funds_actual = Some(cents(480_000));
    f.fixed_assets_total = Some(cents(900_000));
    f.fixed_assets_in_use = Some(cents(850_000));
    f.by_function = (0..caps::LIST_ITEMS)
        .map(|i| FunctionLine {
            name: format!("功能科目{i}"),
            amount: Some(cents(1_000 + i as i64)),
        })
        .collect();
    doc.staff.authorized = Some(60);
    doc.staff.in_establishment = Some(53);
    doc.staff.on_post = Some(53);
    doc.departments = (0..caps::LIST_ITEMS)
        .map(|i| format!("内设机构{i}"))
        .collect();
    doc.key_tasks = (0..caps::LIST_ITEMS)
        .map(|i| KeyTask {
            division: format!("处室{i}"),
            content: "承担的工作任务内容".repeat(10),
            counterpart: format!("内设机构{i}"),
        })
        .collect();
    doc.problems.items = (0..caps::LIST_ITEMS)
        .map(|i| Problem {
            title: format!("问题{i}"),
            text: "改进措施".repeat(10),
        })
        .collect();
    // Every row unmet, every cell at its cap: the costliest path (two long figures and the unit printed in each of
    // the lines of the indicators that read the row).
    let unit = "单".repeat(caps::UNIT_CHARS);
    let cell = |prefix: &str, i: usize| {
        let text = format!("{prefix}{i}");
        let pad = caps::CELL_CHARS - text.chars().count();
        format!("{text}{}", "项".repeat(pad))
    };
    doc.targets = (0..caps::TARGET_ROWS)
        .map(|i| TargetRow {
            level1: cell(["产出", "效益", "满意度"][i % 3], i),
            level2: cell("数量", i),
            name: cell("绩效目标", i),
            operator: TargetOperator::AtLeast,
            target: format!("999,999,999,999.999999{unit}"),
            unit: unit.clone(),
            actual: format!("123,456,789,{:03}.345678{unit}", i % 1000),
            weight: None,
            deviation_reason: "偏差原因".repeat(5),
            ..TargetRow::default()
        })
        .collect();
    let indicators: Vec<Indicator> = doc
        .framework
        .indicators()
        .map(|(_, _, ind)| ind.clone())
        .collect();
    let mut answers = 0;
    for ind in &indicators {
        match &ind.rule {
            Rule::Checklist { items } if answers + items.len() <= caps::MAP_ENTRIES => {
                answers += items.len();
                let chosen = items.iter().map(|item| (item.id.clone(), true)).collect();
                doc.management.checklists.insert(ind.id.clone(), chosen);
            }
            Rule::DeductPerCase { .. } => {
                doc.management.cases.insert(ind.id.clone(), 7);
            }
            Rule::Choice { options } => {
                if let Some(option) = options.last() {
                    doc.management
                        .choices
                        .insert(ind.id.clone(), option.id.clone());
                }
            }
            Rule::Manual => {
                doc.management.manual.insert(ind.id.clone(), cents(20));
            }
            _ => {}
        }
        doc.overrides.insert(
            ind.id.clone(),
            Override {
                score: cents(10),
                reason: "调整理由".repeat(10),
            },
        );
    }
    // Long texts until the document nears its byte cap.
    let long = "部门整体支出绩效自评".repeat(caps::TEXT_CHARS / 10);
    let budget = caps::DOCUMENT_BYTES - 64 * 1024;
    let stored = |doc: &Document| serde_json::to_string(doc).map_or(usize::MAX, |json| json.len());
    while stored(&doc) + long.len() < budget && doc.goals.groups.len() < caps::LIST_ITEMS {
        doc.goals.groups.push(GoalGroup {
            title: format!("第{}组目标", doc.goals.groups.len() + 1),
            items: vec![long.clone()],
        });
    }
    doc
}
