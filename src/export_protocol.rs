//! The messages between the page and the export worker, which writes the office files (.docx, .xlsx) with the
//! `zipin-export` crate. One module for both sides (`src/bin/export-worker.rs` and
//! `services::export_worker`), carried over `postMessage` by serde-wasm-bindgen; a message that is not one of
//! these is an error value on either side, never a panic.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use zipin_core::project::{project_name, ProjectSelection};

/// The office files the export worker writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OfficeFile {
    /// The report, as Word.
    Docx,
    /// The self-evaluation table, as Excel.
    Xlsx,
    /// The 项目支出绩效自评表 of the selected projects (all, or one keeping its number), as Word.
    ProjectsDocx(ProjectSelection),
    /// The same, as Excel: the overview and a sheet per project.
    ProjectsXlsx(ProjectSelection),
}

impl OfficeFile {
    pub fn mime(self) -> &'static str {
        match self {
            OfficeFile::Docx | OfficeFile::ProjectsDocx(_) => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            OfficeFile::Xlsx | OfficeFile::ProjectsXlsx(_) => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }

    /// The file's name for `doc` (the unit and year, then what it is).
    pub fn file_name(self, doc: &zipin_core::Document) -> String {
        match self {
            OfficeFile::Docx => doc.file_name("整体绩效自评报告", "docx"),
            OfficeFile::Xlsx => doc.file_name("绩效自评表", "xlsx"),
            OfficeFile::ProjectsDocx(selection) => {
                doc.file_name(&projects_title(doc, selection), "docx")
            }
            OfficeFile::ProjectsXlsx(selection) => {
                doc.file_name(&projects_title(doc, selection), "xlsx")
            }
        }
    }
}

/// What a projects file is called: after its one project, or of all.
fn projects_title(doc: &zipin_core::Document, selection: ProjectSelection) -> String {
    let one = match selection {
        ProjectSelection::One(i) => doc.projects.get(i).map(|p| (i, p)),
        ProjectSelection::All => None,
    };
    match one {
        Some((i, p)) => format!("{}项目支出绩效自评表", project_name(i, p)),
        None => "项目支出绩效自评表".to_string(),
    }
}

/// From the page to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Write `document` as `kind`. The document travels as its document file (JSON text), so the worker reads it
    /// through the gate like any file; `id` finds the caller when the reply comes back.
    Export {
        id: u32,
        kind: OfficeFile,
        document: String,
    },
    /// Write the 汇总表 of these units: (where each came from, its document file as JSON text), each read through
    /// the gate again.
    Summary {
        id: u32,
        units: Vec<(String, String)>,
    },
}

/// From the worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The worker's wasm has loaded. Messages sent before find no handler and are lost, so the page waits for this.
    Ready,
    /// The file of request `id`, and the time spent writing it (ms).
    Exported {
        id: u32,
        filename: String,
        /// A `Uint8Array` on the way, not an array of numbers.
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
        ms: f64,
    },
    /// Request `id` failed, with a Chinese message for the officer; no id when the request could not be read.
    Failed { id: Option<u32>, message: String },
}

/// A message as the JS value `postMessage` carries.
pub fn to_message<T: Serialize>(message: &T) -> Result<JsValue, String> {
    serde_wasm_bindgen::to_value(message).map_err(|e| e.to_string())
}

/// The message in a JS value, or why it is not one.
pub fn from_message<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}
