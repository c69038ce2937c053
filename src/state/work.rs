//! The open document's edits: each one a transaction of the core (`Document::try_apply`: applied with its undo key
//! and size bound, or refused with the reason), undo and redo through the one undo history, and an import that
//! replaces the content as one step.

use std::rc::Rc;

use zipin_core::edit::Edit;
use zipin_core::store::StoredDocument;
use zipin_core::Document;

use super::State;

/// An upper bound of the stored size of one version of the open document (the `Rc` is that version: any other
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

/// Why the document on screen cannot change here, if it cannot: a preview is not stored, and a document written
/// by a newer version is never written back.
fn refusal(s: &State, what: &str) -> Option<String> {
    match s.preview.as_ref().map(|p| p.from) {
        Some(super::PreviewFrom::ShareLink) => {
            return Some(format!(
                "这是分享链接的预览，不能{what}；请先“保存为新文档”"
            ))
        }
        Some(super::PreviewFrom::Summary) => {
            return Some(format!(
                "这是汇总中的单位，只读查看，不能{what}；请“返回汇总表”"
            ))
        }
        None => {}
    }
    if s.is_read_only() {
        Some(format!("此文档为只读（由较新版本的程序保存），不能{what}"))
    } else {
        None
    }
}

/// `Action::Edit`. Returns whether anything changed (an edit that changes nothing leaves the state as it is, so
/// nothing re-renders).
pub(super) fn apply_edit(s: &mut State, edit: &Edit) -> bool {
    if let Some(message) = refusal(s, "修改") {
        s.say(message);
        return true;
    }
    let current = s.library.current_doc().clone();
    let known = s
        .library
        .size_bound
        .as_ref()
        .and_then(|bound| bound.of(&current));
    match current.document.try_apply(edit, known) {
        Ok(None) => false,
        Ok(Some(applied)) => {
            if s.ui.refused_edit.is_some() {
                s.ui_mut().refused_edit = None;
            }
            let before = Rc::new(current.document.clone());
            let library = s.library_mut();
            library.history.record(before, applied.undo_key);
            library.set_current_document(applied.value);
            library.size_bound = Some(SizeBound {
                doc: library.current_doc().clone(),
                bytes: applied.size_bound,
            });
            true
        }
        Err(refused) => {
            let message = format!("未接受此修改：{refused}");
            let ui = s.ui_mut();
            ui.status = message.clone();
            ui.refused_edit = Some(message);
            true
        }
    }
}

pub(super) fn undo(s: &mut State) {
    step(s, true);
}

pub(super) fn redo(s: &mut State) {
    step(s, false);
}

fn step(s: &mut State, back: bool) {
    if let Some(message) = refusal(s, if back { "撤销" } else { "重做" }) {
        s.say(message);
        return;
    }
    let current = Rc::new(s.library.current_doc().document.clone());
    let library = s.library_mut();
    let to = if back {
        library.history.undo(current)
    } else {
        library.history.redo(current)
    };
    match to {
        Some(doc) => {
            library.set_current_document((*doc).clone());
            s.say(if back { "已撤销" } else { "已重做" });
        }
        None => s.say(if back {
            "没有可撤销的修改"
        } else {
            "没有可重做的修改"
        }),
    }
}

