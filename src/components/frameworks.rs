//! 评分框架: the library of frameworks kept in this browser, the editor of the open one, its problems (each a link
//! to where it is), what it would do to the current document's score, the differences from another framework,
//! and applying it to the document (undoable).

use std::rc::Rc;

use yew::prelude::*;
use zipin_core::edit::Edit;
use zipin_core::framework::{built_in, diff, diff_text, Framework, FrameworkEdit, BUILT_IN};
use zipin_core::present::compare;

use zipin_core::receive::{receive, Accept, Source};

use super::framework_editor::{FrameworkEditor, ShownProblem};
use super::{on_action, use_dispatch, use_document, use_shelf, Dispatch, Shared};
use crate::services::{download, files::on_file_chosen, page};
use crate::state::{Action, Door, Incoming, Shelf, ShelfAction, ShelfItem, Start};

fn on_act(dispatch: &Dispatch, make: impl Fn() -> ShelfAction + 'static) -> Callback<MouseEvent> {
    on_action(dispatch, move || Action::Shelf(make()))
}

#[function_component(Frameworks)]
pub fn frameworks() -> Html {
    let (shelf, dispatch) = (use_shelf(), use_dispatch());
    let on_file = on_file_chosen(
        zipin_core::gate::caps::FRAMEWORK_BYTES,
        Accept::Framework,
        Door::FrameworkFile,
        dispatch.clone(),
    );
    let pasted = use_state(String::new);
    let on_open_link = {
        let (dispatch, pasted) = (dispatch.clone(), pasted.clone());
        Callback::from(move |_: MouseEvent| {
            let received = receive(&Source::Pasted, Accept::Framework, &pasted);
            dispatch.dispatch(Action::Receive(
                Door::FrameworkLink,
                vec![Incoming::received("链接".to_string(), received)],
            ));
        })
    };
    let shown = shelf.shown().cloned();
    html! {
        <>
            <section class="card" aria-labelledby="h-fw-library">
                <h3 id="h-fw-library">{ "框架库" }</h3>
                <p class="hint">{ "评分框架保存在本浏览器中。可从内置框架或当前文档的框架复制后修改，也可导入同事分享的框架文件或链接。" }</p>
                { library_table(&shelf, &dispatch) }
                <div class="toolbar">
                    <button type="button" class="button" onclick={on_act(&dispatch, || ShelfAction::New(Start::CurrentDocument))}>{ "复制当前文档的评分框架" }</button>
                    <button type="button" class="button" onclick={on_act(&dispatch, || ShelfAction::New(Start::Blank))}>{ "新建空白框架" }</button>
                    <div class="field">
                        <label for="fw-import-file">{ "导入评分框架文件（.json）" }</label>
                        <input id="fw-import-file" type="file" accept=".json,application/json" onchange={on_file} />
                    </div>
                </div>
                <div class="fw-row">
                    <super::fields::TextField id="fw-paste-link" label="或粘贴同事发来的评分框架分享链接" value={(*pasted).clone()} class="wide" max_chars={zipin_core::share::MAX_ENCODED.saturating_add(4096)}
                        on_change={Callback::from({ let pasted = pasted.clone(); move |text: String| pasted.set(text) })} />
                    <button type="button" class="button" onclick={on_open_link} disabled={pasted.trim().is_empty()}>{ "打开链接" }</button>
                </div>
                if let Some((_, item)) = &shelf.deleted {
                    <p role="status">{ format!("已删除“{}”。", item.framework.name) }
                        <button type="button" class="button small" onclick={on_act(&dispatch, || ShelfAction::UndoDelete)}>{ "撤销删除" }</button></p>
                }
                if let Some(text) = &shelf.message { <p class="field-error" role="alert">{ text }</p> }
                if let Some(error) = &shelf.error { <p class="field-error" role="alert">{ format!("框架库保存失败：{error}") }</p> }
                { for shelf.unreadable.iter().map(|(key, why)| html! {
                    <p class="field-error">{ format!("无法读取已保存的评分框架（{key}）：{why}") }</p>
                }) }
            </section>
            if let Some(item) = shown { <OpenFramework item={item} /> }
        </>
    }
}

