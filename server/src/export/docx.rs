//! An official document (`app::document`) as DOCX, as Nghị định 30/2020/NĐ-CP lays it out:
//! A4, Times New Roman, the two-column header, "Số: …", place and date, "BÁO CÁO" and its
//! subject, "Kính gửi", the body with its tables, "Nơi nhận" and the signature block; and
//! a list annexed to a decision.

use app::document::evaluation_list::AnnexedList;
use app::document::{Block, Grid, OfficialDocument, Span};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, PageOrientationType, PageSize, Paragraph, Run,
    RunFonts, Section, SpecialIndentType, Table, TableCell, TableRow, WidthType,
};

const FONT: &str = "Times New Roman";
/// Sizes are in half-points.
const BODY: usize = 28;
const SMALL: usize = 24;
const TABLE: usize = 22;
/// A4 and the decree's margins (top and bottom 20 mm, left 30 mm, right 15 mm), in twips.
const A4: (u32, u32) = (11906, 16838);
const TOP: i32 = 1134;
const LEFT: i32 = 1701;
const RIGHT: i32 = 851;
const INDENT: i32 = 567;
/// The text width between the margins, on a portrait page and on a landscape one.
const WIDTH: usize = (A4.0 as usize) - (LEFT as usize) - (RIGHT as usize);
const LANDSCAPE_WIDTH: usize = (A4.1 as usize) - (LEFT as usize) - (RIGHT as usize);

fn run(text: &str) -> Run {
    Run::new().add_text(xml_text(text))
}

/// Text as XML 1.0 allows it. A narrative pasted from Word may hold a vertical tab (Word's
/// line break, U+000B) or another control character, which would make the whole document
/// unreadable: breaks become spaces, the rest is dropped.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(c),
            '\u{b}' | '\u{c}' => Some(' '),
            '\u{fffe}' | '\u{ffff}' => None,
            c if c < ' ' => None,
            c => Some(c),
        })
        .collect()
}

fn line(align: AlignmentType, runs: Vec<Run>) -> Paragraph {
    runs.into_iter()
        .fold(Paragraph::new().align(align), Paragraph::add_run)
}

fn centered(text: &str, size: usize, bold: bool) -> Paragraph {
    let mut r = run(text).size(size);
    if bold {
        r = r.bold();
    }
    line(AlignmentType::Center, vec![r])
}

/// A body paragraph: justified, first line indented.
fn body(runs: Vec<Run>) -> Paragraph {
    line(AlignmentType::Both, runs)
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .line_spacing(LineSpacing::new().before(60).after(60))
}

fn heading(text: &str) -> Paragraph {
    line(AlignmentType::Both, vec![run(text).bold()])
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .line_spacing(LineSpacing::new().before(120).after(60))
}

fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new(), TableCell::add_paragraph)
        .width(width, WidthType::Dxa)
}

fn table_text(text: &str, bold: bool, align: AlignmentType) -> Paragraph {
    let mut r = run(text).size(TABLE);
    if bold {
        r = r.bold();
    }
    line(align, vec![r])
}

fn header(doc: &OfficialDocument) -> Table {
    let left = cell(
        vec![
            centered(&doc.issuer_above, SMALL, false),
            centered(&doc.issuer, SMALL, true),
            centered("―――――", SMALL, false),
            centered(&doc.number, 26, false),
        ],
        WIDTH * 2 / 5,
    );
    let right = cell(
        vec![
            centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", SMALL, true),
            centered("Độc lập - Tự do - Hạnh phúc", BODY, true),
            centered("―――――――――――――", 26, false),
            line(
                AlignmentType::Center,
                vec![run(&doc.place_and_date).italic()],
            ),
        ],
        WIDTH * 3 / 5,
    );
    // The issuing body in 12 pt over two fifths of the width, the national motto on one
    // line over the rest; a long governing body ("UBND THÀNH PHỐ HỒ CHÍ MINH") wraps.
    Table::without_borders(vec![TableRow::new(vec![left, right])])
        .set_grid(vec![WIDTH * 2 / 5, WIDTH * 3 / 5])
}

/// How a row of a table looks.
#[derive(Clone, Copy, PartialEq)]
enum RowKind {
    Head,
    Body,
    Total,
}

/// A table row of plain texts: the header centred and bold, else the name left and the
/// figures right; the total in bold.
fn text_row(texts: &[String], widths: &[usize], kind: RowKind, figures: bool) -> TableRow {
    let cells = texts
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (text, width))| {
            let align = match (kind, i) {
                (RowKind::Head, _) => AlignmentType::Center,
                (_, 0) => AlignmentType::Left,
                _ if figures => AlignmentType::Right,
                _ => AlignmentType::Left,
            };
            cell(vec![table_text(text, kind != RowKind::Body, align)], *width)
        })
        .collect();
    TableRow::new(cells)
}

fn grid(g: &Grid, text_width: usize) -> Table {
    let widths: Vec<usize> = g
        .widths
        .iter()
        .map(|w| text_width * *w as usize / 100)
        .collect();
    let rows = std::iter::once(text_row(&g.head, &widths, RowKind::Head, g.figures))
        .chain(
            g.rows
                .iter()
                .map(|r| text_row(r, &widths, RowKind::Body, g.figures)),
        )
        .chain(
            g.total
                .iter()
                .map(|r| text_row(r, &widths, RowKind::Total, g.figures)),
        )
        .collect();
    Table::new(rows).set_grid(widths)
}

