//! A district as it really reports: 15 wards and an agency beside them, one ward late, one
//! never reporting, one returned and resubmitted. The consolidation must sum to the district
//! totals and recompute rates from the sums.

use crate::common::sync::{key, Device};
use crate::common::{Backend, TestApp};
use app::api::{ConsolidationView, ProgressView};
use app::domain::progress::{Standing, Tally};
use app::domain::rules::derived_ratio;
use app::domain::value::Value;
use app::format::Numbers;
use app::sync::{Change, Outcome};

on_both!(a_district_of_fifteen_wards_adds_up);

const PLAN: &str = "99-KH-UBND-2030";
const PERIOD: &str = "2030-6T";

fn org() -> String {
    let mut csv = String::from("code,parent_code,kind,name\nHCM.T,HCM,quan,Quận Thử\n");
    csv.push_str("HCM.T.PNV,HCM.T,co_quan,Phòng Nội vụ quận Thử\n");
    for i in 1..=15 {
        csv.push_str(&format!("HCM.T.P{i:02},HCM.T,phuong,Phường {i}\n"));
    }
    csv
}

fn users() -> String {
    let mut csv = String::from("username,display_name,role,unit_code,scope_code,password\n");
    csv.push_str("thu.pnv,Phòng Nội vụ quận Thử,tong_hop,HCM.T.PNV,HCM.T,mat-khau-thu\n");
    csv.push_str("thu.nv,Cán bộ Phòng Nội vụ,nhap_lieu,HCM.T.PNV,,mat-khau-thu\n");
    for i in 1..=15 {
        csv.push_str(&format!(
            "thu.p{i:02},Cán bộ Phường {i},nhap_lieu,HCM.T.P{i:02},,mat-khau-thu\n"
        ));
    }
    csv
}

/// The plan, its six-month report due before `due`.
fn plan(due: &str) -> String {
    format!(
        r#"number = "99/KH-UBND"
issuer = "HCM.T"
issued_on = "2030-01-10"
place = "Quận Thử"
year = 2030
kind = "KH"
title = "Thực hiện công tác dân vận chính quyền năm 2030"
template = "dan-van-chinh-quyen"
reports_to = "HCM.T.PNV"
signer = {{ capacity = "TM. ỦY BAN NHÂN DÂN", title = "CHỦ TỊCH", name = "Nguyễn Văn Thử" }}
bases = []

[[periods]]
code = "2030-6T"
label = "Báo cáo 6 tháng đầu năm 2030"
kind = "sau_thang"
due_before = "{due}"

[[sections]]
title = "I. Nhiệm vụ chung"
assignees = ["wards", "agencies"]
tasks = ["Tiếp công dân, đối thoại với Nhân dân"]
"#
    )
}

/// The figures of the i-th reporting unit (0..15): `(citizens received, dossiers on time,
/// dossiers late)`. They add up to 723 citizens and 39.055 of 39.409 dossiers on time.
fn figures(i: u64) -> (u64, u64, u64) {
    if i < 14 {
        (48, 2_603, 23)
    } else {
        (51, 39_055 - 2_603 * 14, 354 - 23 * 14)
    }
}

async fn login(app: &TestApp, user: &str) -> Device {
    Device::login_with(&app.base, user, "mat-khau-thu").await
}

async fn submit(d: &mut Device, unit: &str, i: u64) {
    let (citizens, on_time, late) = figures(i);
    let figures = [
        ("tcd_luot", Value::Count(citizens)),
        ("hs_tiep_nhan", Value::Count(on_time + late + 10)),
        ("hs_dung_han", Value::Count(on_time)),
        ("hs_tre_han", Value::Count(late)),
    ];
    d.submit_with(&key(PLAN, PERIOD, unit), &figures).await;
}

async fn review(d: &mut Device, unit: &str, change: Change) {
    let m = d.mutation(&key(PLAN, PERIOD, unit), change);
    assert_eq!(d.sync(&[m]).await.results[0].outcome, Outcome::Applied);
}

