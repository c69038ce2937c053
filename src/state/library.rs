//! The documents kept in this browser and the open one: new, duplicate, open a sample, switch, rename, delete and
//! undo the delete, replace the content (an import), add an imported file.

use std::collections::BTreeSet;
use std::rc::Rc;

use zipin_core::store::StoredDocument;
use zipin_core::{samples, Document};

use super::{Derived, Section, SizeBound, State, Undo};

#[derive(Debug, Clone, PartialEq)]
pub struct Library {
    /// Every document in this browser (never a preview); the open one is `docs[current]`.
    pub docs: Vec<Rc<StoredDocument>>,
    pub current: usize,
    /// The open document's evaluation and checks, recomputed whenever it changes (never stored as truth).
    pub derived: Derived,
    /// Undo and redo of the open document's edits.
    pub history: Undo<Rc<Document>>,
    /// An upper bound of the open document's stored size, kept from keystroke to keystroke.
    pub size_bound: Option<SizeBound>,
    /// Bumped by every change that must be saved.
    pub revision: u64,
    /// Ids of documents changed since the last save, and ids deleted since then.
    pub dirty: BTreeSet<String>,
    pub removed: BTreeSet<String>,
    /// A deleted document that can still be brought back.
    pub deleted: Option<(usize, Rc<StoredDocument>)>,
    /// This tab's id, written with every save.
    pub tab: String,
    /// Source of fresh ids (documents and frameworks).
    pub next_id: u64,
}

pub enum LibraryAction {
    /// A blank document of the officer's unit; the year as typed (the core says whether it can be one).
    NewBlank {
        framework: Box<zipin_core::Framework>,
        unit_name: String,
        year: Option<rust_decimal::Decimal>,
    },
    NewFromLastYear,
    /// The next year's document of the stored document with this id (unit, staff and last year's figures carried).
    NewNextYearOf(String),
    Duplicate,
    OpenSample(&'static str),
    Switch(String),
    Rename {
        id: String,
        title: String,
    },
    Delete(String),
    UndoDelete,
    /// Replace the open document's content with the document file waiting in `ui.import`, as one undoable step.
    ReplaceWithImport,
    /// Add the document file waiting in `ui.import` as a new document and open it.
    AddImport,
}

/// A document not saved yet (the storage service stamps the time when it writes it).
pub(super) fn new_stored(id: String, document: Document, tab: &str) -> StoredDocument {
    StoredDocument {
        id,
        title: String::new(),
        saved_at: 0.0,
        writer: tab.to_string(),
        document,
        read_only: false,
    }
}

impl Library {
    /// The library read from storage: newest first, the remembered document open. Documents found under an
    /// earlier version's keys (`to_move`) are written under this page's keys by the first save; with nothing stored,
    /// the seed sample opens (and is saved).
    pub(super) fn from_read(
        docs: Vec<StoredDocument>,
        current_id: Option<String>,
        to_move: Vec<String>,
        tab: String,
    ) -> Library {
        let mut docs: Vec<Rc<StoredDocument>> = docs.into_iter().map(Rc::new).collect();
        docs.sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
        let mut library = Library {
            derived: Derived::of(&Document::blank(zipin_core::Framework::empty(""))),
            docs,
            current: 0,
            history: Undo::default(),
            size_bound: None,
            revision: 0,
            dirty: to_move.into_iter().collect(),
            removed: BTreeSet::new(),
            deleted: None,
            tab,
            next_id: 1,
        };
        if library.docs.is_empty() {
            library.add(samples::seed(), String::new());
        } else {
            let current = current_id.and_then(|id| library.index_of(&id)).unwrap_or(0);
            library.open(current);
        }
        // Opening the remembered document is no change to save; a document to move or the new seed is.
        library.revision = u64::from(!library.dirty.is_empty());
        library
    }

    pub(super) fn placeholder() -> Library {
        let stored = new_stored(
            "placeholder".into(),
            Document::blank(zipin_core::Framework::empty("")),
            "",
        );
        Library {
            derived: Derived::of(&stored.document),
            docs: vec![Rc::new(stored)],
            current: 0,
            history: Undo::default(),
            size_bound: None,
            revision: 0,
            dirty: BTreeSet::new(),
            removed: BTreeSet::new(),
            deleted: None,
            tab: String::new(),
            next_id: 0,
        }
    }

