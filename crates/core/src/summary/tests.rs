use super::*;
use crate::samples::varied;
use rust_decimal_macros::dec;

/// Unit 5's framework gives 资产管理规范性 2 points and 固定资产利用率 4 (instead of 3 and 3).
const WEIGHTS_CHANGED: usize = 5;
/// Unit 17's framework scores 预算执行率 against 90% instead of 100%.
const RULE_CHANGED: usize = 17;
/// Unit 9's framework is only renamed: it scores alike and is not flagged.
const RENAMED_ONLY: usize = 9;
/// Unit 11 has no 实际采购金额: its 政府采购执行率 is not scored, so it has no grade.
const NO_PROCUREMENT: usize = 11;

fn set_weight(framework: &mut Framework, id: &str, weight: Decimal) {
    for ind in framework.indicators_mut() {
        if ind.id == id {
            ind.weight = weight;
        }
    }
}

/// 30 units from the example with varied figures (see `samples::varied`), two with a framework that scores
/// differently and one with a renamed one.
fn batch() -> Vec<Unit> {
    (0..30)
        .map(|i| {
            let mut document = varied(i);
            match i {
                WEIGHTS_CHANGED => {
                    set_weight(&mut document.framework, "asset-compliance", dec!(2));
                    set_weight(&mut document.framework, "asset-utilization", dec!(4));
                    document.framework.name = "某市改编框架".to_string();
                }
                RULE_CHANGED => {
                    for ind in document.framework.indicators_mut() {
                        if let Rule::Proportional { target, .. } = &mut ind.rule {
                            if ind.id == "execution-rate" {
                                *target = dec!(90);
                            }
                        }
                    }
                }
                RENAMED_ONLY => {
                    document.framework.name = "示例框架（副本）".to_string();
                    document.framework.id = "copy".to_string();
                    document.framework.status = "已核对".to_string();
                }
                NO_PROCUREMENT => document.finance.procurement_actual = None,
                _ => {}
            }
            assert!(document.framework.validate().is_empty(), "unit {i}");
            Unit {
                source: format!("unit-{i:02}.json"),
                document,
            }
        })
        .collect()
}

#[test]
fn exactly_the_two_units_scored_differently_are_flagged_with_what_differs() {
    let summary = summarize(&batch());
    assert_eq!(summary.rows.len(), 30);
    assert_eq!(summary.majority_count, 28);
    assert_eq!(
        summary.majority_framework.as_ref().map(|f| f.id.as_str()),
        Some("example-all-rules")
    );
    let flagged: Vec<usize> = summary
        .rows
        .iter()
        .filter(|r| !r.comparable())
        .map(|r| r.index)
        .collect();
    assert_eq!(flagged, [WEIGHTS_CHANGED, RULE_CHANGED]);
    assert_eq!(
        summary.rows[WEIGHTS_CHANGED].framework_differs,
        [
            "三级指标“资产管理规范性”分值 3 → 2 分",
            "三级指标“固定资产利用率”分值 3 → 4 分"
        ]
    );
    let rule = &summary.rows[RULE_CHANGED].framework_differs;
    assert_eq!(rule.len(), 1, "{rule:?}");
    assert!(
        rule[0].starts_with("三级指标“预算执行率”评分规则改变："),
        "{}",
        rule[0]
    );
    assert!(summary.rows[RENAMED_ONLY].comparable());
    assert_eq!(
        summary.rows[RENAMED_ONLY].framework_name,
        "示例框架（副本）"
    );
    let framework = SortKey::Framework;
    assert!(summary
        .shortfall(&summary.rows[RULE_CHANGED], &framework)
        .is_some());
    assert!(summary.shortfall(&summary.rows[0], &framework).is_none());
}

#[test]
fn many_differences_are_cut_to_a_few_lines() {
    let mut units = batch();
    let other = crate::framework::built_in("project-2020-10").unwrap();
    units[0].document.framework = other;
    let summary = summarize(&units);
    let lines = &summary.rows[0].framework_differs;
    assert_eq!(lines.len(), MAX_DIFF_LINES, "{lines:?}");
    assert!(lines[MAX_DIFF_LINES - 1].starts_with("等 "), "{lines:?}");
    assert!(lines[MAX_DIFF_LINES - 1].ends_with(" 处不同"), "{lines:?}");
}

