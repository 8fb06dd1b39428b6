//! Automatic reminders, sent at chosen times against the real app's database on SQLite and
//! PostgreSQL: the rules' days and hour, only units that owe the report, and each reminder
//! once across a restart and across two servers sending at the same moment.

use crate::common::sync::{key, Device};
use crate::common::{Backend, TestApp};
use app::api::{NoticeKind, NoticesView, ProgressView};
use app::format::ict;
use app::sync::{Change, Outcome};
use chrono::{DateTime, Datelike, TimeZone, Utc};
use server::auto_reminders::send_due;
use server::catalog::Cache;
use std::collections::BTreeSet;

on_both!(
    reminders_go_out_on_the_rules_days_to_units_that_owe_the_report,
    each_reminder_goes_out_once_across_restarts_and_servers,
);

/// Plan 847 of Gò Vấp: the six-month report is due before 05/05/2023. The plan names no
/// hour: reminders go out at 08:00.
const PLAN: &str = "847-KH-UBND-2023";
const PERIOD: &str = "2023-6T";

/// A moment in Vietnam's time.
fn in_vietnam(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    ict()
        .with_ymd_and_hms(year, month, day, hour, minute, 0)
        .single()
        .expect("a time")
        .with_timezone(&Utc)
}

fn at(month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    in_vietnam(2023, month, day, hour, minute)
}

async fn send(db: &server::db::Db, now: DateTime<Utc>) -> usize {
    // A fresh cache each time, as a server just started would have.
    let catalog = Cache::default().get(db).await.expect("catalog");
    send_due(db, &catalog, now).await.expect("reminders sent")
}

async fn notices(d: &Device) -> NoticesView {
    d.client
        .get(format!("{}/api/v1/notices", d.base))
        .send()
        .await
        .expect("notices request")
        .json()
        .await
        .expect("notices")
}

/// The units the district's reviewer sees as owing the period's report, but the reviewer's
/// own (Phòng Nội vụ, which receives the reports and owes its own upward).
async fn owing(reviewer: &Device) -> BTreeSet<String> {
    let view: ProgressView = reviewer
        .client
        .get(format!("{}/api/v1/progress/{PLAN}/{PERIOD}", reviewer.base))
        .send()
        .await
        .expect("progress request")
        .json()
        .await
        .expect("progress");
    let units: BTreeSet<String> = view.outstanding.into_iter().map(|o| o.unit_code).collect();
    assert!(units.contains(REVIEWER_UNIT));
    units.into_iter().filter(|u| u != REVIEWER_UNIT).collect()
}

const REVIEWER_UNIT: &str = "HCM.GV.PNV";

async fn reminded_on(db: &server::db::Db, rule: &str) -> BTreeSet<String> {
    sqlx::query_scalar::<_, String>(
        "SELECT unit_code FROM reminders WHERE plan_id = $1 AND period_code = $2 AND rule = $3",
    )
    .bind(PLAN)
    .bind(PERIOD)
    .bind(rule)
    .fetch_all(db)
    .await
    .expect("reminders")
    .into_iter()
    .collect()
}

