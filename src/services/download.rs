//! Downloads made in the page: a Blob, an object URL and a click on `<a download>`. Nothing leaves the browser.

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};
use zipin_core::migrate::to_json;
use zipin_core::store::StoredDocument;
use zipin_core::Document;

use crate::error::{js_error_text, AppError};

const JSON: &str = "application/json";

/// Offers `bytes` as a file named `filename`.
pub fn download(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), AppError> {
    let fail = |e: wasm_bindgen::JsValue| AppError::Download(js_error_text(&e));
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = gloo::utils::document();
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| AppError::Download("无法生成下载链接".to_string()))?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.set_class_name("visually-hidden");
    let body = document
        .body()
        .ok_or_else(|| AppError::Download("页面没有 body".to_string()))?;
    body.append_child(&anchor).map_err(fail)?;
    anchor.click();
    let _ = body.remove_child(&anchor);
    // Revoke later: some browsers read the URL after click() returns.
    let revoke = url.clone();
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = Url::revoke_object_url(&revoke);
    })
    .forget();
    Ok(())
}

/// Downloads `doc` as its document file (.json); returns the file's name.
pub fn document_file(doc: &Document) -> Result<String, AppError> {
    let name = doc.file_name("绩效自评数据", "json");
    download(&name, JSON, to_json(doc).as_bytes())?;
    Ok(name)
}

/// Downloads a framework as its file (.json, as a framework file is imported), named after its id, or its name when
/// it has none.
pub fn framework_file(framework: &zipin_core::Framework) -> Result<(), AppError> {
    let json = serde_json::to_string_pretty(framework).unwrap_or_default();
    let stem = [framework.id.trim(), framework.name.trim()]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or("评分框架");
    let name = zipin_core::document::safe_file_name(&format!("{stem}.json"));
    download(&name, JSON, json.as_bytes())
}

/// Downloads a stored document as a backup (a document file named after it).
pub fn backup(stored: &StoredDocument) -> Result<(), AppError> {
    let name = zipin_core::document::safe_file_name(&format!("{}-备份.json", stored.label()));
    download(&name, JSON, to_json(&stored.document).as_bytes())
}

/// Downloads a stored value that could not be read, as it is, for the officer to correct or hand on.
pub fn unreadable_value(key: &str, raw: &str) -> Result<(), AppError> {
    download(
        &format!("{}.txt", key.replace('.', "-")),
        "text/plain",
        raw.as_bytes(),
    )
}
