//! Edits of the 项目支出绩效自评 forms, as data like every other edit: the list (add, duplicate, remove, move, a
//! list pasted from Excel, complete or not), a project's texts, 项目属性 and funds, its indicator rows (the very
//! edits of the 部门整体 绩效目标 table, applied to the project's rows) and its overrides.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{apply_to_rows, json_text_bound, move_within, Edit, JSON_SCALAR_BOUND};
use crate::document::{Document, FundsColumn, FundsLine, Money, Project, ProjectKind, RowOverride};
use crate::framework::project::ProjectScheme;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ProjectEdit {
    /// A new, empty project at the end of the list.
    Add,
    /// A copy of a project, right after it.
    Duplicate(usize),
    Remove(usize),
    Move {
        from: usize,
        to: usize,
    },
    /// Projects read from a list pasted from Excel, added at the end.
    Paste(Vec<Project>),
    /// The officer says every project is entered (then their spending must add up to 项目支出).
    Complete(bool),
    Text {
        project: usize,
        field: ProjectText,
        text: String,
    },
    Kind {
        project: usize,
        kind: ProjectKind,
    },
    Funds {
        project: usize,
        line: FundsLine,
        column: FundsColumn,
        value: Money,
    },
    /// An edit of the project's indicator rows: one of the 绩效目标 table's edits (a cell, a row added, removed,
    /// moved, rows pasted), applied to this project's rows. Any other edit changes nothing.
    Rows {
        project: usize,
        edit: Box<Edit>,
    },
    /// The officer's score for a row in place of the formula's; `None` removes the override.
    OverrideScore {
        project: usize,
        row: usize,
        score: Option<Decimal>,
    },
    OverrideReason {
        project: usize,
        row: usize,
        reason: String,
    },
    /// The scheme every project is scored by, as the officer adjusted it (the 一级 weights, below which 执行率 a
    /// reason is asked); none: the built-in 财预〔2020〕10号 form. The gate refuses a scheme whose weights do not
    /// add up to 100, so the page sets all weights in one edit.
    Scheme(Option<Box<ProjectScheme>>),
}

/// A text of a project's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ProjectText {
    Name,
    Department,
    Implementer,
    Leader,
    ExecutionReason,
    GoalExpected,
    GoalActual,
    Conclusion,
    Problems,
    Measures,
}

impl ProjectText {
    pub const ALL: [ProjectText; 10] = [
        ProjectText::Name,
        ProjectText::Department,
        ProjectText::Implementer,
        ProjectText::Leader,
        ProjectText::ExecutionReason,
        ProjectText::GoalExpected,
        ProjectText::GoalActual,
        ProjectText::Conclusion,
        ProjectText::Problems,
        ProjectText::Measures,
    ];

    /// The key in the document (`projects[i].<key>`).
    pub fn key(self) -> &'static str {
        match self {
            ProjectText::Name => "name",
            ProjectText::Department => "department",
            ProjectText::Implementer => "implementer",
            ProjectText::Leader => "leader",
            ProjectText::ExecutionReason => "execution_reason",
            ProjectText::GoalExpected => "goal_expected",
            ProjectText::GoalActual => "goal_actual",
            ProjectText::Conclusion => "conclusion",
            ProjectText::Problems => "problems",
            ProjectText::Measures => "measures",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ProjectText::Name => "项目名称",
            ProjectText::Department => "主管部门",
            ProjectText::Implementer => "实施单位",
            ProjectText::Leader => "项目负责人",
            ProjectText::ExecutionReason => "执行率偏低的原因",
            ProjectText::GoalExpected => "年度总体目标（预期目标）",
            ProjectText::GoalActual => "年度总体目标（实际完成情况）",
            ProjectText::Conclusion => "自评结论",
            ProjectText::Problems => "存在问题",
            ProjectText::Measures => "改进措施",
        }
    }

    fn of(self, project: &mut Project) -> &mut String {
        match self {
            ProjectText::Name => &mut project.name,
            ProjectText::Department => &mut project.department,
            ProjectText::Implementer => &mut project.implementer,
            ProjectText::Leader => &mut project.leader,
            ProjectText::ExecutionReason => &mut project.execution_reason,
            ProjectText::GoalExpected => &mut project.goal_expected,
            ProjectText::GoalActual => &mut project.goal_actual,
            ProjectText::Conclusion => &mut project.conclusion,
            ProjectText::Problems => &mut project.problems,
            ProjectText::Measures => &mut project.measures,
        }
    }
}