    /// The open document. The library always holds one (`take_out` opens a blank one when the last goes).
    pub fn current_doc(&self) -> &Rc<StoredDocument> {
        self.docs
            .get(self.current)
            .or_else(|| self.docs.first())
            .unwrap_or_else(|| unreachable_library())
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.docs.iter().position(|d| d.id == id)
    }

    pub fn get(&self, id: &str) -> Option<&Rc<StoredDocument>> {
        self.docs.iter().find(|d| d.id == id)
    }

    /// Ids are unique per tab (a counter) and across tabs (the tab's random id).
    pub(super) fn fresh_id(&mut self) -> String {
        self.next_id = self.next_id.saturating_add(1);
        format!("{}-{}", self.tab, self.next_id)
    }

    /// Marks document `id` to be written with the next save.
    pub(super) fn changed(&mut self, id: &str) {
        self.dirty.insert(id.to_string());
        self.bump();
    }

    /// A change to save (which document is open counts: the next visit opens it).
    pub(super) fn bump(&mut self) {
        self.revision = self.revision.saturating_add(1);
    }

    /// Opens the document at `index`: its own undo history starts empty.
    pub(super) fn open(&mut self, index: usize) {
        self.current = index.min(self.docs.len().saturating_sub(1));
        self.history = Undo::default();
        self.size_bound = None;
        self.rederive();
        self.bump();
    }

    pub(super) fn rederive(&mut self) {
        self.derived = self.derived.next(&self.current_doc().document);
    }

    /// Replaces the open document's content (an edit, an undo, an import).
    pub(super) fn set_current_document(&mut self, doc: Document) {
        let mut stored = (**self.current_doc()).clone();
        stored.document = doc;
        let id = stored.id.clone();
        self.replace(self.current, stored);
        self.rederive();
        self.changed(&id);
    }

    /// Puts `stored` at `index` (a slot that exists).
    pub(super) fn replace(&mut self, index: usize, stored: StoredDocument) {
        if let Some(slot) = self.docs.get_mut(index) {
            *slot = Rc::new(stored);
        }
    }

    /// Adds a document at the top of the list and opens it.
    pub(super) fn add(&mut self, doc: Document, title: String) {
        let id = self.fresh_id();
        let mut stored = new_stored(id.clone(), doc, &self.tab);
        stored.title = title;
        self.dirty.insert(id);
        self.docs.insert(0, Rc::new(stored));
        self.open(0);
    }

    /// Takes the document at `index` out of the list, keeping a document open (a blank one if none is left).
    pub(super) fn take_out(&mut self, index: usize) -> Option<Rc<StoredDocument>> {
        if index >= self.docs.len() {
            return None;
        }
        let gone = self.docs.remove(index);
        self.dirty.remove(&gone.id);
        if self.docs.is_empty() {
            let doc = Document::blank(zipin_core::framework::default_framework());
            self.add(doc, String::new());
        } else if self.current == index {
            // The open document goes: its neighbour opens.
            self.open(index.min(self.docs.len().saturating_sub(1)));
        } else if self.current > index {
            self.current = self.current.saturating_sub(1);
        }
        Some(gone)
    }
}

/// Never reached: the library is never empty. A placeholder instead of a panic, should it ever be.
fn unreachable_library() -> &'static Rc<StoredDocument> {
    thread_local! {
        static EMPTY: &'static Rc<StoredDocument> = Box::leak(Box::new(Rc::new(new_stored(
            String::new(),
            Document::blank(zipin_core::Framework::empty("")),
            "",
        ))));
    }
    EMPTY.with(|empty| *empty)
}

