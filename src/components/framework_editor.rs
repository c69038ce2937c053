//! The framework editor: provenance, grades and the tree 一级 → 二级 → 三级 with each indicator's rule, as forms.
//! Every control sends a core `FrameworkEdit`; what an edit does, and what is wrong with the result, is the core's.

use std::collections::BTreeSet;
use std::rc::Rc;

use rust_decimal::Decimal;
use yew::prelude::*;
use zipin_core::framework::{
    About, Band, End, Framework, FrameworkEdit, Indicator, NodeSum, Outcome, Parent, Place, Rule,
    RuleEdit, RuleKind, Side, Step, Where, ZeroCase, ZeroDenominator,
};
use zipin_core::metrics::Metric;
use zipin_core::number::fmt_plain;

use super::fields::{Checkbox, NumberField, NumberKind, SelectField, TextField};

/// A problem of the framework as the editor shows it: the id of the group it is about and the sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownProblem {
    pub target: AttrValue,
    pub message: AttrValue,
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub framework: Rc<Framework>,
    pub problems: Rc<Vec<ShownProblem>>,
    pub on_edit: Callback<FrameworkEdit>,
}

/// The whole editor. Ids start with `fw-` so they never meet the document's.
#[function_component(FrameworkEditor)]
pub fn framework_editor(props: &EditorProps) -> Html {
    let fw = &props.framework;
    let marked: Rc<BTreeSet<AttrValue>> =
        Rc::new(props.problems.iter().map(|p| p.target.clone()).collect());
    let ctx = Ctx {
        on_edit: props.on_edit.clone(),
        marked,
    };
    let total = fw.node_sum(Where::About);
    html! {
        <div class="fw-editor">
            { about(fw, &ctx) }
            { grades(fw, &ctx) }
            <section class="card" aria-labelledby="h-fw-tree">
                <h3 id="h-fw-tree">{ "指标与评分规则" }</h3>
                if let Some(total) = total {
                    <p class={classes!("fw-sum", total.is_wrong().then_some("wrong"))} aria-live="polite">{ total.line() }</p>
                }
                { for fw.level1.iter().enumerate().map(|(a, l1)| level1(fw, a, l1, &ctx)) }
                <button type="button" class="button small" onclick={ctx.click(FrameworkEdit::Add(Parent::Root))}>{ "添加一级指标" }</button>
            </section>
        </div>
    }
}

/// What every part of the editor needs: where edits go and which groups have problems.
struct Ctx {
    on_edit: Callback<FrameworkEdit>,
    marked: Rc<BTreeSet<AttrValue>>,
}

impl Ctx {
    fn click(&self, edit: FrameworkEdit) -> Callback<MouseEvent> {
        let on_edit = self.on_edit.clone();
        Callback::from(move |_: MouseEvent| on_edit.emit(edit.clone()))
    }

    fn send<T: 'static>(&self, to_edit: impl Fn(T) -> FrameworkEdit + 'static) -> Callback<T> {
        self.on_edit.reform(to_edit)
    }

    /// Sends an edit only when `to_edit` makes one (a select's value it does not know makes none).
    fn when<T: 'static>(
        &self,
        to_edit: impl Fn(T) -> Option<FrameworkEdit> + 'static,
    ) -> Callback<T> {
        let on_edit = self.on_edit.clone();
        Callback::from(move |value| {
            if let Some(edit) = to_edit(value) {
                on_edit.emit(edit);
            }
        })
    }

    fn rule<T: 'static>(
        &self,
        place: Place,
        to_edit: impl Fn(T) -> RuleEdit + 'static,
    ) -> Callback<T> {
        self.on_edit
            .reform(move |value| FrameworkEdit::Rule(place, to_edit(value)))
    }

    /// A select of the rule's: its key read back by the core (`from_key`); a key it does not know changes nothing.
    fn choice<K: 'static>(
        &self,
        place: Place,
        from_key: fn(&str) -> Option<K>,
        to_edit: impl Fn(K) -> RuleEdit + 'static,
    ) -> Callback<String> {
        self.when(move |key: String| {
            from_key(&key).map(|choice| FrameworkEdit::Rule(place, to_edit(choice)))
        })
    }

    fn group_class(&self, id: &str) -> Classes {
        classes!(
            "fw-group",
            self.marked
                .contains(&AttrValue::from(id.to_string()))
                .then_some("has-problem")
        )
    }
}

