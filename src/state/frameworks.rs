//! The frameworks kept in this browser (框架库) and the one open in the editor: made from a built-in one, the
//! current document's, a copy or nothing; imported from a file; or previewed from a share link (kept only when the
//! officer asks). Edits go through the core's `Framework::apply`; what is wrong with a framework is the core's
//! validation, recomputed with every edit.

use std::collections::BTreeSet;
use std::rc::Rc;

use zipin_core::framework::{built_in, Framework, FrameworkEdit, Located};

use super::State;

/// One framework of the library, or the preview of a shared one.
#[derive(Debug, Clone, PartialEq)]
pub struct ShelfItem {
    pub id: String,
    pub framework: Rc<Framework>,
    /// The core's validation of `framework`, with where each problem is.
    pub problems: Rc<Vec<Located>>,
    /// When it was last saved here (ISO 8601); empty for a preview.
    pub saved_at: String,
}

impl ShelfItem {
    pub fn new(id: String, framework: Framework, saved_at: String) -> ShelfItem {
        let problems = Rc::new(framework.validate_located());
        ShelfItem {
            id,
            framework: Rc::new(framework),
            problems,
            saved_at,
        }
    }
}

/// What another tab did to the library, as this tab's storage listener saw it.
#[derive(Debug, Clone, PartialEq)]
pub enum FrameworkExternal {
    Saved(ShelfItem),
    Removed(String),
    /// Written in a form this tab cannot read (a newer version, or damaged): kept as it is, never written over.
    Unreadable {
        id: String,
        key: String,
        reason: String,
    },
}

