//! The sections of the app and where a document field lives among them; moving between them.

use super::Ui;

/// The sections of the app, in the order of the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Basics,
    Tasks,
    Targets,
    Finance,
    Projects,
    Scores,
    Checks,
    Report,
    Documents,
    Frameworks,
    Summary,
}

impl Section {
    /// The sections of one evaluation, in the order an officer works through them.
    pub const WORK: [Section; 8] = [
        Section::Basics,
        Section::Tasks,
        Section::Targets,
        Section::Finance,
        Section::Projects,
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
            Section::Projects => "项目支出",
            Section::Scores => "评分",
            Section::Checks => "校验",
            Section::Report => "报告",
            Section::Documents => "文档管理",
            Section::Frameworks => "评分框架",
            Section::Summary => "汇总",
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
            "projects" => Section::Projects,
            _ => Section::Basics,
        }
    }
}

/// Goes to the section of the field with this path and asks for it to be focused.
pub(super) fn focus_field(s: &mut Ui, path: String) {
    s.section = Section::for_path(&path);
    let id = zipin_core::fields::FieldRef {
        path,
        label: String::new(),
    }
    .dom_id();
    let seq = s.focus.as_ref().map_or(1, |(_, n)| n.saturating_add(1));
    s.focus = Some((id, seq));
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::rc::Rc;

    use yew::Reducible;

    use super::*;
    use crate::state::{Action, State, UiAction};

    #[test]
    fn focus_goes_to_the_section_of_the_field() {
        let s = Rc::new(State::initial()).reduce(Action::Ui(UiAction::FocusField(
            "staff.titled_total".into(),
        )));
        assert_eq!(s.ui.section, Section::Basics);
        assert_eq!(s.ui.focus, Some(("f-staff-titled_total".to_string(), 1)));
        let s = s.reduce(Action::Ui(UiAction::FocusField("targets[2].actual".into())));
        assert_eq!(s.ui.section, Section::Targets);
    }
}