fn library_table(shelf: &Shared<Shelf>, dispatch: &Dispatch) -> Html {
    let built_ins: Vec<Framework> = BUILT_IN.iter().filter_map(|(id, _)| built_in(id)).collect();
    let open = shelf.open.clone();
    html! {
        <table class="fw-library">
            <caption class="visually-hidden">{ "框架库" }</caption>
            <thead><tr>
                <th scope="col">{ "名称" }</th><th scope="col">{ "文号" }</th><th scope="col">{ "状态" }</th>
                <th scope="col">{ "检查" }</th><th scope="col">{ "操作" }</th>
            </tr></thead>
            <tbody>
                { for built_ins.into_iter().map(|fw| {
                    let id = fw.id.clone();
                    html! {
                        <tr>
                            <th scope="row">{ &fw.name }<span class="badge">{ "内置" }</span></th>
                            <td>{ &fw.reference }</td>
                            <td>{ &fw.status }</td>
                            <td>{ "可用" }</td>
                            <td class="toolbar">
                                <button type="button" class="button small" aria-label={format!("复制并编辑“{}”", fw.name)}
                                    onclick={on_act(dispatch, move || ShelfAction::New(Start::BuiltIn(id.clone())))}>{ "复制并编辑" }</button>
                            </td>
                        </tr>
                    }
                }) }
                { for shelf.items.iter().map(|item| {
                    let (id, copy_id, delete_id) = (item.id.clone(), item.id.clone(), item.id.clone());
                    let name = item.framework.name.clone();
                    let is_open = open.as_deref() == Some(item.id.as_str());
                    html! {
                        <tr class={classes!(is_open.then_some("current"))}>
                            <th scope="row">{ &name }</th>
                            <td>{ &item.framework.reference }</td>
                            <td>{ &item.framework.status }</td>
                            <td>{ if item.problems.is_empty() { "可用".to_string() } else { format!("{} 个问题（草稿）", item.problems.len()) } }</td>
                            <td class="toolbar">
                                <button type="button" class="button small" aria-label={format!("编辑“{name}”")} aria-pressed={is_open.to_string()}
                                    onclick={on_act(dispatch, move || ShelfAction::Open(id.clone()))}>{ "编辑" }</button>
                                <button type="button" class="button small" aria-label={format!("复制“{name}”")}
                                    onclick={on_act(dispatch, move || ShelfAction::New(Start::Copy(copy_id.clone())))}>{ "复制" }</button>
                                <button type="button" class="button small danger" aria-label={format!("删除“{name}”")}
                                    onclick={on_act(dispatch, move || ShelfAction::Delete(delete_id.clone()))}>{ "删除" }</button>
                            </td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

#[derive(Properties, PartialEq)]
struct OpenProps {
    item: Rc<ShelfItem>,
}

/// The framework in the editor: its problems, what it does to the score, the differences, and the editor.
#[function_component(OpenFramework)]
fn open_framework(props: &OpenProps) -> Html {
    let (shelf, dispatch, shown) = (use_shelf(), use_dispatch(), use_document());
    let item = &props.item;
    let fw = item.framework.clone();
    let is_preview = shelf.preview.is_some();
    let problems: Rc<Vec<ShownProblem>> = Rc::new(
        item.problems
            .iter()
            .map(|p| ShownProblem {
                target: p.at.dom_id().into(),
                message: p.problem.to_string().into(),
            })
            .collect(),
    );
    // One callback for the page's life, so an indicator's editor whose indicator did not change is not re-rendered.
    let on_edit = use_callback(dispatch.clone(), |edit: FrameworkEdit, dispatcher| {
        dispatcher.dispatch(Action::Shelf(ShelfAction::Edit(edit)))
    });
    let apply = {
        let fw = fw.clone();
        on_action(&dispatch, move || {
            Action::Edit(Edit::Framework(Box::new((*fw).clone())))
        })
    };
    let download_error = use_state(|| None::<String>);
    let on_export = {
        let (fw, download_error) = (fw.clone(), download_error.clone());
        Callback::from(move |_: MouseEvent| {
            download_error.set(download::framework_file(&fw).err().map(|e| e.to_string()))
        })
    };
    let link = use_state(|| None::<String>);
    let on_link = {
        let (fw, link) = (fw.clone(), link.clone());
        Callback::from(move |_: MouseEvent| link.set(Some(page::framework_share_link(&fw))))
    };
    let applied = shown.doc().framework == *fw;
    let blocked = !item.problems.is_empty();
    html! {
        <>
            if is_preview {
                <section class="card banner" aria-labelledby="h-fw-preview">
                    <h3 id="h-fw-preview">{ "分享的评分框架（预览）" }</h3>
                    <p>{ "这是通过链接分享的评分框架，尚未保存到本浏览器。" }</p>
                    <div class="toolbar">
                        <button type="button" class="button primary" onclick={on_act(&dispatch, || ShelfAction::SavePreview)}>{ "保存到框架库" }</button>
                        <button type="button" class="button" onclick={on_act(&dispatch, || ShelfAction::ClosePreview)}>{ "关闭预览" }</button>
                    </div>
                </section>
            }
            <section class="card" aria-labelledby="h-fw-open">
                <h3 id="h-fw-open">{ format!("{}：{}", if is_preview { "预览" } else { "正在编辑" }, fw.name) }
                    if !fw.status.is_empty() { <span class="badge">{ &fw.status }</span> }
                </h3>
                <div role="region" aria-labelledby="h-fw-problems" aria-live="polite" class="fw-problems">
                    <h4 id="h-fw-problems">{ if blocked { format!("问题（{} 个）：改正后才能用于文档", item.problems.len()) } else { "检查通过：此框架可以用于文档".to_string() } }</h4>
                    if blocked {
                        <ul>
                            { for problems.iter().map(|p| html! {
                                <li><a href={format!("#{}", p.target)} onclick={focus_link(&p.target)}>{ p.message.clone() }</a></li>
                            }) }
                        </ul>
                    }
                </div>
                <div class="toolbar">
                    <button type="button" class="button primary" onclick={apply} disabled={blocked || applied}
                        aria-describedby="fw-apply-why">{ "应用到当前文档" }</button>
                    <span id="fw-apply-why" class="hint">{
                        if blocked { "框架有问题，不能应用".to_string() }
                        else if applied { "当前文档已使用此框架".to_string() }
                        else { format!("应用后“{}”按此框架评分，可撤销", shown.stored.label()) }
                    }</span>
                    <button type="button" class="button" onclick={on_act(&dispatch, || ShelfAction::Undo)}
                        disabled={!shelf.undo.can_undo() || is_preview}>{ "撤销框架修改" }</button>
                    <button type="button" class="button" onclick={on_act(&dispatch, || ShelfAction::Redo)}
                        disabled={!shelf.undo.can_redo() || is_preview}>{ "重做框架修改" }</button>
                    <button type="button" class="button" onclick={on_export}>{ "导出（.json）" }</button>
                    <button type="button" class="button" onclick={on_link}>{ "生成分享链接" }</button>
                </div>
                if let Some(error) = &*download_error { <p class="field-error" role="alert">{ error }</p> }
                if let Some(url) = &*link {
                    <div class="field">
                        <label for="fw-share-link">{ "分享链接（复制后发送给同事；链接中包含整个框架，不经过任何服务器）" }</label>
                        <input id="fw-share-link" type="text" readonly=true value={url.clone()} />
                    </div>
                }
            </section>
            <Comparison framework={fw.clone()} />
            <Differences framework={fw.clone()} />
            if is_preview {
                <fieldset class="plain" disabled=true>
                    <FrameworkEditor framework={fw} {problems} {on_edit} />
                </fieldset>
            } else {
                <FrameworkEditor framework={fw} {problems} {on_edit} />
            }
        </>
    }
}

/// A problem's link focuses the group it names (the browser would only scroll to it).
fn focus_link(target: &AttrValue) -> Callback<MouseEvent> {
    let target = target.to_string();
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        page::focus_and_flash(&target, &std::cell::RefCell::new(None));
    })
}

#[derive(Properties, PartialEq)]
struct FrameworkProps {
    framework: Rc<Framework>,
}

/// The current document scored with this framework beside the one it uses now.
#[function_component(Comparison)]
fn comparison(props: &FrameworkProps) -> Html {
    let shown = use_document();
    // Scored again only when the document or the framework changed, not on every render of the page.
    let stored = shown.stored.clone();
    let result = use_memo(
        (
            Rc::as_ptr(&stored) as usize,
            Rc::as_ptr(&props.framework) as usize,
        ),
        {
            let framework = props.framework.clone();
            move |_| compare(&stored.document, &framework)
        },
    );
    let changed: Vec<_> = result.rows.iter().filter(|r| r.changed()).collect();
    html! {
        <section class="card" aria-labelledby="h-fw-compare">
            <h3 id="h-fw-compare">{ format!("对当前文档“{}”得分的影响", shown.stored.label()) }</h3>
            <p class="fw-compare-total" aria-live="polite">{ result.summary() }</p>
            if changed.is_empty() {
                <p class="hint">{ "各指标得分不变。" }</p>
            } else {
                <table>
                    <caption class="visually-hidden">{ "得分有变化的指标" }</caption>
                    <thead><tr><th scope="col">{ "指标" }</th><th scope="col">{ "变化" }</th></tr></thead>
                    <tbody>
                        { for changed.iter().map(|row| html! {
                            <tr><th scope="row">{ &row.name }</th><td>{ row.line() }</td></tr>
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}

/// What this framework changes against another: the built-in ones, the library's, the document's.
#[function_component(Differences)]
fn differences(props: &FrameworkProps) -> Html {
    let (shown, shelf) = (use_document(), use_shelf());
    let base_key = use_state(|| "document".to_string());
    let mut bases: Vec<(String, String, Framework)> = vec![(
        "document".to_string(),
        "当前文档使用的框架".to_string(),
        shown.doc().framework.clone(),
    )];
    bases.extend(
        BUILT_IN
            .iter()
            .filter_map(|(id, _)| built_in(id))
            .map(|fw| {
                (
                    format!("builtin:{}", fw.id),
                    format!("内置：{}", fw.name),
                    fw,
                )
            }),
    );
    bases.extend(shelf.items.iter().map(|item| {
        (
            format!("library:{}", item.id),
            format!("框架库：{}", item.framework.name),
            (*item.framework).clone(),
        )
    }));
    let base = bases
        .iter()
        .find(|(key, ..)| *key == *base_key)
        .or(bases.first())
        .map(|(_, _, fw)| fw.clone());
    let Some(base) = base else {
        return Html::default();
    };
    let changes = diff(&base, &props.framework);
    let on_base = {
        let base_key = base_key.clone();
        Callback::from(move |key: String| base_key.set(key))
    };
    let export_error = use_state(|| None::<String>);
    let on_export = {
        let (base, fw, export_error) =
            (base.clone(), props.framework.clone(), export_error.clone());
        Callback::from(move |_: MouseEvent| {
            let text = diff_text(&base, &fw);
            export_error.set(
                download::download(
                    "评分框架差异.txt",
                    "text/plain;charset=utf-8",
                    text.as_bytes(),
                )
                .err()
                .map(|e| e.to_string()),
            );
        })
    };
    html! {
        <section class="card" aria-labelledby="h-fw-diff">
            <h3 id="h-fw-diff">{ "与其他框架的差异" }</h3>
            <super::fields::SelectField id="fw-diff-base" label="比较对象"
                options={bases.iter().map(|(key, label, _)| (AttrValue::from(key.clone()), AttrValue::from(label.clone()))).collect::<Vec<_>>()}
                selected={(*base_key).clone()} on_change={on_base} />
            if changes.is_empty() {
                <p>{ "两个框架相同。" }</p>
            } else {
                <ul class="fw-diff">{ for changes.iter().map(|c| html! { <li>{ c.to_string() }</li> }) }</ul>
            }
            <button type="button" class="button small" onclick={on_export}>{ "导出差异（.txt）" }</button>
            if let Some(error) = &*export_error { <p class="field-error" role="alert">{ error }</p> }
        </section>
    }
}
