//! Plans in the administration pages: listed within the scope, rolled forward to another
//! year under a new number, once.

mod common;

use app::api::{AdminLogEntry, AdminPlan, ApiError, RollForward};
use common::{Backend, TestApp};

on_both!(a_plan_is_rolled_forward_once_within_the_scope);

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
