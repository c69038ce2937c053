//! The documents kept in this browser: new, duplicate, open a sample, switch, rename, delete and undo the delete,
//! the preview of a share link, and adding an imported file.

use std::rc::Rc;

use zipin_core::store::StoredDocument;
use zipin_core::{samples, Document};

use super::{History, Section, State};

/// A document not saved yet (the storage adapter stamps the time when it writes it).
pub(super) fn new_stored(id: String, document: Document, tab: &str) -> StoredDocument {
    StoredDocument {
        id,
        title: String::new(),
        saved_at: 0.0,
        writer: tab.to_string(),
        document,
        read_only: false,
        transient: false,
    }
}

/// Ids are unique per tab (a counter) and across tabs (the tab's random id).
pub(super) fn fresh_id(tab: &str, counter: &mut u64) -> String {
    *counter += 1;
    format!("{tab}-{counter}")
}

impl State {
    pub(super) fn switch_to(&mut self, index: usize) {
        self.current = index;
        self.history = History::default();
        self.rederive();
        // The storage adapter remembers the current document with the next save.
        self.revision += 1;
    }

    pub(super) fn add_document(&mut self, doc: Document, title: String) {
        let id = fresh_id(&self.tab, &mut self.next_id);
        let mut stored = new_stored(id.clone(), doc, &self.tab);
        stored.title = title;
        self.dirty.insert(id);
        self.docs.insert(0, Rc::new(stored));
        self.switch_to(0);
    }
}

pub(super) fn new_blank(
    s: &mut State,
    framework: zipin_core::Framework,
    unit_name: String,
    year: Option<u16>,
) {
    let mut doc = Document::blank(framework);
    doc.unit.name = unit_name;
    doc.unit.year = year;
    s.add_document(doc, String::new());
    s.section = Section::Basics;
    s.status = "已新建空白文档".to_string();
}

pub(super) fn new_from_last_year(s: &mut State) {
    let doc = s.doc().next_year();
    s.add_document(doc, String::new());
    s.section = Section::Basics;
    s.status = "已基于上年文档新建，单位信息与上年数已带入".to_string();
}

pub(super) fn new_next_year_of(s: &mut State, id: &str) {
    if let Some(index) = s.docs.iter().position(|d| d.id == id) {
        s.switch_to(index);
        new_from_last_year(s);
    }
}

pub(super) fn duplicate(s: &mut State) {
    let source = s.current_doc().clone();
    let title = format!("{}（副本）", source.label());
    s.add_document(source.document, title);
    s.status = "已复制当前文档".to_string();
}

pub(super) fn open_sample(s: &mut State, name: &str) {
    if let Some(doc) = samples::by_name(name) {
        s.add_document(doc, String::new());
        s.section = Section::Scores;
        s.status = "已打开示例文档".to_string();
    }
}

pub(super) fn switch(s: &mut State, id: &str) {
    if let Some(index) = s.docs.iter().position(|d| d.id == id) {
        s.switch_to(index);
        s.status = format!("已切换到“{}”", s.current_doc().label());
    }
}

pub(super) fn rename(s: &mut State, id: String, title: &str) {
    if let Some(index) = s.docs.iter().position(|d| d.id == id) {
        if s.docs[index].read_only || s.docs[index].transient {
            s.status = "只读文档和分享链接的预览不能重命名".to_string();
            return;
        }
        let mut stored = (*s.docs[index]).clone();
        stored.title = title.trim().to_string();
        s.docs[index] = Rc::new(stored);
        s.dirty.insert(id);
        s.revision += 1;
    }
}

impl State {
    /// Takes the document at `index` out of the list, keeping a document open (a blank one if none is left).
    pub(super) fn take_out(&mut self, index: usize) -> Rc<StoredDocument> {
        let gone = self.docs.remove(index);
        self.dirty.remove(&gone.id);
        if self.docs.is_empty() {
            let doc = Document::blank(zipin_core::framework::default_framework());
            self.add_document(doc, String::new());
        } else if self.current >= index {
            // The open document moves up one, or, if it was the one taken out, its neighbour opens.
            let open = if self.current > index || self.current >= self.docs.len() {
                self.current.saturating_sub(1)
            } else {
                self.current
            };
            if self.current == index {
                self.switch_to(open.min(self.docs.len() - 1));
            } else {
                self.current = open;
            }
        }
        gone
    }
}

