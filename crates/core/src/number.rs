//! Numbers as officers type and paste them, and as the report prints them.
//!
//! Everything is an exact [`Decimal`]; rounding is always explicit and always 四舍五入
//! (`MidpointAwayFromZero`), never the banker's rounding of `Decimal::round_dp`.

use std::fmt;
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// Money is entered in 万元 with at most this many decimals (1 万元 = 10 000 元, so 6 decimals is 0.01 元).
pub const MAX_MONEY_DECIMALS: u32 = 6;
/// Rates are entered in percent with at most this many decimals.
pub const MAX_RATE_DECIMALS: u32 = 6;
/// Weights, points and scores carry at most this many decimals: a score is always printed to 0.01 分.
pub const MAX_POINTS_DECIMALS: u32 = 2;
/// No figure in a self-evaluation comes near 10¹² (万元, percent, points or persons). The bound keeps every sum and
/// product the app computes far inside `Decimal`'s range, so arithmetic on entered data can never overflow.
pub const MAX_MAGNITUDE: i64 = 1_000_000_000_000;

/// Whether a value is inside the range the app accepts anywhere (see [`MAX_MAGNITUDE`]).
pub fn within_bounds(value: Decimal) -> bool {
    value.abs() <= Decimal::from(MAX_MAGNITUDE)
}

/// How many decimals a value really has: `1.10` has one.
pub fn decimal_places(value: Decimal) -> u32 {
    value.normalize().scale()
}

/// The sum of `values`, or `None` if it overflows. `Iterator::sum` on decimals panics on overflow, so the core
/// never uses it (clippy's `disallowed_methods` enforces this).
pub fn checked_sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, |sum, value| sum.checked_add(value))
}

/// Why a typed or pasted value is not a number. Each variant has a Chinese message for the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    Empty,
    InvalidCharacter(char),
    MisplacedSeparator,
    MultipleDecimalPoints,
    Negative,
    NotWhole,
    TooManyDecimals {
        max: u32,
    },
    /// A weight or a score with more decimals than a score is printed with.
    TooManyPointDecimals,
    TooLarge,
    /// More decimals than exact arithmetic holds (28): the number would silently become another.
    TooPrecise,
    /// A money figure in 元 where 万元 is asked for: converting silently would be a 10 000× error.
    WrongMoneyUnit,
    /// A `%` on a value that is not a rate.
    UnexpectedPercent,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberError::Empty => write!(f, "请输入数字"),
            NumberError::InvalidCharacter(c) => write!(f, "“{c}”不是数字，请只输入数字和小数点"),
            NumberError::MisplacedSeparator => {
                write!(f, "千分位逗号的位置不对；小数点请用“.”，例如 5,343.32")
            }
            NumberError::MultipleDecimalPoints => write!(f, "小数点只能有一个"),
            NumberError::Negative => write!(f, "不能为负数"),
            NumberError::NotWhole => write!(f, "请输入整数"),
            NumberError::TooManyDecimals { max } => write!(f, "最多保留 {max} 位小数"),
            NumberError::TooManyPointDecimals => {
                write!(f, "分值和得分最多保留 {MAX_POINTS_DECIMALS} 位小数")
            }
            NumberError::TooLarge => write!(f, "数值过大"),
            NumberError::TooPrecise => write!(f, "小数位数过多，无法精确计算"),
            NumberError::WrongMoneyUnit => {
                write!(f, "金额请以万元为单位填写，例如 5343.32 或 5343.32万元")
            }
            NumberError::UnexpectedPercent => write!(f, "这里填写的是金额或人数，不带“%”"),
        }
    }
}

impl std::error::Error for NumberError {}

/// What kind of value a field holds; it decides which suffixes are accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Money,
    Rate,
    Plain,
}

/// Parses an amount in 万元: `5,343.32`, `5343.32万元`, `５３４３．３２`, ` 5343.32 `.
pub fn parse_money(input: &str) -> Result<Decimal, NumberError> {
    let value = parse(input, Kind::Money)?;
    check_scale(value, MAX_MONEY_DECIMALS)
}

/// Parses a rate in percent: `93.27%`, `93.27`, `９３．２７％` all give 93.27.
pub fn parse_rate(input: &str) -> Result<Decimal, NumberError> {
    let value = parse(input, Kind::Rate)?;
    check_scale(value, MAX_RATE_DECIMALS)
}

