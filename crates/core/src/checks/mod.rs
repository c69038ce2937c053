//! Consistency checks (校验): totals against their parts, figures against each other, targets and overrides.
//!
//! Each check names the fields it involves so the app can take the officer there. None blocks saving.

use rust_decimal::Decimal;
use serde::Serialize;

pub mod projects;

pub use projects::ScoredProjects;

use crate::document::Document;
use crate::fields::{Field, FieldRef, Part, TargetColumn};
use crate::number::{checked_sum, fmt_plain, fmt_score};
use crate::scoring::targets::{assess, selected_rows, Assessment};
use crate::scoring::{usable_override, Evaluation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The figures contradict each other.
    Error,
    /// Worth a look; may be legitimate.
    Warning,
}

impl Severity {
    /// The word a check is marked with: 矛盾 or 提示.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "矛盾",
            Severity::Warning => "提示",
        }
    }
}

/// How many of `checks` are contradictions (the figures cannot all be right).
pub fn error_count(checks: &[Check]) -> usize {
    checks
        .iter()
        .filter(|c| c.severity == Severity::Error)
        .count()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// Stable id of the kind of check, e.g. `titles-sum`.
    pub id: &'static str,
    pub severity: Severity,
    pub title: String,
    pub message: String,
    pub fields: Vec<FieldRef>,
}

/// Every problem found in `doc`; `evaluation` is its score (for weights, targets and overrides).
pub fn run_checks(doc: &Document, evaluation: &Evaluation) -> Vec<Check> {
    run_checks_scored(doc, evaluation, &ScoredProjects::of(doc))
}

/// The checks of `doc`, its projects already scored and checked in `projects` (the page keeps them from one
/// keystroke to the next).
pub fn run_checks_scored(
    doc: &Document,
    evaluation: &Evaluation,
    projects: &ScoredProjects,
) -> Vec<Check> {
    let mut out = Vec::new();
    totals(doc, &mut out);
    staff(doc, &mut out);
    spending_limits(doc, &mut out);
    targets(doc, &mut out);
    overrides(doc, evaluation, &mut out);
    framework(doc, &mut out);
    projects::document_projects(doc, projects, &mut out);
    out.sort_by_key(|c| c.severity);
    out
}

pub(crate) fn check(
    id: &'static str,
    severity: Severity,
    title: &str,
    message: String,
    fields: Vec<FieldRef>,
) -> Check {
    Check {
        id,
        severity,
        title: title.to_string(),
        message,
        fields,
    }
}

/// `total` must equal the sum of `parts` when all are entered.
fn sum_check(
    doc: &Document,
    out: &mut Vec<Check>,
    id: &'static str,
    title: &str,
    total: Field,
    parts: &[Field],
) {
    let unit = total.unit();
    let Some(total_value) = doc.number(total) else {
        return;
    };
    let Some(values) = parts
        .iter()
        .map(|part| doc.number(*part))
        .collect::<Option<Vec<Decimal>>>()
    else {
        return;
    };
    let Some(sum) = checked_sum(values.iter().copied()) else {
        return;
    };
    if sum != total_value {
        let terms: Vec<String> = parts
            .iter()
            .zip(&values)
            .map(|(f, v)| format!("{} {}", f.label(), fmt_plain(*v)))
            .collect();
        let message = format!(
            "{} {}{unit}，但 {} = {}{unit}，相差 {}{unit}",
            total.label(),
            fmt_plain(total_value),
            terms.join(" + "),
            fmt_plain(sum),
            fmt_plain(total_value.checked_sub(sum).unwrap_or_default().abs())
        );
        let mut fields = vec![total.into()];
        fields.extend(parts.iter().map(|f| FieldRef::from(*f)));
        out.push(check(id, Severity::Error, title, message, fields));
    }
}

