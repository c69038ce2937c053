//! Edits as data. Every change an officer makes to a document is an [`Edit`], applied by [`Document::apply`]: the
//! page only says what was typed or clicked, and the rules of how that changes the document live here, tested
//! natively (the first checklist answer records every item, an override starts at the rule's score, a paragraph
//! equal to the generated text is not an edit).

use rust_decimal::Decimal;
use serde::Serialize;

use crate::access::{FieldValue, SlotError};
use crate::document::{
    Document, FunctionLine, GoalGroup, KeyTask, Override, QualitativeGrade, TargetOperator,
    TargetRow,
};
use crate::fields::{Field, FieldRef, KeyTaskColumn, TargetColumn};
use crate::framework::{Framework, FrameworkEdit, FrameworkEditError, FrameworkProblem};
use crate::gate::{self, FrameworkTooLarge, Refusal};

/// A table of the document whose rows are added, removed and moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Table {
    /// 重点工作任务.
    KeyTasks,
    /// 按功能分类支出.
    FunctionLines,
    /// 绩效目标概述 groups (一是…二是…).
    Goals,
    /// 绩效目标表.
    Targets,
}

/// A text cell of the 绩效目标 table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TargetText {
    Level1,
    Level2,
    Name,
    Target,
    Unit,
    Actual,
    DeviationReason,
}

impl TargetText {
    pub const ALL: [TargetText; 7] = [
        TargetText::Level1,
        TargetText::Level2,
        TargetText::Name,
        TargetText::Target,
        TargetText::Unit,
        TargetText::Actual,
        TargetText::DeviationReason,
    ];

    /// The most characters the gate lets the column's cell hold (the page's input takes no more).
    pub fn cap(self) -> usize {
        match self {
            TargetText::Level1 | TargetText::Level2 | TargetText::Name => crate::caps::CELL_CHARS,
            TargetText::Target | TargetText::Actual => crate::caps::VALUE_CHARS,
            TargetText::Unit => crate::caps::UNIT_CHARS,
            TargetText::DeviationReason => crate::caps::TEXT_CHARS,
        }
    }

    pub fn column(self) -> TargetColumn {
        match self {
            TargetText::Level1 => TargetColumn::Level1,
            TargetText::Level2 => TargetColumn::Level2,
            TargetText::Name => TargetColumn::Name,
            TargetText::Target => TargetColumn::Target,
            TargetText::Unit => TargetColumn::Unit,
            TargetText::Actual => TargetColumn::Actual,
            TargetText::DeviationReason => TargetColumn::DeviationReason,
        }
    }
}

/// One change to a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Edit {
    /// A field of the form: a figure, a count, a text or a tick.
    Set(Field, FieldValue),
    /// 内设机构, one per line.
    Departments(String),
    /// A new row at the end of a table.
    AddRow(Table),
    /// Removes a row; an index past the end changes nothing.
    RemoveRow(Table, usize),
    /// Moves a row to another place; indices past the end change nothing.
    MoveRow {
        table: Table,
        from: usize,
        to: usize,
    },
    KeyTask {
        row: usize,
        column: KeyTaskColumn,
        text: String,
    },
    FunctionLineName {
        row: usize,
        name: String,
    },
    FunctionLineAmount {
        row: usize,
        amount: Option<Decimal>,
    },
    GoalTitle {
        group: usize,
        title: String,
    },
    /// A group's achievements, one per line.
    GoalItems {
        group: usize,
        lines: String,
    },
    TargetText {
        row: usize,
        column: TargetText,
        text: String,
    },
    TargetOperator {
        row: usize,
        operator: TargetOperator,
    },
    TargetWeight {
        row: usize,
        weight: Option<Decimal>,
    },
    TargetGrade {
        row: usize,
        grade: Option<QualitativeGrade>,
    },
    TargetShare {
        row: usize,
        share: Option<Decimal>,
    },
    /// Rows read from a sheet pasted from Excel, added at the end.
    PasteTargets(Vec<TargetRow>),
    /// One item of a checklist indicator, met or not.
    ChecklistItem {
        indicator: String,
        item: String,
        met: bool,
    },
    /// "以上均未做到": every item answered as not met.
    ChecklistNoneMet {
        indicator: String,
    },
    /// The number of cases found, for a deduct-per-case indicator; `None` is not answered.
    Cases {
        indicator: String,
        count: Option<u32>,
    },
    /// The option chosen for a choice indicator; `None` is not answered.
    Choice {
        indicator: String,
        option: Option<String>,
    },
    /// A score given by hand for a manual indicator.
    ManualScore {
        indicator: String,
        score: Option<Decimal>,
    },
    /// The officer's score in place of the rule's; `None` removes the override.
    OverrideScore {
        indicator: String,
        score: Option<Decimal>,
    },
    OverrideReason {
        indicator: String,
        reason: String,
    },
    ClearOverride {
        indicator: String,
    },
    /// A report paragraph as the officer wrote it.
    Paragraph {
        id: String,
        text: String,
    },
    /// Back to the generated text.
    ResetParagraph {
        id: String,
    },
    /// Scores the document with another framework (one from the editor or the library). Refused while the
    /// framework has problems: a document is never scored by an unsound framework.
    Framework(Box<crate::framework::Framework>),
    /// A change to the 项目支出绩效自评 forms (project.rs).
    Project(ProjectEdit),
}

mod project;
pub use project::{ProjectEdit, ProjectText};

