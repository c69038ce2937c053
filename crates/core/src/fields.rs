//! The one list of the document's entered fields. Each line names a field once: its path in the document, the label
//! the page shows (and checks, missing inputs and refusals quote), what it holds, and where it lives in the
//! [`Document`](crate::Document). The page renders an input from the field alone, the checks' 前往 links find it
//! by the same DOM id, and `Document::get` / [`Edit::Set`](crate::edit::Edit) read and write it.
//!
//! This module is a leaf: it names fields without knowing the document type, so the metric catalogue can name its
//! inputs without an import cycle; the accessors are generated beside the document (`document::access`).

use serde::Serialize;

/// What a field holds: decides the parser, the unit shown, and how the gate checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FieldKind {
    /// 万元, up to 6 decimals, never negative.
    Money,
    /// A whole number of people.
    Count,
    /// A year (预算年度).
    Year,
    /// An age in years, decimals allowed.
    Age,
    /// One text.
    Text,
    /// A tick box.
    Flag,
}

impl FieldKind {
    /// The unit shown after the label.
    pub fn unit(self) -> &'static str {
        match self {
            FieldKind::Money => "万元",
            FieldKind::Count => "人",
            FieldKind::Year => "年",
            FieldKind::Age => "岁",
            FieldKind::Text | FieldKind::Flag => "",
        }
    }
}

/// Calls `$then!` with the field list, so the enum here and the accessors beside the document are generated from
/// the same lines (a new field is one line: variant, kind, path, label, place in the document).
macro_rules! with_field_list {
    ($then:ident) => {
        $then! {
            UnitName: Text = "unit.name", "单位名称", unit.name;
            UnitShortName: Text = "unit.short_name", "报告中的简称", unit.short_name;
            UnitSelfReference: Text = "unit.self_reference", "自称（如 我中心、我单位）", unit.self_reference;
            UnitSupervisor: Text = "unit.supervisor", "主管部门", unit.supervisor;
            UnitYear: Year = "unit.year", "预算年度", unit.year;
            UnitNature: Text = "unit.nature", "单位性质", unit.nature;
            UnitNotice: Text = "unit.notice", "自评工作通知名称（报告开头引用）", unit.notice;
            UnitMandate: Text = "unit.mandate", "机构编制文件与单位沿革（1.职能情况）", unit.mandate;
            UnitDuties: Text = "unit.duties", "主要职责", unit.duties;
            StaffEstablishmentSource: Text = "staff.establishment_source", "编制依据", staff.establishment_source;
            StaffAuthorizedKind: Text = "staff.authorized_kind", "编制类型（如 事业编制）", staff.authorized_kind;
            StaffAuthorized: Count = "staff.authorized", "核定编制数", staff.authorized;
            StaffInEstablishment: Count = "staff.in_establishment", "编制内在职人数", staff.in_establishment;
            StaffLeadersTotal: Count = "staff.leaders_total", "领导职数", staff.leaders_total;
            StaffLeadersChief: Count = "staff.leaders_chief", "正职领导职数", staff.leaders_chief;
            StaffLeadersDeputy: Count = "staff.leaders_deputy", "副职领导职数", staff.leaders_deputy;
            StaffContract: Count = "staff.contract", "劳动合同制人员", staff.contract;
            StaffContractApproximate: Flag = "staff.contract_approximate", "劳动合同制人数为约数（报告写“余名”）", staff.contract_approximate;
            StaffOnPost: Count = "staff.on_post", "在职在岗人数", staff.on_post;
            StaffAverageAge: Age = "staff.average_age", "平均年龄", staff.average_age;
            StaffBachelor: Count = "staff.bachelor_or_above", "本科及以上学历人数", staff.bachelor_or_above;
            StaffMasters: Count = "staff.masters", "硕士学位人数", staff.masters;
            StaffTitledTotal: Count = "staff.titled_total", "中级及以上职称人数", staff.titled_total;
            StaffSeniorFull: Count = "staff.senior_full", "正高级职称人数", staff.senior_full;
            StaffSeniorDeputy: Count = "staff.senior_deputy", "副高级职称人数", staff.senior_deputy;
            StaffIntermediate: Count = "staff.intermediate", "中级职称人数", staff.intermediate;
            StaffTeamDescription: Text = "staff.team_description", "队伍情况说明（报告中紧随人员数字的一段）", staff.team_description;
            AnnualWork: Text = "annual_work", "年度总体工作", annual_work;
            GoalsIntro: Text = "goals.intro", "引言", goals.intro;
            BudgetInitial: Money = "finance.budget_initial", "年初预算数", finance.budget_initial;
            BudgetFinal: Money = "finance.budget_final", "全年预算数（调整后）", finance.budget_final;
            SpendingTotal: Money = "finance.spending_total", "全年执行数（部门整体支出）", finance.spending_total;
            SpendingBasic: Money = "finance.spending_basic", "基本支出", finance.spending_basic;
            SpendingProject: Money = "finance.spending_project", "项目支出", finance.spending_project;
            CarryoverPrevious: Money = "finance.carryover_previous", "上年结转", finance.carryover_previous;
            CarryoverEnd: Money = "finance.carryover_end", "年末结转结余", finance.carryover_end;
            ThreePublicNarrative: Text = "finance.three_public.narrative", "说明（报告中数字前的一句，如 厉行节俭，严格执行八项规定。）", finance.three_public.narrative;
            ThreePublicBudget: Money = "finance.three_public.budget", "“三公”经费预算数", finance.three_public.budget;
            ThreePublicActual: Money = "finance.three_public.actual", "“三公”经费支出数", finance.three_public.actual;
            ThreePublicPrevious: Money = "finance.three_public.previous", "上年“三公”经费支出数", finance.three_public.previous;
            AbroadBudget: Money = "finance.three_public.abroad.budget", "因公出国（境）费预算数", finance.three_public.abroad.budget;
            AbroadActual: Money = "finance.three_public.abroad.actual", "因公出国（境）费支出数", finance.three_public.abroad.actual;
            VehiclesBudget: Money = "finance.three_public.vehicles.budget", "公务用车购置及运行费预算数", finance.three_public.vehicles.budget;
            VehiclesActual: Money = "finance.three_public.vehicles.actual", "公务用车购置及运行费支出数", finance.three_public.vehicles.actual;
            ReceptionBudget: Money = "finance.three_public.reception.budget", "公务接待费预算数", finance.three_public.reception.budget;
            ReceptionActual: Money = "finance.three_public.reception.actual", "公务接待费支出数", finance.three_public.reception.actual;
            PublicFundsBudget: Money = "finance.public_funds_budget", "公用经费预算数", finance.public_funds_budget;
            PublicFundsActual: Money = "finance.public_funds_actual", "公用经费支出数", finance.public_funds_actual;
            ProcurementPlan: Money = "finance.procurement_plan", "政府采购计划金额", finance.procurement_plan;
            ProcurementActual: Money = "finance.procurement_actual", "实际采购金额", finance.procurement_actual;
            FixedAssetsTotal: Money = "finance.fixed_assets_total", "固定资产总额", finance.fixed_assets_total;
            FixedAssetsInUse: Money = "finance.fixed_assets_in_use", "在用固定资产", finance.fixed_assets_in_use;
        }
    };
}
pub(crate) use with_field_list;

