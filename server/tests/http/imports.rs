//! Files imported by administrators in the browser: previewed without a write, applied
//! whole or refused whole, logged, and kept inside the administrator's scope.

use crate::common::{Backend, TestApp};
use app::api::{AdminLogEntry, ApiError, ImportChange, ImportFile, ImportPreview};
use reqwest::Client;

on_both!(
    the_shared_lineage_file_previews_as_already_recorded,
    a_units_file_is_previewed_then_applied_and_logged,
    a_bad_file_is_refused_at_its_line_and_column_and_changes_nothing,
    a_district_administrator_imports_within_the_district_only,
    a_district_import_cannot_rewrite_what_is_stored_outside_the_district,
    a_password_an_import_changes_is_a_reset,
    a_changed_template_is_a_new_version_and_written_reports_keep_theirs,
    every_kind_has_a_sample_file_that_imports,
);

const LINEAGE: &str = include_str!("../../demo/lineage-hcm-2025-07-01.csv");
const TEMPLATE: &str = include_str!("../../demo/template-dan-van-chinh-quyen.toml");
const PLAN_2023: &str = include_str!("../../demo/plan-847-KH-UBND-2023.toml");
const CITY_PLAN: &str = include_str!("../../demo/plan-hcm-dan-van-chinh-quyen-2026.toml");
const USERS_HEADER: &str = "username,display_name,role,unit_code,scope_code,password\n";

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
                HCM.TEST2,HCM,lang,Làng\n\
                HCM TEST3,HCM,phuong,Phường Ba\n\
                HCM.TEST4,HCM,xa,\n";
    let seen = preview(&app, &admin, "org_units", file).await;
    // Every line's problem at once, each at its line and column.
    let places: Vec<(Option<u64>, Option<&str>)> = seen
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_deref()))
        .collect();
    assert_eq!(
        places,
        [
            (Some(3), Some("kind")),
            (Some(4), Some("code")),
            (Some(5), Some("name"))
        ]
    );
    assert!(seen.summary.is_none());
    // A long bad file: the first hundred.
    let mut long = "code,parent_code,kind,name\n".to_string();
    for i in 0..150 {
        long.push_str(&format!("HCM.SAI{i},HCM,lang,Làng {i}\n"));
    }
    let seen = preview(&app, &admin, "org_units", &long).await;
    assert_eq!(seen.problems.len(), 100);
    assert_eq!(seen.problems[99].line, Some(101));
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
        let problem = seen.problems.first().expect("refused");
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
    assert!(!preview(&app, &district, "users", accounts)
        .await
        .problems
        .is_empty());
    let template = include_str!("../../demo/template-dan-van-chinh-quyen.toml");
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
    let template = report.template.decode().expect("template");
    assert_eq!(template.version, 1);
    assert_eq!(template.sections[0].title, "I. Đặc điểm tình hình");
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

/// A preview's problem and an applied file's refusal, for a district administrator.
async fn refused_everywhere(
    app: &TestApp,
    district: &Client,
    kind: &str,
    file: &str,
) -> app::api::ImportProblem {
    let seen = preview(app, district, kind, file).await;
    assert!(seen.summary.is_none(), "{file}: {:?}", seen.summary);
    let problem = seen.problems.into_iter().next().expect("refused");
    assert!(
        problem.message.contains("ngoài phạm vi") || problem.message.contains("đơn vị gốc"),
        "{}",
        problem.message
    );
    let applied = send(app, district, kind, false, file).await;
    assert_eq!(applied.status(), 403, "{file}");
    problem
}

