//! The current document's edits: applying one (refused when read-only or when it would break the gate), and undo
//! and redo of them.

use std::rc::Rc;

use zipin_core::edit::Edit;
use zipin_core::store::StoredDocument;
use zipin_core::Document;

use super::State;

/// Undo and redo of the current document's edits.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub undo: Vec<Rc<Document>>,
    pub redo: Vec<Rc<Document>>,
    pub last_key: Option<String>,
}

const HISTORY_LIMIT: usize = 200;

/// `Action::Edit` on `s`, a copy of `state`. Returns `state` itself when the edit changes nothing, so nothing
/// re-renders.
pub(super) fn apply_edit(state: Rc<State>, mut s: State, edit: Edit) -> Rc<State> {
    if let Some(message) = refusal(&s, "修改") {
        s.status = message;
        return Rc::new(s);
    }
    let before = Rc::new(s.doc().clone());
    let mut doc = (*before).clone();
    // The core applies the edit; a value the field cannot take is refused with the reason. A document in the app
    // always passes the gate, so it can always be saved and opened again: an edit that would break one of its
    // rules (more rows than the cap, say) is refused with the reason too.
    // The stored size is checked against an upper bound kept from edit to edit, so a keystroke in a large document
    // does not serialise all of it; the document is measured when the bound is not known or nears the cap.
    let bound = s
        .size_bound
        .as_ref()
        .and_then(|known| known.of(&s.docs[s.current]))
        .zip(edit.growth_bound())
        .map(|(bytes, growth)| bytes.saturating_add(growth));
    let mut size = 0;
    let refusal = match doc.apply(&edit) {
        Ok(()) if doc == *before => return state,
        Ok(()) => {
            let (refusal, bytes) = zipin_core::gate::new_refusal_within(&before, &doc, bound);
            size = bytes;
            refusal.map(|r| r.to_string())
        }
        Err(error) => Some(error.to_string()),
    };
    if let Some(refusal) = refusal {
        s.status = format!("未接受此修改：{refusal}");
        s.refused_edit = Some(s.status.clone());
        return Rc::new(s);
    }
    s.refused_edit = None;
    // Keystrokes in one field make one undo step; an edit without a key (add, remove, move) is its own.
    let key = edit.undo_key();
    if key.is_none() || s.history.last_key != key {
        s.history.undo.push(before);
        if s.history.undo.len() > HISTORY_LIMIT {
            s.history.undo.remove(0);
        }
    }
    s.history.redo.clear();
    s.history.last_key = key;
    s.set_current_document(doc);
    s.size_bound = Some(SizeBound {
        doc: s.docs[s.current].clone(),
        bytes: size,
    });
    Rc::new(s)
}

/// An upper bound of the stored size of one version of the current document (the `Rc` is that version: any other
/// change makes a new one, and the bound no longer applies).
#[derive(Debug, Clone)]
pub struct SizeBound {
    doc: Rc<StoredDocument>,
    bytes: usize,
}

impl SizeBound {
    /// The bound, if `doc` is the version it was taken of.
    fn of(&self, doc: &Rc<StoredDocument>) -> Option<usize> {
        Rc::ptr_eq(&self.doc, doc).then_some(self.bytes)
    }
}

impl PartialEq for SizeBound {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc) && self.bytes == other.bytes
    }
}

/// Why the current document cannot change here, if it cannot: a share-link preview is not stored, and a document
/// written by a newer version is never written back.
fn refusal(s: &State, what: &str) -> Option<String> {
    if s.is_preview() {
        Some(format!(
            "这是分享链接的预览，不能{what}；请先“保存为新文档”"
        ))
    } else if s.is_read_only() {
        Some(format!("此文档为只读（由较新版本的程序保存），不能{what}"))
    } else {
        None
    }
}

pub(super) fn undo(s: &mut State) {
    if let Some(message) = refusal(s, "撤销") {
        s.status = message;
        return;
    }
    match s.history.undo.pop() {
        Some(previous) => {
            s.history.redo.push(Rc::new(s.doc().clone()));
            go_to(s, &previous, "已撤销");
        }
        None => s.status = "没有可撤销的修改".to_string(),
    }
}

pub(super) fn redo(s: &mut State) {
    if let Some(message) = refusal(s, "重做") {
        s.status = message;
        return;
    }
    match s.history.redo.pop() {
        Some(next) => {
            s.history.undo.push(Rc::new(s.doc().clone()));
            go_to(s, &next, "已重做");
        }
        None => s.status = "没有可重做的修改".to_string(),
    }
}

/// Makes `doc` the current content after an undo or redo; the next keystroke starts a new step.
fn go_to(s: &mut State, doc: &Document, status: &str) {
    s.history.last_key = None;
    s.set_current_document(doc.clone());
    s.status = status.to_string();
}

