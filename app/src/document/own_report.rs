//! A unit's own report as the document it signs: the frame every report shares (header,
//! subject, addressee, signature), and the body of a unit's report: each heading's
//! narrative and figures, then the plan's tasks.

use super::letterhead::Letterhead;
use super::model::{Block, Grid, OfficialDocument, Span};
use super::words::{document_date, figure, number_line, period_phrase, subject};
use crate::domain::document_part::DocumentPart;
use crate::domain::plan::{Period, Task};
use crate::domain::rules::Values;
use crate::domain::task::TaskProgress;
use crate::domain::template::{Field, FieldKind, Section, Template};
use crate::domain::value::Value;
use crate::format::{ict, lower_first};
use crate::lang::Lang;
use crate::sync::Slot;
use chrono::{DateTime, NaiveDate, Utc};

/// What a document is about and what it holds beyond its body.
pub struct Frame<'a> {
    pub letterhead: &'a Letterhead,
    pub template: &'a Template,
    pub period: &'a Period,
    /// The unit's report: its document parts (number, signing date, signer).
    pub values: &'a Values,
    /// The document's date when the report names no signing date: the day it was
    /// submitted, else today.
    pub undated: NaiveDate,
}

/// The day a document is dated when its report names no signing date: the day it was
/// submitted, else today, in Vietnam.
pub fn undated_day(submitted_at: Option<DateTime<Utc>>) -> NaiveDate {
    submitted_at
        .unwrap_or_else(Utc::now)
        .with_timezone(&ict())
        .date_naive()
}

impl Frame<'_> {
    fn part(&self, part: DocumentPart) -> Option<&str> {
        match self.values.get(&Slot::Document(part).to_string()) {
            Some(Value::Text(text)) => Some(text),
            _ => None,
        }
    }

    /// "Thực hiện Kế hoạch số … , Ủy ban nhân dân phường … báo cáo kết quả thực hiện …
    /// như sau:"
    pub fn opening(&self) -> Block {
        Block::paragraph(format!(
            "Thực hiện {}, {} báo cáo kết quả thực hiện {} như sau:",
            self.letterhead.plan,
            self.letterhead.unit,
            lower_first(period_phrase(&self.period.label)),
        ))
    }

    /// The document around `body`.
    pub fn document(&self, body: Vec<Block>) -> OfficialDocument {
        let l = self.letterhead;
        let day = DocumentPart::signed_on(self.values).unwrap_or(self.undated);
        let mut recipients = Vec::new();
        if l.addressee.is_some() {
            recipients.push("- Như trên;".to_string());
        }
        recipients.extend(l.copies.iter().map(|c| format!("- {c};")));
        recipients.push(format!("- Lưu: {}.", l.filed));
        OfficialDocument {
            issuer_above: l.sender.above.clone(),
            issuer: l.sender.name.clone(),
            number: number_line(self.part(DocumentPart::Number), &l.sender.symbol),
            place_and_date: format!("{}, {}", l.place, document_date(day)),
            kind: "BÁO CÁO".into(),
            subject: subject(self.template, &self.period.label),
            data_range: self.period.data_range.map(|r| r.text()),
            addressee: l.addressee.as_ref().map(|a| format!("Kính gửi: {a}.")),
            body,
            recipients,
            signature: l.signed(
                self.part(DocumentPart::Signer),
                self.part(DocumentPart::SignerTitle),
            ),
            annex: None,
        }
    }
}

/// The unit's report: per heading its narratives and a table of its figures, then the
/// state of each plan task assigned to it.
pub fn own_report(frame: &Frame, tasks: &[Task]) -> OfficialDocument {
    let mut body = vec![frame.opening()];
    for section in &frame.template.sections {
        body.extend(section_blocks(
            frame.template,
            section,
            frame.values,
            frame.values,
            |_| Vec::new(),
        ));
    }
    if !tasks.is_empty() {
        body.push(Block::Heading(
            "Kết quả thực hiện các nhiệm vụ theo Kế hoạch".into(),
        ));
        body.push(Block::Grid(tasks_grid(tasks, frame.values)));
    }
    frame.document(body)
}

/// A heading's blocks: each narrative as written in `written` (else what `instead` gives
/// for its field), then a table of its figures read from `figures`.
pub fn section_blocks(
    template: &Template,
    section: &Section,
    written: &Values,
    figures: &Values,
    instead: impl Fn(&Field) -> Vec<Block>,
) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(section.title.clone())];
    let narratives: Vec<_> = section
        .fields
        .iter()
        .filter(|f| matches!(f.kind, FieldKind::Text))
        .collect();
    // Several narratives under one heading each get their label.
    let labelled = narratives.len() > 1;
    for field in narratives {
        let paragraphs = match written.get(&field.code) {
            Some(Value::Text(text)) if !text.trim().is_empty() => text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(Block::paragraph)
                .collect(),
            _ => instead(field),
        };
        if labelled && !paragraphs.is_empty() {
            blocks.push(Block::Paragraph(vec![Span::italic(format!(
                "{}:",
                field.label
            ))]));
        }
        blocks.extend(paragraphs);
    }
    let rows: Vec<Vec<String>> = section
        .fields
        .iter()
        .filter(|f| !matches!(f.kind, FieldKind::Text))
        .map(|f| vec![f.label.clone(), figure(template, figures, f, true)])
        .collect();
    if !rows.is_empty() {
        blocks.push(Block::Grid(figures_grid(rows)));
    }
    blocks
}

