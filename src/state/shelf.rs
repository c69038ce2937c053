//! The frameworks kept in this browser (框架库) and the one open in the editor: made from a built-in one, the
//! current document's, a copy or nothing; imported from a file; or previewed from a share link (kept only when the
//! officer asks). Each edit is a transaction of the core (`Framework::try_apply`, its size cap in the gate); what is
//! wrong with a framework is the core's validation, recomputed with every edit.

use std::collections::BTreeSet;
use std::rc::Rc;

use zipin_core::framework::{built_in, Framework, FrameworkEdit, Located};

use super::{State, Undo};

/// One framework of the library, or the preview of a shared one.
#[derive(Debug, Clone, PartialEq)]
pub struct ShelfItem {
    pub id: String,
    pub framework: Rc<Framework>,
    /// The core's validation of `framework`, with where each problem is.
    pub problems: Rc<Vec<Located>>,
    /// When it was last saved here (ISO 8601); empty until it is.
    pub saved_at: String,
}

impl ShelfItem {
    pub fn new(id: String, framework: Framework, saved_at: String) -> ShelfItem {
        let problems = Rc::new(framework.validate_located());
        ShelfItem::with_problems(id, framework, problems, saved_at)
    }

    /// An item whose validation is already known (the core's reader returns it with the framework).
    pub fn with_problems(
        id: String,
        framework: Framework,
        problems: Rc<Vec<Located>>,
        saved_at: String,
    ) -> ShelfItem {
        ShelfItem {
            id,
            framework: Rc::new(framework),
            problems,
            saved_at,
        }
    }

    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Where a new framework starts from.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    Blank,
    BuiltIn(String),
    /// The framework the open document is scored with.
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
    /// Bumped by every change to write; the last revision written.
    pub revision: u64,
    pub saved_revision: u64,
    /// Why the last write failed; shown in the section until a write succeeds.
    pub error: Option<String>,
    /// Why the last framework file or link was not taken.
    pub message: Option<String>,
    /// Frameworks in storage that could not be read (key, why).
    pub unreadable: Vec<(String, String)>,
    /// Earlier versions of edited frameworks, for undo and redo (keystrokes in one field are one step).
    pub undo: Undo<Rc<ShelfItem>>,
    /// The last framework deleted, and where it was, for 撤销删除.
    pub deleted: Option<(usize, Rc<ShelfItem>)>,
    /// This tab's id and a counter: a new framework's id is unique here and across tabs.
    pub tab: String,
    pub next_id: u64,
}

pub enum ShelfAction {
    New(Start),
    Open(String),
    Edit(FrameworkEdit),
    Delete(String),
    /// Keep the previewed framework in the library.
    SavePreview,
    ClosePreview,
    UndoDelete,
    Undo,
    Redo,
}

impl Shelf {
    pub(super) fn from_loaded(
        mut items: Vec<ShelfItem>,
        unreadable: Vec<(String, String)>,
        tab: String,
    ) -> Shelf {
        items.sort_by(|a, b| b.saved_at.cmp(&a.saved_at));
        Shelf {
            items: items.into_iter().map(Rc::new).collect(),
            unreadable,
            tab,
            ..Shelf::default()
        }
    }

    fn fresh_id(&mut self) -> String {
        self.next_id = self.next_id.saturating_add(1);
        format!("fw-{}-{}", self.tab, self.next_id)
    }

    /// Keeps a framework in the library under a new id, first in the list, to be written; its id.
    pub(super) fn add(&mut self, item: impl FnOnce(String) -> ShelfItem) -> String {
        let id = self.fresh_id();
        self.items.insert(0, Rc::new(item(id.clone())));
        self.changed(&id);
        id
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

    fn position(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|i| i.id == id)
    }

    pub(super) fn changed(&mut self, id: &str) {
        self.dirty.insert(id.to_string());
        self.revision = self.revision.saturating_add(1);
    }

    pub fn is_saved(&self) -> bool {
        self.saved_revision >= self.revision
    }

    /// Puts `item` in place of the library's framework of the same id, or first when it is new.
    pub(super) fn put(&mut self, item: ShelfItem) {
        match self.position(&item.id) {
            Some(at) => {
                if let Some(slot) = self.items.get_mut(at) {
                    *slot = Rc::new(item);
                }
            }
            None => self.items.insert(0, Rc::new(item)),
        }
    }

