//! Edits to a framework as data, as for documents: the editor only says what was typed or clicked, and
//! [`Framework::apply`] changes the framework — the rules of how (ids for new entries, the 评分标准 following the
//! rule until the officer writes their own, the caps) live here, tested natively.
//!
//! A framework being edited may be unsound (weights not adding up, bands overlapping): that is for
//! [`Framework::validate`] to say, not for an edit to refuse. An edit is refused only when it cannot be carried out
//! (no such place) or would pass a cap.

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

use super::{
    Band, Bound, ChecklistItem, ChoiceOption, Framework, Grade, Indicator, Level1, Level2, Outcome,
    Rule, Side, Step, ZeroDenominator,
};
use crate::caps;
use crate::metrics::Metric;

/// A node of the tree 一级 → 二级 → 三级, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Place {
    Level1(usize),
    Level2(usize, usize),
    Indicator(usize, usize, usize),
}

impl Place {
    /// The id of the node's group in the editor, the target of a problem's link.
    pub fn dom_id(self) -> String {
        match self {
            Place::Level1(a) => format!("fw-{a}"),
            Place::Level2(a, b) => format!("fw-{a}-{b}"),
            Place::Indicator(a, b, c) => format!("fw-{a}-{b}-{c}"),
        }
    }

    /// 一级, 二级 or 三级.
    pub fn level_label(self) -> &'static str {
        match self {
            Place::Level1(_) => "一级指标",
            Place::Level2(..) => "二级指标",
            Place::Indicator(..) => "三级指标",
        }
    }
}

/// Where a new node goes: at the end of the children of `Root` (a 一级), a 一级 (a 二级) or a 二级 (a 三级).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Parent {
    Root,
    Level1(usize),
    Level2(usize, usize),
}

/// A text of the framework as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum About {
    /// 框架编码: the stable id.
    Id,
    Name,
    /// 文号 of the document the framework comes from.
    Reference,
    Source,
    /// 待核对, 已核对正式附件 …
    Status,
    /// The report's dimensions, one per line.
    Dimensions,
}

impl About {
    pub const ALL: [About; 6] = [
        About::Name,
        About::Id,
        About::Reference,
        About::Status,
        About::Source,
        About::Dimensions,
    ];

    pub fn label(self) -> &'static str {
        match self {
            About::Id => "框架编码",
            About::Name => "框架名称",
            About::Reference => "文号",
            About::Source => "来源说明",
            About::Status => "状态",
            About::Dimensions => "报告维度（每行一个）",
        }
    }

    pub fn text(self, framework: &Framework) -> String {
        match self {
            About::Id => framework.id.clone(),
            About::Name => framework.name.clone(),
            About::Reference => framework.reference.clone(),
            About::Source => framework.source.clone(),
            About::Status => framework.status.clone(),
            About::Dimensions => framework.dimensions.join("\n"),
        }
    }

    fn cap(self) -> usize {
        match self {
            About::Source => caps::TEXT_CHARS,
            About::Id => caps::KEY_CHARS,
            About::Dimensions => caps::NAME_CHARS * caps::RULE_ENTRIES,
            _ => caps::NAME_CHARS,
        }
    }
}

/// The eight kinds of rule the core scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RuleKind {
    Proportional,
    ThresholdDeduct,
    Bands,
    Checklist,
    DeductPerCase,
    Choice,
    Targets,
    Manual,
}

impl RuleKind {
    pub const ALL: [RuleKind; 8] = [
        RuleKind::Proportional,
        RuleKind::ThresholdDeduct,
        RuleKind::Bands,
        RuleKind::Checklist,
        RuleKind::DeductPerCase,
        RuleKind::Choice,
        RuleKind::Targets,
        RuleKind::Manual,
    ];

    pub fn of(rule: &Rule) -> RuleKind {
        match rule {
            Rule::Proportional { .. } => RuleKind::Proportional,
            Rule::ThresholdDeduct { .. } => RuleKind::ThresholdDeduct,
            Rule::Bands { .. } => RuleKind::Bands,
            Rule::Checklist { .. } => RuleKind::Checklist,
            Rule::DeductPerCase { .. } => RuleKind::DeductPerCase,
            Rule::Choice { .. } => RuleKind::Choice,
            Rule::Targets { .. } => RuleKind::Targets,
            Rule::Manual => RuleKind::Manual,
        }
    }

