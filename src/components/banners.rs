//! Notices that must not be missed: unreadable stored data (kept, offered as a download), a failed save (persistent,
//! with 导出备份: a backup), storage unavailable, another tab's change, a read-only document, a deletion to undo.

use yew::prelude::*;

use super::use_app_state;
use crate::error::AppError;
use crate::services::download;
use crate::state::Action;

#[function_component(Banners)]
pub fn banners() -> Html {
    let state = use_app_state();
    let download_error = use_state(|| None::<AppError>);
    let backup = {
        let (state, download_error) = (state.clone(), download_error.clone());
        Callback::from(move |_: MouseEvent| {
            download_error.set(download::backup(state.current_doc()).err())
        })
    };
    let storage = &state.storage;
    let act = |action: fn() -> Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(action()))
    };
    html! {
        <div class="banners">
            if let Some(error) = &storage.write_error {
                <div class="banner error" role="alert">
                    <p>{ error.to_string() }</p>
                    <button type="button" class="button primary" onclick={backup.clone()}>{ "导出备份" }</button>
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
            if let Some(error) = &state.share_error {
                <div class="banner error" role="alert">
                    <p>{ AppError::ShareLink(error.clone()).to_string() }</p>
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
                    <button type="button" class="button" onclick={backup.clone()}>{ "导出备份" }</button>
                </div>
            }
            if let Some((_, doc)) = &state.deleted {
                <div class="banner info" role="status">
                    <p>{ format!("已删除“{}”。", doc.label()) }</p>
                    <button type="button" class="button" onclick={act(|| Action::UndoDelete)}>{ "撤销删除" }</button>
                </div>
            }
            if let Some(error) = &*download_error {
                <div class="banner error" role="alert"><p>{ error.to_string() }</p></div>
            }
        </div>
    }
}
