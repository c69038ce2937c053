//! The metric catalogue: named quantities computed from the entered data, referenced by name from frameworks.
//!
//! Every metric is a ratio in percent. A zero denominator is not a number: it comes back as
//! [`MetricValue::ZeroDenominator`] and each rule decides explicitly what that means.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::fields::{Field, FieldRef};
use crate::number::{fmt_percent, fmt_plain};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// 预算执行率 = 全年执行数 / 全年预算数(调整后).
    BudgetExecutionRate,
    /// 预算调整率 = |全年预算数 − 年初预算数| / 年初预算数.
    BudgetAdjustmentRate,
    /// 结转结余率 = 年末结转结余 / 全年预算数.
    CarryoverRate,
    /// 政府采购执行率 = 实际采购金额 / 采购计划金额.
    ProcurementExecutionRate,
    /// "三公"经费控制率 = 实际 / 预算.
    ThreePublicControlRate,
    /// "三公"经费变动率 = (本年 − 上年) / 上年.
    ThreePublicChangeRate,
    /// 在职人员控制率 = 编制内在职人数 / 编制数.
    StaffControlRate,
    /// 公用经费控制率 = 实际 / 预算.
    PublicFundsControlRate,
    /// 固定资产利用率 = 在用固定资产 / 全部固定资产.
    FixedAssetUtilizationRate,
}

/// A metric's value for one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MetricValue {
    /// The ratio in percent, unrounded, with the figures it came from.
    Rate {
        percent: Decimal,
        numerator: Decimal,
        denominator: Decimal,
    },
    /// The denominator is zero; the numerator tells "nothing at all" (0) from "spent without a budget".
    ZeroDenominator { numerator: Decimal },
    /// Inputs not entered yet.
    Missing { fields: Vec<FieldRef> },
    /// The figures are entered but the ratio is beyond exact arithmetic; the officer must judge.
    TooLarge,
}