    /// The name the editor offers, as 评分标准 call it.
    pub fn label(self) -> &'static str {
        match self {
            RuleKind::Proportional => "按比例计分",
            RuleKind::ThresholdDeduct => "超出标准按百分点扣分",
            RuleKind::Bands => "分档计分",
            RuleKind::Checklist => "逐项检查计分",
            RuleKind::DeductPerCase => "按问题数扣分",
            RuleKind::Choice => "选项计分",
            RuleKind::Targets => "按绩效目标完成情况计分",
            RuleKind::Manual => "人工评分",
        }
    }

    /// The key the editor's select uses.
    pub fn key(self) -> &'static str {
        match self {
            RuleKind::Proportional => "proportional",
            RuleKind::ThresholdDeduct => "threshold_deduct",
            RuleKind::Bands => "bands",
            RuleKind::Checklist => "checklist",
            RuleKind::DeductPerCase => "deduct_per_case",
            RuleKind::Choice => "choice",
            RuleKind::Targets => "targets",
            RuleKind::Manual => "manual",
        }
    }

    pub fn from_key(key: &str) -> Option<RuleKind> {
        RuleKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// A rule of this kind to start from. A rule that reads a figure keeps the metric of the rule it replaces.
    fn start(self, metric: Metric) -> Rule {
        match self {
            RuleKind::Proportional => Rule::Proportional {
                metric,
                target: Decimal::ONE_HUNDRED,
                reverse: false,
                zero_denominator: ZeroDenominator::default(),
            },
            RuleKind::ThresholdDeduct => Rule::ThresholdDeduct {
                metric,
                standard: Decimal::ONE_HUNDRED,
                deduct_when: Side::Above,
                per_point: Decimal::ONE,
                step: Step::Continuous,
                zero_denominator: ZeroDenominator::default(),
            },
            RuleKind::Bands => Rule::Bands {
                metric,
                bands: vec![Band {
                    lower: None,
                    upper: None,
                    score: Decimal::ZERO,
                }],
                zero_denominator: ZeroDenominator::default(),
            },
            RuleKind::Checklist => Rule::Checklist {
                items: vec![ChecklistItem {
                    id: "i1".to_string(),
                    text: String::new(),
                    points: Decimal::ZERO,
                }],
            },
            RuleKind::DeductPerCase => Rule::DeductPerCase {
                per_case: Decimal::ONE,
                case_label: String::new(),
            },
            RuleKind::Choice => Rule::Choice {
                options: vec![ChoiceOption {
                    id: "o1".to_string(),
                    text: String::new(),
                    score: Decimal::ZERO,
                }],
            },
            RuleKind::Targets => Rule::Targets {
                level1: Vec::new(),
                over_achievement_flag: Decimal::from(150),
            },
            RuleKind::Manual => Rule::Manual,
        }
    }
}

/// Which bound of a band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum End {
    Lower,
    Upper,
}

/// What a zero denominator gives: when the numerator is zero too, or above zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ZeroCase {
    Nothing,
    Something,
}

/// One change to an indicator's rule. A change that does not fit the rule's kind (a band for a checklist) is
/// refused.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum RuleEdit {
    /// Another kind of rule, started from its defaults.
    Kind(RuleKind),
    Metric(Metric),
    /// A proportional rule's 满分值 (percent).
    Target(Decimal),
    Reverse(bool),
    Zero(ZeroCase, Outcome),
    /// A threshold rule's 标准值 (percent).
    Standard(Decimal),
    DeductWhen(Side),
    PerPoint(Decimal),
    Step(Step),
    AddBand,
    RemoveBand(usize),
    /// A band's bound; `None` is unbounded on that side.
    BandBound(usize, End, Option<Decimal>),
    BandInclusive(usize, End, bool),
    BandScore(usize, Decimal),
    AddItem,
    RemoveItem(usize),
    ItemId(usize, String),
    ItemText(usize, String),
    ItemPoints(usize, Decimal),
    PerCase(Decimal),
    CaseLabel(String),
    AddOption,
    RemoveOption(usize),
    OptionId(usize, String),
    OptionText(usize, String),
    OptionScore(usize, Decimal),
    /// The 一级 of the 绩效目标 rows scored, separated by 、，, or new lines; empty for every row.
    TargetsLevel1(String),
    OverAchievement(Decimal),
}

/// One change to a framework.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum FrameworkEdit {
    About(About, String),
    /// A new node at the end of `Parent`'s children.
    Add(Parent),
    Remove(Place),
    /// One step up (`true`) or down among its siblings.
    Move(Place, bool),
    Rename(Place, String),
    Weight(Place, Decimal),
    /// 指标编码: the key a document's answers are stored under.
    IndicatorId(Place, String),
    /// 指标解释.
    Definition(Place, String),
    /// 评分标准 in the officer's words.
    Standard(Place, String),
    /// 评分标准 back to the rule's own words.
    GenerateStandard(Place),
    Rule(Place, RuleEdit),
    AddGrade,
    RemoveGrade(usize),
    GradeLabel(usize, String),
    GradeMin(usize, Decimal),
}