/// Why an edit was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// A value of the wrong kind for the field (a programming error of the page, shown rather than panicking).
    WrongKind(Field),
    /// A count or a year that is not a whole number in range.
    NotWhole(Field),
    /// A framework with problems (as many as `problems`) applied to the document.
    UnsoundFramework { problems: usize },
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::WrongKind(field) => write!(f, "“{}”不接受这种值", field.label()),
            EditError::NotWhole(field) => {
                write!(f, "“{}”应为不小于 0 的整数", field.label())
            }
            EditError::UnsoundFramework { problems } => {
                write!(f, "评分框架还有 {problems} 个问题，改正后才能用于文档")
            }
        }
    }
}

impl Edit {
    /// What the edit types into, for undo: consecutive edits with the same key (keystrokes in one field) make one
    /// undo step. `None` for a step of its own (add, remove, move, paste, reset …). Keys are document paths.
    pub fn undo_key(&self) -> Option<String> {
        let key = match self {
            Edit::Set(field, _) => field.path().to_string(),
            Edit::Departments(_) => "departments".to_string(),
            Edit::KeyTask { row, column, .. } => column.cell(*row).path,
            Edit::FunctionLineName { row, .. } => FieldRef::function_line(*row, "name").path,
            Edit::FunctionLineAmount { row, .. } => FieldRef::function_line(*row, "amount").path,
            Edit::GoalTitle { group, .. } => FieldRef::goal(*group, "title").path,
            Edit::GoalItems { group, .. } => FieldRef::goal(*group, "items").path,
            Edit::TargetText { row, column, .. } => column.column().cell(*row).path,
            Edit::TargetOperator { row, .. } => TargetColumn::Operator.cell(*row).path,
            Edit::TargetWeight { row, .. } => TargetColumn::Weight.cell(*row).path,
            Edit::TargetGrade { row, .. } => TargetColumn::Grade.cell(*row).path,
            Edit::TargetShare { row, .. } => TargetColumn::QualitativeScore.cell(*row).path,
            Edit::ChecklistItem {
                indicator, item, ..
            } => format!("management.{indicator}.{item}"),
            Edit::Cases { indicator, .. }
            | Edit::Choice { indicator, .. }
            | Edit::ManualScore { indicator, .. } => FieldRef::indicator_input(indicator, "").path,
            Edit::OverrideScore { indicator, .. } => FieldRef::override_score(indicator, "").path,
            Edit::OverrideReason { indicator, .. } => FieldRef::override_reason(indicator, "").path,
            Edit::Paragraph { id, .. } => format!("edited_paragraphs.{id}"),
            Edit::Project(edit) => return edit.undo_key(),
            Edit::AddRow(_)
            | Edit::RemoveRow(..)
            | Edit::MoveRow { .. }
            | Edit::PasteTargets(_)
            | Edit::ChecklistNoneMet { .. }
            | Edit::ClearOverride { .. }
            | Edit::ResetParagraph { .. }
            | Edit::Framework(_) => return None,
        };
        Some(key)
    }
}

/// Bytes a text takes at most in JSON: every byte escaped as `\u00XX`, and the quotes.
fn json_text_bound(text: &str) -> usize {
    text.len().saturating_mul(6).saturating_add(2)
}

/// Bytes a decimal, a grade, an operator, `null` or a flag takes at most in JSON (a decimal has at most 29 digits,
/// a sign, a point and its quotes).
const JSON_SCALAR_BOUND: usize = 64;

impl Edit {
    /// An upper bound of how many bytes applying this edit can add to the document's stored (compact JSON) form,
    /// or `None` when it is not known cheaply (a row added, rows pasted, a first checklist answer): then the page
    /// measures the document. It spares a keystroke in a large document a pass over all of it (see
    /// [`crate::gate::new_refusal_within`]).
    pub fn growth_bound(&self) -> Option<usize> {
        let entry =
            |key: &str, value: usize| json_text_bound(key).saturating_add(value).saturating_add(2);
        let bound = match self {
            Edit::Set(_, FieldValue::Text(text)) => json_text_bound(text),
            Edit::Set(_, FieldValue::Number(_) | FieldValue::Flag(_)) => JSON_SCALAR_BOUND,
            // One text per line: each with its quotes and a comma.
            Edit::Departments(lines) | Edit::GoalItems { lines, .. } => json_text_bound(lines)
                .saturating_add(
                    lines
                        .matches('\n')
                        .count()
                        .saturating_add(1)
                        .saturating_mul(3),
                ),
            Edit::KeyTask { text, .. }
            | Edit::TargetText { text, .. }
            | Edit::FunctionLineName { name: text, .. }
            | Edit::GoalTitle { title: text, .. } => json_text_bound(text),
            Edit::FunctionLineAmount { .. }
            | Edit::TargetOperator { .. }
            | Edit::TargetWeight { .. }
            | Edit::TargetGrade { .. }
            | Edit::TargetShare { .. } => JSON_SCALAR_BOUND,
            Edit::Cases { indicator, .. } | Edit::ManualScore { indicator, .. } => {
                entry(indicator, JSON_SCALAR_BOUND)
            }
            Edit::Choice { indicator, option } => entry(
                indicator,
                option.as_deref().map_or(JSON_SCALAR_BOUND, json_text_bound),
            ),
            // A new override is `{"score":…,"reason":…}` under the indicator's id.
            Edit::OverrideScore { indicator, .. } => entry(indicator, 2 * JSON_SCALAR_BOUND),
            Edit::OverrideReason { indicator, reason } => entry(
                indicator,
                json_text_bound(reason).saturating_add(2 * JSON_SCALAR_BOUND),
            ),
            Edit::Paragraph { id, text } => entry(id, json_text_bound(text)),
            Edit::Project(edit) => return edit.growth_bound(),
            // Nothing added: the same content in another order, or less of it.
            Edit::MoveRow { .. }
            | Edit::RemoveRow(..)
            | Edit::ClearOverride { .. }
            | Edit::ResetParagraph { .. } => 0,
            Edit::AddRow(_)
            | Edit::PasteTargets(_)
            | Edit::ChecklistItem { .. }
            | Edit::ChecklistNoneMet { .. }
            | Edit::Framework(_) => return None,
        };
        Some(bound)
    }
}

