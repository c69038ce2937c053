//! Loading a document file: its size and JSON (read as any file from outside is, see `intake.rs`), the format tag,
//! the schema number and a migration from every past schema, then the gate's rules ([`crate::gate`]).
//!
//! Each schema this app ever wrote has a fixture under `tests/fixtures/` and a test that loads it.
//! A newer schema than this build knows is a distinct error, so the app can open it read-only.

use std::fmt;

use serde_json::Value;

use crate::caps;
use crate::document::{Document, FORMAT, SCHEMA};
use crate::gate::check_document;
use crate::intake::{parse_json, read_typed, Refusal};

#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// Not JSON at all (the message says where it broke).
    NotJson(String),
    /// Larger than any real document.
    TooLarge { bytes: usize, cap: usize },
    /// JSON, but not an evaluation document.
    WrongFormat(String),
    /// Written by a newer version of the app.
    NewerSchema(u32),
    /// A schema number that no version of the app ever wrote.
    UnknownSchema,
    /// The right format and schema, but fields break the gate's rules (see [`crate::gate`]).
    Refused(Vec<Refusal>),
}

/// How many problems a refusal lists before it says "and N more".
const LISTED_PROBLEMS: usize = 8;

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotJson(message) => write!(f, "{message}"),
            LoadError::TooLarge { bytes, cap } => write!(
                f,
                "文档过大（{bytes} 字节，上限 {cap} 字节），已拒绝打开；请确认文件是否正确"
            ),
            LoadError::WrongFormat(found) => {
                let found: String = found.chars().take(40).collect();
                write!(
                    f,
                    "这不是绩效自评文档（格式标记为“{found}”，应为“{FORMAT}”）"
                )
            }
            LoadError::NewerSchema(v) => {
                write!(
                    f,
                    "该文档由较新版本的程序保存（版本 {v}，本程序支持到 {SCHEMA}），请更新后再编辑"
                )
            }
            LoadError::UnknownSchema => write!(f, "文档缺少有效的版本号（schema），无法读取"),
            LoadError::Refused(refusals) => {
                // The caller says what to do (import again, ask for a new link, export the stored data).
                write!(f, "文档有 {} 处不符合要求：", refusals.len())?;
                let listed: Vec<String> = (1..)
                    .zip(refusals.iter().take(LISTED_PROBLEMS))
                    .map(|(n, refusal)| format!("{n}. {refusal}"))
                    .collect();
                write!(f, "{}", listed.join("；"))?;
                if refusals.len() > LISTED_PROBLEMS {
                    write!(f, "……等共 {} 处", refusals.len())?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// Reads a document from JSON text: size, JSON, format and schema (migrating older ones), then the gate's rules.
pub fn load_document(text: &str) -> Result<Document, LoadError> {
    if text.len() > caps::FILE_BYTES {
        return Err(LoadError::TooLarge {
            bytes: text.len(),
            cap: caps::FILE_BYTES,
        });
    }
    load_value(parse_json(text).map_err(LoadError::NotJson)?)
}

/// Reads a document from an already parsed JSON value (the export worker's input, a stored envelope).
pub fn load_value(value: Value) -> Result<Document, LoadError> {
    let (doc, mut refusals): (Document, _) =
        read_typed(migrate_value(value)?).map_err(LoadError::Refused)?;
    refusals.extend(check_document(&doc));
    if refusals.is_empty() {
        Ok(doc)
    } else {
        Err(LoadError::Refused(refusals))
    }
}

/// Checks the format tag and the schema, and brings an older schema up to [`SCHEMA`] one step at a time.
/// Schema 1 is the first and current one; a future schema 2 adds a `1 => …` step here and a fixture for
/// schema 1 stays in the tests.
fn migrate_value(value: Value) -> Result<Value, LoadError> {
    let format = value
        .get("format")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if format != FORMAT {
        return Err(LoadError::WrongFormat(format));
    }
    let schema = value
        .get("schema")
        .and_then(Value::as_u64)
        .and_then(|s| u32::try_from(s).ok())
        .ok_or(LoadError::UnknownSchema)?;
    match schema {
        SCHEMA => Ok(value),
        newer if newer > SCHEMA => Err(LoadError::NewerSchema(newer)),
        _ => Err(LoadError::UnknownSchema),
    }
}

/// The document as pretty JSON, the form files and storage keep.
pub fn to_json(doc: &Document) -> String {
    // Serializing plain structs with string keys cannot fail.
    serde_json::to_string_pretty(doc).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;

    #[test]
    fn schema_1_fixture_loads() {
        let doc =
            load_document(include_str!("../tests/fixtures/schema-1.json")).expect("schema 1 loads");
        assert_eq!(doc.schema, SCHEMA);
        assert_eq!(doc.unit.name, "示例单位（数据为虚构）");
        assert_eq!(
            doc.finance.procurement_plan,
            Some(rust_decimal::Decimal::new(10000, 2))
        );
        assert_eq!(doc.finance.budget_initial, None, "missing stays missing");
    }

    #[test]
    fn round_trip_keeps_everything() {
        for doc in [samples::seed(), samples::example()] {
            let again = load_document(&to_json(&doc)).unwrap();
            assert_eq!(again, doc);
        }
    }

    #[test]
    fn decimals_are_strings_in_json() {
        let json = to_json(&samples::seed());
        assert!(
            json.contains("\"procurement_plan\": \"2058.65\""),
            "{}",
            &json[..200]
        );
    }

    #[test]
    fn absurd_numbers_are_refused_at_load() {
        let mut value: serde_json::Value =
            serde_json::from_str(&to_json(&samples::example())).unwrap();
        value["finance"]["spending_total"] =
            serde_json::Value::from("79228162514264337593543950335");
        assert!(
            matches!(load_value(value.clone()), Err(LoadError::Refused(r)) if r[0].problem.contains("数值过大"))
        );
        value["finance"]["spending_total"] = serde_json::Value::from("100");
        value["framework"]["level1"][0]["level2"][0]["indicators"][0]["weight"] =
            serde_json::Value::from("-1e13");
        assert!(load_value(value).is_err());
    }

    #[test]
    fn errors_are_told_apart() {
        assert!(matches!(load_document("{"), Err(LoadError::NotJson(_))));
        assert!(matches!(
            load_document("{\"format\":\"other\"}"),
            Err(LoadError::WrongFormat(_))
        ));
        assert!(matches!(
            load_document("{\"format\":\"zipin.evaluation\",\"schema\":99}"),
            Err(LoadError::NewerSchema(99))
        ));
        assert!(matches!(
            load_document("{\"format\":\"zipin.evaluation\",\"schema\":1}"),
            Err(LoadError::Refused(_))
        ));
        assert!(matches!(
            load_document("{\"format\":\"zipin.evaluation\"}"),
            Err(LoadError::UnknownSchema)
        ));
        let msg = LoadError::NewerSchema(99).to_string();
        assert!(msg.contains("较新版本"));
    }
}
