//! The consolidated report as an official document (Nghị định 30/2020/NĐ-CP): A4, Times New
//! Roman, the two-column header, "Số: …/BC-…", place and date, "BÁO CÁO" and its subject,
//! "Kính gửi", the sections with their tables, "Nơi nhận" and the signature block.

use super::sender::{sender, Sender};
use app::api::ConsolidationView;
use app::domain::org::OrgUnit;
use app::domain::plan::Plan;
use app::domain::progress::Standing;
use app::domain::rules::{derived_ratio, Values};
use app::domain::template::{Field, FieldKind};
use app::domain::value::Value;
use app::format::lower_first;
use app::format::{date, upper_first, Numbers};
use chrono::{Datelike, NaiveDate};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType,
    Table, TableCell, TableRow, WidthType,
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
/// The text width between the margins.
const WIDTH: usize = (A4.0 as usize) - (LEFT as usize) - (RIGHT as usize);

/// What the document needs beyond the consolidation.
pub struct ReportDocument<'a> {
    pub view: &'a ConsolidationView,
    pub plan: &'a Plan,
    /// The unit that issued the plan.
    pub issuer: &'a OrgUnit,
    /// The governing body of the sending unit (`view.unit`), if any.
    pub parent: Option<&'a OrgUnit>,
    /// The unit the report goes to, if any.
    pub recipient: Option<&'a OrgUnit>,
    /// What the unit wrote in its own report, which takes the place of the gathered draft.
    pub own: &'a Values,
    pub today: NaiveDate,
}

/// "ngày 05 tháng 5 năm 2023": a leading zero for days below 10 and months 1 and 2 only.
pub fn document_date(d: NaiveDate) -> String {
    let month = match d.month() {
        m @ (1 | 2) => format!("{m:02}"),
        m => m.to_string(),
    };
    format!("ngày {:02} tháng {month} năm {}", d.day(), d.year())
}

fn run(text: impl Into<String>) -> Run {
    Run::new().add_text(xml_text(&text.into()))
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

/// A figure as the document prints it: `1.234 hồ sơ` (`1.234` without `with_unit`),
/// `98,33%`; "–" when not entered.
/// An official document writes numbers in Vietnamese, whatever its reader's language.
const OFFICIAL: Numbers = Numbers::Vietnamese;

fn figure(doc: &ReportDocument, values: &Values, field: &Field, with_unit: bool) -> String {
    let unit = field
        .unit
        .as_deref()
        .filter(|u| with_unit && *u != "%")
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    match (&field.kind, values.get(&field.code)) {
        (FieldKind::Derived(_), _) => derived_ratio(&doc.view.template, values, &field.code)
            .map(|r| OFFICIAL.ratio_as_percent(r))
            .unwrap_or_else(|| "–".into()),
        (_, Some(Value::Count(n))) => format!("{}{unit}", OFFICIAL.integer(*n)),
        (_, Some(Value::Percent(p))) => format!("{}%", OFFICIAL.hundredths(p.hundredths())),
        _ => "–".into(),
    }
}

/// The subject under "BÁO CÁO": the template's title without its type ("Báo cáo kết quả
/// thực hiện…" → "Kết quả thực hiện…") and the period.
fn subject(doc: &ReportDocument) -> String {
    let title = &doc.view.template.title;
    let topic = title
        .strip_prefix("Báo cáo ")
        .map(upper_first)
        .unwrap_or_else(|| title.clone());
    format!("{topic} {}", period_phrase(&doc.view.period.label))
}

/// The period as the subject line says it: "6 tháng đầu năm 2023".
fn period_phrase(label: &str) -> &str {
    label.strip_prefix("Báo cáo ").unwrap_or(label)
}

fn header(doc: &ReportDocument, from: &Sender) -> Table {
    // The place is a locality: an agency writes its governing body's.
    let place = if doc.view.unit.code == doc.plan.issuer {
        doc.plan.place.clone()
    } else if let (true, Some(parent)) = (doc.view.unit.kind.is_agency(), doc.parent) {
        parent.name.clone()
    } else {
        doc.view.unit.name.clone()
    };
    let left = cell(
        vec![
            centered(&from.above, SMALL, false),
            centered(&from.name, SMALL, true),
            centered("―――――", SMALL, false),
            centered(&format!("Số:        /{}", from.symbol), 26, false),
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
                vec![run(format!("{place}, {}", document_date(doc.today))).italic()],
            ),
        ],
        WIDTH * 3 / 5,
    );
    // The issuing body in 12 pt over two fifths of the width, the national motto on one
    // line over the rest; a long governing body ("UBND THÀNH PHỐ HỒ CHÍ MINH") wraps.
    Table::without_borders(vec![TableRow::new(vec![left, right])])
        .set_grid(vec![WIDTH * 2 / 5, WIDTH * 3 / 5])
}

