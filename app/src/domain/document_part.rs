//! What a unit adds to its report to make it the official document it signs: the number the
//! văn thư gives it, the signing date, and who signs. Each is a slot of the report, synced
//! and locked like a field; none is part of the template, which every unit shares.

use crate::domain::value::{check_text, Value, ValueError};
use crate::format::{date, parse_date};
use crate::lang::Lang;
use chrono::NaiveDate;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocumentPart {
    /// The number before the symbol: `12` in "Số: 12/BC-UBND". Often left blank for the
    /// văn thư, who numbers the signed paper.
    Number,
    /// The date of the signature, the document's date; stored as an ISO date.
    SignedOn,
    /// The signer's full name, under the signature.
    Signer,
    /// The signer's title when it is not the head's: "PHÓ CHỦ TỊCH" signs "KT. CHỦ TỊCH".
    SignerTitle,
}

impl DocumentPart {
    pub const ALL: [DocumentPart; 4] = [
        DocumentPart::Number,
        DocumentPart::SignedOn,
        DocumentPart::Signer,
        DocumentPart::SignerTitle,
    ];

    /// Its name in the slot key (`doc:number`).
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentPart::Number => "number",
            DocumentPart::SignedOn => "signed_on",
            DocumentPart::Signer => "signer",
            DocumentPart::SignerTitle => "signer_title",
        }
    }

    pub fn parse(name: &str) -> Option<DocumentPart> {
        Self::ALL.into_iter().find(|p| p.as_str() == name)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Vi, DocumentPart::Number) => "Số văn bản",
            (Lang::Vi, DocumentPart::SignedOn) => "Ngày ký",
            (Lang::Vi, DocumentPart::Signer) => "Người ký",
            (Lang::Vi, DocumentPart::SignerTitle) => "Chức vụ người ký",
            (Lang::En, DocumentPart::Number) => "Document number",
            (Lang::En, DocumentPart::SignedOn) => "Signing date",
            (Lang::En, DocumentPart::Signer) => "Signed by",
            (Lang::En, DocumentPart::SignerTitle) => "Signer's title",
        }
    }

    /// The longest value it takes, in characters: a number is a few digits, a name or a
    /// title one line of the signature block.
    pub fn max_chars(self) -> usize {
        match self {
            DocumentPart::Number => 20,
            DocumentPart::SignedOn => 10,
            DocumentPart::Signer | DocumentPart::SignerTitle => 100,
        }
    }

    /// What the user typed, as the value stored: trimmed text, a date typed dd/mm/yyyy kept
    /// as ISO; `None` when emptied.
    pub fn parse_input(self, input: &str, label: &str) -> Result<Option<Value>, ValueError> {
        let text = crate::format::without_direction_controls(input.trim());
        if text.is_empty() {
            return Ok(None);
        }
        let text = match self {
            DocumentPart::SignedOn => parse_date(&text)
                .ok_or_else(|| ValueError::NotADate {
                    label: label.to_string(),
                })?
                .to_string(),
            _ => text,
        };
        let value = Value::Text(text);
        self.check(&value, label)?;
        Ok(Some(value))
    }

    /// Whether a stored or pushed value is one this part takes.
    pub fn check(self, value: &Value, label: &str) -> Result<(), ValueError> {
        let Value::Text(text) = value else {
            return Err(ValueError::WrongKind {
                label: label.to_string(),
            });
        };
        check_text(text, label)?;
        if text.chars().count() > self.max_chars() {
            return Err(ValueError::TooManyChars {
                label: label.to_string(),
                most: self.max_chars(),
            });
        }
        if self == DocumentPart::SignedOn && Self::date_of(text).is_none() {
            return Err(ValueError::NotADate {
                label: label.to_string(),
            });
        }
        Ok(())
    }

    /// A stored value as the user reads it: the date as dd/mm/yyyy.
    pub fn shown(self, value: &Value) -> String {
        match (self, value) {
            (DocumentPart::SignedOn, Value::Text(text)) => Self::date_of(text)
                .map(date)
                .unwrap_or_else(|| text.clone()),
            (_, Value::Text(text)) => text.clone(),
            _ => String::new(),
        }
    }

    fn date_of(stored: &str) -> Option<NaiveDate> {
        stored.parse().ok()
    }

    /// The signing date a report holds, if any.
    pub fn signed_on(values: &crate::domain::rules::Values) -> Option<NaiveDate> {
        match values.get(&crate::sync::Slot::Document(DocumentPart::SignedOn).to_string()) {
            Some(Value::Text(text)) => Self::date_of(text),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn a_signing_date_is_typed_day_first_and_kept_as_iso() {
        let part = DocumentPart::SignedOn;
        assert_eq!(
            part.parse_input("03/05/2023", "Ngày ký"),
            Ok(Some(text("2023-05-03")))
        );
        assert_eq!(part.shown(&text("2023-05-03")), "03/05/2023");
        assert_eq!(
            part.parse_input("31/02/2023", "Ngày ký"),
            Err(ValueError::NotADate {
                label: "Ngày ký".into()
            })
        );
        assert_eq!(part.parse_input("  ", "Ngày ký"), Ok(None));
        // A pushed value is ISO or nothing.
        assert!(part.check(&text("03/05/2023"), "Ngày ký").is_err());
    }

    #[test]
    fn names_and_numbers_keep_to_one_line_of_the_signature() {
        let name = "Nguyễn Văn A".repeat(9);
        assert_eq!(
            DocumentPart::Signer.parse_input(&name, "Người ký"),
            Err(ValueError::TooManyChars {
                label: "Người ký".into(),
                most: 100
            })
        );
        // Counted in characters, not bytes: 100 Vietnamese letters fit.
        assert!(DocumentPart::Signer
            .check(&text(&"Ữ".repeat(100)), "x")
            .is_ok());
        assert_eq!(
            DocumentPart::Number.parse_input(" 12 ", "Số"),
            Ok(Some(text("12")))
        );
        assert!(DocumentPart::Number.check(&Value::Count(12), "Số").is_err());
    }

    #[test]
    fn parts_are_named_in_slot_keys() {
        for part in DocumentPart::ALL {
            assert_eq!(DocumentPart::parse(part.as_str()), Some(part));
        }
        assert_eq!(DocumentPart::parse("title"), None);
    }
}
