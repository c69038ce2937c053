//! 基本情况: the unit, its functions, staff and internal departments.

use rust_decimal::Decimal;
use yew::prelude::*;
use zipin_core::fields::Field;
use zipin_core::number::{fmt_percent, percent_of};

use super::fields::{
    count_to_decimal, decimal_to_count, Checkbox, NumberField, NumberKind, TextField,
};
use super::{editor, field_id, use_app_state};

#[function_component(Basics)]
pub fn basics() -> Html {
    let state = use_app_state();
    let doc = state.doc();
    let unit = &doc.unit;
    let staff = &doc.staff;

    macro_rules! text {
        ($id:expr, $label:expr, $value:expr, $apply:expr) => {
            html! { <TextField id={$id} label={$label} value={$value.clone()} on_change={editor(&state, $id.to_string(), $apply)} /> }
        };
    }
    macro_rules! count {
        ($field:expr, $value:expr, $apply:expr) => {
            html! { <NumberField id={field_id($field)} label={$field.label()} kind={NumberKind::Count} unit="人"
                value={count_to_decimal($value)}
                on_change={editor(&state, $field.path(), move |d, v: Option<Decimal>| ($apply)(d, decimal_to_count(v)))} /> }
        };
    }
    let share = |n: Option<u32>| -> Option<AttrValue> {
        let (n, total) = (n?, staff.on_post?);
        percent_of(Decimal::from(n), Decimal::from(total))
            .map(|p| format!("占在职在岗人数 {}", fmt_percent(p)).into())
    };
    let titled_parts = [staff.senior_full, staff.senior_deputy, staff.intermediate];
    // None while a part is missing, or if the counts overflow (a u32 sum would wrap in a release build).
    let titled_sum: Option<u32> = titled_parts
        .iter()
        .try_fold(0u32, |sum, part| part.and_then(|p| sum.checked_add(p)));

    html! {
        <>
            <section class="card" aria-labelledby="h-unit">
                <h3 id="h-unit">{ "单位信息" }</h3>
                <div class="grid">
                    { text!(field_id(Field::UnitName), "单位名称", unit.name, |d, v: String| d.unit.name = v) }
                    { text!("f-unit-short_name", "报告中的简称", unit.short_name, |d, v: String| d.unit.short_name = v) }
                    { text!("f-unit-self_reference", "自称（如 我中心、我单位）", unit.self_reference, |d, v: String| d.unit.self_reference = v) }
                    { text!("f-unit-supervisor", "主管部门", unit.supervisor, |d, v: String| d.unit.supervisor = v) }
                    <NumberField id={field_id(Field::UnitYear)} label="预算年度" kind={NumberKind::Count} unit="年"
                        value={unit.year.map(Decimal::from)}
                        on_change={editor(&state, "unit.year", |d, v: Option<Decimal>| d.unit.year = decimal_to_count(v).and_then(|y| u16::try_from(y).ok()))} />
                    { text!("f-unit-nature", "单位性质", unit.nature, |d, v: String| d.unit.nature = v) }
                </div>
                <TextField id="f-unit-notice" label="自评工作通知名称（报告开头引用）" value={unit.notice.clone()}
                    on_change={editor(&state, "unit.notice", |d, v: String| d.unit.notice = v)} />
            </section>

            <section class="card" aria-labelledby="h-duties">
                <h3 id="h-duties">{ "部门职能" }</h3>
                <TextField id="f-unit-mandate" label="机构编制文件与单位沿革（1.职能情况）" rows={5} value={unit.mandate.clone()}
                    on_change={editor(&state, "unit.mandate", |d, v: String| d.unit.mandate = v)} />
                <TextField id="f-unit-duties" label="主要职责" rows={4} value={unit.duties.clone()}
                    on_change={editor(&state, "unit.duties", |d, v: String| d.unit.duties = v)} />
            </section>

            <section class="card" aria-labelledby="h-staff">
                <h3 id="h-staff">{ "人员情况" }</h3>
                <div class="grid">
                    { text!("f-staff-establishment_source", "编制依据", staff.establishment_source, |d, v: String| d.staff.establishment_source = v) }
                    { text!("f-staff-authorized_kind", "编制类型（如 事业编制）", staff.authorized_kind, |d, v: String| d.staff.authorized_kind = v) }
                    { count!(Field::StaffAuthorized, staff.authorized, |d: &mut zipin_core::Document, v: Option<u32>| d.staff.authorized = v) }
                    { count!(Field::StaffInEstablishment, staff.in_establishment, |d: &mut zipin_core::Document, v: Option<u32>| d.staff.in_establishment = v) }
                    { count!(Field::StaffLeadersTotal, staff.leaders_total, |d: &mut zipin_core::Document, v: Option<u32>| d.staff.leaders_total = v) }
                    { count!(Field::StaffLeadersChief, staff.leaders_chief, |d: &mut zipin_core::Document, v: Option<u32>| d.staff.leaders_chief = v) }
                    { count!(Field::StaffLeadersDeputy, staff.leaders_deputy, |d: &mut zipin_core::Document, v: Option<u32>| d.staff.leaders_deputy = v) }
                    <NumberField id="f-staff-contract" label="劳动合同制人员" kind={NumberKind::Count} unit="人"
                        value={count_to_decimal(staff.contract)}
                        on_change={editor(&state, "staff.contract", |d, v: Option<Decimal>| d.staff.contract = decimal_to_count(v))} />
                    <Checkbox id="f-staff-contract_approximate" label="劳动合同制人数为约数（报告写“余名”）" checked={staff.contract_approximate}
                        on_change={editor(&state, "staff.contract_approximate", |d, v: bool| d.staff.contract_approximate = v)} />
                    { count!(Field::StaffOnPost, staff.on_post, |d: &mut zipin_core::Document, v: Option<u32>| d.staff.on_post = v) }
                    <NumberField id="f-staff-average_age" label="平均年龄" kind={NumberKind::Decimal} unit="岁"
                        value={staff.average_age}
                        on_change={editor(&state, "staff.average_age", |d, v: Option<Decimal>| d.staff.average_age = v)} />
                </div>
                <h4>{ "学历与职称" }</h4>
                <div class="grid">
                    <NumberField id={field_id(Field::StaffBachelor)} label={Field::StaffBachelor.label()} kind={NumberKind::Count} unit="人"
                        value={count_to_decimal(staff.bachelor_or_above)} derived={share(staff.bachelor_or_above)}
                        on_change={editor(&state, "staff.bachelor_or_above", |d, v: Option<Decimal>| d.staff.bachelor_or_above = decimal_to_count(v))} />
                    <NumberField id={field_id(Field::StaffMasters)} label={Field::StaffMasters.label()} kind={NumberKind::Count} unit="人"
                        value={count_to_decimal(staff.masters)} derived={share(staff.masters)}
                        on_change={editor(&state, "staff.masters", |d, v: Option<Decimal>| d.staff.masters = decimal_to_count(v))} />
                    <NumberField id={field_id(Field::StaffTitledTotal)} label={Field::StaffTitledTotal.label()} kind={NumberKind::Count} unit="人"
                        value={count_to_decimal(staff.titled_total)} derived={share(staff.titled_total)}
                        on_change={editor(&state, "staff.titled_total", |d, v: Option<Decimal>| d.staff.titled_total = decimal_to_count(v))} />
                    <NumberField id={field_id(Field::StaffSeniorFull)} label={Field::StaffSeniorFull.label()} kind={NumberKind::Count} unit="人"
                        value={count_to_decimal(staff.senior_full)}
                        on_change={editor(&state, "staff.senior_full", |d, v: Option<Decimal>| d.staff.senior_full = decimal_to_count(v))} />
                    <NumberField id={field_id(Field::StaffSeniorDeputy)} label={Field::StaffSeniorDeputy.label()} kind={NumberKind::Count} unit="人"
                        value={count_to_decimal(staff.senior_deputy)}
                        on_change={editor(&state, "staff.senior_deputy", |d, v: Option<Decimal>| d.staff.senior_deputy = decimal_to_count(v))} />
                    <NumberField id={field_id(Field::StaffIntermediate)} label={Field::StaffIntermediate.label()} kind={NumberKind::Count} unit="人"
                        value={count_to_decimal(staff.intermediate)}
                        derived={titled_sum.map(|s| AttrValue::from(format!("正高 + 副高 + 中级 = {s} 人")))}
                        on_change={editor(&state, "staff.intermediate", |d, v: Option<Decimal>| d.staff.intermediate = decimal_to_count(v))} />
                </div>
                <TextField id="f-staff-team_description" label="队伍情况说明（报告中紧随人员数字的一段）" rows={4}
                    value={staff.team_description.clone()}
                    on_change={editor(&state, "staff.team_description", |d, v: String| d.staff.team_description = v)} />
            </section>

            <section class="card" aria-labelledby="h-departments">
                <h3 id="h-departments">{ "机构设置" }</h3>
                <TextField id="f-departments" label="内设机构（每行一个）" rows={6} value={doc.departments.join("\n")}
                    hint="报告写作：根据工作需要，内设……等N个机构。"
                    on_change={editor(&state, "departments", |d, v: String| {
                        d.departments = v.split('\n').map(str::to_string).collect();
                    })} />
            </section>
        </>
    }
}
