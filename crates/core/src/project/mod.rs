//! 项目支出绩效自评: one form per project the unit spent money on (财预〔2020〕10号 附件, the layout every province
//! adapts; `shared/spec/projects.md`). What the officer enters (`Project`, in the document), the scheme it is scored
//! by (`ProjectScheme`, data, in the framework module), and its score with every point explained (`score`); the
//! checks published forms fail are with the other checks (`checks::projects`). The indicator rows are the 部门整体
//! form's `TargetRow`s, assessed and scored by the same code.

pub mod digest;
pub mod score;

pub use crate::document::{
    Funds, FundsColumn, FundsLine, FundsRow, Project, ProjectKind, RowOverride,
};
use crate::fields::FieldRef;
pub use crate::framework::project::ProjectScheme;

/// The scheme `doc`'s projects are scored by: its own, else the built-in 财预〔2020〕10号 form.
pub fn scheme_of(doc: &crate::Document) -> Option<ProjectScheme> {
    doc.project_scheme
        .clone()
        .or_else(ProjectScheme::default_scheme)
}

/// What a project is listed as (overview, 汇总, sheet names): its 项目名称, or 第N个项目 without one.
pub fn project_name(index: usize, project: &Project) -> String {
    match project.name.trim() {
        "" => format!("第{}个项目", index.saturating_add(1)),
        name => name.to_string(),
    }
}

/// Which of a document's projects a file or a print is of: all, or the one at a place (which keeps its number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ProjectSelection {
    #[default]
    All,
    One(usize),
}

/// A project at its place in the document (from 0), with its evaluation (shared with the page's, which keeps it
/// between keystrokes: `checks::ScoredProjects`).
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedProject<'a> {
    pub index: usize,
    pub project: &'a Project,
    pub evaluation: std::rc::Rc<score::ProjectEvaluation>,
}

/// The projects of `doc` that `selection` names, scored under its scheme, in order; none when the scheme cannot be
/// read, an empty list for a place beyond the list.
pub fn evaluate_selected(
    doc: &crate::Document,
    selection: ProjectSelection,
) -> Option<Vec<PlacedProject<'_>>> {
    let scheme = scheme_of(doc)?;
    let wanted = |index: usize| match selection {
        ProjectSelection::All => true,
        ProjectSelection::One(one) => one == index,
    };
    Some(
        doc.projects
            .iter()
            .enumerate()
            .filter(|(index, _)| wanted(*index))
            .map(|(index, project)| PlacedProject {
                index,
                project,
                evaluation: std::rc::Rc::new(score::evaluate(index, project, &scheme)),
            })
            .collect(),
    )
}

/// The name a project is called by in messages: its 项目名称, or 第N个项目.
pub fn project_label(index: usize, project: &Project) -> String {
    let name = project.name.trim();
    if name.is_empty() {
        format!("第{}个项目", index.saturating_add(1))
    } else {
        format!("项目“{name}”")
    }
}

/// Where a project's fields are, for checks' links and the gate's messages: `projects[i].…`.
pub struct ProjectFields<'a> {
    pub index: usize,
    pub label: &'a str,
}

impl ProjectFields<'_> {
    fn field(&self, path: &str, label: &str) -> FieldRef {
        FieldRef {
            path: format!("projects[{}].{path}", self.index),
            label: format!("{}{label}", self.label),
        }
    }

    pub fn funds(&self, line: FundsLine, column: FundsColumn) -> FieldRef {
        self.field(
            &format!("funds.{}.{}", line.key(), column.key()),
            &format!("{}{}", line.label(), column.label()),
        )
    }

    pub fn execution_reason(&self) -> FieldRef {
        self.field("execution_reason", "执行率偏低的原因")
    }

    pub fn rows(&self) -> FieldRef {
        self.field("rows", "绩效指标")
    }

    pub fn override_of(&self, row: usize) -> FieldRef {
        self.field(
            &format!("overrides[{row}]"),
            &format!("绩效指标第{}行的人工调整", row.saturating_add(1)),
        )
    }

    /// A cell of the indicator rows, from the reference the target-row assessment gives for the same cell of the
    /// 部门整体 targets table (`targets[i].actual`, 绩效目标第N行实际完成值).
    pub fn row_cell(&self, target_cell: &FieldRef) -> FieldRef {
        let path = target_cell
            .path
            .strip_prefix("targets")
            .map(|rest| format!("rows{rest}"))
            .unwrap_or_else(|| "rows".to_string());
        let label = target_cell
            .label
            .strip_prefix("绩效目标")
            .map(|rest| format!("绩效指标{rest}"))
            .unwrap_or_else(|| target_cell.label.clone());
        self.field(&path, &label)
    }
}

/// Every project of `doc` scored under its scheme, in order; none when the scheme cannot be read.
pub fn evaluate_all(doc: &crate::Document) -> Option<Vec<score::ProjectEvaluation>> {
    let scheme = scheme_of(doc)?;
    Some(
        doc.projects
            .iter()
            .enumerate()
            .map(|(i, p)| score::evaluate(i, p, &scheme))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::TargetColumn;

    #[test]
    fn a_rows_cell_is_named_inside_its_project() {
        let fields = ProjectFields {
            index: 2,
            label: "项目“监测设备更新”",
        };
        let cell = fields.row_cell(&TargetColumn::Actual.cell(4));
        assert_eq!(cell.path, "projects[2].rows[4].actual");
        assert_eq!(cell.label, "项目“监测设备更新”绩效指标第5行实际完成值");
        let funds = fields.funds(FundsLine::Other, FundsColumn::Spent);
        assert_eq!(funds.path, "projects[2].funds.other.spent");
        assert_eq!(funds.label, "项目“监测设备更新”其他资金全年执行数");
    }

    #[test]
    fn an_unnamed_project_is_called_by_its_place() {
        assert_eq!(project_label(0, &Project::default()), "第1个项目");
    }
}
