//! What any JSON file from outside goes through before the gate's rules (see [`crate::gate`]): its values and
//! nesting counted before it is parsed, the JSON with a Chinese message that says where it broke, the checks before it is
//! typed, the typing with Chinese messages, and every decimal compared with how the app writes it. A refusal names
//! where (its path and Chinese label) and what.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::caps;
use crate::fields;

/// One reason a document or framework is refused: where (its path in the file and its Chinese label) and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub path: String,
    pub label: String,
    pub problem: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}：{}", self.label, self.problem)
        } else {
            write!(f, "{}（{}）：{}", self.label, self.path, self.problem)
        }
    }
}

impl Refusal {
    pub(crate) fn new(path: &str, problem: impl Into<String>) -> Refusal {
        Refusal {
            path: path.to_string(),
            label: label_of_path(path),
            problem: problem.into(),
        }
    }
}

/// JSON text to a value, with a Chinese message that says where it broke. A byte-order mark (Windows Notepad
/// writes one) is not part of the JSON.
pub(crate) fn parse_json(text: &str) -> Result<Value, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    prescan(text)?;
    serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            format!(
                "不是有效的 JSON：内容在第 {} 行意外结束，文件可能不完整",
                e.line()
            )
        } else {
            format!(
                "不是有效的 JSON（第 {} 行第 {} 列附近），文件可能已损坏或不完整",
                e.line(),
                e.column()
            )
        }
    })
}

/// Counts the JSON values and the nesting of `text` without building anything, so that a file of a million tiny
/// values (`[0,0,0,…]`, a few MB that would take hundreds of MB as parsed values, and wasm memory never shrinks) or
/// a deep nesting is refused before it is parsed.
fn prescan(text: &str) -> Result<(), String> {
    let (mut depth, mut values, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for byte in text.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth = depth.saturating_add(1);
                values = values.saturating_add(1);
                if depth > caps::DEPTH {
                    return Err(format!(
                        "嵌套层数过多（上限 {} 层），不是本程序保存的数据",
                        caps::DEPTH
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' => values = values.saturating_add(1),
            _ => {}
        }
        if values > caps::JSON_VALUES {
            return Err(format!(
                "数据条目过多（超过 {} 个），不是本程序保存的数据",
                caps::JSON_VALUES
            ));
        }
    }
    Ok(())
}

/// The steps a document and a framework share: the JSON checks and the typing (an error stops there), then every
/// decimal compared with how the app writes it (`1_000`, `+5`, `1e3` or 30 digits that would be rounded are not the
/// figure the officer sees): those refusals come back beside the typed value, for the caller to add its own rules.
pub(crate) fn read_typed<T: Serialize + DeserializeOwned>(
    value: Value,
) -> Result<(T, Vec<Refusal>), Vec<Refusal>> {
    let mut refusals = Vec::new();
    walk_json(&value, &mut String::new(), 0, &mut refusals);
    if !refusals.is_empty() {
        return Err(refusals);
    }
    let read: T = typed(value.clone()).map_err(|r| vec![r])?;
    if let Ok(written) = serde_json::to_value(&read) {
        check_canonical(&value, &written, &mut String::new(), &mut refusals);
    }
    Ok((read, refusals))
}

/// A value to a typed document or framework; a mismatch names its path and says what was expected, in Chinese.
fn typed<T: DeserializeOwned>(value: Value) -> Result<T, Refusal> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        Refusal::new(&path, serde_problem(&e.into_inner().to_string()))
    })
}

/// serde's English message as a Chinese one; the English text is never shown.
fn serde_problem(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        return format!("缺少必填项“{}”", label_of_segment(field));
    }
    if message.starts_with("unknown variant") {
        return "取值无法识别，请从允许的选项中选择".to_string();
    }
    if message.contains("expected u32")
        || message.contains("expected u16")
        || message.contains("expected u64")
    {
        return "应为不小于 0 的整数".to_string();
    }
    if message.contains("Decimal") || message.contains("decimal") {
        return "应为数字，请写成带引号的字符串，如 \"5343.32\"".to_string();
    }
    if message.starts_with("invalid type") {
        let expected = if message.contains("expected a string") {
            "文字"
        } else if message.contains("expected a boolean") {
            "是或否（true/false）"
        } else if message.contains("sequence") {
            "列表"
        } else if message.contains("map") || message.contains("struct") {
            "对象"
        } else {
            "另一种类型的值"
        };
        return format!("类型不对，此处应为{expected}");
    }
    "内容不符合文档格式".to_string()
}