macro_rules! define_fields {
    ($($variant:ident: $kind:ident = $path:literal, $label:literal, $($place:ident).+;)*) => {
        /// A field of the document that holds one value.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum Field {
            $($variant,)*
        }

        impl Field {
            /// Every field, in the order of the page.
            pub const ALL: &'static [Field] = &[$(Field::$variant),*];

            /// The field's place in the document, e.g. `finance.budget_final`.
            pub fn path(self) -> &'static str {
                match self {
                    $(Field::$variant => $path,)*
                }
            }

            /// The Chinese label the page shows and messages quote.
            pub fn label(self) -> &'static str {
                match self {
                    $(Field::$variant => $label,)*
                }
            }

            pub fn kind(self) -> FieldKind {
                match self {
                    $(Field::$variant => FieldKind::$kind,)*
                }
            }
        }
    };
}
with_field_list!(define_fields);

impl Field {
    pub fn unit(self) -> &'static str {
        self.kind().unit()
    }

    /// The id of the field's input on the page, which the checks' links focus.
    pub fn dom_id(self) -> String {
        dom_id(self.path())
    }

    /// Every money field, for the gate's number rules and the workbook.
    pub fn money() -> impl Iterator<Item = Field> {
        Field::ALL
            .iter()
            .copied()
            .filter(|field| field.kind() == FieldKind::Money)
    }
}

/// A part of the document that holds a list or a table rather than one value: checks and refusals point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Part {
    FunctionLines,
    Targets,
    KeyTasks,
    Departments,
    Goals,
    Problems,
    Overrides,
    Framework,
}