impl RuleEdit {
    /// What a value edit types into, within its rule (`band2.upper`); `None` for a step of its own.
    fn value_key(&self) -> Option<String> {
        let key = match self {
            RuleEdit::Target(_) => "target".to_string(),
            RuleEdit::Standard(_) => "standard".to_string(),
            RuleEdit::PerPoint(_) => "per_point".to_string(),
            RuleEdit::PerCase(_) => "per_case".to_string(),
            RuleEdit::CaseLabel(_) => "case_label".to_string(),
            RuleEdit::OverAchievement(_) => "over".to_string(),
            RuleEdit::TargetsLevel1(_) => "targets_level1".to_string(),
            RuleEdit::BandBound(k, end, _) => format!("band{k}.{end:?}"),
            RuleEdit::BandScore(k, _) => format!("band{k}.score"),
            RuleEdit::ItemId(k, _) => format!("item{k}.id"),
            RuleEdit::ItemText(k, _) => format!("item{k}.text"),
            RuleEdit::ItemPoints(k, _) => format!("item{k}.points"),
            RuleEdit::OptionId(k, _) => format!("option{k}.id"),
            RuleEdit::OptionText(k, _) => format!("option{k}.text"),
            RuleEdit::OptionScore(k, _) => format!("option{k}.score"),
            _ => return None,
        };
        Some(key)
    }
}

impl FrameworkEdit {
    /// What the edit types into, for undo: consecutive edits with the same key (keystrokes in one field) make one
    /// undo step. `None` for a step of its own (add, remove, move, another kind of rule …).
    pub fn undo_key(&self) -> Option<String> {
        let key = match self {
            FrameworkEdit::About(about, _) => format!("about.{about:?}"),
            FrameworkEdit::Rename(place, _) => format!("{}.name", place.dom_id()),
            FrameworkEdit::Weight(place, _) => format!("{}.weight", place.dom_id()),
            FrameworkEdit::IndicatorId(place, _) => format!("{}.code", place.dom_id()),
            FrameworkEdit::Definition(place, _) => format!("{}.definition", place.dom_id()),
            FrameworkEdit::Standard(place, _) => format!("{}.standard", place.dom_id()),
            FrameworkEdit::Rule(place, change) => {
                format!("{}.{}", place.dom_id(), change.value_key()?)
            }
            FrameworkEdit::GradeLabel(k, _) => format!("grade{k}.label"),
            FrameworkEdit::GradeMin(k, _) => format!("grade{k}.min"),
            FrameworkEdit::Add(_)
            | FrameworkEdit::Remove(_)
            | FrameworkEdit::Move(..)
            | FrameworkEdit::GenerateStandard(_)
            | FrameworkEdit::AddGrade
            | FrameworkEdit::RemoveGrade(_) => return None,
        };
        Some(key)
    }
}

/// Why an edit was not carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameworkEditError {
    /// The place or entry does not exist (the framework changed under the editor).
    NoSuchPlace,
    /// The change does not fit the indicator's kind of rule.
    NotThisRule,
    /// A text beyond its cap (characters).
    TooLong { cap: usize },
    /// As many as the caps allow already.
    Full { cap: usize },
}

impl fmt::Display for FrameworkEditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameworkEditError::NoSuchPlace => f.write_str("该位置已不存在，请重试"),
            FrameworkEditError::NotThisRule => f.write_str("该设置不适用于此评分方式"),
            FrameworkEditError::TooLong { cap } => write!(f, "内容过长（上限 {cap} 字）"),
            FrameworkEditError::Full { cap } => write!(f, "已达上限（{cap} 个），不能再添加"),
        }
    }
}

type Done = Result<(), FrameworkEditError>;

fn capped(text: &str, cap: usize) -> Result<String, FrameworkEditError> {
    // Bytes bound characters from above: only a long text needs counting.
    if text.len() > cap && text.chars().count() > cap {
        return Err(FrameworkEditError::TooLong { cap });
    }
    Ok(text.to_string())
}

fn room(len: usize, cap: usize) -> Done {
    if len >= cap {
        Err(FrameworkEditError::Full { cap })
    } else {
        Ok(())
    }
}

/// The first `{prefix}{n}` (n from 1) that `taken` does not hold.
fn fresh_id<'a>(prefix: &str, taken: impl Iterator<Item = &'a str>) -> String {
    let taken: std::collections::HashSet<&str> = taken.collect();
    // One of the first len + 1 candidates is free.
    (1..=taken.len().saturating_add(1))
        .map(|n| format!("{prefix}{n}"))
        .find(|id| !taken.contains(id.as_str()))
        .unwrap_or_default()
}

fn entry<T>(list: &mut [T], at: usize) -> Result<&mut T, FrameworkEditError> {
    list.get_mut(at).ok_or(FrameworkEditError::NoSuchPlace)
}

fn remove_at<T>(list: &mut Vec<T>, at: usize) -> Done {
    if at < list.len() {
        list.remove(at);
        Ok(())
    } else {
        Err(FrameworkEditError::NoSuchPlace)
    }
}

fn move_at<T>(list: &mut [T], at: usize, up: bool) -> Done {
    if at >= list.len() {
        return Err(FrameworkEditError::NoSuchPlace);
    }
    let other = if up {
        at.checked_sub(1)
    } else {
        at.checked_add(1)
    };
    match other {
        Some(other) if other < list.len() => {
            list.swap(at, other);
            Ok(())
        }
        // Already first or last: nothing to do.
        _ => Ok(()),
    }
}