/// An "indicator | result" table.
fn figures_grid(rows: Vec<Vec<String>>) -> Grid {
    Grid {
        widths: vec![75, 25],
        head: vec!["Chỉ tiêu".into(), "Kết quả".into()],
        rows,
        total: None,
        figures: true,
    }
}

fn tasks_grid(tasks: &[Task], values: &Values) -> Grid {
    let rows = tasks
        .iter()
        .map(|task| {
            let progress = match values.get(&Slot::Task(task.code.clone()).to_string()) {
                Some(Value::Task(p)) => p.clone(),
                _ => TaskProgress::default(),
            };
            vec![
                format!("{}. {}", task.code, task.text),
                progress.status.label(Lang::Vi).to_string(),
                progress.note,
            ]
        })
        .collect();
    Grid {
        widths: vec![50, 20, 30],
        head: vec!["Nhiệm vụ".into(), "Tình trạng".into(), "Ghi chú".into()],
        rows,
        total: None,
        figures: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document_part::DocumentPart;
    use crate::domain::plan::tests::{tree, DEMO};
    use crate::domain::plan::Plan;
    use crate::domain::task::TaskStatus;
    use crate::domain::template::tests::demo;

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn a_ward_s_document_carries_its_words_figures_tasks_and_signer() {
        let (plan, tree, template) = (Plan::from_toml(DEMO).expect("plan"), tree(), demo());
        let ward = tree.get("HCM.GV.P01").expect("ward");
        let letterhead = Letterhead::new(&plan, ward, &tree).expect("letterhead");
        let period = plan.period("2023-6T").expect("period");
        let tasks = plan.tasks();
        let doc_key = |p: DocumentPart| Slot::Document(p).to_string();
        let values = Values::from([
            ("hs_tiep_nhan".to_string(), Value::Count(1234)),
            ("tinh_hinh".to_string(), text("Dòng một.\n\nDòng hai.")),
            (
                Slot::Task(tasks[0].code.clone()).to_string(),
                Value::Task(TaskProgress {
                    status: TaskStatus::HoanThanh,
                    note: "Đã tổ chức 2 hội nghị".into(),
                }),
            ),
            (doc_key(DocumentPart::Number), text("12")),
            (doc_key(DocumentPart::SignedOn), text("2023-05-03")),
            (doc_key(DocumentPart::Signer), text("Nguyễn Văn An")),
        ]);
        let frame = Frame {
            letterhead: &letterhead,
            template: &template,
            period,
            values: &values,
            undated: NaiveDate::from_ymd_opt(2023, 5, 4).expect("date"),
        };
        let doc = own_report(&frame, &tasks);
        assert_eq!(doc.number, "Số: 12/BC-UBND");
        assert_eq!(doc.place_and_date, "Phường 1, ngày 03 tháng 5 năm 2023");
        assert_eq!(
            doc.addressee.as_deref(),
            Some("Kính gửi: Phòng Nội vụ quận Gò Vấp.")
        );
        assert_eq!(doc.signature.name, "Nguyễn Văn An");
        assert_eq!(doc.signature.capacity, "TM. ỦY BAN NHÂN DÂN");
        let grids: Vec<&Grid> = doc
            .body
            .iter()
            .filter_map(|b| match b {
                Block::Grid(g) => Some(g),
                _ => None,
            })
            .collect();
        let received = grids
            .iter()
            .flat_map(|g| &g.rows)
            .find(|r| r[0] == template.field("hs_tiep_nhan").expect("field").label)
            .expect("the count's row");
        assert!(received[1].starts_with("1.234"), "{received:?}");
        let tasks_grid = grids.last().expect("tasks");
        assert_eq!(tasks_grid.rows[0][1], "Hoàn thành");
        assert_eq!(tasks_grid.rows[0][2], "Đã tổ chức 2 hội nghị");
        assert_eq!(tasks_grid.rows[1][1], "Chưa thực hiện");
        // Each line of a narrative is a paragraph; blank ones are not.
        assert!(doc.body.contains(&Block::paragraph("Dòng một.")));
        assert!(doc.body.contains(&Block::paragraph("Dòng hai.")));
    }
}
