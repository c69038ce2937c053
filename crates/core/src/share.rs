//! Share links: the whole document (with its framework copy) in the URL fragment, which never reaches a server.
//!
//! `#share=z1.<base64url of raw deflate of the document JSON>`. The codec tag (`z1`) is versioned so the format
//! can change without breaking old links. Decoding is bounded: a link that inflates past [`MAX_DECODED`] bytes
//! (a compression bomb) is refused, and so is anything malformed.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::document::Document;
use crate::migrate::{load_document, to_json, LoadError};

/// The fragment key a share link carries its document under.
pub const FRAGMENT_KEY: &str = "share";
pub const CODEC: &str = "z1";
/// Largest document a link may inflate to. Real documents are ~50 KB of JSON.
pub const MAX_DECODED: usize = crate::caps::DOCUMENT_BYTES;
/// Largest encoded link text accepted at all.
pub const MAX_ENCODED: usize = 512 * 1024;
/// Above this many characters a link may be cut by mail and chat programs: send the file instead.
pub const LONG_LINK: usize = 2000;

#[derive(Debug, Clone, PartialEq)]
pub enum ShareError {
    UnknownCodec(String),
    NotBase64,
    NotDeflate,
    TooLarge,
    NotText,
    Document(LoadError),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::UnknownCodec(tag) => {
                write!(f, "无法识别的分享链接格式“{tag}”，可能需要更新程序")
            }
            ShareError::NotBase64 | ShareError::NotDeflate | ShareError::NotText => {
                write!(
                    f,
                    "分享链接已损坏或不完整，请让对方重新发送链接或直接发送文件"
                )
            }
            ShareError::TooLarge => write!(f, "分享链接中的数据过大，已拒绝打开"),
            ShareError::Document(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ShareError {}

/// The code that goes after `#share=`.
pub fn encode(doc: &Document) -> String {
    let json = to_json(doc);
    // Compact JSON compresses a little better than pretty; parse back the pretty form to keep one source of truth.
    let compact = serde_json::from_str::<serde_json::Value>(&json)
        .map(|v| v.to_string())
        .unwrap_or(json);
    let deflated = miniz_oxide::deflate::compress_to_vec(compact.as_bytes(), 9);
    format!("{CODEC}.{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// The share code in a URL fragment (`#share=…`, possibly among other `&`-separated entries), if any. The code
/// ends at the first `?` or `&`: WeChat appends `?nsukey=…` and QQ `&…` after the fragment, and neither character
/// belongs to a code.
pub fn code_in_fragment(fragment: &str) -> Option<&str> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|part| {
            part.strip_prefix(FRAGMENT_KEY)
                .and_then(|rest| rest.strip_prefix('='))
        })
        .and_then(|code| code.split('?').next())
}

pub fn decode(code: &str) -> Result<Document, ShareError> {
    if code.len() > MAX_ENCODED {
        return Err(ShareError::TooLarge);
    }
    // A code pasted with what a messenger appended after it (`?nsukey=…`, `&from=…`) ends where that begins.
    let code = code.trim().split(['?', '&']).next().unwrap_or_default();
    let (tag, data) = code
        .split_once('.')
        .ok_or_else(|| ShareError::UnknownCodec(code.chars().take(8).collect()))?;
    if tag != CODEC {
        return Err(ShareError::UnknownCodec(tag.chars().take(8).collect()));
    }
    // Links pasted from mail and chat arrive broken over lines, with padding (plain or percent-encoded), or in the
    // standard base64 alphabet; none of that belongs to base64url-no-pad, and none of it changes the data.
    let data: String = data
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            other => other,
        })
        .collect();
    // Slices, not copies: a link of half a million `=` must not cost half a million copies.
    let mut rest = data.as_str();
    while let Some(stripped) = ["=", "%3D", "%3d"]
        .iter()
        .find_map(|padding| rest.strip_suffix(padding))
    {
        rest = stripped;
    }
    let data = rest;
    let deflated = URL_SAFE_NO_PAD
        .decode(data.as_bytes())
        .map_err(|_| ShareError::NotBase64)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_DECODED).map_err(
        |e| {
            if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                ShareError::TooLarge
            } else {
                ShareError::NotDeflate
            }
        },
    )?;
    let text = String::from_utf8(json).map_err(|_| ShareError::NotText)?;
    load_document(&text).map_err(ShareError::Document)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;

    #[test]
    fn round_trip_of_both_samples() {
        for doc in [samples::seed(), samples::example()] {
            let code = encode(&doc);
            assert!(code.starts_with("z1."));
            assert!(
                code.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)),
                "URL-safe"
            );
            assert_eq!(decode(&code), Ok(doc));
        }
    }

    #[test]
    fn fragment_parsing_ignores_other_entries() {
        assert_eq!(code_in_fragment("#share=z1.abc"), Some("z1.abc"));
        assert_eq!(code_in_fragment("#x=1&share=z1.abc"), Some("z1.abc"));
        assert_eq!(code_in_fragment("#sharex=1"), None);
        assert_eq!(code_in_fragment(""), None);
        // What WeChat and QQ append after the fragment is not part of the code.
        assert_eq!(
            code_in_fragment("#share=z1.abc?nsukey=Xy%3D"),
            Some("z1.abc")
        );
        assert_eq!(code_in_fragment("#share=z1.abc&from=qq"), Some("z1.abc"));
        let code = encode(&crate::samples::example());
        for appended in [
            "?nsukey=ZmFrZQ%3D%3D",
            "&from=singlemessage&isappinstalled=0",
        ] {
            let doc = decode(&format!("{code}{appended}")).expect("opens");
            assert_eq!(doc, crate::samples::example());
        }
    }

    #[test]
    fn damaged_links_are_refused_with_a_reason() {
        let code = encode(&samples::example());
        let truncated = &code[..code.len() / 2];
        assert!(matches!(
            decode(truncated),
            Err(ShareError::NotDeflate) | Err(ShareError::NotBase64)
        ));
        let mut tampered = code.clone().into_bytes();
        let middle = tampered.len() / 2;
        tampered[middle] = if tampered[middle] == b'A' { b'B' } else { b'A' };
        assert!(decode(&String::from_utf8(tampered).unwrap()).is_err());
        assert!(matches!(decode("z9.abc"), Err(ShareError::UnknownCodec(t)) if t == "z9"));
        assert!(matches!(decode("z1.!!!"), Err(ShareError::NotBase64)));
        assert!(decode("nonsense").is_err());
    }

    #[test]
    fn links_mangled_by_mail_and_chat_still_open() {
        let doc = samples::example();
        let code = encode(&doc);
        let (tag, data) = code.split_once('.').unwrap();
        let middle = data.len() / 2;
        let broken = format!(" {tag}.{}\r\n{}%3d%3D= ", &data[..middle], &data[middle..]);
        assert_eq!(decode(&broken), Ok(doc.clone()));
        let standard = code.replace('-', "+").replace('_', "/");
        assert_eq!(decode(&standard), Ok(doc));
    }

    #[test]
    fn a_compression_bomb_is_refused() {
        let bomb = vec![b' '; MAX_DECODED + 1];
        let code = format!(
            "{CODEC}.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&bomb, 9))
        );
        assert!(code.len() < 10_000, "small link, huge content");
        assert_eq!(decode(&code), Err(ShareError::TooLarge));
        assert_eq!(
            decode(&"a".repeat(MAX_ENCODED + 1)),
            Err(ShareError::TooLarge)
        );
    }

    #[test]
    fn sample_link_lengths() {
        // The seed carries long narrative text: its link is long, and the app warns above LONG_LINK.
        let seed = encode(&samples::seed()).len();
        let blank = encode(&Document::blank(crate::framework::default_framework())).len();
        println!("share link length: seed {seed}, blank {blank}");
        assert!(seed > LONG_LINK);
    }
}
