//! 报告: the 整体绩效自评报告 in the official outline, live. Each paragraph can be edited, and reset to the
//! generated text; headings follow the outline.

use yew::prelude::*;
use zipin_core::edit::Edit;
use zipin_core::report::{generate_with, Block, BlockKind};

use super::fields::TextField;
use super::outputs::Outputs;
use super::{on_click, on_edit, use_document, Shared};

#[function_component(Report)]
pub fn report() -> Html {
    let state = use_document();
    // Once per version of the document, its projects' digest from their scores kept in the state.
    let blocks = use_memo(Shared(state.stored.clone()), {
        let state = state.clone();
        move |_| {
            generate_with(
                state.doc(),
                &state.evaluation,
                state.projects.digest(state.doc()).as_ref(),
            )
        }
    });
    html! {
        <>
            <Outputs />
            <p class="hint no-print">{ "报告随数据实时生成。含数字的段落与数据保持一致；编辑某段后，该段以您的文字为准，可随时恢复为自动生成。" }</p>
            <article class="report-page" id="report" aria-label="整体绩效自评报告">
                { for blocks.iter().map(|b| html! { <ReportBlock key={b.id.clone()} block={b.clone()} /> }) }
            </article>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct BlockProps {
    block: Block,
}

#[function_component(ReportBlock)]
fn report_block(props: &BlockProps) -> Html {
    let state = use_document();
    let editing = use_state(|| false);
    let b = &props.block;
    match b.kind {
        BlockKind::Title => html! { <h1>{ &b.text }</h1> },
        BlockKind::Heading1 => html! { <h2>{ &b.text }</h2> },
        BlockKind::Heading2 => html! { <h3>{ &b.text }</h3> },
        BlockKind::Heading3 => html! { <h4>{ &b.text }</h4> },
        BlockKind::Table => {
            let Some(table) = &b.table else {
                return html! {};
            };
            html! {
                <table>
                    <thead><tr>{ for table.header.iter().map(|h| html! { <th scope="col">{ h }</th> }) }</tr></thead>
                    <tbody>{ for table.rows.iter().map(|row| html! {
                        <tr>{ for row.iter().map(|cell| html! { <td>{ cell }</td> }) }</tr>
                    }) }</tbody>
                </table>
            }
        }
        BlockKind::Paragraph => {
            let id = b.id.clone();
            let toggle = {
                let editing = editing.clone();
                Callback::from(move |_: MouseEvent| editing.set(!*editing))
            };
            let reset = on_click(&state, Edit::ResetParagraph { id: id.clone() });
            let on_text = {
                let id = id.clone();
                on_edit(&state, move |text| Edit::Paragraph {
                    id: id.clone(),
                    text,
                })
            };
            html! {
                <div class={classes!("report-block", b.edited.then_some("edited"))}>
                    if *editing {
                        <TextField id={format!("para-{id}")} label="编辑本段" rows={6} value={b.text.clone()} on_change={on_text} />
                    } else {
                        <p>{ &b.text }</p>
                    }
                    <div class="edit-tools no-print">
                        if b.edited { <span class="override-tag">{ "已手工修改" }</span> }
                        <button type="button" class="button small" onclick={toggle}
                            aria-expanded={if *editing { "true" } else { "false" }} aria-label={format!("{}段落：{}", if *editing { "完成编辑" } else { "编辑" }, b.text.chars().take(12).collect::<String>())}>
                            { if *editing { "完成" } else { "编辑" } }
                        </button>
                        if b.edited { <button type="button" class="button small" onclick={reset}>{ "恢复自动生成" }</button> }
                    </div>
                </div>
            }
        }
    }
}