/// The stored row a line would change is checked, not only the units the line names:
/// accounts, units and plans of the city stay out of a district administrator's reach.
async fn a_district_import_cannot_rewrite_what_is_stored_outside_the_district(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let district = app.district_admin().await;
    // The city's reviewer, the city's administrator: seated in the district by the file.
    for user in ["hcm.snv", "admin"] {
        let file =
            format!("{USERS_HEADER}{user},Chiếm quyền,nhap_lieu,HCM.GV.P01,,mat-khau-moi-1\n");
        let problem = refused_everywhere(&app, &district, "users", &file).await;
        assert_eq!(problem.line, Some(2));
        assert_eq!(problem.column.as_deref(), Some("username"));
        // Untouched: the old password still opens.
        assert_eq!(app.login(user).await.status(), 200, "{user}");
    }
    // A ward of the district given a city-wide scope.
    let file = format!("{USERS_HEADER}govap.p07,Phường 7,tong_hop,HCM.GV.P07,HCM,mat-khau-moi-1\n");
    let problem = refused_everywhere(&app, &district, "users", &file).await;
    assert_eq!(problem.column.as_deref(), Some("scope_code"));

    // A unit of Phú Nhuận pulled into the district, and the district itself renamed.
    let file = "code,parent_code,kind,name\nHCM.PN.P02,HCM.GV,phuong,Phường 2\n";
    let problem = refused_everywhere(&app, &district, "org_units", file).await;
    assert_eq!(
        (problem.line, problem.column.as_deref()),
        (Some(2), Some("code"))
    );
    let file = "code,parent_code,kind,name\nHCM.GV,HCM,quan,Quận Gò Vấp Mới\n";
    refused_everywhere(&app, &district, "org_units", file).await;
    let admin = app.client_of("admin").await;
    let unit: app::api::UnitDetail = app.json_for(&admin, "/api/v1/admin/units/HCM.PN.P02").await;
    assert_eq!(unit.unit.parent_code.as_deref(), Some("HCM.PN"));

    // The city's plan, its number and year given again with the district as issuer.
    let plan = CITY_PLAN.replace("issuer = \"HCM\"", "issuer = \"HCM.GV\"");
    assert_ne!(plan, CITY_PLAN);
    let problem = refused_everywhere(&app, &district, "plan", &plan).await;
    assert!(
        problem.message.contains("95-KH-UBND-2026"),
        "{}",
        problem.message
    );

    // A lineage line about units outside the district.
    let file = "effective,old_code,old_name,new_code,change\n\
                2025-07-01,HCM.PN.P02,Phường 2,HCM.PN.P02,rename\n";
    refused_everywhere(&app, &district, "lineage", file).await;

    // Nothing of a file applies when one of its lines reaches outside.
    let file = format!(
        "{USERS_HEADER}gv.moi,Cán bộ mới,nhap_lieu,HCM.GV.P07,,mat-khau-moi-1\n\
         hcm.snv,Chiếm quyền,nhap_lieu,HCM.GV.P01,,mat-khau-moi-1\n"
    );
    let problem = refused_everywhere(&app, &district, "users", &file).await;
    assert_eq!(problem.line, Some(3));
    let accounts: Vec<app::api::Account> = app.json_for(&admin, "/api/v1/admin/accounts").await;
    assert!(accounts.iter().all(|a| a.username != "gv.moi"));
}

/// An administrator who sets an existing account's password by file knows it: the
/// account's sessions end and the owner must choose a new one, as after a reset.
async fn a_password_an_import_changes_is_a_reset(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ward = app.client_of("govap.p07").await;
    let admin = app.client_of("admin").await;
    let same = format!(
        "{USERS_HEADER}govap.p07,Cán bộ Phường 7 (Gò Vấp),nhap_lieu,HCM.GV.P07,,baocao-demo\n"
    );
    let seen = preview(&app, &admin, "users", &same).await;
    assert_eq!(seen.summary.expect("a summary").unchanged, 1);
    let file = format!(
        "{USERS_HEADER}govap.p07,Cán bộ Phường 7 (Gò Vấp),nhap_lieu,HCM.GV.P07,,mat-khau-moi-7\n"
    );
    let seen = preview(&app, &admin, "users", &file).await;
    assert_eq!(seen.summary.expect("a summary").updated, 1);
    let me = ward.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(me.status(), 200, "a preview changes nothing");
    assert_eq!(
        send(&app, &admin, "users", false, &file).await.status(),
        200
    );
    let me = ward.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(me.status(), 401, "the account's sessions end");
    let client = app.client_with("govap.p07", "mat-khau-moi-7").await;
    let me: app::api::Me = app.json_for(&client, "/api/v1/me").await;
    assert!(me.must_change_password);
}

async fn every_kind_has_a_sample_file_that_imports(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.client_of("admin").await;
    for (kind, name) in [
        ("org_units", "mau-don-vi.csv"),
        ("lineage", "mau-sap-nhap-chia-tach.csv"),
        ("users", "mau-tai-khoan.csv"),
        ("plan", "mau-ke-hoach.toml"),
        ("template", "mau-bao-cao.toml"),
    ] {
        let resp = admin
            .get(app.url(&format!("/api/v1/admin/imports/{kind}/sample")))
            .send()
            .await
            .expect("sample");
        assert_eq!(resp.status(), 200, "{kind}");
        let disposition = resp.headers()["content-disposition"].to_str().unwrap();
        assert_eq!(disposition, format!("attachment; filename=\"{name}\""));
        let text = String::from_utf8(resp.bytes().await.unwrap().to_vec()).unwrap();
        assert_eq!(
            name.ends_with(".csv"),
            text.starts_with('\u{feff}'),
            "{kind}"
        );
        // As downloaded, with a spreadsheet's byte order mark, it previews cleanly.
        let seen = preview(&app, &admin, kind, &text).await;
        assert!(seen.problems.is_empty(), "{kind}: {:?}", seen.problems);
        assert!(seen.summary.is_some(), "{kind}");
    }
    let staff = app.client_of("govap.p01").await;
    let refused = staff
        .get(app.url("/api/v1/admin/imports/users/sample"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
}
