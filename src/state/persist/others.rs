//! Another tab's writes, seen by their `storage` event or found by a compare before write: taken when this tab has
//! nothing unsaved of the record, a conflict for the officer to answer when it has.

use std::rc::Rc;

use zipin_core::receive::{Accept, Received, Source};
use zipin_core::store::StoredDocument;

use super::read::framework_item;
use super::Record;
use crate::state::shelf::ShelfItem;
use crate::state::State;

/// A record's value changed under this tab (another tab's write, seen by its event or by a compare before write).
pub(super) fn changed(s: &mut State, record: Record, value: Option<String>, earlier_key: bool) {
    let Some(source) = record.source() else {
        return;
    };
    match record {
        Record::Document(id) => {
            let change = match value {
                None => External::Removed(id),
                Some(text) => {
                    match zipin_core::receive::receive(
                        &Source::OtherTab(source),
                        Accept::Document,
                        &text,
                    ) {
                        Received::StoredDocument(theirs) if earlier_key => {
                            External::SavedUnderEarlierKey(theirs)
                        }
                        Received::StoredDocument(theirs) => External::Saved(theirs),
                        Received::Newer { why } => External::Unreadable { id, reason: why },
                        Received::Refused(refused) => External::Unreadable {
                            id,
                            reason: refused.to_string(),
                        },
                        _ => return,
                    }
                }
            };
            external(s, change);
        }
        Record::Framework(id) => {
            let change = match value {
                None => FrameworkChange::Removed(id),
                Some(text) => {
                    match zipin_core::receive::receive(
                        &Source::OtherTab(source),
                        Accept::Framework,
                        &text,
                    ) {
                        Received::StoredFramework { stored, problems } => {
                            FrameworkChange::Saved(framework_item(*stored, problems))
                        }
                        Received::Newer { why } => FrameworkChange::Unreadable { id, reason: why },
                        Received::Refused(refused) => FrameworkChange::Unreadable {
                            id,
                            reason: refused.to_string(),
                        },
                        _ => return,
                    }
                }
            };
            framework_external(s, change);
        }
        Record::Batch => {
            // Another tab kept (or cleared) its own batch: this tab's is not written over it unasked.
            if s.batch.kept {
                let batch = s.batch_mut();
                batch.kept = false;
                batch.error = Some(
                    "保留的汇总已在另一个窗口中更改，本窗口未覆盖它；再次勾选“保留”将以本窗口的汇总覆盖".to_string(),
                );
            }
        }
        Record::Current => {}
    }
}

/// A change another tab made to a stored document, as read by the core.
#[derive(Debug, Clone, PartialEq)]
enum External {
    /// Another tab saved a document (read-only when its schema is newer than this version knows).
    Saved(Box<StoredDocument>),
    /// A tab of an earlier version saved a document under the keys without the page's path.
    SavedUnderEarlierKey(Box<StoredDocument>),
    /// Another tab saved a document this version cannot read (a newer version of the app).
    Unreadable { id: String, reason: String },
    /// Another tab deleted a document.
    Removed(String),
}

/// Another tab's change to a document this tab has unsaved edits to.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub id: String,
    /// The document's name here.
    pub label: String,
    pub theirs: Theirs,
    /// When this tab last stored its version (`None`: never), to say which is newer.
    pub mine_saved_at: Option<crate::state::Time>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Theirs {
    /// Their version; `read_only` when a newer version of the app wrote it.
    Saved(Rc<StoredDocument>),
    /// Their version cannot be read here (a newer version of the app).
    Unreadable {
        reason: String,
    },
    Removed,
}

impl Conflict {
    /// Whether keeping this tab's version would overwrite data this version cannot fully read.
    pub fn theirs_is_newer_format(&self) -> bool {
        match &self.theirs {
            Theirs::Saved(theirs) => theirs.read_only,
            Theirs::Unreadable { .. } => true,
            Theirs::Removed => false,
        }
    }

    /// The choices that lose nothing the officer did not choose to lose.
    pub fn choices(&self) -> Vec<Resolution> {
        match &self.theirs {
            Theirs::Removed => vec![Resolution::KeepMine, Resolution::TakeTheirs],
            _ if self.theirs_is_newer_format() => {
                vec![Resolution::KeepBoth, Resolution::TakeTheirs]
            }
            Theirs::Saved(_) | Theirs::Unreadable { .. } => vec![
                Resolution::KeepMine,
                Resolution::TakeTheirs,
                Resolution::KeepBoth,
            ],
        }
    }
}

/// The officer's answer to a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// This tab's version is written again (and so becomes the latest for every tab).
    KeepMine,
    /// The other tab's version (or deletion) is taken; this tab's unsaved edits are dropped.
    TakeTheirs,
    /// This tab's version is kept as a new document; the original takes the other tab's version.
    KeepBoth,
}

