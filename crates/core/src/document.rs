//! The evaluation document: every fact an officer enters, and nothing derived.
//!
//! Scores, totals, percentages and the report are pure functions of this document. A value not entered is
//! `None` (missing), never zero. Decimals are stored as strings in JSON so no figure passes through a float.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::framework::project::ProjectScheme;
use crate::framework::Framework;

/// The `format` tag of every evaluation document file.
pub const FORMAT: &str = crate::formats::DOCUMENT;
/// The schema this build writes. Older schemas are migrated on load (see [`crate::migrate`]).
pub const SCHEMA: u32 = 1;

pub type Money = Option<Decimal>;
pub type Count = Option<u32>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub format: String,
    pub schema: u32,
    pub unit: Unit,
    pub staff: Staff,
    /// 内设机构, in the order the report lists them.
    pub departments: Vec<String>,
    /// 年度总体工作.
    pub annual_work: String,
    /// 重点工作任务 table.
    pub key_tasks: Vec<KeyTask>,
    pub goals: Goals,
    pub targets: Vec<TargetRow>,
    pub finance: Finance,
    pub management: Management,
    pub conclusion: Conclusion,
    pub problems: Problems,
    /// 三、其他自评情况; empty is printed as "无".
    pub other_matters: String,
    /// Officer overrides of rule scores, by indicator id.
    pub overrides: BTreeMap<String, Override>,
    /// Report paragraphs the officer edited, by paragraph id; they replace the generated text until reset.
    pub edited_paragraphs: BTreeMap<String, String>,
    /// The framework this document is scored with: a copy, so an old evaluation never changes score
    /// when the built-in framework is updated.
    pub framework: Framework,
    /// 项目支出绩效自评: one form per project. Absent from a document without projects, which is written exactly
    /// as before they existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<Project>,
    /// The officer says every project is entered: then their 全年执行数 must add up to 项目支出.
    #[serde(default, skip_serializing_if = "is_false")]
    pub projects_complete: bool,
    /// The scheme the projects are scored by; none: the built-in 财预〔2020〕10号 form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_scheme: Option<ProjectScheme>,
}

