//! The 整体绩效自评报告 in the Guangdong outline (domain.md §3), generated paragraph by paragraph.
//!
//! Sentences with figures come from the data. An officer's edited paragraph (by id) replaces the generated one
//! until reset; headings are fixed by the outline.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::document::{Document, TargetOperator};
use crate::metrics::{Metric, MetricValue};
use crate::number::{fmt_percent, fmt_plain, fmt_score};
use crate::present::hints::staff_share;
use crate::project::digest::ProjectsDigest;
use crate::scoring::targets::{assess, Assessment};
use crate::scoring::Evaluation;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Title,
    /// 一、
    Heading1,
    /// （一）
    Heading2,
    /// 1.
    Heading3,
    Paragraph,
    Table,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    /// Stable id; edits are stored under it.
    pub id: String,
    pub kind: BlockKind,
    /// The text shown: the officer's edit if there is one, otherwise the generated text.
    pub text: String,
    /// What the data generates, kept for "reset" and to show what an edit departs from.
    pub generated: String,
    pub edited: bool,
    pub table: Option<Table>,
}

/// Text placed where a figure the report needs has not been entered.
pub fn placeholder(what: &str) -> String {
    format!("【待填：{what}】")
}

struct Builder<'a> {
    doc: &'a Document,
    blocks: Vec<Block>,
}

impl<'a> Builder<'a> {
    fn push(&mut self, id: &str, kind: BlockKind, generated: String) {
        let edit = if kind == BlockKind::Paragraph {
            self.doc.edited_paragraphs.get(id)
        } else {
            None
        };
        self.blocks.push(Block {
            id: id.to_string(),
            kind,
            text: edit.cloned().unwrap_or_else(|| generated.clone()),
            edited: edit.is_some(),
            generated,
            table: None,
        });
    }

    fn heading(&mut self, id: &str, kind: BlockKind, text: &str) {
        self.push(id, kind, text.to_string());
    }

    /// A paragraph, skipped when the data gives nothing to say and the officer wrote nothing either.
    fn paragraph(&mut self, id: &str, generated: String) {
        if !generated.trim().is_empty() || self.doc.edited_paragraphs.contains_key(id) {
            self.push(id, BlockKind::Paragraph, generated);
        }
    }

    fn table(&mut self, id: &str, table: Table) {
        self.blocks.push(Block {
            id: id.to_string(),
            kind: BlockKind::Table,
            text: String::new(),
            generated: String::new(),
            edited: false,
            table: Some(table),
        });
    }
}

const CHINESE_ORDINALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// 1 → 一, 12 → 十二, 26 → 二十六 (enough for counts of departments and goal groups).
pub fn chinese_number(n: usize) -> String {
    // The digit 1–9 (or 10) as a character; `None` outside, which the match below never asks for.
    let digit = |d: usize| {
        d.checked_sub(1)
            .and_then(|i| CHINESE_ORDINALS.get(i))
            .copied()
    };
    let (tens, units) = (
        n.checked_div(10).unwrap_or(0),
        n.checked_rem(10).unwrap_or(0),
    );
    let text = match n {
        0 => Some("零".to_string()),
        1..=10 => digit(n).map(str::to_string),
        11..=19 => digit(units).map(|u| format!("十{u}")),
        20..=99 => digit(tens).map(|t| match digit(units) {
            None => format!("{t}十"),
            Some(u) => format!("{t}十{u}"),
        }),
        _ => None,
    };
    text.unwrap_or_else(|| n.to_string())
}

/// An amount as the report prints it; nothing spent is written "0万元" as officers do.
fn wan(value: Decimal) -> String {
    if value.is_zero() {
        "0万元".to_string()
    } else {
        crate::number::fmt_wan(value)
    }
}

fn wan_or_placeholder(value: Option<Decimal>, what: &str) -> String {
    value.map(wan).unwrap_or_else(|| placeholder(what))
}

/// Ensures a sentence ends with a full stop (officers' entries sometimes do not).
fn sentence(text: &str) -> String {
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed.ends_with(['。', '！', '？', '：', '；']) {
        trimmed.to_string()
    } else {
        format!("{trimmed}。")
    }
}

