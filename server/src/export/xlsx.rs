//! Spreadsheets: headers in the reader's language, numbers stored as numbers, the header
//! row frozen. Names the data carries (units) stay as they are; the template's words come in
//! the reader's language where the template gives them.

use app::api::{ConsolidationView, ProgressView};
use app::domain::evaluation::EvaluationResults;
use app::domain::plan::days_left;
use app::domain::rules::derived_ratio;
use app::domain::template::{Field, FieldKind};
use app::domain::value::Value;
use app::i18n::{Catalogue, EvaluationTexts};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

fn header(sheet: &mut Worksheet, titles: &[&str]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_text_wrap();
    for (col, title) in titles.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The progress tree, one row per unit at every level, and the units still outstanding.
pub fn progress(view: &ProgressView, t: &Catalogue) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let percent = Format::new().set_num_format("0%");

    let sheet = book.add_worksheet();
    sheet.set_name(t.col_progress)?;
    header(
        sheet,
        &[
            t.unit,
            t.status,
            t.col_expected,
            t.col_submitted,
            t.on_time,
            t.late,
            t.col_missing,
            t.col_returned,
            t.col_accepted,
            t.col_progress,
        ],
    )?;
    sheet.set_column_width(0, 45)?;
    sheet.set_column_width(1, 22)?;
    let mut row = 1u32;
    let mut stack = vec![(&view.root, 0u8)];
    while let Some((node, depth)) = stack.pop() {
        sheet.write_string_with_format(row, 0, &node.name, &Format::new().set_indent(depth))?;
        if let Some(s) = node.own {
            sheet.write_string(row, 1, t.standing(s))?;
        }
        let tally = node.tally;
        for (col, n) in [
            tally.expected,
            tally.submitted,
            tally.on_time,
            tally.late,
            tally.missing,
            tally.returned,
            tally.accepted,
        ]
        .into_iter()
        .enumerate()
        {
            sheet.write_number(row, col as u16 + 2, n)?;
        }
        sheet.write_number_with_format(row, 9, tally.done_ratio(), &percent)?;
        stack.extend(
            node.children
                .iter()
                .rev()
                .map(|c| (c, depth.saturating_add(1))),
        );
        row += 1;
    }

    let sheet = book.add_worksheet();
    sheet.set_name(t.col_missing)?;
    header(
        sheet,
        &[t.col_number, t.unit, t.status, t.col_days_overdue, t.staff],
    )?;
    sheet.set_column_width(1, 45)?;
    sheet.set_column_width(2, 24)?;
    sheet.set_column_width(4, 50)?;
    let overdue = 1 - days_left(view.period.due_before, chrono::Utc::now());
    for (i, unit) in view.outstanding.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_number(row, 0, row)?;
        sheet.write_string(row, 1, &unit.unit_name)?;
        sheet.write_string(row, 2, t.standing(unit.standing))?;
        sheet.write_number(row, 3, overdue.max(0) as f64)?;
        let staff: Vec<String> = unit
            .staff
            .iter()
            .map(|s| format!("{} ({})", s.display_name, s.username))
            .collect();
        sheet.write_string(row, 4, staff.join("; "))?;
    }
    book.save_to_buffer()
}

/// Writes one figure as a number: counts as they are, percents and rates as fractions shown
/// in percent. Nothing when there is no value.
fn figure(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    view: &ConsolidationView,
    values: &app::domain::rules::Values,
    field: &Field,
) -> Result<(), XlsxError> {
    let count = Format::new().set_num_format("#,##0");
    let percent = Format::new().set_num_format("0.00%");
    match (&field.kind, values.get(&field.code)) {
        (FieldKind::Derived(_), _) => {
            if let Some(r) = derived_ratio(&view.template, values, &field.code) {
                sheet.write_number_with_format(row, col, r, &percent)?;
            }
        }
        (_, Some(Value::Count(n))) => {
            sheet.write_number_with_format(row, col, *n as f64, &count)?;
        }
        (_, Some(Value::Percent(p))) => {
            sheet.write_number_with_format(row, col, p.as_f64() / 100.0, &percent)?;
        }
        _ => {}
    }
    Ok(())
}