fn is_false(value: &bool) -> bool {
    !value
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Unit {
    /// 单位全称, e.g. 广东省科技监测中心.
    pub name: String,
    /// 简称 used in the report's running text, e.g. 省科技监测中心.
    pub short_name: String,
    /// How the unit calls itself in the report: 我中心, 我单位, 本部门.
    pub self_reference: String,
    /// 主管部门, e.g. 广东省科学技术厅.
    pub supervisor: String,
    /// 预算年度 evaluated.
    pub year: Option<u16>,
    /// 单位性质, e.g. 公益二类正处级事业单位.
    pub nature: String,
    /// The finance department's notice the evaluation answers.
    pub notice: String,
    /// 机构编制文件 and history: the opening of 1.职能情况.
    pub mandate: String,
    /// 主要职责.
    pub duties: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Staff {
    /// The document that sets the establishment, e.g. 广东省机构编制委员会文件.
    pub establishment_source: String,
    /// The kind of establishment: 事业编制, 行政编制.
    pub authorized_kind: String,
    /// 核定编制数.
    pub authorized: Count,
    /// 领导职数 in total, and its 正职 / 副职 split.
    pub leaders_total: Count,
    pub leaders_chief: Count,
    pub leaders_deputy: Count,
    /// 编制内在职人数 (for 在职人员控制率).
    pub in_establishment: Count,
    /// 劳动合同制人员 and whether the report says "余" (approximately).
    pub contract: Count,
    pub contract_approximate: bool,
    /// 在职在岗工作人员 at year end.
    pub on_post: Count,
    pub average_age: Option<Decimal>,
    /// 本科及以上学历.
    pub bachelor_or_above: Count,
    /// 硕士学位 (and above).
    pub masters: Count,
    /// 中级及以上职称 as stated by the unit; checked against the three parts below.
    pub titled_total: Count,
    pub senior_full: Count,
    pub senior_deputy: Count,
    pub intermediate: Count,
    /// A free paragraph on the team, printed after the figures.
    pub team_description: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KeyTask {
    /// 对应处室.
    pub division: String,
    /// 中心承担的工作任务内容.
    pub content: String,
    /// 对接部门 (内设机构 of the unit).
    pub counterpart: String,
}

/// （三）部门整体支出绩效目标: the narrative of the year's goals and what was achieved.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Goals {
    pub intro: String,
    /// 一是…二是…: each group with its numbered achievements.
    pub groups: Vec<GoalGroup>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoalGroup {
    pub title: String,
    pub items: Vec<String>,
}

/// The comparison a 绩效目标 row states.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetOperator {
    /// ≥: more is better.
    #[default]
    AtLeast,
    /// ≤: less is better.
    AtMost,
    /// =: exactly this value.
    Equal,
    /// 定性: scored in one of three bands chosen by the officer.
    Qualitative,
    /// A deadline ("9月前"): met when done on or before the date.
    Deadline,
    /// 是/否.
    YesNo,
}

impl TargetOperator {
    pub const ALL: [TargetOperator; 6] = [
        TargetOperator::AtLeast,
        TargetOperator::AtMost,
        TargetOperator::Equal,
        TargetOperator::Qualitative,
        TargetOperator::Deadline,
        TargetOperator::YesNo,
    ];

    pub fn symbol(self) -> &'static str {
        match self {
            TargetOperator::AtLeast => "≥",
            TargetOperator::AtMost => "≤",
            TargetOperator::Equal => "=",
            TargetOperator::Qualitative => "定性",
            TargetOperator::Deadline => "时限",
            TargetOperator::YesNo => "是/否",
        }
    }

    /// Reads the operator as officers write it in a pasted table.
    pub fn from_text(text: &str) -> Option<TargetOperator> {
        match text.trim() {
            "≥" | ">=" | "＞＝" | "≧" | "不低于" | "大于等于" => {
                Some(TargetOperator::AtLeast)
            }
            "≤" | "<=" | "＜＝" | "≦" | "不高于" | "小于等于" => {
                Some(TargetOperator::AtMost)
            }
            "=" | "＝" | "等于" => Some(TargetOperator::Equal),
            "定性" => Some(TargetOperator::Qualitative),
            "时限" | "日期" => Some(TargetOperator::Deadline),
            "是/否" | "是否" => Some(TargetOperator::YesNo),
            _ => None,
        }
    }
}

/// The officer's judgement of a qualitative target (财预〔2020〕10号 three bands).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QualitativeGrade {
    /// 达成: 80%–100% of the weight.
    Achieved,
    /// 部分达成: 60%–80%.
    Partial,
    /// 未达成: 0–60%.
    NotAchieved,
}

impl QualitativeGrade {
    pub const ALL: [QualitativeGrade; 3] = [
        QualitativeGrade::Achieved,
        QualitativeGrade::Partial,
        QualitativeGrade::NotAchieved,
    ];

    pub fn label(self) -> &'static str {
        match self {
            QualitativeGrade::Achieved => "达成",
            QualitativeGrade::Partial => "部分达成",
            QualitativeGrade::NotAchieved => "未达成",
        }
    }

    /// The band as a share of the weight, in percent: (lowest, highest), both inclusive.
    pub fn band_percent(self) -> (Decimal, Decimal) {
        match self {
            QualitativeGrade::Achieved => (Decimal::from(80), Decimal::ONE_HUNDRED),
            QualitativeGrade::Partial => (Decimal::from(60), Decimal::from(80)),
            QualitativeGrade::NotAchieved => (Decimal::ZERO, Decimal::from(60)),
        }
    }
}

