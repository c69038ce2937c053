//! App state: one `State`, changed only by `Action`s in one pure `reduce` (no I/O here: storage effects read the
//! state and report back with actions).

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::Reducible;
use zipin_core::checks::{run_checks, Check};
use zipin_core::edit::Edit;
use zipin_core::store::StoredDocument;
use zipin_core::{evaluate, samples, Document, Evaluation};

/// The sections of the app, in the order of the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Basics,
    Tasks,
    Targets,
    Finance,
    Scores,
    Checks,
    Report,
    Documents,
}

impl Section {
    /// The sections of one evaluation, in the order an officer works through them.
    pub const WORK: [Section; 7] = [
        Section::Basics,
        Section::Tasks,
        Section::Targets,
        Section::Finance,
        Section::Scores,
        Section::Checks,
        Section::Report,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Section::Basics => "基本情况",
            Section::Tasks => "工作任务",
            Section::Targets => "绩效目标",
            Section::Finance => "支出与管理",
            Section::Scores => "评分",
            Section::Checks => "校验",
            Section::Report => "报告",
            Section::Documents => "文档管理",
        }
    }

    /// The section holding a document field, for the links of checks and missing inputs.
    pub fn for_path(path: &str) -> Section {
        let head = path.split(['.', '[']).next().unwrap_or("");
        match head {
            "unit" | "staff" | "departments" => Section::Basics,
            "annual_work" | "key_tasks" => Section::Tasks,
            "goals" | "targets" => Section::Targets,
            "finance" | "management" => Section::Finance,
            "overrides" | "framework" => Section::Scores,
            _ => Section::Basics,
        }
    }
}

/// Undo and redo of the current document's edits.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub undo: Vec<Rc<Document>>,
    pub redo: Vec<Rc<Document>>,
    pub last_key: Option<String>,
}

const HISTORY_LIMIT: usize = 200;

/// What the storage adapter found on load and reports while saving.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StorageState {
    /// Stored values that could not be read: kept untouched, offered for export.
    pub unreadable: Vec<Unreadable>,
    /// The last write failed (quota, disabled storage): shown until a write succeeds.
    pub write_error: Option<String>,
    /// localStorage cannot be used at all.
    pub unavailable: Option<String>,
    /// Another tab saved the current document: its version, waiting for the officer's choice.
    pub conflict: Option<Rc<StoredDocument>>,
    /// Revision of the last successful save, and when (ms since epoch).
    pub saved_revision: u64,
    pub saved_at: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub key: String,
    pub raw: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// Every document in this browser; the current one is `docs[current]`.
    pub docs: Vec<Rc<StoredDocument>>,
    pub current: usize,
    /// The current document's evaluation and checks, recomputed whenever it changes (never stored as truth).
    pub evaluation: Rc<Evaluation>,
    pub checks: Rc<Vec<Check>>,
    pub section: Section,
    pub history: History,
    /// Bumped by every change that must be saved.
    pub revision: u64,
    /// Ids of documents changed since the last save, and ids deleted since then.
    pub dirty: BTreeSet<String>,
    pub removed: BTreeSet<String>,
    /// A deleted document that can still be brought back.
    pub deleted: Option<(usize, Rc<StoredDocument>)>,
    /// A field to focus after the next render (dom id and a counter so the same field can be asked twice).
    pub focus: Option<(String, u64)>,
    pub storage: StorageState,
    /// The last status message, announced politely.
    pub status: String,
    /// Why a share link in the URL could not be opened.
    pub share_error: Option<String>,
    /// Why the last edit was not accepted (it would break one of the gate's rules); cleared by the next edit.
    pub refused_edit: Option<String>,
    /// This tab's id, written with every save.
    pub tab: String,
    /// Source of fresh document ids.
    pub next_id: u64,
}