fn totals(doc: &Document, out: &mut Vec<Check>) {
    let f = &doc.finance;
    sum_check(
        doc,
        out,
        "spending-parts",
        "整体支出与基本支出、项目支出之和不符",
        Field::SpendingTotal,
        &[Field::SpendingBasic, Field::SpendingProject],
    );
    if let Some(total) = f.spending_total {
        let amounts: Option<Vec<Decimal>> = f.by_function.iter().map(|l| l.amount).collect();
        if let Some(amounts) = amounts.filter(|a| !a.is_empty()) {
            let sum = checked_sum(amounts.iter().copied());
            if let Some(sum) = sum.filter(|sum| *sum != total) {
                let terms: Vec<String> = f
                    .by_function
                    .iter()
                    .zip(&amounts)
                    .map(|(l, a)| format!("{} {}", l.name, fmt_plain(*a)))
                    .collect();
                out.push(check(
                    "spending-functions",
                    Severity::Error,
                    "整体支出与按功能分类支出之和不符",
                    format!(
                        "全年执行数 {}万元，但按功能分类 {} = {}万元",
                        fmt_plain(total),
                        terms.join(" + "),
                        fmt_plain(sum)
                    ),
                    vec![Field::SpendingTotal.into(), Part::FunctionLines.into()],
                ));
            }
        }
    }
    sum_check(
        doc,
        out,
        "three-public-actual",
        "“三公”经费支出与三项之和不符",
        Field::ThreePublicActual,
        &[
            Field::AbroadActual,
            Field::VehiclesActual,
            Field::ReceptionActual,
        ],
    );
    sum_check(
        doc,
        out,
        "three-public-budget",
        "“三公”经费预算与三项之和不符",
        Field::ThreePublicBudget,
        &[
            Field::AbroadBudget,
            Field::VehiclesBudget,
            Field::ReceptionBudget,
        ],
    );
}

fn staff(doc: &Document, out: &mut Vec<Check>) {
    let s = &doc.staff;
    sum_check(
        doc,
        out,
        "titles-sum",
        "中级及以上职称人数与各级职称之和不符",
        Field::StaffTitledTotal,
        &[
            Field::StaffSeniorFull,
            Field::StaffSeniorDeputy,
            Field::StaffIntermediate,
        ],
    );
    sum_check(
        doc,
        out,
        "leaders-sum",
        "领导职数与正副职之和不符",
        Field::StaffLeadersTotal,
        &[Field::StaffLeadersChief, Field::StaffLeadersDeputy],
    );
    if let Some(on_post) = doc.number(Field::StaffOnPost) {
        for field in [
            Field::StaffBachelor,
            Field::StaffMasters,
            Field::StaffTitledTotal,
        ] {
            if let Some(v) = doc.number(field).filter(|v| *v > on_post) {
                out.push(check(
                    "staff-part-exceeds",
                    Severity::Error,
                    "分项人数超过在职在岗人数",
                    format!("{} {v} 人，超过在职在岗人数 {on_post} 人", field.label()),
                    vec![field.into(), Field::StaffOnPost.into()],
                ));
            }
        }
    }
    if let (Some(masters), Some(bachelor)) = (s.masters, s.bachelor_or_above) {
        if masters > bachelor {
            out.push(check(
                "masters-exceeds-bachelor",
                Severity::Warning,
                "硕士学位人数多于本科及以上学历人数",
                format!("硕士学位 {masters} 人，本科及以上学历 {bachelor} 人；获得硕士学位者通常也计入本科及以上学历"),
                vec![Field::StaffMasters.into(), Field::StaffBachelor.into()],
            ));
        }
    }
    if let (Some(inside), Some(authorized)) = (s.in_establishment, s.authorized) {
        if inside > authorized {
            out.push(check(
                "over-establishment",
                Severity::Warning,
                "编制内在职人数超过核定编制",
                format!("编制内在职 {inside} 人，核定编制 {authorized} 名"),
                vec![
                    Field::StaffInEstablishment.into(),
                    Field::StaffAuthorized.into(),
                ],
            ));
        }
    }
}

/// An actual figure above its budget or plan.
fn over_budget(
    doc: &Document,
    out: &mut Vec<Check>,
    id: &'static str,
    title: &str,
    actual: Field,
    budget: Field,
) {
    if let (Some(a), Some(b)) = (doc.number(actual), doc.number(budget)) {
        if a > b {
            out.push(check(
                id,
                Severity::Warning,
                title,
                format!(
                    "{} {}万元，高于{} {}万元",
                    actual.label(),
                    fmt_plain(a),
                    budget.label(),
                    fmt_plain(b)
                ),
                vec![actual.into(), budget.into()],
            ));
        }
    }
}

