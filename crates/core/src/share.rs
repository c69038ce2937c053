//! Share links: the whole document (with its framework copy) in the URL fragment, which never reaches a server.
//!
//! `#share=z1.<base64url of raw deflate of the document JSON>`; a framework alone travels the same way under
//! `#framework=`. The codec tag (`z1`) is versioned so the format can change without breaking old links. Decoding
//! is bounded: a link that inflates past [`MAX_DECODED`] bytes ([`crate::caps::FRAMEWORK_BYTES`] for a framework;
//! a compression bomb) is refused, and so is anything malformed.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Deserialize;

use crate::document::{self, Document};
use crate::framework::{
    first_problem, read_framework_draft, FileProblem, Framework, Located, FRAMEWORK_FORMAT,
};
use crate::migrate::{load_document, to_json, LoadError};

/// The fragment key a share link carries its document under.
pub const FRAGMENT_KEY: &str = "share";
/// The fragment key a share link carries a framework under (the same codec as a document).
pub const FRAMEWORK_KEY: &str = "framework";
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
    /// A framework's code that does not read as a framework.
    Framework(Vec<FileProblem>),
    /// The code carries the other kind: a document's code opened as a framework, or the reverse.
    Carries(Carried),
}

/// What a share code carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carried {
    Document,
    Framework,
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
            ShareError::Framework(problems) => write!(
                f,
                "分享链接中的评分框架无法读取：{}",
                first_problem(problems)
            ),
            ShareError::Carries(Carried::Document) => {
                f.write_str("这是绩效自评文档的分享链接，不是评分框架；请直接在浏览器中打开该链接")
            }
            ShareError::Carries(Carried::Framework) => f.write_str(
                "这是评分框架的分享链接，不是绩效自评文档；请直接在浏览器中打开该链接以导入框架",
            ),
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
    code_of(&compact)
}

/// The code that goes after `#framework=`.
pub fn encode_framework(framework: &Framework) -> String {
    code_of(&serde_json::to_string(framework).unwrap_or_default())
}

pub(crate) fn code_of(compact_json: &str) -> String {
    let deflated = miniz_oxide::deflate::compress_to_vec(compact_json.as_bytes(), 9);
    format!("{CODEC}.{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// The share code in a URL fragment (`#share=…`, possibly among other `&`-separated entries), if any.
pub fn code_in_fragment(fragment: &str) -> Option<&str> {
    fragment_code(fragment, FRAGMENT_KEY)
}

/// The code under `key` in a URL fragment (`#key=…`, possibly among other `&`-separated entries), if any. The code
/// ends at the first `?` or `&`: WeChat appends `?nsukey=…` and QQ `&…` after the fragment, and neither character
/// belongs to a code.
pub fn fragment_code<'a>(fragment: &'a str, key: &str) -> Option<&'a str> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|part| {
            part.strip_prefix(key)
                .and_then(|rest| rest.strip_prefix('='))
        })
        .and_then(|code| code.split('?').next())
}

/// The code in what an officer pasted: a whole link (`…#share=z1.…`, the entry under `key`) or the code alone.
pub fn pasted_code<'a>(pasted: &'a str, key: &str) -> &'a str {
    let pasted = pasted.trim();
    pasted
        .split_once('#')
        .and_then(|(_, fragment)| fragment_code(fragment, key))
        .unwrap_or(pasted)
}

pub fn decode(code: &str) -> Result<Document, ShareError> {
    let text = inflate(code, MAX_DECODED)?;
    load_document(&text).map_err(|e| match e {
        LoadError::WrongFormat(format) if format == FRAMEWORK_FORMAT => {
            ShareError::Carries(Carried::Framework)
        }
        e => ShareError::Document(e),
    })
}

/// A framework from its code. A framework that reads but is unsound comes back with its problems, as a draft
/// file does: the officer sees them in the editor.
pub fn decode_framework(code: &str) -> Result<(Framework, Vec<Located>), ShareError> {
    let text = inflate(code, crate::caps::FRAMEWORK_BYTES)?;
    read_framework_draft(&text).map_err(|problems| {
        if format_tag(&text).as_deref() == Some(document::FORMAT) {
            ShareError::Carries(Carried::Document)
        } else {
            ShareError::Framework(problems)
        }
    })
}

/// The `format` tag of JSON text, read without building the rest (serde skips what it does not need, and its
/// recursion limit bounds the nesting).
pub(crate) fn format_tag(text: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Tagged {
        format: String,
    }
    serde_json::from_str::<Tagged>(text).ok().map(|t| t.format)
}