impl Document {
    /// Applies an edit. An edit that names a row, an item or a paragraph that is not there changes nothing; the
    /// caller compares documents to know whether anything changed.
    pub fn apply(&mut self, edit: &Edit) -> Result<(), EditError> {
        match edit {
            Edit::Set(field, value) => self.set(*field, value.clone()).map_err(|e| match e {
                SlotError::WrongKind => EditError::WrongKind(*field),
                SlotError::NotWhole => EditError::NotWhole(*field),
            })?,
            Edit::Departments(lines) => self.departments = split_lines(lines),
            Edit::AddRow(table) => self.add_row(*table),
            Edit::RemoveRow(table, row) => self.remove_row(*table, *row),
            Edit::MoveRow { table, from, to } => self.move_row(*table, *from, *to),
            Edit::KeyTask { row, column, text } => {
                if let Some(task) = self.key_tasks.get_mut(*row) {
                    let cell = match column {
                        KeyTaskColumn::Division => &mut task.division,
                        KeyTaskColumn::Content => &mut task.content,
                        KeyTaskColumn::Counterpart => &mut task.counterpart,
                    };
                    cell.clone_from(text);
                }
            }
            Edit::FunctionLineName { row, name } => {
                if let Some(line) = self.finance.by_function.get_mut(*row) {
                    line.name.clone_from(name);
                }
            }
            Edit::FunctionLineAmount { row, amount } => {
                if let Some(line) = self.finance.by_function.get_mut(*row) {
                    line.amount = *amount;
                }
            }
            Edit::GoalTitle { group, title } => {
                if let Some(group) = self.goals.groups.get_mut(*group) {
                    group.title.clone_from(title);
                }
            }
            Edit::GoalItems { group, lines } => {
                if let Some(group) = self.goals.groups.get_mut(*group) {
                    group.items = split_lines(lines);
                }
            }
            Edit::TargetText { .. }
            | Edit::TargetOperator { .. }
            | Edit::TargetWeight { .. }
            | Edit::TargetGrade { .. }
            | Edit::TargetShare { .. }
            | Edit::PasteTargets(_) => apply_to_rows(&mut self.targets, edit),
            Edit::Project(edit) => self.apply_project(edit),
            Edit::ChecklistItem {
                indicator,
                item,
                met,
            } => {
                // The first answer records every item, so the unticked ones count as answered "no".
                let all_unmet = self.checklist_unmet(indicator);
                let answers = self
                    .management
                    .checklists
                    .entry(indicator.clone())
                    .or_insert(all_unmet);
                answers.insert(item.clone(), *met);
            }
            Edit::ChecklistNoneMet { indicator } => {
                let all_unmet = self.checklist_unmet(indicator);
                self.management
                    .checklists
                    .insert(indicator.clone(), all_unmet);
            }
            Edit::Cases { indicator, count } => {
                set_or_remove(&mut self.management.cases, indicator, *count)
            }
            Edit::Choice { indicator, option } => set_or_remove(
                &mut self.management.choices,
                indicator,
                option.clone().filter(|o| !o.is_empty()),
            ),
            Edit::ManualScore { indicator, score } => {
                set_or_remove(&mut self.management.manual, indicator, *score)
            }
            Edit::OverrideScore { indicator, score } => match score {
                Some(score) => {
                    self.overrides.entry(indicator.clone()).or_default().score = *score;
                }
                None => {
                    self.overrides.remove(indicator);
                }
            },
            Edit::OverrideReason { indicator, reason } => {
                // A reason written first starts the override at the rule's score, so nothing changes until the
                // officer types a score of their own.
                if !self.overrides.contains_key(indicator) {
                    let rule_score = crate::scoring::evaluate(self)
                        .indicator(indicator)
                        .and_then(|result| result.rule_score)
                        .unwrap_or_default();
                    self.overrides.insert(
                        indicator.clone(),
                        Override {
                            score: rule_score,
                            reason: String::new(),
                        },
                    );
                }
                if let Some(entry) = self.overrides.get_mut(indicator) {
                    entry.reason.clone_from(reason);
                }
            }
            Edit::ClearOverride { indicator } => {
                self.overrides.remove(indicator);
            }
            Edit::Paragraph { id, text } => {
                // Text equal to the generated paragraph is not an edit: the paragraph stays in sync with the data.
                let evaluation = crate::scoring::evaluate(self);
                // The projects are scored only when it is their paragraph.
                let projects = (id == "projects")
                    .then(|| crate::project::digest::digest_of(self))
                    .flatten();
                let generated = crate::report::generate_with(self, &evaluation, projects.as_ref())
                    .into_iter()
                    .find(|block| block.id == *id)
                    .map(|block| block.generated);
                if generated.as_deref() == Some(text.as_str()) {
                    self.edited_paragraphs.remove(id);
                } else {
                    self.edited_paragraphs.insert(id.clone(), text.clone());
                }
            }
            Edit::ResetParagraph { id } => {
                self.edited_paragraphs.remove(id);
            }
            Edit::Framework(framework) => {
                let problems = framework.validate().len();
                if problems > 0 {
                    return Err(EditError::UnsoundFramework { problems });
                }
                self.framework = (**framework).clone();
            }
        }
        Ok(())
    }

