//! Caps on what may come in. No real unit comes near them (the seed's document is 40 KB of JSON with 0 target
//! rows in its table and 15 indicators; a large province's has perhaps 60 rows); they exist so that no document
//! can make the page slow or exhaust its memory. The README states them.

/// A document's JSON text (also the largest a share link may inflate to).
pub const DOCUMENT_BYTES: usize = 2 * 1024 * 1024;
/// A framework file's JSON text.
pub const FRAMEWORK_BYTES: usize = 512 * 1024;
/// A document file's text (pretty-printed JSON takes up to four times its compact form).
pub const FILE_BYTES: usize = 4 * DOCUMENT_BYTES;
/// One text: a paragraph, a reason, a standard (characters).
pub const TEXT_CHARS: usize = 20_000;
/// A name: of an indicator, a level, a checklist item, an option or a grade in a framework; of a department, a
/// division or a function line in a document (characters).
pub const NAME_CHARS: usize = 200;
/// A name cell of the 绩效目标 table (三级指标, 一级, 二级), printed in every line that scores the row.
pub const CELL_CHARS: usize = 100;
/// A value cell of the 绩效目标 table (指标值, 实际完成值): a figure, a date or a sentence for a qualitative
/// target; only what parses as a figure or a date is printed in the lines.
pub const VALUE_CHARS: usize = 1_000;
/// A 绩效目标 unit (个, 万元, %).
pub const UNIT_CHARS: usize = 20;
/// One id or map key (characters).
pub const KEY_CHARS: usize = 100;
/// 绩效目标 rows.
pub const TARGET_ROWS: usize = 500;
/// 项目支出绩效自评 forms in one document, and indicator rows (or overrides) in one project's form.
pub const PROJECTS: usize = 200;
pub const PROJECT_ROWS: usize = 100;
/// 重点工作任务 rows, 内设机构, 按功能分类支出 lines, 存在问题 items, 绩效目标概述 groups, items per group.
pub const LIST_ITEMS: usize = 200;
/// Entries of each answer map (checklists, cases, choices, manual scores, overrides, edited paragraphs).
pub const MAP_ENTRIES: usize = 1_000;
/// 一级 indicators; 二级 and 三级 indicators in the whole framework.
pub const LEVEL1: usize = 20;
pub const LEVEL2: usize = 100;
pub const INDICATORS: usize = 300;
/// Indicators scored from the 绩效目标 table (each one may read every row; real frameworks have 1 to 3).
pub const TARGET_INDICATORS: usize = 10;
/// Checklist items, bands, choice options, 一级 filters of one rule; grades; dimensions.
pub const RULE_ENTRIES: usize = 50;
/// Nesting of JSON arrays and objects (a document needs 9).
pub const DEPTH: usize = 32;
/// JSON values in one file, counted before it is parsed (the largest document at the caps has about 60,000).
pub const JSON_VALUES: usize = 250_000;
/// Units in one 汇总 batch.
pub const BATCH_UNITS: usize = 1_000;
/// The largest batch record the page keeps, and so the largest it reads back (a larger one is not the page's own,
/// and would only slow every start-up). Browsers keep about 5 million characters per site, shared with the
/// officer's documents (and every page of a github.io owner): a batch must leave them most of it.
pub const KEPT_BATCH_BYTES: usize = 1536 * 1024;
/// The longest any list may be, checked before the JSON is typed.
pub const LONGEST_LIST: usize = TARGET_ROWS;

// No list's cap is above the longest list the JSON checks let through before typing; checked when compiling.
const _: () = assert!(
    LIST_ITEMS <= LONGEST_LIST
        && LEVEL2 <= LONGEST_LIST
        && INDICATORS <= LONGEST_LIST
        && RULE_ENTRIES <= LONGEST_LIST
        && PROJECTS <= LONGEST_LIST
        && PROJECT_ROWS <= LONGEST_LIST
);