async fn a_district_of_fifteen_wards_adds_up(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let db = &app.db;
    server::import::org_units(db, "thu.csv", &org())
        .await
        .unwrap();
    server::import::users(db, "thu-users.csv", &users())
        .await
        .unwrap();
    server::import::plan(db, "thu.toml", &plan("2030-05-05"))
        .await
        .unwrap();
    let mut reviewer = login(&app, "thu.pnv").await;

    // The agency and wards 1–13 report on time; ward 13 is returned and resubmits.
    let mut agency = login(&app, "thu.nv").await;
    submit(&mut agency, "HCM.T.PNV", 14).await;
    for i in 1..=13u64 {
        let mut ward = login(&app, &format!("thu.p{i:02}")).await;
        submit(&mut ward, &format!("HCM.T.P{i:02}"), i - 1).await;
    }
    let comment = "Bổ sung số liệu hồ sơ.".to_string();
    review(&mut reviewer, "HCM.T.P13", Change::Return { comment }).await;
    let mut p13 = login(&app, "thu.p13").await;
    let again = p13.mutation(&key(PLAN, PERIOD, "HCM.T.P13"), Change::Submit);
    assert_eq!(
        p13.sync(&[again]).await.results[0].outcome,
        Outcome::Applied
    );

    // The deadline is brought forward into the past (the plan imported again): ward 14's
    // report now arrives late. Ward 15 never reports. The running server sees the new
    // plan written by another process within a second, though it keeps plans in memory.
    let before: ProgressView = reviewer.get(&format!("/progress/{PLAN}/{PERIOD}")).await;
    assert_eq!(before.period.due_before.to_string(), "2030-05-05");
    server::import::plan(db, "thu.toml", &plan("2025-05-05"))
        .await
        .unwrap();
    app.catalog_changed_elsewhere().await;
    let mut p14 = login(&app, "thu.p14").await;
    submit(&mut p14, "HCM.T.P14", 13).await;

    let progress: ProgressView = reviewer.get(&format!("/progress/{PLAN}/{PERIOD}")).await;
    assert_eq!(progress.period.due_before.to_string(), "2025-05-05");
    assert_eq!(
        progress.root.tally,
        Tally {
            expected: 16,
            submitted: 15,
            on_time: 14,
            late: 1,
            missing: 1,
            returned: 0,
            accepted: 0
        }
    );
    let outstanding: Vec<&str> = progress
        .outstanding
        .iter()
        .map(|o| o.unit_name.as_str())
        .collect();
    assert_eq!(outstanding, ["Phường 15"]);

    let view: ConsolidationView = reviewer
        .get(&format!("/consolidation/{PLAN}/{PERIOD}"))
        .await;
    assert_eq!(view.units.len(), 16);
    assert_eq!(view.units.iter().filter(|u| u.included).count(), 15);
    // Every count is the sum of the units' counts.
    for code in ["tcd_luot", "hs_tiep_nhan", "hs_dung_han", "hs_tre_han"] {
        let sum: u64 = view
            .units
            .iter()
            .filter_map(|u| match u.values.get(code) {
                Some(Value::Count(n)) => Some(*n),
                _ => None,
            })
            .sum();
        assert_eq!(view.totals.get(code), Some(&Value::Count(sum)), "{code}");
    }
    assert_eq!(view.totals.get("tcd_luot"), Some(&Value::Count(723)));
    assert_eq!(view.totals.get("hs_dung_han"), Some(&Value::Count(39_055)));
    assert_eq!(view.totals.get("hs_tre_han"), Some(&Value::Count(354)));
    let rate = derived_ratio(&view.template, &view.totals, "ty_le_dung_han").unwrap();
    assert_eq!(
        Numbers::Vietnamese.ratio_as_percent(rate),
        "99,10%",
        "recomputed, never averaged"
    );

    let standing = |code: &str| {
        view.units
            .iter()
            .find(|u| u.unit_code == code)
            .unwrap()
            .standing
    };
    assert_eq!(standing("HCM.T.P13"), Standing::Submitted { on_time: true });
    assert_eq!(
        standing("HCM.T.P14"),
        Standing::Submitted { on_time: false }
    );
    assert_eq!(standing("HCM.T.P15"), Standing::Missing);
    assert_eq!(standing("HCM.T.PNV"), Standing::Submitted { on_time: true });
    assert_eq!(
        view.units[0].unit_name, "Phòng Nội vụ quận Thử",
        "the agency beside the wards"
    );

    // Accepted only: the same totals once everything in hand is accepted. Phòng Nội vụ's
    // own report is accepted one level up, by the city.
    let mut city = Device::login(&app.base, "admin").await;
    for unit in view.units.iter().filter(|u| u.included) {
        let by = if unit.unit_code == "HCM.T.PNV" {
            &mut city
        } else {
            &mut reviewer
        };
        review(by, &unit.unit_code, Change::Accept).await;
    }
    let accepted: ConsolidationView = reviewer
        .get(&format!("/consolidation/{PLAN}/{PERIOD}?basis=accepted"))
        .await;
    assert_eq!(accepted.totals, view.totals);
}