/// Replaces the current document's content (an import after preview), as one undoable step.
pub(super) fn import(s: &mut State, doc: Document) {
    if let Some(message) = refusal(s, "导入") {
        s.status = message;
        return;
    }
    let before = Rc::new(s.doc().clone());
    s.history.undo.push(before);
    s.history.redo.clear();
    s.history.last_key = None;
    s.set_current_document(doc);
    s.status = "已导入".to_string();
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use rust_decimal::Decimal;
    use yew::Reducible;

    use super::*;
    use zipin_core::edit::Table;
    use zipin_core::fields::Field;

    use crate::state::tests::{set, set_text};
    use crate::state::Action;

    #[test]
    fn edits_rescore_and_undo_by_field() {
        let s = Rc::new(State::initial());
        let spent_before = s.doc().finance.spending_total;
        let s = s.reduce(set(Field::BudgetFinal, 6));
        let s = s.reduce(set(Field::BudgetFinal, 60));
        let s = s.reduce(set(Field::BudgetFinal, 6000));
        let s = s.reduce(set(Field::SpendingTotal, 5000));
        assert!(s
            .evaluation
            .indicator("execution-rate")
            .unwrap()
            .is_scored());
        assert_eq!(s.history.undo.len(), 2, "typing in one field is one step");
        let s = s.reduce(Action::Undo);
        assert_eq!(s.doc().finance.spending_total, spent_before);
        assert_eq!(s.doc().finance.budget_final, Some(Decimal::from(6000)));
        let s = s.reduce(Action::Undo);
        assert_eq!(s.doc().finance.budget_final, None);
        let s = s.reduce(Action::Redo);
        assert_eq!(s.doc().finance.budget_final, Some(Decimal::from(6000)));
    }

    #[test]
    fn read_only_documents_refuse_edits() {
        let mut s = State::initial();
        let mut stored = (*s.docs[0]).clone();
        stored.read_only = true;
        s.docs[0] = Rc::new(stored);
        let s = Rc::new(s).reduce(set_text(Field::UnitName, "改"));
        assert_eq!(s.doc().unit.name, "广东省科技监测中心");
    }

    #[test]
    fn an_edit_that_would_break_the_gate_is_refused_with_the_reason() {
        let s = Rc::new(State::initial());
        let rows = zipin_core::gate::caps::TARGET_ROWS;
        let s = s.reduce(Action::Edit(Edit::PasteTargets(vec![
            zipin_core::document::TargetRow::default();
            rows
        ])));
        assert_eq!(s.doc().targets.len(), rows, "up to the cap is fine");
        assert_eq!(s.refused_edit, None);
        let s = s.reduce(Action::Edit(Edit::AddRow(Table::Targets)));
        assert_eq!(s.doc().targets.len(), rows, "one more row is refused");
        let message = s.refused_edit.clone().unwrap_or_default();
        assert!(
            message.contains("绩效目标") && message.contains("超过上限"),
            "{message}"
        );
        let s = s.reduce(set_text(Field::UnitName, "改"));
        assert_eq!(s.doc().unit.name, "改");
        assert_eq!(
            s.refused_edit, None,
            "the next accepted edit clears the notice"
        );
    }

    #[test]
    fn a_value_the_field_cannot_take_is_refused_with_the_reason() {
        let s = Rc::new(State::initial());
        let year = s.doc().unit.year;
        let s = s.reduce(set(Field::UnitYear, 70_000));
        assert_eq!(s.doc().unit.year, year, "the year is kept, not cleared");
        let message = s.refused_edit.clone().unwrap_or_default();
        assert!(message.contains("预算年度"), "{message}");
    }

    #[test]
    fn a_preview_or_a_read_only_document_refuses_import_and_undo_with_a_message() {
        let s = Rc::new(State::initial());
        let s = s.reduce(set_text(Field::UnitName, "改过"));
        let s = s.reduce(Action::OpenShared(zipin_core::samples::example()));
        let before = s.doc().clone();
        let s = s.reduce(Action::Import(zipin_core::samples::seed()));
        assert_eq!(*s.doc(), before, "nothing imported into the preview");
        assert!(s.status.contains("不能导入"), "{}", s.status);
        let s = s.reduce(Action::Undo);
        assert_eq!(*s.doc(), before);
        assert!(s.status.contains("不能撤销"), "{}", s.status);

        let mut s = (*s.reduce(Action::CloseShared)).clone();
        let mut newer = (*s.docs[s.current]).clone();
        newer.read_only = true;
        s.docs[s.current] = Rc::new(newer);
        let s = Rc::new(s).reduce(Action::Undo);
        assert_eq!(
            s.doc().unit.name,
            "改过",
            "the read-only document is not undone"
        );
        assert!(s.status.contains("只读"), "{}", s.status);
    }

    #[test]
    fn a_document_near_the_size_cap_is_still_refused_over_it_while_keystrokes_skip_the_measure() {
        use zipin_core::access::FieldValue;
        use zipin_core::document::TargetRow;
        let row = TargetRow {
            deviation_reason: "x".repeat(20_000),
            ..TargetRow::default()
        };
        let s = Rc::new(State::initial()).reduce(Action::Edit(Edit::PasteTargets(vec![row; 95])));
        assert_eq!(s.doc().targets.len(), 95);
        // Figures typed near the cap keep a bound and stay accepted.
        let s = s.reduce(set(Field::BudgetFinal, 6000));
        let s = s.reduce(set(Field::BudgetFinal, 60000));
        assert_eq!(s.refused_edit, None);
        let long = |n: usize| {
            Action::Edit(Edit::Set(
                Field::UnitDuties,
                FieldValue::Text("测".repeat(n)),
            ))
        };
        let s = s.reduce(long(20_000));
        assert_eq!(s.refused_edit, None, "{:?}", s.refused_edit);
        let mut s = s;
        for field in [
            Field::UnitMandate,
            Field::StaffTeamDescription,
            Field::AnnualWork,
        ] {
            s = s.reduce(Action::Edit(Edit::Set(
                field,
                FieldValue::Text("测".repeat(20_000)),
            )));
        }
        let message = s.refused_edit.clone().unwrap_or_default();
        assert!(message.contains("文档过大"), "{message}");
        let size = zipin_core::gate::stored_size(s.doc());
        assert!(size <= zipin_core::caps::DOCUMENT_BYTES, "{size}");
    }
}