fn about(fw: &Framework, ctx: &Ctx) -> Html {
    html! {
        <section class={classes!("card", ctx.group_class("fw-about"))} id="fw-about" tabindex="-1" aria-labelledby="h-fw-about">
            <h3 id="h-fw-about">{ "框架概况与来源" }</h3>
            <div class="grid">
                { for About::ALL.into_iter().map(|item| {
                    let rows = matches!(item, About::Source | About::Dimensions).then_some(3);
                    html! {
                        <TextField id={format!("fw-about-{item:?}").to_lowercase()} label={item.label()} rows={rows}
                            value={item.text(fw)} on_change={ctx.send(move |text: String| FrameworkEdit::About(item, text))} />
                    }
                }) }
            </div>
            <p class="hint">{ "状态如“待核对”“已核对正式附件”，会显示在使用此框架的每一处。" }</p>
        </section>
    }
}

fn grades(fw: &Framework, ctx: &Ctx) -> Html {
    html! {
        <section class={classes!("card", ctx.group_class("fw-grades"))} id="fw-grades" tabindex="-1" aria-labelledby="h-fw-grades">
            <h3 id="h-fw-grades">{ "等次" }</h3>
            <p class="hint">{ "从高到低填写；总分不低于“最低分”即得该等次，最后一档应从 0 分起。" }</p>
            { for fw.grades.iter().enumerate().map(|(k, grade)| html! {
                <div class="fw-row" role="group" aria-label={format!("等次 {}", k.saturating_add(1))}>
                    <TextField id={format!("fw-grade-{k}-label")} label={format!("等次 {} 名称", k.saturating_add(1))} value={grade.label.clone()}
                        on_change={ctx.send(move |text: String| FrameworkEdit::GradeLabel(k, text))} />
                    <NumberField kept_by="评分框架" required=true id={format!("fw-grade-{k}-min")} label={format!("等次 {} 最低分", k.saturating_add(1))} unit="分" kind={NumberKind::Points}
                        value={Some(grade.min)} on_change={ctx.send(move |v: Option<Decimal>| FrameworkEdit::GradeMin(k, v.unwrap_or_default()))} />
                    <button type="button" class="button small" aria-label={format!("删除等次 {}", k.saturating_add(1))}
                        onclick={ctx.click(FrameworkEdit::RemoveGrade(k))}>{ "删除" }</button>
                </div>
            }) }
            <button type="button" class="button small" onclick={ctx.click(FrameworkEdit::AddGrade)}>{ "添加等次" }</button>
        </section>
    }
}

/// Up, down and remove for a node, each named with the node so a screen reader knows which.
fn node_tools(place: Place, title: &str, ctx: &Ctx) -> Html {
    html! {
        <div class="toolbar">
            <button type="button" class="button small" aria-label={format!("上移{title}")} onclick={ctx.click(FrameworkEdit::Move(place, true))}>{ "上移" }</button>
            <button type="button" class="button small" aria-label={format!("下移{title}")} onclick={ctx.click(FrameworkEdit::Move(place, false))}>{ "下移" }</button>
            <button type="button" class="button small danger" aria-label={format!("删除{title}")} onclick={ctx.click(FrameworkEdit::Remove(place))}>{ "删除" }</button>
        </div>
    }
}

/// Name and 分值 of a node.
fn name_and_weight(place: Place, name: &str, weight: Decimal, ctx: &Ctx) -> Html {
    let id = place.dom_id();
    html! {
        <>
            <TextField id={format!("{id}-name")} label={format!("{}名称", place.level_label())} value={name.to_string()}
                on_change={ctx.send(move |text: String| FrameworkEdit::Rename(place, text))} />
            <NumberField kept_by="评分框架" required=true id={format!("{id}-weight")} label="分值" unit="分" kind={NumberKind::Points} value={Some(weight)}
                on_change={ctx.send(move |v: Option<Decimal>| FrameworkEdit::Weight(place, v.unwrap_or_default()))} />
        </>
    }
}

/// "下级合计 x 分", marked when it is not the node's 分值 (the core's sum and sentence).
fn children_sum(sum: Option<NodeSum>) -> Html {
    let Some(sum) = sum else {
        return Html::default();
    };
    html! {
        <p class={classes!("fw-sum", sum.is_wrong().then_some("wrong"))}>{ sum.line() }</p>
    }
}

