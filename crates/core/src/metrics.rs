//! The metric catalogue: named quantities computed from the entered data, referenced by name from frameworks.
//!
//! Every metric is a ratio in percent. A zero denominator is not a number: it comes back as
//! [`MetricValue::ZeroDenominator`] and each rule decides explicitly what that means.
//!
//! Here: each metric's name, formula and the two fields it reads. Its value for a document is computed in
//! `measure.rs` (`Metric::compute`, `Metric::explain`), which reads the document; this module does not.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::fields::{Field, FieldRef};

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

    /// The name a framework file gives the metric (its serde name), for the editor's select.
    pub fn key(self) -> &'static str {
        match self {
            Metric::BudgetExecutionRate => "budget_execution_rate",
            Metric::BudgetAdjustmentRate => "budget_adjustment_rate",
            Metric::CarryoverRate => "carryover_rate",
            Metric::ProcurementExecutionRate => "procurement_execution_rate",
            Metric::ThreePublicControlRate => "three_public_control_rate",
            Metric::ThreePublicChangeRate => "three_public_change_rate",
            Metric::StaffControlRate => "staff_control_rate",
            Metric::PublicFundsControlRate => "public_funds_control_rate",
            Metric::FixedAssetUtilizationRate => "fixed_asset_utilization_rate",
        }
    }

    pub fn from_key(key: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.key() == key)
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_metric_key_is_its_name_in_framework_files() {
        for metric in Metric::ALL {
            let json = serde_json::to_string(&metric).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", metric.key()));
            assert_eq!(Metric::from_key(metric.key()), Some(metric));
        }
        assert_eq!(Metric::from_key("nothing"), None);
    }
}
