//! Charts as inline SVG (no library, no style attributes, so the Content-Security-Policy stays strict).
//! Bar lengths are layout, not figures: every number printed on a chart comes from the core's formatting.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use yew::prelude::*;
use zipin_core::number::fmt_score;
use zipin_core::present::composition;
use zipin_core::scoring::GroupScore;

const WIDTH: f64 = 560.0;
const LABEL: f64 = 120.0;
const ROW: f64 = 26.0;

/// A bar's length in pixels for `value` out of `max`: layout only, in screen units (every figure printed beside a
/// bar comes from the core's formatting).
fn bar(value: Decimal, max: Decimal, room: f64) -> f64 {
    match (value.to_f64(), max.to_f64()) {
        (Some(value), Some(max)) if max > 0.0 => (value / max).clamp(0.0, 1.0) * room,
        _ => 0.0,
    }
}

#[derive(Properties, PartialEq)]
pub struct Level2ChartProps {
    pub groups: Vec<GroupScore>,
}

/// Each 二级 indicator's score against its 分值.
#[function_component(Level2Chart)]
pub fn level2_chart(props: &Level2ChartProps) -> Html {
    let max = props
        .groups
        .iter()
        .map(|g| g.weight)
        .max()
        .unwrap_or(Decimal::ONE);
    let room = WIDTH - LABEL - 90.0;
    let height = ROW * props.groups.len() as f64 + 10.0;
    let summary: Vec<String> = props
        .groups
        .iter()
        .map(|g| {
            format!(
                "{} {} / {}",
                g.name,
                fmt_score(g.score),
                fmt_score(g.weight)
            )
        })
        .collect();
    html! {
        <figure>
            <svg class="chart" viewBox={format!("0 0 {WIDTH} {height}")} width="100%" role="img"
                aria-label={format!("二级指标得分：{}", summary.join("；"))}>
                { for props.groups.iter().enumerate().map(|(i, g)| {
                    let y = i as f64 * ROW + 4.0;
                    html! {
                        <g>
                            <text x="0" y={(y + 15.0).to_string()}>{ &g.name }</text>
                            <rect class="bar-max" x={LABEL.to_string()} y={y.to_string()} height="18" width={bar(g.weight, max, room).to_string()} />
                            <rect class="bar" x={LABEL.to_string()} y={y.to_string()} height="18" width={bar(g.score, max, room).to_string()} />
                            <text x={(LABEL + room + 6.0).to_string()} y={(y + 15.0).to_string()}>
                                { format!("{} / {}{}", fmt_score(g.score), fmt_score(g.weight), if g.complete { "" } else { " *" }) }
                            </text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption class="hint">{ "深色为得分，浅色为分值；* 表示该项尚有指标未能评分。" }</figcaption>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct CompositionChartProps {
    pub title: AttrValue,
    /// (label, amount in 万元).
    pub parts: Vec<(String, Decimal)>,
}

/// Shares of a spending total, one bar each, with amount and percentage (worked out by the core).
#[function_component(CompositionChart)]
pub fn composition_chart(props: &CompositionChartProps) -> Html {
    let c = composition(&props.parts);
    let room = WIDTH - LABEL - 170.0;
    let height = ROW * c.parts.len() as f64 + 10.0;
    let summary: Vec<String> = c
        .parts
        .iter()
        .map(|p| format!("{} {} {}", p.name, p.amount_text, p.share_text))
        .collect();
    let classes = ["bar", "bar alt", "bar third"];
    html! {
        <figure>
            <figcaption><strong>{ props.title.clone() }</strong>{ format!("（合计 {}）", c.total_text) }</figcaption>
            <svg class="chart" viewBox={format!("0 0 {WIDTH} {height}")} width="100%" role="img"
                aria-label={format!("{}：{}", props.title, summary.join("；"))}>
                { for c.parts.iter().enumerate().map(|(i, part)| {
                    let y = i as f64 * ROW + 4.0;
                    html! {
                        <g>
                            <text x="0" y={(y + 15.0).to_string()}>{ &part.name }</text>
                            <rect class={classes.iter().cycle().nth(i).copied().unwrap_or("bar")} x={LABEL.to_string()} y={y.to_string()} height="18" width={bar(part.amount, c.total, room).to_string()} />
                            <text x={(LABEL + room + 6.0).to_string()} y={(y + 15.0).to_string()}>{ format!("{} {}", part.amount_text, part.share_text) }</text>
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
}