pub enum Action {
    Navigate(Section),
    Edit(Edit),
    Undo,
    Redo,
    /// Go to the field with this path and focus it.
    FocusField(String),
    NewBlank {
        framework: Box<zipin_core::Framework>,
        unit_name: String,
        year: Option<u16>,
    },
    NewFromLastYear,
    Duplicate,
    OpenSample(&'static str),
    Switch(String),
    Rename {
        id: String,
        title: String,
    },
    Delete(String),
    UndoDelete,
    /// Replace the current document's content (an import after preview), as one undoable step.
    Import(Document),
    Saved {
        revision: u64,
        at: f64,
    },
    SaveFailed(String),
    /// Another tab saved a document.
    External(StoredDocument),
    ResolveConflict {
        keep_mine: bool,
    },
    DismissUnreadable,
    /// A document from a share link: shown as a read-only preview, saved only on request.
    OpenShared(Document),
    ShareFailed(String),
    SaveShared,
    CloseShared,
    /// Add a document (an imported file) and open it.
    AddDocument(Document),
}

/// Everything the storage adapter read at start-up.
pub struct Loaded {
    pub docs: Vec<StoredDocument>,
    pub current_id: Option<String>,
    pub unreadable: Vec<Unreadable>,
    pub unavailable: Option<String>,
}

impl State {
    /// The state after reading storage. A first visit (nothing stored) opens the seed sample.
    pub fn from_loaded(loaded: Loaded, tab: String) -> State {
        let mut next_id = 1;
        let mut dirty = BTreeSet::new();
        let mut docs: Vec<Rc<StoredDocument>> = loaded.docs.into_iter().map(Rc::new).collect();
        docs.sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
        if docs.is_empty() {
            let id = fresh_id(&tab, &mut next_id);
            dirty.insert(id.clone());
            docs.push(Rc::new(new_stored(id, samples::seed(), &tab)));
        }
        let current = loaded
            .current_id
            .and_then(|id| docs.iter().position(|d| d.id == id))
            .unwrap_or(0);
        let (evaluation, checks) = derive(&docs[current].document);
        let status = if docs[current].read_only {
            "此文档由较新版本保存，已以只读方式打开".to_string()
        } else {
            String::new()
        };
        State {
            docs,
            current,
            evaluation,
            checks,
            section: Section::Basics,
            history: History::default(),
            revision: if dirty.is_empty() { 0 } else { 1 },
            dirty,
            removed: BTreeSet::new(),
            deleted: None,
            focus: None,
            storage: StorageState {
                unreadable: loaded.unreadable,
                unavailable: loaded.unavailable,
                ..Default::default()
            },
            status,
            share_error: None,
            refused_edit: None,
            tab,
            next_id,
        }
    }

    /// An empty state that costs nothing to build: what a component sees if it is ever rendered outside `App`.
    pub fn placeholder() -> State {
        let framework = zipin_core::Framework {
            format: zipin_core::framework::FRAMEWORK_FORMAT.to_string(),
            id: String::new(),
            name: String::new(),
            status: String::new(),
            source: String::new(),
            dimensions: Vec::new(),
            grades: Vec::new(),
            level1: Vec::new(),
        };
        let stored = new_stored("placeholder".into(), Document::blank(framework), "");
        let (evaluation, checks) = derive(&stored.document);
        State {
            docs: vec![Rc::new(stored)],
            current: 0,
            evaluation,
            checks,
            section: Section::Basics,
            history: History::default(),
            revision: 0,
            dirty: BTreeSet::new(),
            removed: BTreeSet::new(),
            deleted: None,
            focus: None,
            storage: StorageState::default(),
            status: String::new(),
            share_error: None,
            refused_edit: None,
            tab: String::new(),
            next_id: 0,
        }
    }

    /// A state with only the seed sample and no storage, for tests.
    pub fn initial() -> State {
        State::from_loaded(
            Loaded {
                docs: Vec::new(),
                current_id: None,
                unreadable: Vec::new(),
                unavailable: None,
            },
            "test".into(),
        )
    }

    pub fn current_doc(&self) -> &StoredDocument {
        &self.docs[self.current]
    }

    pub fn doc(&self) -> &Document {
        &self.docs[self.current].document
    }

    pub fn is_read_only(&self) -> bool {
        self.current_doc().read_only
    }

    pub fn is_preview(&self) -> bool {
        self.current_doc().transient
    }

    /// Whether every change has been written.
    pub fn is_saved(&self) -> bool {
        self.storage.saved_revision >= self.revision
    }

    fn set_current_document(&mut self, doc: Document) {
        let mut stored = (*self.docs[self.current]).clone();
        stored.document = doc;
        self.dirty.insert(stored.id.clone());
        self.docs[self.current] = Rc::new(stored);
        self.rederive();
        self.revision += 1;
    }

    fn rederive(&mut self) {
        let (evaluation, checks) = derive(self.doc());
        self.evaluation = evaluation;
        self.checks = checks;
    }

    fn switch_to(&mut self, index: usize) {
        self.current = index;
        self.history = History::default();
        self.rederive();
        // The storage adapter remembers the current document with the next save.
        self.revision += 1;
    }

