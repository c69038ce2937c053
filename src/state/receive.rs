//! The one action that takes outside data in. Every entrance (a file chosen or dropped, the page's link, a pasted
//! link) reads its text with the core's one way in (`zipin_core::receive::receive`) and sends what came out here,
//! with the door it came through: the door decides where it goes, the core has already decided what it is. A
//! refusal reads the same whichever door it came through; the door only adds what to do next.

use std::rc::Rc;

use zipin_core::framework::Located;
use zipin_core::receive::Received;
use zipin_core::summary::Unit;
use zipin_core::{Document, Framework};

use super::preview::{self, PreviewFrom};
use super::shelf::{self, ShelfItem};
use super::{batch, Section, State};

/// Where outside data came in, which is what the officer meant to do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Door {
    /// 导入数据文件: a document file, previewed before it is kept.
    ImportFile,
    /// The page's address (`#share=` or `#framework=`): a document or a framework, previewed.
    Link,
    /// 汇总: units' files and pasted links.
    Summary,
    /// 评分框架: a framework file (a draft with problems is kept, to be put right).
    FrameworkFile,
    /// 评分框架: a pasted framework link, previewed.
    FrameworkLink,
    /// 新建文档: a framework file to score the new document with (it must be sound).
    NewDocumentFramework,
}

/// One text read at a door: where it came from (a file's name, 链接 n) and what it is.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub source: String,
    pub what: Result<Arrived, Refusal>,
}

#[derive(Debug, Clone)]
pub enum Arrived {
    Document(Box<Document>),
    /// A framework and its problems (sound when there are none).
    Framework(Box<Framework>, Rc<Vec<Located>>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The text never reached the core (a file too large or unreadable): the browser's part.
    NotRead(String),
    /// The core's one way in refused it, in its own words.
    Refused(String),
    /// It is data of the other kind (a framework at a document's door …): nothing to correct, another door to use.
    WrongKind(String),
}

impl Refusal {
    fn message(&self) -> &str {
        match self {
            Refusal::NotRead(why) | Refusal::Refused(why) | Refusal::WrongKind(why) => why,
        }
    }
}

impl Incoming {
    /// What the core's one way in returned for a text from `source`.
    pub fn received(source: String, received: Received) -> Incoming {
        let what = match received {
            Received::Document(doc) => Ok(Arrived::Document(doc)),
            Received::StoredDocument(stored) => Ok(Arrived::Document(Box::new(stored.document))),
            Received::Framework {
                framework,
                problems,
            } => Ok(Arrived::Framework(framework, Rc::new(problems))),
            Received::StoredFramework { stored, problems } => Ok(Arrived::Framework(
                Box::new(stored.framework),
                Rc::new(problems),
            )),
            Received::Batch(_) | Received::Newer { .. } => {
                Err(Refusal::Refused("这不是可以在此打开的数据".to_string()))
            }
            Received::Refused(refused) => Err(match refused.why() {
                zipin_core::receive::Why::WrongKind(_) => Refusal::WrongKind(refused.to_string()),
                _ => Refusal::Refused(refused.to_string()),
            }),
        };
        Incoming { source, what }
    }

    /// A file the browser could not hand over (too large, unreadable), with why.
    pub fn not_read(source: String, why: String) -> Incoming {
        Incoming {
            source,
            what: Err(Refusal::NotRead(why)),
        }
    }

    #[cfg(test)]
    pub fn document(source: String, document: Document) -> Incoming {
        Incoming {
            source,
            what: Ok(Arrived::Document(Box::new(document))),
        }
    }

    #[cfg(test)]
    pub fn framework(framework: Framework) -> Incoming {
        let problems = Rc::new(framework.validate_located());
        Incoming {
            source: String::new(),
            what: Ok(Arrived::Framework(Box::new(framework), problems)),
        }
    }

