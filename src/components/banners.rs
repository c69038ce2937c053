//! Notices that must not be missed: unreadable stored data (kept, offered as a download), a failed save (persistent,
//! with 导出备份: a backup), storage unavailable, another tab's change, a read-only document, a deletion to undo.

use yew::prelude::*;

use super::{on_action, use_dispatch, use_document, use_library, use_store, use_ui};
use crate::error::AppError;
use crate::services::download;
use crate::state::{
    Action, Conflict, LibraryAction, PreviewAction, PreviewFrom, Resolution, StorageEvent, Theirs,
};

#[function_component(Banners)]
pub fn banners() -> Html {
    let shown = use_document();
    let (library, storage, ui, dispatch) = (use_library(), use_store(), use_ui(), use_dispatch());
    let download_error = use_state(|| None::<AppError>);
    let backup = {
        let (stored, download_error) = (shown.stored.clone(), download_error.clone());
        Callback::from(move |_: MouseEvent| download_error.set(download::backup(&stored).err()))
    };
    let act = |action: fn() -> Action| on_action(&dispatch, action);
    html! {
        <div class="banners">
            if !storage.failures.is_empty() {
                <div class="banner error" role="alert">
                    { for storage.failures.iter().map(|f| html! { <p>{ format!("“{}”：{}", f.label, f.error) }</p> }) }
                    <button type="button" class="button primary" onclick={backup.clone()}>{ "导出备份" }</button>
                    if storage.is_full() { <MakeRoom /> }
                </div>
            }
            if let Some(error) = &storage.unavailable {
                <div class="banner error" role="alert">
                    <p>{ error.to_string() }</p>
                    <button type="button" class="button primary" onclick={backup.clone()}>{ "导出备份" }</button>
                </div>
            }
            if !storage.unreadable.is_empty() {
                <div class="banner warn" role="alert">
                    <p>{ format!("发现 {} 份无法读取的已存数据。它们已原样保留，不会被覆盖；可导出后按下列原因改正，再以“导入”打开，或交技术人员检查。", storage.unreadable.len()) }</p>
                    <ol class="unreadable">
                    { for storage.unreadable.iter().enumerate().map(|(i, u)| {
                        let (raw, key) = (u.raw.clone(), u.key.clone());
                        let download_error = download_error.clone();
                        let onclick = Callback::from(move |_: MouseEvent| {
                            download_error.set(download::unreadable_value(&key, &raw).err());
                        });
                        html! { <li><p class="reason">{ &u.reason }</p>
                            <button type="button" class="button" {onclick}>{ format!("导出无法读取的数据 {}", i.saturating_add(1)) }</button></li> }
                    }) }
                    </ol>
                    <button type="button" class="button" onclick={act(|| Action::Storage(StorageEvent::DismissUnreadable))}>{ "暂不处理" }</button>
                </div>
            }
            { for storage.conflicts.iter().map(|c| html! { <ConflictBanner conflict={c.clone()} /> }) }
            if let Some(message) = &ui.refused_edit {
                <div class="banner error" role="alert"><p>{ message }</p></div>
            }
            if let Some(error) = &ui.share_error {
                <div class="banner error" role="alert">
                    <p>{ error }</p>
                </div>
            }
            if shown.preview == Some(PreviewFrom::Summary) {
                <div class="banner info" role="status">
                    <p>{ "这是汇总中的一个单位，只读查看；汇总表仍保留。" }</p>
                    <button type="button" class="button primary" onclick={act(|| Action::Preview(PreviewAction::BackToSummary))}>{ "返回汇总表" }</button>
                </div>
            } else if shown.preview.is_some() {
                <div class="banner info" role="status">
                    <p>{ "这是通过分享链接打开的文档，仅供预览，尚未保存到本机；本机已有的文档不受影响。链接中的数据只在本浏览器中解读，不会发送到任何服务器。" }</p>
                    <button type="button" class="button primary" onclick={act(|| Action::Preview(PreviewAction::Save))}>{ "保存为新文档" }</button>
                    <button type="button" class="button" onclick={act(|| Action::Preview(PreviewAction::Close))}>{ "关闭预览" }</button>
                </div>
            } else if shown.read_only {
                <div class="banner info" role="status">
                    <p>{ "此文档由较新版本的程序保存，本页以只读方式打开，不会改写它。请更新程序后再编辑，或导出备份。" }</p>
                    <button type="button" class="button" onclick={backup.clone()}>{ "导出备份" }</button>
                </div>
            }
            if let Some((_, doc)) = &library.deleted {
                <div class="banner info" role="status">
                    <p>{ format!("已删除“{}”。", doc.label()) }</p>
                    <button type="button" class="button" onclick={act(|| Action::Library(LibraryAction::UndoDelete))}>{ "撤销删除" }</button>
                </div>
            }
            if let Some(error) = &*download_error {
                <div class="banner error" role="alert"><p>{ error.to_string() }</p></div>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ConflictProps {
    conflict: Conflict,
}

/// One document changed or deleted in another tab while this tab has unsaved edits to it: what happened, which
/// version is newer, and the choices that lose nothing the officer did not choose to lose.
#[function_component(ConflictBanner)]
fn conflict_banner(props: &ConflictProps) -> Html {
    let dispatch = use_dispatch();
    let c = &props.conflict;
    let mine = match c.mine_saved_at {
        Some(at) => format!("本窗口的版本上次保存于 {}，", time_of_day(at.as_f64())),
        None => "本窗口的版本尚未保存过，".to_string(),
    };
    let what = match &c.theirs {
        Theirs::Saved(theirs) if theirs.read_only => format!(
            "“{}”已在另一个浏览器窗口中修改并保存（{}，由较新版本的程序保存，本窗口不能改写它）。{mine}其后的修改尚未保存。",
            c.label,
            time_of_day(theirs.saved_at)
        ),
        Theirs::Saved(theirs) => format!(
            "“{}”已在另一个浏览器窗口中修改并保存（{}，较新）。{mine}其后的修改尚未保存。要保留哪个版本？",
            c.label,
            time_of_day(theirs.saved_at)
        ),
        Theirs::Unreadable { reason } => format!(
            "“{}”已在另一个浏览器窗口中被改写（较新版本的程序或其他程序），本窗口无法读取（{reason}），也不会改写它。{mine}其后的修改尚未保存。",
            c.label
        ),
        Theirs::Removed => format!(
            "“{}”已在另一个浏览器窗口中删除。{mine}其后的修改尚未保存。",
            c.label
        ),
    };
    let button = |choice: Resolution| {
        let label = match (choice, &c.theirs) {
            (Resolution::KeepMine, Theirs::Removed) => "保留本窗口的版本（恢复此文档）",
            (Resolution::KeepMine, _) => "保留本窗口的版本",
            (Resolution::TakeTheirs, Theirs::Removed) => "接受删除",
            (Resolution::TakeTheirs, _) => "载入另一窗口的版本",
            (Resolution::KeepBoth, _) => "两个都保留（本窗口的版本另存为新文档）",
        };
        let id = c.id.clone();
        let onclick = on_action(&dispatch, move || {
            Action::Storage(StorageEvent::Resolve {
                id: id.clone(),
                choice,
            })
        });
        html! { <button type="button" class="button" {onclick}>{ label }</button> }
    };
    html! {
        <div class="banner warn" role="alert">
            <p>{ what }</p>
            { for c.choices().into_iter().map(button) }
        </div>
    }
}

/// A time of day as officers read it (ms since the epoch, in the browser's time zone).
fn time_of_day(ms: f64) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms))
        .to_locale_time_string("zh-CN")
        .into()
}