/// The numeric fields of a section as an "indicator | result" table.
fn figures_table(doc: &ReportDocument, fields: &[&Field]) -> Table {
    let widths = [WIDTH * 3 / 4, WIDTH / 4];
    let head = vec!["Chỉ tiêu".to_string(), "Kết quả".to_string()];
    let mut rows = vec![text_row(head, &widths, RowKind::Head)];
    rows.extend(fields.iter().map(|f| {
        let texts = vec![f.label.clone(), figure(doc, &doc.view.totals, f, true)];
        text_row(texts, &widths, RowKind::Unit)
    }));
    Table::new(rows).set_grid(widths.to_vec())
}

/// How a row of a figures table looks.
#[derive(Clone, Copy, PartialEq)]
enum RowKind {
    Head,
    Unit,
    Total,
}

/// A table row of plain texts: the header centred and bold, else the name left and the
/// figures right; the total in bold.
fn text_row(texts: Vec<String>, widths: &[usize], kind: RowKind) -> TableRow {
    let cells = texts
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (text, width))| {
            let align = match (kind, i) {
                (RowKind::Head, _) => AlignmentType::Center,
                (_, 0) => AlignmentType::Left,
                _ => AlignmentType::Right,
            };
            cell(vec![table_text(text, kind != RowKind::Unit, align)], *width)
        })
        .collect();
    TableRow::new(cells)
}

/// One row per unit below, with the figures every row of the consolidation page shows.
fn units_table(doc: &ReportDocument) -> Table {
    let fields = doc.view.template.key_fields();
    let first = WIDTH / 4;
    let other = (WIDTH - first) / fields.len().max(1);
    let mut widths = vec![first];
    widths.extend(std::iter::repeat_n(other, fields.len()));
    let row = |name: &str, values: &Values, kind: RowKind| {
        let mut texts = vec![name.to_string()];
        texts.extend(fields.iter().map(|f| figure(doc, values, f, false)));
        text_row(texts, &widths, kind)
    };
    let mut head = vec!["Đơn vị".to_string()];
    head.extend(fields.iter().map(|f| f.label.clone()));
    let mut rows = vec![text_row(head, &widths, RowKind::Head)];
    for unit in doc.view.units.iter().filter(|u| u.included) {
        rows.push(row(&unit.unit_name, &unit.values, RowKind::Unit));
    }
    rows.push(row("Tổng cộng", &doc.view.totals, RowKind::Total));
    Table::new(rows).set_grid(widths)
}

fn names(view: &ConsolidationView, pick: impl Fn(Standing) -> bool) -> String {
    let list: Vec<&str> = view
        .units
        .iter()
        .filter(|u| pick(u.standing))
        .map(|u| u.unit_name.as_str())
        .collect();
    if list.is_empty() {
        "không có".into()
    } else {
        list.join(", ")
    }
}

fn closing(doc: &ReportDocument, from: &Sender) -> Table {
    let (capacity, title, name) = if doc.view.unit.code == doc.plan.issuer {
        let s = &doc.plan.signer;
        (s.capacity.as_str(), s.title.as_str(), s.name.as_str())
    } else {
        (from.capacity.as_str(), from.title.as_str(), "")
    };
    let mut recipients = vec![line(
        AlignmentType::Left,
        vec![run("Nơi nhận:").bold().italic().size(SMALL)],
    )];
    if doc.recipient.is_some() {
        recipients.push(line(
            AlignmentType::Left,
            vec![run("- Như trên;").size(TABLE)],
        ));
    }
    recipients.push(line(
        AlignmentType::Left,
        vec![run("- Lưu: VT.").size(TABLE)],
    ));
    let signature = vec![
        centered(capacity, BODY, true),
        centered(title, BODY, true),
        centered("", BODY, false),
        centered("", BODY, false),
        centered("", BODY, false),
        centered(name, BODY, true),
    ];
    Table::without_borders(vec![TableRow::new(vec![
        cell(recipients, WIDTH / 2),
        cell(signature, WIDTH / 2),
    ])])
    .set_grid(vec![WIDTH / 2, WIDTH / 2])
}