#[test]
fn a_row_holds_the_units_figures_as_printed() {
    let summary = summarize(&batch());
    let row = &summary.rows[1];
    assert_eq!(row.source, "unit-01.json");
    assert_eq!(row.unit_name, "示例第2中心（数据为虚构）");
    assert_eq!(row.year, Some(2024));
    // 预算执行率 67% → 8 × 67% = 5.36 (the example's 7.6 less 2.24); 采购 81% → 4.05 (4.75 less 0.7).
    assert_eq!(row.total, Some(dec!(90.25) - dec!(2.24) - dec!(0.7)));
    assert_eq!(row.grade.as_deref(), Some("良好"));
    assert_eq!(row.indicator_scores["execution-rate"], Some(dec!(5.36)));
    assert_eq!(row.rates["execution-rate"], dec!(67.00));
    assert_eq!(row.rates["procurement-rate"], dec!(81.00));
    assert_eq!((row.scored, row.indicators), (15, 15));
    assert_eq!(row.errors, 0);
    let level1: Vec<&str> = row.level1.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(level1, ["履职效能", "管理效率"]);
    assert_eq!(row.level2[2].0, "管理效率/预算执行");
    let carryover = row.indicator_scores["carryover"].unwrap();
    assert_eq!(row.level2[2].1, Some(dec!(5.36) + carryover));
    // The printed table adds up: the 一级 scores sum to the total.
    assert_eq!(
        row.level1.iter().filter_map(|(_, s)| *s).sum::<Decimal>(),
        row.total.unwrap()
    );
    // Unit 4 overrides 绩效评价及结果应用.
    let overrides = &summary.rows[4].overrides;
    assert_eq!(overrides.len(), 1);
    assert_eq!(overrides[0].id, "evaluation-use");
    assert_eq!(overrides[0].score, dec!(2));
    assert_eq!(overrides[0].reason, "佐证材料不全，酌情扣分");
    // Unit 11 is not complete: its total is printed, its grade is withheld with the one wording.
    let row = &summary.rows[NO_PROCUREMENT];
    assert_eq!(row.grade, None);
    assert_eq!(row.scored, 14);
    assert_eq!(row.indicator_scores["procurement-rate"], None);
    assert!(row.grade_text.contains("尚有1项指标未能评分"));
    // Columns: the fixed ones, 2 一级, 8 二级, 4 counts, 3 of the projects, 15 三级.
    assert_eq!(summary.columns.len(), 6 + 2 + 8 + 4 + 3 + 15);
    assert_eq!(summary.columns[4].label, "总分");
    assert_eq!(summary.columns[4].weight, Some(dec!(100)));
    assert_eq!(
        summary.columns.last().unwrap().key,
        SortKey::Indicator("public-funds".to_string())
    );
}

#[test]
fn sorting_by_total_both_ways_is_stable_with_missing_last() {
    let summary = summarize(&batch());
    for descending in [false, true] {
        let order = summary.sorted_indices(&SortKey::Total, descending);
        assert_eq!(order.len(), 30);
        let totals: Vec<Decimal> = order
            .iter()
            .map(|i| summary.rows[*i].total.unwrap())
            .collect();
        for (pair, at) in totals.windows(2).zip(order.windows(2)) {
            if descending {
                assert!(pair[0] >= pair[1], "{totals:?}");
            } else {
                assert!(pair[0] <= pair[1], "{totals:?}");
            }
            if pair[0] == pair[1] {
                assert!(at[0] < at[1], "ties keep the batch's order");
            }
        }
    }
    let highest = summary.sorted_indices(&SortKey::Total, true)[0];
    // Unit 28: 预算执行率 92% (60 + 7·28 mod 41) → 7.36 and 采购 99% (70 + 11·28 mod 31) → 4.95.
    assert_eq!(highest, 28);
    assert_eq!(
        summary.rows[28].total,
        Some(dec!(90.25) - dec!(7.6) - dec!(4.75) + dec!(7.36) + dec!(4.95))
    );
    // A missing cell is last in both directions.
    let key = SortKey::Indicator("procurement-rate".to_string());
    for descending in [false, true] {
        let order = summary.sorted_indices(&key, descending);
        assert_eq!(order.last(), Some(&NO_PROCUREMENT));
    }
    // Grades by rank: 优秀 before 良好 descending, the ungraded last.
    let order = summary.sorted_indices(&SortKey::Grade, true);
    let grades: Vec<Option<&str>> = order
        .iter()
        .map(|i| summary.rows[*i].grade.as_deref())
        .collect();
    let first_good = grades.iter().position(|g| *g == Some("良好")).unwrap();
    assert!(grades[..first_good].iter().all(|g| *g == Some("优秀")));
    assert_eq!(grades.last(), Some(&None));
    let order = summary.sorted_indices(&SortKey::Grade, false);
    assert_eq!(summary.rows[order[0]].grade.as_deref(), Some("良好"));
    assert_eq!(order.last(), Some(&NO_PROCUREMENT));
    // Texts by their characters.
    let order = summary.sorted_indices(&SortKey::Source, true);
    assert_eq!(order[0], 29);
}

