//! Plans in the administration pages: listed within the scope, made in the page, rolled
//! forward to another year under a new number, once.

use crate::common::{Backend, TestApp};
use app::api::{
    AdminLogEntry, AdminPlan, ApiError, NewPlan, PlanEditor, PlanForm, RollForward, SectionForm,
    TemplateChoice,
};
use app::domain::plan::{Period, PeriodKind, Signer};

on_both!(
    a_plan_is_rolled_forward_once_within_the_scope,
    a_plan_is_made_in_the_page_within_the_scope
);

async fn a_plan_is_rolled_forward_once_within_the_scope(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.client_of("admin").await;
    let listed: Vec<AdminPlan> = app.json_for(&admin, "/api/v1/admin/plans").await;
    assert!(listed.iter().any(|p| p.id == "847-KH-UBND-2023"));
    let roll = |year: i32, number: &str| {
        admin
            .post(app.url("/api/v1/admin/plans/847-KH-UBND-2023/roll-forward"))
            .json(&RollForward {
                year,
                number: number.into(),
            })
            .send()
    };
    let made = roll(2024, " 12/KH-UBND ").await.unwrap();
    assert_eq!(made.status(), 201);
    let plan: AdminPlan = made.json().await.unwrap();
    assert_eq!(plan.id, "12-KH-UBND-2024");
    assert_eq!(plan.year, 2024);
    assert!(plan
        .periods
        .iter()
        .all(|p| p.due_before.to_string().starts_with("2024")));
    assert!(plan.periods.iter().all(|p| p.code.starts_with("2024")));
    assert_eq!(roll(2024, "12/KH-UBND").await.unwrap().status(), 409);
    let bad = roll(2023, "số mới").await.unwrap();
    assert_eq!(bad.status(), 422);
    let error: ApiError = bad.json().await.unwrap();
    let fields: Vec<&str> = error.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["number", "year"]);
    let missing = admin
        .post(app.url("/api/v1/admin/plans/khong-co/roll-forward"))
        .json(&RollForward {
            year: 2024,
            number: "1/KH".into(),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    // The new plan is served like any other: its periods are listed for the district.
    let listed: Vec<AdminPlan> = app.json_for(&admin, "/api/v1/admin/plans").await;
    assert!(listed.iter().any(|p| p.id == "12-KH-UBND-2024"));
    let log: Vec<AdminLogEntry> = app
        .json_for(&admin, "/api/v1/admin/log?action=roll_forward_plan")
        .await;
    assert_eq!(log[0].target, "12-KH-UBND-2024");
    assert_eq!(log[0].before.as_deref(), Some("847-KH-UBND-2023"));

    // A district's administrator sees and rolls the district's plans only.
    let district = app.district_admin().await;
    let own: Vec<AdminPlan> = app.json_for(&district, "/api/v1/admin/plans").await;
    assert!(own.iter().all(|p| p.number != "95/KH-UBND"), "{own:?}");
    let city_plan = listed
        .iter()
        .find(|p| p.number == "95/KH-UBND")
        .expect("the city's plan");
    let refused = district
        .post(app.url(&format!(
            "/api/v1/admin/plans/{}/roll-forward",
            city_plan.id
        )))
        .json(&RollForward {
            year: 2030,
            number: "95/KH-UBND".into(),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
}

fn new_plan(issuer: &str, reports_to: &str, number: &str) -> NewPlan {
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    NewPlan {
        issuer: issuer.into(),
        reports_to: reports_to.into(),
        template: "dan-van-chinh-quyen".into(),
        year: 2024,
        place: "Gò Vấp".into(),
        signer: Signer {
            capacity: "KT. CHỦ TỊCH".into(),
            title: "PHÓ CHỦ TỊCH".into(),
            name: "Nguyễn Văn A".into(),
        },
        form: PlanForm {
            number: number.into(),
            title: "Công tác dân vận chính quyền năm 2024".into(),
            issued_on: day(1, 15),
            template_version: 1,
            periods: vec![Period {
                code: "2024-N".into(),
                label: "Báo cáo năm 2024".into(),
                kind: PeriodKind::Nam,
                due_before: day(11, 5),
                data_range: None,
                signed_copy_required: false,
                evaluation: None,
            }],
            sections: vec![SectionForm {
                title: "Nhiệm vụ chung".into(),
                assignees: vec!["wards".into()],
                tasks: vec!["Triển khai kế hoạch".into()],
            }],
            reminder_hour: None,
            upward: Default::default(),
        },
    }
}

async fn a_plan_is_made_in_the_page_within_the_scope(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let district = app.district_admin().await;
    let templates: Vec<TemplateChoice> = app.json_for(&district, "/api/v1/admin/templates").await;
    assert_eq!(templates[0].id, "dan-van-chinh-quyen");
    let create = |plan: NewPlan| {
        district
            .post(app.url("/api/v1/admin/plans"))
            .json(&plan)
            .send()
    };
    let made = create(new_plan("HCM.GV", "HCM.GV.PNV", "12/KH-UBND"))
        .await
        .unwrap();
    assert_eq!(made.status(), 201);
    let plan: AdminPlan = made.json().await.unwrap();
    assert_eq!(plan.id, "12-KH-UBND-2024");
    // It is a plan like any other: the editor opens it, the district's wards of 2024 owe
    // reports.
    let editor: PlanEditor = app
        .json_for(&district, "/api/v1/admin/plans/12-KH-UBND-2024")
        .await;
    assert_eq!(editor.form.number, "12/KH-UBND");
    assert!(editor.assigned_units > 5, "{}", editor.assigned_units);
    let log: Vec<AdminLogEntry> = app
        .json_for(&district, "/api/v1/admin/log?action=create_plan")
        .await;
    assert_eq!(log[0].target, "12-KH-UBND-2024");

    // Once: the same number and year again is refused, naming the number.
    let again = create(new_plan("HCM.GV", "HCM.GV.PNV", "12/KH-UBND"))
        .await
        .unwrap();
    assert_eq!(again.status(), 422);
    assert_eq!(fields(again).await, ["number"]);
    // Every bad field at once.
    let mut bad = new_plan("", "HCM.GV.PNV", "13/KH-UBND");
    bad.place.clear();
    bad.form.periods[0].code = "kỳ 1".into();
    let refused = create(bad).await.unwrap();
    assert_eq!(refused.status(), 422);
    assert_eq!(fields(refused).await, ["issuer", "place", "periods.0.code"]);
    // A district's administrator issues nothing outside the district, and is not told
    // whether the unit named there exists.
    for (issuer, reports_to) in [
        ("HCM", "HCM.GV.PNV"),
        ("HCM.GV", "HCM.SNV"),
        ("HCM.GV", "KHONG-CO"),
    ] {
        let outside = create(new_plan(issuer, reports_to, "14/KH-UBND"))
            .await
            .unwrap();
        assert_eq!(outside.status(), 422);
        let named = fields(outside).await;
        assert_eq!(named.len(), 1, "{named:?}");
    }
    let mut elsewhere = new_plan("HCM.GV", "HCM.GV.PNV", "15/KH-UBND");
    elsewhere.form.sections[0].assignees = vec!["HCM.PN.P01".into()];
    let refused = create(elsewhere).await.unwrap();
    assert_eq!(fields(refused).await, ["sections.0.assignees"]);
    let own: Vec<AdminPlan> = app.json_for(&district, "/api/v1/admin/plans").await;
    assert_eq!(own.iter().filter(|p| p.year == 2024).count(), 1);
}

async fn fields(resp: reqwest::Response) -> Vec<String> {
    let error: ApiError = resp.json().await.unwrap();
    error.fields.into_iter().map(|f| f.field).collect()
}