/// A 一级 or 二级 node: its name and 分值, tools, the sum of its children's 分值, the children, and a button to add
/// one.
struct Branch<'a> {
    place: Place,
    title: String,
    name: &'a str,
    weight: Decimal,
    sum: Option<NodeSum>,
    children_label: &'static str,
    children: Html,
    add: Parent,
}

fn branch(node: Branch, ctx: &Ctx) -> Html {
    let id = node.place.dom_id();
    let title = node.title;
    html! {
        <fieldset class={ctx.group_class(&id)} id={id.clone()} tabindex="-1">
            <legend>{ format!("{title}　{}", node.name) }</legend>
            <div class="fw-row">{ name_and_weight(node.place, node.name, node.weight, ctx) }</div>
            { node_tools(node.place, &title, ctx) }
            { children_sum(node.sum) }
            { node.children }
            <button type="button" class="button small" onclick={ctx.click(FrameworkEdit::Add(node.add))}
                aria-label={format!("在{title}下添加{}", node.children_label)}>{ format!("添加{}", node.children_label) }</button>
        </fieldset>
    }
}

fn level1(fw: &Framework, a: usize, l1: &zipin_core::framework::Level1, ctx: &Ctx) -> Html {
    let children: Html = l1
        .level2
        .iter()
        .enumerate()
        .map(|(b, l2)| level2(fw, a, b, l2, ctx))
        .collect();
    branch(
        Branch {
            place: Place::Level1(a),
            title: format!("一级指标 {}", a.saturating_add(1)),
            name: &l1.name,
            weight: l1.weight,
            sum: fw.node_sum(Where::Node(Place::Level1(a))),
            children_label: "二级指标",
            children,
            add: Parent::Level1(a),
        },
        ctx,
    )
}

fn level2(
    fw: &Framework,
    a: usize,
    b: usize,
    l2: &zipin_core::framework::Level2,
    ctx: &Ctx,
) -> Html {
    let children: Html = l2
        .indicators
        .iter()
        .enumerate()
        .map(|(c, ind)| {
            let place = Place::Indicator(a, b, c);
            let marked = ctx
                .marked
                .contains(&AttrValue::from(place.dom_id()));
            html! {
                <IndicatorEditor key={place.dom_id()} {place} indicator={ind.clone()} {marked} on_edit={ctx.on_edit.clone()} />
            }
        })
        .collect();
    branch(
        Branch {
            place: Place::Level2(a, b),
            title: format!("二级指标 {}.{}", a.saturating_add(1), b.saturating_add(1)),
            name: &l2.name,
            weight: l2.weight,
            sum: fw.node_sum(Where::Node(Place::Level2(a, b))),
            children_label: "三级指标",
            children,
            add: Parent::Level2(a, b),
        },
        ctx,
    )
}

#[derive(Properties, PartialEq)]
struct IndicatorProps {
    place: Place,
    indicator: Indicator,
    /// Whether a problem points here.
    marked: bool,
    on_edit: Callback<FrameworkEdit>,
}

/// One indicator, a component of its own so a keystroke re-renders only the indicator it changes (a framework may
/// have hundreds).
#[function_component(IndicatorEditor)]
fn indicator_editor(props: &IndicatorProps) -> Html {
    let marked: BTreeSet<AttrValue> = if props.marked {
        BTreeSet::from([AttrValue::from(props.place.dom_id())])
    } else {
        BTreeSet::new()
    };
    let ctx = Ctx {
        on_edit: props.on_edit.clone(),
        marked: Rc::new(marked),
    };
    indicator(props.place, &props.indicator, &ctx)
}