pub(super) fn reduce(s: &mut State, action: LibraryAction) {
    use LibraryAction as A;
    match action {
        A::NewBlank {
            framework,
            unit_name,
            year,
        } => match new_blank(*framework, unit_name, year) {
            Ok(doc) => {
                open_new(s, doc, String::new());
                s.ui_mut().section = Section::Basics;
                s.say("已新建空白文档");
            }
            Err(refused) => s.say(format!("未新建：{refused}")),
        },
        A::NewFromLastYear => {
            let doc = s.doc().next_year();
            new_from_last_year(s, doc);
        }
        A::NewNextYearOf(id) => {
            if let Some(doc) = s.library.get(&id).map(|d| d.document.next_year()) {
                new_from_last_year(s, doc);
            }
        }
        A::Duplicate => {
            // The document on screen: a preview's copy is a way to keep it.
            let source = (**s.shown()).clone();
            let title = format!("{}（副本）", source.label());
            open_new(s, source.document, title);
            s.say("已复制当前文档");
        }
        A::OpenSample(name) => {
            if let Some(doc) = samples::by_name(name) {
                open_new(s, doc, String::new());
                s.ui_mut().section = Section::Scores;
                s.say("已打开示例文档");
            }
        }
        A::Switch(id) => {
            if let Some(index) = s.library.index_of(&id) {
                s.preview = None;
                s.library_mut().open(index);
                let label = s.library.current_doc().label();
                s.say(format!("已切换到“{label}”"));
            }
        }
        A::Rename { id, title } => rename(s, &id, &title),
        A::Delete(id) => delete(s, &id),
        A::UndoDelete => undo_delete(s),
        A::ReplaceWithImport => {
            if let Some(Ok(doc)) = s.ui.import.clone() {
                if super::work::import(s, (*doc).clone()) {
                    s.ui_mut().import = None;
                }
            }
        }
        A::AddImport => {
            if let Some(Ok(doc)) = s.ui_mut().import.take() {
                open_new(s, (*doc).clone(), String::new());
                s.say("已导入为新文档");
            }
        }
    }
}

/// A blank document, its year set as if typed into 预算年度, so the same rule refuses what cannot be a year.
fn new_blank(
    framework: zipin_core::Framework,
    unit_name: String,
    year: Option<rust_decimal::Decimal>,
) -> Result<Document, String> {
    let doc = Document::new_blank(framework, unit_name, None).map_err(|e| e.to_string())?;
    let set_year = zipin_core::edit::Edit::Set(
        zipin_core::fields::Field::UnitYear,
        zipin_core::access::FieldValue::Number(year),
    );
    match doc.try_apply(&set_year, None) {
        Ok(Some(applied)) => Ok(applied.value),
        Ok(None) => Ok(doc),
        Err(refused) => Err(refused.to_string()),
    }
}

/// Adds `doc` to the library and opens it: a preview on screen gives way to it.
fn open_new(s: &mut State, doc: Document, title: String) {
    s.preview = None;
    s.library_mut().add(doc, title);
}

fn new_from_last_year(s: &mut State, doc: Document) {
    open_new(s, doc, String::new());
    s.ui_mut().section = Section::Basics;
    s.say("已基于上年文档新建，单位信息与上年数已带入");
}

fn rename(s: &mut State, id: &str, title: &str) {
    let Some(index) = s.library.index_of(id) else {
        return;
    };
    let Some(doc) = s.library.docs.get(index) else {
        return;
    };
    if doc.read_only {
        s.say("只读文档和分享链接的预览不能重命名");
        return;
    }
    let mut stored = (**doc).clone();
    stored.title = title.trim().to_string();
    let library = s.library_mut();
    library.replace(index, stored);
    library.changed(id);
}

fn delete(s: &mut State, id: &str) {
    let Some(index) = s.library.index_of(id) else {
        return;
    };
    let library = s.library_mut();
    let Some(removed) = library.take_out(index) else {
        return;
    };
    library.removed.insert(id.to_string());
    library.deleted = Some((index, removed.clone()));
    library.bump();
    s.say(format!("已删除“{}”，可撤销", removed.label()));
}

