//! The storage protocol driven natively against a map, as the page's storage service drives it against
//! localStorage.

use std::collections::BTreeMap;

use yew::Reducible;
use zipin_core::fields::Field;

use super::*;
use crate::state::tests::set_text;
use crate::state::{Action, BatchAction, Door, Incoming, LibraryAction, ShelfAction, Start};
use zipin_core::receive::{Accept, Received, Source};
use zipin_core::store::StoredDocument;

/// localStorage as a map, shared by the "tabs" of a test.
#[derive(Default)]
struct Memory(BTreeMap<Record, String>);

impl Backend for Memory {
    fn get(&self, record: &Record) -> Result<Option<String>, AppError> {
        Ok(self.0.get(record).cloned())
    }
    fn put(&mut self, record: &Record, text: &str) -> Result<(), AppError> {
        if text.len() > 6_000_000 {
            return Err(AppError::QuotaExceeded("full".into()));
        }
        self.0.insert(record.clone(), text.to_string());
        Ok(())
    }
    fn remove(&mut self, record: &Record) -> Result<(), AppError> {
        self.0.remove(record);
        Ok(())
    }
}

fn tick(s: Rc<State>, ms: u64) -> Rc<State> {
    s.reduce(Action::Storage(StorageEvent::Tick(Time::from_millis(ms))))
}

/// The shell's part: perform what the state asks, report back.
fn serve(s: Rc<State>, storage: &mut Memory) -> Rc<State> {
    match s.store.outbox.clone() {
        Some(plan) => {
            let report = perform(&plan, storage);
            s.reduce(Action::Storage(StorageEvent::Done(report)))
        }
        None => s,
    }
}

/// Ticks at `ms` and performs what is due.
fn at(s: Rc<State>, ms: u64, storage: &mut Memory) -> Rc<State> {
    serve(tick(s, ms), storage)
}

fn doc_text(storage: &Memory, id: &str) -> StoredDocument {
    let raw = storage.0.get(&Record::Document(id.into())).expect("stored");
    match core_receive::receive(
        &Source::Stored(core_receive::Record::Document(id.into())),
        Accept::Document,
        raw,
    ) {
        Received::StoredDocument(doc) => *doc,
        other => panic!("{other:?}"),
    }
}

/// A second tab's copy of a stored document, renamed and written straight to storage (its event not sent).
fn other_tab_writes(storage: &mut Memory, id: &str, name: &str) {
    let mut theirs = doc_text(storage, id);
    theirs.document.unit.name = name.into();
    theirs.writer = "other".into();
    theirs.saved_at = 9.0;
    storage
        .0
        .insert(Record::Document(id.into()), store::encode(&theirs));
}

#[test]
fn documents_wait_for_a_pause_in_typing_then_everything_is_written() {
    let mut storage = Memory::default();
    let s = Rc::new(State::initial());
    let s = at(s, 1_000, &mut storage);
    assert!(
        s.store.outbox.is_none() && !s.is_saved(),
        "not before the pause"
    );
    assert_eq!(s.poll_timeout(), Some(Time::from_millis(1_300)));
    let s = at(s, 1_300, &mut storage);
    assert!(s.is_saved());
    let id = s.library.current_doc().id.clone();
    assert_eq!(doc_text(&storage, &id).document, *s.doc());
    assert_eq!(storage.0.get(&Record::Current), Some(&id));
    assert_eq!(s.store.stamps.get(&id), Some(&Time::from_millis(1_300)));
    assert_eq!(s.poll_timeout(), None, "nothing left to do");
}

#[test]
fn typing_without_a_pause_is_written_after_at_most_two_seconds() {
    let mut storage = Memory::default();
    let s = at(Rc::new(State::initial()), 0, &mut storage);
    let s = at(s, 300, &mut storage);
    let id = s.library.current_doc().id.clone();
    // A keystroke every 250 ms from 1 s on: never a 300 ms pause.
    let mut s = s;
    let mut written_while_typing = None;
    for (n, ms) in (0..16).zip((1_000..).step_by(250)) {
        s = s.reduce(set_text(Field::UnitName, &format!("名{n}")));
        s = at(s, ms, &mut storage);
        let stored = doc_text(&storage, &id).document.unit.name;
        if stored != "广东省科技监测中心" && written_while_typing.is_none() {
            written_while_typing = Some((ms, stored));
        }
    }
    let (ms, stored) = written_while_typing.expect("written while typing went on");
    assert!((3_000..=3_250).contains(&ms), "written at {ms} ms");
    assert_eq!(stored, "名8", "what was typed by then");
}

