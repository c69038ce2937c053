//! Every failure of the web layer as one type, shown to the officer in Chinese: each message says what happened
//! and what to do. The browser's own words (a DOMException's name and message) are kept as the detail.

use std::fmt;

use wasm_bindgen::{JsCast, JsValue};

#[derive(Debug, Clone, PartialEq)]
pub enum AppError {
    /// The browser offers no localStorage (or no window to ask).
    NoStorage,
    /// The browser refuses localStorage (private mode, a policy).
    StorageForbidden(String),
    /// A save did not fit in the browser's storage.
    QuotaExceeded(String),
    /// A save was refused for another reason.
    WriteRefused(String),
    /// A deleted document could not be removed from storage.
    RemoveRefused(String),
    /// The browser refused to make a download.
    Download(String),
    /// The export worker could not be created.
    WorkerStart(String),
    /// The export worker failed to load (offline before it was cached) or stopped.
    WorkerLost,
    /// A request could not be posted to the export worker.
    WorkerSend(String),
    /// The export worker sent something that is not a reply.
    WorkerReply(String),
    /// The export worker could not write the file; its message says why.
    Export(String),
    /// A chosen file is larger than any real one: not read at all.
    FileTooLarge { bytes: f64, max: usize },
    /// A chosen file could not be read as text.
    FileUnreadable,
    /// More files chosen at once than a batch takes: the rest are not read.
    TooManyFiles { max: usize },
    /// The files chosen at once hold more bytes together than the page reads at once.
    FilesTooLarge { max: usize },
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const UNSAVED: &str = "本次填写的内容不会被保存，请在离开前导出备份。";
        const KEPT: &str = "最近的修改仍在本页中，请立即导出备份。";
        match self {
            AppError::NoStorage => write!(f, "此浏览器不提供本地存储。{UNSAVED}"),
            AppError::StorageForbidden(detail) => {
                write!(f, "浏览器禁止了本地存储（{detail}）。{UNSAVED}")
            }
            AppError::QuotaExceeded(detail) => {
                write!(f, "保存失败：浏览器存储空间已满（{detail}）。{KEPT}")
            }
            AppError::WriteRefused(detail) => {
                write!(f, "保存失败：浏览器拒绝写入（{detail}）。{KEPT}")
            }
            AppError::RemoveRefused(detail) => write!(f, "删除失败：{detail}。{KEPT}"),
            AppError::Download(detail) => write!(
                f,
                "无法生成下载：{detail}。请换用 Edge、Chrome 或 Firefox 浏览器再试"
            ),
            AppError::WorkerStart(detail) => {
                write!(f, "无法启动导出模块：{detail}。请重新载入页面后再试")
            }
            AppError::WorkerLost => write!(
                f,
                "导出模块加载失败。如处于离线状态，请联网后重试一次（之后离线也可导出）。"
            ),
            AppError::WorkerSend(detail) => {
                write!(f, "无法发送导出请求：{detail}。请重新载入页面后再试")
            }
            AppError::WorkerReply(detail) => {
                write!(f, "导出模块的回复无法读取：{detail}。请重新载入页面后再试")
            }
            AppError::Export(message) => write!(f, "{message}"),
            // Refused by its size before it is read: in the words the core's one way in uses for any text too large.
            AppError::FileTooLarge { bytes, max } => write!(
                f,
                "{}",
                zipin_core::receive::Refused::too_large(*bytes as usize, *max)
            ),
            AppError::FileUnreadable => write!(f, "无法读取该文件，请确认文件完好后重新选择"),
            AppError::TooManyFiles { max } => {
                write!(f, "一次最多汇总 {max} 个文件，此文件未读取")
            }
            AppError::FilesTooLarge { max } => write!(
                f,
                "一次选择的文件合计超过 {} MB，此文件未读取；请分批打开",
                max / (1024 * 1024)
            ),
        }
    }
}

impl std::error::Error for AppError {}

impl AppError {
    /// A failed `localStorage.setItem`: a full storage is told apart by the DOMException's name (Firefox used its
    /// own) or its legacy code, never by the wording of its message.
    pub fn from_write(error: &JsValue) -> AppError {
        let quota = error.dyn_ref::<web_sys::DomException>().is_some_and(|e| {
            matches!(
                e.name().as_str(),
                "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED"
            ) || e.code() == web_sys::DomException::QUOTA_EXCEEDED_ERR
        });
        if quota {
            AppError::QuotaExceeded(js_error_text(error))
        } else {
            AppError::WriteRefused(js_error_text(error))
        }
    }
}

/// The name and message of a JS exception, e.g. `QuotaExceededError: …`: the detail kept in a message.
pub fn js_error_text(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        format!(
            "{}: {}",
            String::from(error.name()),
            String::from(error.message())
        )
    } else if let Some(error) = value.dyn_ref::<web_sys::DomException>() {
        format!("{}: {}", error.name(), error.message())
    } else {
        value.as_string().unwrap_or_else(|| format!("{value:?}"))
    }
}