/// One 绩效目标 row: 一级 | 二级 | 三级 | operator | 指标值 | 单位 | 实际完成值 | 权重 | 偏差原因.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TargetRow {
    /// 产出 / 效益 / 满意度.
    pub level1: String,
    /// 数量 / 质量 / 时效 / 成本 / 社会效益 / 服务对象满意度 …
    pub level2: String,
    /// 三级指标名称.
    pub name: String,
    pub operator: TargetOperator,
    /// 指标值 as entered: a number for ≥ ≤ =, a date (YYYY-MM-DD) for a deadline, 是 for yes/no, text otherwise.
    pub target: String,
    pub unit: String,
    /// 实际完成值, in the same form as the target; empty when not yet entered.
    pub actual: String,
    /// 权重 (points); when no row of an indicator has one, its 分值 is split equally.
    pub weight: Option<Decimal>,
    /// For a qualitative target: the band and the score the officer picks inside it.
    pub grade: Option<QualitativeGrade>,
    pub qualitative_score: Option<Decimal>,
    /// 偏差原因, required when the target was not met.
    pub deviation_reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Finance {
    /// 年初预算数.
    pub budget_initial: Money,
    /// 全年预算数 (调整后).
    pub budget_final: Money,
    /// 全年执行数 = 部门整体支出.
    pub spending_total: Money,
    /// 基本支出 and 项目支出.
    pub spending_basic: Money,
    pub spending_project: Money,
    /// 支出按功能分类 (科学技术支出, 社会保障和就业支出 …).
    pub by_function: Vec<FunctionLine>,
    /// 上年结转 and 年末结转结余.
    pub carryover_previous: Money,
    pub carryover_end: Money,
    pub three_public: ThreePublic,
    /// 公用经费.
    pub public_funds_budget: Money,
    pub public_funds_actual: Money,
    /// 政府采购.
    pub procurement_plan: Money,
    pub procurement_actual: Money,
    /// 固定资产 (万元).
    pub fixed_assets_total: Money,
    pub fixed_assets_in_use: Money,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FunctionLine {
    pub name: String,
    pub amount: Money,
}

/// "三公"经费: 因公出国(境)费, 公务用车购置及运行费, 公务接待费.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ThreePublic {
    /// The sentence before the figures, e.g. 我中心厉行节俭，严格执行八项规定。
    pub narrative: String,
    pub budget: Money,
    pub actual: Money,
    /// 上年实际, for the year-on-year change.
    pub previous: Money,
    pub abroad: BudgetActual,
    pub vehicles: BudgetActual,
    pub reception: BudgetActual,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BudgetActual {
    pub budget: Money,
    pub actual: Money,
}

/// Answers the management indicators need, keyed by indicator id so any framework can ask for them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Management {
    /// Checklist answers: indicator id → item id → met.
    pub checklists: BTreeMap<String, BTreeMap<String, bool>>,
    /// Case counts for deduct-per-case indicators.
    pub cases: BTreeMap<String, u32>,
    /// The option chosen for choice indicators.
    pub choices: BTreeMap<String, String>,
    /// Scores given by hand for manual indicators.
    pub manual: BTreeMap<String, Decimal>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Conclusion {
    /// How the evaluation was done; the generated sentence naming dimensions, aspects and grade follows it.
    pub method: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Problems {
    pub intro: String,
    pub items: Vec<Problem>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Problem {
    /// The measure's heading sentence, e.g. 持续提高预算编制精准度。
    pub title: String,
    pub text: String,
}

/// An officer's score in place of the rule's; it takes effect only with a reason.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Override {
    pub score: Decimal,
    pub reason: String,
}

/// `name` without the characters Windows and macOS refuse in a file name.
pub fn safe_file_name(name: &str) -> String {
    // `name` is a whole file name, extension included. Besides the characters Windows and macOS refuse, it loses
    // control characters (Unicode Cc), bidi controls (which can make "报告\u{202E}xcod.exe" read as
    // "报告exe.docx") and invisible zero-width or format characters; the name before the extension loses leading
    // and trailing dots and spaces (Windows drops trailing ones, a leading dot hides a file elsewhere); a Windows
    // device name (CON, NUL.txt, "nul .json", COM1.tar.gz …) gets a "_" in front; the name before the
    // extension is cut to 100 characters and 200 UTF-8 bytes (with the extension, within the 255 bytes Linux
    // and macOS allow); and nothing left becomes "未命名".
    const MAX_CHARS: usize = 100;
    const MAX_BYTES: usize = 200;

    fn dropped(c: char) -> bool {
        matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
            || c.is_control()
            || matches!(
                c,
                '\u{00AD}' // soft hyphen
                | '\u{061C}' // Arabic letter mark
                | '\u{180E}' // Mongolian vowel separator
                | '\u{200B}'..='\u{200F}' // zero-width space, non-joiner, joiner; LRM, RLM
                | '\u{2028}' | '\u{2029}' // line and paragraph separators
                | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
                | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
                | '\u{2066}'..='\u{2069}' // bidi isolates
                | '\u{FEFF}' // zero-width no-break space (BOM)
                | '\u{FFF9}'..='\u{FFFB}' // interlinear annotation
                | '\u{E0000}'..='\u{E007F}' // tag characters
            )
    }
    fn padding(c: char) -> bool {
        c == '.' || c.is_whitespace()
    }
    /// Windows reads "CON", "con.docx", "NUL .json" or "LPT1.tar.gz" as a device, whatever the extension.
    fn reserved(stem: &str) -> bool {
        let device = stem
            .split('.')
            .next()
            .unwrap_or_default()
            .trim_end_matches(char::is_whitespace)
            .to_ascii_uppercase();
        let numbered = |prefix: &str| {
            device.strip_prefix(prefix).is_some_and(|n| {
                let mut n = n.chars();
                matches!(n.next(), Some('0'..='9' | '¹' | '²' | '³')) && n.next().is_none()
            })
        };
        matches!(device.as_str(), "CON" | "PRN" | "AUX" | "NUL")
            || numbered("COM")
            || numbered("LPT")
    }
    /// At most [`MAX_CHARS`] characters and [`MAX_BYTES`] bytes of `stem`, cut on a character boundary.
    fn capped(stem: &str) -> &str {
        let end = stem
            .char_indices()
            .map(|(i, c)| i.saturating_add(c.len_utf8()))
            .take(MAX_CHARS)
            .take_while(|&end| end <= MAX_BYTES)
            .last()
            .unwrap_or(0);
        stem.get(..end)
            .unwrap_or_default()
            .trim_end_matches(padding)
    }

    let clean: String = name.chars().filter(|&c| !dropped(c)).collect();
    let whole = clean.trim_end_matches(padding);
    let (stem, extension) = match whole.rsplit_once('.') {
        Some((stem, ext))
            if (1..=10).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            (stem, Some(ext))
        }
        _ => (whole, None),
    };
    let mut stem = capped(stem.trim_matches(padding)).to_string();
    if stem.is_empty() {
        stem = "未命名".to_string();
    } else if reserved(&stem) {
        stem = capped(&format!("_{stem}")).to_string();
    }
    match extension {
        Some(ext) => format!("{stem}.{ext}"),
        None => stem,
    }
}

impl Document {
    /// An empty document scored with `framework`.
    pub fn blank(framework: Framework) -> Document {
        Document {
            format: FORMAT.to_string(),
            schema: SCHEMA,
            unit: Unit {
                self_reference: "我单位".to_string(),
                ..Unit::default()
            },
            staff: Staff::default(),
            departments: Vec::new(),
            annual_work: String::new(),
            key_tasks: Vec::new(),
            goals: Goals::default(),
            targets: Vec::new(),
            finance: Finance::default(),
            management: Management::default(),
            conclusion: Conclusion::default(),
            problems: Problems::default(),
            other_matters: String::new(),
            overrides: BTreeMap::new(),
            edited_paragraphs: BTreeMap::new(),
            framework,
            projects: Vec::new(),
            projects_complete: false,
            project_scheme: None,
        }
    }

    /// A new document for the next year: the unit's facts carried over, this year's spending as 上年 figures,
    /// and everything that belongs to one year (targets, answers, overrides, edits) left empty.
    pub fn next_year(&self) -> Document {
        let mut next = Document::blank(self.framework.clone());
        next.unit = self.unit.clone();
        next.unit.year = self.unit.year.and_then(|y| y.checked_add(1));
        next.staff = Staff {
            establishment_source: self.staff.establishment_source.clone(),
            authorized_kind: self.staff.authorized_kind.clone(),
            authorized: self.staff.authorized,
            leaders_total: self.staff.leaders_total,
            leaders_chief: self.staff.leaders_chief,
            leaders_deputy: self.staff.leaders_deputy,
            team_description: self.staff.team_description.clone(),
            ..Staff::default()
        };
        next.departments = self.departments.clone();
        next.conclusion = self.conclusion.clone();
        next.finance.carryover_previous = self.finance.carryover_end;
        next.finance.three_public.previous = self.finance.three_public.actual;
        next.finance.three_public.narrative = self.finance.three_public.narrative.clone();
        next.finance.by_function = self
            .finance
            .by_function
            .iter()
            .map(|line| FunctionLine {
                name: line.name.clone(),
                amount: None,
            })
            .collect();
        next
    }

    /// The name an exported file gets: `广东省科技监测中心2024年度整体绩效自评报告.docx`.
    pub fn file_name(&self, what: &str, extension: &str) -> String {
        let year = self
            .unit
            .year
            .map(|y| format!("{y}年度"))
            .unwrap_or_default();
        safe_file_name(&format!("{}{year}{what}.{extension}", self.unit_label()))
    }

    /// The display name of the unit, or a placeholder when none is entered yet.
    pub fn unit_label(&self) -> String {
        if self.unit.name.trim().is_empty() {
            "未命名单位".to_string()
        } else {
            self.unit.name.clone()
        }
    }

    /// How the report refers to the unit in running text.
    pub fn short_name(&self) -> &str {
        if !self.unit.short_name.trim().is_empty() {
            &self.unit.short_name
        } else if !self.unit.name.trim().is_empty() {
            &self.unit.name
        } else {
            "本单位"
        }
    }

    pub fn self_reference(&self) -> &str {
        if self.unit.self_reference.trim().is_empty() {
            "我单位"
        } else {
            &self.unit.self_reference
        }
    }
}

// 项目支出绩效自评 (crates/core/src/project scores and checks them).

/// One project's self-evaluation form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    /// 项目名称.
    pub name: String,
    /// 主管部门; empty: the unit's own.
    pub department: String,
    /// 实施单位.
    pub implementer: String,
    /// 项目属性.
    pub kind: ProjectKind,
    /// 项目负责人.
    pub leader: String,
    pub funds: Funds,
    /// Why 执行率 is below the scheme's line (Sichuan asks for one below 90%).
    pub execution_reason: String,
    /// 年度总体目标: 预期目标 and 实际完成情况.
    pub goal_expected: String,
    pub goal_actual: String,
    /// 绩效指标: 一级 | 二级 | 三级 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 偏差原因.
    pub rows: Vec<TargetRow>,
    /// Scores the officer sets instead of the formula's, each with its reason.
    pub overrides: Vec<RowOverride>,
    /// The short self-evaluation text: 自评结论, 存在问题, 改进措施.
    pub conclusion: String,
    pub problems: String,
    pub measures: String,
}

