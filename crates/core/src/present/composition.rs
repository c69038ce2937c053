//! A spending total and its parts with their shares, as the page's composition charts print them
//! (`基本支出 2050.41万元 38.37%`).

use rust_decimal::Decimal;
use serde::Serialize;

use crate::number::{checked_sum, fmt_2dp, fmt_percent, percent_of, round_half_up};

/// Parts of a total, each with its share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Composition {
    /// The sum of the parts (0 when it would overflow).
    pub total: Decimal,
    /// `5343.32万元`.
    pub total_text: String,
    pub parts: Vec<CompositionPart>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompositionPart {
    pub name: String,
    pub amount: Decimal,
    /// `2050.41万元`.
    pub amount_text: String,
    /// Its share of the total in percent, rounded half up to 0.01% as printed; `None` when the total is 0.
    pub share: Option<Decimal>,
    /// `38.37%`, or empty when there is no share.
    pub share_text: String,
}

/// `parts` (name, amount in 万元) with their total and shares.
pub fn composition(parts: &[(String, Decimal)]) -> Composition {
    let total = checked_sum(parts.iter().map(|(_, amount)| *amount)).unwrap_or_default();
    Composition {
        total,
        total_text: format!("{}万元", fmt_2dp(total)),
        parts: parts
            .iter()
            .map(|(name, amount)| {
                let share = percent_of(*amount, total).map(|p| round_half_up(p, 2));
                CompositionPart {
                    name: name.clone(),
                    amount: *amount,
                    amount_text: format!("{}万元", fmt_2dp(*amount)),
                    share,
                    share_text: share.map(fmt_percent).unwrap_or_default(),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;

    #[test]
    fn the_seeds_spending_by_nature() {
        let f = samples::seed().finance;
        let c = composition(&[
            ("基本支出".to_string(), f.spending_basic.unwrap()),
            ("项目支出".to_string(), f.spending_project.unwrap()),
        ]);
        assert_eq!(c.total_text, "5343.32万元");
        let shown: Vec<(&str, &str)> = c
            .parts
            .iter()
            .map(|p| (p.amount_text.as_str(), p.share_text.as_str()))
            .collect();
        // 2050.41 / 5343.32 = 38.3732…%, 3292.91 / 5343.32 = 61.6267…%.
        assert_eq!(
            shown,
            [("2050.41万元", "38.37%"), ("3292.91万元", "61.63%")]
        );
        assert_eq!(c.parts[0].share, Some("38.37".parse().unwrap()));
    }

    #[test]
    fn a_zero_total_has_no_shares() {
        let c = composition(&[("社会保障和就业支出".to_string(), Decimal::ZERO)]);
        assert_eq!(c.total_text, "0.00万元");
        assert_eq!(
            (c.parts[0].share, c.parts[0].share_text.as_str()),
            (None, "")
        );
        assert!(composition(&[]).parts.is_empty());
    }
}
