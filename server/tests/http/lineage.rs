//! Units with dates and lineage through the API: who owes a report across a merger, and
//! whose history a split unit's reports are.

use crate::common::{Backend, TestApp};
use app::api::{PlanOverview, ProgressView};
use app::domain::plan::Plan;
use app::sync::refusal::RefusalCode;

on_both!(
    a_merged_ward_owes_reports_until_it_ends,
    a_split_ward_is_history_of_each_part,
);

const PLAN_2023: &str = include_str!("../../demo/plan-847-KH-UBND-2023.toml");

/// The Gò Vấp plan as if it had run in 2025: the first half is due before the merger of
/// 01/07/2025, the year after it.
async fn a_merged_ward_owes_reports_until_it_ends(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let plan = Plan::from_toml(PLAN_2023).unwrap().rolled_to(2025);
    server::import::store_plan(&app.db, "plan 2025", &plan)
        .await
        .unwrap();
    app.login("govap.pnv").await;
    let tally = |period: &'static str| {
        let app = &app;
        async move {
            let view: ProgressView = app
                .get(&format!("/api/v1/progress/847-KH-UBND-2025/{period}"))
                .await
                .json()
                .await
                .unwrap();
            view
        }
    };
    let first_half = tally("2025-6T").await;
    assert_eq!(
        first_half.root.tally.expected, 21,
        "16 wards and 5 agencies"
    );
    // Twelve wards merged on 01/07/2025: the four without a recorded successor and the
    // agencies still owe the year.
    let year = tally("2025-N").await;
    assert_eq!(year.root.tally.expected, 9);
    let owing: Vec<&str> = year
        .outstanding
        .iter()
        .map(|o| o.unit_code.as_str())
        .collect();
    assert!(!owing.contains(&"HCM.GV.P01"), "{owing:?}");
    assert!(owing.contains(&"HCM.GV.P04"), "{owing:?}");

    // A push to a report the ward no longer owes is refused like any unknown report.
    let mut ward = crate::common::sync::Device::login(&app.base, "govap.p01").await;
    let k = crate::common::sync::key("847-KH-UBND-2025", "2025-N", "HCM.GV.P01");
    let m = ward.set(
        &k,
        "tcd_luot",
        Some(app::domain::value::Value::Count(1)),
        &[],
    );
    let resp = ward.sync(&[m]).await;
    assert_eq!(
        resp.results[0].code.map(RefusalCode::as_str),
        Some("unknown_report")
    );
}

/// Phường 15 of Phú Nhuận was split between Phường Cầu Kiệu and Phường Phú Nhuận: its
/// reports are history of both, and of no other ward.
async fn a_split_ward_is_history_of_each_part(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let plan = r#"
number = "900/KH-UBND"
issuer = "HCM.PN"
issued_on = "2023-02-01"
place = "Phú Nhuận"
year = 2023
kind = "KH"
title = "Kế hoạch thử của quận Phú Nhuận"
template = "dan-van-chinh-quyen"
reports_to = "HCM.PN"
signer = { capacity = "KT. CHỦ TỊCH", title = "PHÓ CHỦ TỊCH", name = "Người Ký" }

[[periods]]
code = "2023-N"
label = "Báo cáo năm 2023"
kind = "nam"
due_before = "2023-11-05"

[[sections]]
title = "I. Nhiệm vụ"
assignees = ["wards"]
tasks = ["Thực hiện kế hoạch"]
"#;
    server::import::plan(&app.db, "pn.toml", plan)
        .await
        .unwrap();
    let users = "username,display_name,role,unit_code,scope_code,password\n\
                 caukieu.01,Cán bộ Phường Cầu Kiệu,nhap_lieu,27058,,mat-khau-thu\n\
                 phunhuan.01,Cán bộ Phường Phú Nhuận,nhap_lieu,27073,,mat-khau-thu\n\
                 ducnhuan.01,Cán bộ Phường Đức Nhuận,nhap_lieu,27043,,mat-khau-thu\n";
    server::import::users(&app.db, "u.csv", users)
        .await
        .unwrap();

    for (user, history) in [
        (
            "caukieu.01",
            &["HCM.PN.P01", "HCM.PN.P02", "HCM.PN.P07", "HCM.PN.P15"][..],
        ),
        (
            "phunhuan.01",
            &[
                "HCM.PN.P08",
                "HCM.PN.P10",
                "HCM.PN.P11",
                "HCM.PN.P13",
                "HCM.PN.P15",
            ],
        ),
        ("ducnhuan.01", &["HCM.PN.P04", "HCM.PN.P05", "HCM.PN.P09"]),
    ] {
        let client = app.client_with(user, "mat-khau-thu").await;
        let plans: Vec<PlanOverview> = app.json_for(&client, "/api/v1/periods").await;
        let old = plans
            .iter()
            .find(|p| p.plan_id == "900-KH-UBND-2023")
            .unwrap();
        let mut units: Vec<&str> = old.periods[0]
            .units
            .iter()
            .map(|u| u.unit_code.as_str())
            .collect();
        units.sort_unstable();
        assert_eq!(units, history, "{user}");
        let p15 = client
            .get(app.url("/api/v1/reports/900-KH-UBND-2023/2023-N/HCM.PN.P15"))
            .send()
            .await
            .unwrap()
            .status();
        let expected = if history.contains(&"HCM.PN.P15") {
            200
        } else {
            403
        };
        assert_eq!(p15, expected, "{user}");
    }
}