    /// Every item of a checklist indicator answered "not met" (empty if the framework has no such checklist).
    fn checklist_unmet(&self, indicator: &str) -> std::collections::BTreeMap<String, bool> {
        match self.framework.indicator(indicator).map(|i| &i.rule) {
            Some(crate::framework::Rule::Checklist { items }) => {
                items.iter().map(|item| (item.id.clone(), false)).collect()
            }
            _ => Default::default(),
        }
    }

    fn add_row(&mut self, table: Table) {
        match table {
            Table::KeyTasks => self.key_tasks.push(KeyTask::default()),
            Table::FunctionLines => self.finance.by_function.push(FunctionLine::default()),
            Table::Goals => self.goals.groups.push(GoalGroup::default()),
            Table::Targets => apply_to_rows(&mut self.targets, &Edit::AddRow(Table::Targets)),
        }
    }

    fn remove_row(&mut self, table: Table, row: usize) {
        fn remove<T>(rows: &mut Vec<T>, row: usize) {
            if row < rows.len() {
                rows.remove(row);
            }
        }
        match table {
            Table::KeyTasks => remove(&mut self.key_tasks, row),
            Table::FunctionLines => remove(&mut self.finance.by_function, row),
            Table::Goals => remove(&mut self.goals.groups, row),
            Table::Targets => apply_to_rows(&mut self.targets, &Edit::RemoveRow(table, row)),
        }
    }

    fn move_row(&mut self, table: Table, from: usize, to: usize) {
        match table {
            Table::KeyTasks => move_within(&mut self.key_tasks, from, to),
            Table::FunctionLines => move_within(&mut self.finance.by_function, from, to),
            Table::Goals => move_within(&mut self.goals.groups, from, to),
            Table::Targets => apply_to_rows(&mut self.targets, &Edit::MoveRow { table, from, to }),
        }
    }
}

/// An edit of the rows of a 绩效目标 table, the 部门整体 form's or a project's (the same cells, the same edits);
/// any other edit changes nothing here.
fn apply_to_rows(rows: &mut Vec<TargetRow>, edit: &Edit) {
    match edit {
        // Most targets are 产出 targets; the officer changes the few that are not.
        Edit::AddRow(Table::Targets) => rows.push(TargetRow {
            level1: "产出".into(),
            ..TargetRow::default()
        }),
        Edit::RemoveRow(Table::Targets, row) if *row < rows.len() => {
            rows.remove(*row);
        }
        Edit::MoveRow {
            table: Table::Targets,
            from,
            to,
        } => move_within(rows, *from, *to),
        Edit::TargetText { row, column, text } => {
            if let Some(target) = rows.get_mut(*row) {
                let cell = match column {
                    TargetText::Level1 => &mut target.level1,
                    TargetText::Level2 => &mut target.level2,
                    TargetText::Name => &mut target.name,
                    TargetText::Target => &mut target.target,
                    TargetText::Unit => &mut target.unit,
                    TargetText::Actual => &mut target.actual,
                    TargetText::DeviationReason => &mut target.deviation_reason,
                };
                cell.clone_from(text);
            }
        }
        Edit::TargetOperator { row, operator } => {
            if let Some(target) = rows.get_mut(*row) {
                target.operator = *operator;
            }
        }
        Edit::TargetWeight { row, weight } => {
            if let Some(target) = rows.get_mut(*row) {
                target.weight = *weight;
            }
        }
        Edit::TargetGrade { row, grade } => {
            if let Some(target) = rows.get_mut(*row) {
                target.grade = *grade;
            }
        }
        Edit::TargetShare { row, share } => {
            if let Some(target) = rows.get_mut(*row) {
                target.qualitative_score = *share;
            }
        }
        Edit::PasteTargets(pasted) => rows.extend(pasted.iter().cloned()),
        _ => {}
    }
}

/// Moves an element to another index, shifting the ones between; out-of-range indices change nothing.
fn move_within<T>(rows: &mut [T], from: usize, to: usize) {
    if from == to {
        return;
    }
    if from < to {
        if let Some(span) = rows.get_mut(from..=to) {
            span.rotate_left(1);
        }
    } else if let Some(span) = rows.get_mut(to..=from) {
        span.rotate_right(1);
    }
}

/// A text area of one entry per line.
fn split_lines(text: &str) -> Vec<String> {
    text.split('\n').map(str::to_string).collect()
}

fn set_or_remove<V>(map: &mut std::collections::BTreeMap<String, V>, key: &str, value: Option<V>) {
    match value {
        Some(value) => {
            map.insert(key.to_string(), value);
        }
        None => {
            map.remove(key);
        }
    }
}

/// An edit carried out: the new value, what it typed into (consecutive edits with the same key make one undo step)
/// and an upper bound of the new value's stored size, for the next edit to skip measuring it.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied<T> {
    pub value: T,
    pub undo_key: Option<String>,
    pub size_bound: usize,
}

/// Why an edit was not accepted. Its Display is what the page shows after "未接受此修改：".
#[derive(Debug, Clone, PartialEq)]
pub enum EditRefusal {
    /// The document's edit could not be applied.
    Edit(EditError),
    /// The framework's edit could not be carried out.
    Framework(FrameworkEditError),
    /// The edited document would break a rule of the gate it did not break before.
    Gate(Refusal),
    /// The edited framework would be too large for the library to read back.
    FrameworkTooLarge(FrameworkTooLarge),
}