fn spending_limits(doc: &Document, out: &mut Vec<Check>) {
    let f = &doc.finance;
    over_budget(
        doc,
        out,
        "spending-over-budget",
        "执行数超过全年预算数",
        Field::SpendingTotal,
        Field::BudgetFinal,
    );
    over_budget(
        doc,
        out,
        "three-public-over-budget",
        "“三公”经费支出超过预算",
        Field::ThreePublicActual,
        Field::ThreePublicBudget,
    );
    over_budget(
        doc,
        out,
        "public-funds-over-budget",
        "公用经费支出超过预算",
        Field::PublicFundsActual,
        Field::PublicFundsBudget,
    );
    over_budget(
        doc,
        out,
        "procurement-over-plan",
        "实际采购金额超过采购计划",
        Field::ProcurementActual,
        Field::ProcurementPlan,
    );
    if let (Some(in_use), Some(total)) = (f.fixed_assets_in_use, f.fixed_assets_total) {
        if in_use > total {
            out.push(check(
                "assets-in-use-exceed",
                Severity::Error,
                "在用固定资产超过固定资产总额",
                format!(
                    "在用 {}万元，总额 {}万元",
                    fmt_plain(in_use),
                    fmt_plain(total)
                ),
                vec![
                    Field::FixedAssetsInUse.into(),
                    Field::FixedAssetsTotal.into(),
                ],
            ));
        }
    }
    if let (Some(end), Some(budget)) = (f.carryover_end, f.budget_final) {
        if end > budget {
            out.push(check(
                "carryover-exceeds-budget",
                Severity::Warning,
                "年末结转结余超过全年预算数",
                format!(
                    "年末结转结余 {}万元，全年预算数 {}万元",
                    fmt_plain(end),
                    fmt_plain(budget)
                ),
                vec![Field::CarryoverEnd.into(), Field::BudgetFinal.into()],
            ));
        }
    }
}

fn targets(doc: &Document, out: &mut Vec<Check>) {
    for (index, row) in doc.targets.iter().enumerate() {
        let label = if row.name.trim().is_empty() {
            format!("第{}行", index.saturating_add(1))
        } else {
            format!("“{}”", row.name.trim())
        };
        match assess(index, row) {
            Assessment::Missing { fields, line } => out.push(Check {
                id: "target-incomplete",
                severity: Severity::Warning,
                title: "绩效目标未填完整".to_string(),
                message: format!("绩效目标{label}：{line}"),
                fields,
            }),
            Assessment::Scored { met: false, .. } if row.deviation_reason.trim().is_empty() => out
                .push(Check {
                    id: "target-unmet-no-reason",
                    severity: Severity::Error,
                    title: "未完成的绩效目标缺少偏差原因".to_string(),
                    message: format!("绩效目标{label}未达成，请填写偏差原因"),
                    fields: vec![TargetColumn::DeviationReason.cell(index)],
                }),
            Assessment::Unscorable { fields, line } => out.push(Check {
                id: "target-unscorable",
                severity: Severity::Error,
                title: "绩效目标无法按所填内容计分".to_string(),
                message: format!("绩效目标{label}：{line}"),
                fields,
            }),
            Assessment::Scored { .. } => {}
        }
        if row.name.trim().is_empty() {
            out.push(Check {
                id: "target-unnamed",
                severity: Severity::Warning,
                title: "绩效目标缺少指标名称".to_string(),
                message: format!("绩效目标第{}行没有三级指标名称", index.saturating_add(1)),
                fields: vec![TargetColumn::Name.cell(index)],
            });
        }
    }
    // Weights given for the rows of a targets indicator must add up to its 分值.
    for (_, _, ind) in doc.framework.indicators() {
        let crate::framework::Rule::Targets { level1, .. } = &ind.rule else {
            continue;
        };
        let rows: Vec<_> = selected_rows(&doc.targets, level1).collect();
        if rows.is_empty() || rows.iter().all(|(_, r)| r.weight.is_none()) {
            continue;
        }
        let Some(given) = checked_sum(rows.iter().filter_map(|(_, r)| r.weight)) else {
            continue;
        };
        let all_given = rows.iter().all(|(_, r)| r.weight.is_some());
        if (all_given && given != ind.weight) || given > ind.weight {
            out.push(Check {
                id: "target-weights",
                severity: Severity::Error,
                title: "绩效目标权重之和与指标分值不符".to_string(),
                message: format!(
                    "“{}”{} 分，其绩效目标权重合计 {} 分",
                    ind.name,
                    fmt_score(ind.weight),
                    fmt_plain(given)
                ),
                fields: rows
                    .iter()
                    .map(|(i, _)| TargetColumn::Weight.cell(*i))
                    .collect(),
            });
        }
    }
}

