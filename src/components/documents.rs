//! 文档管理: many evaluations side by side (by unit and year) — open, new blank, new from last year, duplicate,
//! rename, delete with undo — and the choice of framework for a new document, with its status badge.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;
use zipin_core::framework::{built_in, BUILT_IN};
use zipin_core::present::score_summary;
use zipin_core::receive::Accept;
use zipin_core::store::StoredDocument;

use super::fields::{NumberField, NumberKind, TextField};
use super::open_file::OpenFile;
use super::scores::FrameworkInfo;
use super::{on_action, use_dispatch, use_library, use_shelf, use_ui};
use crate::services::files::on_file_chosen;
use crate::state::{Action, Door, LibraryAction, Section, UiAction};

#[function_component(Documents)]
pub fn documents() -> Html {
    let (library, dispatcher) = (use_library(), use_dispatch());
    let current_id = library.current_doc().id.clone();
    let dispatch =
        |action: fn() -> LibraryAction| on_action(&dispatcher, move || Action::Library(action()));
    html! {
        <>
            <section class="card" aria-labelledby="h-doc-list">
                <h3 id="h-doc-list">{ format!("本机保存的文档（{} 份）", library.docs.len()) }</h3>
                <p class="hint">{ "文档只保存在本浏览器中，不会上传到任何地方。换电脑或清理浏览器数据前，请导出备份。" }</p>
                <div class="documents">
                    { for library.docs.iter().map(|d| html! {
                        <DocumentCard key={d.id.clone()} stored={d.clone()} current={d.id == current_id} />
                    }) }
                </div>
                <div class="toolbar">
                    <button type="button" class="button" onclick={dispatch(|| LibraryAction::NewFromLastYear)}>{ "基于当前文档新建下一年度" }</button>
                    <button type="button" class="button" onclick={dispatch(|| LibraryAction::Duplicate)}>{ "复制当前文档" }</button>
                    <button type="button" class="button" onclick={dispatch(|| LibraryAction::OpenSample("example"))}>{ "打开完整示例（数据为虚构）" }</button>
                    <button type="button" class="button" onclick={dispatch(|| LibraryAction::OpenSample("seed"))}>{ "打开广东省科技监测中心样例" }</button>
                </div>
            </section>
            <NewDocument />
            <OpenFile />
        </>
    }
}

#[derive(Properties)]
struct CardProps {
    stored: Rc<StoredDocument>,
    current: bool,
}

/// A card changes only when its document does: the same `Rc` is the same document (documents are replaced, never
/// changed in place), so comparing pointers spares a deep comparison of every document on every render.
impl PartialEq for CardProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.stored, &other.stored) && self.current == other.current
    }
}

/// A stored document compared by identity, as the key of its memoised score line.
struct Same(Rc<StoredDocument>);

impl PartialEq for Same {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[function_component(DocumentCard)]
fn document_card(props: &CardProps) -> Html {
    let dispatch = use_dispatch();
    let renaming = use_state(|| false);
    let d = &props.stored;
    // Scored once per version of the document, not on every render of the list.
    let summary = use_memo(Same(d.clone()), |same| {
        score_summary(&zipin_core::evaluate(&same.0.document))
    });
    let id = d.id.clone();
    let open = {
        let (dispatch, id) = (dispatch.clone(), id.clone());
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::Library(LibraryAction::Switch(id.clone())));
            dispatch.dispatch(Action::Ui(UiAction::Navigate(Section::Basics)));
        })
    };
    let delete = {
        let id = id.clone();
        on_action(&dispatch, move || {
            Action::Library(LibraryAction::Delete(id.clone()))
        })
    };
    let toggle_rename = {
        let renaming = renaming.clone();
        Callback::from(move |_: MouseEvent| renaming.set(!*renaming))
    };
    let on_title = {
        let (dispatch, id) = (dispatch.clone(), id.clone());
        Callback::from(move |title: String| {
            dispatch.dispatch(Action::Library(LibraryAction::Rename {
                id: id.clone(),
                title,
            }))
        })
    };
    let label = d.label();
    html! {
        <article class={classes!("doc-card", props.current.then_some("current"))} aria-current={props.current.then_some("true")}>
            <h3>{ &label }</h3>
            <p class="muted">
                { format!("{} · {}", d.document.framework.name, summary) }
                if d.read_only { <br /><span class="badge">{ "只读（较新版本保存）" }</span> }
            </p>
            if *renaming {
                <TextField id={format!("rename-{id}")} label="文档名称（留空则用 单位名称 · 年度）" value={d.title.clone()} on_change={on_title} />
            }
            <div class="toolbar">
                if !props.current { <button type="button" class="button primary small" onclick={open}>{ format!("打开") }</button> }
                else { <span class="badge ok">{ "当前文档" }</span> }
                <button type="button" class="button small" onclick={toggle_rename} aria-label={format!("{}：{label}", if *renaming { "完成重命名" } else { "重命名" })}>{ if *renaming { "完成" } else { "重命名" } }</button>
                <button type="button" class="button small danger" onclick={delete} aria-label={format!("删除：{label}")}>{ "删除" }</button>
            </div>
        </article>
    }
}

