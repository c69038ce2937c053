//! Reading and writing a document's fields by their [`Field`] name, generated from the one field list.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::document::Document;
use crate::fields::{with_field_list, Field};

/// A field's value as an input shows it and an edit sets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum FieldValue {
    /// Money, a count, a year or an age; `None` is "not entered", never zero.
    Number(Option<Decimal>),
    Text(String),
    Flag(bool),
}

/// Why a value cannot go into a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotError {
    /// A text for a number field, a number for a text field …
    WrongKind,
    /// A count or a year that is not a whole number in range.
    NotWhole,
}

/// One place of the document that a field names.
trait Slot {
    fn read(&self) -> FieldValue;
    fn write(&mut self, value: FieldValue) -> Result<(), SlotError>;
    /// The text, borrowed, for a text field.
    fn as_text(&self) -> Option<&str> {
        None
    }
}

impl Slot for Option<Decimal> {
    fn read(&self) -> FieldValue {
        FieldValue::Number(*self)
    }
    fn write(&mut self, value: FieldValue) -> Result<(), SlotError> {
        match value {
            FieldValue::Number(number) => {
                *self = number;
                Ok(())
            }
            _ => Err(SlotError::WrongKind),
        }
    }
}

/// Counts and years: a whole decimal that fits, or nothing.
fn whole<T: TryFrom<u64>>(value: FieldValue) -> Result<Option<T>, SlotError> {
    match value {
        FieldValue::Number(None) => Ok(None),
        FieldValue::Number(Some(number)) if number.fract().is_zero() => number
            .to_u64()
            .and_then(|n| T::try_from(n).ok())
            .map(Some)
            .ok_or(SlotError::NotWhole),
        FieldValue::Number(Some(_)) => Err(SlotError::NotWhole),
        _ => Err(SlotError::WrongKind),
    }
}

impl Slot for Option<u32> {
    fn read(&self) -> FieldValue {
        FieldValue::Number(self.map(Decimal::from))
    }
    fn write(&mut self, value: FieldValue) -> Result<(), SlotError> {
        *self = whole(value)?;
        Ok(())
    }
}

impl Slot for Option<u16> {
    fn read(&self) -> FieldValue {
        FieldValue::Number(self.map(Decimal::from))
    }
    fn write(&mut self, value: FieldValue) -> Result<(), SlotError> {
        *self = whole(value)?;
        Ok(())
    }
}

impl Slot for String {
    fn read(&self) -> FieldValue {
        FieldValue::Text(self.clone())
    }
    fn as_text(&self) -> Option<&str> {
        Some(self)
    }
    fn write(&mut self, value: FieldValue) -> Result<(), SlotError> {
        match value {
            FieldValue::Text(text) => {
                *self = text;
                Ok(())
            }
            _ => Err(SlotError::WrongKind),
        }
    }
}

impl Slot for bool {
    fn read(&self) -> FieldValue {
        FieldValue::Flag(*self)
    }
    fn write(&mut self, value: FieldValue) -> Result<(), SlotError> {
        match value {
            FieldValue::Flag(flag) => {
                *self = flag;
                Ok(())
            }
            _ => Err(SlotError::WrongKind),
        }
    }
}

macro_rules! define_access {
    ($($variant:ident: $kind:ident = $path:literal, $label:literal, $($place:ident).+;)*) => {
        impl Document {
            /// The value of a field.
            pub fn get(&self, field: Field) -> FieldValue {
                match field {
                    $(Field::$variant => Slot::read(&self.$($place).+),)*
                }
            }

            /// A text field's text, borrowed (`None` for other fields): what the gate measures on every keystroke.
            pub fn text_ref(&self, field: Field) -> Option<&str> {
                match field {
                    $(Field::$variant => Slot::as_text(&self.$($place).+),)*
                }
            }

            /// Sets a field (the only way an edit writes one; see [`crate::edit`]).
            pub(crate) fn set(&mut self, field: Field, value: FieldValue) -> Result<(), SlotError> {
                match field {
                    $(Field::$variant => Slot::write(&mut self.$($place).+, value),)*
                }
            }
        }
    };
}
with_field_list!(define_access);

impl Document {
    /// A number field's value (counts and years as decimals); `None` when not entered or not a number field.
    pub fn number(&self, field: Field) -> Option<Decimal> {
        match self.get(field) {
            FieldValue::Number(number) => number,
            _ => None,
        }
    }

    /// A text field's text (empty for other fields).
    pub fn text(&self, field: Field) -> String {
        match self.get(field) {
            FieldValue::Text(text) => text,
            _ => String::new(),
        }
    }

    pub fn flag(&self, field: Field) -> bool {
        matches!(self.get(field), FieldValue::Flag(true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::FieldKind;
    use crate::samples;

    #[test]
    fn every_field_reads_back_what_was_written() {
        let mut doc = samples::seed();
        for &field in Field::ALL {
            let value = match field.kind() {
                FieldKind::Text => FieldValue::Text(format!("{}改", field.path())),
                FieldKind::Flag => FieldValue::Flag(!doc.flag(field)),
                _ => FieldValue::Number(Some(Decimal::from(1999))),
            };
            doc.set(field, value.clone()).unwrap();
            assert_eq!(doc.get(field), value, "{}", field.path());
        }
        // The accessors reach the place the path names, as the document's JSON shows it.
        let json = serde_json::to_value(&doc).unwrap();
        for &field in Field::ALL {
            let mut node = &json;
            for key in field.path().split('.') {
                node = &node[key];
            }
            match doc.get(field) {
                FieldValue::Text(text) => assert_eq!(node.as_str(), Some(text.as_str())),
                FieldValue::Flag(flag) => assert_eq!(node.as_bool(), Some(flag)),
                FieldValue::Number(_) => {
                    let shown = node
                        .as_str()
                        .map(str::to_string)
                        .unwrap_or(node.to_string());
                    assert_eq!(shown, "1999", "{}", field.path());
                }
            }
        }
    }

    #[test]
    fn counts_take_only_whole_numbers_and_kinds_do_not_mix() {
        let mut doc = samples::seed();
        let half = FieldValue::Number(Some(rust_decimal_macros::dec!(1.5)));
        assert_eq!(doc.set(Field::StaffOnPost, half), Err(SlotError::NotWhole));
        let huge = FieldValue::Number(Some(Decimal::from(70_000)));
        assert_eq!(doc.set(Field::UnitYear, huge), Err(SlotError::NotWhole));
        let text = FieldValue::Text("5".into());
        assert_eq!(doc.set(Field::BudgetFinal, text), Err(SlotError::WrongKind));
        assert_eq!(doc.number(Field::StaffOnPost), Some(Decimal::from(53)));
        doc.set(Field::StaffOnPost, FieldValue::Number(None))
            .unwrap();
        assert_eq!(doc.staff.on_post, None);
    }
}