#[test]
fn filtering_by_grade_and_errors() {
    let summary = summarize(&batch());
    let counts = summary.grade_counts();
    let labels: Vec<&str> = counts.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["优秀", "良好", "中", "差", UNGRADED]);
    assert_eq!(counts.iter().map(|(_, n)| n).sum::<usize>(), 30);
    for (label, n) in &counts {
        let filter = Filter {
            grade: Some(label.clone()),
            has_errors: false,
        };
        let kept = summary.filtered(&filter);
        assert_eq!(kept.len(), *n, "{label}");
        assert!(kept
            .iter()
            .all(|i| summary.rows[*i].grade.as_deref().unwrap_or(UNGRADED) == label));
    }
    assert_eq!(counts[4].1, 1, "unit 11 only");
    assert!(counts[0].1 > 0 && counts[1].1 > 0, "{counts:?}");

    // Every 7th unit (3, 10, 17, 24) left its 功能科目 unchanged: the sum check fails.
    let errors = Filter {
        grade: None,
        has_errors: true,
    };
    assert_eq!(summary.filtered(&errors), [3, 10, 17, 24]);
    let both = Filter {
        grade: Some("优秀".to_string()),
        has_errors: true,
    };
    assert!(summary
        .filtered(&both)
        .iter()
        .all(|i| [3, 10, 17, 24].contains(i)));
    assert_eq!(summary.filtered(&Filter::default()).len(), 30);
}

#[test]
fn the_indicator_across_units_by_hand() {
    let summary = summarize(&batch());
    let across = summary.indicator("procurement-rate").unwrap();
    assert_eq!(
        (across.weight, across.name.as_str()),
        (dec!(5), "政府采购执行率")
    );
    assert_eq!(across.units.len(), 30);
    // Scores q / 20 for q = 70 + (11 i mod 31), unit 11 not scored: 29 counted, summing to 122.35.
    assert_eq!(across.count, 29);
    assert_eq!(across.sum, Some(dec!(122.35)));
    assert_eq!(across.average_text, "4.22");
    assert_eq!(across.average_equation, "平均 = 122.35 ÷ 29 = 4.22");
    assert_eq!((across.min, across.max), (Some(dec!(3.5)), Some(dec!(5))));
    let buckets: Vec<(&str, usize)> = across
        .buckets
        .iter()
        .map(|b| (b.label.as_str(), b.count))
        .collect();
    assert_eq!(
        buckets,
        [
            ("[0, 1)", 0),
            ("[1, 2)", 0),
            ("[2, 3)", 0),
            ("[3, 4)", 10),
            ("[4, 5]", 19)
        ]
    );
    let unit = &across.units[1];
    assert_eq!(unit.score, Some(dec!(4.05)));
    assert_eq!(unit.rate_text.as_deref(), Some("81.00%"));
    assert_eq!(unit.weight, Some(dec!(5)));
    assert_eq!(
        unit.explanation[0],
        "政府采购执行率：243 ÷ 300 = 81.00%；5 × 81.00% = 4.05"
    );
    assert!(unit.counted);
    let missing = &across.units[NO_PROCUREMENT];
    assert_eq!((missing.score, missing.counted), (None, false));
    assert_eq!(missing.score_text, "—");
    assert!(missing.reason.starts_with("缺少："), "{}", missing.reason);

    // 预算执行率: unit 17 scores it by another rule and is not counted.
    let across = summary.indicator("execution-rate").unwrap();
    assert_eq!(across.count, 29);
    assert!(!across.units[RULE_CHANGED].counted);
    assert!(across.units[RULE_CHANGED].score.is_some());
    assert!(summary.indicator("no-such-indicator").is_none());
}