impl ProjectEdit {
    /// Keystrokes in one field make one undo step: the field's path. `None` for a step of its own.
    pub(super) fn undo_key(&self) -> Option<String> {
        let key = match self {
            ProjectEdit::Text { project, field, .. } => {
                format!("projects[{project}].{}", field.key())
            }
            ProjectEdit::Kind { project, .. } => format!("projects[{project}].kind"),
            ProjectEdit::Funds {
                project,
                line,
                column,
                ..
            } => format!("projects[{project}].funds.{}.{}", line.key(), column.key()),
            ProjectEdit::Rows { project, edit } => {
                let inner = edit.undo_key()?;
                let rows = inner.strip_prefix("targets").unwrap_or(&inner);
                format!("projects[{project}].rows{rows}")
            }
            ProjectEdit::OverrideScore { project, row, .. } => {
                format!("projects[{project}].overrides.{row}.score")
            }
            ProjectEdit::OverrideReason { project, row, .. } => {
                format!("projects[{project}].overrides.{row}.reason")
            }
            ProjectEdit::Add
            | ProjectEdit::Duplicate(_)
            | ProjectEdit::Remove(_)
            | ProjectEdit::Move { .. }
            | ProjectEdit::Paste(_)
            | ProjectEdit::Complete(_)
            | ProjectEdit::Scheme(_) => return None,
        };
        Some(key)
    }

    /// At most how many bytes the edit adds to the stored document, when known cheaply (see `Edit::growth_bound`).
    pub(super) fn growth_bound(&self) -> Option<usize> {
        match self {
            ProjectEdit::Text { text, .. } => Some(json_text_bound(text)),
            ProjectEdit::OverrideReason { reason, .. } => {
                Some(json_text_bound(reason).saturating_add(4 * JSON_SCALAR_BOUND))
            }
            ProjectEdit::Kind { .. } | ProjectEdit::Funds { .. } | ProjectEdit::Complete(_) => {
                Some(JSON_SCALAR_BOUND)
            }
            ProjectEdit::OverrideScore { .. } => Some(4 * JSON_SCALAR_BOUND),
            ProjectEdit::Rows { edit, .. } => edit.growth_bound(),
            ProjectEdit::Remove(_) | ProjectEdit::Move { .. } => Some(0),
            ProjectEdit::Add
            | ProjectEdit::Duplicate(_)
            | ProjectEdit::Paste(_)
            | ProjectEdit::Scheme(_) => None,
        }
    }
}

impl Document {
    /// Applies a project edit; one that names a project or a row that is not there changes nothing.
    pub(super) fn apply_project(&mut self, edit: &ProjectEdit) {
        let projects = &mut self.projects;
        match edit {
            ProjectEdit::Add => projects.push(Project::default()),
            ProjectEdit::Duplicate(at) => {
                if let Some(copy) = projects.get(*at).cloned() {
                    projects.insert(at.saturating_add(1), copy);
                }
            }
            ProjectEdit::Remove(at) => {
                if *at < projects.len() {
                    projects.remove(*at);
                }
            }
            ProjectEdit::Move { from, to } => move_within(projects, *from, *to),
            ProjectEdit::Paste(pasted) => projects.extend(pasted.iter().cloned()),
            ProjectEdit::Complete(complete) => self.projects_complete = *complete,
            ProjectEdit::Scheme(scheme) => self.project_scheme = scheme.as_deref().cloned(),
            ProjectEdit::Text {
                project,
                field,
                text,
            } => {
                if let Some(p) = projects.get_mut(*project) {
                    field.of(p).clone_from(text);
                }
            }
            ProjectEdit::Kind { project, kind } => {
                if let Some(p) = projects.get_mut(*project) {
                    p.kind = *kind;
                }
            }
            ProjectEdit::Funds {
                project,
                line,
                column,
                value,
            } => {
                if let Some(p) = projects.get_mut(*project) {
                    *p.funds.row_mut(*line).get_mut(*column) = *value;
                }
            }
            ProjectEdit::Rows { project, edit } => {
                if let Some(p) = projects.get_mut(*project) {
                    apply_to_rows(&mut p.rows, edit);
                    // A removed or moved row takes its override along, or leaves none behind.
                    match **edit {
                        Edit::RemoveRow(_, row) => {
                            p.overrides.retain(|o| o.row != row);
                            for o in &mut p.overrides {
                                if o.row > row {
                                    o.row = o.row.saturating_sub(1);
                                }
                            }
                        }
                        Edit::MoveRow { from, to, .. }
                            if from < p.rows.len() && to < p.rows.len() =>
                        {
                            for o in &mut p.overrides {
                                o.row = moved_index(o.row, from, to);
                            }
                        }
                        _ => {}
                    }
                }
            }
            ProjectEdit::OverrideScore {
                project,
                row,
                score,
            } => {
                if let Some(p) = projects.get_mut(*project) {
                    match score {
                        Some(score) => {
                            if let Some(o) = override_of(p, *row) {
                                o.score = Some(*score);
                            }
                        }
                        None => p.overrides.retain(|o| o.row != *row),
                    }
                }
            }
            ProjectEdit::OverrideReason {
                project,
                row,
                reason,
            } => {
                if let Some(o) = projects
                    .get_mut(*project)
                    .and_then(|p| override_of(p, *row))
                {
                    o.reason.clone_from(reason);
                }
            }
        }
    }
}