fn overrides(doc: &Document, evaluation: &Evaluation, out: &mut Vec<Check>) {
    for (id, o) in &doc.overrides {
        let Some(ind) = doc.framework.indicator(id) else {
            out.push(Check {
                id: "override-unknown",
                severity: Severity::Warning,
                title: "人工调整对应的指标不存在".to_string(),
                message: format!("编号“{id}”的指标不在当前框架中，该调整不起作用"),
                fields: vec![Part::Overrides.into()],
            });
            continue;
        };
        let field = FieldRef::override_score(id, &ind.name);
        if o.reason.trim().is_empty() {
            out.push(Check {
                id: "override-no-reason",
                severity: Severity::Error,
                title: "人工调整得分缺少理由".to_string(),
                message: format!(
                    "“{}”调整为 {} 分但未说明理由，调整暂不生效",
                    ind.name,
                    fmt_score(o.score)
                ),
                fields: vec![field],
            });
        } else if !usable_override(o, ind.weight) {
            out.push(Check {
                id: "override-out-of-range",
                severity: Severity::Error,
                title: "人工调整得分超出范围".to_string(),
                message: format!(
                    "“{}”调整为 {} 分，应在 0–{} 分之间，调整暂不生效",
                    ind.name,
                    fmt_score(o.score),
                    fmt_score(ind.weight)
                ),
                fields: vec![field],
            });
        }
    }
    // One check per flag, naming the row it came from (linear: 500 flagged rows make 500 checks of one field each).
    for result in &evaluation.indicators {
        let flag_check = |message: &String, fields: Vec<FieldRef>| Check {
            id: "score-flag",
            severity: Severity::Warning,
            title: format!("请复核“{}”的得分", result.name),
            message: message.clone(),
            fields,
        };
        let mut row_flags = 0usize;
        for row in &result.target_rows {
            for flag in &row.flags {
                row_flags = row_flags.saturating_add(1);
                out.push(flag_check(flag, vec![TargetColumn::Actual.cell(row.index)]));
            }
        }
        // The indicator's own flags follow its rows' (see scoring::score_indicator).
        for flag in result.flags.iter().skip(row_flags) {
            let field = FieldRef::override_score(&result.id, &result.name);
            out.push(flag_check(flag, vec![field]));
        }
    }
}