/// Where a new framework starts from.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    Blank,
    BuiltIn(String),
    /// The framework the current document is scored with.
    CurrentDocument,
    /// A copy of a framework of the library.
    Copy(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shelf {
    /// The library, in the order shown (the newest first).
    pub items: Vec<Rc<ShelfItem>>,
    /// The id of the library framework open in the editor.
    pub open: Option<String>,
    /// A framework from a share link, shown but not kept.
    pub preview: Option<Rc<ShelfItem>>,
    /// Ids changed since the last write, and ids deleted since then.
    pub dirty: BTreeSet<String>,
    pub removed: BTreeSet<String>,
    /// Bumped by every change to write.
    pub revision: u64,
    pub saved_revision: u64,
    /// Why the last write, or a stored framework, failed; shown in the section.
    pub error: Option<String>,
    /// Frameworks in storage that could not be read, with why.
    pub unreadable: Vec<(String, String)>,
    /// Earlier versions of edited frameworks, the newest last, and what the last edit typed into (for one undo step
    /// per field); undone versions to redo.
    pub undo: Vec<Rc<ShelfItem>>,
    pub redo: Vec<Rc<ShelfItem>>,
    /// The last framework deleted, and where it was, for 撤销删除.
    pub deleted: Option<(usize, Rc<ShelfItem>)>,
    pub last_edit: Option<(String, String)>,
}

/// How many framework versions undo keeps.
const UNDO_STEPS: usize = 200;

impl Shelf {
    pub fn from_loaded(mut items: Vec<ShelfItem>, unreadable: Vec<(String, String)>) -> Shelf {
        items.sort_by(|a, b| b.saved_at.cmp(&a.saved_at));
        Shelf {
            items: items.into_iter().map(Rc::new).collect(),
            unreadable,
            ..Shelf::default()
        }
    }

    /// The framework shown in the editor: the preview if there is one, else the open library framework.
    pub fn shown(&self) -> Option<&Rc<ShelfItem>> {
        self.preview.as_ref().or_else(|| {
            self.open
                .as_ref()
                .and_then(|id| self.items.iter().find(|i| &i.id == id))
        })
    }

    pub fn get(&self, id: &str) -> Option<&Rc<ShelfItem>> {
        self.items.iter().find(|i| i.id == id)
    }

    fn changed(&mut self, id: &str) {
        self.dirty.insert(id.to_string());
        self.revision = self.revision.saturating_add(1);
    }

    pub fn is_saved(&self) -> bool {
        self.saved_revision >= self.revision
    }
}

/// A framework to start from, named so the officer sees it is theirs.
fn starting_framework(s: &State, start: &Start) -> Option<Framework> {
    let mut framework = match start {
        Start::Blank => Framework {
            status: "草稿".to_string(),
            ..Framework::empty("新评分框架")
        },
        Start::BuiltIn(id) => built_in(id)?,
        Start::CurrentDocument => s.doc().framework.clone(),
        Start::Copy(id) => (*s.frameworks.get(id)?.framework).clone(),
    };
    if !matches!(start, Start::Blank) {
        framework.name = format!("{}（副本）", framework.name);
    }
    Some(framework)
}

fn fresh_framework_id(s: &mut State) -> String {
    let id = format!("fw-{}-{}", s.tab, s.next_id);
    s.next_id = s.next_id.saturating_add(1);
    id
}

/// Keeps `framework` in the library as a new entry and opens it.
fn keep(s: &mut State, framework: Framework, now: String) {
    let id = fresh_framework_id(s);
    let item = Rc::new(ShelfItem::new(id.clone(), framework, now));
    s.frameworks.items.insert(0, item);
    s.frameworks.open = Some(id.clone());
    s.frameworks.preview = None;
    s.frameworks.changed(&id);
}

pub(super) fn new(s: &mut State, start: Start, now: String) {
    match starting_framework(s, &start) {
        Some(framework) => {
            keep(s, framework, now);
            s.status = "已新建评分框架，可在下方编辑".to_string();
        }
        None => s.status = "找不到要复制的评分框架".to_string(),
    }
}

pub(super) fn import(s: &mut State, framework: Framework, now: String) {
    let problems = framework.validate().len();
    keep(s, framework, now);
    s.status = if problems == 0 {
        "已导入评分框架".to_string()
    } else {
        format!("已导入评分框架（草稿），有 {problems} 个问题需改正后才能使用")
    };
}

pub(super) fn edit(s: &mut State, edit: &FrameworkEdit, now: String) {
    let Some(id) = s.frameworks.open.clone() else {
        s.status = "请先打开一个评分框架".to_string();
        return;
    };
    if s.frameworks.preview.is_some() {
        s.status = "这是分享的评分框架预览，请先“保存到框架库”再修改".to_string();
        return;
    }
    let Some(at) = s.frameworks.items.iter().position(|i| i.id == id) else {
        return;
    };
    let mut framework = (*s.frameworks.items[at].framework).clone();
    match framework.apply(edit) {
        Ok(()) if !fits_storage(&id, &framework) => {
            s.refused_edit = Some(format!(
                "评分框架过大，超过 {} 字节的上限，此次修改未保存",
                zipin_core::gate::caps::FRAMEWORK_BYTES
            ));
        }
        Ok(()) => {
            if framework != *s.frameworks.items[at].framework {
                let key = edit.undo_key().map(|key| (id.clone(), key));
                let shelf = &mut s.frameworks;
                // Keystrokes in one field are one step.
                if key.is_none() || key != shelf.last_edit {
                    shelf.undo.push(shelf.items[at].clone());
                    if shelf.undo.len() > UNDO_STEPS {
                        shelf.undo.remove(0);
                    }
                }
                shelf.last_edit = key;
                shelf.redo.clear();
                shelf.items[at] = Rc::new(ShelfItem::new(id.clone(), framework, now));
                shelf.changed(&id);
            }
            s.refused_edit = None;
        }
        Err(e) => s.refused_edit = Some(e.to_string()),
    }
}

/// Whether the framework, as stored, stays within the cap the library reads back: each text has its own cap, but
/// together they could pass the whole file's.
fn fits_storage(id: &str, framework: &Framework) -> bool {
    let stored = zipin_core::store::StoredFramework {
        id: id.to_string(),
        framework: framework.clone(),
        saved_at: String::new(),
    };
    zipin_core::store::encode_framework(&stored).len() <= zipin_core::gate::caps::FRAMEWORK_BYTES
}

/// Back to the version before the last edit (or forward again): the version replaces the library's framework of
/// its id, if the library still has it, and is opened.
pub(super) fn step(s: &mut State, back: bool) {
    let shelf = &mut s.frameworks;
    let (from, to) = if back {
        (&mut shelf.undo, &mut shelf.redo)
    } else {
        (&mut shelf.redo, &mut shelf.undo)
    };
    let Some(version) = from.pop() else {
        s.status = if back {
            "没有可撤销的框架修改"
        } else {
            "没有可重做的框架修改"
        }
        .to_string();
        return;
    };
    let Some(at) = shelf.items.iter().position(|i| i.id == version.id) else {
        s.status = "该评分框架已删除，无法撤销".to_string();
        return;
    };
    to.push(shelf.items[at].clone());
    let id = version.id.clone();
    shelf.items[at] = version;
    shelf.open = Some(id.clone());
    shelf.preview = None;
    shelf.last_edit = None;
    shelf.changed(&id);
    s.status = if back {
        "已撤销框架修改"
    } else {
        "已重做框架修改"
    }
    .to_string();
}

pub(super) fn open(s: &mut State, id: String) {
    if s.frameworks.get(&id).is_some() {
        s.frameworks.open = Some(id);
        s.frameworks.preview = None;
    }
}

pub(super) fn delete(s: &mut State, id: &str) {
    let Some(at) = s.frameworks.items.iter().position(|i| i.id == id) else {
        return;
    };
    let item = s.frameworks.items.remove(at);
    if s.frameworks.open.as_deref() == Some(id) {
        s.frameworks.open = None;
    }
    s.frameworks.dirty.remove(id);
    s.frameworks.removed.insert(id.to_string());
    s.frameworks.revision = s.frameworks.revision.saturating_add(1);
    s.status = format!("已删除评分框架“{}”", item.framework.name);
    s.frameworks.deleted = Some((at, item));
}

/// The last deleted framework back in its place, written again.
pub(super) fn undo_delete(s: &mut State) {
    let Some((at, item)) = s.frameworks.deleted.take() else {
        return;
    };
    let shelf = &mut s.frameworks;
    let id = item.id.clone();
    shelf.removed.remove(&id);
    shelf.items.insert(at.min(shelf.items.len()), item);
    shelf.open = Some(id.clone());
    shelf.changed(&id);
    s.status = "已恢复评分框架".to_string();
}

pub(super) fn preview(s: &mut State, framework: Framework) {
    s.frameworks.preview = Some(Rc::new(ShelfItem::new(
        "preview".to_string(),
        framework,
        String::new(),
    )));
    s.section = super::Section::Frameworks;
    s.status = "已打开分享的评分框架（预览，尚未保存）".to_string();
}

pub(super) fn save_preview(s: &mut State, now: String) {
    if let Some(item) = s.frameworks.preview.take() {
        keep(s, (*item.framework).clone(), now);
        s.status = "已保存到框架库".to_string();
    }
}

pub(super) fn close_preview(s: &mut State) {
    s.frameworks.preview = None;
}

pub(super) fn reduce(s: &mut State, action: super::FrameworkAction, now: String) {
    use super::FrameworkAction as A;
    match action {
        A::New(start) => new(s, start, now),
        A::Open(id) => open(s, id),
        A::Edit(change) => edit(s, &change, now),
        A::Delete(id) => delete(s, &id),
        A::Import(framework) => import(s, framework, now),
        A::Preview(framework) => preview(s, framework),
        A::SavePreview => save_preview(s, now),
        A::ClosePreview => close_preview(s),
        A::Saved { revision, error } => saved(s, revision, error),
        A::External(change) => external(s, change),
        A::UndoDelete => undo_delete(s),
        A::Undo => step(s, true),
        A::Redo => step(s, false),
    }
}

/// Another tab's write wins: frameworks are written at every edit, so this tab has nothing unsaved to weigh
/// against it. A framework the other tab deleted or wrote in a form this tab cannot read leaves this tab's list,
/// so it is never written back.
fn external(s: &mut State, change: FrameworkExternal) {
    let shelf = &mut s.frameworks;
    match change {
        FrameworkExternal::Saved(item) => {
            shelf.dirty.remove(&item.id);
            shelf.removed.remove(&item.id);
            match shelf.items.iter().position(|i| i.id == item.id) {
                Some(at) => shelf.items[at] = Rc::new(item),
                None => shelf.items.insert(0, Rc::new(item)),
            }
        }
        FrameworkExternal::Removed(id) => {
            if let Some(at) = shelf.items.iter().position(|i| i.id == id) {
                let name = shelf.items[at].framework.name.clone();
                shelf.items.remove(at);
                shelf.dirty.remove(&id);
                if shelf.open.as_deref() == Some(id.as_str()) {
                    shelf.open = None;
                }
                s.status = format!("另一个标签页删除了评分框架“{name}”");
            }
        }
        FrameworkExternal::Unreadable { id, key, reason } => {
            shelf.items.retain(|i| i.id != id);
            shelf.dirty.remove(&id);
            if shelf.open.as_deref() == Some(id.as_str()) {
                shelf.open = None;
            }
            shelf.unreadable.retain(|(k, _)| *k != key);
            shelf.unreadable.push((key, reason));
        }
    }
}

fn saved(s: &mut State, revision: u64, error: Option<String>) {
    match error {
        None => {
            s.frameworks.saved_revision = s.frameworks.saved_revision.max(revision);
            if s.frameworks.saved_revision >= s.frameworks.revision {
                s.frameworks.dirty.clear();
                s.frameworks.removed.clear();
            }
            s.frameworks.error = None;
        }
        Some(message) => s.frameworks.error = Some(message),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::rc::Rc;

    use rust_decimal::Decimal;
    use yew::Reducible;
    use zipin_core::edit::Edit;
    use zipin_core::framework::{FrameworkEdit, Place, RuleEdit, RuleKind};

    use super::*;
    use crate::state::{Action, FrameworkAction};

    fn fw(action: FrameworkAction) -> Action {
        Action::Frameworks(action, "2026-11-29T12:00:00Z".to_string())
    }

    #[test]
    fn a_copy_of_the_documents_framework_is_edited_and_applied() {
        let s = Rc::new(State::initial());
        let s = s.reduce(fw(FrameworkAction::New(Start::CurrentDocument)));
        let item = s.frameworks.shown().cloned().expect("opened");
        assert!(item.framework.name.ends_with("（副本）"));
        assert!(item.problems.is_empty());
        assert!(s.frameworks.dirty.contains(&item.id));
        // 预算执行率 8 → 9: its 二级 no longer adds up, so it cannot be applied.
        let s = s.reduce(fw(FrameworkAction::Edit(FrameworkEdit::Weight(
            Place::Indicator(1, 1, 0),
            Decimal::from(9),
        ))));
        let item = s.frameworks.shown().cloned().expect("still open");
        assert!(!item.problems.is_empty());
        let before = s.doc().framework.clone();
        let s = s.reduce(Action::Edit(Edit::Framework(Box::new(
            (*item.framework).clone(),
        ))));
        assert_eq!(s.doc().framework, before);
        assert!(s.refused_edit.is_some());
        // Back to 8 with another standard: sound, applied, and undone.
        let s = s.reduce(fw(FrameworkAction::Edit(FrameworkEdit::Weight(
            Place::Indicator(1, 1, 0),
            Decimal::from(8),
        ))));
        let s = s.reduce(fw(FrameworkAction::Edit(FrameworkEdit::Standard(
            Place::Indicator(1, 1, 0),
            "以正式附件为准".into(),
        ))));
        let item = s.frameworks.shown().cloned().expect("still open");
        assert!(item.problems.is_empty());
        let s = s.reduce(Action::Edit(Edit::Framework(Box::new(
            (*item.framework).clone(),
        ))));
        assert_eq!(s.doc().framework, *item.framework);
        let s = s.reduce(Action::Undo);
        assert_eq!(s.doc().framework, before);
    }

    #[test]
    fn a_rule_lost_to_another_kind_comes_back_with_undo() {
        let s = Rc::new(State::initial());
        let s = s.reduce(fw(FrameworkAction::New(Start::CurrentDocument)));
        let original = s.frameworks.shown().expect("open").framework.clone();
        let at = Place::Indicator(1, 0, 0);
        let kind = |k| {
            fw(FrameworkAction::Edit(FrameworkEdit::Rule(
                at,
                RuleEdit::Kind(k),
            )))
        };
        let s = s
            .reduce(kind(RuleKind::Manual))
            .reduce(kind(RuleKind::Bands));
        assert_ne!(s.frameworks.shown().expect("open").framework, original);
        let s = s
            .reduce(fw(FrameworkAction::Undo))
            .reduce(fw(FrameworkAction::Undo));
        assert_eq!(s.frameworks.shown().expect("open").framework, original);
        let s = s.reduce(fw(FrameworkAction::Redo));
        assert_eq!(
            RuleKind::of(
                &s.frameworks.shown().expect("open").framework.level1[1].level2[0].indicators[0]
                    .rule
            ),
            RuleKind::Manual
        );
        // Typing 3, then 35 into one weight is one step.
        let weight = |v| {
            fw(FrameworkAction::Edit(FrameworkEdit::Weight(
                Place::Level1(0),
                Decimal::from(v),
            )))
        };
        let before = s.frameworks.shown().expect("open").framework.clone();
        let s = s.reduce(weight(3)).reduce(weight(35));
        let s = s.reduce(fw(FrameworkAction::Undo));
        assert_eq!(s.frameworks.shown().expect("open").framework, before);
    }

    #[test]
    fn ctrl_z_in_the_framework_section_undoes_the_framework_not_the_document() {
        let s =
            Rc::new(State::initial()).reduce(Action::Navigate(crate::state::Section::Frameworks));
        let s = s.reduce(fw(FrameworkAction::New(Start::CurrentDocument)));
        let before = s.frameworks.shown().expect("open").framework.clone();
        let doc = s.doc().clone();
        let s = s.reduce(fw(FrameworkAction::Edit(FrameworkEdit::Rename(
            Place::Level1(0),
            "改".into(),
        ))));
        let s = s.reduce(Action::Shortcut(true));
        assert_eq!(s.frameworks.shown().expect("open").framework, before);
        assert_eq!(*s.doc(), doc);
        // A deleted framework comes back with 撤销删除.
        let id = s.frameworks.items[0].id.clone();
        let s = s.reduce(fw(FrameworkAction::Delete(id.clone())));
        assert!(s.frameworks.items.is_empty());
        let s = s.reduce(fw(FrameworkAction::UndoDelete));
        assert_eq!(s.frameworks.items[0].id, id);
        assert!(!s.frameworks.removed.contains(&id) && s.frameworks.dirty.contains(&id));
    }

    #[test]
    fn a_preview_is_not_kept_or_edited_until_saved() {
        let s = Rc::new(State::initial());
        let shared = s.doc().framework.clone();
        let s = s.reduce(fw(FrameworkAction::Preview(shared.clone())));
        assert!(s.frameworks.items.is_empty());
        let s = s.reduce(fw(FrameworkAction::Edit(FrameworkEdit::Rename(
            Place::Level1(0),
            "改".into(),
        ))));
        assert_eq!(*s.frameworks.shown().expect("shown").framework, shared);
        let s = s.reduce(fw(FrameworkAction::SavePreview));
        assert_eq!(s.frameworks.items.len(), 1);
        assert!(s.frameworks.preview.is_none());
        let id = s.frameworks.items[0].id.clone();
        let s = s.reduce(fw(FrameworkAction::Delete(id.clone())));
        assert!(s.frameworks.items.is_empty());
        assert!(s.frameworks.removed.contains(&id));
    }
}
