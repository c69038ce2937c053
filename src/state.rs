//! App state: one `State`, changed only by `Action`s in one pure `reduce`.

use std::rc::Rc;

use yew::Reducible;
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
}

impl Section {
    pub const ALL: [Section; 7] = [
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
        }
    }

    /// The fragment-free anchor id of the section's panel.
    pub fn slug(self) -> &'static str {
        match self {
            Section::Basics => "basics",
            Section::Tasks => "tasks",
            Section::Targets => "targets",
            Section::Finance => "finance",
            Section::Scores => "scores",
            Section::Checks => "checks",
            Section::Report => "report",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub doc: Rc<Document>,
    /// The document's evaluation, recomputed whenever the document changes (never stored as truth).
    pub evaluation: Rc<Evaluation>,
    pub section: Section,
}

impl State {
    /// A first visit opens the seed sample.
    pub fn initial() -> State {
        State::with_document(samples::seed(), Section::Basics)
    }

    pub fn with_document(doc: Document, section: Section) -> State {
        let evaluation = Rc::new(evaluate(&doc));
        State { doc: Rc::new(doc), evaluation, section }
    }
}

pub enum Action {
    Navigate(Section),
    /// Replace the whole document (open a sample, load a file).
    Open(Document),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Navigate(section) => Rc::new(State { section, ..(*self).clone() }),
            Action::Open(doc) => Rc::new(State::with_document(doc, self.section)),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn navigation_changes_only_the_section() {
        let state = Rc::new(State::initial());
        let next = state.clone().reduce(Action::Navigate(Section::Report));
        assert_eq!(next.section, Section::Report);
        assert!(Rc::ptr_eq(&next.doc, &state.doc));
    }

    #[test]
    fn opening_a_document_rescores_it() {
        let state = Rc::new(State::initial());
        assert_eq!(state.evaluation.grade, None);
        let next = state.reduce(Action::Open(samples::example()));
        assert_eq!(next.evaluation.grade.as_deref(), Some("优秀"));
    }
}
