//! The starting draft of a reviewer's own report, on SQLite and PostgreSQL: figures as
//! sentences compared with the same period of the year before, the units' passages grouped
//! by kind of unit, a passage given by several units written once.

use crate::common::documents::docx_lines;
use crate::common::sync::{key, Device};
use crate::common::{Backend, TestApp};
use app::api::{ConsolidationView, HistoryPage, ReportView};
use app::domain::value::Value;
use app::sync::refusal::RefusalCode;
use app::sync::{Outcome, Slot};
use calamine::{Data, DataType, Reader, Xlsx};
use chrono::Datelike;
use std::io::Cursor;

on_both!(
    the_draft_compares_with_the_year_before_and_groups_the_passages,
    a_corrected_figure_keeps_its_reason,
);

const HANH_THONG: &str = "26890";
const THONG_TAY_HOI: &str = "26898";

fn report(visits: u64, text: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("tcd_luot", Value::Count(visits)),
        ("tiep_cong_dan_text", Value::Text(text.into())),
    ]
}

async fn consolidation(d: &Device, plan: &str, period: &str) -> ConsolidationView {
    d.client
        .get(format!("{}/api/v1/consolidation/{plan}/{period}", d.base))
        .send()
        .await
        .expect("consolidation request")
        .json()
        .await
        .expect("a consolidation")
}

async fn the_draft_compares_with_the_year_before_and_groups_the_passages(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // The demo holds the city's plan of this year and of next year: next year's six-month
    // report compares with this year's.
    let year = chrono::Utc::now().year();
    let (this, next) = (
        format!("95-KH-UBND-{year}"),
        format!("95-KH-UBND-{}", year + 1),
    );
    let (this_period, next_period) = (format!("{year}-6T"), format!("{}-6T", year + 1));
    let mut hanh_thong = Device::login(&app.base, "hanhthong.01").await;
    let mut thong_tay_hoi = Device::login(&app.base, "thongtayhoi.01").await;
    let shared = "Duy trì tiếp công dân định kỳ vào thứ Năm hằng tuần.";
    hanh_thong
        .submit_with(&key(&this, &this_period, HANH_THONG), &report(100, shared))
        .await;
    thong_tay_hoi
        .submit_with(
            &key(&this, &this_period, THONG_TAY_HOI),
            &report(60, &format!("{shared}\n")),
        )
        .await;
    hanh_thong
        .submit_with(&key(&next, &next_period, HANH_THONG), &report(120, shared))
        .await;
    thong_tay_hoi
        .submit_with(
            &key(&next, &next_period, THONG_TAY_HOI),
            &report(48, "Tổ chức 2 kỳ tiếp công dân lưu động."),
        )
        .await;

    let city = Device::login(&app.base, "hcm.snv").await;
    // The other required figures of the section, entered as 0 by both wards: stated, and
    // not compared (no change in percent of 0).
    let zeros = "Tổng số đơn, thư tiếp nhận: 0 đơn; Đơn thuộc thẩm quyền giải quyết: 0 đơn; \
                 Số đơn đã giải quyết: 0 đơn";
    let view = consolidation(&city, &next, &next_period).await;
    assert_eq!(
        view.before.as_ref().and_then(|b| b.get("tcd_luot")),
        Some(&Value::Count(160))
    );
    let expected = view.units.len();
    assert_eq!(
        view.draft["tinh_hinh"],
        format!("2/{expected} đơn vị đã gửi báo cáo.")
    );
    // 168 visits against 160 a year before: 5% more.
    assert_eq!(
        view.draft["tiep_cong_dan_text"],
        format!(
            "Số lượt tiếp công dân: 168 lượt, tăng 5% so với cùng kỳ; {zeros}.\n\n\
             Các phường:\n\n\
             Phường Hạnh Thông: {shared}\n\n\
             Phường Thông Tây Hội: Tổ chức 2 kỳ tiếp công dân lưu động."
        )
    );

    // The spreadsheet's figures sit beside the year before's, the change as a number.
    let bytes = city
        .client
        .get(format!(
            "{}/api/v1/consolidation/{next}/{next_period}/xlsx",
            city.base
        ))
        .send()
        .await
        .expect("xlsx")
        .bytes()
        .await
        .expect("xlsx bytes");
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let sheet = book.worksheet_range("Số liệu tổng hợp").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(rows[0][4].to_string(), "Cùng kỳ năm trước");
    let visits = rows
        .iter()
        .find(|r| r[1] == "Số lượt tiếp công dân")
        .expect("the visits' row");
    assert_eq!(
        (visits[3].as_f64(), visits[4].as_f64()),
        (Some(168.0), Some(160.0))
    );
    let change = visits[5].as_f64().expect("a change");
    assert!((change - 0.05).abs() < 1e-9, "{change}");

    // This year's has no year before in the demo: no comparison is invented; the passage
    // both wards gave is written once, with both names.
    let view = consolidation(&city, &this, &this_period).await;
    assert_eq!(view.before, None);
    assert_eq!(
        view.draft["tiep_cong_dan_text"],
        format!(
            "Số lượt tiếp công dân: 160 lượt; {zeros}.\n\n\
             Các phường:\n\n\
             Phường Hạnh Thông, Phường Thông Tây Hội: {shared}"
        )
    );
}