/// The value of the framework select that stands for a framework imported from a file.
const IMPORTED: &str = "imported";
/// The prefix of the select's values that stand for frameworks of the library.
const LIBRARY: &str = "library:";

#[derive(Properties, PartialEq)]
pub struct NewDocumentProps {
    /// On the first visit's welcome: fewer words, the officer's own unit, and ids of its own.
    #[prop_or_default]
    pub welcome: bool,
}

/// A new document of the officer's unit: name, year, framework, and last year's document when one is stored (its
/// unit, staff and figures carried over; its framework kept).
#[function_component(NewDocument)]
pub fn new_document(props: &NewDocumentProps) -> Html {
    let (library, shelf, ui, dispatch) = (use_library(), use_shelf(), use_ui(), use_dispatch());
    let prefix = if props.welcome { "welcome" } else { "new" };
    // Stored documents that can be last year's: the officer's own, not an untouched sample.
    let earlier: Vec<(String, String)> = library
        .docs
        .iter()
        .filter(|d| zipin_core::samples::untouched(&d.document).is_none())
        .map(|d| (d.id.clone(), d.label()))
        .collect();
    let last_year = use_state(String::new);
    let framework_id = use_state(|| zipin_core::framework::DEFAULT_FRAMEWORK_ID.to_string());
    // A framework file read for a new document (through the core's one way in): chosen once it is read.
    let imported = match &ui.new_framework {
        Some(Ok(fw)) => Some((**fw).clone()),
        _ => None,
    };
    let problems = match &ui.new_framework {
        Some(Err(problems)) => problems.clone(),
        _ => Vec::new(),
    };
    {
        let framework_id = framework_id.clone();
        let read = ui
            .new_framework
            .as_ref()
            .map(|r| r.as_ref().map(Rc::as_ptr).ok());
        use_effect_with(read, move |read| {
            if let Some(Some(_)) = read {
                framework_id.set(IMPORTED.to_string());
            }
        });
    }
    let unit_name = use_state(String::new);
    let year = use_state(|| None::<rust_decimal::Decimal>);
    // A framework of the library is offered only when sound: a document is never scored by a draft.
    let library = |id: &str| {
        shelf
            .get(id)
            .filter(|item| item.problems.is_empty())
            .map(|item| (*item.framework).clone())
    };
    let framework = if *framework_id == IMPORTED {
        imported.clone()
    } else if let Some(id) = framework_id.strip_prefix(LIBRARY) {
        library(id)
    } else {
        built_in(&framework_id)
    };
    let on_framework = {
        let framework_id = framework_id.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            {
                framework_id.set(select.value());
            }
        })
    };
    let on_file = on_file_chosen(
        zipin_core::gate::caps::FRAMEWORK_BYTES,
        Accept::Framework,
        Door::NewDocumentFramework,
        dispatch.clone(),
    );
    let create = {
        let (dispatch, framework, unit_name, year) = (
            dispatch.clone(),
            framework.clone(),
            unit_name.clone(),
            year.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(framework) = framework.clone() else {
                return;
            };
            dispatch.dispatch(Action::Library(LibraryAction::NewBlank {
                framework: Box::new(framework),
                unit_name: (*unit_name).clone(),
                year: *year,
            }));
        })
    };
    let create = if last_year.is_empty() {
        create
    } else {
        let id = (*last_year).clone();
        on_action(&dispatch, move || {
            Action::Library(LibraryAction::NewNextYearOf(id.clone()))
        })
    };
    let on_last_year = {
        let last_year = last_year.clone();
        Callback::from(move |id: String| last_year.set(id))
    };
    let from_last_year = !last_year.is_empty();
    html! {
        <section class="card" aria-labelledby={format!("h-{prefix}-doc")}>
            <h3 id={format!("h-{prefix}-doc")}>{ if props.welcome { "开始填报本单位" } else { "新建文档" } }</h3>
            <div class="grid">
                if !earlier.is_empty() {
                    <super::fields::SelectField id={format!("{prefix}-last-year")} label="以上一年度文档为基础（可选）"
                        options={std::iter::once((AttrValue::from(""), AttrValue::from("不使用，新建空白文档")))
                            .chain(earlier.iter().map(|(id, label)| (AttrValue::from(id.clone()), AttrValue::from(label.clone()))))
                            .collect::<Vec<_>>()}
                        selected={(*last_year).clone()} on_change={on_last_year} />
                }
                if !from_last_year {
                <TextField id={format!("{prefix}-unit-name")} label={if props.welcome { "填报单位" } else { "单位名称" }} value={(*unit_name).clone()}
                    on_change={Callback::from({ let u = unit_name.clone(); move |v: String| u.set(v) })} />
                <NumberField id={format!("{prefix}-year")} label={if props.welcome { "填报年度" } else { "预算年度" }} kind={NumberKind::Count} unit="年" value={*year}
                    on_change={Callback::from({ let y = year.clone(); move |v| y.set(v) })} />
                <div class="field">
                    <label for={format!("{prefix}-framework")}>{ "评分框架" }</label>
                    <select id={format!("{prefix}-framework")} onchange={on_framework}>
                        { for BUILT_IN.iter().filter_map(|(id, _)| built_in(id)).map(|fw| html! {
                            <option value={fw.id.clone()} selected={fw.id == *framework_id}>
                                { if fw.status.is_empty() { fw.name.clone() } else { format!("{}（{}）", fw.name, fw.status) } }
                            </option>
                        }) }
                        { for shelf.items.iter().filter(|item| item.problems.is_empty()).map(|item| {
                            let value = format!("{LIBRARY}{}", item.id);
                            html! {
                                <option value={value.clone()} selected={value == *framework_id}>{ format!("（框架库）{}", item.framework.name) }</option>
                            }
                        }) }
                        if let Some(fw) = &imported {
                            <option value={IMPORTED} selected={*framework_id == IMPORTED}>{ format!("（导入）{}", fw.name) }</option>
                        }
                    </select>
                </div>
                if !props.welcome {
                    <div class="field">
                        <label for="framework-file">{ "或导入评分框架文件（.json，格式见说明文档）" }</label>
                        <input id="framework-file" type="file" accept=".json,application/json" onchange={on_file} />
                    </div>
                }
                }
            </div>
            if !problems.is_empty() {
                <div class="banner error" role="alert">
                    <p>{ "框架文件未导入：" }{ problems.join("；") }</p>
                </div>
            }
            if !props.welcome && !from_last_year {
                if let Some(fw) = framework { <FrameworkInfo framework={fw} /> }
            }
            <div class="toolbar"><button type="button" class="button primary" onclick={create}>
                { if props.welcome { "开始填报本单位" } else if from_last_year { "新建下一年度文档" } else { "新建" } }
            </button></div>
        </section>
    }
}