/// The whole report of `doc`, scored as `evaluation`.
pub fn generate(doc: &Document, evaluation: &Evaluation) -> Vec<Block> {
    let projects = crate::project::digest::digest_of(doc);
    generate_with(doc, evaluation, projects.as_ref())
}

/// [`generate`] with the digest of `doc`'s projects already made (the page keeps its projects scored between
/// keystrokes); `None` leaves the paragraph on the projects out.
pub fn generate_with(
    doc: &Document,
    evaluation: &Evaluation,
    projects: Option<&ProjectsDigest>,
) -> Vec<Block> {
    let mut b = Builder {
        doc,
        blocks: Vec::new(),
    };
    let year = doc
        .unit
        .year
        .map(|y| y.to_string())
        .unwrap_or_else(|| placeholder("年度"));
    let me = doc.self_reference().to_string();
    // "我中心" → "中心": how the running text names the unit without the possessive.
    let unit_word = me
        .strip_prefix('我')
        .filter(|w| !w.is_empty())
        .unwrap_or("本单位")
        .to_string();

    b.heading(
        "title",
        BlockKind::Title,
        &format!("{}{}年度整体绩效自评报告", doc.unit_label(), year),
    );
    let notice = if doc.unit.notice.trim().is_empty() {
        placeholder("自评工作通知名称")
    } else {
        doc.unit.notice.trim().to_string()
    };
    let dimensions = dimensions_text(doc);
    b.paragraph(
        "preamble",
        format!(
            "根据《{notice}》等文件要求，{short}切实落实全面实施预算绩效管理的要求，进一步压实{unit_word}作为预算绩效管理的主体责任，\
增强绩效管理意识，认真开展绩效自评工作，按照{me}申报的{year}年部门预算整体绩效目标和{year}年度{me}工作任务完成情况，\
从部门整体{dimensions}两个维度开展整体支出绩效自评，形成了本绩效评价报告。",
            short = doc.short_name(),
        ),
    );

    b.heading("h-basic", BlockKind::Heading1, "一、部门基本情况");
    b.heading("h-functions", BlockKind::Heading2, "（一）部门职能");
    b.heading("h-duties", BlockKind::Heading3, "1.职能情况");
    b.paragraph("mandate", sentence(&doc.unit.mandate));
    if !doc.unit.duties.trim().is_empty() {
        b.paragraph(
            "duties",
            format!("主要职责：{}", sentence(&doc.unit.duties)),
        );
    }
    b.heading("h-staff", BlockKind::Heading3, "2.人员情况");
    b.paragraph("staff", staff_paragraph(doc, &unit_word, &year));
    b.paragraph("team", sentence(&doc.staff.team_description));
    b.heading("h-departments", BlockKind::Heading3, "3.机构设置");
    b.paragraph("departments", departments_paragraph(doc, &unit_word));

    b.heading(
        "h-work",
        BlockKind::Heading2,
        "（二）年度总体工作和重点工作任务",
    );
    b.heading("h-annual-work", BlockKind::Heading3, "1.年度总体工作");
    b.paragraph("annual-work", sentence(&doc.annual_work));
    b.heading(
        "h-key-tasks",
        BlockKind::Heading3,
        &format!("2.重点工作任务（{year}年度）"),
    );
    let task_header = format!("{unit_word}承担的工作任务内容");
    b.table(
        "key-tasks",
        Table {
            header: vec!["对应处室".to_string(), task_header, "对接部门".to_string()],
            rows: doc
                .key_tasks
                .iter()
                .map(|t| vec![t.division.clone(), t.content.clone(), t.counterpart.clone()])
                .collect(),
        },
    );

    b.heading("h-goals", BlockKind::Heading2, "（三）部门整体支出绩效目标");
    b.paragraph("goals-intro", doc.goals.intro.trim().to_string());
    for (group, n) in doc.goals.groups.iter().zip(1_usize..) {
        let items: String = group
            .items
            .iter()
            .zip(1..)
            .map(|(item, n)| format!("（{n}）{}", sentence(item)))
            .collect();
        b.paragraph(
            &format!("goal-{n}"),
            format!("{}是{}{items}", chinese_number(n), sentence(&group.title)),
        );
    }
    b.paragraph("targets-summary", targets_summary(doc));

    b.heading("h-spending", BlockKind::Heading2, "（四）部门整体支出情况");
    b.heading(
        "h-spending-total",
        BlockKind::Heading3,
        "1.部门整体支出情况",
    );
    b.paragraph("spending", spending_paragraph(doc, &year));
    b.paragraph(
        "projects",
        projects
            .filter(|_| !doc.projects.is_empty())
            .map(|d| projects_paragraph(d, &year, &me))
            .unwrap_or_default(),
    );
    b.heading(
        "h-three-public",
        BlockKind::Heading3,
        "2.部门“三公”经费支出情况",
    );
    b.paragraph("three-public", three_public_paragraph(doc, &year));
    b.heading("h-procurement", BlockKind::Heading3, "3.政府采购情况");
    b.paragraph("procurement", procurement_paragraph(doc, &year));

    b.heading("h-evaluation", BlockKind::Heading1, "二、绩效自评情况");
    b.heading("h-conclusion", BlockKind::Heading2, "（一）自评结论");
    b.paragraph(
        "conclusion",
        conclusion_paragraph(doc, evaluation, &me, &dimensions),
    );
    b.heading(
        "h-problems",
        BlockKind::Heading2,
        "（二）就部门整体支出绩效管理存在问题提出改进措施",
    );
    b.paragraph("problems-intro", doc.problems.intro.trim().to_string());
    for (problem, n) in doc.problems.items.iter().zip(1_usize..) {
        b.paragraph(
            &format!("problem-{n}"),
            format!("{n}.{}{}", sentence(&problem.title), problem.text.trim()),
        );
    }
    b.heading("h-other", BlockKind::Heading1, "三、其他自评情况");
    let other = doc.other_matters.trim();
    b.paragraph(
        "other",
        if other.is_empty() {
            "无".to_string()
        } else {
            other.to_string()
        },
    );
    b.blocks
}

