use yew::prelude::*;
use zipin_core::number::fmt_score;
use zipin_core::scoring::GradeWithheld;

use super::{on_action, use_dispatch, use_document, use_library, use_store, use_ui};
use crate::state::Action;

/// The title, the unit and year, and what is always visible: total, grade, how many indicators can be scored,
/// and whether everything is saved. The summary is announced politely when it changes.
#[function_component(Header)]
pub fn header() -> Html {
    let shown = use_document();
    let (library, store, ui, dispatch) = (use_library(), use_store(), use_ui(), use_dispatch());
    let doc = shown.doc();
    let e = &shown.evaluation;
    let saved = store.saved_revision >= library.revision;
    let year = doc
        .unit
        .year
        .map(|y| format!("{y}年度"))
        .unwrap_or_else(|| "年度未填".to_string());
    // The grade, or a short word for why there is none; a reason other than scoring in progress is spelled out.
    let (grade, grade_note) = match (&e.grade, &e.grade_withheld) {
        (Some(grade), _) => (grade.clone(), None),
        (None, Some(withheld @ GradeWithheld::Incomplete { .. })) => {
            (withheld.short().to_string(), None)
        }
        (None, Some(withheld)) => (withheld.short().to_string(), Some(withheld.to_string())),
        (None, None) => ("不评定".to_string(), None),
    };
    let (save_class, save_text) = if store.has_error() {
        ("failed", "未保存".to_string())
    } else if !store.conflicts.is_empty() {
        // Edits waiting for the officer's answer to a conflict are not stored yet.
        ("failed", "有冲突，未保存".to_string())
    } else if shown.read_only {
        ("", "只读".to_string())
    } else if saved {
        ("saved", "已保存到本机".to_string())
    } else {
        ("", "保存中…".to_string())
    };
    let undo = on_action(&dispatch, || Action::Undo);
    let redo = on_action(&dispatch, || Action::Redo);
    html! {
        <header class="header">
            <div class="brand">
                <h1 class="title">{ "部门整体支出绩效自评" }</h1>
                <p class="unit"><span class="unit-name">{ doc.unit_label() }</span>{ " · " }<span class="unit-year">{ year }</span>
                    { " · " }<span class="muted">{ &doc.framework.name }
                        if !doc.framework.status.is_empty() { { format!("（{}）", doc.framework.status) } }</span></p>
            </div>
            <div class="toolbar no-print">
                <button type="button" class="button small" onclick={undo} disabled={!library.history.can_undo()}
                    title="Ctrl+Z">{ "撤销" }</button>
                <button type="button" class="button small" onclick={redo} disabled={!library.history.can_redo()}
                    title="Ctrl+Shift+Z">{ "重做" }</button>
            </div>
            <dl class="summary">
                <div aria-live="polite" aria-atomic="true"><dt>{ "总分" }</dt><dd class="total">{ fmt_score(e.total) }<span class="of">{ format!(" / {}", fmt_score(e.max_total)) }</span></dd></div>
                <div aria-live="polite" aria-atomic="true"><dt>{ "等次" }</dt><dd class="grade" title={grade_note.clone()}>{ grade }</dd>
                    if let Some(note) = grade_note { <dd class="grade-note">{ note }</dd> }</div>
                <div><dt>{ "已评分指标" }</dt><dd class="scored">{ format!("{} / {}", e.scored_count, e.indicator_count) }</dd></div>
                <div><dt>{ "保存" }</dt><dd class={classes!("save-status", save_class)}>{ save_text }</dd></div>
            </dl>
            <p class="visually-hidden" role="status" aria-live="polite">{ &ui.status }</p>
        </header>
    }
}
