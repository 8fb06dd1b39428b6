//! A district's review of its subtree against the real app, on SQLite and PostgreSQL.

use crate::common::sync::{key, Device};
use crate::common::{Backend, TestApp};
use app::api::{ConsolidationView, ProgressView, TaskProgressView, TimelinessView};
use app::domain::progress::{Standing, Tally};
use app::domain::rules::derived_ratio;
use app::domain::task::{TaskProgress, TaskStatus};
use app::domain::value::Value;
use app::format::Numbers;
use app::sync::{Change, Outcome};

on_both!(
    progress_counts_who_has_reported_at_every_level,
    progress_follows_the_tree,
    consolidation_sums_the_reports_in_hand,
    the_district_report_goes_up_to_the_city,
    plan_progress_counts_task_answers_in_hand,
    timeliness_lists_every_period_of_every_unit,
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

async fn consolidation(d: &Device, query: &str) -> reqwest::Response {
    d.client
        .get(format!(
            "{}/api/v1/consolidation/{PLAN}/{PERIOD}{query}",
            d.base
        ))
        .send()
        .await
        .expect("consolidation request")
}

async fn submit(d: &mut Device, unit: &str) {
    submit_with(d, unit, &[]).await;
}

async fn submit_with(d: &mut Device, unit: &str, figures: &[(&str, Value)]) {
    d.submit_with(&key(PLAN, PERIOD, unit), figures).await;
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
    // The district's own report, which the plan's issuer owes the city, counts there.
    assert_eq!(city.root.tally.expected, view.root.tally.expected + 1);
    assert_eq!(city.root.tally.missing, view.root.tally.missing + 1);
    assert_eq!(city.root.children[0].own, Some(Standing::Missing));
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

/// Administrative dossiers: `(received, on time, late)`.
fn dossiers(received: u64, on_time: u64, late: u64) -> Vec<(&'static str, Value)> {
    vec![
        ("hs_tiep_nhan", Value::Count(received)),
        ("hs_dung_han", Value::Count(on_time)),
        ("hs_tre_han", Value::Count(late)),
        (
            "tiep_cong_dan_text",
            Value::Text(format!("Tiếp nhận {received} hồ sơ.")),
        ),
    ]
}

async fn consolidation_sums_the_reports_in_hand(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut p01 = Device::login(&app.base, "govap.p01").await;
    let mut p07 = Device::login(&app.base, "govap.p07").await;
    let mut reviewer = Device::login(&app.base, "govap.pnv").await;
    submit_with(&mut p01, "HCM.GV.P01", &dossiers(20_500, 20_000, 200)).await;
    submit_with(&mut p07, "HCM.GV.P07", &dossiers(19_300, 19_055, 154)).await;
    review(&mut reviewer, "HCM.GV.P01", Change::Accept).await;

    let all: ConsolidationView = consolidation(&reviewer, "").await.json().await.unwrap();
    assert_eq!(all.unit.code, "HCM.GV");
    assert_eq!(all.units.len(), 21, "every ward and agency has a row");
    assert_eq!(all.totals.get("hs_dung_han"), Some(&Value::Count(39_055)));
    assert_eq!(all.totals.get("hs_tre_han"), Some(&Value::Count(354)));
    // Recomputed from the sums: 39.055 / 39.409, never an average of the wards' rates.
    let rate = derived_ratio(&all.template, &all.totals, "ty_le_dung_han").unwrap();
    assert_eq!(Numbers::Vietnamese.ratio_as_percent(rate), "99,10%");
    let paragraphs = &all.narratives["tiep_cong_dan_text"];
    let labelled: Vec<(&str, &str)> = paragraphs
        .iter()
        .map(|p| (p.unit.as_str(), p.text.as_str()))
        .collect();
    assert_eq!(
        labelled,
        [
            ("Phường 1", "Tiếp nhận 20500 hồ sơ."),
            ("Phường 7", "Tiếp nhận 19300 hồ sơ.")
        ]
    );
    let p03 = all
        .units
        .iter()
        .find(|u| u.unit_code == "HCM.GV.P03")
        .unwrap();
    assert_eq!((p03.standing, p03.included), (Standing::Missing, false));
    let row = all
        .units
        .iter()
        .find(|u| u.unit_code == "HCM.GV.P07")
        .unwrap();
    assert_eq!(row.values.get("hs_dung_han"), Some(&Value::Count(19_055)));
    assert!(
        !row.values.contains_key("tiep_cong_dan_text"),
        "rows hold figures only"
    );

    let accepted: ConsolidationView = consolidation(&reviewer, "?basis=accepted")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        accepted.totals.get("hs_dung_han"),
        Some(&Value::Count(20_000))
    );
    assert_eq!(accepted.narratives["tiep_cong_dan_text"].len(), 1);

    // A ward cannot consolidate its district; a reviewer not another district.
    assert_eq!(consolidation(&p01, "?unit=HCM.GV").await.status(), 403);
    assert_eq!(consolidation(&reviewer, "?unit=HCM.PN").await.status(), 403);
}

async fn the_district_report_goes_up_to_the_city(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut p01 = Device::login(&app.base, "govap.p01").await;
    let mut reviewer = Device::login(&app.base, "govap.pnv").await;
    let mut admin = Device::login(&app.base, "admin").await;
    submit_with(&mut p01, "HCM.GV.P01", &dossiers(100, 90, 10)).await;

    // The district writes its own report (the plan's issuer) and submits it upward.
    submit_with(&mut reviewer, "HCM.GV", &dossiers(100, 90, 10)).await;
    let district: ProgressView = progress(&reviewer, "").await.json().await.unwrap();
    assert_eq!(
        district.root.own, None,
        "its own report is the city's to review"
    );
    let not_self = consolidation(&reviewer, "").await;
    let not_self: ConsolidationView = not_self.json().await.unwrap();
    assert!(not_self.units.iter().all(|u| u.unit_code != "HCM.GV"));

    let city: ConsolidationView = consolidation(&admin, "").await.json().await.unwrap();
    let codes: Vec<&str> = city.units.iter().map(|u| u.unit_code.as_str()).collect();
    assert_eq!(
        codes,
        ["HCM.GV"],
        "the city consolidates districts, not their wards"
    );
    assert_eq!(city.totals.get("hs_dung_han"), Some(&Value::Count(90)));
    review(&mut admin, "HCM.GV", Change::Accept).await;
    let city: ProgressView = progress(&admin, "").await.json().await.unwrap();
    assert_eq!(
        city.root.children[0].own,
        Some(Standing::Accepted { on_time: false })
    );
}

async fn plan_progress_counts_task_answers_in_hand(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut p01 = Device::login(&app.base, "govap.p01").await;
    let mut p07 = Device::login(&app.base, "govap.p07").await;
    let reviewer = Device::login(&app.base, "govap.pnv").await;
    let k = key(PLAN, PERIOD, "HCM.GV.P01");
    let done = Change::SetTask {
        task: "1.1".into(),
        progress: TaskProgress {
            status: TaskStatus::HoanThanh,
            note: "Đã ban hành kế hoạch.".into(),
        },
        base: vec![],
    };
    let mut batch = p01.fill_required(&k).await;
    batch.push(p01.mutation(&k, done));
    batch.push(p01.mutation(&k, Change::Submit));
    assert!(p01
        .sync(&batch)
        .await
        .results
        .iter()
        .all(|r| r.outcome == Outcome::Applied));
    // A draft's answers are not the district's yet.
    let k7 = key(PLAN, PERIOD, "HCM.GV.P07");
    let draft = Change::SetTask {
        task: "1.1".into(),
        progress: TaskProgress {
            status: TaskStatus::DangThucHien,
            note: String::new(),
        },
        base: vec![],
    };
    let m = p07.mutation(&k7, draft);
    p07.sync(&[m]).await;

    let view: TaskProgressView = reviewer
        .get(&format!("/task-progress/{PLAN}/{PERIOD}"))
        .await;
    assert_eq!(view.unit_code, "HCM.GV");
    let first = &view.tasks[0];
    assert_eq!(first.task.code, "1.1");
    assert_eq!(first.counts.done, 1);
    assert_eq!(first.counts.not_started + first.counts.in_progress, 0);
    assert_eq!(first.counts.not_reported as usize, first.answers.len() - 1);
    let p01_answer = first
        .answers
        .iter()
        .find(|a| a.unit_code == "HCM.GV.P01")
        .unwrap();
    assert_eq!(p01_answer.note, "Đã ban hành kế hoạch.");
    let p07_answer = first
        .answers
        .iter()
        .find(|a| a.unit_code == "HCM.GV.P07")
        .unwrap();
    assert_eq!(p07_answer.status, None);
    // Tasks of named agencies only are counted for those agencies.
    let named = view.tasks.iter().find(|t| t.answers.len() == 1).unwrap();
    assert!(named.answers[0].unit_code.starts_with("HCM.GV."));

    let ward = Device::login(&app.base, "govap.p01").await;
    let status = ward
        .client
        .get(format!(
            "{}/api/v1/task-progress/{PLAN}/{PERIOD}?unit=HCM.GV",
            ward.base
        ))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 403);
}