/// Parses a plain decimal such as an average age (`40.72`) or a target value.
pub fn parse_decimal(input: &str) -> Result<Decimal, NumberError> {
    let value = parse(input, Kind::Plain)?;
    check_scale(value, MAX_MONEY_DECIMALS)
}

/// Parses a weight, a score or points (`2.5`, `2.5分`): never negative, at most two decimals.
pub fn parse_points(input: &str) -> Result<Decimal, NumberError> {
    let text = normalize(input);
    let value = parse(text.strip_suffix('分').unwrap_or(&text), Kind::Plain)?;
    if decimal_places(value) > MAX_POINTS_DECIMALS {
        Err(NumberError::TooManyPointDecimals)
    } else {
        Ok(value)
    }
}

/// Parses a head count or a case count: a whole, non-negative number (`53`, `53人`, `５３`).
pub fn parse_count(input: &str) -> Result<u32, NumberError> {
    let value = parse(input, Kind::Plain)?;
    if !value.fract().is_zero() {
        return Err(NumberError::NotWhole);
    }
    value.trunc().to_u32().ok_or(NumberError::TooLarge)
}

fn check_scale(value: Decimal, max: u32) -> Result<Decimal, NumberError> {
    if decimal_places(value) > max {
        Err(NumberError::TooManyDecimals { max })
    } else {
        Ok(value)
    }
}

/// Maps full-width digits and punctuation to ASCII and drops every kind of space.
fn normalize(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{feff}')
        .map(|c| match c {
            '０'..='９' => u32::from(c)
                .checked_sub(u32::from('０'))
                .and_then(|digit| char::from_digit(digit, 10))
                .unwrap_or(c),
            '．' | '。' => '.',
            '，' => ',',
            '％' => '%',
            '－' | '−' => '-',
            '＋' => '+',
            other => other,
        })
        .collect()
}

fn parse(input: &str, kind: Kind) -> Result<Decimal, NumberError> {
    let mut text = normalize(input);
    if text.is_empty() {
        return Err(NumberError::Empty);
    }
    // Units officers paste along with the number.
    for suffix in ["万元", "万"] {
        if let Some(stripped) = text.strip_suffix(suffix) {
            if kind != Kind::Money {
                return Err(NumberError::InvalidCharacter('万'));
            }
            text = stripped.to_string();
            break;
        }
    }
    if kind == Kind::Money && text.ends_with('元') {
        return Err(NumberError::WrongMoneyUnit);
    }
    if kind == Kind::Plain {
        for suffix in ["人", "个", "次", "名", "岁", "件", "项"] {
            if let Some(stripped) = text.strip_suffix(suffix) {
                text = stripped.to_string();
                break;
            }
        }
    }
    if let Some(stripped) = text.strip_suffix('%') {
        if kind != Kind::Rate {
            return Err(NumberError::UnexpectedPercent);
        }
        text = stripped.to_string();
    }
    let text = text.strip_prefix('+').unwrap_or(&text);
    if text.starts_with('-') {
        return Err(NumberError::Negative);
    }
    if text.is_empty() {
        return Err(NumberError::Empty);
    }
    if let Some(bad) = text
        .chars()
        .find(|c| !(c.is_ascii_digit() || *c == '.' || *c == ','))
    {
        return Err(NumberError::InvalidCharacter(bad));
    }
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => {
            if fraction.contains('.') {
                return Err(NumberError::MultipleDecimalPoints);
            }
            if fraction.contains(',') {
                return Err(NumberError::MisplacedSeparator);
            }
            (whole, Some(fraction))
        }
        None => (text, None),
    };
    let digits = strip_thousands_separators(whole)?;
    let digits = if digits.is_empty() {
        "0".to_string()
    } else {
        digits
    };
    let plain = match fraction {
        Some(fraction) if !fraction.is_empty() => format!("{digits}.{fraction}"),
        Some(_) | None => digits,
    };
    if plain.len() > 40 {
        return Err(NumberError::TooLarge);
    }
    // Beyond 28 decimals the parser rounds: 0.000…01 with 29 decimals would be read as 0.
    if fraction.is_some_and(|f| f.trim_end_matches('0').len() > 28) {
        return Err(NumberError::TooPrecise);
    }
    let value = Decimal::from_str(&plain).map_err(|_| NumberError::TooLarge)?;
    if within_bounds(value) {
        Ok(value)
    } else {
        Err(NumberError::TooLarge)
    }
}

