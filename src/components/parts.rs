//! The parts of the page that load when first opened, not before the officer's total is on screen.
//!
//! Each part is a split point: with the `parts` feature (the page's release build, index.html), the code only it
//! reaches is moved out of the page's wasm into a file of its own by scripts/split_parts.py, fetched the first time
//! the section is opened (the service worker precaches them all once the page is idle, and the report's is fetched
//! then: see `preload_report`). Without the feature (native and browser tests) the same function is called
//! directly. A part that cannot be fetched says so with a retry; the rest of the page, and everything stored, is
//! untouched (its state lives in the page's own part).
//!
//! Measured (scripts/bloat, the build's sizes): the page's wasm is 578 KB gzip whole, 510 KB without these four;
//! moving the 汇总 and 评分框架 reducers too would save 5.5 KB more, so they stay in the page.

use std::cell::RefCell;

use yew::prelude::*;

use super::documents::Documents;
use super::frameworks::Frameworks;
use super::projects::Projects;
use super::report::Report;
use super::summary::SummarySection;

/// The sections that are parts of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Projects,
    Report,
    Documents,
    Frameworks,
    Summary,
}

impl Part {
    const ALL: [Part; 5] = [
        Part::Projects,
        Part::Report,
        Part::Documents,
        Part::Frameworks,
        Part::Summary,
    ];

    fn index(self) -> usize {
        match self {
            Part::Projects => 0,
            Part::Report => 1,
            Part::Documents => 2,
            Part::Frameworks => 3,
            Part::Summary => 4,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Part::Projects => "项目支出",
            Part::Report => "报告",
            Part::Documents => "文档管理",
            Part::Frameworks => "评分框架",
            Part::Summary => "汇总",
        }
    }

    /// The part's view, once its code is here.
    async fn load(self) -> Result<Html, NotLoaded> {
        match self {
            Part::Projects => projects_part().await,
            Part::Report => report_part().await,
            Part::Documents => documents_part().await,
            Part::Frameworks => frameworks_part().await,
            Part::Summary => summary_part().await,
        }
    }
}

/// A part's code could not be fetched (offline before it was cached, or a deploy removed it).
#[derive(Debug)]
pub struct NotLoaded;

#[cfg(feature = "parts")]
impl From<wasm_split_helpers::SplitLoaderError> for NotLoaded {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> NotLoaded {
        NotLoaded
    }
}

/// One split point: `$split` names the file the part's code goes to, `$view` is its section's component.
macro_rules! part {
    ($name:ident, $split:ident, $view:ident) => {
        #[cfg(feature = "parts")]
        #[wasm_split_helpers::wasm_split($split, fallible)]
        fn $name() -> Result<Html, NotLoaded> {
            Ok(html! { <$view /> })
        }

        #[cfg(not(feature = "parts"))]
        async fn $name() -> Result<Html, NotLoaded> {
            Ok(html! { <$view /> })
        }
    };
}

part!(projects_part, projects, Projects);
part!(report_part, report, Report);
part!(documents_part, documents, Documents);
part!(frameworks_part, frameworks, Frameworks);
part!(summary_part, summary, SummarySection);

/// Fetches the report's part in the background, once the page has loaded and is idle: printing (Ctrl+P from any
/// section) shows the report at once, with no time to fetch it then.
pub fn preload_report() {
    if loaded(Part::Report).is_none() {
        wasm_bindgen_futures::spawn_local(async {
            // A failure is not kept: the section says so, with a retry, when it is opened.
            if let Ok(view) = Part::Report.load().await {
                keep(Part::Report, view);
            }
        });
    }
}

thread_local! {
    /// The view of each part whose code has arrived: shown at once when the section is opened again.
    static LOADED: RefCell<[Option<Html>; Part::ALL.len()]> = const { RefCell::new([None, None, None, None, None]) };
}

fn loaded(part: Part) -> Option<Html> {
    LOADED.with(|views| views.borrow().get(part.index()).cloned().flatten())
}

fn keep(part: Part, view: Html) {
    LOADED.with(|views| {
        if let Some(slot) = views.borrow_mut().get_mut(part.index()) {
            *slot = Some(view);
        }
    });
}

#[derive(Clone, Copy, PartialEq)]
enum Status {
    Loading,
    Failed,
    Ready,
}

#[derive(Properties, PartialEq)]
pub struct LazyPartProps {
    pub part: Part,
}

/// A part's section: its view when its code is here; else a loading line, then the view, or why not with a retry.
#[function_component(LazyPart)]
pub fn lazy_part(props: &LazyPartProps) -> Html {
    let part = props.part;
    let status = use_state(|| {
        if loaded(part).is_some() {
            Status::Ready
        } else {
            Status::Loading
        }
    });
    // Bumped by 重试: a failed fetch is not remembered, so the next attempt fetches afresh.
    let attempt = use_state(|| 0u32);
    {
        let status = status.clone();
        use_effect_with((part, *attempt), move |_| {
            if loaded(part).is_none() {
                status.set(Status::Loading);
                wasm_bindgen_futures::spawn_local(async move {
                    match part.load().await {
                        Ok(view) => {
                            keep(part, view);
                            status.set(Status::Ready);
                        }
                        Err(NotLoaded) => status.set(Status::Failed),
                    }
                });
            }
        });
    }
    match (*status, loaded(part)) {
        (Status::Ready, Some(view)) => view,
        (Status::Failed, _) => {
            let retry = {
                let attempt = attempt.clone();
                Callback::from(move |_: MouseEvent| attempt.set(attempt.wrapping_add(1)))
            };
            html! {
                <div class="part-failed" role="alert">
                    <p>{ format!("「{}」未能载入：网络不可用，或本应用刚刚更新。已录入和保存的数据不受影响，其他部分照常可用。", part.label()) }</p>
                    <p>{ "请连接网络后点“重试”；若仍不行，请刷新页面。" }</p>
                    <button type="button" onclick={retry}>{ "重试" }</button>
                </div>
            }
        }
        _ => html! {
            <p class="part-loading" role="status">{ format!("正在载入「{}」……", part.label()) }</p>
        },
    }
}