impl std::fmt::Display for EditRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditRefusal::Edit(e) => write!(f, "{e}"),
            EditRefusal::Framework(e) => write!(f, "{e}"),
            EditRefusal::Gate(refusal) => write!(f, "{refusal}"),
            EditRefusal::FrameworkTooLarge(too_large) => write!(f, "{too_large}"),
        }
    }
}

impl std::error::Error for EditRefusal {}

impl Document {
    /// The edit transaction: applies `edit` to a copy, and accepts it when it breaks no rule of the gate the
    /// document did not already break, so a document typed in the page always opens again. `Ok(None)` when the edit
    /// changes nothing. `known_size` is an upper bound of this document's stored size (the last
    /// [`Applied::size_bound`]): with the edit's [`Edit::growth_bound`] it spares a keystroke in a large document
    /// the measure of all of it.
    pub fn try_apply(
        &self,
        edit: &Edit,
        known_size: Option<usize>,
    ) -> Result<Option<Applied<Document>>, EditRefusal> {
        let mut after = self.clone();
        after.apply(edit).map_err(EditRefusal::Edit)?;
        if after == *self {
            return Ok(None);
        }
        let bound = known_size
            .zip(edit.growth_bound())
            .map(|(bytes, growth)| bytes.saturating_add(growth));
        let (refusal, size_bound) = gate::new_refusal_within(self, &after, bound);
        if let Some(refusal) = refusal {
            return Err(EditRefusal::Gate(refusal));
        }
        Ok(Some(Applied {
            value: after,
            undo_key: edit.undo_key(),
            size_bound,
        }))
    }
}

/// Why a new document was not made.
#[derive(Debug, Clone, PartialEq)]
pub enum NewDocumentError {
    /// The framework chosen has problems: a document is only ever scored with a sound one.
    UnsoundFramework(Vec<FrameworkProblem>),
    /// The unit's name breaks a rule of the gate (it would not open again).
    Refused(Refusal),
}

impl std::fmt::Display for NewDocumentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NewDocumentError::UnsoundFramework(problems) => {
                write!(
                    f,
                    "评分框架还有 {} 个问题，改正后才能用于新文档",
                    problems.len()
                )?;
                if let Some(first) = problems.first() {
                    write!(f, "（{first}）")?;
                }
                Ok(())
            }
            NewDocumentError::Refused(refusal) => write!(f, "{refusal}"),
        }
    }
}

impl std::error::Error for NewDocumentError {}

impl Document {
    /// A new, empty document of `unit_name` for `year`, scored with `framework`: refused when the framework is
    /// unsound or the document would not pass the gate (a name past its cap), so every document starts as one that
    /// opens again.
    pub fn new_blank(
        framework: Framework,
        unit_name: String,
        year: Option<u16>,
    ) -> Result<Document, NewDocumentError> {
        let problems = framework.validate();
        if !problems.is_empty() {
            return Err(NewDocumentError::UnsoundFramework(problems));
        }
        let mut doc = Document::blank(framework);
        doc.unit.name = unit_name;
        doc.unit.year = year;
        // Read back as a file is: the gate's rules, and the caps on every text that only reading checks.
        let value = serde_json::to_value(&doc).unwrap_or(serde_json::Value::Null);
        match crate::migrate::load_value(value) {
            Ok(_) => Ok(doc),
            Err(crate::migrate::LoadError::Refused(refusals)) => {
                match refusals.into_iter().next() {
                    Some(refusal) => Err(NewDocumentError::Refused(refusal)),
                    None => Ok(doc),
                }
            }
            // Not expected of a blank document of this build; said rather than let through.
            Err(other) => Err(NewDocumentError::Refused(Refusal {
                path: String::new(),
                label: "文档".to_string(),
                problem: other.to_string(),
            })),
        }
    }
}