fn indicator(place: Place, ind: &Indicator, ctx: &Ctx) -> Html {
    let id = place.dom_id();
    let Place::Indicator(a, b, c) = place else {
        return Html::default();
    };
    let title = format!(
        "三级指标 {}.{}.{}",
        a.saturating_add(1),
        b.saturating_add(1),
        c.saturating_add(1)
    );
    let kind = RuleKind::of(&ind.rule);
    let generated = ind.rule.describe();
    html! {
        <fieldset class={ctx.group_class(&id)} id={id.clone()} tabindex="-1">
            <legend>{ format!("{title}　{}", ind.name) }</legend>
            <div class="fw-row">
                { name_and_weight(place, &ind.name, ind.weight, ctx) }
                <TextField id={format!("{id}-code")} label="指标编码" value={ind.id.clone()}
                    hint={AttrValue::from("文档按编码保存此指标的答案，已有文档使用后请勿随意修改")}
                    on_change={ctx.send(move |text: String| FrameworkEdit::IndicatorId(place, text))} />
            </div>
            { node_tools(place, &title, ctx) }
            <TextField id={format!("{id}-definition")} label="指标解释" rows={2} value={ind.definition.clone()}
                on_change={ctx.send(move |text: String| FrameworkEdit::Definition(place, text))} />
            <SelectField id={format!("{id}-kind")} label="评分方式"
                options={RuleKind::ALL.iter().map(|k| (AttrValue::from(k.key()), AttrValue::from(k.label()))).collect::<Vec<_>>()}
                selected={kind.key()}
                on_change={ctx.when(move |key: String| {
                    RuleKind::from_key(&key).map(|kind| FrameworkEdit::Rule(place, RuleEdit::Kind(kind)))
                })} />
            { rule_form(place, &ind.rule, ctx) }
            <TextField id={format!("{id}-standard")} label="评分标准" rows={3} value={ind.standard.clone()}
                on_change={ctx.send(move |text: String| FrameworkEdit::Standard(place, text))} />
            if ind.standard != generated {
                <div class="toolbar">
                    <span class="hint">{ format!("按规则生成：{generated}") }</span>
                    <button type="button" class="button small" aria-label={format!("{title}评分标准按规则生成")}
                        onclick={ctx.click(FrameworkEdit::GenerateStandard(place))}>{ "按规则生成" }</button>
                </div>
            }
        </fieldset>
    }
}

fn metric_select(place: Place, metric: Metric, ctx: &Ctx) -> Html {
    html! {
        <SelectField id={format!("{}-metric", place.dom_id())} label="计算指标"
            options={Metric::ALL.iter().map(|m| (AttrValue::from(m.key()), AttrValue::from(m.label()))).collect::<Vec<_>>()}
            selected={metric.key()}
            on_change={ctx.choice(place, Metric::from_key, RuleEdit::Metric)} />
    }
}