    fn add_document(&mut self, doc: Document, title: String) {
        let id = fresh_id(&self.tab, &mut self.next_id);
        let mut stored = new_stored(id.clone(), doc, &self.tab);
        stored.title = title;
        self.dirty.insert(id);
        self.docs.insert(0, Rc::new(stored));
        self.switch_to(0);
    }
}

/// A document not saved yet (the storage adapter stamps the time when it writes it).
fn new_stored(id: String, document: Document, tab: &str) -> StoredDocument {
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
fn fresh_id(tab: &str, counter: &mut u64) -> String {
    *counter += 1;
    format!("{tab}-{counter}")
}

fn derive(doc: &Document) -> (Rc<Evaluation>, Rc<Vec<Check>>) {
    let evaluation = evaluate(doc);
    let checks = run_checks(doc, &evaluation);
    (Rc::new(evaluation), Rc::new(checks))
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Navigate(section) => s.section = section,
            Action::Edit(edit) => {
                if s.is_read_only() {
                    s.status = "此文档为只读，修改未被接受".to_string();
                    return Rc::new(s);
                }
                let before = Rc::new(s.doc().clone());
                let mut doc = (*before).clone();
                // The core applies the edit; a value the field cannot take is refused with the reason.
                let refusal = match doc.apply(&edit) {
                    Ok(()) if doc == *before => return self,
                    Ok(()) => zipin_core::gate::new_refusal(&before, &doc).map(|r| r.to_string()),
                    Err(error) => Some(error.to_string()),
                };
                // A document in the app always passes the gate, so it can always be saved and opened again: an edit
                // that would break one of its rules (more rows than the cap, say) is refused with the reason.
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
            }
            Action::Undo => match s.history.undo.pop() {
                Some(previous) => {
                    s.history.redo.push(Rc::new(s.doc().clone()));
                    s.history.last_key = None;
                    s.set_current_document((*previous).clone());
                    s.status = "已撤销".to_string();
                }
                None => s.status = "没有可撤销的修改".to_string(),
            },
            Action::Redo => match s.history.redo.pop() {
                Some(next) => {
                    s.history.undo.push(Rc::new(s.doc().clone()));
                    s.history.last_key = None;
                    s.set_current_document((*next).clone());
                    s.status = "已重做".to_string();
                }
                None => s.status = "没有可重做的修改".to_string(),
            },
            Action::FocusField(path) => {
                s.section = Section::for_path(&path);
                let id = zipin_core::fields::FieldRef {
                    path,
                    label: String::new(),
                }
                .dom_id();
                let seq = s.focus.as_ref().map(|(_, n)| n + 1).unwrap_or(1);
                s.focus = Some((id, seq));
            }
            Action::NewBlank {
                framework,
                unit_name,
                year,
            } => {
                let mut doc = Document::blank(*framework);
                doc.unit.name = unit_name;
                doc.unit.year = year;
                s.add_document(doc, String::new());
                s.section = Section::Basics;
                s.status = "已新建空白文档".to_string();
            }
            Action::NewFromLastYear => {
                let doc = s.doc().next_year();
                s.add_document(doc, String::new());
                s.section = Section::Basics;
                s.status = "已基于上年文档新建，单位信息与上年数已带入".to_string();
            }
            Action::Duplicate => {
                let source = s.current_doc().clone();
                let title = format!("{}（副本）", source.label());
                s.add_document(source.document, title);
                s.status = "已复制当前文档".to_string();
            }
            Action::OpenSample(name) => {
                if let Some(doc) = samples::by_name(name) {
                    s.add_document(doc, String::new());
                    s.section = Section::Scores;
                    s.status = "已打开示例文档".to_string();
                }
            }
            Action::Switch(id) => {
                if let Some(index) = s.docs.iter().position(|d| d.id == id) {
                    s.switch_to(index);
                    s.status = format!("已切换到“{}”", s.current_doc().label());
                }
            }
            Action::Rename { id, title } => {
                if let Some(index) = s.docs.iter().position(|d| d.id == id) {
                    let mut stored = (*s.docs[index]).clone();
                    stored.title = title.trim().to_string();
                    s.docs[index] = Rc::new(stored);
                    s.dirty.insert(id);
                    s.revision += 1;
                }
            }
            Action::Delete(id) => {
                if let Some(index) = s.docs.iter().position(|d| d.id == id) {
                    let removed = s.docs.remove(index);
                    s.status = format!("已删除“{}”，可撤销", removed.label());
                    s.dirty.remove(&id);
                    s.removed.insert(id);
                    s.deleted = Some((index, removed));
                    if s.docs.is_empty() {
                        let doc = Document::blank(zipin_core::framework::default_framework());
                        s.add_document(doc, String::new());
                    } else {
                        let index = if s.current > index || s.current >= s.docs.len() {
                            s.current.saturating_sub(1)
                        } else {
                            s.current
                        };
                        s.switch_to(index.min(s.docs.len() - 1));
                    }
                    s.revision += 1;
                }
            }
            Action::UndoDelete => {
                if let Some((index, doc)) = s.deleted.take() {
                    let index = index.min(s.docs.len());
                    s.removed.remove(&doc.id);
                    s.dirty.insert(doc.id.clone());
                    s.status = format!("已恢复“{}”", doc.label());
                    s.docs.insert(index, doc);
                    s.switch_to(index);
                }
            }
            Action::Import(doc) => {
                let before = Rc::new(s.doc().clone());
                s.history.undo.push(before);
                s.history.redo.clear();
                s.history.last_key = None;
                s.set_current_document(doc);
                s.status = "已导入".to_string();
            }
            Action::Saved { revision, at } => {
                s.storage.saved_revision = s.storage.saved_revision.max(revision);
                s.storage.saved_at = Some(at);
                s.storage.write_error = None;
                if revision >= s.revision {
                    s.dirty.clear();
                    s.removed.clear();
                }
            }
            Action::SaveFailed(message) => s.storage.write_error = Some(message),
            Action::External(theirs) => {
                if let Some(index) = s.docs.iter().position(|d| d.id == theirs.id) {
                    if index == s.current {
                        s.storage.conflict = Some(Rc::new(theirs));
                        s.status = "此文档已在另一个窗口中修改，请选择保留哪个版本".to_string();
                    } else {
                        s.docs[index] = Rc::new(theirs);
                    }
                } else {
                    s.docs.push(Rc::new(theirs));
                }
            }
            Action::ResolveConflict { keep_mine } => {
                if let Some(theirs) = s.storage.conflict.take() {
                    if keep_mine {
                        // Writing ours again makes it the latest for every tab.
                        s.dirty.insert(theirs.id.clone());
                        s.revision += 1;
                        s.status = "已保留本窗口的版本".to_string();
                    } else {
                        s.docs[s.current] = theirs;
                        s.history = History::default();
                        s.rederive();
                        s.dirty.remove(&s.current_doc().id.clone());
                        s.status = "已载入另一窗口的版本".to_string();
                    }
                }
            }
            Action::DismissUnreadable => s.storage.unreadable.clear(),
            Action::OpenShared(doc) => {
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
            Action::ShareFailed(message) => s.share_error = Some(message),
            Action::SaveShared => {
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
            Action::CloseShared => {
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
            Action::AddDocument(doc) => {
                s.add_document(doc, String::new());
                s.status = "已导入为新文档".to_string();
            }
        }
        Rc::new(s)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use zipin_core::access::FieldValue;
    use zipin_core::edit::Table;
    use zipin_core::fields::Field;

    fn set(field: Field, value: i64) -> Action {
        Action::Edit(Edit::Set(
            field,
            FieldValue::Number(Some(Decimal::from(value))),
        ))
    }

    fn set_text(field: Field, text: &str) -> Action {
        Action::Edit(Edit::Set(field, FieldValue::Text(text.into())))
    }

    #[test]
    fn first_visit_opens_the_seed() {
        let s = State::initial();
        assert_eq!(s.doc().unit.name, "广东省科技监测中心");
        assert_eq!(s.docs.len(), 1);
        assert!(!s.is_saved(), "the new seed document is to be saved");
    }

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
    fn focus_goes_to_the_section_of_the_field() {
        let s = Rc::new(State::initial()).reduce(Action::FocusField("staff.titled_total".into()));
        assert_eq!(s.section, Section::Basics);
        assert_eq!(s.focus, Some(("f-staff-titled_total".to_string(), 1)));
        let s = s.reduce(Action::FocusField("targets[2].actual".into()));
        assert_eq!(s.section, Section::Targets);
    }

    #[test]
    fn a_conflict_waits_for_the_officer() {
        let s = Rc::new(State::initial());
        let mut theirs = (*s.docs[0]).clone();
        theirs.document.unit.name = "另一窗口".into();
        theirs.writer = "other".into();
        let s = s.reduce(Action::External(theirs));
        assert!(s.storage.conflict.is_some());
        assert_eq!(s.doc().unit.name, "广东省科技监测中心");
        let s = s.reduce(Action::ResolveConflict { keep_mine: false });
        assert_eq!(s.doc().unit.name, "另一窗口");
        assert!(s.storage.conflict.is_none());
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

    #[test]
    fn saving_clears_dirty_only_up_to_its_revision() {
        let s = Rc::new(State::initial());
        let r = s.revision;
        let s = s.reduce(set_text(Field::UnitName, "甲"));
        let s = s.reduce(Action::Saved {
            revision: r,
            at: 5.0,
        });
        assert!(!s.is_saved());
        let r = s.revision;
        let s = s.reduce(Action::Saved {
            revision: r,
            at: 6.0,
        });
        assert!(s.is_saved());
        assert!(s.dirty.is_empty());
    }
}
