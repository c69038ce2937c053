//! 项目支出绩效自评: one form per project the unit spent money on (财预〔2020〕10号 附件, the layout every province
//! adapts; `shared/spec/projects.md`). What the officer enters (`Project`), the scheme it is scored by
//! (`scheme::ProjectScheme`, data), its score with every point explained (`score`), and the checks published forms
//! fail (`checks`). The indicator rows are the 部门整体 form's `TargetRow`s, assessed and scored by the same code.

pub mod checks;
pub mod scheme;
pub mod score;

use serde::{Deserialize, Serialize};

use crate::document::{Money, TargetRow};
use crate::fields::FieldRef;

/// One project's self-evaluation form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    /// 项目名称.
    pub name: String,
    /// 主管部门; empty: the unit's own.
    pub department: String,
    /// 实施单位.
    pub implementer: String,
    /// 项目属性.
    pub kind: ProjectKind,
    /// 项目负责人.
    pub leader: String,
    pub funds: Funds,
    /// Why 执行率 is below the scheme's line (Sichuan asks for one below 90%).
    pub execution_reason: String,
    /// 年度总体目标: 预期目标 and 实际完成情况.
    pub goal_expected: String,
    pub goal_actual: String,
    /// 绩效指标: 一级 | 二级 | 三级 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 偏差原因.
    pub rows: Vec<TargetRow>,
    /// Scores the officer sets instead of the formula's, each with its reason.
    pub overrides: Vec<RowOverride>,
    /// The short self-evaluation text: 自评结论, 存在问题, 改进措施.
    pub conclusion: String,
    pub problems: String,
    pub measures: String,
}

/// 项目属性.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectKind {
    #[default]
    Unset,
    /// 新增.
    New,
    /// 延续.
    Continuing,
}

impl ProjectKind {
    pub fn label(self) -> &'static str {
        match self {
            ProjectKind::Unset => "",
            ProjectKind::New => "新增",
            ProjectKind::Continuing => "延续",
        }
    }
}

/// The funds block (万元): 年度资金总额 and, below it, 其中 当年财政拨款 / 上年结转资金 / 其他资金.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Funds {
    pub total: FundsRow,
    pub fiscal: FundsRow,
    pub carryover: FundsRow,
    pub other: FundsRow,
}

/// One row of the funds block: 年初预算数 | 全年预算数 (调整后) | 全年执行数.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FundsRow {
    pub initial: Money,
    pub adjusted: Money,
    pub spent: Money,
}

/// The rows of the funds block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FundsLine {
    Total,
    Fiscal,
    Carryover,
    Other,
}

impl FundsLine {
    pub const ALL: [FundsLine; 4] = [
        FundsLine::Total,
        FundsLine::Fiscal,
        FundsLine::Carryover,
        FundsLine::Other,
    ];
    /// The 其中 rows, whose sum the total row must be.
    pub const PARTS: [FundsLine; 3] = [FundsLine::Fiscal, FundsLine::Carryover, FundsLine::Other];

    pub fn key(self) -> &'static str {
        match self {
            FundsLine::Total => "total",
            FundsLine::Fiscal => "fiscal",
            FundsLine::Carryover => "carryover",
            FundsLine::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FundsLine::Total => "年度资金总额",
            FundsLine::Fiscal => "当年财政拨款",
            FundsLine::Carryover => "上年结转资金",
            FundsLine::Other => "其他资金",
        }
    }
}

/// The columns of the funds block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FundsColumn {
    Initial,
    Adjusted,
    Spent,
}

impl FundsColumn {
    pub const ALL: [FundsColumn; 3] = [
        FundsColumn::Initial,
        FundsColumn::Adjusted,
        FundsColumn::Spent,
    ];

    pub fn key(self) -> &'static str {
        match self {
            FundsColumn::Initial => "initial",
            FundsColumn::Adjusted => "adjusted",
            FundsColumn::Spent => "spent",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FundsColumn::Initial => "年初预算数",
            FundsColumn::Adjusted => "全年预算数",
            FundsColumn::Spent => "全年执行数",
        }
    }
}

impl Funds {
    pub fn row(&self, line: FundsLine) -> &FundsRow {
        match line {
            FundsLine::Total => &self.total,
            FundsLine::Fiscal => &self.fiscal,
            FundsLine::Carryover => &self.carryover,
            FundsLine::Other => &self.other,
        }
    }
}

impl FundsRow {
    pub fn get(&self, column: FundsColumn) -> Money {
        match column {
            FundsColumn::Initial => self.initial,
            FundsColumn::Adjusted => self.adjusted,
            FundsColumn::Spent => self.spent,
        }
    }
}

/// A score the officer sets for an indicator row instead of the formula's (a deduction where the formula gives
/// full marks, as published forms do), with the reason, which the form prints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RowOverride {
    /// The row's index in the project's rows.
    pub row: usize,
    pub score: Option<rust_decimal::Decimal>,
    pub reason: String,
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