/// The consolidated figures, and one row per unit below with every figure.
pub fn consolidation(view: &ConsolidationView, t: &Catalogue) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let numeric: Vec<(&str, &Field)> = view
        .template
        .sections
        .iter()
        .flat_map(|s| {
            let title = t.lang.pick(&s.title, s.title_en.as_deref()).0;
            s.fields.iter().map(move |f| (title, f))
        })
        .filter(|(_, f)| !matches!(f.kind, FieldKind::Text))
        .collect();
    // The template's words in the reader's language where the template gives them.
    let label = |f: &'_ Field| t.lang.pick(&f.label, f.label_en.as_deref()).0.to_string();

    let sheet = book.add_worksheet();
    sheet.set_name(t.totals_heading)?;
    let mut titles = vec![t.col_section, t.indicator, t.col_measure, t.total];
    if view.before.is_some() {
        titles.extend([t.same_period_before, t.change_on_before]);
    }
    header(sheet, &titles)?;
    sheet.set_column_width(0, 40)?;
    sheet.set_column_width(1, 60)?;
    sheet.set_column_width(2, 14)?;
    for col in 3..titles.len() as u16 {
        sheet.set_column_width(col, 16)?;
    }
    for (i, (section, field)) in numeric.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, *section)?;
        sheet.write_string(row, 1, label(field))?;
        let unit = match (&field.unit, &field.unit_en) {
            (Some(u), en) if u != "%" => t.lang.pick(u, en.as_deref()).0,
            _ => "%",
        };
        sheet.write_string(row, 2, unit)?;
        figure(sheet, (row, 3), view, &view.totals, field)?;
        if let Some(before) = &view.before {
            figure(sheet, (row, 4), view, before, field)?;
            // A count's change as a fraction (+12%); a rate is read beside the year
            // before's, a change in percent of a percentage would only confuse.
            if let (Some(Value::Count(now)), Some(Value::Count(was))) =
                (view.totals.get(&field.code), before.get(&field.code))
            {
                if *was > 0 {
                    let change = *now as f64 / *was as f64 - 1.0;
                    let signed = Format::new().set_num_format("+0%;−0%;0%");
                    sheet.write_number_with_format(row, 5, change, &signed)?;
                }
            }
        }
    }

    let sheet = book.add_worksheet();
    sheet.set_name(t.by_unit_heading)?;
    let labels: Vec<String> = numeric.iter().map(|(_, f)| label(f)).collect();
    let mut titles = vec![t.unit, t.status];
    titles.extend(labels.iter().map(String::as_str));
    header(sheet, &titles)?;
    sheet.set_column_width(0, 40)?;
    sheet.set_column_width(1, 18)?;
    for col in 2..titles.len() {
        sheet.set_column_width(col as u16, 16)?;
    }
    let mut row = 1u32;
    for unit in &view.units {
        sheet.write_string(row, 0, &unit.unit_name)?;
        sheet.write_string(row, 1, t.standing(unit.standing))?;
        for (i, (_, field)) in numeric.iter().enumerate() {
            figure(sheet, (row, i as u16 + 2), view, &unit.values, field)?;
        }
        row += 1;
    }
    sheet.write_string_with_format(row, 0, t.total, &Format::new().set_bold())?;
    for (i, (_, field)) in numeric.iter().enumerate() {
        figure(sheet, (row, i as u16 + 2), view, &view.totals, field)?;
    }
    book.save_to_buffer()
}

/// An evaluation's results: one row per unit with each criterion's points, the totals and
/// the grade, by place; the grades and each criterion's average on a second sheet.
pub fn evaluation(view: &EvaluationResults, t: &Catalogue) -> Result<Vec<u8>, XlsxError> {
    let et = EvaluationTexts::of(t.lang);
    let mut book = Workbook::new();
    let points = Format::new().set_num_format("0.##");
    let set = &view.criteria;
    let items: Vec<(&str, &str)> = set
        .criteria
        .iter()
        .map(|c| (c.code.as_str(), c.title.as_str()))
        .chain(
            set.bonus
                .iter()
                .map(|b| (b.code.as_str(), b.title.as_str())),
        )
        .collect();

    let sheet = book.add_worksheet();
    sheet.set_name(et.results_title)?;
    let mut titles = vec![et.rank, t.unit];
    titles.extend(items.iter().map(|(_, title)| *title));
    titles.extend([et.proposed_total, et.total, et.grade, et.note]);
    header(sheet, &titles)?;
    sheet.set_column_width(1, 40)?;
    let after = items.len() as u16 + 2;
    for (i, r) in view.rows.iter().enumerate() {
        let row = i as u32 + 1;
        if let Some(rank) = r.rank {
            sheet.write_number(row, 0, rank as f64)?;
        }
        sheet.write_string(row, 1, &r.unit_name)?;
        for (col, (code, _)) in items.iter().enumerate() {
            if let Some(p) = r.points.get(*code) {
                sheet.write_number_with_format(row, col as u16 + 2, f64::from(*p), &points)?;
            }
        }
        for (col, total) in [(after, r.proposed), (after + 1, r.total)] {
            if let Some(total) = total {
                sheet.write_number_with_format(row, col, f64::from(total), &points)?;
            }
        }
        let grade = r.grade.as_deref().and_then(|g| view.grade_label(g));
        let (grade, note) = match (grade, &r.ineligible) {
            (Some(grade), _) => (grade, ""),
            (None, Some(why)) => (set.ineligible.label.as_str(), why.as_str()),
            (None, None) => (et.pending, ""),
        };
        sheet.write_string(row, after + 2, grade)?;
        sheet.write_string(row, after + 3, note)?;
    }

    let sheet = book.add_worksheet();
    sheet.set_name(et.distribution)?;
    header(sheet, &[et.grade, et.units])?;
    sheet.set_column_width(0, 40)?;
    let d = view.distribution();
    let lines = d
        .grades
        .iter()
        .map(|(_, label, n)| (label.as_str(), *n))
        .chain([
            (set.ineligible.label.as_str(), d.ineligible),
            (et.pending, d.pending),
        ]);
    let mut row = 1u32;
    for (label, n) in lines {
        sheet.write_string(row, 0, label)?;
        sheet.write_number(row, 1, n as f64)?;
        row += 1;
    }
    if let Some(averages) = view.averages() {
        row += 1;
        let bold = Format::new().set_bold();
        for (col, title) in [et.averages, et.average, et.max].into_iter().enumerate() {
            sheet.write_string_with_format(row, col as u16, title, &bold)?;
        }
        for a in averages {
            row += 1;
            sheet.write_string(row, 0, &a.title)?;
            sheet.write_number_with_format(row, 1, f64::from(a.mean), &points)?;
            sheet.write_number_with_format(row, 2, f64::from(a.max), &points)?;
        }
    }
    book.save_to_buffer()
}
