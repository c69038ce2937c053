//! Browser tests: components rendered in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::platform::time::sleep;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app in a fresh element and waits for Yew to render.
async fn mount() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("create a div");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<zipin::components::app::App>::with_root(root.clone()).render();
    sleep(Duration::from_millis(50)).await;
    root
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
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
    let buttons = root.query_selector_all("nav button").expect("buttons");
    let report = (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(n).ok())
        .find(|b| b.text_content().unwrap_or_default().contains("报告"))
        .expect("a 报告 button");
    report.click();
    sleep(Duration::from_millis(50)).await;
    assert_eq!(text(&root, "#section-title"), "报告");
    assert_eq!(
        report.get_attribute("aria-current").as_deref(),
        Some("page")
    );
}

#[wasm_bindgen_test]
async fn summary_is_announced_and_counts_unscored_indicators() {
    let root = mount().await;
    let summary = root
        .query_selector(".summary")
        .ok()
        .flatten()
        .expect("summary");
    assert_eq!(
        summary.get_attribute("aria-live").as_deref(),
        Some("polite")
    );
    // The seed lacks a budget and the management answers: only some of the 15 indicators can be scored.
    let scored = text(&root, ".scored");
    assert!(scored.ends_with("/ 15"), "{scored}");
    assert_ne!(scored, "15 / 15");
    assert_eq!(text(&root, ".grade"), "待评分完成");
}
