//! A reviewer's report drawn from its units' (the consolidation): its own narrative where
//! written, else the starting draft (figures as sentences, the units' passages grouped by
//! kind of unit, see `domain::synthesis`); its own figures where written, else the units'
//! sums; how many reported;
//! then, after the signature, the annexes: the figures by unit (on landscape pages when
//! wide) and the units that reported late or not at all.

use super::model::{Annex, Block, Grid, OfficialDocument};
use super::own_report::{section_blocks, Frame};
use super::words::figure;
use crate::api::ConsolidationView;
use crate::domain::progress::Standing;
use crate::domain::rules::Values;

pub fn consolidated(frame: &Frame, view: &ConsolidationView) -> OfficialDocument {
    let template = &view.template;
    let figures = figures(view, frame.values);
    let mut body = vec![frame.opening()];
    for section in &template.sections {
        body.extend(section_blocks(
            template,
            section,
            frame.values,
            &figures,
            |field| {
                let draft = view.draft.get(&field.code).into_iter();
                draft
                    .flat_map(|text| text.split("\n\n"))
                    .map(Block::paragraph)
                    .collect()
            },
        ));
    }
    let counted = view.units.iter().filter(|u| u.included).count();
    let late = |s: Standing| {
        matches!(
            s,
            Standing::Submitted { on_time: false } | Standing::Accepted { on_time: false }
        )
    };
    let missing = |s: Standing| matches!(s, Standing::Missing | Standing::Returned);
    let count =
        |pick: &dyn Fn(Standing) -> bool| view.units.iter().filter(|u| pick(u.standing)).count();
    let (late_count, missing_count) = (count(&late), count(&missing));
    body.push(Block::Heading("Tình hình báo cáo của các đơn vị".into()));
    let mut status = format!(
        "Tổng hợp từ báo cáo của {counted}/{} đơn vị.",
        view.units.len()
    );
    if late_count + missing_count > 0 {
        status.push_str(&format!(
            " Có {late_count} đơn vị nộp trễ hạn và {missing_count} đơn vị chưa nộp báo cáo (danh sách tại Phụ lục II)."
        ));
    }
    body.push(Block::paragraph(status));
    let grid = units_grid(view);
    // Portrait holds a name and about five figures; more columns go on landscape pages.
    let landscape = grid.head.len() > 6;
    let mut annex = vec![
        Block::Heading("Phụ lục I: Số liệu theo đơn vị".into()),
        Block::Grid(grid),
    ];
    if late_count + missing_count > 0 {
        annex.push(Block::Heading(
            "Phụ lục II: Đơn vị nộp trễ hạn, đơn vị chưa nộp báo cáo".into(),
        ));
        annex.push(Block::Grid(standing_grid(view, &|s| late(s) || missing(s))));
    }
    let mut document = frame.document(body);
    document.annex = Some(Annex {
        blocks: annex,
        landscape,
    });
    document
}

/// The report's figures: those its own report holds (the units' figure taken, or a
/// correction), else the units' sums; rates are recomputed from these.
fn figures(view: &ConsolidationView, own: &Values) -> Values {
    let mut figures = view.totals.clone();
    for field in view.template.fields().filter(|f| f.is_numeric()) {
        if let Some(value) = own.get(&field.code) {
            figures.insert(field.code.clone(), value.clone());
        }
    }
    figures
}

/// The units `pick` chooses, numbered, with how they stand.
fn standing_grid(view: &ConsolidationView, pick: &dyn Fn(Standing) -> bool) -> Grid {
    let rows = view
        .units
        .iter()
        .filter(|u| pick(u.standing))
        .enumerate()
        .map(|(i, u)| {
            let standing = match u.standing {
                Standing::Missing => "Chưa nộp",
                Standing::Returned => "Bị trả lại, chưa nộp lại",
                _ => "Nộp trễ hạn",
            };
            vec![
                (i + 1).to_string(),
                u.unit_name.clone(),
                standing.to_string(),
            ]
        })
        .collect();
    Grid {
        widths: vec![10, 55, 35],
        head: vec!["STT".into(), "Đơn vị".into(), "Tình trạng".into()],
        rows,
        total: None,
        figures: false,
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