/// The text a code carries, inflated to at most `limit` bytes.
pub(crate) fn inflate(code: &str, limit: usize) -> Result<String, ShareError> {
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
    let json =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, limit).map_err(|e| {
            if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                ShareError::TooLarge
            } else {
                ShareError::NotDeflate
            }
        })?;
    String::from_utf8(json).map_err(|_| ShareError::NotText)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_link_or_code_gives_the_code() {
        assert_eq!(
            pasted_code(
                " https://x.github.io/zipin/#share=z1.abc?nsukey=1 ",
                FRAGMENT_KEY
            ),
            "z1.abc"
        );
        assert_eq!(pasted_code("z1.abc", FRAGMENT_KEY), "z1.abc");
        assert_eq!(
            pasted_code("http://x/#framework=z1.fw", FRAMEWORK_KEY),
            "z1.fw"
        );
        // A link of the other kind is handed on whole, for decode to say what it is.
        assert_eq!(
            pasted_code("http://x/#share=z1.d", FRAMEWORK_KEY),
            "http://x/#share=z1.d"
        );
    }
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

    #[test]
    fn round_trip_of_both_built_in_frameworks() {
        for (id, _) in crate::framework::BUILT_IN {
            let framework = crate::framework::built_in(id).unwrap();
            let code = encode_framework(&framework);
            assert!(code.starts_with("z1."));
            assert!(code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)));
            assert_eq!(decode_framework(&code), Ok((framework.clone(), Vec::new())));
            // Pasted as a mail program or a messenger leaves it.
            let mangled = format!(" {}== \r\n?nsukey=Xy%3D", code.replace('-', "+"));
            assert_eq!(decode_framework(&mangled), Ok((framework, Vec::new())));
        }
    }

    #[test]
    fn an_unsound_framework_opens_with_its_problems() {
        let mut framework = crate::framework::default_framework();
        framework.level1[0].weight = rust_decimal::Decimal::from(45);
        let (opened, problems) = decode_framework(&encode_framework(&framework)).unwrap();
        assert_eq!(opened, framework);
        assert_eq!(problems, framework.validate_located());
        assert!(!problems.is_empty());
    }

    #[test]
    fn a_document_is_not_a_framework_nor_the_reverse() {
        let doc_code = encode(&samples::example());
        let err = decode_framework(&doc_code).unwrap_err();
        assert_eq!(err, ShareError::Carries(Carried::Document));
        assert!(err.to_string().contains("文档的分享链接"), "{err}");
        let fw_code = encode_framework(&crate::framework::default_framework());
        let err = decode(&fw_code).unwrap_err();
        assert_eq!(err, ShareError::Carries(Carried::Framework));
        assert!(err.to_string().contains("评分框架的分享链接"), "{err}");
    }

    #[test]
    fn a_framework_code_that_does_not_read_says_why() {
        for json in ["{}", "[1,2]", "{\"format\":\"zipin.framework\"}", "null"] {
            let err = decode_framework(&code_of(json)).unwrap_err();
            let ShareError::Framework(problems) = &err else {
                panic!("{json}: {err:?}");
            };
            assert!(!problems.is_empty());
            assert!(err
                .to_string()
                .starts_with("分享链接中的评分框架无法读取："));
        }
        let err = decode_framework(&code_of("{\"a\":1.5,\"b\":2.5}")).unwrap_err();
        assert!(err.to_string().ends_with("（另有 1 处问题）"), "{err}");
        // Text, but not JSON text; bytes, but not text.
        assert!(matches!(
            decode_framework(&code_of("不是 JSON")),
            Err(ShareError::Framework(_))
        ));
        let not_text =
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&[0xff, 0xfe], 9));
        assert_eq!(
            decode_framework(&format!("{CODEC}.{not_text}")),
            Err(ShareError::NotText)
        );
    }

    #[test]
    fn hostile_framework_codes_are_refused_quickly() {
        // A bomb: a small code inflating past the framework cap (well below a document's).
        let bomb = vec![b' '; crate::caps::FRAMEWORK_BYTES + 1];
        let code = format!(
            "{CODEC}.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&bomb, 9))
        );
        assert!(code.len() < 2_000, "small link, huge content");
        assert_eq!(decode_framework(&code), Err(ShareError::TooLarge));
        // A nesting deep enough to overflow a naive reader's stack, within the cap.
        let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
        assert!(matches!(
            decode_framework(&code_of(&deep)),
            Err(ShareError::Framework(_))
        ));
        let equals = "=".repeat(MAX_ENCODED);
        assert!(matches!(
            decode_framework(&equals),
            Err(ShareError::UnknownCodec(_))
        ));
        let padded = format!("{CODEC}.{}", "=".repeat(MAX_ENCODED - 3));
        assert_eq!(decode_framework(&padded), Err(ShareError::NotDeflate));
        assert_eq!(decode(&padded), Err(ShareError::NotDeflate));
        assert_eq!(
            decode_framework(&format!("{CODEC}.{}", "=".repeat(MAX_ENCODED))),
            Err(ShareError::TooLarge)
        );
        for junk in [
            "",
            "z1.",
            "z1",
            ".",
            "z1.!!!",
            "z1.AAAA",
            "\u{0}",
            "z1.\u{2028}",
            "🙂.🙂",
        ] {
            assert!(decode_framework(junk).is_err(), "{junk:?}");
        }
    }

    #[test]
    fn a_fragment_holds_a_document_or_a_framework() {
        assert_eq!(
            fragment_code("#framework=z1.abc", FRAMEWORK_KEY),
            Some("z1.abc")
        );
        assert_eq!(fragment_code("#framework=z1.abc", FRAGMENT_KEY), None);
        assert_eq!(
            fragment_code("#x=1&framework=z1.abc?nsukey=1", FRAMEWORK_KEY),
            Some("z1.abc")
        );
        assert_eq!(code_in_fragment("#framework=z1.abc"), None);
        assert_eq!(fragment_code("#frameworks=z1.abc", FRAMEWORK_KEY), None);
    }
}