/// A select's options for a kind of choice, with the core's keys and words.
fn options<T: Copy>(
    all: &[T],
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(AttrValue, AttrValue)> {
    all.iter()
        .map(|&choice| (AttrValue::from(key(choice)), AttrValue::from(label(choice))))
        .collect()
}

fn outcome_options() -> Vec<(AttrValue, AttrValue)> {
    options(&Outcome::ALL, Outcome::key, Outcome::label)
}

fn zero_denominator(place: Place, zero: ZeroDenominator, ctx: &Ctx) -> Html {
    let id = place.dom_id();
    let case = |case: ZeroCase, outcome: Outcome| {
        html! {
            <SelectField id={format!("{id}-zero-{}", case.key())} label={case.label()} options={outcome_options()}
                selected={outcome.key()}
                on_change={ctx.choice(place, Outcome::from_key, move |outcome| RuleEdit::Zero(case, outcome))} />
        }
    };
    html! {
        <div class="fw-row">
            { case(ZeroCase::Nothing, zero.nothing) }
            { case(ZeroCase::Something, zero.something) }
        </div>
    }
}

/// A number of a rule: a percentage a rate is compared with (unit %, any decimal) or points (unit 分, at most two
/// decimals). Emptied, it counts as 0 and validation says what is wrong.
fn rule_number(
    id: String,
    label: String,
    unit: &'static str,
    value: Decimal,
    to_edit: impl Fn(Decimal) -> RuleEdit + 'static,
    place: Place,
    ctx: &Ctx,
) -> Html {
    let kind = if unit == "%" {
        NumberKind::Decimal
    } else {
        NumberKind::Points
    };
    html! {
        <NumberField kept_by="评分框架" required=true {id} {label} {unit} {kind} value={Some(value)}
            on_change={ctx.rule(place, move |v: Option<Decimal>| to_edit(v.unwrap_or_default()))} />
    }
}

fn rule_form(place: Place, rule: &Rule, ctx: &Ctx) -> Html {
    let id = place.dom_id();
    match rule {
        Rule::Proportional {
            metric,
            target,
            reverse,
            zero_denominator: zero,
        } => html! {
            <div class="fw-rule">
                <div class="fw-row">
                    { metric_select(place, *metric, ctx) }
                    { rule_number(format!("{id}-target"), "满分值".into(), "%", *target, RuleEdit::Target, place, ctx) }
                </div>
                <Checkbox id={format!("{id}-reverse")} label="反向计分（越低越好：目标值 ÷ 实际值）" checked={*reverse}
                    on_change={ctx.rule(place, RuleEdit::Reverse)} />
                { zero_denominator(place, *zero, ctx) }
            </div>
        },
        Rule::ThresholdDeduct {
            metric,
            standard,
            deduct_when,
            per_point,
            step,
            zero_denominator: zero,
        } => {
            html! {
                <div class="fw-rule">
                    <div class="fw-row">
                        { metric_select(place, *metric, ctx) }
                        { rule_number(format!("{id}-standard-value"), "标准值".into(), "%", *standard, RuleEdit::Standard, place, ctx) }
                        <SelectField id={format!("{id}-side")} label="扣分方向"
                            options={options(&Side::ALL, Side::key, Side::label)}
                            selected={deduct_when.key()}
                            on_change={ctx.choice(place, Side::from_key, RuleEdit::DeductWhen)} />
                        { rule_number(format!("{id}-per-point"), "每个百分点扣分".into(), "分", *per_point, RuleEdit::PerPoint, place, ctx) }
                        <SelectField id={format!("{id}-step")} label="百分点计法"
                            options={options(&Step::ALL, Step::key, Step::label)}
                            selected={step.key()}
                            on_change={ctx.choice(place, Step::from_key, RuleEdit::Step)} />
                    </div>
                    { zero_denominator(place, *zero, ctx) }
                </div>
            }
        }
        Rule::Bands {
            metric,
            bands,
            zero_denominator: zero,
        } => html! {
            <div class="fw-rule">
                { metric_select(place, *metric, ctx) }
                { for bands.iter().enumerate().map(|(k, band)| band_row(place, k, band, ctx)) }
                <button type="button" class="button small" onclick={ctx.click(FrameworkEdit::Rule(place, RuleEdit::AddBand))}>{ "添加一档" }</button>
                { zero_denominator(place, *zero, ctx) }
            </div>
        },
        Rule::Checklist { items } => entry_rows(
            place,
            &CHECKLIST_ITEMS,
            items
                .iter()
                .map(|i| (i.id.as_str(), i.text.as_str(), i.points)),
            ctx,
        ),
        Rule::DeductPerCase {
            per_case,
            case_label,
        } => html! {
            <div class="fw-rule fw-row">
                { rule_number(format!("{id}-per-case"), "每例扣分".into(), "分", *per_case, RuleEdit::PerCase, place, ctx) }
                <TextField id={format!("{id}-case-label")} label="问题说明（一例指什么）" value={case_label.clone()} class="wide"
                    on_change={ctx.rule(place, RuleEdit::CaseLabel)} />
            </div>
        },
        Rule::Choice { options } => entry_rows(
            place,
            &CHOICE_OPTIONS,
            options
                .iter()
                .map(|o| (o.id.as_str(), o.text.as_str(), o.score)),
            ctx,
        ),
        Rule::Targets {
            level1,
            over_achievement_flag,
        } => html! {
            <div class="fw-rule fw-row">
                <TextField id={format!("{id}-targets-level1")} label="计入的绩效目标一级指标（用“、”分隔，空为全部）"
                    value={level1.join("、")} class="wide"
                    on_change={ctx.rule(place, RuleEdit::TargetsLevel1)} />
                { rule_number(format!("{id}-over"), "超额完成提示线".into(), "%", *over_achievement_flag, RuleEdit::OverAchievement, place, ctx) }
            </div>
        },
        Rule::Manual => html! {
            <p class="hint">{ "人工评分：评价人在“支出与管理”中直接填写 0 至分值之间的得分。" }</p>
        },
    }
}

/// The entries of a checklist (items with points) or a choice (options with scores), and the edits for them.
struct Entries {
    /// 检查项 or 选项.
    noun: &'static str,
    /// 分值 or 得分.
    points: &'static str,
    key: &'static str,
    text: fn(usize, String) -> RuleEdit,
    score: fn(usize, Decimal) -> RuleEdit,
    code: fn(usize, String) -> RuleEdit,
    remove: fn(usize) -> RuleEdit,
    add: RuleEdit,
}

const CHECKLIST_ITEMS: Entries = Entries {
    noun: "检查项",
    points: "分值",
    key: "item",
    text: RuleEdit::ItemText,
    score: RuleEdit::ItemPoints,
    code: RuleEdit::ItemId,
    remove: RuleEdit::RemoveItem,
    add: RuleEdit::AddItem,
};

const CHOICE_OPTIONS: Entries = Entries {
    noun: "选项",
    points: "得分",
    key: "option",
    text: RuleEdit::OptionText,
    score: RuleEdit::OptionScore,
    code: RuleEdit::OptionId,
    remove: RuleEdit::RemoveOption,
    add: RuleEdit::AddOption,
};

/// One row per entry (text, points, code, remove), then a button to add one.
fn entry_rows<'a>(
    place: Place,
    entries: &'static Entries,
    rows: impl Iterator<Item = (&'a str, &'a str, Decimal)>,
    ctx: &Ctx,
) -> Html {
    let id = place.dom_id();
    let Entries {
        noun, points, key, ..
    } = *entries;
    html! {
        <div class="fw-rule">
            { for rows.enumerate().map(|(k, (code, text, score))| {
                let n = k.saturating_add(1);
                html! {
                    <div class="fw-row" role="group" aria-label={format!("{noun} {n}")}>
                        <TextField id={format!("{id}-{key}-{k}-text")} label={format!("{noun} {n} 内容")} value={text.to_string()} class="wide"
                            on_change={ctx.rule(place, move |t: String| (entries.text)(k, t))} />
                        { rule_number(format!("{id}-{key}-{k}-points"), format!("{noun} {n} {points}"), "分", score, move |v| (entries.score)(k, v), place, ctx) }
                        <TextField id={format!("{id}-{key}-{k}-code")} label={format!("{noun} {n} 编码")} value={code.to_string()}
                            on_change={ctx.rule(place, move |t: String| (entries.code)(k, t))} />
                        <button type="button" class="button small" aria-label={format!("删除{noun} {n}")}
                            onclick={ctx.click(FrameworkEdit::Rule(place, (entries.remove)(k)))}>{ "删除" }</button>
                    </div>
                }
            }) }
            <button type="button" class="button small" onclick={ctx.click(FrameworkEdit::Rule(place, entries.add.clone()))}>{ format!("添加{noun}") }</button>
        </div>
    }
}