async fn reminders_go_out_on_the_rules_days_to_units_that_owe_the_report(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut p01 = Device::login(&app.base, "govap.p01").await;
    p01.submit_with(&key(PLAN, PERIOD, "HCM.GV.P01"), &[]).await;
    let mut reviewer = Device::login(&app.base, "govap.pnv").await;

    // A week before the deadline, from the plan's hour: the units that owe the report.
    assert_eq!(send(&app.db, at(4, 28, 7, 59)).await, 0);
    let week_before = send(&app.db, at(4, 28, 8, 0)).await;
    let owed = owing(&reviewer).await;
    assert_eq!(week_before, owed.len());
    assert_eq!(reminded_on(&app.db, "before-7").await, owed);
    assert!(!owed.contains("HCM.GV.P01") && owed.contains("HCM.GV.P07"));
    // The district owes its own report upward: not reminded.
    assert!(!owed.contains("HCM.GV"));

    // Phường 7's copy: addressed to it, a week ahead.
    let text = letter(&app.db, "HCM.GV.P07", "before-7").await;
    assert!(
        text.starts_with("Kính gửi: Ủy ban nhân dân phường 7.\nTheo Kế hoạch số 847/KH-UBND, “Báo cáo 6 tháng đầu năm 2023” của đơn vị gửi Phòng Nội vụ quận Gò Vấp trước ngày 05/05/2023 (còn 7 ngày)."),
        "{text}"
    );

    // The last day: Phường 7 submits after its reminder; Phường 1 is returned.
    assert_eq!(send(&app.db, at(5, 4, 8, 0)).await, owed.len());
    let text = letter(&app.db, "HCM.GV.P07", "before-1").await;
    assert!(text.contains("(hôm nay là ngày cuối)"), "{text}");
    let mut p07 = Device::login(&app.base, "govap.p07").await;
    p07.submit_with(&key(PLAN, PERIOD, "HCM.GV.P07"), &[]).await;
    let m = reviewer.mutation(
        &key(PLAN, PERIOD, "HCM.GV.P01"),
        Change::Return {
            comment: "Bổ sung số liệu.".into(),
        },
    );
    assert_eq!(
        reviewer.sync(&[m]).await.results[0].outcome,
        Outcome::Applied
    );

    // Before the hour of the first day late, nothing; from it, the units still owing.
    assert_eq!(send(&app.db, at(5, 5, 7, 59)).await, 0);
    let late = owing(&reviewer).await;
    assert!(late.contains("HCM.GV.P01") && !late.contains("HCM.GV.P07"));
    assert_eq!(send(&app.db, at(5, 5, 8, 0)).await, late.len());
    assert_eq!(reminded_on(&app.db, "after-1").await, late);
    let text = letter(&app.db, "HCM.GV.P01", "after-1").await;
    assert!(
        text.contains("đã trả lại “Báo cáo 6 tháng đầu năm 2023” (Kế hoạch số 847/KH-UBND)")
            && text.contains("đã quá hạn 1 ngày"),
        "{text}"
    );

    // A week after the day-after reminder, nothing more goes out.
    assert_eq!(send(&app.db, at(5, 12, 8, 0)).await, 0);
}

async fn each_reminder_goes_out_once_across_restarts_and_servers(backend: Backend) {
    // The city's plan of next year (the demo rolls it forward): the six-month report is due
    // before 20/06, the first day late is that day. Its reminders are recent enough to be
    // among a commune's notices.
    let year = Utc::now().year() + 1;
    let (plan, period) = (format!("95-KH-UBND-{year}"), format!("{year}-6T"));
    let late = |hour, minute| in_vietnam(year, 6, 20, hour, minute);
    let app = TestApp::spawn(backend).await;
    let reviewer = Device::login(&app.base, "hcm.snv").await;
    let view: ProgressView = reviewer
        .client
        .get(format!("{}/api/v1/progress/{plan}/{period}", reviewer.base))
        .send()
        .await
        .expect("progress request")
        .json()
        .await
        .expect("progress");
    // Every commune and agency of the city but Sở Nội vụ, which receives the reports.
    let owed = view.outstanding.len() - 1;
    assert!(owed > 100, "{owed}");

    // Two servers on one database look at the rules at the same moment: each reminder is
    // written by one of them.
    let other = server::store::open(app.db_url())
        .await
        .expect("second pool");
    let (a, b) = tokio::join!(send(&app.db, late(8, 0)), send(&other, late(8, 0)));
    assert_eq!(a + b, owed, "{a} + {b}");

    // Looking again a minute later, or restarted later that week: nothing twice.
    assert_eq!(send(&other, late(8, 1)).await, 0);
    assert_eq!(
        send(&app.db, late(8, 0) + chrono::Duration::days(3)).await,
        0
    );
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reminders")
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(count, i64::try_from(owed).expect("a count"));

    // Phường Hạnh Thông reads it among its notices, once, as sent automatically in the
    // name of Sở Nội vụ.
    let ward = Device::login(&app.base, "hanhthong.01").await;
    let got = notices(&ward).await;
    assert_eq!(got.notices.len(), 1);
    let n = &got.notices[0];
    assert_eq!(
        (n.kind, n.by.as_str(), n.read),
        (NoticeKind::Reminded, "", false)
    );
    assert!(
        n.text.starts_with("Kính gửi: Ủy ban nhân dân phường Hạnh Thông.\nĐến nay, Sở Nội vụ Thành phố Hồ Chí Minh chưa nhận được"),
        "{}",
        n.text
    );
    assert!(n.text.contains("đã quá hạn 1 ngày"), "{}", n.text);
}

/// The copy of a reminder that a unit got by `rule`.
async fn letter(db: &server::db::Db, unit: &str, rule: &str) -> String {
    sqlx::query_scalar(
        "SELECT body FROM reminders
         WHERE plan_id = $1 AND period_code = $2 AND unit_code = $3 AND rule = $4",
    )
    .bind(PLAN)
    .bind(PERIOD)
    .bind(unit)
    .bind(rule)
    .fetch_one(db)
    .await
    .expect("a reminder")
}
