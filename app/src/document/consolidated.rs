//! A reviewer's report drawn from its units' (the consolidation): its own narrative where
//! written, else the units' paragraphs, each led by the unit's name; the consolidated
//! figures; who reported late or not at all; and an appendix of the figures by unit.

use super::model::{Block, Grid, OfficialDocument, Span};
use super::own_report::{section_blocks, Frame};
use super::words::figure;
use crate::api::ConsolidationView;
use crate::domain::progress::Standing;
use crate::domain::rules::Values;

pub fn consolidated(frame: &Frame, view: &ConsolidationView) -> OfficialDocument {
    let template = &view.template;
    let mut body = vec![frame.opening()];
    for section in &template.sections {
        body.extend(section_blocks(
            template,
            section,
            frame.values,
            &view.totals,
            |field| {
                let paragraphs = view.narratives.get(&field.code).into_iter().flatten();
                paragraphs
                    .map(|p| {
                        Block::Paragraph(vec![
                            Span::italic(format!("{}: ", p.unit)),
                            Span::plain(p.text.clone()),
                        ])
                    })
                    .collect()
            },
        ));
    }
    let counted = view.units.iter().filter(|u| u.included).count();
    body.push(Block::Heading("Tình hình báo cáo của các đơn vị".into()));
    body.push(Block::paragraph(format!(
        "Tổng hợp từ báo cáo của {counted}/{} đơn vị. Đơn vị nộp trễ hạn: {}. Đơn vị chưa nộp báo cáo: {}.",
        view.units.len(),
        names(view, |s| matches!(
            s,
            Standing::Submitted { on_time: false } | Standing::Accepted { on_time: false }
        )),
        names(view, |s| matches!(s, Standing::Missing | Standing::Returned)),
    )));
    body.push(Block::Heading("Phụ lục: Số liệu theo đơn vị".into()));
    body.push(Block::Grid(units_grid(view)));
    frame.document(body)
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

/// One row per unit below, with the figures every row of the consolidation page shows.
fn units_grid(view: &ConsolidationView) -> Grid {
    let fields = view.template.key_fields();
    let first = 25u8;
    let other = u8::try_from(75 / fields.len().max(1)).unwrap_or(75);
    let row = |name: &str, values: &Values| {
        let mut texts = vec![name.to_string()];
        texts.extend(
            fields
                .iter()
                .map(|f| figure(&view.template, values, f, false)),
        );
        texts
    };
    let mut head = vec!["Đơn vị".to_string()];
    head.extend(fields.iter().map(|f| f.label.clone()));
    Grid {
        widths: std::iter::once(first)
            .chain(std::iter::repeat_n(other, fields.len()))
            .collect(),
        head,
        rows: view
            .units
            .iter()
            .filter(|u| u.included)
            .map(|u| row(&u.unit_name, &u.values))
            .collect(),
        total: Some(row("Tổng cộng", &view.totals)),
        figures: true,
    }
}
