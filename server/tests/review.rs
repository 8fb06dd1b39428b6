//! A district's review of its subtree against the real app, on SQLite and PostgreSQL.

mod common;

use app::api::ProgressView;
use app::domain::progress::{Standing, Tally};
use app::sync::{Change, Outcome};
use common::sync::{key, Device};
use common::{Backend, TestApp};

on_both!(
    progress_counts_who_has_reported_at_every_level,
    progress_follows_the_tree,
);

// Plan 2023's six-month report was due before 05/05/2023: whatever is submitted now is late.
const PLAN: &str = "847-KH-UBND-2023";
const PERIOD: &str = "2023-6T";

async fn progress(d: &Device, query: &str) -> reqwest::Response {
    d.client
        .get(format!("{}/api/v1/progress/{PLAN}/{PERIOD}{query}", d.base))
        .send()
        .await
        .expect("progress request")
}

async fn submit(d: &mut Device, unit: &str) {
    let k = key(PLAN, PERIOD, unit);
    let mut batch = d.fill_required(&k).await;
    batch.push(d.mutation(&k, Change::Submit));
    let resp = d.sync(&batch).await;
    assert!(
        resp.results.iter().all(|r| r.outcome == Outcome::Applied),
        "{:?}",
        resp.results
    );
}

async fn review(d: &mut Device, unit: &str, change: Change) {
    let m = d.mutation(&key(PLAN, PERIOD, unit), change);
    assert_eq!(d.sync(&[m]).await.results[0].outcome, Outcome::Applied);
}

async fn progress_counts_who_has_reported_at_every_level(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut p01 = Device::login(&app.base, "govap.p01").await;
    let mut p07 = Device::login(&app.base, "govap.p07").await;
    let mut reviewer = Device::login(&app.base, "govap.pnv").await;
    submit(&mut p01, "HCM.GV.P01").await;
    submit(&mut p07, "HCM.GV.P07").await;
    review(&mut reviewer, "HCM.GV.P01", Change::Accept).await;
    let comment = "Bổ sung số liệu tiếp công dân.".to_string();
    review(&mut reviewer, "HCM.GV.P07", Change::Return { comment }).await;

    let view: ProgressView = progress(&reviewer, "").await.json().await.unwrap();
    assert_eq!(view.root.code, "HCM.GV");
    assert_eq!(
        view.root.tally,
        Tally {
            expected: 21,
            submitted: 1,
            on_time: 0,
            late: 1,
            missing: 19,
            returned: 1,
            accepted: 1
        }
    );
    let own = |code: &str| {
        view.root
            .children
            .iter()
            .find(|n| n.code == code)
            .and_then(|n| n.own)
    };
    assert_eq!(
        own("HCM.GV.P01"),
        Some(Standing::Accepted { on_time: false })
    );
    assert_eq!(own("HCM.GV.P07"), Some(Standing::Returned));
    assert_eq!(own("HCM.GV.P03"), Some(Standing::Missing));

    // "Chưa nộp": every unit without a report in hand, in Vietnamese order, with its staff.
    let names: Vec<&str> = view
        .outstanding
        .iter()
        .map(|o| o.unit_name.as_str())
        .collect();
    assert_eq!(names.len(), 20);
    assert_eq!(names[0], "Phòng Nội vụ quận Gò Vấp");
    let at = |name: &str| names.iter().position(|n| *n == name).unwrap();
    assert!(at("Phường 9") < at("Phường 10"), "{names:?}");
    let p07 = &view.outstanding[at("Phường 7")];
    assert_eq!(p07.standing, Standing::Returned);
    assert_eq!(p07.staff[0].username, "govap.p07");
    assert!(!names.contains(&"Phường 1"));

    // The city sees the same district one level down.
    let admin = Device::login(&app.base, "admin").await;
    let city: ProgressView = progress(&admin, "").await.json().await.unwrap();
    assert_eq!(city.root.code, "HCM");
    assert_eq!(city.root.tally, view.root.tally);
    let districts: Vec<&str> = city.root.children.iter().map(|n| n.code.as_str()).collect();
    assert_eq!(
        districts,
        ["HCM.GV"],
        "units with nothing expected are left out"
    );
}

async fn progress_follows_the_tree(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ward = Device::login(&app.base, "govap.p01").await;
    let own: ProgressView = progress(&ward, "").await.json().await.unwrap();
    assert_eq!(own.root.code, "HCM.GV.P01");
    assert_eq!(own.root.tally.expected, 1);
    assert_eq!(progress(&ward, "?unit=HCM.GV").await.status(), 403);

    let reviewer = Device::login(&app.base, "govap.pnv").await;
    assert_eq!(progress(&reviewer, "?unit=HCM.PN").await.status(), 403);
    let ward_view: ProgressView = progress(&reviewer, "?unit=HCM.GV.P07")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(ward_view.root.tally.missing, 1);
    let unknown = reviewer
        .client
        .get(format!("{}/api/v1/progress/{PLAN}/2023-Q9", reviewer.base))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}