impl State {
    /// Whether a document has edits here that are not stored yet.
    fn has_unsaved_edits(&self, id: &str) -> bool {
        self.library.dirty.contains(id) || self.store.conflict(id).is_some()
    }

    /// Puts `stored` in place of the document at `index` (another tab's version), keeping the view consistent.
    fn replace_document(&mut self, index: usize, stored: StoredDocument) {
        let library = self.library_mut();
        library.dirty.remove(&stored.id);
        library.replace(index, stored);
        if index == library.current {
            // The undo steps were of the version just replaced.
            library.history.clear();
            library.size_bound = None;
            library.rederive();
        }
    }

    fn raise(&mut self, index: usize, theirs: Theirs) {
        let Some(mine) = self.library.docs.get(index) else {
            return;
        };
        let conflict = Conflict {
            id: mine.id.clone(),
            label: mine.label(),
            theirs,
            mine_saved_at: self.store.stamps.get(&mine.id).copied().or_else(|| {
                (mine.saved_at > 0.0).then(|| crate::state::Time::from_js(mine.saved_at))
            }),
        };
        self.say(format!(
            "“{}”已在另一个窗口中{}，本窗口有未保存的修改，请选择保留哪个版本",
            conflict.label,
            if conflict.theirs == Theirs::Removed {
                "删除"
            } else {
                "修改"
            }
        ));
        let store = self.store_mut();
        store.conflicts.retain(|c| c.id != conflict.id);
        store.conflicts.push(conflict);
    }
}

/// Another tab changed the stored documents. Without unsaved edits here, its change is taken (and said);
/// with them, the officer is asked. Data this tab cannot read is never overwritten.
fn external(s: &mut State, change: External) {
    match change {
        External::Saved(theirs) => {
            let Some(index) = s.library.index_of(&theirs.id) else {
                // A new document, or one this tab deleted since its last save: the other tab's work is kept (and
                // the deletion can no longer be undone here, or the document would be listed twice).
                let label = theirs.label();
                let library = s.library_mut();
                library.removed.remove(&theirs.id);
                if library
                    .deleted
                    .as_ref()
                    .is_some_and(|(_, d)| d.id == theirs.id)
                {
                    library.deleted = None;
                }
                library.docs.push(Rc::new(*theirs));
                s.say(format!("另一个窗口保存了“{label}”，已加入文档列表"));
                return;
            };
            let same =
                s.library.docs.get(index).is_some_and(|mine| {
                    mine.document == theirs.document && mine.title == theirs.title
                });
            if s.has_unsaved_edits(&theirs.id) && !same {
                s.raise(index, Theirs::Saved(Rc::new(*theirs)));
            } else {
                // Nothing unsaved here, or the same content (two tabs that saved the same thing): nothing to ask.
                s.say(format!(
                    "“{}”已在另一个窗口中修改，已载入最新版本",
                    theirs.label()
                ));
                s.store_mut().conflicts.retain(|c| c.id != theirs.id);
                s.replace_document(index, *theirs);
            }
        }
        External::SavedUnderEarlierKey(theirs) => {
            // An open tab of an earlier version still writes the keys without the page's path: its work is taken
            // and written under this page's keys, so a reload does not go back to an older copy.
            let id = theirs.id.clone();
            external(s, External::Saved(theirs));
            if s.library.index_of(&id).is_some() && s.store.conflict(&id).is_none() {
                s.library_mut().changed(&id);
            }
        }
        External::Unreadable { id, reason } => {
            let Some(index) = s.library.index_of(&id) else {
                // Deleted here and not yet removed from storage: a newer version's data is not removed either.
                s.library_mut().removed.remove(&id);
                return;
            };
            if s.has_unsaved_edits(&id) {
                s.raise(index, Theirs::Unreadable { reason });
            } else if let Some(doc) = s.library.docs.get(index) {
                // What this tab cannot read (a newer format, or damaged by another program): this tab's copy is
                // shown read-only and never written over it.
                let mut mine = (**doc).clone();
                mine.read_only = true;
                s.say(format!(
                    "“{}”在另一个窗口中被改写为本窗口无法读取的数据（{reason}），本窗口改为只读，不会覆盖它",
                    mine.label()
                ));
                s.replace_document(index, mine);
            }
        }
        External::Removed(id) => {
            let Some(index) = s.library.index_of(&id) else {
                return;
            };
            if s.has_unsaved_edits(&id) {
                s.raise(index, Theirs::Removed);
            } else if let Some(gone) = s.library_mut().take_out(index) {
                s.say(format!("“{}”已在另一个窗口中删除", gone.label()));
            }
        }
    }
}

