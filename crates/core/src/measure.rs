//! A metric's value for one document: the two entered figures read through the field list, the ratio in percent
//! (or why there is none), and the computation in words with its actual figures.

use rust_decimal::Decimal;

use crate::document::Document;
use crate::metrics::{Metric, MetricValue};
use crate::number::{fmt_percent, fmt_plain, percent_of};

impl Metric {
    /// The two entered figures, read through the field list.
    fn raw_inputs(self, doc: &Document) -> (Option<Decimal>, Option<Decimal>) {
        let [numerator, denominator] = self.inputs();
        (doc.number(numerator), doc.number(denominator))
    }

    /// The metric's value for `doc`, unrounded.
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
        match percent_of(numerator, denominator) {
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
    use rust_decimal_macros::dec;

    fn doc() -> Document {
        Document::blank(default_framework())
    }

    #[test]
    fn procurement_rate_of_the_seed() {
        let mut doc = doc();
        doc.finance.procurement_plan = Some(dec!(2058.65));
        doc.finance.procurement_actual = Some(dec!(1920.03));
        let value = Metric::ProcurementExecutionRate.compute(&doc);
        assert_eq!(
            Metric::ProcurementExecutionRate.explain(&doc, &value),
            "政府采购执行率：1920.03 ÷ 2058.65 = 93.27%"
        );
    }

    #[test]
    fn execution_rate_divides_by_the_adjusted_budget() {
        let mut doc = doc();
        doc.finance.budget_initial = Some(dec!(0));
        doc.finance.budget_final = Some(dec!(3.36));
        doc.finance.spending_total = Some(dec!(3.36));
        match Metric::BudgetExecutionRate.compute(&doc) {
            MetricValue::Rate { percent, .. } => assert_eq!(percent, dec!(100)),
            other => panic!("{other:?}"),
        }
        // 年初预算 0: the adjustment rate has no meaning.
        assert_eq!(
            Metric::BudgetAdjustmentRate.compute(&doc),
            MetricValue::ZeroDenominator {
                numerator: dec!(3.36)
            }
        );
    }

    #[test]
    fn adjustment_rate_is_absolute() {
        let mut doc = doc();
        doc.finance.budget_initial = Some(dec!(100));
        doc.finance.budget_final = Some(dec!(90));
        match Metric::BudgetAdjustmentRate.compute(&doc) {
            MetricValue::Rate { percent, .. } => assert_eq!(percent, dec!(10)),
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
    fn every_metric_reads_two_different_fields() {
        for metric in Metric::ALL {
            let [a, b] = metric.inputs();
            assert_ne!(a, b, "{metric:?}");
            assert!(
                matches!(metric.compute(&doc()), MetricValue::Missing { ref fields } if fields.len() == 2),
                "{metric:?}"
            );
        }
    }
}