/// Replaces the open document's content (an import after preview), as one undoable step; whether it did.
pub(super) fn import(s: &mut State, doc: Document) -> bool {
    if let Some(message) = refusal(s, "导入") {
        s.say(message);
        return false;
    }
    let before = Rc::new(s.library.current_doc().document.clone());
    let library = s.library_mut();
    library.history.record(before, None);
    library.set_current_document(doc);
    s.say("已导入");
    true
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use rust_decimal::Decimal;
    use yew::Reducible;

    use super::*;
    use zipin_core::edit::Table;
    use zipin_core::fields::Field;

    use crate::state::tests::{set, set_text};
    use crate::state::{Action, PreviewAction};

    #[test]
    fn edits_rescore_and_undo_by_field() {
        let s = Rc::new(State::initial());
        let spent_before = s.doc().finance.spending_total;
        let s = s.reduce(set(Field::BudgetFinal, 6));
        let s = s.reduce(set(Field::BudgetFinal, 60));
        let s = s.reduce(set(Field::BudgetFinal, 6000));
        let s = s.reduce(set(Field::SpendingTotal, 5000));
        assert!(s
            .derived()
            .evaluation
            .indicator("execution-rate")
            .unwrap()
            .is_scored());
        let s = s.reduce(Action::Undo);
        assert_eq!(s.doc().finance.spending_total, spent_before);
        assert_eq!(s.doc().finance.budget_final, Some(Decimal::from(6000)));
        let s = s.reduce(Action::Undo);
        assert_eq!(
            s.doc().finance.budget_final,
            None,
            "typing in one field is one step"
        );
        assert!(!s.library.history.can_undo());
        let s = s.reduce(Action::Redo);
        assert_eq!(s.doc().finance.budget_final, Some(Decimal::from(6000)));
    }

    #[test]
    fn an_edit_that_changes_nothing_is_the_same_state() {
        let s = Rc::new(State::initial());
        let name = s.doc().unit.name.clone();
        let same = s.clone().reduce(set_text(Field::UnitName, &name));
        assert!(Rc::ptr_eq(&s, &same));
    }

    #[test]
    fn read_only_documents_refuse_edits() {
        let mut s = State::initial();
        let mut stored = (**s.library.current_doc()).clone();
        stored.read_only = true;
        let current = s.library.current;
        s.library_mut().replace(current, stored);
        let s = Rc::new(s).reduce(set_text(Field::UnitName, "改"));
        assert_eq!(s.doc().unit.name, "广东省科技监测中心");
        assert!(s.ui.status.contains("只读"), "{}", s.ui.status);
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
        assert_eq!(s.ui.refused_edit, None);
        let s = s.reduce(Action::Edit(Edit::AddRow(Table::Targets)));
        assert_eq!(s.doc().targets.len(), rows, "one more row is refused");
        let message = s.ui.refused_edit.clone().unwrap_or_default();
        assert!(
            message.contains("绩效目标") && message.contains("超过上限"),
            "{message}"
        );
        let s = s.reduce(set_text(Field::UnitName, "改"));
        assert_eq!(s.doc().unit.name, "改");
        assert_eq!(
            s.ui.refused_edit, None,
            "the next accepted edit clears the notice"
        );
    }

    #[test]
    fn a_value_the_field_cannot_take_is_refused_with_the_reason() {
        let s = Rc::new(State::initial());
        let year = s.doc().unit.year;
        let s = s.reduce(set(Field::UnitYear, 70_000));
        assert_eq!(s.doc().unit.year, year, "the year is kept, not cleared");
        let message = s.ui.refused_edit.clone().unwrap_or_default();
        assert!(message.contains("预算年度"), "{message}");
    }

    #[test]
    fn a_preview_or_a_read_only_document_refuses_import_and_undo_with_a_message() {
        let s = Rc::new(State::initial());
        let s = s.reduce(set_text(Field::UnitName, "改过"));
        let s = s.reduce(crate::state::tests::shared_link(
            zipin_core::samples::example(),
        ));
        let before = s.doc().clone();
        let mut s = (*s).clone();
        assert!(!import(&mut s, zipin_core::samples::seed()));
        assert_eq!(*s.doc(), before, "nothing imported into the preview");
        assert!(s.ui.status.contains("不能导入"), "{}", s.ui.status);
        let s = Rc::new(s).reduce(Action::Undo);
        assert_eq!(*s.doc(), before);
        assert!(s.ui.status.contains("不能撤销"), "{}", s.ui.status);

        let mut s = (*s.reduce(Action::Preview(PreviewAction::Close))).clone();
        let mut newer = (**s.library.current_doc()).clone();
        newer.read_only = true;
        let current = s.library.current;
        s.library_mut().replace(current, newer);
        let s = Rc::new(s).reduce(Action::Undo);
        assert_eq!(
            s.doc().unit.name,
            "改过",
            "the read-only document is not undone"
        );
        assert!(s.ui.status.contains("只读"), "{}", s.ui.status);
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
        assert_eq!(s.ui.refused_edit, None);
        assert!(s.library.size_bound.is_some(), "a bound is kept");
        let long = |n: usize| {
            Action::Edit(Edit::Set(
                Field::UnitDuties,
                FieldValue::Text("测".repeat(n)),
            ))
        };
        let s = s.reduce(long(20_000));
        assert_eq!(s.ui.refused_edit, None, "{:?}", s.ui.refused_edit);
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
        let message = s.ui.refused_edit.clone().unwrap_or_default();
        assert!(message.contains("文档过大"), "{message}");
        let size = zipin_core::gate::stored_size(s.doc());
        assert!(size <= zipin_core::caps::DOCUMENT_BYTES, "{size}");
    }
}