/// The officer's answer to the conflict on document `id`; it acts on that document only, whichever is open.
pub(super) fn resolve_conflict(s: &mut State, id: &str, choice: Resolution) {
    let Some(position) = s.store.conflicts.iter().position(|c| c.id == id) else {
        return;
    };
    if !s
        .store
        .conflicts
        .get(position)
        .is_some_and(|c| c.choices().contains(&choice))
    {
        return;
    }
    let conflict = s.store_mut().conflicts.remove(position);
    let Some(index) = s.library.index_of(id) else {
        return;
    };
    match choice {
        Resolution::KeepMine => {
            // Writing ours again makes it the latest for every tab (and brings back one deleted there).
            s.library_mut().changed(&conflict.id);
            s.say(format!("已保留本窗口的“{}”", conflict.label));
        }
        Resolution::TakeTheirs => {
            take_theirs(s, index, conflict.theirs);
            s.say(format!("已采用另一窗口的“{}”", conflict.label));
        }
        Resolution::KeepBoth => {
            let Some(mine) = s.library.docs.get(index).map(|d| d.document.clone()) else {
                return;
            };
            let title = format!("{}（本窗口的版本）", conflict.label);
            take_theirs(s, index, conflict.theirs);
            s.library_mut().add(mine, title);
            s.say(format!("已将本窗口的“{}”另存为新文档", conflict.label));
        }
    }
}

fn take_theirs(s: &mut State, index: usize, theirs: Theirs) {
    match theirs {
        Theirs::Saved(theirs) => s.replace_document(index, (*theirs).clone()),
        Theirs::Unreadable { .. } => {
            if let Some(doc) = s.library.docs.get(index) {
                let mut mine = (**doc).clone();
                mine.read_only = true;
                s.replace_document(index, mine);
            }
        }
        Theirs::Removed => {
            s.library_mut().take_out(index);
        }
    }
}

/// What another tab did to the framework library, as the core read it.
#[derive(Debug, Clone, PartialEq)]
enum FrameworkChange {
    Saved(ShelfItem),
    Removed(String),
    /// Written in a form this tab cannot read (a newer version, or damaged): kept as it is, never written over.
    Unreadable {
        id: String,
        reason: String,
    },
}

/// Another tab's change to a framework of the library. Taken as it is when this tab has nothing unsaved of that
/// framework. With unsaved changes here, nothing is lost: their version takes the id (it is what is stored), and
/// this tab's is kept beside it as a new framework, said in the status line. A framework the other tab wrote in a
/// form this tab cannot read leaves this tab's list, so it is never written back.
fn framework_external(s: &mut State, change: FrameworkChange) {
    let id = match &change {
        FrameworkChange::Saved(item) => item.id.clone(),
        FrameworkChange::Removed(id) | FrameworkChange::Unreadable { id, .. } => id.clone(),
    };
    let unsaved_here = s.shelf.dirty.contains(&id);
    let mine = s.shelf.get(&id).cloned();
    match change {
        FrameworkChange::Saved(item) => {
            let shelf = s.shelf_mut();
            shelf.dirty.remove(&id);
            shelf.removed.remove(&id);
            shelf.put(item);
        }
        FrameworkChange::Removed(_) if unsaved_here => {
            // Deleted there, edited here: this tab's version is written again (it is the officer's latest work).
            if let Some(mine) = &mine {
                s.say(format!(
                    "评分框架“{}”已在另一个窗口中删除；本窗口有未保存的修改，已保留",
                    mine.framework.name
                ));
            }
            return;
        }
        FrameworkChange::Removed(_) => {
            if let Some(item) = s.shelf_mut().forget(&id) {
                s.say(format!(
                    "另一个标签页删除了评分框架“{}”",
                    item.framework.name
                ));
            }
            return;
        }
        FrameworkChange::Unreadable { reason, .. } => {
            let key = format!("评分框架 {id}");
            let shelf = s.shelf_mut();
            shelf.forget(&id);
            shelf.unreadable.retain(|(k, _)| *k != key);
            shelf.unreadable.push((key, reason));
        }
    }
    if let Some(mine) = mine.filter(|_| unsaved_here) {
        let mut framework = (*mine.framework).clone();
        framework.name = format!("{}（本窗口的版本）", framework.name);
        let name = framework.name.clone();
        let problems = mine.problems.clone();
        let shelf = s.shelf_mut();
        let copy =
            shelf.add(|copy| ShelfItem::with_problems(copy, framework, problems, String::new()));
        if shelf.open.as_deref() == Some(id.as_str()) || shelf.open.is_none() {
            shelf.open = Some(copy);
        }
        s.say(format!(
            "此评分框架已在另一个窗口中修改；本窗口未保存的修改另存为“{name}”"
        ));
    }
}