/// `5,343` → `5343`; a comma anywhere but between groups of three digits is an error,
/// because `5343,32` is more likely a decimal comma than a thousands separator.
fn strip_thousands_separators(whole: &str) -> Result<String, NumberError> {
    if !whole.contains(',') {
        return Ok(whole.to_string());
    }
    let mut groups = whole.split(',');
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    let rest: Vec<&str> = groups.collect();
    let rest_ok = rest.iter().all(|g| g.len() == 3);
    if !first_ok || !rest_ok {
        return Err(NumberError::MisplacedSeparator);
    }
    Ok(whole.replace(',', ""))
}

/// 四舍五入 to `dp` decimals.
pub fn round_half_up(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Rounds half up to two decimals and always prints two: `5343.32`, `0.00`.
pub fn fmt_2dp(value: Decimal) -> String {
    let mut rounded = round_half_up(value, 2);
    rounded.rescale(2);
    rounded.to_string()
}

/// An amount as entered, with at least two decimals: `5343.32`, `10.004`, `12.00`. The project forms print it so,
/// as their 执行率 is computed from the amounts entered and must recompute from the printed ones.
pub fn fmt_amount(value: Decimal) -> String {
    let mut shown = value.normalize();
    if shown.scale() < 2 {
        shown.rescale(2);
    }
    shown.to_string()
}

/// An amount in 万元 as the report prints it: `5343.32万元`.
pub fn fmt_wan(value: Decimal) -> String {
    format!("{}万元", fmt_2dp(value))
}

/// A rate held in percent as the report prints it: `93.27%`.
pub fn fmt_percent(value: Decimal) -> String {
    format!("{}%", fmt_2dp(value))
}

/// A score: rounded half up to two decimals, trailing zeros dropped (`4.66`, `5`, `3.5`).
pub fn fmt_score(value: Decimal) -> String {
    round_half_up(value, 2).normalize().to_string()
}

/// A value as entered, without padding (`40.72`, `2058.65`, `100`).
pub fn fmt_plain(value: Decimal) -> String {
    value.normalize().to_string()
}

/// `part / whole` in percent, or `None` when `whole` is zero.
pub fn percent_of(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        None
    } else {
        part.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(whole)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn an_amount_is_printed_as_entered_with_at_least_two_decimals() {
        assert_eq!(fmt_amount(dec!(110.4)), "110.40");
        assert_eq!(fmt_amount(dec!(12)), "12.00");
        assert_eq!(fmt_amount(dec!(10.004)), "10.004");
        assert_eq!(fmt_amount(dec!(0.123456)), "0.123456");
        assert_eq!(fmt_amount(dec!(5343.3200)), "5343.32");
    }

    #[test]
    fn money_accepts_what_officers_paste() {
        for input in [
            "5,343.32",
            "5343.32万元",
            "５３４３．３２",
            " 5343.32 ",
            "5343.32万",
            "５，３４３．３２",
            "\u{3000}5343.32\t",
        ] {
            assert_eq!(parse_money(input), Ok(dec!(5343.32)), "{input:?}");
        }
        assert_eq!(parse_money("1,234,567.5"), Ok(dec!(1234567.5)));
        assert_eq!(parse_money("0"), Ok(dec!(0)));
        assert_eq!(parse_money(".5"), Ok(dec!(0.5)));
        assert_eq!(parse_money("12."), Ok(dec!(12)));
    }

    #[test]
    fn money_rejects_with_reasons() {
        assert_eq!(parse_money(""), Err(NumberError::Empty));
        assert_eq!(parse_money("   "), Err(NumberError::Empty));
        assert_eq!(parse_money("万元"), Err(NumberError::Empty));
        assert_eq!(parse_money("12a"), Err(NumberError::InvalidCharacter('a')));
        assert_eq!(parse_money("5343,32"), Err(NumberError::MisplacedSeparator));
        assert_eq!(
            parse_money("53,43.32"),
            Err(NumberError::MisplacedSeparator)
        );
        assert_eq!(
            parse_money("1.2.3"),
            Err(NumberError::MultipleDecimalPoints)
        );
        assert_eq!(parse_money("-5"), Err(NumberError::Negative));
        assert_eq!(
            parse_money("1.1234567"),
            Err(NumberError::TooManyDecimals { max: 6 })
        );
        assert_eq!(parse_money("53433200元"), Err(NumberError::WrongMoneyUnit));
        assert_eq!(parse_money("93%"), Err(NumberError::UnexpectedPercent));
        assert_eq!(
            parse_money("99999999999999999999999999999999"),
            Err(NumberError::TooLarge)
        );
    }

    #[test]
    fn more_decimals_than_exact_arithmetic_holds_are_refused_not_rounded_away() {
        let tiny = format!("0.{}1", "0".repeat(28));
        assert_eq!(parse_points(&tiny), Err(NumberError::TooPrecise));
        assert_eq!(parse_decimal(&tiny), Err(NumberError::TooPrecise));
        // 28 decimals are still read exactly (and then refused by the field's own rule).
        let exact = format!("0.{}1", "0".repeat(27));
        assert_eq!(parse_points(&exact), Err(NumberError::TooManyPointDecimals));
        assert_eq!(
            parse_points(&format!("1.{}", "0".repeat(30))),
            Ok(Decimal::ONE)
        );
    }

    #[test]
    fn trailing_zeros_do_not_count_as_decimals() {
        assert_eq!(parse_money("1.1000000"), Ok(dec!(1.1)));
    }

    #[test]
    fn rates_take_a_percent_sign() {
        assert_eq!(parse_rate("93.27%"), Ok(dec!(93.27)));
        assert_eq!(parse_rate("９３．２７％"), Ok(dec!(93.27)));
        assert_eq!(parse_rate("93.27"), Ok(dec!(93.27)));
        assert_eq!(
            parse_rate("93.27万元"),
            Err(NumberError::InvalidCharacter('万'))
        );
    }

    #[test]
    fn points_have_at_most_two_decimals() {
        assert_eq!(parse_points("2.5"), Ok(dec!(2.5)));
        assert_eq!(parse_points("２．５分"), Ok(dec!(2.5)));
        assert_eq!(parse_points("2.50"), Ok(dec!(2.5)));
        assert_eq!(
            parse_points("2.505"),
            Err(NumberError::TooManyPointDecimals)
        );
        assert_eq!(parse_points("-1"), Err(NumberError::Negative));
    }

    #[test]
    fn sums_are_checked() {
        assert_eq!(checked_sum([dec!(1.5), dec!(2)]), Some(dec!(3.5)));
        assert_eq!(checked_sum([Decimal::MAX, Decimal::ONE]), None);
    }

    #[test]
    fn counts_are_whole() {
        assert_eq!(parse_count("53"), Ok(53));
        assert_eq!(parse_count("53人"), Ok(53));
        assert_eq!(parse_count("５３"), Ok(53));
        assert_eq!(parse_count("53.0"), Ok(53));
        assert_eq!(parse_count("5.5"), Err(NumberError::NotWhole));
        assert_eq!(parse_count("99999999999"), Err(NumberError::TooLarge));
    }

    #[test]
    fn rounding_is_half_up_not_bankers() {
        assert_eq!(round_half_up(dec!(2.345), 2), dec!(2.35));
        assert_eq!(round_half_up(dec!(2.335), 2), dec!(2.34));
        assert_eq!(round_half_up(dec!(0.125), 2), dec!(0.13));
        // The default round_dp would give 0.12 here.
        assert_eq!(dec!(0.125).round_dp(2), dec!(0.12));
        assert_eq!(fmt_2dp(dec!(4.663)), "4.66");
        assert_eq!(fmt_2dp(dec!(0)), "0.00");
        assert_eq!(fmt_score(dec!(3.50)), "3.5");
        assert_eq!(fmt_score(dec!(5.00)), "5");
    }

    #[test]
    fn seed_percentages() {
        let pct = |a, b| fmt_percent(percent_of(a, b).unwrap());
        assert_eq!(pct(dec!(1920.03), dec!(2058.65)), "93.27%");
        assert_eq!(pct(dec!(49), dec!(53)), "92.45%");
        assert_eq!(pct(dec!(27), dec!(53)), "50.94%");
        assert_eq!(pct(dec!(40), dec!(53)), "75.47%");
        assert_eq!(percent_of(dec!(1), dec!(0)), None);
        assert_eq!(fmt_wan(dec!(2050.41) + dec!(3292.91)), "5343.32万元");
    }
}