    #[cfg(test)]
    pub fn refused(source: String, why: String) -> Incoming {
        Incoming {
            source,
            what: Err(Refusal::Refused(why)),
        }
    }
}

/// A refusal with what to do next, as the door says it: `{why}。{then}` without a doubled full stop.
fn then(why: &str, next: &str) -> String {
    format!("{}。{next}", why.trim_end_matches('。'))
}

pub(super) fn reduce(s: &mut State, door: Door, incoming: Vec<Incoming>) {
    match door {
        Door::Summary => {
            let mut units = Vec::new();
            let mut failures = Vec::new();
            for Incoming { source, what } in incoming {
                match what {
                    Ok(Arrived::Document(document)) => units.push(Unit {
                        source,
                        document: *document,
                    }),
                    Ok(Arrived::Framework(..)) => failures.push((
                        source,
                        "这是评分框架，不是绩效自评数据，未加入汇总".to_string(),
                    )),
                    Err(refusal) => failures.push((source, refusal.message().to_string())),
                }
            }
            batch::add(s, units, failures);
        }
        _ => {
            // The other doors take one text at a time.
            if let Some(one) = incoming.into_iter().next() {
                receive_one(s, door, one.what);
            }
        }
    }
}

fn receive_one(s: &mut State, door: Door, what: Result<Arrived, Refusal>) {
    match (door, what) {
        (Door::Link, Ok(Arrived::Document(doc))) => {
            preview::show(s, *doc, PreviewFrom::ShareLink);
            let ui = s.ui_mut();
            ui.section = Section::Scores;
            ui.share_error = None;
            s.say("已打开分享链接中的文档（预览，未保存）");
        }
        (Door::Link | Door::FrameworkLink, Ok(Arrived::Framework(framework, problems))) => {
            let shelf = s.shelf_mut();
            shelf.preview = Some(Rc::new(ShelfItem::with_problems(
                "preview".to_string(),
                *framework,
                problems,
                String::new(),
            )));
            shelf.message = None;
            s.ui_mut().section = Section::Frameworks;
            s.say("已打开分享的评分框架（预览，尚未保存）");
        }
        (Door::Link, Err(refusal)) => {
            s.ui_mut().share_error = Some(then(
                &format!("分享链接无法打开：{}", refusal.message()),
                "请对方改正后重新分享，本机的文档没有任何改动。",
            ));
        }
        (Door::FrameworkLink, Err(refusal)) => {
            s.shelf_mut().message = Some(format!("分享链接无法打开：{}", refusal.message()));
        }
        (Door::ImportFile, Ok(Arrived::Document(doc))) => {
            s.ui_mut().import = Some(Ok(Rc::new(*doc)));
        }
        (Door::ImportFile, Err(Refusal::Refused(why))) => {
            s.ui_mut().import = Some(Err(then(
                &why,
                "本机的文档没有任何改动，请改正该文件后重新导入。",
            )));
        }
        (Door::ImportFile, Err(Refusal::WrongKind(why))) => {
            s.ui_mut().import = Some(Err(then(&why, "本机的文档没有任何改动。")));
        }
        (Door::ImportFile, Err(Refusal::NotRead(why))) => s.ui_mut().import = Some(Err(why)),
        (Door::FrameworkFile, Ok(Arrived::Framework(framework, problems))) => {
            let count = problems.len();
            if !shelf::keep(s, *framework, Some(problems)) {
                return;
            }
            s.shelf_mut().message = None;
            s.say(if count == 0 {
                "已导入评分框架".to_string()
            } else {
                format!("已导入评分框架（草稿），有 {count} 个问题需改正后才能使用")
            });
        }
        (Door::FrameworkFile, Err(refusal)) => {
            s.shelf_mut().message = Some(format!("评分框架文件未导入：{}", refusal.message()));
        }
        (Door::NewDocumentFramework, Ok(Arrived::Framework(framework, problems))) => {
            s.ui_mut().new_framework = Some(if problems.is_empty() {
                Ok(Rc::new(*framework))
            } else {
                Err(problems
                    .iter()
                    .map(|located| format!("评分框架：{}", located.problem))
                    .collect())
            });
        }
        (Door::NewDocumentFramework, Err(refusal)) => {
            s.ui_mut().new_framework = Some(Err(vec![refusal.message().to_string()]));
        }
        // What a door does not take (the core's `Accept` keeps these out; said plainly should one come).
        (Door::ImportFile | Door::NewDocumentFramework | Door::FrameworkFile, Ok(_))
        | (Door::FrameworkLink, Ok(Arrived::Document(_))) => {
            s.say("所选内容不是此处可以打开的数据");
        }
        (Door::Summary, _) => {}
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::rc::Rc;

    use yew::Reducible;
    use zipin_core::receive::{receive, Accept, Source};

    use super::*;
    use crate::state::Action;

    fn file(door: Door, accept: Accept, text: &str) -> Action {
        let received = receive(&Source::File("f.json".into()), accept, text);
        Action::Receive(door, vec![Incoming::received("f.json".into(), received)])
    }

    #[test]
    fn each_door_adds_what_to_do_to_the_same_refusal() {
        let mut bad = zipin_core::samples::example();
        bad.finance.spending_total = Some(rust_decimal::Decimal::from(-1));
        let text = zipin_core::migrate::to_json(&bad);
        let core = match receive(&Source::File("f.json".into()), Accept::Document, &text) {
            zipin_core::receive::Received::Refused(refused) => refused.to_string(),
            other => panic!("{other:?}"),
        };
        let s = Rc::new(State::initial()).reduce(file(Door::ImportFile, Accept::Document, &text));
        let Some(Err(message)) = s.ui.import.clone() else {
            panic!("refused")
        };
        assert!(
            message.starts_with(core.trim_end_matches('。')),
            "{message}"
        );
        assert!(message.ends_with("请改正该文件后重新导入。"), "{message}");
        let s = s.reduce(file(Door::Summary, Accept::Document, &text));
        let failures = &s.batch.batch.as_ref().expect("a batch").failures;
        assert_eq!(failures, &[("f.json".to_string(), core)]);
    }

    #[test]
    fn a_framework_at_the_document_door_is_sent_to_its_own_not_asked_to_be_corrected() {
        let framework = zipin_core::framework::default_framework();
        let text = serde_json::to_string(&framework).expect("json");
        let s = Rc::new(State::initial()).reduce(file(Door::ImportFile, Accept::Document, &text));
        let Some(Err(message)) = s.ui.import.clone() else {
            panic!("refused")
        };
        assert!(message.contains("请在“评分框架”中导入"), "{message}");
        assert!(!message.contains("改正"), "{message}");
    }
}
