//! 汇总: many units' documents held in memory for the 主管部门's view, scored once when they come in. Each unit
//! passed the core's one way in before it got here. The batch is stored only when the officer asks to keep it.

use std::rc::Rc;

use zipin_core::store::KeptBatch;
use zipin_core::summary::{summarize, Summary, Unit};

use super::preview::{self, PreviewFrom};
use super::{Section, State};

/// The most units one batch holds (a province's departments and their units stay well below).
pub const MAX_UNITS: usize = zipin_core::caps::BATCH_UNITS;

#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub units: Vec<Unit>,
    pub summary: Summary,
    /// Files and links that could not be taken, with why.
    pub failures: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct BatchState {
    pub batch: Option<Rc<Batch>>,
    /// The officer asked to keep the batch in this browser.
    pub kept: bool,
    /// Why the kept batch could not be read or written.
    pub error: Option<String>,
    /// What the kept batch's record needs, asked only by what the officer does (keep, untick, add while kept,
    /// clear): a record this tab could not read is never removed or written over behind the officer's back.
    pub pending: Option<BatchWrite>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchWrite {
    Write,
    Remove,
}

pub enum BatchAction {
    Clear,
    /// Keep the batch in this browser (or stop keeping it).
    Keep(bool),
    /// Open the unit at this index of the batch, read-only.
    OpenUnit(usize),
}

pub(super) fn reduce(s: &mut State, action: BatchAction) {
    match action {
        BatchAction::Clear => {
            let batch = s.batch_mut();
            batch.batch = None;
            if batch.kept {
                batch.kept = false;
                batch.pending = Some(BatchWrite::Remove);
            }
            s.say("已清空汇总");
        }
        BatchAction::Keep(keep) => {
            let batch = s.batch_mut();
            batch.kept = keep;
            batch.pending = Some(if keep {
                BatchWrite::Write
            } else {
                BatchWrite::Remove
            });
        }
        BatchAction::OpenUnit(index) => open_unit(s, index),
    }
}

/// Units read through the gate join the batch (up to its cap); the rest are listed with why.
pub(super) fn add(s: &mut State, units: Vec<Unit>, failures: Vec<(String, String)>) {
    let (mut all, mut failed) = match s.batch_mut().batch.take() {
        Some(batch) => {
            let batch = Rc::unwrap_or_clone(batch);
            (batch.units, batch.failures)
        }
        None => (Vec::new(), Vec::new()),
    };
    let offered = units.len();
    let room = MAX_UNITS.saturating_sub(all.len());
    let mut units = units.into_iter();
    all.extend(units.by_ref().take(room));
    let refused = failures.len();
    failed.extend(failures);
    failed.extend(units.map(|unit| {
        (
            unit.source,
            format!("一批最多 {MAX_UNITS} 个单位，此单位未加入"),
        )
    }));
    let summary = summarize(&all);
    let batch = s.batch_mut();
    batch.batch = Some(Rc::new(Batch {
        units: all,
        summary,
        failures: failed,
    }));
    if batch.kept {
        batch.pending = Some(BatchWrite::Write);
    }
    s.say(format!(
        "已载入 {} 个单位{}",
        offered.min(room),
        if refused == 0 {
            String::new()
        } else {
            format!("；{refused} 个未能打开")
        }
    ));
}

/// The batch kept in storage, read at start-up (and why some of it, or all, could not be read).
pub(super) fn load_kept(s: &mut State, kept: Result<KeptBatch, String>) {
    match kept {
        Ok((units, failures)) => {
            // Units that could not be read back stay in the record: it is not written over until the officer
            // keeps the batch again.
            let complete = failures.is_empty();
            let unread = failures.len();
            let status = s.ui.status.clone();
            add(s, units, failures);
            // Loading the kept batch is no news; a status from start-up (a read-only document) stays.
            s.say(status);
            let batch = s.batch_mut();
            batch.kept = complete;
            batch.pending = None;
            if !complete {
                batch.error = Some(format!(
                    "保留的汇总中有 {unread} 个单位无法读取（见下方列表）；保留的记录未改动，再次勾选“保留”将以当前汇总覆盖它"
                ));
            }
        }
        Err(why) => s.batch_mut().error = Some(format!("无法读取保留的汇总：{why}")),
    }
}

/// A unit of the batch opened read-only with every section; the batch stays for the way back.
fn open_unit(s: &mut State, index: usize) {
    let Some(unit) = s
        .batch
        .batch
        .as_ref()
        .and_then(|b| b.units.get(index))
        .cloned()
    else {
        return;
    };
    preview::show(s, unit.document, PreviewFrom::Summary);
    s.ui_mut().section = Section::Scores;
    s.say(format!("正在查看“{}”（只读）", unit.source));
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::rc::Rc;

    use yew::Reducible;
    use zipin_core::samples;
    use zipin_core::summary::Unit;

    use super::*;
    use crate::state::{Action, Door, Incoming, LibraryAction, PreviewAction, Section, State};

    fn unit(i: usize) -> Unit {
        Unit {
            source: format!("unit-{i}.json"),
            document: samples::varied(i),
        }
    }

    fn add_units(s: Rc<State>, units: Vec<Unit>, failures: Vec<(String, String)>) -> Rc<State> {
        let incoming = units
            .into_iter()
            .map(|u| Incoming::document(u.source, u.document))
            .chain(
                failures
                    .into_iter()
                    .map(|(source, why)| Incoming::refused(source, why)),
            )
            .collect();
        s.reduce(Action::Receive(Door::Summary, incoming))
    }

    #[test]
    fn the_kept_record_is_written_or_removed_only_when_the_officer_asks() {
        // Kept units that could not be read: the record is left until the officer keeps the batch again.
        let mut s = State::initial();
        load_kept(
            &mut s,
            Ok((
                vec![unit(0)],
                vec![("unit-1.json".into(), "无法读取".into())],
            )),
        );
        let s = Rc::new(s);
        assert!(!s.batch.kept && s.batch.pending.is_none() && s.batch.error.is_some());
        let s = add_units(s, vec![unit(2)], Vec::new());
        assert!(s.batch.pending.is_none());
        let s = s.reduce(Action::Batch(BatchAction::Keep(true)));
        assert_eq!(s.batch.pending, Some(BatchWrite::Write));
        let s = s.reduce(Action::Batch(BatchAction::Clear));
        assert_eq!(s.batch.pending, Some(BatchWrite::Remove));
        assert!(!s.batch.kept);
    }

    #[test]
    fn units_are_added_opened_read_only_and_the_batch_survives_the_way_back() {
        let s = Rc::new(State::initial());
        let own = s.doc().clone();
        let s = add_units(
            s,
            (0..3).map(unit).collect(),
            vec![("bad.json".into(), "不是数据文件".into())],
        );
        let s = add_units(s, vec![unit(3)], Vec::new());
        let batch = s.batch.batch.clone().expect("a batch");
        assert_eq!(batch.summary.rows.len(), 4);
        assert_eq!(batch.failures.len(), 1);
        let s = s.reduce(Action::Batch(BatchAction::OpenUnit(2)));
        assert!(s.is_preview() && s.is_read_only());
        assert_eq!(*s.doc(), batch.units[2].document);
        assert_eq!(s.ui.section, Section::Scores);
        let s = s.reduce(Action::Preview(PreviewAction::BackToSummary));
        assert_eq!(s.ui.section, Section::Summary);
        assert_eq!(*s.doc(), own, "the officer's own document is back");
        assert_eq!(s.library.docs.len(), 1, "nothing of the batch was stored");
        // With three documents, the one that was open comes back, not the first.
        let s = s.reduce(Action::Library(LibraryAction::OpenSample("example")));
        let s = s.reduce(Action::Library(LibraryAction::OpenSample("seed")));
        let open_id = s.library.docs[1].id.clone();
        let s = s.reduce(Action::Library(LibraryAction::Switch(open_id.clone())));
        let s = s
            .reduce(Action::Batch(BatchAction::OpenUnit(0)))
            .reduce(Action::Batch(BatchAction::OpenUnit(1)));
        let s = s.reduce(Action::Preview(PreviewAction::BackToSummary));
        assert_eq!(s.library.current_doc().id, open_id);
        assert_eq!(s.batch.batch.as_ref().map(|b| b.units.len()), Some(4));
        assert_eq!(s.library.docs.len(), 3, "nothing of the batch was stored");
    }
}