fn framework(doc: &Document, out: &mut Vec<Check>) {
    for problem in doc.framework.validate() {
        out.push(Check {
            id: "framework-invalid",
            severity: Severity::Error,
            title: "评分框架有误".to_string(),
            message: problem.to_string(),
            fields: vec![Part::Framework.into()],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Override, TargetOperator, TargetRow};
    use crate::framework::default_framework;
    use crate::samples;
    use crate::scoring::evaluate;
    use rust_decimal_macros::dec;

    fn ids(doc: &Document) -> Vec<&'static str> {
        run_checks(doc, &evaluate(doc))
            .into_iter()
            .map(|c| c.id)
            .collect()
    }

    #[test]
    fn seed_titles_39_is_not_40() {
        let doc = samples::seed();
        let checks = run_checks(&doc, &evaluate(&doc));
        let titles = checks
            .iter()
            .find(|c| c.id == "titles-sum")
            .expect("39 ≠ 40 flagged");
        assert_eq!(
            titles.message,
            "中级及以上职称人数 40人，但 正高级职称人数 8 + 副高级职称人数 14 + 中级职称人数 17 = 39人，相差 1人"
        );
        assert_eq!(titles.fields[0].path, "staff.titled_total");
        assert_eq!(titles.fields.len(), 4);
        // The seed's spending figures are consistent.
        assert!(
            !checks.iter().any(|c| c.id.starts_with("spending")),
            "{checks:?}"
        );
    }

    #[test]
    fn the_example_is_clean() {
        let doc = samples::example();
        let checks = run_checks(&doc, &evaluate(&doc));
        assert!(
            checks.iter().all(|c| c.severity == Severity::Warning),
            "{checks:#?}"
        );
    }

    #[test]
    fn totals_against_parts() {
        let mut doc = Document::blank(default_framework());
        doc.finance.spending_total = Some(dec!(100));
        doc.finance.spending_basic = Some(dec!(40));
        assert!(
            !ids(&doc).contains(&"spending-parts"),
            "a missing part is not a contradiction"
        );
        doc.finance.spending_project = Some(dec!(59));
        assert!(ids(&doc).contains(&"spending-parts"));
        doc.finance.spending_project = Some(dec!(60));
        assert!(!ids(&doc).contains(&"spending-parts"));
        doc.finance.by_function = vec![crate::document::FunctionLine {
            name: "科学技术支出".into(),
            amount: Some(dec!(90)),
        }];
        assert!(ids(&doc).contains(&"spending-functions"));
        doc.finance.three_public.actual = Some(dec!(3));
        doc.finance.three_public.abroad.actual = Some(dec!(1));
        doc.finance.three_public.vehicles.actual = Some(dec!(1));
        doc.finance.three_public.reception.actual = Some(dec!(0.5));
        assert!(ids(&doc).contains(&"three-public-actual"));
    }

    #[test]
    fn limits_and_staff() {
        let mut doc = Document::blank(default_framework());
        doc.finance.budget_final = Some(dec!(100));
        doc.finance.spending_total = Some(dec!(101));
        doc.finance.fixed_assets_total = Some(dec!(10));
        doc.finance.fixed_assets_in_use = Some(dec!(11));
        doc.staff.on_post = Some(10);
        doc.staff.bachelor_or_above = Some(11);
        doc.staff.leaders_total = Some(3);
        doc.staff.leaders_chief = Some(1);
        doc.staff.leaders_deputy = Some(1);
        let found = ids(&doc);
        for id in [
            "spending-over-budget",
            "assets-in-use-exceed",
            "staff-part-exceeds",
            "leaders-sum",
        ] {
            assert!(found.contains(&id), "{id} in {found:?}");
        }
    }

    #[test]
    fn targets_and_overrides() {
        let mut doc = Document::blank(default_framework());
        doc.targets = vec![
            TargetRow {
                level1: "产出".into(),
                name: "验收项目数".into(),
                operator: TargetOperator::AtLeast,
                target: "40".into(),
                actual: "30".into(),
                weight: Some(dec!(20)),
                ..TargetRow::default()
            },
            TargetRow {
                level1: "产出".into(),
                name: "培训人次".into(),
                operator: TargetOperator::AtLeast,
                target: "100".into(),
                weight: Some(dec!(5)),
                ..TargetRow::default()
            },
        ];
        doc.overrides.insert(
            "execution-rate".into(),
            Override {
                score: dec!(5),
                reason: String::new(),
            },
        );
        doc.overrides.insert(
            "procurement-rate".into(),
            Override {
                score: dec!(9),
                reason: "理由".into(),
            },
        );
        let found = ids(&doc);
        for id in [
            "target-unmet-no-reason",
            "target-incomplete",
            "target-weights",
            "override-no-reason",
            "override-out-of-range",
        ] {
            assert!(found.contains(&id), "{id} in {found:?}");
        }
        doc.targets[0].deviation_reason = "部分项目延期验收".into();
        assert!(!ids(&doc).contains(&"target-unmet-no-reason"));
    }
}