/// "整体履职效能和管理效率" from the framework's dimensions.
fn dimensions_text(doc: &Document) -> String {
    let dims: Vec<&str> = doc
        .framework
        .dimensions
        .iter()
        .map(|d| d.strip_prefix("整体").unwrap_or(d))
        .collect();
    match dims.as_slice() {
        [] => "履职效能和管理效率".to_string(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{}和{last}", init.join("、")),
    }
}

fn staff_paragraph(doc: &Document, unit_word: &str, year: &str) -> String {
    let s = &doc.staff;
    let mut out = String::new();
    let mut first = Vec::new();
    if let Some(n) = s.authorized {
        let kind = if s.authorized_kind.trim().is_empty() {
            "编制"
        } else {
            s.authorized_kind.trim()
        };
        first.push(format!("{unit_word}核定{kind}{n}名"));
    }
    if let Some(n) = s.leaders_total {
        let split = match (s.leaders_chief, s.leaders_deputy) {
            (Some(c), Some(d)) => format!("（正职{c}人，副职{d}人）"),
            _ => String::new(),
        };
        first.push(format!("配备领导职数{n}人{split}"));
    }
    if let Some(n) = s.contract {
        let about = if s.contract_approximate { "余" } else { "" };
        first.push(format!(
            "因事业发展需要，{unit_word}另聘劳动合同制人员{n}{about}名"
        ));
    }
    if !first.is_empty() {
        let source = s.establishment_source.trim();
        let lead = if source.is_empty() {
            String::new()
        } else {
            format!("根据{source}，")
        };
        out.push_str(&format!("{lead}{}。", first.join("，")));
    }
    let Some(on_post) = s.on_post else {
        return out;
    };
    out.push_str(&format!(
        "截至{year}年12月31日，{unit_word}在职在岗工作人员{on_post}人"
    ));
    if let Some(age) = s.average_age {
        out.push_str(&format!("，平均年龄为{}岁", fmt_plain(age)));
    }
    out.push('。');
    let share = |n: u32| {
        staff_share(n, on_post)
            .map(fmt_percent)
            .unwrap_or_else(|| placeholder("占比"))
    };
    let mut parts = Vec::new();
    if let Some(n) = s.bachelor_or_above {
        parts.push(format!("本科及以上学历{n}人，占比{}", share(n)));
    }
    if let Some(n) = s.masters {
        parts.push(format!("获得硕士学位{n}人，占比{}", share(n)));
    }
    if let Some(n) = s.titled_total {
        let mut titled = format!("取得中级及以上职称人员{n}人，占总人数{}", share(n));
        let levels: Vec<String> = [
            ("正高级", s.senior_full),
            ("副高级", s.senior_deputy),
            ("中级", s.intermediate),
        ]
        .iter()
        .filter_map(|(name, count)| count.map(|c| format!("{name}职称人员{c}人")))
        .collect();
        if !levels.is_empty() {
            titled.push_str(&format!("，其中{}", levels.join("，")));
        }
        parts.push(titled);
    }
    if !parts.is_empty() {
        out.push_str(&format!("其中，{}。", parts.join("；")));
    }
    out
}

fn departments_paragraph(doc: &Document, unit_word: &str) -> String {
    let names: Vec<&str> = doc
        .departments
        .iter()
        .map(|d| d.trim())
        .filter(|d| !d.is_empty())
        .collect();
    if names.is_empty() {
        return String::new();
    }
    format!(
        "根据工作需要，{unit_word}内设{}等{}个机构。",
        names.join("、"),
        chinese_number(names.len())
    )
}

fn targets_summary(doc: &Document) -> String {
    if doc.targets.is_empty() {
        return String::new();
    }
    let mut met = 0;
    let mut unmet = Vec::new();
    let mut pending = 0;
    for (i, row) in doc.targets.iter().enumerate() {
        match assess(i, row) {
            Assessment::Scored { met: true, .. } => met = usize::saturating_add(met, 1),
            Assessment::Scored { met: false, .. } => {
                let reason = row.deviation_reason.trim();
                let actual = if row.operator == TargetOperator::Qualitative {
                    String::new()
                } else {
                    format!("实际{}{}，", row.actual.trim(), row.unit.trim())
                };
                let target = match row.operator {
                    TargetOperator::Qualitative => row.target.trim().to_string(),
                    op => format!("{}{}{}", op.symbol(), row.target.trim(), row.unit.trim()),
                };
                let why = if reason.is_empty() {
                    placeholder("偏差原因")
                } else {
                    reason.to_string()
                };
                unmet.push(format!(
                    "“{}”（目标{target}，{actual}偏差原因：{why}）",
                    row.name.trim()
                ));
            }
            Assessment::Missing { .. } | Assessment::Unscorable { .. } => {
                pending = usize::saturating_add(pending, 1)
            }
        }
    }
    let mut text = format!(
        "年度整体绩效目标共设置{}项指标，已达成{met}项",
        doc.targets.len()
    );
    if !unmet.is_empty() {
        text.push_str(&format!(
            "，未完全达成{}项：{}",
            unmet.len(),
            unmet.join("；")
        ));
    }
    if pending > 0 {
        text.push_str(&format!("；另有{pending}项尚未填写完成情况"));
    }
    text.push('。');
    text
}

fn spending_paragraph(doc: &Document, year: &str) -> String {
    let f = &doc.finance;
    let mut out = String::new();
    if let Some(budget) = f.budget_final {
        let initial = f
            .budget_initial
            .map(|v| format!("年初预算数{}，", wan(v)))
            .unwrap_or_default();
        out.push_str(&format!("{year}年{initial}全年预算数{}。", wan(budget)));
    }
    out.push_str(&format!(
        "{year}年部门整体支出{}",
        wan_or_placeholder(f.spending_total, "全年执行数")
    ));
    match (f.spending_basic, f.spending_project) {
        (None, None) => out.push('。'),
        (basic, project) => out.push_str(&format!(
            "，其中：基本支出{}，项目支出{}。",
            wan_or_placeholder(basic, "基本支出"),
            wan_or_placeholder(project, "项目支出")
        )),
    }
    let lines: Vec<String> = f
        .by_function
        .iter()
        .filter(|l| !l.name.trim().is_empty())
        .map(|l| format!("{}{}", l.name.trim(), wan_or_placeholder(l.amount, &l.name)))
        .collect();
    if !lines.is_empty() {
        out.push_str(&format!("按用途划分，{}。", lines.join("，")));
    }
    if let MetricValue::Rate { percent, .. } = Metric::BudgetExecutionRate.compute(doc) {
        out.push_str(&format!("预算执行率为{}。", fmt_percent(percent)));
    }
    if let Some(end) = f.carryover_end {
        out.push_str(&format!("年末结转结余{}。", wan(end)));
    }
    out
}

/// The projects' self-evaluation in one paragraph: how many, their funds and execution, the share of 项目支出 they
/// cover, their grades and those under 良. Empty for a document without projects.
fn projects_paragraph(d: &ProjectsDigest, year: &str, me: &str) -> String {
    let mut out = format!("{year}年，{me}对{}个项目开展了项目支出绩效自评。", d.count);
    // Amounts as entered, so the rates beside them recompute from the printed figures.
    let amount = |v: Decimal| format!("{}万元", crate::number::fmt_amount(v));
    let coverage = match (d.unit_spending, d.coverage) {
        (Some(unit), Some(c)) => format!("，占部门项目支出{}的{}", amount(unit), fmt_percent(c)),
        _ => String::new(),
    };
    let counted = d.count.saturating_sub(d.funds_missing);
    let mut covered = false;
    if let (Some(adjusted), Some(spent), true) = (d.adjusted, d.spent, counted > 0) {
        let who = if d.funds_missing > 0 {
            format!("已填写资金的{counted}个项目")
        } else {
            "各项目".to_string()
        };
        out.push_str(&format!(
            "{who}全年预算数合计{}，全年执行数合计{}",
            amount(adjusted),
            amount(spent)
        ));
        if let Some(rate) = d.rate {
            out.push_str(&format!("，执行率{}", fmt_percent(rate)));
        }
        // The share of 项目支出 is of every 执行数 entered: said here when that is the same sum.
        if d.spent_all == Some(spent) {
            out.push_str(&coverage);
            covered = true;
        }
        out.push('。');
    }
    if let Some(all) = d
        .spent_all
        .filter(|s| !covered && !s.is_zero() && !coverage.is_empty())
    {
        out.push_str(&format!("各项目全年执行数合计{}{coverage}。", amount(all)));
    }
    let graded: Vec<String> = d
        .grades
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(grade, n)| format!("“{grade}”{n}个"))
        .collect();
    if !graded.is_empty() {
        out.push_str(&format!("自评等次为{}", graded.join("、")));
        let unscored = d.count.saturating_sub(d.scored);
        if unscored > 0 {
            out.push_str(&format!("，另有{unscored}个项目尚未评定等次"));
        }
        out.push('。');
    } else {
        out.push_str("各项目尚未评定等次。");
    }
    if let Some(good) = &d.good {
        if d.below_good.is_empty() {
            if d.scored > 0 {
                out.push_str(&format!("已评分项目均在“{good}”及以上。"));
            }
        } else {
            let named: Vec<String> = d
                .below_good
                .iter()
                .map(|b| format!("{}（{}分，{}）", b.name, fmt_score(b.total), b.grade))
                .collect();
            out.push_str(&format!(
                "自评等次在“{good}”以下的项目：{}，需分析原因、落实整改。",
                named.join("、")
            ));
        }
    }
    out
}

