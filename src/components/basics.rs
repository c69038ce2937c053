//! 基本情况: the unit, its functions, staff and internal departments.

use yew::prelude::*;
use zipin_core::edit::Edit;
use zipin_core::fields::{Field, Part};

use super::fields::{FlagInput, NumberInput, TextField, TextInput};
use super::{on_edit, use_document};

#[function_component(Basics)]
pub fn basics() -> Html {
    let state = use_document();
    let doc = state.doc();

    html! {
        <>
            <section class="card" aria-labelledby="h-unit">
                <h3 id="h-unit">{ "单位信息" }</h3>
                <div class="grid">
                    <TextInput field={Field::UnitName} />
                    <TextInput field={Field::UnitShortName} />
                    <TextInput field={Field::UnitSelfReference} />
                    <TextInput field={Field::UnitSupervisor} />
                    <NumberInput field={Field::UnitYear} />
                    <TextInput field={Field::UnitNature} />
                </div>
                <TextInput field={Field::UnitNotice} />
            </section>

            <section class="card" aria-labelledby="h-duties">
                <h3 id="h-duties">{ "部门职能" }</h3>
                <TextInput field={Field::UnitMandate} rows={5} />
                <TextInput field={Field::UnitDuties} rows={4} />
            </section>

            <section class="card" aria-labelledby="h-staff">
                <h3 id="h-staff">{ "人员情况" }</h3>
                <div class="grid">
                    <TextInput field={Field::StaffEstablishmentSource} />
                    <TextInput field={Field::StaffAuthorizedKind} />
                    <NumberInput field={Field::StaffAuthorized} />
                    <NumberInput field={Field::StaffInEstablishment} />
                    <NumberInput field={Field::StaffLeadersTotal} />
                    <NumberInput field={Field::StaffLeadersChief} />
                    <NumberInput field={Field::StaffLeadersDeputy} />
                    <NumberInput field={Field::StaffContract} />
                    <FlagInput field={Field::StaffContractApproximate} />
                    <NumberInput field={Field::StaffOnPost} />
                    <NumberInput field={Field::StaffAverageAge} />
                </div>
                <h4>{ "学历与职称" }</h4>
                <div class="grid">
                    <NumberInput field={Field::StaffBachelor} />
                    <NumberInput field={Field::StaffMasters} />
                    <NumberInput field={Field::StaffTitledTotal} />
                    <NumberInput field={Field::StaffSeniorFull} />
                    <NumberInput field={Field::StaffSeniorDeputy} />
                    <NumberInput field={Field::StaffIntermediate} />
                </div>
                <TextInput field={Field::StaffTeamDescription} rows={4} />
            </section>

            <section class="card" aria-labelledby="h-departments">
                <h3 id="h-departments">{ "机构设置" }</h3>
                <TextField id={Part::Departments.dom_id()} label="内设机构（每行一个）" rows={6} value={doc.departments.join("\n")}
                    hint="报告写作：根据工作需要，内设……等N个机构。"
                    on_change={on_edit(&state, Edit::Departments)} />
            </section>
        </>
    }
}