    /// Takes framework `id` out of the library (deleted, or no longer this tab's to write); its earlier versions
    /// are no longer steps to undo.
    pub(super) fn forget(&mut self, id: &str) -> Option<Rc<ShelfItem>> {
        let at = self.position(id)?;
        let item = self.items.remove(at);
        self.dirty.remove(id);
        self.undo.retain(|version| version.id != id);
        if self.open.as_deref() == Some(id) {
            self.open = None;
        }
        Some(item)
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
        Start::Copy(id) => (*s.shelf.get(id)?.framework).clone(),
    };
    if !matches!(start, Start::Blank) {
        framework.name = format!("{}（副本）", framework.name);
    }
    Some(framework)
}

/// Keeps `framework` in the library as a new entry and opens it, unless it is too large to store (the gate's cap,
/// as for an edit).
pub(super) fn keep(
    s: &mut State,
    framework: Framework,
    problems: Option<Rc<Vec<Located>>>,
) -> bool {
    if let (Some(too_large), _) = zipin_core::gate::framework_refusal(&framework) {
        s.say(format!("未保存到框架库：{too_large}"));
        return false;
    }
    let shelf = s.shelf_mut();
    let id = shelf.add(|id| match problems {
        Some(problems) => ShelfItem::with_problems(id, framework, problems, String::new()),
        None => ShelfItem::new(id, framework, String::new()),
    });
    shelf.open = Some(id);
    shelf.preview = None;
    true
}

pub(super) fn reduce(s: &mut State, action: ShelfAction) {
    match action {
        ShelfAction::New(start) => match starting_framework(s, &start) {
            Some(framework) => {
                if keep(s, framework, None) {
                    s.say("已新建评分框架，可在下方编辑");
                }
            }
            None => s.say("找不到要复制的评分框架"),
        },
        ShelfAction::Open(id) => {
            if s.shelf.get(&id).is_some() {
                let shelf = s.shelf_mut();
                shelf.open = Some(id);
                shelf.preview = None;
            }
        }
        ShelfAction::Edit(change) => edit(s, &change),
        ShelfAction::Delete(id) => delete(s, &id),
        ShelfAction::SavePreview => {
            if let Some(item) = s.shelf.preview.clone() {
                if keep(s, (*item.framework).clone(), Some(item.problems.clone())) {
                    s.say("已保存到框架库");
                }
            }
        }
        ShelfAction::ClosePreview => s.shelf_mut().preview = None,
        ShelfAction::UndoDelete => undo_delete(s),
        ShelfAction::Undo => step(s, true),
        ShelfAction::Redo => step(s, false),
    }
}

fn edit(s: &mut State, change: &FrameworkEdit) {
    let Some(id) = s.shelf.open.clone() else {
        s.say("请先打开一个评分框架");
        return;
    };
    if s.shelf.preview.is_some() {
        s.say("这是分享的评分框架预览，请先“保存到框架库”再修改");
        return;
    }
    let Some(item) = s.shelf.get(&id).cloned() else {
        return;
    };
    match item.framework.try_apply(change) {
        Ok(None) => {}
        Ok(Some(applied)) => {
            let key = applied.undo_key.map(|key| format!("{id}/{key}"));
            let shelf = s.shelf_mut();
            shelf.undo.record(item.clone(), key);
            shelf.put(ShelfItem::new(
                id.clone(),
                applied.value,
                item.saved_at.clone(),
            ));
            shelf.changed(&id);
            if s.ui.refused_edit.is_some() {
                s.ui_mut().refused_edit = None;
            }
        }
        Err(refused) => s.ui_mut().refused_edit = Some(refused.to_string()),
    }
}