pub fn report(doc: &ReportDocument) -> Result<Vec<u8>, docx_rs::DocxError> {
    let view = doc.view;
    let fonts = RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT);
    let from = sender(&view.unit, doc.parent);
    let mut d = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(TOP)
                .bottom(TOP)
                .left(LEFT)
                .right(RIGHT),
        )
        .default_fonts(fonts)
        .default_size(BODY)
        .add_table(header(doc, &from))
        .add_paragraph(centered("", BODY, false))
        .add_paragraph(centered("BÁO CÁO", BODY, true));
    d = d.add_paragraph(centered(&subject(doc), BODY, true));
    if let Some(range) = view.period.data_range {
        d = d.add_paragraph(line(
            AlignmentType::Center,
            vec![run(range.text()).italic()],
        ));
    }
    if let Some(to) = doc.recipient {
        d = d.add_paragraph(
            centered(&format!("Kính gửi: {}.", to.addressee()), BODY, false)
                .line_spacing(LineSpacing::new().before(240).after(240)),
        );
    }
    d = d.add_paragraph(body(vec![run(format!(
        "Thực hiện Kế hoạch số {} ngày {} của {} về {}, {} báo cáo kết quả thực hiện {} như sau:",
        doc.plan.number,
        date(doc.plan.issued_on),
        doc.issuer.addressee(),
        lower_first(&doc.plan.title),
        view.unit.addressee(),
        lower_first(period_phrase(&view.period.label)),
    ))]));

    for section in &view.template.sections {
        d = d.add_paragraph(heading(&section.title));
        let mut numeric = Vec::new();
        // Several narratives under one heading each get their label.
        let labelled = section
            .fields
            .iter()
            .filter(|f| matches!(f.kind, FieldKind::Text))
            .count()
            > 1;
        for field in &section.fields {
            if !matches!(field.kind, FieldKind::Text) {
                numeric.push(field);
                continue;
            }
            if labelled {
                d = d.add_paragraph(body(vec![run(format!("{}:", field.label)).italic()]));
            }
            if let Some(Value::Text(text)) = doc
                .own
                .get(&field.code)
                .filter(|v| !matches!(v, Value::Text(t) if t.trim().is_empty()))
            {
                for p in text.lines().filter(|l| !l.trim().is_empty()) {
                    d = d.add_paragraph(body(vec![run(p.trim())]));
                }
            } else if let Some(paragraphs) = view.narratives.get(&field.code) {
                for p in paragraphs {
                    d = d.add_paragraph(body(vec![
                        run(format!("{}: ", p.unit)).italic(),
                        run(p.text.clone()),
                    ]));
                }
            }
        }
        if !numeric.is_empty() {
            d = d.add_table(figures_table(doc, &numeric));
        }
    }

    let counted = view.units.iter().filter(|u| u.included).count();
    d = d
        .add_paragraph(heading("Tình hình báo cáo của các đơn vị"))
        .add_paragraph(body(vec![run(format!(
            "Tổng hợp từ báo cáo của {counted}/{} đơn vị. Đơn vị nộp trễ hạn: {}. Đơn vị chưa nộp báo cáo: {}.",
            view.units.len(),
            names(view, |s| matches!(s, Standing::Submitted { on_time: false } | Standing::Accepted { on_time: false })),
            names(view, |s| matches!(s, Standing::Missing | Standing::Returned)),
        ))]))
        .add_paragraph(heading("Phụ lục: Số liệu theo đơn vị"))
        .add_table(units_table(doc))
        .add_paragraph(centered("", BODY, false))
        .add_table(closing(doc, &from));

    let mut out = std::io::Cursor::new(Vec::new());
    d.build().pack(&mut out)?;
    Ok(out.into_inner())
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

    #[test]
    fn dates_are_written_as_the_decree_says() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(document_date(d(2023, 5, 5)), "ngày 05 tháng 5 năm 2023");
        assert_eq!(document_date(d(2023, 2, 14)), "ngày 14 tháng 02 năm 2023");
        assert_eq!(document_date(d(2023, 11, 23)), "ngày 23 tháng 11 năm 2023");
    }
}