fn three_public_paragraph(doc: &Document, year: &str) -> String {
    let t = &doc.finance.three_public;
    let mut out = sentence(&t.narrative);
    out.push_str(&format!(
        "{year}年度“三公”经费支出{}",
        wan_or_placeholder(t.actual, "“三公”经费支出数")
    ));
    if let Some(budget) = t.budget {
        out.push_str(&format!("，预算数{}", wan(budget)));
        if let MetricValue::Rate { percent, .. } = Metric::ThreePublicControlRate.compute(doc) {
            out.push_str(&format!("，控制率为{}", fmt_percent(percent)));
        }
    }
    let items: Vec<String> = [
        ("因公出国（境）费", t.abroad.actual),
        ("公务用车购置及运行费", t.vehicles.actual),
        ("公务接待费", t.reception.actual),
    ]
    .iter()
    .filter_map(|(name, v)| v.map(|v| format!("{name}{}", wan(v))))
    .collect();
    if !items.is_empty() && t.actual.is_some_and(|a| !a.is_zero()) {
        out.push_str(&format!("，其中{}", items.join("，")));
    }
    if let (Some(actual), Some(previous)) = (t.actual, t.previous) {
        let change = actual.checked_sub(previous).unwrap_or_default();
        let direction = if change > Decimal::ZERO {
            "增加"
        } else if change < Decimal::ZERO {
            "减少"
        } else {
            "持平"
        };
        if change.is_zero() {
            out.push_str("，与上年持平");
        } else {
            out.push_str(&format!("，比上年{direction}{}", wan(change.abs())));
        }
    }
    out.push('。');
    out
}