#[test]
fn an_autosave_landing_between_another_tabs_write_and_its_event_overwrites_nothing() {
    let mut storage = Memory::default();
    let s = at(Rc::new(State::initial()), 0, &mut storage);
    let s = at(s, 300, &mut storage);
    assert!(s.is_saved());
    let id = s.library.current_doc().id.clone();
    // Another tab saves its version; its `storage` event has not arrived here yet.
    other_tab_writes(&mut storage, &id, "另一窗口");
    // The officer types here, and the autosave comes due.
    let s = s.reduce(set_text(Field::UnitName, "本窗口"));
    let s = at(s, 1_000, &mut storage);
    let s = at(s, 1_400, &mut storage);
    assert_eq!(
        doc_text(&storage, &id).document.unit.name,
        "另一窗口",
        "their write is not overwritten"
    );
    assert_eq!(
        s.doc().unit.name,
        "本窗口",
        "nor is the officer's work lost"
    );
    let conflict = s.store.conflict(&id).expect("the officer is asked");
    assert!(
        matches!(&conflict.theirs, Theirs::Saved(theirs) if theirs.document.unit.name == "另一窗口")
    );
    // The event arriving late changes nothing: it is the value already seen.
    let late = storage.0.get(&Record::Document(id.clone())).cloned();
    let after = s.clone().reduce(Action::Storage(StorageEvent::Changed {
        record: Record::Document(id.clone()),
        value: late,
        earlier_key: false,
    }));
    assert!(Rc::ptr_eq(&s, &after));
    // Keeping both: theirs stays under its id, this tab's version is a new document, and both are stored.
    let s = s.reduce(Action::Storage(StorageEvent::Resolve {
        id: id.clone(),
        choice: Resolution::KeepBoth,
    }));
    let s = at(s, 2_000, &mut storage);
    let s = at(s, 2_300, &mut storage);
    assert!(s.is_saved() && s.store.conflicts.is_empty());
    assert_eq!(doc_text(&storage, &id).document.unit.name, "另一窗口");
    let mine = s.library.current_doc().id.clone();
    assert_ne!(mine, id);
    assert_eq!(doc_text(&storage, &mine).document.unit.name, "本窗口");
}

#[test]
fn a_framework_changed_by_another_tab_is_not_overwritten_by_this_tabs_write() {
    let mut storage = Memory::default();
    let s = at(Rc::new(State::initial()), 0, &mut storage);
    let s = s.reduce(Action::Shelf(ShelfAction::New(Start::CurrentDocument)));
    let s = at(s, 10, &mut storage);
    assert!(s.shelf.is_saved());
    let id = s.shelf.items[0].id.clone();
    let record = Record::Framework(id.clone());
    // Another tab renames it; then this tab edits before the event arrives.
    let mut theirs = (*s.shelf.items[0].framework).clone();
    theirs.name = "另一窗口的框架".into();
    let text = store::encode_framework(&StoredFramework {
        id: id.clone(),
        framework: theirs,
        saved_at: "2026-12-07T00:00:00Z".into(),
    });
    storage.0.insert(record.clone(), text.clone());
    let s = s.reduce(Action::Shelf(ShelfAction::Edit(
        zipin_core::framework::FrameworkEdit::Rename(
            zipin_core::framework::Place::Level1(0),
            "本窗口改".into(),
        ),
    )));
    let s = at(s, 20, &mut storage);
    assert_eq!(storage.0.get(&record), Some(&text), "theirs stays stored");
    assert_eq!(
        s.shelf.get(&id).expect("theirs").framework.name,
        "另一窗口的框架"
    );
    // This tab's edit is kept beside it, open, and stored too.
    let mine = s.shelf.shown().expect("this tab's version is open").clone();
    assert_ne!(mine.id, id);
    assert_eq!(mine.framework.level1[0].name, "本窗口改");
    assert!(
        mine.framework.name.ends_with("（本窗口的版本）"),
        "{}",
        mine.framework.name
    );
    let s = at(s, 30, &mut storage);
    assert!(s.shelf.is_saved());
    assert!(storage.0.contains_key(&Record::Framework(mine.id.clone())));
}