impl Project {
    /// The officer's override of the indicator row at `row` (the last one set, should the list hold two).
    pub fn override_of(&self, row: usize) -> Option<&RowOverride> {
        self.overrides.iter().rev().find(|o| o.row == row)
    }
}

/// 项目属性.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectKind {
    #[default]
    Unset,
    /// 新增.
    New,
    /// 延续.
    Continuing,
}

impl ProjectKind {
    pub fn label(self) -> &'static str {
        match self {
            ProjectKind::Unset => "",
            ProjectKind::New => "新增",
            ProjectKind::Continuing => "延续",
        }
    }
}

/// The funds block (万元): 年度资金总额 and, below it, 其中 当年财政拨款 / 上年结转资金 / 其他资金.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Funds {
    pub total: FundsRow,
    pub fiscal: FundsRow,
    pub carryover: FundsRow,
    pub other: FundsRow,
}

/// One row of the funds block: 年初预算数 | 全年预算数 (调整后) | 全年执行数.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FundsRow {
    pub initial: Money,
    pub adjusted: Money,
    pub spent: Money,
}

/// The rows of the funds block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FundsLine {
    Total,
    Fiscal,
    Carryover,
    Other,
}

impl FundsLine {
    pub const ALL: [FundsLine; 4] = [
        FundsLine::Total,
        FundsLine::Fiscal,
        FundsLine::Carryover,
        FundsLine::Other,
    ];
    /// The 其中 rows, whose sum the total row must be.
    pub const PARTS: [FundsLine; 3] = [FundsLine::Fiscal, FundsLine::Carryover, FundsLine::Other];