fn spans(spans: &[Span]) -> Vec<Run> {
    spans
        .iter()
        .map(|s| {
            if s.italic {
                run(&s.text).italic()
            } else {
                run(&s.text)
            }
        })
        .collect()
}

fn closing(doc: &OfficialDocument) -> Table {
    let mut recipients = vec![line(
        AlignmentType::Left,
        vec![run("Nơi nhận:").bold().italic().size(SMALL)],
    )];
    recipients.extend(
        doc.recipients
            .iter()
            .map(|r| line(AlignmentType::Left, vec![run(r).size(TABLE)])),
    );
    let s = &doc.signature;
    let signature = vec![
        centered(&s.capacity, BODY, true),
        centered(&s.title, BODY, true),
        centered("", BODY, false),
        centered("", BODY, false),
        centered("", BODY, false),
        centered(&s.name, BODY, true),
    ];
    Table::without_borders(vec![TableRow::new(vec![
        cell(recipients, WIDTH / 2),
        cell(signature, WIDTH / 2),
    ])])
    .set_grid(vec![WIDTH / 2, WIDTH / 2])
}

/// A paragraph or a table, in the order the document holds them (boxed: a paragraph is
/// large, and a document holds hundreds).
enum Part {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

impl Part {
    fn paragraph(p: Paragraph) -> Part {
        Part::Paragraph(Box::new(p))
    }

    fn table(t: Table) -> Part {
        Part::Table(Box::new(t))
    }
}

fn blocks(blocks: &[Block], text_width: usize) -> impl Iterator<Item = Part> + '_ {
    blocks.iter().map(move |block| match block {
        Block::Heading(text) => Part::paragraph(heading(text)),
        Block::Paragraph(parts) => Part::paragraph(body(spans(parts))),
        Block::Grid(g) => Part::table(grid(g, text_width)),
    })
}

/// The document up to its signature.
fn signed_part(doc: &OfficialDocument) -> Vec<Part> {
    let mut parts = vec![
        Part::table(header(doc)),
        Part::paragraph(centered("", BODY, false)),
        Part::paragraph(centered(&doc.kind, BODY, true)),
        Part::paragraph(centered(&doc.subject, BODY, true)),
    ];
    if let Some(range) = &doc.data_range {
        parts.push(Part::paragraph(line(
            AlignmentType::Center,
            vec![run(range).italic()],
        )));
    }
    if let Some(to) = &doc.addressee {
        parts.push(Part::paragraph(
            centered(to, BODY, false).line_spacing(LineSpacing::new().before(240).after(240)),
        ));
    }
    parts.extend(blocks(&doc.body, WIDTH));
    parts.push(Part::paragraph(centered("", BODY, false)));
    parts.push(Part::table(closing(doc)));
    parts
}

fn margins() -> PageMargin {
    PageMargin::new()
        .top(TOP)
        .bottom(TOP)
        .left(LEFT)
        .right(RIGHT)
}

/// The document on A4; an annex after the signature starts a section of its own, on
/// landscape pages when its tables are wide.
pub fn document(doc: &OfficialDocument) -> Result<Vec<u8>, docx_rs::DocxError> {
    let mut d = blank();
    let signed = signed_part(doc);
    let last = match &doc.annex {
        None => {
            d = signed.into_iter().fold(d, add);
            false
        }
        Some(annex) => {
            // The signed part ends a portrait section; the annex is the document's last.
            let section = signed.into_iter().fold(
                Section::new()
                    .page_size(PageSize::new().size(A4.0, A4.1))
                    .page_margin(margins()),
                |section, part| match part {
                    Part::Paragraph(p) => section.add_paragraph(*p),
                    Part::Table(t) => section.add_table(*t),
                },
            );
            d = d.add_section(section);
            let width = if annex.landscape {
                LANDSCAPE_WIDTH
            } else {
                WIDTH
            };
            d = blocks(&annex.blocks, width).fold(d, add);
            annex.landscape
        }
    };
    d = if last {
        d.page_size(A4.1, A4.0)
            .page_orient(PageOrientationType::Landscape)
    } else {
        d.page_size(A4.0, A4.1)
    };
    pack(d)
}

/// A list annexed to a decision, on portrait A4: its title, what it is annexed to, its
/// table.
pub fn list(list: &AnnexedList) -> Result<Vec<u8>, docx_rs::DocxError> {
    let mut d = blank().page_size(A4.0, A4.1);
    for line in &list.title {
        d = d.add_paragraph(centered(line, BODY, true));
    }
    d = d.add_paragraph(line(
        AlignmentType::Center,
        vec![run(&list.attached_to).italic()],
    ));
    d = d.add_paragraph(centered("", BODY, false));
    pack(d.add_table(grid(&list.grid, WIDTH)))
}

/// A document in the decree's font and margins, with nothing in it yet.
fn blank() -> Docx {
    let fonts = RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT);
    Docx::new()
        .page_margin(margins())
        .default_fonts(fonts)
        .default_size(BODY)
}

fn pack(d: Docx) -> Result<Vec<u8>, docx_rs::DocxError> {
    let mut out = std::io::Cursor::new(Vec::new());
    d.build().pack(&mut out)?;
    Ok(out.into_inner())
}

fn add(d: Docx, part: Part) -> Docx {
    match part {
        Part::Paragraph(p) => d.add_paragraph(*p),
        Part::Table(t) => d.add_table(*t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keeps_to_what_xml_allows() {
        assert_eq!(
            xml_text("Dòng một\u{b}dòng hai\u{1}\u{fffe}"),
            "Dòng một dòng hai"
        );
        assert_eq!(xml_text("a\tb\nc"), "a\tb\nc");
    }
}
