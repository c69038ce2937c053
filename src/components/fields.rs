//! Labelled inputs. Every input has a visible `<label for>`; numbers go through the core's parser, and an invalid
//! entry shows its message under the field while the document keeps the last valid value.

use gloo::events::EventListener;
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, InputEvent};
use yew::prelude::*;
use zipin_core::access::FieldValue;
use zipin_core::edit::Edit;
use zipin_core::fields::{Field, FieldKind};
use zipin_core::number::{
    fmt_plain, parse_count, parse_decimal, parse_money, parse_points, parse_rate,
};
use zipin_core::present::hints::field_hint;

use super::{on_edit, use_document};

/// The longest text a field takes: the gate's cap, so what is typed can always be saved and opened again.
pub const MAX_TEXT: usize = zipin_core::gate::caps::TEXT_CHARS;

/// What a number field holds; decides the parser and the unit shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// 万元.
    Money,
    /// Percent.
    Rate,
    /// A whole count (人, 例).
    Count,
    /// Any decimal (an average age).
    Decimal,
    /// A weight, points or a score: at most two decimals.
    Points,
}

impl NumberKind {
    fn parse(self, text: &str) -> Result<Option<Decimal>, String> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        let result = match self {
            NumberKind::Money => parse_money(text),
            NumberKind::Rate => parse_rate(text),
            NumberKind::Count => parse_count(text).map(Decimal::from),
            NumberKind::Decimal => parse_decimal(text),
            NumberKind::Points => parse_points(text),
        };
        result.map(Some).map_err(|e| e.to_string())
    }
}

/// The text of the input or textarea an event came from.
pub fn target_text(target: Option<web_sys::EventTarget>) -> Option<String> {
    let target = target?;
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        Some(input.value())
    } else {
        target
            .dyn_ref::<HtmlTextAreaElement>()
            .map(|area| area.value())
    }
}

fn event_text(e: &InputEvent) -> String {
    target_text(e.target()).unwrap_or_default()
}

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    /// The input's id (`FieldRef::dom_id`), so checks can link to it.
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: Option<Decimal>,
    pub kind: NumberKind,
    pub on_change: Callback<Option<Decimal>>,
    /// The unit shown after the label: 万元, %, 人 …
    #[prop_or_default]
    pub unit: AttrValue,
    /// A derived figure shown under the field (e.g. 占比 92.45%).
    #[prop_or_default]
    pub derived: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
    /// Inside a table: named by its column and row headers instead of a label of its own.
    #[prop_or_default]
    pub labelled_by: Option<AttrValue>,
    /// What keeps the last valid value while the entry is wrong: the document, or the framework in the editor.
    #[prop_or(AttrValue::Static("文档"))]
    pub kept_by: AttrValue,
    /// An empty field is an entry to correct, not "not entered" (a 分值 always has a number).
    #[prop_or_default]
    pub required: bool,
    /// Told after each entry whether it was read (`false`: the field shows an error and keeps the last valid
    /// value), for a form that must not act on a value the officer is still correcting.
    #[prop_or_default]
    pub on_validity: Option<Callback<bool>>,
}

/// A number as officers type and paste it (`5,343.32万元`, full-width digits). Empty means "not entered".
#[function_component(NumberField)]
pub fn number_field(props: &NumberFieldProps) -> Html {
    // What the officer typed and its message live in refs and are reconciled with the document's value during
    // render: no effect runs later with a stale copy that could wipe a message or a half-typed entry.
    let text = use_mut_ref(|| props.value.map(fmt_plain).unwrap_or_default());
    let error = use_mut_ref(|| None::<String>);
    let synced = use_mut_ref(|| props.value);
    let redraw = use_force_update();
    if *synced.borrow() != props.value {
        // The value changed from outside (undo, another document): show it, unless the text already means it.
        if props.kind.parse(&text.borrow()) != Ok(props.value) {
            *text.borrow_mut() = props.value.map(fmt_plain).unwrap_or_default();
            *error.borrow_mut() = None;
        }
        *synced.borrow_mut() = props.value;
    }
    let oninput = {
        let (text, error, synced) = (text.clone(), error.clone(), synced.clone());
        let on_change = props.on_change.clone();
        let kind = props.kind;
        let current = props.value;
        let required = props.required;
        let on_validity = props.on_validity.clone();
        Callback::from(move |e: InputEvent| {
            let typed = event_text(&e);
            let parsed = match kind.parse(&typed) {
                Ok(None) if required => Err("请输入数字".to_string()),
                parsed => parsed,
            };
            match parsed {
                Ok(value) => {
                    *error.borrow_mut() = None;
                    if value != current {
                        // Mark it as ours, so the coming render does not treat it as an outside change.
                        *synced.borrow_mut() = value;
                        on_change.emit(value);
                    }
                }
                Err(message) => *error.borrow_mut() = Some(message),
            }
            if let Some(told) = &on_validity {
                told.emit(error.borrow().is_none());
            }
            *text.borrow_mut() = typed;
            redraw.force_update();
        })
    };
    let text = text.borrow().clone();
    let error = error.borrow().clone();
    let error_id = format!("{}-error", props.id);
    let invalid = error.is_some();
    html! {
        <div class={classes!("field", invalid.then_some("invalid"), props.class.clone())}>
            if props.labelled_by.is_none() {
                <label for={props.id.clone()}>
                    { props.label.clone() }
                    if !props.unit.is_empty() { <span class="unit-suffix">{ format!("（{}）", props.unit) }</span> }
                </label>
            }
            <input id={props.id.clone()} class="num" type="text" inputmode="decimal" autocomplete="off"
                value={text} {oninput} aria-labelledby={props.labelled_by.clone()}
                aria-invalid={invalid.then_some("true")}
                aria-describedby={invalid.then_some(error_id.clone())} />
            if let Some(message) = &error {
                <p class="field-error" id={error_id} role="alert">{ format!("{message}；{}保留上次的有效值", props.kept_by) }</p>
            } else if let Some(derived) = &props.derived {
                <span class="derived">{ derived.clone() }</span>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub on_change: Callback<String>,
    /// A textarea of about this many rows instead of a one-line input.
    #[prop_or_default]
    pub rows: Option<u32>,
    #[prop_or_default]
    pub placeholder: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
    /// The most characters it takes (a document text's cap unless said otherwise).
    #[prop_or(MAX_TEXT)]
    pub max_chars: usize,
}

/// Text, sent on every input except while an input method is composing (pinyin), so Chinese typing is not
/// interrupted; the composed text is sent when composition ends.
#[function_component(TextField)]
pub fn text_field(props: &TextFieldProps) -> Html {
    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            if !e.is_composing() {
                on_change.emit(event_text(&e));
            }
        })
    };
    let node = use_node_ref();
    use_composition_end(&node, &props.on_change);
    let hint_id = format!("{}-hint", props.id);
    html! {
        <div class={classes!("field", props.class.clone())}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            if let Some(rows) = props.rows {
                <textarea id={props.id.clone()} rows={rows.to_string()} value={props.value.clone()} maxlength={props.max_chars.to_string()}
                    placeholder={props.placeholder.clone()} {oninput} ref={node.clone()}
                    aria-describedby={props.hint.is_some().then_some(hint_id.clone())} />
            } else {
                <input id={props.id.clone()} type="text" value={props.value.clone()} placeholder={props.placeholder.clone()} maxlength={props.max_chars.to_string()}
                    {oninput} ref={node} aria-describedby={props.hint.is_some().then_some(hint_id.clone())} />
            }
            if let Some(hint) = &props.hint { <span class="hint" id={hint_id}>{ hint.clone() }</span> }
        </div>
    }
}

