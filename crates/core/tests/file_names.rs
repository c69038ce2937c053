//! File names made from what a document holds (`Document::file_name`, `safe_file_name`): whatever the unit name
//! is, the name saves on Windows, macOS and Linux, shows what it is, and keeps its extension.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::disallowed_methods
)] // Tests, benchmarks and examples may panic and use literals; the library code may not.

use proptest::prelude::*;
use zipin_core::document::safe_file_name;
use zipin_core::samples;

fn named(unit: &str, year: Option<u16>) -> zipin_core::Document {
    let mut doc = samples::example();
    doc.unit.name = unit.to_string();
    doc.unit.year = year;
    doc
}

/// The part before the extension, when there is one of the kind `file_name` writes.
fn stem(name: &str) -> &str {
    match name.rsplit_once('.') {
        Some((stem, ext)) if ["docx", "xlsx", "json", "gz"].contains(&ext) => stem,
        _ => name,
    }
}

const BIDI: [char; 12] = [
    '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];
const ZERO_WIDTH: [char; 5] = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'];

/// What Windows reads as a device, whatever follows the first dot (an independent statement of the rule).
fn is_device(name: &str) -> bool {
    let first = name
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_uppercase();
    let mut devices = vec![
        "CON".to_string(),
        "PRN".to_string(),
        "AUX".to_string(),
        "NUL".to_string(),
    ];
    for n in [
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '¹', '²', '³',
    ] {
        devices.push(format!("COM{n}"));
        devices.push(format!("LPT{n}"));
    }
    devices.contains(&first)
}

#[test]
fn an_ordinary_name_is_kept() {
    assert_eq!(
        samples::seed().file_name("整体绩效自评报告", "docx"),
        "广东省科技监测中心2024年度整体绩效自评报告.docx"
    );
    assert_eq!(
        named("示例单位（数据为虚构）", None).file_name("绩效自评表", "xlsx"),
        "示例单位（数据为虚构）绩效自评表.xlsx"
    );
    assert_eq!(safe_file_name("某单位 - 备份.json"), "某单位 - 备份.json");
}

#[test]
fn characters_windows_and_macos_refuse_are_dropped() {
    assert_eq!(
        named("a/b\\c:d*e?f\"g<h>i|j", Some(2024)).file_name("报告", "docx"),
        "abcdefghij2024年度报告.docx"
    );
}

#[test]
fn control_characters_are_dropped() {
    assert_eq!(
        named(
            "广东\u{0}省\u{7}科技\u{1B}[31m监测\t中心\n\u{7F}\u{85}\u{9F}",
            Some(2024)
        )
        .file_name("整体绩效自评报告", "docx"),
        "广东省科技[31m监测中心2024年度整体绩效自评报告.docx"
    );
}

#[test]
fn bidi_controls_and_zero_width_characters_are_dropped() {
    // The classic trick: a right-to-left override makes "xcod.exe" display as "exe.docx".
    assert_eq!(
        safe_file_name("报告\u{202E}xcod.exe.docx"),
        "报告xcod.exe.docx"
    );
    for c in BIDI.into_iter().chain(ZERO_WIDTH) {
        let doc = named(&format!("{c}某{c}中心{c}"), Some(2024));
        assert_eq!(
            doc.file_name("整体绩效自评报告", "docx"),
            "某中心2024年度整体绩效自评报告.docx",
            "U+{:04X}",
            u32::from(c)
        );
    }
}

#[test]
fn trailing_dots_and_spaces_are_trimmed() {
    assert_eq!(safe_file_name("报告. . .docx"), "报告.docx");
    assert_eq!(safe_file_name("报告.docx . "), "报告.docx");
    assert_eq!(safe_file_name("  报告 ..  "), "报告");
    // A leading dot would hide the file on macOS and Linux.
    assert_eq!(safe_file_name("..报告.json"), "报告.json");
    assert_eq!(
        named("某中心. ", None).file_name("数据", "json"),
        "某中心. 数据.json",
        "inside the name they stay"
    );
}

#[test]
fn a_windows_device_name_gets_a_prefix() {
    for (name, safe) in [
        ("CON.docx", "_CON.docx"),
        ("con.docx", "_con.docx"),
        ("nul .json", "_nul.json"),
        ("Aux", "_Aux"),
        ("PRN.xlsx", "_PRN.xlsx"),
        ("COM1.xlsx", "_COM1.xlsx"),
        ("com9 .docx", "_com9.docx"),
        ("LPT1.tar.gz", "_LPT1.tar.gz"),
        ("lpt5.备份.json", "_lpt5.备份.json"),
        ("COM¹.docx", "_COM¹.docx"),
    ] {
        assert_eq!(safe_file_name(name), safe, "{name}");
        assert!(is_device(name) && !is_device(safe), "{name}");
    }
    for name in [
        "CONSOLE.docx",
        "COM10.docx",
        "NULL.json",
        "CON中心.docx",
        "LPT.xlsx",
        "某CON.docx",
    ] {
        assert_eq!(safe_file_name(name), name, "not a device");
    }
    assert_eq!(
        named("CON.", None).file_name("整体绩效自评报告", "docx"),
        "_CON.整体绩效自评报告.docx"
    );
    assert_eq!(
        named("nul ", None).file_name("", "json"),
        "_nul.json",
        "through Document::file_name"
    );
}

#[test]
fn a_long_name_is_cut_before_the_extension() {
    let ascii = safe_file_name(&format!("{}.docx", "a".repeat(150)));
    assert_eq!(ascii, format!("{}.docx", "a".repeat(100)));

    let long_unit = "广东省".repeat(100);
    let name = named(&long_unit, Some(2024)).file_name("整体绩效自评报告", "docx");
    assert!(name.ends_with(".docx"), "{name}");
    let kept = stem(&name);
    assert!(long_unit.starts_with(kept), "{kept}");
    // 100 characters at most, and at most 200 bytes so the whole name stays within the 255 bytes Linux allows.
    assert!(kept.chars().count() <= 100 && kept.len() <= 200, "{kept}");
    assert_eq!(kept.chars().count(), 66, "as many 3-byte characters as fit");

    // Four-byte characters are never split, and a cut never leaves a trailing dot or space.
    let astral = safe_file_name(&format!("{}.xlsx", "𠀀".repeat(80)));
    assert_eq!(astral, format!("{}.xlsx", "𠀀".repeat(50)));
    let dotted = safe_file_name(&format!("{}. 第二部分.json", "a".repeat(99)));
    assert_eq!(dotted, format!("{}.json", "a".repeat(99)));
}

#[test]
fn nothing_left_becomes_unnamed() {
    assert_eq!(safe_file_name(""), "未命名");
    assert_eq!(safe_file_name(".docx"), "未命名.docx");
    assert_eq!(safe_file_name("???.xlsx"), "未命名.xlsx");
    assert_eq!(safe_file_name("\u{200B}\u{202E} . .json"), "未命名.json");
    assert_eq!(safe_file_name("\u{0}\u{1F}\u{FEFF}"), "未命名");
}

#[test]
fn a_safe_name_stays_as_it_is() {
    for name in [
        "广东省科技监测中心2024年度整体绩效自评报告.docx",
        "CON.docx",
        "nul .json",
        "报告. . .docx",
        "\u{202E}某中心\u{200B}.xlsx",
        "",
    ] {
        let once = safe_file_name(name);
        assert_eq!(safe_file_name(&once), once, "{name}");
    }
}

/// Characters a hostile unit name might be made of: the refused, the invisible, the padding, device names' parts.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        any::<char>(),
        prop::sample::select(vec![
            '.', ' ', '/', '\\', ':', '*', '?', '"', '<', '>', '|', '\u{0}', '\u{7F}', '\u{202E}',
            '\u{200B}', '\u{FEFF}', '\u{3000}', 'C', 'O', 'N', 'u', 'l', '1', '中', '𠀀',
        ]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn every_file_name_is_safe(unit in prop::collection::vec(hostile_char(), 0..160).prop_map(String::from_iter),
                               year in prop::option::of(0u16..3000)) {
        let name = named(&unit, year).file_name("整体绩效自评报告", "docx");
        prop_assert!(name.ends_with(".docx"), "{name}");
        let kept = stem(&name);
        prop_assert!(!kept.is_empty());
        prop_assert!(kept.chars().count() <= 100 && kept.len() <= 200, "{kept}");
        prop_assert!(!kept.ends_with(['.', ' ']) && !kept.starts_with(['.', ' ']), "{kept}");
        prop_assert!(!is_device(&name), "{name}");
        prop_assert!(!name.chars().any(|c| c.is_control()
            || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
            || BIDI.contains(&c)
            || ZERO_WIDTH.contains(&c)), "{name:?}");
    }

    #[test]
    fn any_text_gives_a_safe_name(text in prop::collection::vec(hostile_char(), 0..300).prop_map(String::from_iter)) {
        let name = safe_file_name(&text);
        prop_assert!(!name.is_empty());
        prop_assert!(!name.ends_with(['.', ' ']), "{name:?}");
        prop_assert!(!is_device(&name), "{name:?}");
        prop_assert!(name.len() <= 200 + 11, "{name:?}");
    }
}
