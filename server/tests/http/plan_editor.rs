//! A plan edited in the administration pages, and template versions: a report keeps the
//! version it was started on, a draft moves to its plan's newer one when its writer asks.

use crate::common::sync::{key, Device};
use crate::common::{Backend, TestApp};
use app::api::{AdminLogEntry, ApiError, ImportFile, PlanEdit, PlanEditor, ReportView};
use app::domain::value::Value;
use app::sync::refusal::RefusalCode;
use app::sync::Outcome;
use reqwest::Client;

on_both!(
    a_plan_is_edited_once_and_what_its_reports_rely_on_stays,
    a_draft_moves_to_a_new_template_version_and_a_submitted_report_stays,
);

const PLAN: &str = "/api/v1/admin/plans/847-KH-UBND-2023";
const TEMPLATE: &str = include_str!("../../demo/template-dan-van-chinh-quyen.toml");

async fn save(app: &TestApp, client: &Client, path: &str, edit: &PlanEdit) -> reqwest::Response {
    client
        .put(app.url(path))
        .json(edit)
        .send()
        .await
        .expect("request")
}

async fn refused_fields(resp: reqwest::Response) -> Vec<String> {
    assert_eq!(resp.status(), 422);
    let error: ApiError = resp.json().await.expect("error body");
    error.fields.into_iter().map(|f| f.field).collect()
}

async fn a_plan_is_edited_once_and_what_its_reports_rely_on_stays(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.client_of("admin").await;
    let read: PlanEditor = app.json_for(&admin, PLAN).await;
    assert_eq!(read.template_versions, [1]);
    assert_eq!(
        read.unit_names["HCM.GV.VP"],
        "Văn phòng Ủy ban nhân dân quận Gò Vấp"
    );
    let before = read.form.clone();

    // A deadline moved, a task added, a unit added to a section.
    let mut after = before.clone();
    after.periods[0].due_before = chrono::NaiveDate::from_ymd_opt(2023, 5, 10).unwrap();
    after.sections[2]
        .tasks
        .push("Rà soát quy chế làm việc".into());
    after.sections[2].assignees.push("HCM.GV.P01".into());
    let edit = PlanEdit {
        before: before.clone(),
        after: after.clone(),
    };
    let saved = save(&app, &admin, PLAN, &edit).await;
    assert_eq!(saved.status(), 200);
    let saved: PlanEditor = saved.json().await.unwrap();
    assert_eq!(saved.form, after);
    // The ward now owes the added section's tasks, under the next code.
    let ward = app.client_of("govap.p01").await;
    let report: ReportView = app
        .json_for(&ward, "/api/v1/reports/847-KH-UBND-2023/2023-6T/HCM.GV.P01")
        .await;
    assert_eq!(report.period.due_before.to_string(), "2023-05-10");
    let added = report
        .tasks
        .iter()
        .find(|t| t.text == "Rà soát quy chế làm việc");
    let code = format!("3.{}", after.sections[2].tasks.len());
    assert_eq!(added.map(|t| t.code.as_str()), Some(code.as_str()));

    // The same edit again, read before the first: someone else saved in between.
    assert_eq!(save(&app, &admin, PLAN, &edit).await.status(), 409);
    let log: Vec<AdminLogEntry> = app
        .json_for(&admin, "/api/v1/admin/log?action=edit_plan")
        .await;
    assert_eq!(log.len(), 1);
    assert!(log[0].before.as_deref().unwrap().contains("hạn 05/05/2023"));
    assert!(log[0].after.as_deref().unwrap().contains("hạn 10/05/2023"));

    // Bad fields, every one named; nothing changes.
    let mut bad = after.clone();
    bad.title = " ".into();
    bad.periods[1].label = String::new();
    bad.sections[0].assignees = vec!["KHONG-CO".into()];
    bad.template_version = 7;
    let edit = PlanEdit {
        before: after.clone(),
        after: bad,
    };
    let fields = refused_fields(save(&app, &admin, PLAN, &edit).await).await;
    assert_eq!(fields, ["title", "periods.1.label"]);
    let mut bad = after.clone();
    bad.sections[0].assignees = vec!["KHONG-CO".into()];
    bad.template_version = 7;
    let edit = PlanEdit {
        before: after.clone(),
        after: bad,
    };
    let fields = refused_fields(save(&app, &admin, PLAN, &edit).await).await;
    assert_eq!(fields, ["template_version", "sections.0.assignees"]);

    // Once a report exists, its period, the number and every task stay.
    let mut device = Device::login(&app.base, "govap.p01").await;
    let report = key("847-KH-UBND-2023", "2023-6T", "HCM.GV.P01");
    let write = device.set(&report, "tcd_luot", Some(Value::Count(3)), &[]);
    let results = device.sync(&[write]).await.results;
    assert_eq!(results[0].outcome, Outcome::Applied);
    let read: PlanEditor = app.json_for(&admin, PLAN).await;
    assert_eq!(read.reported_periods, ["2023-6T"]);
    let mut bad = after.clone();
    bad.number = "848/KH-UBND".into();
    bad.periods.remove(0);
    bad.sections[2].tasks.pop();
    let edit = PlanEdit {
        before: after.clone(),
        after: bad,
    };
    let fields = refused_fields(save(&app, &admin, PLAN, &edit).await).await;
    assert_eq!(fields, ["periods", "number", "sections"]);
    let unchanged: PlanEditor = app.json_for(&admin, PLAN).await;
    assert_eq!(unchanged.form, after);

    // A district's administrator edits the district's plans only, with its own units.
    let district = app.district_admin().await;
    let mut outside = after.clone();
    outside.sections[0].assignees.push("HCM.PN.P02".into());
    let edit = PlanEdit {
        before: after.clone(),
        after: outside,
    };
    let fields = refused_fields(save(&app, &district, PLAN, &edit).await).await;
    assert_eq!(fields, ["sections.0.assignees"]);
    let plans: Vec<app::api::AdminPlan> = app.json_for(&admin, "/api/v1/admin/plans").await;
    let city = plans
        .iter()
        .find(|p| p.number == "95/KH-UBND")
        .expect("the city's plan");
    let path = format!("/api/v1/admin/plans/{}", city.id);
    let resp = district.get(app.url(&path)).send().await.unwrap();
    assert_eq!(resp.status(), 403);
}

