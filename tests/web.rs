//! Browser tests: components and the storage adapter in headless Chromium (wasm-bindgen-test).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::arithmetic_side_effects
)] // tests may
#![allow(clippy::disallowed_methods)] // literals in tests and benchmarks; the library code may not.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::platform::time::sleep;
use zipin::services::storage;
use zipin::state::State;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage")
}

/// Mounts the app in a fresh element on empty storage and waits for Yew to render.
async fn mount() -> Element {
    local_storage().clear().expect("clear storage");
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("create a div");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<zipin::components::app::App>::with_root(root.clone()).render();
    let mounted = root.clone();
    wait_for("the app", move || {
        mounted.query_selector("h1").ok().flatten().is_some()
    })
    .await;
    root
}

/// Waits until `condition` holds (Yew renders asynchronously; a busy machine renders late), up to 3 s.
async fn wait_for(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..300 {
        if condition() {
            return;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn button(root: &Element, label: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").expect("buttons");
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .find(|b| {
            b.text_content()
                .unwrap_or_default()
                .trim()
                .starts_with(label)
        })
        .unwrap_or_else(|| panic!("no button {label}"))
}

/// Types into an input as a person would: sets the value and fires `input`.
fn type_into(root: &Element, id: &str, value: &str) {
    let input: HtmlInputElement = root
        .query_selector(&format!("#{id}"))
        .ok()
        .flatten()
        .expect("input")
        .dyn_into()
        .expect("an input");
    input.set_value(value);
    let event = web_sys::InputEvent::new("input").expect("event");
    input.dispatch_event(&event).expect("dispatch");
}

#[wasm_bindgen_test]
async fn shell_shows_title_unit_and_sections() {
    let root = mount().await;
    assert_eq!(text(&root, "h1"), "部门整体支出绩效自评");
    assert_eq!(text(&root, ".unit-name"), "广东省科技监测中心");
    assert_eq!(text(&root, ".unit-year"), "2024年度");
    let nav = text(&root, "nav");
    for label in [
        "基本情况",
        "工作任务",
        "绩效目标",
        "支出与管理",
        "评分",
        "校验",
        "报告",
    ] {
        assert!(nav.contains(label), "{label} missing from {nav}");
    }
}

#[wasm_bindgen_test]
async fn navigation_switches_the_section() {
    let root = mount().await;
    let report = button(&root, "报告");
    report.click();
    wait_for("the report", || text(&root, "#section-title") == "报告").await;
    assert_eq!(
        report.get_attribute("aria-current").as_deref(),
        Some("page")
    );
    assert!(text(&root, "#report").contains("采购执行率为93.27%"));
}

#[wasm_bindgen_test]
async fn summary_is_announced_and_counts_unscored_indicators() {
    let root = mount().await;
    let live = root
        .query_selector(".summary [aria-live]")
        .ok()
        .flatten()
        .expect("a live region");
    assert_eq!(live.get_attribute("aria-live").as_deref(), Some("polite"));
    // The seed lacks a budget and the management answers: only 采购 can be scored of the 15 indicators.
    assert_eq!(text(&root, ".scored"), "1 / 15");
    assert_eq!(text(&root, ".grade"), "待评分完成");
}

#[wasm_bindgen_test]
async fn a_typo_keeps_the_last_valid_value_and_says_why() {
    let root = mount().await;
    button(&root, "支出与管理").click();
    wait_for("the finance section", || {
        root.query_selector("#f-finance-budget_final")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    type_into(&root, "f-finance-budget_final", "6000");
    wait_for("the execution rate", || {
        text(&root, "main").contains("预算执行率：5343.32 ÷ 6000 = 89.06%")
    })
    .await;
    type_into(&root, "f-finance-budget_final", "6000元");
    wait_for("the message", || {
        text(&root, "#f-finance-budget_final-error").contains("金额请以万元为单位填写")
    })
    .await;
    assert!(
        text(&root, "main").contains("= 89.06%"),
        "the document kept 6000"
    );
    type_into(&root, "f-finance-budget_final", "５，０００．００");
    wait_for("the new rate", || {
        text(&root, "main").contains("5343.32 ÷ 5000 = 106.87%")
    })
    .await;
    assert!(root
        .query_selector("#f-finance-budget_final-error")
        .ok()
        .flatten()
        .is_none());
}

#[wasm_bindgen_test]
async fn edits_are_saved_and_read_back() {
    let root = mount().await;
    type_into(&root, "f-unit-name", "浏览器测试单位");
    wait_for("the save", || {
        text(&root, ".unit-name") == "浏览器测试单位"
            && text(&root, ".save-status") == "已保存到本机"
    })
    .await;
    // Apps mounted by earlier tests in this page may have saved their own documents too: find ours.
    let loaded = State::from_stored(storage::read_all(), "t".into());
    assert!(loaded.store.unreadable.is_empty());
    let ours = loaded
        .library
        .docs
        .iter()
        .find(|d| d.document.unit.name == "浏览器测试单位")
        .expect("the edited document is stored");
    assert_eq!(
        ours.document.staff.on_post,
        Some(53),
        "the rest of the seed came along"
    );
    assert!(ours.saved_at > 0.0);
}

#[wasm_bindgen_test]
fn unreadable_values_are_listed_not_loaded() {
    let storage = local_storage();
    storage.clear().expect("clear");
    storage
        .set_item("zipin.v1.doc.bad", "{not json")
        .expect("set");
    storage.set_item("unrelated.key", "{not json").expect("set");
    let records = storage::read_all();
    assert_eq!(records.records.len(), 1, "only this page's keys are read");
    // A state built from it opens the seed under a new id and never plans to write the bad key.
    let state = State::from_stored(records, "t".into());
    assert_eq!(state.store.unreadable.len(), 1);
    assert_eq!(state.store.unreadable[0].key, "zipin.v1.doc.bad");
    assert_eq!(state.store.unreadable[0].raw, "{not json");
    assert!(!state.library.dirty.contains("bad"));
    assert_eq!(state.doc().unit.name, "广东省科技监测中心");
}

/// Every link of the 校验 section (a check's 前往 and a missing input) takes the officer to an input on the page:
/// the ids come from the same `FieldRef` the checks name, so none is a dead link.
#[wasm_bindgen_test]
async fn every_check_link_reaches_its_field() {
    let root = mount().await;
    // A contradiction on top of the seed's own (职称 parts) and its missing inputs.
    button(&root, "支出与管理").click();
    wait_for("the finance section", || {
        root.query_selector("#f-finance-spending_total")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    type_into(&root, "f-finance-spending_basic", "1");
    type_into(&root, "f-finance-spending_project", "1");
    type_into(&root, "f-finance-spending_total", "5");
    let links = |root: &Element| -> Vec<HtmlElement> {
        let found = root
            .query_selector_all(".checks button.link, #h-missing ~ ul button.link")
            .expect("links");
        (0..found.length())
            .filter_map(|i| found.item(i))
            .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
            .collect()
    };
    button(&root, "校验").click();
    wait_for("the checks", || !links(&root).is_empty()).await;
    let count = links(&root).len();
    assert!(count >= 6, "only {count} links");
    for i in 0..count {
        button(&root, "校验").click();
        wait_for("the checks", || links(&root).len() == count).await;
        let link = links(&root).remove(i);
        let label = link.text_content().unwrap_or_default();
        // As a keyboard user does: the link has the focus, so a stale focus elsewhere cannot pass for the result.
        link.focus().expect("focus the link");
        link.click();
        let focused = || {
            gloo::utils::document()
                .active_element()
                .filter(|e| e.tag_name() != "BODY" && e.tag_name() != "BUTTON")
        };
        wait_for(&format!("focus after {label}"), || focused().is_some()).await;
        let element = focused().expect("focused");
        let owner = element.closest("[id^='f-']").ok().flatten();
        assert!(
            owner.is_some(),
            "{label} focused {} without a field id",
            element.outer_html()
        );
    }
}