#[test]
fn the_kept_batch_is_written_only_when_asked_and_never_over_another_tabs() {
    let mut storage = Memory::default();
    let s = at(Rc::new(State::initial()), 0, &mut storage);
    let unit = |i| Incoming::document(format!("u{i}.json"), zipin_core::samples::varied(i));
    let s = s.reduce(Action::Receive(Door::Summary, vec![unit(0), unit(1)]));
    let s = at(s, 10, &mut storage);
    assert!(!storage.0.contains_key(&Record::Batch), "not kept unasked");
    let s = s.reduce(Action::Batch(BatchAction::Keep(true)));
    let s = at(s, 20, &mut storage);
    assert!(storage.0.contains_key(&Record::Batch) && s.batch.kept);
    // Another tab keeps its own batch; this tab adds a unit while kept: theirs is not overwritten.
    storage
        .0
        .insert(Record::Batch, "{\"format\":\"zipin.batch\"}".into());
    let s = s.reduce(Action::Receive(Door::Summary, vec![unit(2)]));
    let s = at(s, 30, &mut storage);
    assert_eq!(
        storage.0.get(&Record::Batch).map(String::as_str),
        Some("{\"format\":\"zipin.batch\"}")
    );
    assert!(
        !s.batch.kept && s.batch.error.is_some(),
        "{:?}",
        s.batch.error
    );
    // Cleared: removed only when asked, and only what this tab last saw.
    let s = s.reduce(Action::Batch(BatchAction::Keep(true)));
    let s = at(s, 40, &mut storage);
    assert!(s.batch.kept);
    let s = s.reduce(Action::Batch(BatchAction::Clear));
    let _ = at(s, 50, &mut storage);
    assert!(!storage.0.contains_key(&Record::Batch));
}

