//! What is on screen besides the data: the section, a field to focus, the status line, and notices that belong to
//! no document (a refused edit, a refused link, a document file waiting to be imported).

use std::rc::Rc;

use zipin_core::{Document, Framework};

use super::{section, Section, State};

#[derive(Debug, Clone, PartialEq)]
pub struct Ui {
    pub section: Section,
    /// A field to focus after the next render (dom id and a counter so the same field can be asked twice).
    pub focus: Option<(String, u64)>,
    /// The last status message, announced politely.
    pub status: String,
    /// The officer has closed the first visit's welcome (this tab only).
    pub welcome_dismissed: bool,
    /// Why a share link in the address could not be opened (the whole message).
    pub share_error: Option<String>,
    /// Why the last edit was not accepted (it would break one of the gate's rules); cleared by the next edit.
    pub refused_edit: Option<String>,
    /// A document file read for 导入数据文件, waiting for the officer's choice; or why it was not taken.
    pub import: Option<Result<Rc<Document>, String>>,
    /// A framework file read for a new document (sound), or why it cannot be used.
    pub new_framework: Option<Result<Rc<Framework>, Vec<String>>>,
}

impl Default for Ui {
    fn default() -> Ui {
        Ui {
            section: Section::Basics,
            focus: None,
            status: String::new(),
            welcome_dismissed: false,
            share_error: None,
            refused_edit: None,
            import: None,
            new_framework: None,
        }
    }
}

pub enum UiAction {
    Navigate(Section),
    /// Go to the field with this path and focus it.
    FocusField(String),
    DismissWelcome,
    /// The browser is about to print: the report, unless the officer prints the 汇总表 or the project forms.
    BeforePrint,
    /// Forget the document file waiting to be imported.
    CancelImport,
}

pub(super) fn reduce(s: &mut State, action: UiAction) {
    let ui = s.ui_mut();
    match action {
        UiAction::Navigate(to) => ui.section = to,
        UiAction::FocusField(path) => section::focus_field(ui, path),
        UiAction::DismissWelcome => ui.welcome_dismissed = true,
        UiAction::BeforePrint => {
            // The 汇总表 and the project forms print themselves; every other section prints the report.
            if !matches!(ui.section, Section::Summary | Section::Projects) {
                ui.section = Section::Report;
            }
        }
        UiAction::CancelImport => ui.import = None,
    }
}