impl Framework {
    /// Carries out one edit.
    pub fn apply(&mut self, edit: &FrameworkEdit) -> Result<(), FrameworkEditError> {
        match edit {
            FrameworkEdit::About(about, text) => {
                let text = capped(text, about.cap())?;
                match about {
                    About::Id => self.id = text.trim().to_string(),
                    About::Name => self.name = text,
                    About::Reference => self.reference = text,
                    About::Source => self.source = text,
                    About::Status => self.status = text,
                    About::Dimensions => {
                        let lines: Vec<String> = text
                            .lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty())
                            .map(str::to_string)
                            .collect();
                        room(lines.len().saturating_sub(1), caps::RULE_ENTRIES)?;
                        self.dimensions = lines;
                    }
                }
                Ok(())
            }
            FrameworkEdit::Add(parent) => self.add(*parent),
            FrameworkEdit::Remove(place) => match *place {
                Place::Level1(a) => remove_at(&mut self.level1, a),
                Place::Level2(a, b) => remove_at(&mut entry(&mut self.level1, a)?.level2, b),
                Place::Indicator(a, b, c) => remove_at(&mut self.level2_mut(a, b)?.indicators, c),
            },
            FrameworkEdit::Move(place, up) => match *place {
                Place::Level1(a) => move_at(&mut self.level1, a, *up),
                Place::Level2(a, b) => move_at(&mut entry(&mut self.level1, a)?.level2, b, *up),
                Place::Indicator(a, b, c) => {
                    move_at(&mut self.level2_mut(a, b)?.indicators, c, *up)
                }
            },
            FrameworkEdit::Rename(place, name) => {
                let name = capped(name, caps::NAME_CHARS)?;
                match *place {
                    Place::Level1(a) => entry(&mut self.level1, a)?.name = name,
                    Place::Level2(a, b) => self.level2_mut(a, b)?.name = name,
                    Place::Indicator(..) => self.indicator_mut(*place)?.name = name,
                }
                Ok(())
            }
            FrameworkEdit::Weight(place, weight) => {
                match *place {
                    Place::Level1(a) => entry(&mut self.level1, a)?.weight = *weight,
                    Place::Level2(a, b) => self.level2_mut(a, b)?.weight = *weight,
                    Place::Indicator(..) => self.indicator_mut(*place)?.weight = *weight,
                }
                Ok(())
            }
            FrameworkEdit::IndicatorId(place, id) => {
                let id = capped(id.trim(), caps::KEY_CHARS)?;
                self.indicator_mut(*place)?.id = id;
                Ok(())
            }
            FrameworkEdit::Definition(place, text) => {
                let text = capped(text, caps::TEXT_CHARS)?;
                self.indicator_mut(*place)?.definition = text;
                Ok(())
            }
            FrameworkEdit::Standard(place, text) => {
                let text = capped(text, caps::TEXT_CHARS)?;
                self.indicator_mut(*place)?.standard = text;
                Ok(())
            }
            FrameworkEdit::GenerateStandard(place) => {
                let indicator = self.indicator_mut(*place)?;
                indicator.standard = indicator.rule.describe();
                Ok(())
            }
            FrameworkEdit::Rule(place, change) => {
                let indicator = self.indicator_mut(*place)?;
                let follows = indicator.standard.trim().is_empty()
                    || indicator.standard == indicator.rule.describe();
                change_rule(&mut indicator.rule, change)?;
                // Words the officer has not changed follow the rule; their own words stay.
                if follows {
                    indicator.standard = indicator.rule.describe();
                }
                Ok(())
            }
            FrameworkEdit::AddGrade => {
                room(self.grades.len(), caps::RULE_ENTRIES)?;
                self.grades.push(Grade {
                    label: String::new(),
                    min: Decimal::ZERO,
                });
                Ok(())
            }
            FrameworkEdit::RemoveGrade(at) => remove_at(&mut self.grades, *at),
            FrameworkEdit::GradeLabel(at, label) => {
                let label = capped(label, caps::NAME_CHARS)?;
                entry(&mut self.grades, *at)?.label = label;
                Ok(())
            }
            FrameworkEdit::GradeMin(at, min) => {
                entry(&mut self.grades, *at)?.min = *min;
                Ok(())
            }
        }
    }

    /// The node at `place`, if the framework has it.
    pub fn has(&self, place: Place) -> bool {
        match place {
            Place::Level1(a) => a < self.level1.len(),
            Place::Level2(a, b) => self.level1.get(a).is_some_and(|l1| b < l1.level2.len()),
            Place::Indicator(a, b, c) => self
                .level1
                .get(a)
                .and_then(|l1| l1.level2.get(b))
                .is_some_and(|l2| c < l2.indicators.len()),
        }
    }

    fn level2_mut(&mut self, a: usize, b: usize) -> Result<&mut Level2, FrameworkEditError> {
        entry(&mut entry(&mut self.level1, a)?.level2, b)
    }

    fn indicator_mut(&mut self, place: Place) -> Result<&mut Indicator, FrameworkEditError> {
        match place {
            Place::Indicator(a, b, c) => entry(&mut self.level2_mut(a, b)?.indicators, c),
            _ => Err(FrameworkEditError::NoSuchPlace),
        }
    }

    fn count_level2(&self) -> usize {
        self.level1.iter().flat_map(|l1| &l1.level2).count()
    }

    fn add(&mut self, parent: Parent) -> Done {
        match parent {
            Parent::Root => {
                room(self.level1.len(), caps::LEVEL1)?;
                self.level1.push(Level1 {
                    name: String::new(),
                    weight: Decimal::ZERO,
                    level2: Vec::new(),
                });
            }
            Parent::Level1(a) => {
                room(self.count_level2(), caps::LEVEL2)?;
                entry(&mut self.level1, a)?.level2.push(Level2 {
                    name: String::new(),
                    weight: Decimal::ZERO,
                    indicators: Vec::new(),
                });
            }
            Parent::Level2(a, b) => {
                room(self.indicators().count(), caps::INDICATORS)?;
                let id = fresh_id("ind", self.indicators().map(|(_, _, ind)| ind.id.as_str()));
                let rule = Rule::Manual;
                let standard = rule.describe();
                self.level2_mut(a, b)?.indicators.push(Indicator {
                    id,
                    name: String::new(),
                    weight: Decimal::ZERO,
                    definition: String::new(),
                    standard,
                    rule,
                });
            }
        }
        Ok(())
    }
}

