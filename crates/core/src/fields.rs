//! Names of the entered fields, so that metrics, checks and missing-input messages can point at them and the
//! app can take the officer to the field (`path` is the field's place in the document, `label` its Chinese label).

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Field {
    pub path: &'static str,
    pub label: &'static str,
}

macro_rules! fields {
    ($($name:ident = $path:literal, $label:literal;)*) => {
        $(pub const $name: Field = Field { path: $path, label: $label };)*
        /// Every named field, for looking a label up by its path.
        pub const ALL: &[Field] = &[$($name),*];
    };
}

fields! {
    UNIT_NAME = "unit.name", "单位名称";
    UNIT_YEAR = "unit.year", "预算年度";
    STAFF_AUTHORIZED = "staff.authorized", "核定编制数";
    STAFF_LEADERS_TOTAL = "staff.leaders_total", "领导职数";
    STAFF_LEADERS_CHIEF = "staff.leaders_chief", "正职领导职数";
    STAFF_LEADERS_DEPUTY = "staff.leaders_deputy", "副职领导职数";
    STAFF_IN_ESTABLISHMENT = "staff.in_establishment", "编制内在职人数";
    STAFF_ON_POST = "staff.on_post", "在职在岗人数";
    STAFF_AVERAGE_AGE = "staff.average_age", "平均年龄";
    STAFF_CONTRACT = "staff.contract", "劳动合同制人员";
    STAFF_BACHELOR = "staff.bachelor_or_above", "本科及以上学历人数";
    STAFF_MASTERS = "staff.masters", "硕士学位人数";
    STAFF_TITLED_TOTAL = "staff.titled_total", "中级及以上职称人数";
    STAFF_SENIOR_FULL = "staff.senior_full", "正高级职称人数";
    STAFF_SENIOR_DEPUTY = "staff.senior_deputy", "副高级职称人数";
    STAFF_INTERMEDIATE = "staff.intermediate", "中级职称人数";
    BUDGET_INITIAL = "finance.budget_initial", "年初预算数";
    BUDGET_FINAL = "finance.budget_final", "全年预算数（调整后）";
    SPENDING_TOTAL = "finance.spending_total", "全年执行数（部门整体支出）";
    SPENDING_BASIC = "finance.spending_basic", "基本支出";
    SPENDING_PROJECT = "finance.spending_project", "项目支出";
    BY_FUNCTION = "finance.by_function", "按功能分类支出";
    CARRYOVER_PREVIOUS = "finance.carryover_previous", "上年结转";
    CARRYOVER_END = "finance.carryover_end", "年末结转结余";
    THREE_PUBLIC_BUDGET = "finance.three_public.budget", "“三公”经费预算数";
    THREE_PUBLIC_ACTUAL = "finance.three_public.actual", "“三公”经费支出数";
    THREE_PUBLIC_PREVIOUS = "finance.three_public.previous", "上年“三公”经费支出数";
    ABROAD_BUDGET = "finance.three_public.abroad.budget", "因公出国（境）费预算数";
    ABROAD_ACTUAL = "finance.three_public.abroad.actual", "因公出国（境）费支出数";
    VEHICLES_BUDGET = "finance.three_public.vehicles.budget", "公务用车购置及运行费预算数";
    VEHICLES_ACTUAL = "finance.three_public.vehicles.actual", "公务用车购置及运行费支出数";
    RECEPTION_BUDGET = "finance.three_public.reception.budget", "公务接待费预算数";
    RECEPTION_ACTUAL = "finance.three_public.reception.actual", "公务接待费支出数";
    PUBLIC_FUNDS_BUDGET = "finance.public_funds_budget", "公用经费预算数";
    PUBLIC_FUNDS_ACTUAL = "finance.public_funds_actual", "公用经费支出数";
    PROCUREMENT_PLAN = "finance.procurement_plan", "政府采购计划金额";
    PROCUREMENT_ACTUAL = "finance.procurement_actual", "实际采购金额";
    FIXED_ASSETS_TOTAL = "finance.fixed_assets_total", "固定资产总额";
    FIXED_ASSETS_IN_USE = "finance.fixed_assets_in_use", "在用固定资产";
    TARGETS = "targets", "绩效目标";
    KEY_TASKS = "key_tasks", "重点工作任务";
    DEPARTMENTS = "departments", "内设机构";
    GOALS = "goals.groups", "绩效目标概述";
    PROBLEMS = "problems.items", "存在问题及改进措施";
    ANNUAL_WORK = "annual_work", "年度总体工作";
    OVERRIDES = "overrides", "人工调整得分";
    FRAMEWORK = "framework", "评分框架";
}

/// A field as results and checks name it: an owned path and label, for fixed fields and table cells alike.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FieldRef {
    pub path: String,
    pub label: String,
}

impl FieldRef {
    /// The HTML id the app gives the field's input: `finance.budget_final` → `f-finance-budget_final`,
    /// `targets[2].actual` → `f-targets-2-actual`.
    pub fn dom_id(&self) -> String {
        let mut id = String::from("f-");
        for c in self.path.chars() {
            match c {
                '.' | '[' => id.push('-'),
                ']' => {}
                other => id.push(other),
            }
        }
        id.replace("--", "-")
    }

    /// A cell of the 绩效目标 table (row counted from 0; the label counts from 1 as officers do).
    pub fn target(row: usize, column: &str, label: &str) -> FieldRef {
        FieldRef {
            path: format!("targets[{row}].{column}"),
            label: format!("绩效目标第{}行{label}", row.saturating_add(1)),
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
            path: field.path.to_string(),
            label: field.label.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dom_ids_are_stable() {
        assert_eq!(
            FieldRef::from(BUDGET_FINAL).dom_id(),
            "f-finance-budget_final"
        );
        assert_eq!(
            FieldRef::target(2, "actual", "实际完成值").dom_id(),
            "f-targets-2-actual"
        );
        assert_eq!(
            FieldRef::target(2, "actual", "实际完成值").label,
            "绩效目标第3行实际完成值"
        );
    }
}
