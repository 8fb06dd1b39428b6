//! Files imported by administrators in the browser: previewed without a write, applied
//! whole or refused whole, logged, and kept inside the administrator's scope.

mod common;

use app::api::{AdminLogEntry, ApiError, ImportChange, ImportFile, ImportPreview};
use common::{Backend, TestApp};
use reqwest::Client;

on_both!(
    the_shared_lineage_file_previews_as_already_recorded,
    a_units_file_is_previewed_then_applied_and_logged,
    a_bad_file_is_refused_at_its_line_and_column_and_changes_nothing,
    a_district_administrator_imports_within_the_district_only,
    a_changed_template_is_a_new_version_and_written_reports_keep_theirs,
);

const LINEAGE: &str = include_str!("../demo/lineage-hcm-2025-07-01.csv");
const TEMPLATE: &str = include_str!("../demo/template-dan-van-chinh-quyen.toml");
const PLAN_2023: &str = include_str!("../demo/plan-847-KH-UBND-2023.toml");

async fn send(
    app: &TestApp,
    client: &Client,
    kind: &str,
    preview: bool,
    text: &str,
) -> reqwest::Response {
    let query = if preview { "?preview=true" } else { "" };
    client
        .post(app.url(&format!("/api/v1/admin/imports/{kind}{query}")))
        .json(&ImportFile {
            file_name: format!("{kind}.csv"),
            text: text.to_string(),
        })
        .send()
        .await
        .expect("request")
}

async fn preview(app: &TestApp, client: &Client, kind: &str, text: &str) -> ImportPreview {
    let resp = send(app, client, kind, true, text).await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

async fn the_shared_lineage_file_previews_as_already_recorded(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.client_of("admin").await;
    let seen = preview(&app, &admin, "lineage", LINEAGE).await;
    let summary = seen.summary.expect("a summary");
    assert_eq!(summary.unchanged, LINEAGE.lines().count() - 1);
    assert_eq!(summary.created + summary.updated + summary.moved, 0);
    let item = &summary.items[0];
    assert_eq!(item.line, Some(2));
    assert_eq!(item.key, "HCM.GV.P01 → 26890");
}

async fn a_units_file_is_previewed_then_applied_and_logged(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.client_of("admin").await;
    // A new ward, a renamed one, and one put under another parent.
    let file = "code,parent_code,kind,name\n\
                HCM.TEST,HCM,phuong,Phường Thử Nghiệm\n\
                26890,HCM,phuong,Phường Hạnh Thông Mới\n\
                HCM.PN.P02,HCM.GV,phuong,Phường 2\n\
                26898,HCM,phuong,Phường Thông Tây Hội\n";
    let seen = preview(&app, &admin, "org_units", file).await;
    let summary = seen.summary.expect("a summary");
    let changes: Vec<(&str, ImportChange)> = summary
        .items
        .iter()
        .map(|i| (i.key.as_str(), i.change))
        .collect();
    assert_eq!(
        changes,
        [
            ("HCM.TEST", ImportChange::Created),
            ("26890", ImportChange::Updated),
            ("HCM.PN.P02", ImportChange::Moved),
            ("26898", ImportChange::Unchanged),
        ]
    );
    // Nothing was written by the preview.
    let again = preview(&app, &admin, "org_units", file).await;
    assert_eq!(again.summary.unwrap().created, 1);

    let applied = send(&app, &admin, "org_units", false, file).await;
    assert_eq!(applied.status(), 200);
    let after = preview(&app, &admin, "org_units", file).await;
    assert_eq!(after.summary.unwrap().unchanged, 4);
    // The ward is now found under its new name, and the log names the file.
    let found: Vec<app::domain::org::OrgUnit> = app
        .json_for(&admin, "/api/v1/admin/units?q=thu%20nghiem")
        .await;
    assert_eq!(found[0].code, "HCM.TEST");
    let log: Vec<AdminLogEntry> = app
        .json_for(&admin, "/api/v1/admin/log?action=import")
        .await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].target, "org_units.csv");
    assert!(log[0].after.as_deref().unwrap().contains("1 mới"));
}