impl Framework {
    /// The framework editor's transaction: carries out `edit` on a copy, and accepts it when the library can still
    /// store and read it back ([`gate::framework_refusal`]). `Ok(None)` when the edit changes nothing. An unsound
    /// framework is accepted: it is a draft, with its problems listed.
    pub fn try_apply(
        &self,
        edit: &FrameworkEdit,
    ) -> Result<Option<Applied<Framework>>, EditRefusal> {
        let mut after = self.clone();
        after.apply(edit).map_err(EditRefusal::Framework)?;
        if after == *self {
            return Ok(None);
        }
        let (refusal, size_bound) = gate::framework_refusal(&after);
        if let Some(too_large) = refusal {
            return Err(EditRefusal::FrameworkTooLarge(too_large));
        }
        Ok(Some(Applied {
            value: after,
            undo_key: edit.undo_key(),
            size_bound,
        }))
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::samples;
    use crate::scoring::evaluate;

    fn applied(mut doc: Document, edit: Edit) -> Document {
        doc.apply(&edit).unwrap();
        doc
    }

    #[test]
    fn a_field_is_set_through_the_field_list() {
        let doc = applied(
            samples::seed(),
            Edit::Set(
                Field::ProcurementActual,
                FieldValue::Number(Some(dec!(12.5))),
            ),
        );
        assert_eq!(doc.finance.procurement_actual, Some(dec!(12.5)));
        let mut doc = doc;
        let refused = doc.apply(&Edit::Set(
            Field::StaffOnPost,
            FieldValue::Number(Some(dec!(1.5))),
        ));
        assert_eq!(refused, Err(EditError::NotWhole(Field::StaffOnPost)));
        assert_eq!(doc.staff.on_post, samples::seed().staff.on_post);
    }

    #[test]
    fn the_first_checklist_answer_records_every_item() {
        let mut doc = samples::seed();
        let (id, items) = doc
            .framework
            .indicators()
            .find_map(|(_, _, ind)| match &ind.rule {
                crate::framework::Rule::Checklist { items } if items.len() >= 2 => {
                    Some((ind.id.clone(), items.clone()))
                }
                _ => None,
            })
            .expect("the seed's framework has a checklist");
        doc.management.checklists.remove(&id);
        let doc = applied(
            doc,
            Edit::ChecklistItem {
                indicator: id.clone(),
                item: items[1].id.clone(),
                met: true,
            },
        );
        let answers = &doc.management.checklists[&id];
        assert_eq!(answers.len(), items.len(), "every item is answered");
        assert!(answers[&items[1].id]);
        assert!(!answers[&items[0].id], "the others count as not met");

        let doc = applied(
            doc,
            Edit::ChecklistNoneMet {
                indicator: id.clone(),
            },
        );
        assert!(doc.management.checklists[&id].values().all(|met| !met));
    }

    #[test]
    fn an_override_reason_written_first_keeps_the_rule_score() {
        let doc = samples::example();
        let rule_score = evaluate(&doc)
            .indicator("execution-rate")
            .and_then(|r| r.rule_score)
            .expect("scored");
        let doc = applied(
            doc,
            Edit::OverrideReason {
                indicator: "execution-rate".into(),
                reason: "经复核".into(),
            },
        );
        let o = &doc.overrides["execution-rate"];
        assert_eq!((o.score, o.reason.as_str()), (rule_score, "经复核"));
        assert_eq!(
            evaluate(&doc)
                .indicator("execution-rate")
                .unwrap()
                .final_score,
            Some(rule_score),
            "the total does not move until a score is typed"
        );
        let doc = applied(
            doc,
            Edit::OverrideScore {
                indicator: "execution-rate".into(),
                score: Some(dec!(7.5)),
            },
        );
        assert_eq!(doc.overrides["execution-rate"].score, dec!(7.5));
        assert_eq!(doc.overrides["execution-rate"].reason, "经复核");
        let doc = applied(
            doc,
            Edit::OverrideScore {
                indicator: "execution-rate".into(),
                score: None,
            },
        );
        assert!(
            doc.overrides.is_empty(),
            "clearing the score removes the override"
        );
    }

    #[test]
    fn a_paragraph_equal_to_the_generated_text_is_not_an_edit() {
        let doc = samples::seed();
        let block = crate::report::generate(&doc, &evaluate(&doc))
            .into_iter()
            .find(|b| b.kind == crate::report::BlockKind::Paragraph)
            .unwrap();
        let doc = applied(
            doc,
            Edit::Paragraph {
                id: block.id.clone(),
                text: "我的文字".into(),
            },
        );
        assert_eq!(doc.edited_paragraphs[&block.id], "我的文字");
        let doc = applied(
            doc,
            Edit::Paragraph {
                id: block.id.clone(),
                text: block.generated.clone(),
            },
        );
        assert!(!doc.edited_paragraphs.contains_key(&block.id));
        let doc = applied(
            doc,
            Edit::Paragraph {
                id: block.id.clone(),
                text: "再改".into(),
            },
        );
        let doc = applied(doc, Edit::ResetParagraph { id: block.id });
        assert!(doc.edited_paragraphs.is_empty());
    }

    #[test]
    fn a_framework_is_applied_only_when_sound() {
        let doc = samples::seed();
        let mut changed = doc.framework.clone();
        changed.level1[1].level2[1].indicators[0].weight = Decimal::from(9);
        let mut refused = doc.clone();
        assert!(matches!(
            refused.apply(&Edit::Framework(Box::new(changed.clone()))),
            Err(EditError::UnsoundFramework { problems }) if problems > 0
        ));
        assert_eq!(refused, doc, "a refused framework changes nothing");
        changed.level1[1].level2[1].indicators[0].weight = Decimal::from(8);
        changed.level1[1].level2[1].indicators[0].standard = "以财政厅正式附件为准".into();
        assert_eq!(changed.validate(), Vec::new());
        let doc = applied(doc, Edit::Framework(Box::new(changed.clone())));
        assert_eq!(doc.framework, changed);
    }

    #[test]
    fn rows_are_added_moved_and_removed_and_bad_indices_change_nothing() {
        let doc = samples::example();
        let n = doc.targets.len();
        let doc = applied(doc, Edit::AddRow(Table::Targets));
        assert_eq!(doc.targets.len(), n + 1);
        assert_eq!(doc.targets[n].level1, "产出");
        let first = doc.targets[0].name.clone();
        let doc = applied(
            doc,
            Edit::MoveRow {
                table: Table::Targets,
                from: 0,
                to: 2,
            },
        );
        assert_eq!(doc.targets[2].name, first);
        let doc = applied(
            doc,
            Edit::MoveRow {
                table: Table::Targets,
                from: 2,
                to: 0,
            },
        );
        assert_eq!(doc.targets[0].name, first);
        let before = doc.clone();
        for edit in [
            Edit::RemoveRow(Table::Targets, 999),
            Edit::MoveRow {
                table: Table::Targets,
                from: 0,
                to: 999,
            },
            Edit::TargetText {
                row: 999,
                column: TargetText::Actual,
                text: "9".into(),
            },
            Edit::GoalTitle {
                group: 999,
                title: "x".into(),
            },
        ] {
            assert_eq!(applied(doc.clone(), edit), before);
        }
        let doc = applied(doc, Edit::RemoveRow(Table::Targets, 0));
        assert_eq!(doc.targets.len(), n);
        assert_ne!(doc.targets[0].name, first);
    }

    #[test]
    fn answers_cleared_are_removed_not_zeroed() {
        let doc = applied(
            samples::seed(),
            Edit::Cases {
                indicator: "x".into(),
                count: Some(3),
            },
        );
        assert_eq!(doc.management.cases["x"], 3);
        let doc = applied(
            doc,
            Edit::Cases {
                indicator: "x".into(),
                count: None,
            },
        );
        assert!(!doc.management.cases.contains_key("x"));
        let doc = applied(
            doc,
            Edit::Choice {
                indicator: "y".into(),
                option: Some(String::new()),
            },
        );
        assert!(
            !doc.management.choices.contains_key("y"),
            "the empty option is no answer"
        );
    }

    #[test]
    fn the_growth_bound_is_never_below_the_real_growth() {
        let size = |doc: &Document| serde_json::to_string(doc).unwrap().len();
        let base = samples::example();
        let nasty = "\u{1}\"\\\n测".repeat(50);
        let edits = [
            Edit::Set(Field::UnitName, FieldValue::Text(nasty.clone())),
            Edit::Set(Field::BudgetInitial, FieldValue::Number(Some(Decimal::MAX))),
            Edit::Set(Field::StaffContractApproximate, FieldValue::Flag(true)),
            Edit::Departments(format!("{nasty}\n\n\n{nasty}")),
            Edit::TargetText {
                row: 0,
                column: TargetText::DeviationReason,
                text: nasty.clone(),
            },
            Edit::TargetWeight {
                row: 0,
                weight: Some(Decimal::MIN),
            },
            Edit::Cases {
                indicator: "一个新的编号".repeat(5),
                count: Some(u32::MAX),
            },
            Edit::Choice {
                indicator: "x".into(),
                option: Some(nasty.clone()),
            },
            Edit::OverrideScore {
                indicator: "budget-quality".into(),
                score: Some(Decimal::MAX),
            },
            Edit::OverrideReason {
                indicator: "“新”".into(),
                reason: nasty.clone(),
            },
            Edit::Paragraph {
                id: "p-新".into(),
                text: nasty.clone(),
            },
            Edit::GoalItems {
                group: 0,
                lines: format!("{nasty}\n\n"),
            },
        ];
        for edit in edits {
            let mut after = base.clone();
            after.apply(&edit).unwrap();
            let grown = size(&after).saturating_sub(size(&base));
            let bound = edit.growth_bound().expect("bounded");
            assert!(grown <= bound, "{edit:?}: grew {grown} > bound {bound}");
        }
        assert_eq!(Edit::AddRow(Table::Targets).growth_bound(), None);
    }

    #[test]
    fn undo_keys_are_the_paths_typed_into() {
        let typed = Edit::TargetText {
            row: 2,
            column: TargetText::Actual,
            text: "9".into(),
        };
        assert_eq!(typed.undo_key().as_deref(), Some("targets[2].actual"));
        assert_eq!(
            Edit::Set(Field::BudgetFinal, FieldValue::Number(None))
                .undo_key()
                .as_deref(),
            Some("finance.budget_final")
        );
        assert_eq!(Edit::AddRow(Table::Targets).undo_key(), None);
    }

    fn text(field: Field, text: &str) -> Edit {
        Edit::Set(field, FieldValue::Text(text.to_string()))
    }

    #[test]
    fn an_edit_that_changes_nothing_is_none() {
        let doc = samples::seed();
        let same = text(Field::UnitName, &doc.unit.name);
        assert_eq!(doc.try_apply(&same, None), Ok(None));
        assert_eq!(
            doc.try_apply(&Edit::RemoveRow(Table::Targets, 9_999), None),
            Ok(None)
        );
        let framework = crate::framework::default_framework();
        let place = crate::framework::Place::Level1(0);
        let same = FrameworkEdit::Weight(place, framework.level1[0].weight);
        assert_eq!(framework.try_apply(&same), Ok(None));
    }

    #[test]
    fn keystrokes_in_one_field_share_a_key_and_the_bound_is_kept() {
        let doc = samples::seed();
        let first = doc
            .try_apply(&text(Field::UnitName, "甲"), None)
            .unwrap()
            .unwrap();
        assert_eq!(first.value.unit.name, "甲");
        assert_eq!(first.undo_key.as_deref(), Some("unit.name"));
        assert_eq!(
            first.size_bound,
            gate::stored_size(&first.value),
            "measured"
        );
        let second = first
            .value
            .try_apply(&text(Field::UnitName, "甲乙"), Some(first.size_bound))
            .unwrap()
            .unwrap();
        assert_eq!(second.undo_key, first.undo_key);
        assert!(second.size_bound >= gate::stored_size(&second.value));
        assert!(
            second.size_bound > first.size_bound,
            "a bound, not a measure"
        );
        let other = second
            .value
            .try_apply(&text(Field::UnitMandate, "职能"), Some(second.size_bound))
            .unwrap()
            .unwrap();
        assert_ne!(other.undo_key, second.undo_key);
        let added = other
            .value
            .try_apply(&Edit::AddRow(Table::Targets), Some(other.size_bound))
            .unwrap()
            .unwrap();
        assert_eq!(added.undo_key, None, "a row added is a step of its own");

        let framework = crate::framework::default_framework();
        let place = crate::framework::Place::Level1(0);
        let typed = |fw: &Framework, name: &str| {
            fw.try_apply(&FrameworkEdit::Rename(place, name.to_string()))
                .unwrap()
                .unwrap()
        };
        let a = typed(&framework, "决");
        let b = typed(&a.value, "决策");
        assert_eq!(b.value.level1[0].name, "决策");
        assert_eq!(a.undo_key.as_deref(), Some("fw-0.name"));
        assert_eq!(a.undo_key, b.undo_key);
    }

    #[test]
    fn an_edit_past_a_cap_is_refused_with_the_message_the_page_shows() {
        let doc = samples::seed();
        assert_eq!(
            doc.try_apply(
                &Edit::Set(Field::UnitYear, FieldValue::Number(Some(dec!(70000)))),
                None
            )
            .unwrap_err()
            .to_string(),
            "“预算年度”应为不小于 0 的整数"
        );
        let full = doc
            .try_apply(
                &Edit::PasteTargets(vec![TargetRow::default(); crate::caps::TARGET_ROWS]),
                None,
            )
            .unwrap()
            .unwrap()
            .value;
        let refused = full
            .try_apply(&Edit::AddRow(Table::Targets), None)
            .unwrap_err();
        assert!(matches!(refused, EditRefusal::Gate(_)));
        assert_eq!(
            refused.to_string(),
            format!(
                "绩效目标（targets）：共 {} 条，超过上限 {} 条",
                crate::caps::TARGET_ROWS + 1,
                crate::caps::TARGET_ROWS
            )
        );

        // Framework texts within their own caps that together pass the library's.
        let mut framework = crate::framework::default_framework();
        let long = "测".repeat(crate::caps::TEXT_CHARS);
        let places: Vec<crate::framework::Place> = (0..framework.level1.len())
            .flat_map(|a| {
                let level1 = &framework.level1[a];
                (0..level1.level2.len()).flat_map(move |b| {
                    (0..level1.level2[b].indicators.len())
                        .map(move |c| crate::framework::Place::Indicator(a, b, c))
                })
            })
            .collect();
        let mut refused = None;
        for place in places {
            match framework.try_apply(&FrameworkEdit::Definition(place, long.clone())) {
                Ok(Some(applied)) => {
                    assert!(applied.size_bound <= crate::caps::FRAMEWORK_BYTES);
                    framework = applied.value;
                }
                Ok(None) => panic!("a new definition changes the framework"),
                Err(e) => {
                    refused = Some(e);
                    break;
                }
            }
        }
        let refused = refused.expect("fifteen definitions of 60 KB pass 512 KB");
        assert_eq!(
            refused.to_string(),
            "评分框架过大，超过 524288 字节的上限，此次修改未保存"
        );
        // What was accepted is read back by the library under any id and saving time of their caps.
        let stored = crate::store::encode_framework(&crate::store::StoredFramework {
            id: "\u{1}".repeat(crate::caps::KEY_CHARS),
            framework,
            saved_at: "\"".repeat(crate::caps::KEY_CHARS),
        });
        assert!(
            stored.len() <= crate::caps::FRAMEWORK_BYTES,
            "{}",
            stored.len()
        );
        assert!(matches!(
            crate::store::decode_framework("f", &stored),
            crate::store::DecodedFramework::Ok { .. }
        ));
    }

    #[test]
    fn a_new_blank_document_needs_a_sound_framework_and_a_name_within_its_cap() {
        let framework = crate::framework::default_framework();
        let doc = Document::new_blank(framework.clone(), "甲单位".into(), Some(2025)).unwrap();
        assert_eq!(doc.unit.name, "甲单位");
        assert_eq!(doc.unit.year, Some(2025));
        assert_eq!(doc.framework, framework);
        assert_eq!(
            crate::migrate::load_document(&crate::migrate::to_json(&doc)),
            Ok(doc)
        );

        let mut unsound = framework.clone();
        unsound.level1[0].weight = dec!(45);
        let refused = Document::new_blank(unsound, "甲单位".into(), None).unwrap_err();
        assert!(matches!(&refused, NewDocumentError::UnsoundFramework(p) if p.len() == 2));
        assert_eq!(
            refused.to_string(),
            "评分框架还有 2 个问题，改正后才能用于新文档（一级指标分值合计 95 分，应为 100 分）"
        );

        let long = "名".repeat(crate::caps::TEXT_CHARS + 1);
        let refused = Document::new_blank(framework, long, Some(2025)).unwrap_err();
        assert_eq!(
            refused.to_string(),
            format!(
                "单位名称（unit.name）：文字过长（上限 {} 字）",
                crate::caps::TEXT_CHARS
            )
        );
    }

    #[test]
    fn a_target_cell_takes_exactly_its_cap() {
        let mut doc = crate::samples::example();
        doc.targets.truncate(1);
        for column in TargetText::ALL {
            // A character no cap could mistake for a number, 3 bytes in UTF-8.
            let at_cap = Edit::TargetText {
                row: 0,
                column,
                text: "测".repeat(column.cap()),
            };
            assert!(
                doc.try_apply(&at_cap, None).is_ok(),
                "{column:?} at its cap"
            );
            let over = Edit::TargetText {
                row: 0,
                column,
                text: "测".repeat(column.cap() + 1),
            };
            assert!(
                doc.try_apply(&over, None).is_err(),
                "{column:?} over its cap"
            );
        }
    }
}