/// The checks a JSON value needs before it is typed: no fractional or exponent JSON number (it went through f64),
/// no text or key beyond its cap, no nesting beyond [`caps::DEPTH`], no list beyond what any field allows.
fn walk_json(value: &Value, path: &mut String, depth: usize, out: &mut Vec<Refusal>) {
    const MAX_REFUSALS: usize = 50;
    if out.len() >= MAX_REFUSALS {
        return;
    }
    if depth > caps::DEPTH {
        out.push(Refusal::new(path, "嵌套层数过多"));
        return;
    }
    match value {
        Value::Number(n) if !(n.is_u64() || n.is_i64()) => out.push(Refusal::new(
            path,
            "数字应写成带引号的字符串（如 \"5343.32\"），否则会丢失精度",
        )),
        Value::String(text) if text.chars().count() > caps::TEXT_CHARS => {
            out.push(Refusal::new(path, text_too_long(caps::TEXT_CHARS)))
        }
        Value::Array(items) => {
            if items.len() > caps::LONGEST_LIST {
                out.push(Refusal::new(
                    path,
                    format!("共 {} 条，超过上限 {} 条", items.len(), caps::LONGEST_LIST),
                ));
                return;
            }
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk_json(item, path, depth.saturating_add(1), out);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            if map.len() > caps::MAP_ENTRIES {
                out.push(Refusal::new(path, too_many_entries()));
                return;
            }
            for (key, item) in map {
                if key.chars().count() > caps::KEY_CHARS {
                    out.push(Refusal::new(path, key_too_long()));
                    continue;
                }
                let len = path.len();
                push_key(path, key);
                walk_json(item, path, depth.saturating_add(1), out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// The words of a refusal of a text longer than `cap` characters, the reader's and the gate's.
pub(crate) fn text_too_long(cap: usize) -> String {
    format!("文字过长（上限 {cap} 字）")
}

/// The words of a refusal of a map key (an indicator's or a paragraph's id) longer than [`caps::KEY_CHARS`].
pub(crate) fn key_too_long() -> String {
    format!("名称或编号过长（上限 {} 字）", caps::KEY_CHARS)
}

/// The words of a refusal of a map of more than [`caps::MAP_ENTRIES`] entries.
pub(crate) fn too_many_entries() -> String {
    format!("条目过多（上限 {} 条）", caps::MAP_ENTRIES)
}

/// Compares what was read with what the app writes back: a string the app would write differently is a decimal in a
/// form the app does not accept (text is always written back as read). Numbers and missing fields are not compared:
/// a whole JSON number is read exactly, and a missing field takes its default.
fn check_canonical(read: &Value, written: &Value, path: &mut String, out: &mut Vec<Refusal>) {
    match (read, written) {
        (Value::String(read), Value::String(written)) if read != written => out.push(Refusal::new(
            path,
            format!(
                "“{}”不是规范的数字写法，请写成如 \"5343.32\" 的十进制数（不带 +、_、科学计数法，有效数字不超过 28 位）",
                read.chars().take(40).collect::<String>()
            ),
        )),
        (Value::Array(read), Value::Array(written)) => {
            for (i, (r, w)) in read.iter().zip(written).enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                check_canonical(r, w, path, out);
                path.truncate(len);
            }
        }
        (Value::Object(read), Value::Object(written)) => {
            for (key, r) in read {
                if let Some(w) = written.get(key) {
                    let len = path.len();
                    push_key(path, key);
                    check_canonical(r, w, path, out);
                    path.truncate(len);
                }
            }
        }
        _ => {}
    }
}

/// Appends a key to a path: `a.b`, or `a["x.y"]` when the key could be mistaken for a path of its own.
pub(crate) fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty() && !key.contains(['.', '[', ']', '"', ' ']);
    if plain {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        path.push_str(&format!("[\"{key}\"]"));
    }
}

/// A Chinese name for a path such as `framework.level1[0].weight`: the field's own label when the path is a known
/// field, otherwise its parts in words (评分框架 › 一级指标第1项 › 分值).
pub fn label_of_path(path: &str) -> String {
    if path.is_empty() {
        return "文档".to_string();
    }
    if let Some(label) = fields::label_of(path) {
        return label.to_string();
    }
    let parts: Vec<String> = path
        .split('.')
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once('[') {
            Some((name, rest)) => {
                let index = rest
                    .trim_end_matches(']')
                    .parse::<usize>()
                    .map(|i| i.saturating_add(1).to_string())
                    .unwrap_or_else(|_| rest.trim_end_matches(']').to_string());
                format!("{}第{index}项", label_of_segment(name))
            }
            None => label_of_segment(part),
        })
        .collect();
    parts.join(" › ")
}

/// The Chinese name of one key of a document or framework file. A key the app does not know (or an indicator's id
/// used as a key) is shown quoted, as written.
fn label_of_segment(name: &str) -> String {
    let label = match name {
        "format" => "格式标记",
        "schema" => "版本号",
        "unit" => "单位",
        "name" => "名称",
        "short_name" => "简称",
        "self_reference" => "自称",
        "supervisor" => "主管部门",
        "year" => "预算年度",
        "nature" => "单位性质",
        "notice" => "通知",
        "mandate" => "机构编制文件",
        "duties" => "主要职责",
        "staff" => "人员情况",
        "establishment_source" => "编制文件",
        "authorized_kind" => "编制类型",
        "authorized" => "核定编制数",
        "leaders_total" => "领导职数",
        "leaders_chief" => "正职领导职数",
        "leaders_deputy" => "副职领导职数",
        "in_establishment" => "编制内在职人数",
        "contract" => "劳动合同制人员",
        "contract_approximate" => "劳动合同制人数为约数",
        "on_post" => "在职在岗人数",
        "average_age" => "平均年龄",
        "bachelor_or_above" => "本科及以上学历人数",
        "masters" => "硕士学位人数",
        "titled_total" => "中级及以上职称人数",
        "senior_full" => "正高级职称人数",
        "senior_deputy" => "副高级职称人数",
        "intermediate" => "中级职称人数",
        "team_description" => "队伍情况",
        "departments" => "内设机构",
        "annual_work" => "年度总体工作",
        "key_tasks" => "重点工作任务",
        "division" => "对应处室",
        "content" => "工作任务内容",
        "counterpart" => "对接部门",
        "goals" => "绩效目标概述",
        "intro" => "引言",
        "groups" => "分组",
        "title" => "标题",
        "items" => "条目",
        "targets" => "绩效目标",
        "level1" => "一级指标",
        "level2" => "二级指标",
        "operator" => "运算符",
        "target" => "指标值",
        "actual" => "实际完成值",
        "weight" => "分值（权重）",
        "grade" => "达成情况",
        "qualitative_score" => "得分比例",
        "deviation_reason" => "偏差原因",
        "finance" => "财务数据",
        "budget_initial" => "年初预算数",
        "budget_final" => "全年预算数（调整后）",
        "spending_total" => "全年执行数",
        "spending_basic" => "基本支出",
        "spending_project" => "项目支出",
        "by_function" => "按功能分类支出",
        "amount" => "金额",
        "carryover_previous" => "上年结转",
        "carryover_end" => "年末结转结余",
        "three_public" => "“三公”经费",
        "narrative" => "说明",
        "budget" => "预算数",
        "previous" => "上年支出数",
        "abroad" => "因公出国（境）费",
        "vehicles" => "公务用车购置及运行费",
        "reception" => "公务接待费",
        "public_funds_budget" => "公用经费预算数",
        "public_funds_actual" => "公用经费支出数",
        "procurement_plan" => "政府采购计划金额",
        "procurement_actual" => "实际采购金额",
        "fixed_assets_total" => "固定资产总额",
        "fixed_assets_in_use" => "在用固定资产",
        "management" => "管理指标答案",
        "checklists" => "检查项答案",
        "cases" => "问题数",
        "choices" => "所选情形",
        "manual" => "人工评分",
        "conclusion" => "自评结论",
        "method" => "评价方法",
        "problems" => "存在问题及改进措施",
        "text" => "内容",
        "other_matters" => "其他自评情况",
        "overrides" => "人工调整得分",
        "score" => "得分",
        "reason" => "理由",
        "edited_paragraphs" => "报告中修改的段落",
        "framework" => "评分框架",
        "id" => "编号",
        "status" => "状态",
        "source" => "来源",
        "dimensions" => "评价维度",
        "grades" => "等次",
        "label" => "名称",
        "min" => "下限",
        "indicators" => "三级指标",
        "definition" => "指标解释",
        "standard" => "评分标准",
        "rule" => "评分规则",
        "type" => "规则类型",
        "metric" => "计分指标",
        "reverse" => "反向计分",
        "zero_denominator" => "分母为 0 时",
        "nothing" => "分子分母均为 0",
        "something" => "分母为 0 而分子大于 0",
        "deduct_when" => "扣分方向",
        "per_point" => "每个百分点扣分",
        "step" => "计算方式",
        "bands" => "区间",
        "lower" => "下限",
        "upper" => "上限",
        "value" => "数值",
        "inclusive" => "是否含边界",
        "points" => "分值",
        "per_case" => "每例扣分",
        "case_label" => "问题类型",
        "options" => "选项",
        "over_achievement_flag" => "超额完成提示线",
        "projects" => "项目支出绩效自评",
        "department" => "主管部门",
        "implementer" => "实施单位",
        "kind" => "项目属性",
        "leader" => "项目负责人",
        "funds" => "资金",
        "total" => "年度资金总额",
        "fiscal" => "当年财政拨款",
        "carryover" => "上年结转资金",
        "other" => "其他资金",
        "initial" => "年初预算数",
        "adjusted" => "全年预算数",
        "spent" => "全年执行数",
        "execution_reason" => "执行率偏低的原因",
        "goal_expected" => "年度总体目标（预期目标）",
        "goal_actual" => "年度总体目标（实际完成情况）",
        "rows" => "绩效指标",
        "row" => "行号",
        "measures" => "改进措施",
        "projects_complete" => "项目清单已完整",
        "project_scheme" => "项目评分表式",
        "execution" => "预算执行率计分",
        "full_at" => "满分所需执行率",
        "reason_below" => "需说明原因的执行率",
        "over_flag" => "超额完成提示线",
        // A field of the one field list is named by it, so a new field needs no entry here.
        other => {
            let field = fields::Field::ALL
                .iter()
                .find(|field| field.path().rsplit('.').next() == Some(other));
            return match field {
                Some(field) => field.label().to_string(),
                None => format!("“{other}”"),
            };
        }
    };
    label.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;

    /// Every key the app writes has a Chinese name; only ids used as keys (an indicator's, a paragraph's) are quoted.
    #[test]
    fn every_key_of_a_document_has_a_chinese_name() {
        fn keys(value: &Value, parent: &str, out: &mut Vec<String>) {
            match value {
                Value::Object(map) => {
                    for (key, item) in map {
                        let keyed_by_id = matches!(
                            parent,
                            "overrides"
                                | "edited_paragraphs"
                                | "checklists"
                                | "checklist answers"
                                | "cases"
                                | "choices"
                                | "manual"
                        );
                        let next = match (parent, keyed_by_id) {
                            ("checklists", _) => "checklist answers",
                            (_, true) => "",
                            (_, false) => key,
                        };
                        if !keyed_by_id {
                            out.push(key.clone());
                        }
                        keys(item, next, out);
                    }
                }
                Value::Array(items) => items.iter().for_each(|item| keys(item, parent, out)),
                _ => {}
            }
        }
        let mut found = Vec::new();
        for doc in [samples::seed(), samples::example()] {
            keys(&serde_json::to_value(&doc).unwrap(), "", &mut found);
        }
        let unnamed: Vec<&String> = found
            .iter()
            .filter(|key| label_of_segment(key) == format!("“{key}”"))
            .collect();
        assert!(unnamed.is_empty(), "{unnamed:?}");
    }

    #[test]
    fn paths_have_chinese_labels() {
        assert_eq!(
            label_of_path("finance.procurement_plan"),
            "政府采购计划金额"
        );
        assert_eq!(
            label_of_path("framework.level1[0].level2[1].weight"),
            "评分框架 › 一级指标第1项 › 二级指标第2项 › 分值（权重）"
        );
    }
}