fn procurement_paragraph(doc: &Document, year: &str) -> String {
    let f = &doc.finance;
    if f.procurement_plan.is_none() && f.procurement_actual.is_none() {
        return String::new();
    }
    let mut out = format!(
        "{year}年政府采购计划金额为{}，实际采购金额为{}",
        wan_or_placeholder(f.procurement_plan, "政府采购计划金额"),
        wan_or_placeholder(f.procurement_actual, "实际采购金额")
    );
    if let MetricValue::Rate { percent, .. } = Metric::ProcurementExecutionRate.compute(doc) {
        out.push_str(&format!("，采购执行率为{}", fmt_percent(percent)));
    }
    out.push('。');
    out
}

fn conclusion_paragraph(
    doc: &Document,
    evaluation: &Evaluation,
    me: &str,
    dimensions: &str,
) -> String {
    let aspects: Vec<&str> = doc
        .framework
        .level1
        .iter()
        .flat_map(|l1| l1.level2.iter().map(|l2| l2.name.as_str()))
        .collect();
    let dims = doc.framework.dimensions.join("、");
    let dims = if dims.is_empty() {
        dimensions.to_string()
    } else {
        dims
    };
    let result = match &evaluation.grade {
        Some(grade) => format!("自评{grade}（{}分）", fmt_score(evaluation.total)),
        None => evaluation
            .grade_withheld
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
    };
    format!(
        "{}{me}遵照通知要求，根据财政整体支出绩效自评指标和评分标准，从{dims}两个维度，围绕{}等方面进行了客观的自我评价，{result}。",
        doc.conclusion.method.trim(),
        aspects.join("、"),
    )
}

