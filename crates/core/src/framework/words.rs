//! The words the framework editor offers for each choice of a rule, and the keys its selects use: here, beside the
//! choices, so the page writes none of them (as [`super::RuleKind`] has its own).

use super::edit::{End, ZeroCase};
use super::{Outcome, Side, Step};

/// For an enum of choices: `ALL` in the order offered, `key()` (the select's value, the serde name where there is
/// one), `label()` (what the officer reads) and `from_key()`.
macro_rules! words {
    ($kind:ident { $($variant:ident => $key:literal, $label:literal;)+ }) => {
        impl $kind {
            pub const ALL: [$kind; [$($key),+].len()] = [$($kind::$variant),+];

            /// The key a select uses for this choice.
            pub fn key(self) -> &'static str {
                match self {
                    $($kind::$variant => $key,)+
                }
            }

            /// What the editor shows for this choice.
            pub fn label(self) -> &'static str {
                match self {
                    $($kind::$variant => $label,)+
                }
            }

            /// The choice of a select's key.
            pub fn from_key(key: &str) -> Option<$kind> {
                $kind::ALL.into_iter().find(|k| k.key() == key)
            }
        }
    };
}

words!(Outcome {
    Full => "full", "得满分";
    Zero => "zero", "得 0 分";
    Unscorable => "unscorable", "不自动评分，由评价人判断";
});

words!(Side {
    Above => "above", "高于标准值扣分";
    Below => "below", "低于标准值扣分";
});

words!(Step {
    Continuous => "continuous", "按实际差额计算";
    WholePoints => "whole_points", "只计整百分点";
    StartedPoints => "started_points", "不足一个百分点按一个百分点计";
});

words!(End {
    Lower => "lower", "下限";
    Upper => "upper", "上限";
});

words!(ZeroCase {
    Nothing => "nothing", "分母为零且分子为零时";
    Something => "something", "分母为零而分子大于零时";
});

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn round_trip<T: Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        key: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
        from_key: fn(&str) -> Option<T>,
    ) {
        for &choice in all {
            assert_eq!(from_key(key(choice)), Some(choice));
            assert!(!label(choice).is_empty());
        }
        let keys: BTreeSet<&str> = all.iter().map(|&c| key(c)).collect();
        let labels: BTreeSet<&str> = all.iter().map(|&c| label(c)).collect();
        assert_eq!(keys.len(), all.len(), "keys differ");
        assert_eq!(labels.len(), all.len(), "labels differ");
        assert_eq!(from_key(""), None);
        assert_eq!(from_key("no-such-key"), None);
    }

    #[test]
    fn every_choice_round_trips_through_its_key() {
        round_trip(
            &Outcome::ALL,
            Outcome::key,
            Outcome::label,
            Outcome::from_key,
        );
        round_trip(&Side::ALL, Side::key, Side::label, Side::from_key);
        round_trip(&Step::ALL, Step::key, Step::label, Step::from_key);
        round_trip(&End::ALL, End::key, End::label, End::from_key);
        round_trip(
            &ZeroCase::ALL,
            ZeroCase::key,
            ZeroCase::label,
            ZeroCase::from_key,
        );
    }

    #[test]
    fn the_words_are_those_the_editor_shows() {
        assert_eq!(Outcome::ALL.len(), 3);
        assert_eq!(Outcome::Unscorable.label(), "不自动评分，由评价人判断");
        assert_eq!(Side::Below.label(), "低于标准值扣分");
        assert_eq!(Step::StartedPoints.label(), "不足一个百分点按一个百分点计");
        assert_eq!(End::from_key("upper"), Some(End::Upper));
        assert_eq!(ZeroCase::Nothing.label(), "分母为零且分子为零时");
    }

    #[test]
    fn keys_are_the_names_the_files_use() {
        for outcome in Outcome::ALL {
            assert_eq!(
                serde_json::to_value(outcome).unwrap(),
                serde_json::Value::from(outcome.key())
            );
        }
        for side in Side::ALL {
            assert_eq!(
                serde_json::to_value(side).unwrap(),
                serde_json::Value::from(side.key())
            );
        }
        for step in Step::ALL {
            assert_eq!(
                serde_json::to_value(step).unwrap(),
                serde_json::Value::from(step.key())
            );
        }
    }
}