impl Part {
    pub const ALL: [Part; 8] = [
        Part::FunctionLines,
        Part::Targets,
        Part::KeyTasks,
        Part::Departments,
        Part::Goals,
        Part::Problems,
        Part::Overrides,
        Part::Framework,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Part::FunctionLines => "finance.by_function",
            Part::Targets => "targets",
            Part::KeyTasks => "key_tasks",
            Part::Departments => "departments",
            Part::Goals => "goals.groups",
            Part::Problems => "problems.items",
            Part::Overrides => "overrides",
            Part::Framework => "framework",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Part::FunctionLines => "按功能分类支出",
            Part::Targets => "绩效目标",
            Part::KeyTasks => "重点工作任务",
            Part::Departments => "内设机构",
            Part::Goals => "绩效目标概述",
            Part::Problems => "存在问题及改进措施",
            Part::Overrides => "人工调整得分",
            Part::Framework => "评分框架",
        }
    }

    pub fn dom_id(self) -> String {
        dom_id(self.path())
    }
}

/// The label of a field or part by its path, if the path names one.
pub fn label_of(path: &str) -> Option<&'static str> {
    let field = Field::ALL
        .iter()
        .find(|f| f.path() == path)
        .map(|f| f.label());
    field.or_else(|| {
        Part::ALL
            .iter()
            .find(|p| p.path() == path)
            .map(|p| p.label())
    })
}

/// A column of the 绩效目标 table: its key in paths and ids, its header, and the longest text it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TargetColumn {
    Level1,
    Level2,
    Name,
    Operator,
    Target,
    Unit,
    Actual,
    Weight,
    Grade,
    QualitativeScore,
    DeviationReason,
}

impl TargetColumn {
    /// The columns of the page's table, in order (the 得分比例 input shares the 定性档次 column).
    pub const SHOWN: [TargetColumn; 10] = [
        TargetColumn::Level1,
        TargetColumn::Level2,
        TargetColumn::Name,
        TargetColumn::Operator,
        TargetColumn::Target,
        TargetColumn::Unit,
        TargetColumn::Actual,
        TargetColumn::Weight,
        TargetColumn::Grade,
        TargetColumn::DeviationReason,
    ];

    pub fn key(self) -> &'static str {
        match self {
            TargetColumn::Level1 => "level1",
            TargetColumn::Level2 => "level2",
            TargetColumn::Name => "name",
            TargetColumn::Operator => "operator",
            TargetColumn::Target => "target",
            TargetColumn::Unit => "unit",
            TargetColumn::Actual => "actual",
            TargetColumn::Weight => "weight",
            TargetColumn::Grade => "grade",
            TargetColumn::QualitativeScore => "qualitative_score",
            TargetColumn::DeviationReason => "deviation_reason",
        }
    }

    pub fn header(self) -> &'static str {
        match self {
            TargetColumn::Level1 => "一级指标",
            TargetColumn::Level2 => "二级指标",
            TargetColumn::Name => "三级指标",
            TargetColumn::Operator => "运算符",
            TargetColumn::Target => "指标值",
            TargetColumn::Unit => "单位",
            TargetColumn::Actual => "实际完成值",
            TargetColumn::Weight => "权重（分）",
            TargetColumn::Grade => "定性档次 / 得分比例",
            TargetColumn::QualitativeScore => "得分比例",
            TargetColumn::DeviationReason => "偏差原因",
        }
    }

    /// The name a message gives a cell of this column (the header without its unit or second part).
    pub fn label(self) -> &'static str {
        match self {
            TargetColumn::Weight => "权重",
            TargetColumn::Grade => "达成情况",
            other => other.header(),
        }
    }

    /// A cell of this column in a row (counted from 0), as results and checks name it: `targets[2].actual`,
    /// 绩效目标第3行实际完成值 (rows count from 1 as officers do).
    pub fn cell(self, row: usize) -> FieldRef {
        FieldRef {
            path: format!("targets[{row}].{}", self.key()),
            label: format!("绩效目标第{}行{}", row.saturating_add(1), self.label()),
        }
    }
}

/// A column of the 重点工作任务 table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum KeyTaskColumn {
    Division,
    Content,
    Counterpart,
}

impl KeyTaskColumn {
    pub const ALL: [KeyTaskColumn; 3] = [
        KeyTaskColumn::Division,
        KeyTaskColumn::Content,
        KeyTaskColumn::Counterpart,
    ];