impl Metric {
    pub const ALL: [Metric; 9] = [
        Metric::BudgetExecutionRate,
        Metric::BudgetAdjustmentRate,
        Metric::CarryoverRate,
        Metric::ProcurementExecutionRate,
        Metric::ThreePublicControlRate,
        Metric::ThreePublicChangeRate,
        Metric::StaffControlRate,
        Metric::PublicFundsControlRate,
        Metric::FixedAssetUtilizationRate,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Metric::BudgetExecutionRate => "预算执行率",
            Metric::BudgetAdjustmentRate => "预算调整率",
            Metric::CarryoverRate => "结转结余率",
            Metric::ProcurementExecutionRate => "政府采购执行率",
            Metric::ThreePublicControlRate => "“三公”经费控制率",
            Metric::ThreePublicChangeRate => "“三公”经费变动率",
            Metric::StaffControlRate => "在职人员控制率",
            Metric::PublicFundsControlRate => "公用经费控制率",
            Metric::FixedAssetUtilizationRate => "固定资产利用率",
        }
    }

    /// The formula in words, as 指标解释 prints it.
    pub fn formula(self) -> &'static str {
        match self {
            Metric::BudgetExecutionRate => "全年执行数 ÷ 全年预算数（调整后）× 100%",
            Metric::BudgetAdjustmentRate => "|全年预算数 − 年初预算数| ÷ 年初预算数 × 100%",
            Metric::CarryoverRate => "年末结转结余 ÷ 全年预算数 × 100%",
            Metric::ProcurementExecutionRate => "实际采购金额 ÷ 采购计划金额 × 100%",
            Metric::ThreePublicControlRate => "“三公”经费实际支出 ÷ “三公”经费预算数 × 100%",
            Metric::ThreePublicChangeRate => {
                "（本年“三公”经费 − 上年“三公”经费）÷ 上年“三公”经费 × 100%"
            }
            Metric::StaffControlRate => "编制内在职人数 ÷ 核定编制数 × 100%",
            Metric::PublicFundsControlRate => "公用经费实际支出 ÷ 公用经费预算数 × 100%",
            Metric::FixedAssetUtilizationRate => "在用固定资产 ÷ 固定资产总额 × 100%",
        }
    }

    /// The fields the metric reads, numerator first.
    pub fn inputs(self) -> [Field; 2] {
        match self {
            Metric::BudgetExecutionRate => [Field::SpendingTotal, Field::BudgetFinal],
            Metric::BudgetAdjustmentRate => [Field::BudgetFinal, Field::BudgetInitial],
            Metric::CarryoverRate => [Field::CarryoverEnd, Field::BudgetFinal],
            Metric::ProcurementExecutionRate => [Field::ProcurementActual, Field::ProcurementPlan],
            Metric::ThreePublicControlRate => [Field::ThreePublicActual, Field::ThreePublicBudget],
            Metric::ThreePublicChangeRate => [Field::ThreePublicActual, Field::ThreePublicPrevious],
            Metric::StaffControlRate => [Field::StaffInEstablishment, Field::StaffAuthorized],
            Metric::PublicFundsControlRate => [Field::PublicFundsActual, Field::PublicFundsBudget],
            Metric::FixedAssetUtilizationRate => [Field::FixedAssetsInUse, Field::FixedAssetsTotal],
        }
    }

    /// The two entered figures, read through the field list.
    fn raw_inputs(self, doc: &Document) -> (Option<Decimal>, Option<Decimal>) {
        let [numerator, denominator] = self.inputs();
        (doc.number(numerator), doc.number(denominator))
    }

    pub fn compute(self, doc: &Document) -> MetricValue {
        let [num_field, den_field] = self.inputs();
        let (a, b) = match self.raw_inputs(doc) {
            (Some(a), Some(b)) => (a, b),
            (a, b) => {
                let mut missing = Vec::new();
                if a.is_none() {
                    missing.push(num_field.into());
                }
                if b.is_none() {
                    missing.push(den_field.into());
                }
                return MetricValue::Missing { fields: missing };
            }
        };
        let numerator = match self {
            Metric::BudgetAdjustmentRate => a.checked_sub(b).map(|d| d.abs()),
            Metric::ThreePublicChangeRate => a.checked_sub(b),
            _ => Some(a),
        };
        let Some(numerator) = numerator else {
            return MetricValue::TooLarge;
        };
        let denominator = b;
        if denominator.is_zero() {
            return MetricValue::ZeroDenominator { numerator };
        }
        match crate::number::percent_of(numerator, denominator) {
            Some(percent) => MetricValue::Rate {
                percent,
                numerator,
                denominator,
            },
            None => MetricValue::TooLarge,
        }
    }

    /// The computation with its actual figures: `1920.03 ÷ 2058.65 = 93.27%`.
    pub fn explain(self, doc: &Document, value: &MetricValue) -> String {
        match value {
            MetricValue::Rate {
                percent,
                numerator,
                denominator,
            } => {
                // The difference is shown with its two figures, so the line recomputes from what it prints.
                let numerator_text = match (self, self.raw_inputs(doc)) {
                    (Metric::BudgetAdjustmentRate, (Some(a), Some(b))) => {
                        format!("|{} − {}|", fmt_plain(a), fmt_plain(b))
                    }
                    (Metric::ThreePublicChangeRate, (Some(a), Some(b))) => {
                        format!("({} − {})", fmt_plain(a), fmt_plain(b))
                    }
                    _ => fmt_plain(*numerator),
                };
                format!(
                    "{}：{} ÷ {} = {}",
                    self.label(),
                    numerator_text,
                    fmt_plain(*denominator),
                    fmt_percent(*percent)
                )
            }
            MetricValue::ZeroDenominator { numerator } => {
                let [_, den] = self.inputs();
                format!(
                    "{}：{}为 0，比率无意义（分子为 {}）",
                    self.label(),
                    den.label(),
                    fmt_plain(*numerator)
                )
            }
            MetricValue::Missing { fields } => {
                let names: Vec<&str> = fields.iter().map(|f| f.label.as_str()).collect();
                format!("{}：缺少{}", self.label(), names.join("、"))
            }
            MetricValue::TooLarge => {
                let [a, b] = self.inputs();
                format!(
                    "{}：{}与{}相差悬殊，比率超出可计算范围",
                    self.label(),
                    a.label(),
                    b.label()
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::default_framework;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn doc() -> Document {
        Document::blank(default_framework())
    }

    #[test]
    fn procurement_rate_of_the_seed() {
        let mut doc = doc();
        doc.finance.procurement_plan = Some(d("2058.65"));
        doc.finance.procurement_actual = Some(d("1920.03"));
        let value = Metric::ProcurementExecutionRate.compute(&doc);
        assert_eq!(
            Metric::ProcurementExecutionRate.explain(&doc, &value),
            "政府采购执行率：1920.03 ÷ 2058.65 = 93.27%"
        );
    }

    #[test]
    fn execution_rate_divides_by_the_adjusted_budget() {
        let mut doc = doc();
        doc.finance.budget_initial = Some(d("0"));
        doc.finance.budget_final = Some(d("3.36"));
        doc.finance.spending_total = Some(d("3.36"));
        match Metric::BudgetExecutionRate.compute(&doc) {
            MetricValue::Rate { percent, .. } => assert_eq!(percent, d("100")),
            other => panic!("{other:?}"),
        }
        // 年初预算 0: the adjustment rate has no meaning.
        assert_eq!(
            Metric::BudgetAdjustmentRate.compute(&doc),
            MetricValue::ZeroDenominator {
                numerator: d("3.36")
            }
        );
    }

    #[test]
    fn adjustment_rate_is_absolute() {
        let mut doc = doc();
        doc.finance.budget_initial = Some(d("100"));
        doc.finance.budget_final = Some(d("90"));
        match Metric::BudgetAdjustmentRate.compute(&doc) {
            MetricValue::Rate { percent, .. } => assert_eq!(percent, d("10")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn missing_inputs_are_named() {
        let value = Metric::BudgetExecutionRate.compute(&doc());
        assert_eq!(
            Metric::BudgetExecutionRate.explain(&doc(), &value),
            "预算执行率：缺少全年执行数（部门整体支出）、全年预算数（调整后）"
        );
    }

    #[test]
    fn zero_three_public_budget_is_not_a_number() {
        let mut doc = doc();
        doc.finance.three_public.budget = Some(Decimal::ZERO);
        doc.finance.three_public.actual = Some(Decimal::ZERO);
        assert_eq!(
            Metric::ThreePublicControlRate.compute(&doc),
            MetricValue::ZeroDenominator {
                numerator: Decimal::ZERO
            }
        );
    }

    #[test]
    fn every_metric_has_a_label_formula_and_two_inputs() {
        for metric in Metric::ALL {
            assert!(!metric.label().is_empty() && metric.formula().contains('÷'));
            let [a, b] = metric.inputs();
            assert_ne!(a, b);
            assert!(
                matches!(metric.compute(&doc()), MetricValue::Missing { ref fields } if fields.len() == 2)
            );
        }
    }
}