/// The paragraphs (and table cells) of a DOCX's body, a line each.
/// The city's report takes the wards' sum of visits and corrects it, with the reason: the
/// reason is kept with the report and in its history; the document carries the corrected
/// figure, the wards' own figures (and their sum) in its annex. A ward's report has no
/// sums to correct, and a narrative no figure.
async fn a_corrected_figure_keeps_its_reason(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let year = chrono::Utc::now().year();
    let (plan, period) = (format!("95-KH-UBND-{year}"), format!("{year}-6T"));
    let mut hanh_thong = Device::login(&app.base, "hanhthong.01").await;
    let mut thong_tay_hoi = Device::login(&app.base, "thongtayhoi.01").await;
    hanh_thong
        .submit_with(
            &key(&plan, &period, HANH_THONG),
            &report(100, "Tiếp 100 lượt."),
        )
        .await;
    thong_tay_hoi
        .submit_with(
            &key(&plan, &period, THONG_TAY_HOI),
            &report(60, "Tiếp 60 lượt."),
        )
        .await;

    let mut city = Device::login(&app.base, "hcm.snv").await;
    let own = key(&plan, &period, "HCM");
    let sum = consolidation(&city, &plan, &period).await.totals["tcd_luot"].clone();
    assert_eq!(sum, Value::Count(160));
    let reason = "Phường Hạnh Thông báo cáo trùng 10 lượt tiếp tại khu phố 3.";
    let why = Slot::Correction("tcd_luot".into()).to_string();
    assert_eq!(why, "why:tcd_luot");
    let written = [
        city.set(&own, "tcd_luot", Some(Value::Count(150)), &[]),
        city.set(&own, &why, Some(Value::Text(reason.into())), &[]),
    ];
    let results = city.sync(&written).await.results;
    assert!(
        results.iter().all(|r| r.outcome == Outcome::Applied),
        "{results:?}"
    );

    // Refused: a reason on a narrative, and on a ward's report (next year's, still open).
    let refused = |results: Vec<app::sync::MutationResult>| {
        assert_eq!(results[0].outcome, Outcome::Rejected, "{results:?}");
        assert_eq!(results[0].code, Some(RefusalCode::UnknownField));
    };
    let narrative = city.set(
        &own,
        "why:tiep_cong_dan_text",
        Some(Value::Text("x".into())),
        &[],
    );
    refused(city.sync(&[narrative]).await.results);
    let ward = key(
        &format!("95-KH-UBND-{}", year + 1),
        &format!("{}-6T", year + 1),
        HANH_THONG,
    );
    let ward_reason = hanh_thong.set(&ward, &why, Some(Value::Text("x".into())), &[]);
    refused(hanh_thong.sync(&[ward_reason]).await.results);

    // Kept with the report, and in its history.
    let path = format!("/reports/{plan}/{period}/HCM");
    let view: ReportView = city.get(&path).await;
    assert!(view.consolidates);
    let values = view.state.values();
    assert_eq!(values["tcd_luot"], Value::Count(150));
    assert_eq!(values[&why], Value::Text(reason.into()));
    let history: HistoryPage = city.get(&format!("{path}/history")).await;
    let entry = history
        .entries
        .iter()
        .find(|e| e.slot == Some(Slot::Correction("tcd_luot".into())))
        .expect("the reason in the history");
    assert_eq!(entry.new_value, Some(Value::Text(reason.into())));
    assert_eq!(entry.user, "hcm.snv");

    // The report's document is the consolidated one: the corrected figure in the body,
    // the wards' figures and their sum in the annex.
    let resp = city
        .client
        .get(format!("{}/api/v1{path}/docx", city.base))
        .send()
        .await
        .expect("docx");
    assert_eq!(resp.status(), 200);
    let lines = docx_lines(&resp.bytes().await.expect("docx bytes"));
    let at = |line: &str| {
        lines
            .iter()
            .position(|l| l == line)
            .unwrap_or_else(|| panic!("{line:?} missing from {lines:#?}"))
    };
    let annex = at("Phụ lục I: Số liệu theo đơn vị");
    let corrected = lines
        .iter()
        .position(|l| l.starts_with("150"))
        .expect("the corrected figure");
    assert!(corrected < annex, "{lines:#?}");
    assert!(
        !lines[..annex].iter().any(|l| l.starts_with("160")),
        "{lines:#?}"
    );
    let total = at("Tổng cộng");
    assert!(
        lines[total..].iter().any(|l| l.starts_with("160")),
        "{lines:#?}"
    );
    assert!(at("Phường Hạnh Thông") > annex);
}