/// Back to the version before the last edit (or forward again): the version replaces the library's framework of
/// its id, if the library still has it, and is opened.
pub(super) fn step(s: &mut State, back: bool) {
    if s.shelf.preview.is_some() {
        s.say("这是分享的评分框架预览，没有可撤销的修改");
        return;
    }
    // The version to go to names the framework it belongs to (versions of deleted ones are dropped when they go);
    // what is there now goes to the other stack.
    let next = if back {
        s.shelf.undo.peek_undo()
    } else {
        s.shelf.undo.peek_redo()
    };
    let Some(now) = next.and_then(|version| s.shelf.get(&version.id)).cloned() else {
        s.say(if back {
            "没有可撤销的框架修改"
        } else {
            "没有可重做的框架修改"
        });
        return;
    };
    let shelf = s.shelf_mut();
    let to = if back {
        shelf.undo.undo(now)
    } else {
        shelf.undo.redo(now)
    };
    if let Some(version) = to {
        let id = version.id.clone();
        shelf.put((*version).clone());
        shelf.open = Some(id.clone());
        shelf.changed(&id);
    }
    s.say(if back {
        "已撤销框架修改"
    } else {
        "已重做框架修改"
    });
}

fn delete(s: &mut State, id: &str) {
    let Some(at) = s.shelf.position(id) else {
        return;
    };
    let shelf = s.shelf_mut();
    let Some(item) = shelf.forget(id) else {
        return;
    };
    shelf.removed.insert(id.to_string());
    shelf.revision = shelf.revision.saturating_add(1);
    let name = item.framework.name.clone();
    shelf.deleted = Some((at, item));
    s.say(format!("已删除评分框架“{name}”"));
}

