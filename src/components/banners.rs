//! Notices that must not be missed: unreadable stored data (kept, offered for export), a failed save (persistent,
//! with 导出备份), storage unavailable, another tab's change, a read-only document, a deletion to undo.

use yew::prelude::*;
use zipin_core::migrate::to_json;

use super::use_app_state;
use crate::download::download;
use crate::state::Action;

/// Downloads the current document as JSON; returns a message if the browser refused.
pub fn export_current(state: &crate::state::State) -> Result<(), String> {
    let stored = state.current_doc();
    let name = zipin_core::document::safe_file_name(&format!("{}-备份.json", stored.label()));
    download(
        &name,
        "application/json",
        to_json(&stored.document).as_bytes(),
    )
}

#[function_component(Banners)]
pub fn banners() -> Html {
    let state = use_app_state();
    let export_error = use_state(|| None::<String>);
    let export = {
        let (state, export_error) = (state.clone(), export_error.clone());
        Callback::from(move |_: MouseEvent| export_error.set(export_current(&state).err()))
    };
    let storage = &state.storage;
    let act = |action: fn() -> Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(action()))
    };
    html! {
        <div class="banners">
            if let Some(message) = &storage.write_error {
                <div class="banner error" role="alert">
                    <p>{ message }</p>
                    <button type="button" class="button primary" onclick={export.clone()}>{ "导出备份" }</button>
                </div>
            }
            if let Some(message) = &storage.unavailable {
                <div class="banner error" role="alert">
                    <p>{ format!("{message}。本次填写的内容不会被保存，请在离开前导出备份。") }</p>
                    <button type="button" class="button primary" onclick={export.clone()}>{ "导出备份" }</button>
                </div>
            }
            if !storage.unreadable.is_empty() {
                <div class="banner warn" role="alert">
                    <p>{ format!("发现 {} 份无法读取的已存数据。它们已原样保留，不会被覆盖；可导出后按下列原因改正，再以“导入”打开，或交技术人员检查。", storage.unreadable.len()) }</p>
                    <ol class="unreadable">
                    { for storage.unreadable.iter().enumerate().map(|(i, u)| {
                        let (raw, key) = (u.raw.clone(), u.key.clone());
                        let export_error = export_error.clone();
                        let onclick = Callback::from(move |_: MouseEvent| {
                            export_error.set(download(&format!("{}.txt", key.replace('.', "-")), "text/plain", raw.as_bytes()).err());
                        });
                        html! { <li><p class="reason">{ &u.reason }</p>
                            <button type="button" class="button" {onclick}>{ format!("导出无法读取的数据 {}", i.saturating_add(1)) }</button></li> }
                    }) }
                    </ol>
                    <button type="button" class="button" onclick={act(|| Action::DismissUnreadable)}>{ "暂不处理" }</button>
                </div>
            }
            if storage.conflict.is_some() {
                <div class="banner warn" role="alert">
                    <p>{ "此文档已在另一个浏览器窗口中修改并保存。要保留哪个版本？" }</p>
                    <button type="button" class="button" onclick={act(|| Action::ResolveConflict { keep_mine: false })}>{ "载入另一窗口的版本" }</button>
                    <button type="button" class="button" onclick={act(|| Action::ResolveConflict { keep_mine: true })}>{ "保留本窗口的版本" }</button>
                </div>
            }
            if let Some(message) = &state.refused_edit {
                <div class="banner error" role="alert"><p>{ message }</p></div>
            }
            if let Some(message) = &state.share_error {
                <div class="banner error" role="alert">
                    <p>{ format!("分享链接无法打开：{}。请对方改正后重新分享，本机的文档没有任何改动。", message.trim_end_matches('。')) }</p>
                </div>
            }
            if state.is_preview() {
                <div class="banner info" role="status">
                    <p>{ "这是通过分享链接打开的文档，仅供预览，尚未保存到本机；本机已有的文档不受影响。链接中的数据只在本浏览器中解读，不会发送到任何服务器。" }</p>
                    <button type="button" class="button primary" onclick={act(|| Action::SaveShared)}>{ "保存为新文档" }</button>
                    <button type="button" class="button" onclick={act(|| Action::CloseShared)}>{ "关闭预览" }</button>
                </div>
            } else if state.is_read_only() {
                <div class="banner info" role="status">
                    <p>{ "此文档由较新版本的程序保存，本页以只读方式打开，不会改写它。请更新程序后再编辑，或导出备份。" }</p>
                    <button type="button" class="button" onclick={export.clone()}>{ "导出备份" }</button>
                </div>
            }
            if let Some((_, doc)) = &state.deleted {
                <div class="banner info" role="status">
                    <p>{ format!("已删除“{}”。", doc.label()) }</p>
                    <button type="button" class="button" onclick={act(|| Action::UndoDelete)}>{ "撤销删除" }</button>
                </div>
            }
            if let Some(message) = &*export_error {
                <div class="banner error" role="alert"><p>{ message }</p></div>
            }
        </div>
    }
}