/// The metric a rule reads, if it reads one.
fn metric_of(rule: &Rule) -> Option<Metric> {
    match rule {
        Rule::Proportional { metric, .. }
        | Rule::ThresholdDeduct { metric, .. }
        | Rule::Bands { metric, .. } => Some(*metric),
        _ => None,
    }
}

fn bound_of(band: &mut Band, end: End) -> &mut Option<Bound> {
    match end {
        End::Lower => &mut band.lower,
        End::Upper => &mut band.upper,
    }
}

fn change_rule(rule: &mut Rule, change: &RuleEdit) -> Done {
    use FrameworkEditError::NotThisRule;
    match (change, &mut *rule) {
        (RuleEdit::Kind(kind), _) => {
            if RuleKind::of(rule) != *kind {
                let metric = metric_of(rule).unwrap_or(Metric::BudgetExecutionRate);
                *rule = kind.start(metric);
            }
        }
        (
            RuleEdit::Metric(new),
            Rule::Proportional { metric, .. }
            | Rule::ThresholdDeduct { metric, .. }
            | Rule::Bands { metric, .. },
        ) => *metric = *new,
        (RuleEdit::Zero(case, outcome), _) => {
            let zero = rule.zero_denominator_mut().ok_or(NotThisRule)?;
            match case {
                ZeroCase::Nothing => zero.nothing = *outcome,
                ZeroCase::Something => zero.something = *outcome,
            }
        }
        (RuleEdit::Target(value), Rule::Proportional { target, .. }) => *target = *value,
        (RuleEdit::Reverse(value), Rule::Proportional { reverse, .. }) => *reverse = *value,
        (RuleEdit::Standard(value), Rule::ThresholdDeduct { standard, .. }) => *standard = *value,
        (RuleEdit::DeductWhen(value), Rule::ThresholdDeduct { deduct_when, .. }) => {
            *deduct_when = *value
        }
        (RuleEdit::PerPoint(value), Rule::ThresholdDeduct { per_point, .. }) => *per_point = *value,
        (RuleEdit::Step(value), Rule::ThresholdDeduct { step, .. }) => *step = *value,
        (RuleEdit::AddBand, Rule::Bands { bands, .. }) => {
            room(bands.len(), caps::RULE_ENTRIES)?;
            // A new band starts where the last one ends, on the other side of its bound.
            let lower = bands.last().and_then(|b| b.upper).map(|upper| Bound {
                value: upper.value,
                inclusive: !upper.inclusive,
            });
            bands.push(Band {
                lower,
                upper: None,
                score: Decimal::ZERO,
            });
        }
        (RuleEdit::RemoveBand(at), Rule::Bands { bands, .. }) => remove_at(bands, *at)?,
        (RuleEdit::BandBound(at, end, value), Rule::Bands { bands, .. }) => {
            let bound = bound_of(entry(bands, *at)?, *end);
            *bound = value.map(|value| Bound {
                value,
                // A new bound is inclusive below and exclusive above, the common [a, b).
                inclusive: bound.map_or(*end == End::Lower, |b| b.inclusive),
            });
        }
        (RuleEdit::BandInclusive(at, end, inclusive), Rule::Bands { bands, .. }) => {
            match bound_of(entry(bands, *at)?, *end) {
                Some(bound) => bound.inclusive = *inclusive,
                // An unbounded side has no inclusivity to set.
                None => return Err(FrameworkEditError::NoSuchPlace),
            }
        }
        (RuleEdit::BandScore(at, score), Rule::Bands { bands, .. }) => {
            entry(bands, *at)?.score = *score
        }
        (RuleEdit::AddItem, Rule::Checklist { items }) => {
            room(items.len(), caps::RULE_ENTRIES)?;
            let id = fresh_id("i", items.iter().map(|i| i.id.as_str()));
            items.push(ChecklistItem {
                id,
                text: String::new(),
                points: Decimal::ZERO,
            });
        }
        (RuleEdit::RemoveItem(at), Rule::Checklist { items }) => remove_at(items, *at)?,
        (RuleEdit::ItemId(at, id), Rule::Checklist { items }) => {
            entry(items, *at)?.id = capped(id.trim(), caps::KEY_CHARS)?
        }
        (RuleEdit::ItemText(at, text), Rule::Checklist { items }) => {
            entry(items, *at)?.text = capped(text, caps::NAME_CHARS)?
        }
        (RuleEdit::ItemPoints(at, points), Rule::Checklist { items }) => {
            entry(items, *at)?.points = *points
        }
        (RuleEdit::PerCase(value), Rule::DeductPerCase { per_case, .. }) => *per_case = *value,
        (RuleEdit::CaseLabel(text), Rule::DeductPerCase { case_label, .. }) => {
            *case_label = capped(text, caps::NAME_CHARS)?
        }
        (RuleEdit::AddOption, Rule::Choice { options }) => {
            room(options.len(), caps::RULE_ENTRIES)?;
            let id = fresh_id("o", options.iter().map(|o| o.id.as_str()));
            options.push(ChoiceOption {
                id,
                text: String::new(),
                score: Decimal::ZERO,
            });
        }
        (RuleEdit::RemoveOption(at), Rule::Choice { options }) => remove_at(options, *at)?,
        (RuleEdit::OptionId(at, id), Rule::Choice { options }) => {
            entry(options, *at)?.id = capped(id.trim(), caps::KEY_CHARS)?
        }
        (RuleEdit::OptionText(at, text), Rule::Choice { options }) => {
            entry(options, *at)?.text = capped(text, caps::NAME_CHARS)?
        }
        (RuleEdit::OptionScore(at, score), Rule::Choice { options }) => {
            entry(options, *at)?.score = *score
        }
        (RuleEdit::TargetsLevel1(text), Rule::Targets { level1, .. }) => {
            let names: Vec<String> = text
                .split(['、', '，', ',', '\n'])
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect();
            room(names.len().saturating_sub(1), caps::RULE_ENTRIES)?;
            if let Some(long) = names.iter().find(|n| n.chars().count() > caps::CELL_CHARS) {
                capped(long, caps::CELL_CHARS)?;
            }
            *level1 = names;
        }
        (
            RuleEdit::OverAchievement(value),
            Rule::Targets {
                over_achievement_flag,
                ..
            },
        ) => *over_achievement_flag = *value,
        _ => return Err(NotThisRule),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::built_in;
    use rust_decimal_macros::dec;

    fn empty() -> Framework {
        Framework::empty("")
    }

    /// A framework of one 一级 holding one 二级 with `indicators` new 三级 indicators.
    fn with_indicators(indicators: usize) -> Framework {
        let mut fw = empty();
        apply_all(
            &mut fw,
            &[
                FrameworkEdit::Add(Parent::Root),
                FrameworkEdit::Add(Parent::Level1(0)),
            ],
        );
        for _ in 0..indicators {
            apply_all(&mut fw, &[FrameworkEdit::Add(Parent::Level2(0, 0))]);
        }
        fw
    }

    fn apply_all(fw: &mut Framework, edits: &[FrameworkEdit]) {
        for edit in edits {
            fw.apply(edit)
                .unwrap_or_else(|e| panic!("{edit:?} refused: {e}"));
        }
    }

    #[test]
    fn builds_a_tree_and_new_indicators_get_fresh_ids() {
        let mut fw = empty();
        apply_all(
            &mut fw,
            &[
                FrameworkEdit::Add(Parent::Root),
                FrameworkEdit::Rename(Place::Level1(0), "管理效率".into()),
                FrameworkEdit::Weight(Place::Level1(0), dec!(50)),
                FrameworkEdit::Add(Parent::Level1(0)),
                FrameworkEdit::Add(Parent::Level2(0, 0)),
                FrameworkEdit::Add(Parent::Level2(0, 0)),
            ],
        );
        let ids: Vec<&str> = fw.indicators().map(|(_, _, i)| i.id.as_str()).collect();
        assert_eq!(ids, ["ind1", "ind2"]);
        assert_eq!(fw.level1[0].name, "管理效率");
        assert_eq!(fw.level1[0].weight, dec!(50));
        // A new indicator is scored by hand until a rule is chosen, and says so.
        assert_eq!(fw.level1[0].level2[0].indicators[0].rule, Rule::Manual);
        assert_eq!(
            fw.level1[0].level2[0].indicators[0].standard,
            Rule::Manual.describe()
        );
    }

    #[test]
    fn moves_stay_among_siblings_and_remove_takes_the_subtree() {
        let mut fw = built_in("guangdong-2024-reference").unwrap();
        let first = fw.level1[1].level2[0].name.clone();
        let second = fw.level1[1].level2[1].name.clone();
        fw.apply(&FrameworkEdit::Move(Place::Level2(1, 0), false))
            .unwrap();
        assert_eq!(fw.level1[1].level2[0].name, second);
        assert_eq!(fw.level1[1].level2[1].name, first);
        // Up from the first place changes nothing.
        let before = fw.clone();
        fw.apply(&FrameworkEdit::Move(Place::Level1(0), true))
            .unwrap();
        assert_eq!(fw, before);
        let count = fw.indicators().count();
        let under = fw.level1[1].level2[1].indicators.len();
        fw.apply(&FrameworkEdit::Remove(Place::Level2(1, 1)))
            .unwrap();
        assert_eq!(fw.indicators().count(), count - under);
        assert_eq!(
            fw.apply(&FrameworkEdit::Remove(Place::Indicator(9, 0, 0))),
            Err(FrameworkEditError::NoSuchPlace)
        );
    }

    #[test]
    fn the_standard_follows_the_rule_until_the_officer_writes_their_own() {
        let mut fw = with_indicators(1);
        let at = Place::Indicator(0, 0, 0);
        fw.apply(&FrameworkEdit::Rule(
            at,
            RuleEdit::Kind(RuleKind::Proportional),
        ))
        .unwrap();
        let generated = fw.level1[0].level2[0].indicators[0].standard.clone();
        assert!(generated.starts_with("按比例计分"), "{generated}");
        fw.apply(&FrameworkEdit::Rule(at, RuleEdit::Target(dec!(95))))
            .unwrap();
        assert!(fw.level1[0].level2[0].indicators[0]
            .standard
            .contains("95%"));
        fw.apply(&FrameworkEdit::Standard(at, "以财政厅附件为准".into()))
            .unwrap();
        fw.apply(&FrameworkEdit::Rule(at, RuleEdit::Target(dec!(90))))
            .unwrap();
        assert_eq!(
            fw.level1[0].level2[0].indicators[0].standard,
            "以财政厅附件为准"
        );
        fw.apply(&FrameworkEdit::GenerateStandard(at)).unwrap();
        assert!(fw.level1[0].level2[0].indicators[0]
            .standard
            .contains("90%"));
    }

    #[test]
    fn a_change_for_another_kind_of_rule_is_refused_and_a_new_kind_keeps_the_metric() {
        let mut fw = built_in("guangdong-2024-reference").unwrap();
        // 预算执行率: proportional on the execution rate.
        let at = Place::Indicator(1, 1, 0);
        assert_eq!(
            fw.apply(&FrameworkEdit::Rule(at, RuleEdit::AddItem)),
            Err(FrameworkEditError::NotThisRule)
        );
        fw.apply(&FrameworkEdit::Rule(at, RuleEdit::Kind(RuleKind::Bands)))
            .unwrap();
        let Rule::Bands { metric, bands, .. } = &fw.level1[1].level2[1].indicators[0].rule else {
            panic!("not bands");
        };
        assert_eq!(*metric, Metric::BudgetExecutionRate);
        assert_eq!(bands.len(), 1);
    }

    #[test]
    fn bands_are_edited_bound_by_bound() {
        let mut fw = with_indicators(1);
        let at = Place::Indicator(0, 0, 0);
        let rule = |e| FrameworkEdit::Rule(at, e);
        apply_all(
            &mut fw,
            &[
                rule(RuleEdit::Kind(RuleKind::Bands)),
                rule(RuleEdit::BandBound(0, End::Upper, Some(dec!(5)))),
                rule(RuleEdit::BandInclusive(0, End::Upper, true)),
                rule(RuleEdit::BandScore(0, dec!(4))),
                rule(RuleEdit::AddBand),
            ],
        );
        let Rule::Bands { bands, .. } = &fw.level1[0].level2[0].indicators[0].rule else {
            panic!("not bands");
        };
        assert_eq!(bands[0].describe("%"), "(-∞, 5%]");
        // The new band starts where the last ends, on the other side.
        assert_eq!(bands[1].describe("%"), "(5%, +∞)");
        assert_eq!(
            fw.apply(&rule(RuleEdit::BandInclusive(1, End::Upper, true))),
            Err(FrameworkEditError::NoSuchPlace)
        );
        fw.apply(&rule(RuleEdit::BandBound(0, End::Upper, None)))
            .unwrap();
        let Rule::Bands { bands, .. } = &fw.level1[0].level2[0].indicators[0].rule else {
            panic!("not bands");
        };
        assert_eq!(bands[0].upper, None);
    }

    #[test]
    fn items_options_and_targets_filters() {
        let mut fw = with_indicators(3);
        let (a, b, c) = (
            Place::Indicator(0, 0, 0),
            Place::Indicator(0, 0, 1),
            Place::Indicator(0, 0, 2),
        );
        apply_all(
            &mut fw,
            &[
                FrameworkEdit::Rule(a, RuleEdit::Kind(RuleKind::Checklist)),
                FrameworkEdit::Rule(a, RuleEdit::AddItem),
                FrameworkEdit::Rule(a, RuleEdit::ItemText(1, "②按时公开".into())),
                FrameworkEdit::Rule(a, RuleEdit::ItemPoints(1, dec!(1.5))),
                FrameworkEdit::Rule(b, RuleEdit::Kind(RuleKind::Choice)),
                FrameworkEdit::Rule(b, RuleEdit::AddOption),
                FrameworkEdit::Rule(b, RuleEdit::RemoveOption(0)),
                FrameworkEdit::Rule(c, RuleEdit::Kind(RuleKind::Targets)),
                FrameworkEdit::Rule(c, RuleEdit::TargetsLevel1("效益、 满意度\n".into())),
            ],
        );
        let inds = &fw.level1[0].level2[0].indicators;
        let Rule::Checklist { items } = &inds[0].rule else {
            panic!()
        };
        assert_eq!(
            items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
            ["i1", "i2"]
        );
        assert_eq!(items[1].points, dec!(1.5));
        let Rule::Choice { options } = &inds[1].rule else {
            panic!()
        };
        assert_eq!(options.len(), 1);
        assert_eq!(options[0].id, "o2");
        let Rule::Targets { level1, .. } = &inds[2].rule else {
            panic!()
        };
        assert_eq!(level1, &["效益", "满意度"]);
    }

    #[test]
    fn keystrokes_in_one_field_share_an_undo_key_and_structure_changes_have_none() {
        let at = Place::Indicator(1, 0, 0);
        let typed = |e: RuleEdit| FrameworkEdit::Rule(at, e).undo_key();
        assert_eq!(
            typed(RuleEdit::BandScore(1, dec!(3))),
            typed(RuleEdit::BandScore(1, dec!(2)))
        );
        assert_ne!(
            typed(RuleEdit::BandScore(1, dec!(3))),
            typed(RuleEdit::BandScore(2, dec!(3)))
        );
        assert_eq!(typed(RuleEdit::Kind(RuleKind::Manual)), None);
        assert_eq!(FrameworkEdit::Add(Parent::Root).undo_key(), None);
        assert_eq!(
            FrameworkEdit::Weight(at, dec!(1)).undo_key().as_deref(),
            Some("fw-1-0-0.weight")
        );
    }

    #[test]
    fn caps_hold() {
        let mut fw = empty();
        for _ in 0..caps::LEVEL1 {
            fw.apply(&FrameworkEdit::Add(Parent::Root)).unwrap();
        }
        assert_eq!(
            fw.apply(&FrameworkEdit::Add(Parent::Root)),
            Err(FrameworkEditError::Full { cap: caps::LEVEL1 })
        );
        let long = "长".repeat(caps::NAME_CHARS + 1);
        assert_eq!(
            fw.apply(&FrameworkEdit::Rename(Place::Level1(0), long)),
            Err(FrameworkEditError::TooLong {
                cap: caps::NAME_CHARS
            })
        );
        // Exactly at the cap is fine.
        fw.apply(&FrameworkEdit::Rename(
            Place::Level1(0),
            "长".repeat(caps::NAME_CHARS),
        ))
        .unwrap();
    }

    #[test]
    fn grades_and_about() {
        let mut fw = empty();
        apply_all(
            &mut fw,
            &[
                FrameworkEdit::AddGrade,
                FrameworkEdit::GradeLabel(0, "优秀".into()),
                FrameworkEdit::GradeMin(0, dec!(90)),
                FrameworkEdit::About(About::Reference, "粤财绩〔2024〕1号".into()),
                FrameworkEdit::About(About::Dimensions, "整体履职效能\n\n管理效率\n".into()),
            ],
        );
        assert_eq!(fw.grades[0].label, "优秀");
        assert_eq!(fw.grades[0].min, dec!(90));
        assert_eq!(fw.reference, "粤财绩〔2024〕1号");
        assert_eq!(fw.dimensions, ["整体履职效能", "管理效率"]);
        assert_eq!(About::Dimensions.text(&fw), "整体履职效能\n管理效率");
        assert_eq!(
            fw.apply(&FrameworkEdit::RemoveGrade(3)),
            Err(FrameworkEditError::NoSuchPlace)
        );
    }
}