#[test]
fn shortfalls_an_officer_would_mark() {
    let summary = summarize(&batch());
    let row = &summary.rows[0];
    // Unit 0: 预算执行率 60% → 4.8 of 8, at the 60% line (4.8): not short.
    let execution = SortKey::Indicator("execution-rate".to_string());
    assert_eq!(row.indicator_scores["execution-rate"], Some(dec!(4.8)));
    assert_eq!(summary.shortfall(row, &execution), None);
    // Unit 4's override gives 绩效评价及结果应用 2 of 4: not below 2.4? It is: 2 < 2.4.
    let evaluation_use = SortKey::Indicator("evaluation-use".to_string());
    assert_eq!(
        summary
            .shortfall(&summary.rows[4], &evaluation_use)
            .as_deref(),
        Some("低于分值的 60%（2.4 分）")
    );
    // A total below 良好's line is short; 良好 and above are not; no grade is short with its reason.
    let total = SortKey::Total;
    for row in &summary.rows {
        let short = summary.shortfall(row, &total);
        match row.grade.as_deref() {
            Some("优秀") | Some("良好") => assert_eq!(short, None),
            Some(_) => assert_eq!(short.as_deref(), Some("低于“良好”（80 分）")),
            None => assert_eq!(short.as_deref(), Some(row.grade_text.as_str())),
        }
    }
    let before = summary.rows[0].total.unwrap();
    let duty_output = summary.rows[0].indicator_scores["duty-output"].unwrap();
    let mut poor = batch();
    poor[0].document.overrides.insert(
        "duty-output".to_string(),
        crate::document::Override {
            score: dec!(5),
            reason: "未完成".to_string(),
        },
    );
    let summary = summarize(&poor);
    assert_eq!(
        before,
        dec!(86.2),
        "90.25 less 2.8 (执行率 60%) less 1.25 (采购 70%)"
    );
    assert_eq!(summary.rows[0].total, Some(before - duty_output + dec!(5)));
    assert_eq!(summary.rows[0].grade.as_deref(), Some("中"));
    assert_eq!(
        summary.shortfall(&summary.rows[0], &total).as_deref(),
        Some("低于“良好”（80 分）")
    );
    assert_eq!(
        summary
            .shortfall(&summary.rows[0], &SortKey::Level1(0))
            .as_deref(),
        Some("低于分值的 60%（30 分）")
    );
    assert_eq!(
        summary.shortfall(&summary.rows[3], &SortKey::Errors),
        Some("校验发现 1 处错误".to_string())
    );
    assert_eq!(summary.shortfall(&summary.rows[1], &SortKey::Errors), None);
    assert_eq!(
        summary.shortfall(
            &summary.rows[NO_PROCUREMENT],
            &SortKey::Indicator("procurement-rate".to_string())
        ),
        Some("未评分".to_string())
    );
}

#[test]
fn cells_print_as_the_score_table() {
    let summary = summarize(&batch());
    let row = &summary.rows[1];
    assert_eq!(summary.cell(row, &SortKey::Total).text(), "87.31");
    assert_eq!(summary.cell(row, &SortKey::Year), Cell::Count(2024));
    assert_eq!(summary.cell(row, &SortKey::Grade).text(), "良好");
    assert_eq!(
        summary
            .cell(&summary.rows[NO_PROCUREMENT], &SortKey::Grade)
            .text(),
        "—"
    );
    assert_eq!(summary.cell(row, &SortKey::Level2(99)), Cell::Missing);
}

#[test]
fn an_empty_batch_and_a_batch_of_one() {
    let summary = summarize(&[]);
    assert!(summary.rows.is_empty() && summary.columns.is_empty());
    assert_eq!(summary.majority_framework, None);
    assert_eq!(summary.grade_counts(), [(UNGRADED.to_string(), 0)]);
    assert!(summary.sorted_indices(&SortKey::Total, true).is_empty());
    let one = summarize(&[Unit {
        source: "链接 1".to_string(),
        document: crate::samples::seed(),
    }]);
    assert_eq!(one.majority_count, 1);
    assert!(one.rows[0].comparable());
    assert_eq!(one.rows[0].total, Some(dec!(4.66)));
    assert!(one.rows[0].errors > 0, "39 ≠ 40");
}

#[test]
fn a_tie_between_frameworks_goes_to_the_first_units() {
    let mut units = batch();
    units.truncate(2);
    units[1].document.framework = crate::framework::built_in("guangdong-2024-reference").unwrap();
    let summary = summarize(&units);
    assert_eq!(summary.majority_count, 1);
    assert!(summary.rows[0].comparable());
    assert!(!summary.rows[1].comparable());
}