/// The report as plain text, one block a line (tables as tab-separated rows): for the CLI and comparisons.
pub fn to_plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match &block.table {
            Some(table) => {
                out.push_str(&table.header.join("\t"));
                out.push('\n');
                for row in &table.rows {
                    out.push_str(&row.join("\t"));
                    out.push('\n');
                }
            }
            None => {
                out.push_str(&block.text);
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_projects_paragraph_counts_adds_and_names_those_under_good() {
        let mut doc = crate::samples::example();
        let text = |doc: &Document| {
            generate(doc, &crate::evaluate(doc))
                .into_iter()
                .find(|b| b.id == "projects")
                .map(|b| b.text)
        };
        let paragraph = text(&doc).expect("a paragraph on the projects");
        assert!(
            paragraph.contains("对3个项目开展了项目支出绩效自评"),
            "{paragraph}"
        );
        assert!(
            paragraph.contains("全年预算数合计600.00万元，全年执行数合计587.50万元，执行率97.92%"),
            "{paragraph}"
        );
        assert!(
            paragraph.contains("已评分项目均在“良”及以上"),
            "{paragraph}"
        );
        doc.projects[1].rows[0].actual = "1".into();
        let paragraph = text(&doc).unwrap();
        assert!(
            paragraph.contains("自评等次在“良”以下的项目：监测设备更新（虚构）（"),
            "{paragraph}"
        );
        // A project with its 执行数 only: out of the budget sum, still in the share of 项目支出; amounts as entered.
        let unit = doc.finance.spending_project.unwrap();
        doc.projects[2].funds.total.adjusted = None;
        doc.projects[0].funds.total.spent = Some(dec!(412.305));
        let paragraph = text(&doc).unwrap();
        let share = crate::number::round_half_up(dec!(587.505) * dec!(100) / unit, 2);
        for part in [
            "已填写资金的2个项目全年预算数合计540.00万元，全年执行数合计530.905万元，执行率98.32%。".to_string(),
            format!(
                "各项目全年执行数合计587.505万元，占部门项目支出{}万元的{}。",
                crate::number::fmt_amount(unit),
                fmt_percent(share)
            ),
        ] {
            assert!(paragraph.contains(&part), "{part} in {paragraph}");
        }
        // No funds entered at all: no sentence on them.
        for p in &mut doc.projects {
            p.funds.total = Default::default();
        }
        let paragraph = text(&doc).unwrap();
        assert!(!paragraph.contains("万元"), "{paragraph}");
        assert_eq!(
            text(&crate::samples::seed()),
            None,
            "the seed lists no projects"
        );
    }

    use super::*;
    use crate::samples;
    use crate::scoring::evaluate;
    use rust_decimal_macros::dec;

    fn report(doc: &Document) -> Vec<Block> {
        generate(doc, &evaluate(doc))
    }

    fn text_of<'a>(blocks: &'a [Block], id: &str) -> &'a str {
        &blocks
            .iter()
            .find(|b| b.id == id)
            .unwrap_or_else(|| panic!("no block {id}"))
            .text
    }

    #[test]
    fn seed_figure_paragraphs_match_the_seed() {
        let blocks = report(&samples::seed());
        assert_eq!(
            text_of(&blocks, "spending"),
            "2024年部门整体支出5343.32万元，其中：基本支出2050.41万元，项目支出3292.91万元。按用途划分，科学技术支出5328.15万元，社会保障和就业支出15.17万元。"
        );
        assert_eq!(
            text_of(&blocks, "three-public"),
            "我中心厉行节俭，严格执行八项规定。2024年度“三公”经费支出0万元。"
        );
        assert_eq!(
            text_of(&blocks, "procurement"),
            "2024年政府采购计划金额为2058.65万元，实际采购金额为1920.03万元，采购执行率为93.27%。"
        );
        assert_eq!(
            text_of(&blocks, "staff"),
            "根据广东省机构编制委员会文件，中心核定事业编制23名，配备领导职数3人（正职1人，副职2人），因事业发展需要，中心另聘劳动合同制人员30余名。\
截至2024年12月31日，中心在职在岗工作人员53人，平均年龄为40.72岁。其中，本科及以上学历49人，占比92.45%；获得硕士学位27人，占比50.94%；\
取得中级及以上职称人员40人，占总人数75.47%，其中正高级职称人员8人，副高级职称人员14人，中级职称人员17人。"
        );
        assert_eq!(
            text_of(&blocks, "departments"),
            "根据工作需要，中心内设办公室、人才发展研究部、生物医药监测研究部、信息规划部、传播研究部、政务保障部等六个机构。"
        );
    }

    /// Every sentence the seed states, whitespace removed and brackets unified, as a list.
    fn sentences(text: &str) -> Vec<String> {
        let flat: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '(' => '（',
                ')' => '）',
                other => other,
            })
            .collect();
        flat.split_inclusive(['。', '；', '：'])
            .map(str::to_string)
            .filter(|s| s.chars().count() > 4)
            .collect()
    }

    #[test]
    fn seed_report_reproduces_the_seed() {
        let seed_text = include_str!("../tests/fixtures/seed-report-2024.txt");
        let generated = to_plain_text(&report(&samples::seed()));
        let generated_flat: String = sentences(&generated).concat();
        let seed_sentences = sentences(seed_text);
        let reproduced = seed_sentences
            .iter()
            .filter(|s| generated_flat.contains(s.as_str()))
            .count();
        let share = reproduced * 100 / seed_sentences.len();
        println!(
            "seed sentences reproduced: {reproduced} of {} ({share}%)",
            seed_sentences.len()
        );
        for s in seed_sentences
            .iter()
            .filter(|s| !generated_flat.contains(s.as_str()))
        {
            println!("  not reproduced: {s}");
        }
        assert!(
            share >= 85,
            "only {share}% of the seed's sentences reproduced"
        );

        // Every figure of the seed's figure paragraphs appears identically.
        for figure in [
            "5343.32万元",
            "2050.41万元",
            "3292.91万元",
            "5328.15万元",
            "15.17万元",
            "2058.65万元",
            "1920.03万元",
            "93.27%",
            "92.45%",
            "50.94%",
            "75.47%",
            "40.72岁",
            "0万元",
        ] {
            assert!(
                generated.contains(figure),
                "{figure} missing from the generated report"
            );
        }
    }

    #[test]
    fn seed_conclusion_says_what_is_missing() {
        let blocks = report(&samples::seed());
        let conclusion = text_of(&blocks, "conclusion");
        assert!(conclusion.contains("围绕整体效能、预算编制、预算执行、信息公开、绩效管理、采购管理、资产管理、运行成本等方面"), "{conclusion}");
        assert!(conclusion.contains("项指标未能评分"), "{conclusion}");
    }

    #[test]
    fn example_report_states_grade_and_figures() {
        let blocks = report(&samples::example());
        assert!(text_of(&blocks, "conclusion").ends_with("自评优秀（90.25分）。"));
        assert!(text_of(&blocks, "spending").contains("预算执行率为95.00%"));
        assert!(text_of(&blocks, "three-public").contains("控制率为103.00%"));
        let summary = text_of(&blocks, "targets-summary");
        assert!(
            summary.starts_with("年度整体绩效目标共设置9项指标，已达成7项，未完全达成2项"),
            "{summary}"
        );
        assert!(blocks[0].text.starts_with("示例单位（数据为虚构）2024年度"));
    }

    #[test]
    fn an_edit_replaces_the_paragraph_until_reset() {
        let mut doc = samples::seed();
        doc.edited_paragraphs
            .insert("procurement".into(), "改写后的采购段落。".into());
        let blocks = report(&doc);
        let block = blocks.iter().find(|b| b.id == "procurement").unwrap();
        assert!(block.edited);
        assert_eq!(block.text, "改写后的采购段落。");
        assert!(block.generated.contains("93.27%"));
        doc.edited_paragraphs.remove("procurement");
        assert!(
            !report(&doc)
                .iter()
                .find(|b| b.id == "procurement")
                .unwrap()
                .edited
        );
    }

    #[test]
    fn a_blank_document_shows_placeholders_not_zeros() {
        let doc = Document::blank(crate::framework::default_framework());
        let blocks = report(&doc);
        assert!(text_of(&blocks, "spending").contains("【待填：全年执行数】"));
        assert!(blocks[0].text.contains("未命名单位"));
        assert!(blocks
            .iter()
            .all(|b| b.kind != BlockKind::Paragraph || !b.text.contains("0.00")));
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(chinese_number(6), "六");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(20), "二十");
        assert_eq!(chinese_number(26), "二十六");
    }

    #[test]
    fn block_ids_are_unique() {
        let blocks = report(&samples::example());
        let mut ids = std::collections::BTreeSet::new();
        assert!(blocks.iter().all(|b| ids.insert(b.id.clone())));
    }
}