pub(super) fn delete(s: &mut State, id: String) {
    if let Some(index) = s.docs.iter().position(|d| d.id == id) {
        let removed = s.take_out(index);
        s.status = format!("已删除“{}”，可撤销", removed.label());
        s.removed.insert(id);
        s.deleted = Some((index, removed));
        s.revision += 1;
    }
}

pub(super) fn undo_delete(s: &mut State) {
    if let Some((index, doc)) = s.deleted.take() {
        if let Some(back) = s.docs.iter().position(|d| d.id == doc.id) {
            // Another tab saved it again meanwhile: it is back already, in its latest version.
            s.switch_to(back);
            return;
        }
        let index = index.min(s.docs.len());
        s.removed.remove(&doc.id);
        s.dirty.insert(doc.id.clone());
        s.status = format!("已恢复“{}”", doc.label());
        s.docs.insert(index, doc);
        s.switch_to(index);
    }
}

/// A document from a share link: shown as a read-only preview, saved only on request.
pub(super) fn open_shared(s: &mut State, doc: Document) {
    let id = fresh_id(&s.tab, &mut s.next_id);
    let mut stored = new_stored(id, doc, &s.tab);
    stored.read_only = true;
    stored.transient = true;
    s.docs.insert(0, Rc::new(stored));
    s.current = 0;
    s.history = History::default();
    s.rederive();
    s.section = Section::Scores;
    s.status = "已打开分享链接中的文档（预览，未保存）".to_string();
}

pub(super) fn save_shared(s: &mut State) {
    if s.current_doc().transient {
        let mut stored = (*s.docs[s.current]).clone();
        stored.read_only = false;
        stored.transient = false;
        s.dirty.insert(stored.id.clone());
        s.docs[s.current] = Rc::new(stored);
        s.revision += 1;
        s.status = "已将分享的文档保存为新文档".to_string();
    }
}

pub(super) fn close_shared(s: &mut State) {
    s.docs.retain(|d| !d.transient);
    if s.docs.is_empty() {
        // The officer deleted every local document while previewing: never leave the app without one.
        let doc = Document::blank(zipin_core::framework::default_framework());
        s.add_document(doc, String::new());
    }
    s.switch_to(0);
    s.share_error = None;
    s.status = "已关闭预览".to_string();
}

/// Adds a document (an imported file) and opens it.
pub(super) fn add(s: &mut State, doc: Document) {
    s.add_document(doc, String::new());
    s.status = "已导入为新文档".to_string();
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use rust_decimal::Decimal;
    use yew::Reducible;

    use super::*;
    use crate::state::Action;

    #[test]
    fn documents_side_by_side() {
        let s = Rc::new(State::initial());
        let seed_id = s.current_doc().id.clone();
        let s = s.reduce(Action::OpenSample("example"));
        assert_eq!(s.docs.len(), 2);
        assert_eq!(s.evaluation.grade.as_deref(), Some("优秀"));
        let s = s.reduce(Action::Switch(seed_id.clone()));
        assert_eq!(s.doc().unit.name, "广东省科技监测中心");
        let s = s.reduce(Action::NewFromLastYear);
        assert_eq!(s.doc().unit.year, Some(2025));
        assert_eq!(s.doc().finance.three_public.previous, Some(Decimal::ZERO));
        assert!(s.doc().targets.is_empty());
        let s = s.reduce(Action::Delete(seed_id.clone()));
        assert_eq!(s.docs.len(), 2);
        assert!(s.removed.contains(&seed_id));
        let s = s.reduce(Action::UndoDelete);
        assert_eq!(s.docs.len(), 3);
        assert_eq!(s.current_doc().id, seed_id);
        assert!(!s.removed.contains(&seed_id));
    }

    #[test]
    fn closing_a_preview_always_leaves_a_document() {
        let s = Rc::new(State::initial());
        let local = s.current_doc().id.clone();
        let s = s.reduce(Action::OpenShared(samples::example()));
        assert!(s.is_preview() && s.is_read_only());
        let s = s.reduce(Action::Delete(local));
        let s = s.reduce(Action::CloseShared);
        assert_eq!(s.docs.len(), 1);
        assert!(!s.is_preview());
        let s = s.reduce(Action::OpenShared(samples::example()));
        let s = s.reduce(Action::SaveShared);
        assert!(!s.is_preview() && !s.is_read_only());
        assert!(s.dirty.contains(&s.current_doc().id));
    }
}