    pub fn key(self) -> &'static str {
        match self {
            KeyTaskColumn::Division => "division",
            KeyTaskColumn::Content => "content",
            KeyTaskColumn::Counterpart => "counterpart",
        }
    }

    pub fn header(self) -> &'static str {
        match self {
            KeyTaskColumn::Division => "对应处室",
            KeyTaskColumn::Content => "承担的工作任务内容",
            KeyTaskColumn::Counterpart => "对接部门",
        }
    }

    pub fn cell(self, row: usize) -> FieldRef {
        FieldRef {
            path: format!("key_tasks[{row}].{}", self.key()),
            label: format!("重点工作任务第{}行{}", row.saturating_add(1), self.header()),
        }
    }
}

/// The HTML id of an input by its path: `finance.budget_final` → `f-finance-budget_final`,
/// `targets[2].actual` → `f-targets-2-actual`.
pub fn dom_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        match c {
            '.' | '[' => id.push('-'),
            ']' => {}
            other => id.push(other),
        }
    }
    id.replace("--", "-")
}

/// A field as results and checks name it: an owned path and label, for fixed fields and table cells alike.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FieldRef {
    pub path: String,
    pub label: String,
}

impl FieldRef {
    /// The HTML id the app gives the field's input.
    pub fn dom_id(&self) -> String {
        dom_id(&self.path)
    }

    /// A cell of the 按功能分类支出 table: `name` or `amount`.
    pub fn function_line(row: usize, column: &str) -> FieldRef {
        let label = if column == "amount" {
            "金额"
        } else {
            "功能分类科目"
        };
        FieldRef {
            path: format!("finance.by_function[{row}].{column}"),
            label: format!("按功能分类支出第{}行{label}", row.saturating_add(1)),
        }
    }

    /// A group of the 绩效目标概述: its `title` or its `items`.
    pub fn goal(group: usize, part: &str) -> FieldRef {
        let label = if part == "items" {
            "具体完成情况"
        } else {
            "标题"
        };
        FieldRef {
            path: format!("goals.groups[{group}].{part}"),
            label: format!("第{}项目标{label}", group.saturating_add(1)),
        }
    }

    /// The officer's score in place of an indicator's rule score (the input on the scores page).
    pub fn override_score(indicator_id: &str, indicator_name: &str) -> FieldRef {
        FieldRef {
            path: format!("overrides.{indicator_id}"),
            label: format!("“{indicator_name}”人工调整"),
        }
    }

    /// The reason given for an override.
    pub fn override_reason(indicator_id: &str, indicator_name: &str) -> FieldRef {
        FieldRef {
            path: format!("overrides.{indicator_id}.reason"),
            label: format!("“{indicator_name}”调整理由"),
        }
    }

    /// An answer for one indicator, e.g. the checklist of `budget-quality`.
    pub fn indicator_input(indicator_id: &str, label: &str) -> FieldRef {
        FieldRef {
            path: format!("management.{indicator_id}"),
            label: label.to_string(),
        }
    }
}

impl From<Field> for FieldRef {
    fn from(field: Field) -> FieldRef {
        FieldRef {
            path: field.path().to_string(),
            label: field.label().to_string(),
        }
    }
}

impl From<Part> for FieldRef {
    fn from(part: Part) -> FieldRef {
        FieldRef {
            path: part.path().to_string(),
            label: part.label().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dom_ids_follow_the_path() {
        assert_eq!(Field::BudgetFinal.dom_id(), "f-finance-budget_final");
        assert_eq!(TargetColumn::Actual.cell(2).dom_id(), "f-targets-2-actual");
        assert_eq!(
            TargetColumn::Actual.cell(2).label,
            "绩效目标第3行实际完成值"
        );
        assert_eq!(Part::FunctionLines.dom_id(), "f-finance-by_function");
    }

    #[test]
    fn paths_are_unique_so_links_find_one_input() {
        let mut paths: Vec<&str> = Field::ALL.iter().map(|f| f.path()).collect();
        paths.extend(Part::ALL.iter().map(|p| p.path()));
        let count = paths.len();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), count);
        assert_eq!(
            label_of("finance.spending_total"),
            Some("全年执行数（部门整体支出）")
        );
        assert_eq!(label_of("targets"), Some("绩效目标"));
        assert_eq!(label_of("finance.nothing"), None);
    }
}