    pub fn key(self) -> &'static str {
        match self {
            FundsLine::Total => "total",
            FundsLine::Fiscal => "fiscal",
            FundsLine::Carryover => "carryover",
            FundsLine::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FundsLine::Total => "年度资金总额",
            FundsLine::Fiscal => "当年财政拨款",
            FundsLine::Carryover => "上年结转资金",
            FundsLine::Other => "其他资金",
        }
    }
}

/// The columns of the funds block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FundsColumn {
    Initial,
    Adjusted,
    Spent,
}

impl FundsColumn {
    pub const ALL: [FundsColumn; 3] = [
        FundsColumn::Initial,
        FundsColumn::Adjusted,
        FundsColumn::Spent,
    ];

    pub fn key(self) -> &'static str {
        match self {
            FundsColumn::Initial => "initial",
            FundsColumn::Adjusted => "adjusted",
            FundsColumn::Spent => "spent",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FundsColumn::Initial => "年初预算数",
            FundsColumn::Adjusted => "全年预算数",
            FundsColumn::Spent => "全年执行数",
        }
    }
}

impl Funds {
    pub fn row(&self, line: FundsLine) -> &FundsRow {
        match line {
            FundsLine::Total => &self.total,
            FundsLine::Fiscal => &self.fiscal,
            FundsLine::Carryover => &self.carryover,
            FundsLine::Other => &self.other,
        }
    }

    pub fn row_mut(&mut self, line: FundsLine) -> &mut FundsRow {
        match line {
            FundsLine::Total => &mut self.total,
            FundsLine::Fiscal => &mut self.fiscal,
            FundsLine::Carryover => &mut self.carryover,
            FundsLine::Other => &mut self.other,
        }
    }
}

impl FundsRow {
    pub fn get(&self, column: FundsColumn) -> Money {
        match column {
            FundsColumn::Initial => self.initial,
            FundsColumn::Adjusted => self.adjusted,
            FundsColumn::Spent => self.spent,
        }
    }

    pub fn get_mut(&mut self, column: FundsColumn) -> &mut Money {
        match column {
            FundsColumn::Initial => &mut self.initial,
            FundsColumn::Adjusted => &mut self.adjusted,
            FundsColumn::Spent => &mut self.spent,
        }
    }
}

/// A score the officer sets for an indicator row instead of the formula's (a deduction where the formula gives
/// full marks, as published forms do), with the reason, which the form prints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RowOverride {
    /// The row's index in the project's rows.
    pub row: usize,
    pub score: Option<Decimal>,
    pub reason: String,
}