async fn a_bad_file_is_refused_at_its_line_and_column_and_changes_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.client_of("admin").await;
    let file = "code,parent_code,kind,name\n\
                HCM.TEST,HCM,phuong,Phường Thử Nghiệm\n\
                HCM.TEST2,HCM,lang,Làng\n";
    let seen = preview(&app, &admin, "org_units", file).await;
    let problem = seen.problem.expect("a problem");
    assert_eq!(problem.line, Some(3));
    assert_eq!(problem.column.as_deref(), Some("kind"));
    assert!(seen.summary.is_none());
    let refused = send(&app, &admin, "org_units", false, file).await;
    assert_eq!(refused.status(), 422);
    let error: ApiError = refused.json().await.unwrap();
    assert!(error.message.contains("dòng 3"), "{}", error.message);
    // The good first line was not applied either.
    let found: Vec<app::domain::org::OrgUnit> =
        app.json_for(&admin, "/api/v1/admin/units?q=HCM.TEST").await;
    assert!(found.is_empty());
    let unknown = send(&app, &admin, "nothing", true, file).await;
    assert_eq!(unknown.status(), 404);
}

async fn a_district_administrator_imports_within_the_district_only(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let district = app.district_admin().await;
    let inside = "code,parent_code,kind,name\nHCM.GV.P99,HCM.GV,phuong,Phường 99\n";
    let seen = preview(&app, &district, "org_units", inside).await;
    assert_eq!(seen.summary.unwrap().created, 1);
    // Moving a district ward out of the district, or adding one elsewhere, is refused.
    for file in [
        "code,parent_code,kind,name\nHCM.GV.P01,HCM,phuong,Phường 1\n",
        "code,parent_code,kind,name\nHCM.PN.P99,HCM.PN,phuong,Phường 99\n",
    ] {
        let seen = preview(&app, &district, "org_units", file).await;
        let problem = seen.problem.expect("refused");
        assert!(
            problem.message.contains("ngoài phạm vi"),
            "{}",
            problem.message
        );
        let applied = send(&app, &district, "org_units", false, file).await;
        assert_eq!(applied.status(), 403);
    }
    let accounts = "username,display_name,role,unit_code,scope_code,password\n\
                    pn.moi,Cán bộ Phú Nhuận,nhap_lieu,HCM.PN.P02,,mat-khau-dai-1\n";
    assert!(preview(&app, &district, "users", accounts)
        .await
        .problem
        .is_some());
    let template = include_str!("../demo/template-dan-van-chinh-quyen.toml");
    let refused = send(&app, &district, "template", true, template).await;
    assert_eq!(refused.status(), 403);
    let ward = app.client_of("govap.p01").await;
    assert_eq!(
        send(&app, &ward, "org_units", true, inside).await.status(),
        403
    );
}

async fn a_changed_template_is_a_new_version_and_written_reports_keep_theirs(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.client_of("admin").await;
    let changed = TEMPLATE.replace(
        "title = \"I. Đặc điểm tình hình\"",
        "title = \"I. Đặc điểm tình hình địa phương\"",
    );
    assert_ne!(changed, TEMPLATE);
    let applied = send(&app, &admin, "template", false, &changed).await;
    assert_eq!(applied.status(), 200);
    let summary = applied
        .json::<ImportPreview>()
        .await
        .unwrap()
        .summary
        .unwrap();
    assert_eq!(summary.items[0].key, "dan-van-chinh-quyen v2");
    assert_eq!(summary.items[0].change, ImportChange::Created);
    // Both files again: nothing new.
    for text in [changed.as_str(), TEMPLATE] {
        let again = preview(&app, &admin, "template", text)
            .await
            .summary
            .unwrap();
        assert_eq!(again.unchanged, 1, "{:?}", again.items);
    }

    // The 2023 report still reads as it was written, also after its plan is imported again.
    let applied = send(&app, &admin, "plan", false, PLAN_2023).await;
    assert_eq!(applied.status(), 200);
    let ward = app.client_of("govap.p01").await;
    let report: app::api::ReportView = app
        .json_for(&ward, "/api/v1/reports/847-KH-UBND-2023/2023-6T/HCM.GV.P01")
        .await;
    assert_eq!(report.template.version, 1);
    assert_eq!(report.template.sections[0].title, "I. Đặc điểm tình hình");
    // A new year's plan is written on the new version.
    let rolled = admin
        .post(app.url("/api/v1/admin/plans/847-KH-UBND-2023/roll-forward"))
        .json(&app::api::RollForward {
            year: 2024,
            number: "12/KH-UBND".into(),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(rolled.status(), 201);
    let plan: app::api::AdminPlan = rolled.json().await.unwrap();
    assert_eq!(plan.template, "dan-van-chinh-quyen v2");
}