fn band_row(place: Place, k: usize, band: &Band, ctx: &Ctx) -> Html {
    let id = format!("{}-band-{k}", place.dom_id());
    let n = k.saturating_add(1);
    let bound = |end: End, bound: Option<zipin_core::framework::Bound>| {
        let value = bound.map(|b| b.value);
        let inclusive = bound.is_some_and(|b| b.inclusive);
        let (end_key, name) = (end.key(), end.label());
        html! {
            <>
                <NumberField kept_by="评分框架" id={format!("{id}-{end_key}")} label={format!("第 {n} 档{name}")} unit="%" kind={NumberKind::Decimal} value={value}
                    on_change={ctx.rule(place, move |v: Option<Decimal>| RuleEdit::BandBound(k, end, v))} />
                if value.is_some() {
                    <Checkbox id={format!("{id}-{end_key}-inclusive")} label={format!("第 {n} 档含{name}")} checked={inclusive}
                        on_change={ctx.rule(place, move |on: bool| RuleEdit::BandInclusive(k, end, on))} />
                }
            </>
        }
    };
    html! {
        <div class="fw-row" role="group" aria-label={format!("第 {n} 档 {}", band.describe("%"))}>
            { bound(End::Lower, band.lower) }
            { bound(End::Upper, band.upper) }
            { rule_number(format!("{id}-score"), format!("第 {n} 档得分"), "分", band.score, move |v| RuleEdit::BandScore(k, v), place, ctx) }
            <button type="button" class="button small" aria-label={format!("删除第 {n} 档")}
                onclick={ctx.click(FrameworkEdit::Rule(place, RuleEdit::RemoveBand(k)))}>{ "删除" }</button>
            <span class="hint">{ format!("区间 {}，得 {} 分", band.describe("%"), fmt_plain(band.score)) }</span>
        </div>
    }
}
