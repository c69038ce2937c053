//! A framework in words, for the officer reading it: a rule's 评分标准 and a band's interval.

use super::{Band, Rule, Side, Step};
use crate::number::fmt_plain;

impl Band {
    /// The interval in the notation of 评分标准: `[80%, 90%)`, `(30%, +∞)`.
    pub fn describe(&self, unit: &str) -> String {
        let lower = match self.lower {
            None => "(-∞".to_string(),
            Some(b) => format!(
                "{}{}{unit}",
                if b.inclusive { "[" } else { "(" },
                b.value.normalize()
            ),
        };
        let upper = match self.upper {
            None => "+∞)".to_string(),
            Some(b) => format!(
                "{}{unit}{}",
                b.value.normalize(),
                if b.inclusive { "]" } else { ")" }
            ),
        };
        format!("{lower}, {upper}")
    }
}

impl Rule {
    /// The rule in words, for the officer reading the framework.
    pub fn describe(&self) -> String {
        match self {
            Rule::Proportional {
                metric,
                target,
                reverse,
                ..
            } => {
                if *reverse {
                    format!(
                        "反向比例计分：{}不高于 {}% 得满分，超出按 目标值÷实际值 计分",
                        metric.label(),
                        fmt_plain(*target)
                    )
                } else {
                    format!(
                        "按比例计分：{} ÷ {}% × 分值，满分为止",
                        metric.label(),
                        fmt_plain(*target)
                    )
                }
            }
            Rule::ThresholdDeduct {
                metric,
                standard,
                deduct_when,
                per_point,
                step,
                ..
            } => {
                let side = match deduct_when {
                    Side::Above => "每超过",
                    Side::Below => "每低于",
                };
                let mode = match step {
                    Step::Continuous => "按实际差额连续计算",
                    Step::WholePoints => "只计整百分点",
                    Step::StartedPoints => "不足一个百分点按一个计",
                };
                format!(
                    "{}以 {}% 为标准，{side}一个百分点扣 {} 分（{mode}），扣完为止",
                    metric.label(),
                    fmt_plain(*standard),
                    fmt_plain(*per_point)
                )
            }
            Rule::Bands { metric, bands, .. } => {
                let parts: Vec<String> = bands
                    .iter()
                    .map(|b| format!("{} 得 {} 分", b.describe("%"), fmt_plain(b.score)))
                    .collect();
                format!("{}分档计分：{}", metric.label(), parts.join("；"))
            }
            Rule::Checklist { items } => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|i| format!("{} {} 分", i.text, fmt_plain(i.points)))
                    .collect();
                format!("逐项计分：{}", parts.join("；"))
            }
            Rule::DeductPerCase {
                per_case,
                case_label,
            } => {
                format!(
                    "每发现一例（{case_label}）扣 {} 分，扣完为止",
                    fmt_plain(*per_case)
                )
            }
            Rule::Choice { options } => {
                let parts: Vec<String> = options
                    .iter()
                    .map(|o| format!("{} {} 分", o.text, fmt_plain(o.score)))
                    .collect();
                format!("按情形计分：{}", parts.join("；"))
            }
            Rule::Targets { level1, .. } => {
                let scope = if level1.is_empty() {
                    "全部".to_string()
                } else {
                    level1.join("、")
                };
                format!("按绩效目标表中一级指标为“{scope}”的各行计分（财预〔2020〕10号）")
            }
            Rule::Manual => "由评价人直接打分".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::framework::built_in;

    #[test]
    fn rules_are_described_in_words() {
        let gd = built_in("guangdong-2024-reference").unwrap();
        let describe = |id: &str| gd.indicator(id).unwrap().rule.describe();
        assert_eq!(
            describe("procurement-rate"),
            "按比例计分：政府采购执行率 ÷ 100% × 分值，满分为止"
        );
        assert!(describe("three-public").contains("每超过一个百分点扣 0.4 分"));
        assert!(describe("budget-adjustment").starts_with("预算调整率分档计分：(-∞, 5%] 得 4 分"));
        assert!(describe("duty-output").contains("“产出”"));
    }
}