/// The last deleted framework back in its place, written again.
fn undo_delete(s: &mut State) {
    let shelf = s.shelf_mut();
    let Some((at, item)) = shelf.deleted.take() else {
        return;
    };
    let id = item.id.clone();
    shelf.removed.remove(&id);
    if shelf.get(&id).is_none() {
        shelf.items.insert(at.min(shelf.items.len()), item);
    }
    shelf.open = Some(id.clone());
    shelf.changed(&id);
    s.say("已恢复评分框架");
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::rc::Rc;

    use rust_decimal::Decimal;
    use yew::Reducible;
    use zipin_core::edit::Edit;
    use zipin_core::framework::{FrameworkEdit, Place, RuleEdit, RuleKind};

    use super::*;
    use crate::state::{Action, Door, Incoming, Section, UiAction};

    fn fw(action: ShelfAction) -> Action {
        Action::Shelf(action)
    }

    fn open(s: &State) -> Rc<ShelfItem> {
        s.shelf.shown().cloned().expect("a framework is open")
    }

    #[test]
    fn a_copy_of_the_documents_framework_is_edited_and_applied() {
        let s = Rc::new(State::initial());
        let s = s.reduce(fw(ShelfAction::New(Start::CurrentDocument)));
        let item = open(&s);
        assert!(item.framework.name.ends_with("（副本）"));
        assert!(item.problems.is_empty());
        assert!(s.shelf.dirty.contains(&item.id));
        // 预算执行率 8 → 9: its 二级 no longer adds up, so it cannot be applied.
        let s = s.reduce(fw(ShelfAction::Edit(FrameworkEdit::Weight(
            Place::Indicator(1, 1, 0),
            Decimal::from(9),
        ))));
        let item = open(&s);
        assert!(!item.problems.is_empty());
        let before = s.doc().framework.clone();
        let s = s.reduce(Action::Edit(Edit::Framework(Box::new(
            (*item.framework).clone(),
        ))));
        assert_eq!(s.doc().framework, before);
        assert!(s.ui.refused_edit.is_some());
        // Back to 8 with another standard: sound, applied, and undone.
        let s = s.reduce(fw(ShelfAction::Edit(FrameworkEdit::Weight(
            Place::Indicator(1, 1, 0),
            Decimal::from(8),
        ))));
        let s = s.reduce(fw(ShelfAction::Edit(FrameworkEdit::Standard(
            Place::Indicator(1, 1, 0),
            "以正式附件为准".into(),
        ))));
        let item = open(&s);
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
        let s = s.reduce(fw(ShelfAction::New(Start::CurrentDocument)));
        let original = open(&s).framework.clone();
        let at = Place::Indicator(1, 0, 0);
        let kind = |k| {
            fw(ShelfAction::Edit(FrameworkEdit::Rule(
                at,
                RuleEdit::Kind(k),
            )))
        };
        let s = s
            .reduce(kind(RuleKind::Manual))
            .reduce(kind(RuleKind::Bands));
        assert_ne!(open(&s).framework, original);
        let s = s
            .reduce(fw(ShelfAction::Undo))
            .reduce(fw(ShelfAction::Undo));
        assert_eq!(open(&s).framework, original);
        let s = s.reduce(fw(ShelfAction::Redo));
        assert_eq!(
            RuleKind::of(&open(&s).framework.level1[1].level2[0].indicators[0].rule),
            RuleKind::Manual
        );
        // Typing 3, then 35 into one weight is one step.
        let weight = |v| {
            fw(ShelfAction::Edit(FrameworkEdit::Weight(
                Place::Level1(0),
                Decimal::from(v),
            )))
        };
        let before = open(&s).framework.clone();
        let s = s.reduce(weight(3)).reduce(weight(35));
        let s = s.reduce(fw(ShelfAction::Undo));
        assert_eq!(open(&s).framework, before);
    }

    #[test]
    fn ctrl_z_in_the_framework_section_undoes_the_framework_not_the_document() {
        let s =
            Rc::new(State::initial()).reduce(Action::Ui(UiAction::Navigate(Section::Frameworks)));
        let s = s.reduce(fw(ShelfAction::New(Start::CurrentDocument)));
        let before = open(&s).framework.clone();
        let doc = s.doc().clone();
        let s = s.reduce(fw(ShelfAction::Edit(FrameworkEdit::Rename(
            Place::Level1(0),
            "改".into(),
        ))));
        let s = s.reduce(Action::Shortcut(true));
        assert_eq!(open(&s).framework, before);
        assert_eq!(*s.doc(), doc);
        // A deleted framework comes back with 撤销删除.
        let id = s.shelf.items[0].id.clone();
        let s = s.reduce(fw(ShelfAction::Delete(id.clone())));
        assert!(s.shelf.items.is_empty());
        let s = s.reduce(fw(ShelfAction::UndoDelete));
        assert_eq!(s.shelf.items[0].id, id);
        assert!(!s.shelf.removed.contains(&id) && s.shelf.dirty.contains(&id));
    }

    #[test]
    fn undo_skips_the_versions_of_a_deleted_framework() {
        let s = Rc::new(State::initial());
        let s = s.reduce(fw(ShelfAction::New(Start::CurrentDocument)));
        let first = open(&s).id.clone();
        let rename = |name: &str| {
            fw(ShelfAction::Edit(FrameworkEdit::Rename(
                Place::Level1(0),
                name.into(),
            )))
        };
        let s = s.reduce(rename("甲"));
        let s = s.reduce(fw(ShelfAction::New(Start::CurrentDocument)));
        let second = open(&s).id.clone();
        let s = s.reduce(rename("乙"));
        let s = s.reduce(fw(ShelfAction::Delete(second)));
        // The last step was of the deleted framework: undo goes to the one before, of the first.
        let s = s.reduce(fw(ShelfAction::Undo));
        assert_eq!(s.ui.status, "已撤销框架修改");
        assert_eq!(open(&s).id, first);
        assert_ne!(open(&s).framework.level1[0].name, "甲");
    }

    #[test]
    fn a_preview_is_not_kept_or_edited_until_saved() {
        let s = Rc::new(State::initial());
        let shared = s.doc().framework.clone();
        let s = s.reduce(Action::Receive(
            Door::Link,
            vec![Incoming::framework(shared.clone())],
        ));
        assert!(s.shelf.items.is_empty());
        assert_eq!(s.ui.section, Section::Frameworks);
        let s = s.reduce(fw(ShelfAction::Edit(FrameworkEdit::Rename(
            Place::Level1(0),
            "改".into(),
        ))));
        assert_eq!(*open(&s).framework, shared);
        let s = s.reduce(fw(ShelfAction::SavePreview));
        assert_eq!(s.shelf.items.len(), 1);
        assert!(s.shelf.preview.is_none());
        let id = s.shelf.items[0].id.clone();
        let s = s.reduce(fw(ShelfAction::Delete(id.clone())));
        assert!(s.shelf.items.is_empty());
        assert!(s.shelf.removed.contains(&id));
    }
}