/// With storage full: the other documents, each with 导出并删除, so the officer can make room without losing one.
#[function_component(MakeRoom)]
fn make_room() -> Html {
    let (library, dispatch) = (use_library(), use_dispatch());
    let download_error = use_state(|| None::<AppError>);
    let current = library.current_doc().id.clone();
    let others: Vec<_> = library
        .docs
        .iter()
        .filter(|d| d.id != current)
        .cloned()
        .collect();
    if others.is_empty() {
        return html! { <p>{ "本机没有其他文档可删除。请导出备份，并清理浏览器中其他网站的数据后重试。" }</p> };
    }
    html! {
        <>
            <p>{ "浏览器存储空间已满。可将不需要留在本机的文档导出为文件后删除，以腾出空间（删除后仍可从导出的文件导入）：" }</p>
            <ul class="make-room">
                { for others.iter().map(|d| {
                    let (dispatch, doc, download_error) = (dispatch.clone(), d.clone(), download_error.clone());
                    let onclick = Callback::from(move |_: MouseEvent| match download::backup(&doc) {
                        Ok(()) => dispatch.dispatch(Action::Library(LibraryAction::Delete(doc.id.clone()))),
                        Err(error) => download_error.set(Some(error)),
                    });
                    html! { <li>{ format!("“{}”（约 {} KB）", d.label(), d.stored_kib()) }
                        <button type="button" class="button small" {onclick}>{ format!("导出并删除“{}”", d.label()) }</button></li> }
                }) }
            </ul>
            if let Some(error) = &*download_error { <p>{ error.to_string() }</p> }
        </>
    }
}
