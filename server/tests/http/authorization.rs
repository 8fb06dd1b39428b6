//! Who may read and review what: one rule for every read, and no reviewer accepting their
//! own unit's report.

use crate::common::sync::{key, Device};
use crate::common::{Backend, TestApp};
use app::api::{ConsolidationView, ProgressView, TimelinessView};
use app::domain::value::Value;
use app::sync::refusal::RefusalCode;
use app::sync::{Change, Outcome};

on_both!(
    staff_of_a_unit_with_children_read_their_unit_only,
    a_reviewer_cannot_review_their_own_unit_s_report,
);

/// A staff account placed on a district (a unit with wards below it) reads the district's
/// own reports, not its wards': through the report API, the pull, the grid, progress,
/// consolidation and its exports alike.
async fn staff_of_a_unit_with_children_read_their_unit_only(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let users = "username,display_name,role,unit_code,scope_code,password\n\
                 quan.govap,Cán bộ quận Gò Vấp,nhap_lieu,HCM.GV,,mat-khau-thu\n";
    server::import::users(&app.db, "u.csv", users)
        .await
        .unwrap();
    let mut ward = Device::login(&app.base, "govap.p01").await;
    let p01 = key("847-KH-UBND-2023", "2023-6T", "HCM.GV.P01");
    let edit = ward.set(&p01, "tcd_luot", Some(Value::Count(5)), &[]);
    ward.sync(&[edit]).await;

    let mut district = Device::login_with(&app.base, "quan.govap", "mat-khau-thu").await;
    let own = key("847-KH-UBND-2023", "2023-6T", "HCM.GV");
    let edit = district.set(&own, "tinh_hinh", Some(Value::Text("Ổn định.".into())), &[]);
    let pulled = district.sync(&[edit]).await;
    let ids: Vec<String> = pulled.reports.iter().map(|r| r.report.id()).collect();
    assert_eq!(ids, [own.id()], "the district's report, not Phường 1's");

    let client = app.client_with("quan.govap", "mat-khau-thu").await;
    let status = |path: &'static str| {
        let client = &client;
        let app = &app;
        async move { client.get(app.url(path)).send().await.unwrap().status() }
    };
    assert_eq!(
        status("/api/v1/reports/847-KH-UBND-2023/2023-6T/HCM.GV.P01").await,
        403
    );
    assert_eq!(
        status("/api/v1/reports/847-KH-UBND-2023/2023-6T/HCM.GV").await,
        200
    );
    // Progress and consolidation of the district hold none of its wards.
    let progress: ProgressView = app
        .json_for(&client, "/api/v1/progress/847-KH-UBND-2023/2023-6T")
        .await;
    assert_eq!(progress.root.tally.expected, 0);
    assert!(progress.root.children.is_empty());
    let consolidation: ConsolidationView = app
        .json_for(&client, "/api/v1/consolidation/847-KH-UBND-2023/2023-6T")
        .await;
    assert!(consolidation.units.is_empty() && consolidation.totals.is_empty());
    for export in ["xlsx", "docx"] {
        let path = format!("/api/v1/consolidation/847-KH-UBND-2023/2023-6T/{export}");
        let resp = client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(resp.status(), 200, "{export}");
        let zip = resp.bytes().await.unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.to_vec())).unwrap();
        for i in 0..archive.len() {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut archive.by_index(i).unwrap(), &mut text);
            assert!(!text.contains("Phường 1"), "{export}: a ward's name");
        }
    }
    let grid: TimelinessView = app.json_for(&client, "/api/v1/timeliness").await;
    // The district owes its own report to the city, not to itself: no row, and none of
    // its wards'.
    assert!(
        grid.rows.iter().all(|r| r.unit_code == "HCM.GV"),
        "{:?}",
        grid.rows
    );
    let reviewer = app.client_of("govap.pnv").await;
    let full: TimelinessView = app.json_for(&reviewer, "/api/v1/timeliness").await;
    assert!(
        full.rows.iter().any(|r| r.unit_code == "HCM.GV.P01"),
        "the reviewer's grid has them"
    );
}

/// Phòng Nội vụ reviews Gò Vấp's units but not its own report: that is the level above's.
async fn a_reviewer_cannot_review_their_own_unit_s_report(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut reviewer = Device::login(&app.base, "govap.pnv").await;
    let own = key("847-KH-UBND-2023", "2023-6T", "HCM.GV.PNV");
    let filled = reviewer.fill_required(&own).await;
    let submit = reviewer.mutation(&own, Change::Submit);
    let mut batch = filled;
    batch.push(submit);
    let resp = reviewer.sync(&batch).await;
    assert!(
        resp.results.iter().all(|r| r.outcome == Outcome::Applied),
        "{:?}",
        resp.results
    );
    let accept = reviewer.mutation(&own, Change::Accept);
    let resp = reviewer.sync(&[accept]).await;
    assert_eq!(
        resp.results[0].code.map(RefusalCode::as_str),
        Some("forbidden")
    );

    // The city's reviewer, one level up, may.
    let mut city = Device::login(&app.base, "admin").await;
    let accept = city.mutation(&own, Change::Accept);
    assert_eq!(
        city.sync(&[accept]).await.results[0].outcome,
        Outcome::Applied
    );
}