/// Sends the text of the input behind `node` when an input method finishes composing (Yew has no
/// `oncompositionend`, and Chrome's last `input` event of a composition still says "composing").
#[hook]
pub fn use_composition_end(node: &NodeRef, on_change: &Callback<String>) {
    let on_change = on_change.clone();
    use_effect_with(node.clone(), move |node| {
        let listener = node.get().map(|element| {
            EventListener::new(&element, "compositionend", move |event| {
                if let Some(text) = target_text(event.target()) {
                    on_change.emit(text);
                }
            })
        });
        move || drop(listener)
    });
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// (value, text) pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub selected: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub class: Classes,
}

#[function_component(SelectField)]
pub fn select_field(props: &SelectFieldProps) -> Html {
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            {
                on_change.emit(select.value());
            }
        })
    };
    html! {
        <div class={classes!("field", props.class.clone())}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <select id={props.id.clone()} {onchange}>
                { for props.options.iter().map(|(value, text)| html! {
                    <option value={value.clone()} selected={*value == props.selected}>{ text.clone() }</option>
                }) }
            </select>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckboxProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    pub on_change: Callback<bool>,
}

#[function_component(Checkbox)]
pub fn checkbox(props: &CheckboxProps) -> Html {
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            {
                on_change.emit(input.checked());
            }
        })
    };
    html! {
        <div class="checkbox">
            <input type="checkbox" id={props.id.clone()} checked={props.checked} {onchange} />
            <label for={props.id.clone()}>{ props.label.clone() }</label>
        </div>
    }
}

impl From<FieldKind> for NumberKind {
    fn from(kind: FieldKind) -> NumberKind {
        match kind {
            FieldKind::Money => NumberKind::Money,
            FieldKind::Age => NumberKind::Decimal,
            FieldKind::Count | FieldKind::Year | FieldKind::Text | FieldKind::Flag => {
                NumberKind::Count
            }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct FieldInputProps {
    pub field: Field,
    /// For a text: a textarea of about this many rows instead of a one-line input.
    #[prop_or_default]
    pub rows: Option<u32>,
}

/// A number field of the document, labelled, parsed and saved as the field list says, with the core's hint for
/// the field under it (基本 + 项目 = …, a rate's computation).
#[function_component(NumberInput)]
pub fn number_input(props: &FieldInputProps) -> Html {
    let state = use_document();
    let field = props.field;
    let hint = field_hint(state.doc(), field).map(AttrValue::from);
    html! {
        <NumberField id={field.dom_id()} label={field.label()} kind={NumberKind::from(field.kind())} unit={field.unit()}
            value={state.doc().number(field)} derived={hint}
            on_change={on_edit(&state, move |v: Option<Decimal>| Edit::Set(field, FieldValue::Number(v)))} />
    }
}

/// A text field of the document.
#[function_component(TextInput)]
pub fn text_input(props: &FieldInputProps) -> Html {
    let state = use_document();
    let field = props.field;
    html! {
        <TextField id={field.dom_id()} label={field.label()} rows={props.rows}
            value={state.doc().text(field)}
            on_change={on_edit(&state, move |v: String| Edit::Set(field, FieldValue::Text(v)))} />
    }
}

/// A tick box of the document.
#[function_component(FlagInput)]
pub fn flag_input(props: &FieldInputProps) -> Html {
    let state = use_document();
    let field = props.field;
    html! {
        <Checkbox id={field.dom_id()} label={field.label()} checked={state.doc().flag(field)}
            on_change={on_edit(&state, move |v: bool| Edit::Set(field, FieldValue::Flag(v)))} />
    }
}