#[test]
fn the_scoring_signature_ignores_wording_order_and_trailing_zeros_but_not_weights() {
    let base = crate::samples::example().framework;
    let mut same = base.clone();
    same.name = "改了名称".to_string();
    same.level1[1].level2[0].indicators[0].name = "改了三级名称".to_string();
    same.level1[1].level2[0].indicators[0].weight = rust_decimal::Decimal::new(400, 2);
    same.level1[1].level2.swap(0, 1);
    assert_eq!(
        super::scoring_signature(&base),
        super::scoring_signature(&same)
    );
    let mut other = base.clone();
    other.level1[1].level2[0].indicators[0].weight = rust_decimal::Decimal::from(5);
    assert_ne!(
        super::scoring_signature(&base),
        super::scoring_signature(&other)
    );
}

#[test]
fn the_view_is_the_filtered_rows_in_the_sorted_order() {
    let summary = summarize(&batch());
    let errors = Filter {
        grade: None,
        has_errors: true,
    };
    // Units 3, 10, 17 and 24 have errors; by source name (unit-03.json … unit-24.json), from the last down.
    let view = summary.view(&SortKey::Source, true, &errors);
    assert_eq!(view, [24, 17, 10, 3]);
    assert_eq!(
        summary.view(&SortKey::Source, false, &errors),
        [3, 10, 17, 24]
    );
    let all = summary.view(&SortKey::Total, true, &Filter::default());
    assert_eq!(all, summary.sorted_indices(&SortKey::Total, true));
    assert_eq!(all[0], 28, "the highest total first");
    let nothing = Filter {
        grade: Some("不存在的等次".to_string()),
        has_errors: false,
    };
    assert!(summary.view(&SortKey::Total, true, &nothing).is_empty());
}

#[test]
fn each_unit_shows_its_projects_their_coverage_of_project_spending_and_those_under_good() {
    let mut example = crate::samples::example();
    example.projects[1].rows[0].actual = "1".into();
    let units = vec![
        Unit {
            source: "示例.json".into(),
            document: example.clone(),
        },
        Unit {
            source: "种子.json".into(),
            document: crate::samples::seed(),
        },
    ];
    let summary = summarize(&units);
    let labels: Vec<&str> = summary.columns.iter().map(|c| c.label.as_str()).collect();
    for label in ["项目数", "项目覆盖率", "良以下项目"] {
        assert!(labels.contains(&label), "{label} in {labels:?}");
    }
    let (with, without) = (&summary.rows[0], &summary.rows[1]);
    assert_eq!(summary.cell(with, &SortKey::Projects), Cell::Count(3));
    assert_eq!(summary.cell(without, &SortKey::Projects), Cell::Count(0));
    // No project self-evaluated covers none of the seed's 项目支出 3292.91: a shortfall a 主管部门 must see.
    assert_eq!(
        summary.cell(without, &SortKey::ProjectCoverage),
        Cell::Percent(dec!(0))
    );
    assert_eq!(
        summary
            .shortfall(without, &SortKey::ProjectCoverage)
            .as_deref(),
        Some("项目自评覆盖项目支出的 0.00%，未全覆盖")
    );
    // Projects that spent more than the unit's 项目支出: one of the figures is wrong.
    let mut over = example.clone();
    over.finance.spending_project = Some(dec!(400));
    let over = summarize(&[Unit {
        source: "超出.json".into(),
        document: over,
    }]);
    assert_eq!(
        over.shortfall(&over.rows[0], &SortKey::ProjectCoverage)
            .as_deref(),
        Some("各项目全年执行数合计为项目支出的 146.88%，超过项目支出，请核对")
    );
    // 587.5 ÷ the example's 项目支出, at 0.01%.
    let unit = example.finance.spending_project.unwrap();
    let expected = crate::number::round_half_up(dec!(587.5) * dec!(100) / unit, 2);
    assert_eq!(
        summary.cell(with, &SortKey::ProjectCoverage),
        Cell::Percent(expected)
    );
    assert_eq!(
        summary.cell(with, &SortKey::ProjectsBelowGood),
        Cell::Count(1)
    );
    let below = summary
        .shortfall(with, &SortKey::ProjectsBelowGood)
        .unwrap();
    assert!(
        below.starts_with("良以下：监测设备更新（虚构）（"),
        "{below}"
    );
    assert_eq!(with.project_list.len(), 3);
    assert_eq!(with.project_list[0].name, "监测网络运行维护（虚构）");
    assert!(without.project_list.is_empty());
}