/// The override of a row, made when there is none; none for a row that does not exist.
fn override_of(project: &mut Project, row: usize) -> Option<&mut RowOverride> {
    if !project.overrides.iter().any(|o| o.row == row) {
        if row >= project.rows.len() {
            return None;
        }
        project.overrides.push(RowOverride {
            row,
            score: None,
            reason: String::new(),
        });
    }
    project.overrides.iter_mut().rev().find(|o| o.row == row)
}

/// Where the row at `index` is after the row at `from` moved to `to`.
fn moved_index(index: usize, from: usize, to: usize) -> usize {
    if index == from {
        to
    } else if from < to && index > from && index <= to {
        index.saturating_sub(1)
    } else if to < from && index >= to && index < from {
        index.saturating_add(1)
    } else {
        index
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Table, TargetText};
    use crate::samples;
    use rust_decimal_macros::dec;

    fn project(edit: ProjectEdit) -> Edit {
        Edit::Project(edit)
    }

    fn rows(project: usize, edit: Edit) -> Edit {
        Edit::Project(ProjectEdit::Rows {
            project,
            edit: Box::new(edit),
        })
    }

    /// The example document with its projects taken out and two new ones, each with two rows, through `try_apply`
    /// as the page applies edits.
    fn with_two_projects() -> Document {
        let mut doc = samples::example();
        doc.projects.clear();
        let mut edits = vec![project(ProjectEdit::Add), project(ProjectEdit::Add)];
        for p in 0..2 {
            edits.push(project(ProjectEdit::Text {
                project: p,
                field: ProjectText::Name,
                text: format!("项目{p}"),
            }));
            edits.push(rows(p, Edit::AddRow(Table::Targets)));
            edits.push(rows(p, Edit::AddRow(Table::Targets)));
        }
        for edit in edits {
            let applied = doc
                .try_apply(&edit, None)
                .expect("accepted")
                .expect("a change");
            doc = applied.value;
        }
        doc
    }

    #[test]
    fn projects_are_added_named_filled_and_their_rows_edited_like_the_targets_table() {
        let mut doc = with_two_projects();
        assert_eq!(doc.projects.len(), 2);
        assert_eq!(doc.projects[1].name, "项目1");
        assert_eq!(doc.projects[1].rows.len(), 2);
        assert_eq!(doc.projects[1].rows[0].level1, "产出");
        doc.apply(&project(ProjectEdit::Funds {
            project: 1,
            line: FundsLine::Total,
            column: FundsColumn::Spent,
            value: Some(dec!(110.4)),
        }))
        .unwrap();
        doc.apply(&rows(
            1,
            Edit::TargetText {
                row: 1,
                column: TargetText::Actual,
                text: "95".into(),
            },
        ))
        .unwrap();
        assert_eq!(doc.projects[1].funds.total.spent, Some(dec!(110.4)));
        assert_eq!(doc.projects[1].rows[1].actual, "95");
        assert_eq!(
            doc.targets,
            samples::example().targets,
            "the 部门整体 table is untouched"
        );
        // A 部门整体 edit that is not a row edit changes nothing in a project.
        let before = doc.clone();
        doc.apply(&rows(1, Edit::Departments("x".into()))).unwrap();
        assert_eq!(doc, before);
    }

    #[test]
    fn the_scheme_is_adjusted_as_a_whole_and_refused_unless_its_weights_add_up_to_100() {
        let doc = samples::example();
        let scheme = crate::project::scheme_of(&doc).unwrap();
        let total_before = crate::project::evaluate_all(&doc).unwrap()[0].total;
        // 执行率 20, 产出 40, 效益 30, 满意度 10, and a reason asked below 90%.
        let adjusted =
            scheme.with_weights(dec!(20), &[dec!(40), dec!(30), dec!(10)], Some(dec!(90)));
        let edit = project(ProjectEdit::Scheme(Some(Box::new(adjusted.clone()))));
        let applied = doc
            .try_apply(&edit, None)
            .expect("accepted")
            .expect("a change");
        assert_eq!(applied.value.project_scheme.as_ref(), Some(&adjusted));
        let evaluation = &crate::project::evaluate_all(&applied.value).unwrap()[0];
        assert_eq!(evaluation.execution.weight, dec!(20));
        assert_ne!(evaluation.total, total_before);
        // 执行率 20 with the others unchanged adds up to 110: refused, the document as it was.
        let broken = scheme.with_weights(dec!(20), &[], None);
        let edit = project(ProjectEdit::Scheme(Some(Box::new(broken))));
        assert!(doc.try_apply(&edit, None).is_err());
        // Back to the built-in form.
        let reset = project(ProjectEdit::Scheme(None));
        let back = applied.value.try_apply(&reset, None).unwrap().unwrap();
        assert_eq!(back.value.project_scheme, None);
    }

    #[test]
    fn undo_keys_are_the_paths_typed_into() {
        let typed = project(ProjectEdit::Text {
            project: 3,
            field: ProjectText::Leader,
            text: "张三".into(),
        });
        assert_eq!(typed.undo_key().as_deref(), Some("projects[3].leader"));
        let cell = rows(
            2,
            Edit::TargetText {
                row: 4,
                column: TargetText::Actual,
                text: "1".into(),
            },
        );
        assert_eq!(
            cell.undo_key().as_deref(),
            Some("projects[2].rows[4].actual")
        );
        let funds = project(ProjectEdit::Funds {
            project: 0,
            line: FundsLine::Other,
            column: FundsColumn::Adjusted,
            value: None,
        });
        assert_eq!(
            funds.undo_key().as_deref(),
            Some("projects[0].funds.other.adjusted")
        );
        assert_eq!(project(ProjectEdit::Add).undo_key(), None);
        assert_eq!(rows(0, Edit::AddRow(Table::Targets)).undo_key(), None);
    }

    #[test]
    fn duplicate_remove_and_move_keep_the_order_the_officer_sees() {
        let mut doc = with_two_projects();
        doc.apply(&project(ProjectEdit::Duplicate(0))).unwrap();
        let names: Vec<&str> = doc.projects.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["项目0", "项目0", "项目1"]);
        doc.apply(&project(ProjectEdit::Move { from: 2, to: 0 }))
            .unwrap();
        doc.apply(&project(ProjectEdit::Remove(1))).unwrap();
        let names: Vec<&str> = doc.projects.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["项目1", "项目0"]);
        // Indices past the end change nothing.
        let before = doc.clone();
        for edit in [
            ProjectEdit::Remove(9),
            ProjectEdit::Duplicate(9),
            ProjectEdit::Move { from: 0, to: 9 },
        ] {
            doc.apply(&project(edit)).unwrap();
        }
        assert_eq!(doc, before);
    }

    #[test]
    fn an_override_follows_its_row_and_is_never_made_for_a_missing_one() {
        let mut doc = with_two_projects();
        doc.apply(&rows(0, Edit::AddRow(Table::Targets))).unwrap();
        doc.apply(&project(ProjectEdit::OverrideReason {
            project: 0,
            row: 2,
            reason: "抽查发现质量问题".into(),
        }))
        .unwrap();
        doc.apply(&project(ProjectEdit::OverrideScore {
            project: 0,
            row: 2,
            score: Some(dec!(5)),
        }))
        .unwrap();
        assert_eq!(doc.projects[0].overrides.len(), 1);
        // The first row removed: the override moves up with its row.
        doc.apply(&rows(0, Edit::RemoveRow(Table::Targets, 0)))
            .unwrap();
        assert_eq!(doc.projects[0].overrides[0].row, 1);
        // Moved to the top: it goes along.
        doc.apply(&rows(
            0,
            Edit::MoveRow {
                table: Table::Targets,
                from: 1,
                to: 0,
            },
        ))
        .unwrap();
        assert_eq!(doc.projects[0].overrides[0].row, 0);
        // Its row removed: the override goes too.
        doc.apply(&rows(0, Edit::RemoveRow(Table::Targets, 0)))
            .unwrap();
        assert!(doc.projects[0].overrides.is_empty());
        let before = doc.clone();
        doc.apply(&project(ProjectEdit::OverrideScore {
            project: 0,
            row: 7,
            score: Some(dec!(1)),
        }))
        .unwrap();
        assert_eq!(doc, before, "no override for a row that is not there");
    }

    #[test]
    fn the_gate_refuses_an_edit_beyond_a_cap_and_keeps_the_document() {
        let doc = with_two_projects();
        let long = project(ProjectEdit::Text {
            project: 0,
            field: ProjectText::Name,
            text: "项".repeat(201),
        });
        assert!(doc.try_apply(&long, None).is_err());
        let negative = project(ProjectEdit::Funds {
            project: 0,
            line: FundsLine::Fiscal,
            column: FundsColumn::Initial,
            value: Some(dec!(-1)),
        });
        assert!(doc.try_apply(&negative, None).is_err());
        let mut full = doc.clone();
        full.projects = vec![Project::default(); crate::caps::PROJECTS];
        assert!(
            full.try_apply(&project(ProjectEdit::Add), None).is_err(),
            "no project beyond the cap"
        );
    }
}
