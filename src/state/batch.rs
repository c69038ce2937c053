//! 汇总: many units' documents held in memory for the 主管部门's view, scored once when they come in. Nothing here
//! is stored; each unit passed the same gate as any document before it got here.

use std::rc::Rc;

use zipin_core::summary::{summarize, Summary, Unit};

use super::{library, Section, State};

/// The most units one batch holds (a province's departments and their units stay well below).
pub const MAX_UNITS: usize = zipin_core::caps::BATCH_UNITS;

/// A kept batch as read back: the units, and (source, why) for those that could not be.
pub use zipin_core::store::KeptBatch as Kept;

/// What the kept batch's record needs, asked only by what the officer does (keep, untick, add while kept, clear):
/// a record this tab could not read is never removed or written over behind the officer's back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchWrite {
    Write,
    Remove,
}

/// Asks the storage adapter for `write`.
fn ask(s: &mut State, write: BatchWrite) {
    s.batch_write = Some((s.batch_write.map_or(1, |(n, _)| n.saturating_add(1)), write));
}

pub(super) fn keep(s: &mut State, keep: bool) {
    s.batch_kept = keep;
    ask(
        s,
        if keep {
            BatchWrite::Write
        } else {
            BatchWrite::Remove
        },
    );
}

#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub units: Vec<Unit>,
    pub summary: Summary,
    /// Files and links that could not be taken, with why.
    pub failures: Vec<(String, String)>,
}

pub(super) fn add(s: &mut State, units: Vec<Unit>, failures: Vec<(String, String)>) {
    let (mut all, mut failed) = match s.batch.take() {
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
    failed.extend(failures.iter().cloned());
    failed.extend(units.map(|unit| {
        (
            unit.source,
            format!("一批最多 {MAX_UNITS} 个单位，此单位未加入"),
        )
    }));
    s.status = format!(
        "已载入 {} 个单位{}",
        offered.min(room),
        if failures.is_empty() {
            String::new()
        } else {
            format!("；{} 个未能打开", failures.len())
        }
    );
    let summary = summarize(&all);
    s.batch = Some(Rc::new(Batch {
        units: all,
        summary,
        failures: failed,
    }));
    if s.batch_kept {
        ask(s, BatchWrite::Write);
    }
}

pub(super) fn clear(s: &mut State) {
    s.batch = None;
    if s.batch_kept {
        s.batch_kept = false;
        ask(s, BatchWrite::Remove);
    }
    s.status = "已清空汇总".to_string();
}

/// A unit of the batch opened read-only with every section; the batch stays for the way back.
pub(super) fn open_unit(s: &mut State, index: usize) {
    let Some(unit) = s.batch.as_ref().and_then(|b| b.units.get(index)).cloned() else {
        return;
    };
    // The officer's document to come back to (a unit opened from another unit keeps the first one).
    if !s.is_preview() {
        s.return_to = Some(s.current_doc().id.clone());
    }
    library::open_shared(s, unit.document);
    s.back_to_summary = true;
    s.section = Section::Scores;
    s.status = format!("正在查看“{}”（只读）", unit.source);
}

pub(super) fn back(s: &mut State) {
    library::close_shared(s);
    if let Some(id) = s.return_to.take() {
        if let Some(index) = s.docs.iter().position(|d| d.id == id) {
            s.switch_to(index);
        }
    }
    s.back_to_summary = false;
    s.section = Section::Summary;
    s.status = "已返回汇总表".to_string();
}

/// What the kept batch's write came to: kept, or not kept (and why), so the checkbox says the truth.
pub(super) fn stored(s: &mut State, error: Option<String>) {
    if error.is_some() {
        // Not kept; nothing else is asked of storage, so the message stays and nothing kept earlier is removed.
        s.batch_kept = false;
    }
    s.batch_error = error;
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::rc::Rc;

    use yew::Reducible;
    use zipin_core::samples;
    use zipin_core::summary::Unit;

    use crate::state::{Action, Section, State};

    fn unit(i: usize) -> Unit {
        Unit {
            source: format!("unit-{i}.json"),
            document: samples::varied(i),
        }
    }

    #[test]
    fn the_kept_record_is_written_or_removed_only_when_the_officer_asks() {
        use crate::state::BatchWrite;
        // Kept units that could not be read: the record is left until the officer keeps the batch again.
        let s = Rc::new(State::initial().with_kept_batch(Some(Ok((
            vec![unit(0)],
            vec![("unit-1.json".into(), "无法读取".into())],
        )))));
        assert!(!s.batch_kept && s.batch_write.is_none() && s.batch_error.is_some());
        let s = s.reduce(Action::BatchAdd(vec![unit(2)], Vec::new()));
        assert!(s.batch_write.is_none());
        let s = s.reduce(Action::KeepBatch(true));
        assert_eq!(s.batch_write.map(|(_, w)| w), Some(BatchWrite::Write));
        let asked = s.batch_write;
        // A refused write unticks and asks nothing more, so its message stays.
        let s = s.reduce(Action::BatchStored(Some("太大".into())));
        assert!(!s.batch_kept);
        assert_eq!(s.batch_write, asked);
        assert_eq!(s.batch_error.as_deref(), Some("太大"));
        let s = s.reduce(Action::KeepBatch(true)).reduce(Action::BatchClear);
        assert_eq!(s.batch_write.map(|(_, w)| w), Some(BatchWrite::Remove));
    }

    #[test]
    fn units_are_added_opened_read_only_and_the_batch_survives_the_way_back() {
        let s = Rc::new(State::initial());
        let own = s.doc().clone();
        let s = s.reduce(Action::BatchAdd(
            (0..3).map(unit).collect(),
            vec![("bad.json".into(), "不是数据文件".into())],
        ));
        let s = s.reduce(Action::BatchAdd(vec![unit(3)], Vec::new()));
        let batch = s.batch.clone().expect("a batch");
        assert_eq!(batch.summary.rows.len(), 4);
        assert_eq!(batch.failures.len(), 1);
        let s = s.reduce(Action::OpenBatchUnit(2));
        assert!(s.is_preview());
        assert_eq!(*s.doc(), batch.units[2].document);
        assert_eq!(s.section, Section::Scores);
        let s = s.reduce(Action::BackToSummary);
        assert_eq!(s.section, Section::Summary);
        assert_eq!(*s.doc(), own, "the officer's own document is back");
        assert_eq!(s.docs.len(), 1, "nothing of the batch was stored");
        // With three documents, the one that was open comes back, not the first.
        let s = s.reduce(Action::OpenSample("example"));
        let s = s.reduce(Action::OpenSample("seed"));
        let open_id = s.docs[s.current + 1].id.clone();
        let s = s.reduce(Action::Switch(open_id.clone()));
        let s = s
            .reduce(Action::OpenBatchUnit(0))
            .reduce(Action::OpenBatchUnit(1));
        let s = s.reduce(Action::BackToSummary);
        assert_eq!(s.current_doc().id, open_id);
        assert_eq!(s.batch.as_ref().map(|b| b.units.len()), Some(4));
        assert_eq!(s.docs.len(), 3, "nothing of the batch was stored");
    }
}