async fn a_draft_moves_to_a_new_template_version_and_a_submitted_report_stays(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.client_of("admin").await;
    let submitted = key("847-KH-UBND-2023", "2023-6T", "HCM.GV.P01");
    let draft = key("847-KH-UBND-2023", "2023-6T", "HCM.GV.P07");
    let fresh = key("847-KH-UBND-2023", "2023-N", "HCM.GV.P01");
    let mut p01 = Device::login(&app.base, "govap.p01").await;
    p01.submit_with(&submitted, &[("kiem_tra_cong_vu", Value::Count(2))])
        .await;
    let mut p07 = Device::login(&app.base, "govap.p07").await;
    let writes = [
        p07.set(&draft, "tcd_luot", Some(Value::Count(5)), &[]),
        p07.set(&draft, "kiem_tra_cong_vu", Some(Value::Count(4)), &[]),
    ];
    assert!(p07
        .sync(&writes)
        .await
        .results
        .iter()
        .all(|r| r.outcome == Outcome::Applied));

    // Version 2 drops a field and adds one; the plan's new reports start on it.
    let v2 = TEMPLATE.replace(
        r#"  { code = "kiem_tra_cong_vu", kind = "count", unit = "cuộc", unit_en = "sessions", label = "Số cuộc kiểm tra công vụ", label_en = "Public duty inspections", required = false, aggregate = "sum" },"#,
        r#"  { code = "kiem_tra_dot", kind = "count", unit = "đợt", label = "Số đợt tự kiểm tra", required = false, aggregate = "sum" },"#,
    );
    assert_ne!(v2, TEMPLATE);
    let imported = admin
        .post(app.url("/api/v1/admin/imports/template"))
        .json(&ImportFile {
            file_name: "template-v2.toml".into(),
            text: v2,
        })
        .send()
        .await
        .unwrap();
    assert_eq!(imported.status(), 200);
    let read: PlanEditor = app.json_for(&admin, PLAN).await;
    assert_eq!(read.template_versions, [1, 2]);
    let mut after = read.form.clone();
    after.template_version = 2;
    let edit = PlanEdit {
        before: read.form,
        after,
    };
    assert_eq!(save(&app, &admin, PLAN, &edit).await.status(), 200);

    let report_path = |k: &app::sync::ReportKey| {
        format!(
            "/api/v1/reports/{}/{}/{}",
            k.plan_id, k.period_code, k.unit_code
        )
    };
    // The submitted report reads exactly as it was submitted.
    let view: ReportView = app.json_for(&p01.client, &report_path(&submitted)).await;
    let template = view.template.decode().expect("template");
    assert_eq!(template.version, 1);
    assert!(template.field("kiem_tra_cong_vu").is_some());
    assert_eq!(view.newer_template, None);
    let moved = p01
        .client
        .post(app.url(&format!("{}/template/2", report_path(&submitted))))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 409);
    // A report not started yet starts on version 2.
    let view: ReportView = app.json_for(&p01.client, &report_path(&fresh)).await;
    assert_eq!(view.template.decode().expect("template").version, 2);
    let write = p01.set(&fresh, "kiem_tra_dot", Some(Value::Count(1)), &[]);
    assert_eq!(
        p01.sync(&[write]).await.results[0].outcome,
        Outcome::Applied
    );
    let view: ReportView = app.json_for(&p01.client, &report_path(&fresh)).await;
    assert_eq!(view.template.decode().expect("template").version, 2);

    // The draft is offered the move, naming the value it would no longer show.
    let view: ReportView = app.json_for(&p07.client, &report_path(&draft)).await;
    assert_eq!(view.template.decode().expect("template").version, 1);
    assert_eq!(view.newer_template, Some(2));
    assert_eq!(view.dropped_fields, ["Số cuộc kiểm tra công vụ"]);
    // Until it moves, the draft keeps writing its own version's fields, the one the new
    // version dropped among them (a keystroke there is not refused)...
    let base = view.state.slots["kiem_tra_cong_vu"].edit_base();
    let kept = p07.set(&draft, "kiem_tra_cong_vu", Some(Value::Count(6)), &base);
    let result = p07.sync(&[kept]).await.results[0].clone();
    assert_eq!(result.outcome, Outcome::Applied, "{result:?}");
    // ...and the new field is not its to write.
    let early = p07.set(&draft, "kiem_tra_dot", Some(Value::Count(1)), &[]);
    let result = &p07.sync(&[early]).await.results[0];
    assert_eq!(result.code.map(RefusalCode::as_str), Some("unknown_field"));
    let move_to = |version: &str| {
        p07.client
            .post(app.url(&format!("{}/template/{version}", report_path(&draft))))
            .send()
    };
    assert_eq!(move_to("1").await.unwrap().status(), 409);
    assert_eq!(move_to("hai").await.unwrap().status(), 400);
    assert_eq!(move_to("2").await.unwrap().status(), 204);
    let view: ReportView = app.json_for(&p07.client, &report_path(&draft)).await;
    assert_eq!(view.template.decode().expect("template").version, 2);
    assert_eq!(view.newer_template, None);
    assert_eq!(view.state.values().get("tcd_luot"), Some(&Value::Count(5)));
    let later = p07.set(&draft, "kiem_tra_dot", Some(Value::Count(1)), &[]);
    assert_eq!(
        p07.sync(&[later]).await.results[0].outcome,
        Outcome::Applied
    );
    // Someone else's unit is not theirs to move.
    let other = p07
        .client
        .post(app.url(&format!("{}/template/2", report_path(&fresh))))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 403);
}