fn undo_delete(s: &mut State) {
    let Some((index, doc)) = s.library_mut().deleted.take() else {
        return;
    };
    s.preview = None;
    if let Some(back) = s.library.index_of(&doc.id) {
        // Another tab saved it again meanwhile: it is back already, in its latest version.
        s.library_mut().open(back);
        return;
    }
    let library = s.library_mut();
    let index = index.min(library.docs.len());
    library.removed.remove(&doc.id);
    library.dirty.insert(doc.id.clone());
    let label = doc.label();
    library.docs.insert(index, doc);
    library.open(index);
    s.say(format!("已恢复“{label}”"));
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use rust_decimal::Decimal;
    use yew::Reducible;

    use super::*;
    use crate::state::tests::shared_link;
    use crate::state::{Action, PreviewAction};

    fn lib(action: LibraryAction) -> Action {
        Action::Library(action)
    }

    #[test]
    fn documents_side_by_side() {
        let s = Rc::new(State::initial());
        let seed_id = s.library.current_doc().id.clone();
        let s = s.reduce(lib(LibraryAction::OpenSample("example")));
        assert_eq!(s.library.docs.len(), 2);
        assert_eq!(s.derived().evaluation.grade.as_deref(), Some("优秀"));
        let s = s.reduce(lib(LibraryAction::Switch(seed_id.clone())));
        assert_eq!(s.doc().unit.name, "广东省科技监测中心");
        let s = s.reduce(lib(LibraryAction::NewFromLastYear));
        assert_eq!(s.doc().unit.year, Some(2025));
        assert_eq!(s.doc().finance.three_public.previous, Some(Decimal::ZERO));
        assert!(s.doc().targets.is_empty());
        let s = s.reduce(lib(LibraryAction::Delete(seed_id.clone())));
        assert_eq!(s.library.docs.len(), 2);
        assert!(s.library.removed.contains(&seed_id));
        let s = s.reduce(lib(LibraryAction::UndoDelete));
        assert_eq!(s.library.docs.len(), 3);
        assert_eq!(s.library.current_doc().id, seed_id);
        assert!(!s.library.removed.contains(&seed_id));
    }

    #[test]
    fn closing_a_preview_always_leaves_a_document() {
        let s = Rc::new(State::initial());
        let local = s.library.current_doc().id.clone();
        let s = s.reduce(shared_link(samples::example()));
        assert!(s.is_preview() && s.is_read_only());
        let s = s.reduce(lib(LibraryAction::Rename {
            id: local.clone(),
            title: "改名".into(),
        }));
        let s = s.reduce(lib(LibraryAction::Delete(local)));
        let s = s.reduce(lib(LibraryAction::Switch("nobody".into())));
        assert!(
            s.is_preview(),
            "renaming, deleting or a switch to nothing keep the preview"
        );
        assert_eq!(s.library.docs.len(), 1, "a blank document is left");
        let s = s.reduce(Action::Preview(PreviewAction::Close));
        assert!(!s.is_preview());
        let s = s.reduce(shared_link(samples::example()));
        let s = s.reduce(Action::Preview(PreviewAction::Save));
        assert!(!s.is_preview() && !s.is_read_only());
        assert!(s.library.dirty.contains(&s.library.current_doc().id));
        // Duplicating a preview keeps a copy of what is on screen, and shows it.
        let s = s.reduce(shared_link(samples::seed()));
        let s = s.reduce(lib(LibraryAction::Duplicate));
        assert!(!s.is_preview());
        assert_eq!(s.doc().unit.name, "广东省科技监测中心");
    }

    #[test]
    fn a_new_blank_document_takes_only_a_sound_framework() {
        let s = Rc::new(State::initial());
        let mut broken = zipin_core::framework::default_framework();
        broken.level1.clear();
        let s = s.reduce(lib(LibraryAction::NewBlank {
            framework: Box::new(broken),
            unit_name: "甲".into(),
            year: Some(Decimal::from(2025)),
        }));
        assert_eq!(s.library.docs.len(), 1, "refused");
        assert!(s.ui.status.starts_with("未新建："), "{}", s.ui.status);
        let s = s.reduce(lib(LibraryAction::NewBlank {
            framework: Box::new(zipin_core::framework::default_framework()),
            unit_name: "甲".into(),
            year: Some(Decimal::from(70_000)),
        }));
        assert_eq!(s.library.docs.len(), 1, "no year 70000");
        assert!(s.ui.status.contains("预算年度"), "{}", s.ui.status);
        let s = s.reduce(lib(LibraryAction::NewBlank {
            framework: Box::new(zipin_core::framework::default_framework()),
            unit_name: "甲".into(),
            year: Some(Decimal::from(2025)),
        }));
        assert_eq!(s.library.docs.len(), 2);
        assert_eq!(s.doc().unit.name, "甲");
        assert_eq!(s.doc().unit.year, Some(2025));
    }
}