async fn timeliness_lists_every_period_of_every_unit(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut p01 = Device::login(&app.base, "govap.p01").await;
    let reviewer = Device::login(&app.base, "govap.pnv").await;
    submit(&mut p01, "HCM.GV.P01").await;

    let grid: TimelinessView = reviewer.get("/timeliness").await;
    assert_eq!(grid.unit.code, "HCM.GV");
    let due: Vec<_> = grid.columns.iter().map(|c| c.period.due_before).collect();
    assert!(
        due.windows(2).all(|w| w[0] <= w[1]),
        "oldest deadline first"
    );
    let first = grid
        .columns
        .iter()
        .position(|c| c.plan_id == PLAN && c.period.code == PERIOD)
        .unwrap();
    assert_eq!(
        grid.rows.len(),
        21,
        "the district's own report is the city's to track"
    );
    let row = |code: &str| grid.rows.iter().find(|r| r.unit_code == code).unwrap();
    assert_eq!(
        row("HCM.GV.P01").cells[first],
        Some(Standing::Submitted { on_time: false })
    );
    assert_eq!(row("HCM.GV.P03").cells[first], Some(Standing::Missing));
    assert!(grid
        .rows
        .iter()
        .all(|r| r.cells.len() == grid.columns.len()));

    // The city's grid: 172 units and the two former districts, 100 a page.
    let admin = Device::login(&app.base, "admin").await;
    let city: TimelinessView = admin.get("/timeliness").await;
    // 168 communes and 3 agencies; Gò Vấp, its 5 agencies and the 4 wards without a
    // recorded successor; the 12 merged wards only under their successors.
    assert_eq!((city.page, city.pages, city.units), (1, 2, 181));
    let second: TimelinessView = admin.get("/timeliness?page=2").await;
    assert_eq!(second.page, 2);
    let found: TimelinessView = admin.get("/timeliness?q=quan%20go%20vap").await;
    let names: Vec<&str> = found.rows.iter().map(|r| r.unit_name.as_str()).collect();
    assert!(
        names.contains(&"Quận Gò Vấp"),
        "typed without diacritics: {names:?}"
    );
    assert!(names.contains(&"Thanh tra quận Gò Vấp"), "{names:?}");
    // New wards match through their former wards' names ("Phường 1, Quận Gò Vấp").
    assert!(names.contains(&"Phường Hạnh Thông"), "{names:?}");
    assert!(!names.contains(&"Phường Bến Thành"), "{names:?}");

    // A merged ward once, with its former wards' rows under it.
    let merged: TimelinessView = admin.get("/timeliness?q=hanh%20thong").await;
    let rows: Vec<(&str, Option<&str>)> = merged
        .rows
        .iter()
        .map(|r| {
            (
                r.unit_code.as_str(),
                r.former.as_ref().map(|f| f.name.as_str()),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("26890", None),
            ("HCM.GV.P01", Some("Phường 1, Quận Gò Vấp")),
            ("HCM.GV.P03", Some("Phường 3, Quận Gò Vấp"))
        ]
    );
    assert_eq!(
        merged.rows[1].cells[first],
        Some(Standing::Submitted { on_time: false })
    );
    let p01: Vec<_> = city
        .rows
        .iter()
        .chain(&second.rows)
        .filter(|r| r.unit_code == "HCM.GV.P01")
        .collect();
    assert_eq!(p01.len(), 1, "not also on its own");
    assert!(p01[0].former.is_some());
}
