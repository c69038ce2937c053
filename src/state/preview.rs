//! A document shown read-only without being stored: from a share link (kept only when the officer saves it), or a
//! unit of the 汇总 batch (with the way back to the table). The library, and which document it has open, is not
//! touched while a preview is on screen.

use std::rc::Rc;

use zipin_core::store::StoredDocument;
use zipin_core::Document;

use super::library::new_stored;
use super::{Derived, Section, State};

#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// Read-only, never in the library until saved.
    pub doc: Rc<StoredDocument>,
    pub derived: Derived,
    pub from: PreviewFrom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreviewFrom {
    ShareLink,
    /// A unit of the 汇总 batch: its banner leads back to the table.
    Summary,
}

pub enum PreviewAction {
    /// Keep the previewed document as a new document of the library.
    Save,
    Close,
    /// Close the unit opened from the batch and return to 汇总.
    BackToSummary,
}

/// Shows `doc` as a preview.
pub(super) fn show(s: &mut State, doc: Document, from: PreviewFrom) {
    let mut stored = new_stored(String::new(), doc, &s.library.tab);
    stored.read_only = true;
    s.preview = Some(Rc::new(Preview {
        derived: Derived::of(&stored.document),
        doc: Rc::new(stored),
        from,
    }));
}

pub(super) fn reduce(s: &mut State, action: PreviewAction) {
    match action {
        PreviewAction::Save => {
            if let Some(preview) = s.preview.take() {
                let doc = preview.doc.document.clone();
                s.library_mut().add(doc, String::new());
                s.ui_mut().share_error = None;
                s.say("已将分享的文档保存为新文档");
            }
        }
        PreviewAction::Close => {
            s.preview = None;
            s.ui_mut().share_error = None;
            s.say("已关闭预览");
        }
        PreviewAction::BackToSummary => {
            s.preview = None;
            s.ui_mut().section = Section::Summary;
            s.say("已返回汇总表");
        }
    }
}
