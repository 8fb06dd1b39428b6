//! The parts of an official document, in the order the decree lays them out, as plain
//! texts: whoever draws it (DOCX, the print view) decides fonts and sizes.

/// A report as an official document.
#[derive(Clone, Debug, PartialEq)]
pub struct OfficialDocument {
    /// The governing body above the issuing one ("ỦY BAN NHÂN DÂN").
    pub issuer_above: String,
    /// The issuing body, in capitals ("PHƯỜNG HẠNH THÔNG").
    pub issuer: String,
    /// "Số: 12/BC-UBND", or with room for the văn thư's number.
    pub number: String,
    /// "Hạnh Thông, ngày 03 tháng 5 năm 2023".
    pub place_and_date: String,
    /// "BÁO CÁO".
    pub kind: String,
    /// The subject under the kind, one line.
    pub subject: String,
    /// The period's data range, in italics under the subject.
    pub data_range: Option<String>,
    /// "Kính gửi: …".
    pub addressee: Option<String>,
    pub body: Vec<Block>,
    /// "Nơi nhận": its lines.
    pub recipients: Vec<String>,
    pub signature: Signature,
    /// What follows the signature (a consolidation's figures by unit, the units that did
    /// not report); none for most reports.
    pub annex: Option<Annex>,
}

/// An annex (phụ lục), after the signed document, on pages of its own.
#[derive(Clone, Debug, PartialEq)]
pub struct Annex {
    pub blocks: Vec<Block>,
    /// Its tables are too wide for a portrait page: its pages are landscape.
    pub landscape: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A section's title, bold.
    Heading(String),
    /// A justified paragraph, its first line indented.
    Paragraph(Vec<Span>),
    Grid(Grid),
}

/// A run of text in a paragraph; italics name a source ("Phường 1: …") or a label.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub text: String,
    pub italic: bool,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            italic: false,
        }
    }

    pub fn italic(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            italic: true,
        }
    }
}

impl Block {
    pub fn paragraph(text: impl Into<String>) -> Block {
        Block::Paragraph(vec![Span::plain(text)])
    }
}

/// A table whose first column names a row.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    /// Each column's share of the text width, in percent.
    pub widths: Vec<u8>,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The totals row, in bold.
    pub total: Option<Vec<String>>,
    /// Whether the columns after the first hold figures, drawn right-aligned.
    pub figures: bool,
}

/// The signature block: on behalf of whom, the title, the name after the signature.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Signature {
    /// "TM. ỦY BAN NHÂN DÂN" or "KT. CHỦ TỊCH"; empty for an agency's head.
    pub capacity: String,
    pub title: String,
    /// Left blank for the signer to write when not set.
    pub name: String,
}