#[test]
fn removals_first_then_documents_then_the_open_one() {
    let mut storage = Memory::default();
    let s = at(Rc::new(State::initial()), 0, &mut storage);
    let s = at(s, 300, &mut storage);
    let seed = s.library.current_doc().id.clone();
    let s = s.reduce(Action::Library(LibraryAction::OpenSample("example")));
    let s = s.reduce(Action::Library(LibraryAction::Duplicate));
    let s = s.reduce(Action::Library(LibraryAction::Delete(seed.clone())));
    let s = s.reduce(Action::Storage(StorageEvent::Flush(Time::from_millis(400))));
    let plan = s.store.outbox.clone().expect("flushed at once");
    let order: Vec<String> = plan
        .ops
        .iter()
        .map(|op| match op {
            Op::Remove {
                record: Record::Document(id),
                ..
            } => format!("remove {id}"),
            Op::Put {
                record: Record::Document(id),
                ..
            } => format!("doc {id}"),
            Op::Put {
                record: Record::Current,
                text,
                ..
            } => format!("current {text}"),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        order,
        [
            "remove test-2",
            "doc test-4",
            "doc test-3",
            "current test-4"
        ]
    );
    let s = serve(s, &mut storage);
    assert!(s.is_saved());
    assert!(!storage.0.contains_key(&Record::Document(seed)));
}

#[test]
fn a_failed_write_is_reported_by_document_and_tried_again() {
    struct Full;
    impl Backend for Full {
        fn get(&self, _: &Record) -> Result<Option<String>, AppError> {
            Ok(None)
        }
        fn put(&mut self, _: &Record, _: &str) -> Result<(), AppError> {
            Err(AppError::QuotaExceeded("full".into()))
        }
        fn remove(&mut self, _: &Record) -> Result<(), AppError> {
            Ok(())
        }
    }
    let s = tick(Rc::new(State::initial()), 0);
    let s = tick(s, 300);
    let plan = s.store.outbox.clone().expect("due");
    let s = s.reduce(Action::Storage(StorageEvent::Done(perform(
        &plan, &mut Full,
    ))));
    assert!(!s.is_saved() && s.store.has_error() && s.store.is_full());
    assert_eq!(s.store.failures.len(), 2, "{:?}", s.store.failures);
    assert_eq!(s.poll_timeout(), None, "not tried again in a loop");
    let mut storage = Memory::default();
    let s = s.reduce(set_text(Field::UnitName, "再试"));
    let s = at(s, 1_000, &mut storage);
    let s = at(s, 1_300, &mut storage);
    assert!(s.is_saved() && !s.store.has_error());
}

#[test]
fn another_tabs_save_is_taken_when_nothing_here_is_unsaved_and_asked_about_otherwise() {
    let mut storage = Memory::default();
    let s = at(Rc::new(State::initial()), 0, &mut storage);
    let s = at(s, 300, &mut storage);
    let id = s.library.current_doc().id.clone();
    let changed = |s: Rc<State>, storage: &Memory| {
        s.reduce(Action::Storage(StorageEvent::Changed {
            record: Record::Document(id.clone()),
            value: storage.0.get(&Record::Document(id.clone())).cloned(),
            earlier_key: false,
        }))
    };
    other_tab_writes(&mut storage, &id, "另一窗口");
    let s = changed(s, &storage);
    assert_eq!(s.doc().unit.name, "另一窗口");
    assert!(s.store.conflicts.is_empty());
    let s = s.reduce(set_text(Field::UnitName, "本窗口"));
    other_tab_writes(&mut storage, &id, "又一次");
    let s = changed(s, &storage);
    assert_eq!(s.doc().unit.name, "本窗口");
    assert!(s.store.conflict(&id).is_some());
    // Removed in the other tab with edits here: asked; taking the removal leaves a document open.
    storage.0.remove(&Record::Document(id.clone()));
    let s = changed(s, &storage);
    let s = s.reduce(Action::Storage(StorageEvent::Resolve {
        id: id.clone(),
        choice: Resolution::TakeTheirs,
    }));
    assert!(s.library.index_of(&id).is_none());
    assert_eq!(s.library.docs.len(), 1);
}

#[test]
fn an_edit_made_while_a_save_is_out_is_written_after_its_own_pause() {
    let mut storage = Memory::default();
    let s = at(Rc::new(State::initial()), 0, &mut storage);
    let s = tick(s, 300);
    assert!(s.store.outbox.is_some(), "the first save is out");
    // Typed while the plan is with the service (a slower shell than today's would see this).
    let s = s.reduce(Action::At(
        Time::from_millis(310),
        Box::new(set_text(Field::UnitName, "保存时输入")),
    ));
    let s = serve(s, &mut storage);
    assert!(!s.is_saved(), "the later edit is not written yet");
    assert_eq!(
        s.poll_timeout(),
        Some(Time::from_millis(610)),
        "its own pause"
    );
    let s = at(s, 610, &mut storage);
    assert!(s.is_saved());
    let id = s.library.current_doc().id.clone();
    assert_eq!(doc_text(&storage, &id).document.unit.name, "保存时输入");
}

#[test]
fn an_action_that_comes_with_its_time_is_noted_in_the_same_step() {
    let s = Rc::new(State::initial());
    let s = s.reduce(Action::At(
        Time::from_millis(1_000),
        Box::new(set_text(Field::UnitName, "甲")),
    ));
    assert!(!s.wants_tick(), "no second step to note the change");
    assert_eq!(s.poll_timeout(), Some(Time::from_millis(1_300)));
    // An action that changes nothing stays the very same state.
    let same = s.clone().reduce(Action::At(
        Time::from_millis(1_100),
        Box::new(set_text(Field::UnitName, "甲")),
    ));
    assert!(Rc::ptr_eq(&s, &same));
}

#[test]
fn storage_that_cannot_be_used_is_said_and_tried_again_with_the_next_change_not_in_a_loop() {
    let s = tick(Rc::new(State::initial()), 0);
    let s = tick(s, 300);
    assert!(s.store.outbox.is_some());
    let s = s.reduce(Action::Storage(StorageEvent::Unavailable(
        AppError::NoStorage,
    )));
    assert!(s.store.has_error());
    assert_eq!(s.poll_timeout(), None, "not tried again in a loop");
    let s = s.reduce(set_text(Field::UnitName, "再试"));
    let mut storage = Memory::default();
    let s = at(s, 1_000, &mut storage);
    let s = at(s, 1_300, &mut storage);
    assert!(s.is_saved() && !s.store.has_error());
}

#[test]
fn storage_cleared_by_another_page_is_written_back_from_this_tab() {
    let mut storage = Memory::default();
    let s = at(Rc::new(State::initial()), 0, &mut storage);
    let s = at(s, 300, &mut storage);
    let s = s.reduce(Action::Shelf(ShelfAction::New(Start::CurrentDocument)));
    let s = at(s, 400, &mut storage);
    let before = storage.0.len();
    assert!(before >= 3, "a document, which is open, a framework");
    // Another page of the origin: localStorage.clear().
    storage.0.clear();
    let s = s.reduce(Action::Storage(StorageEvent::Cleared));
    assert!(
        s.ui.status.contains("已被同一网站的其他页面清空"),
        "{}",
        s.ui.status
    );
    let s = at(s, 500, &mut storage);
    assert!(s.is_saved() && s.shelf.is_saved());
    assert_eq!(
        storage.0.len(),
        before,
        "everything this tab held is stored again"
    );
    let id = s.library.current_doc().id.clone();
    assert_eq!(doc_text(&storage, &id).document, *s.doc());
}
