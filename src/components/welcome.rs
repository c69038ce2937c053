//! The first visit: the sample shown is said to be a sample, and the way to the officer's own unit is on the page —
//! a new document of their unit (with last year's if one is stored), or a document file to import.

use yew::prelude::*;

use super::documents::NewDocument;
use super::open_file::OpenFile;
use super::{on_action, use_dispatch, use_document};
use crate::state::{Action, UiAction};

#[function_component(Welcome)]
pub fn welcome() -> Html {
    let shown = use_document();
    let doc = shown.doc();
    let year = doc
        .unit
        .year
        .map(|y| format!("{y}年度"))
        .unwrap_or_default();
    let dismiss = on_action(&use_dispatch(), || Action::Ui(UiAction::DismissWelcome));
    html! {
        <section class="welcome no-print" aria-labelledby="h-welcome">
            <h2 id="h-welcome">{ "这是示例数据" }</h2>
            <p>{ format!("当前显示的是示例单位“{}”{year}的自评数据，供了解填报方式。填写本单位名称和年度，点“开始填报本单位”即可开始；已有本程序导出的数据文件的，可直接导入。", doc.unit_label()) }</p>
            <NewDocument welcome=true />
            <OpenFile />
            <button type="button" class="button" onclick={dismiss}>{ "先看看示例" }</button>
        </section>
    }
}
