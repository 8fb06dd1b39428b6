//! Reminders (đôn đốc) and the notices a ward's staff see, against the real app on SQLite
//! and PostgreSQL.

use crate::common::sync::{key, Device};
use crate::common::{Backend, TestApp};
use app::api::{NewPlan, NoticeKind, NoticesView, PlanForm, ProgressView, Reminded, SectionForm};
use app::domain::plan::{Period, PeriodKind, Signer};
use app::format::ict;
use app::sync::{Change, Outcome};
use serde_json::json;

on_both!(
    a_reviewer_reminds_every_unit_that_owes_the_report_once_a_day,
    chosen_units_only_and_never_one_that_reported,
    a_ward_reads_returns_acceptances_and_reminders_and_marks_them_read,
    only_reviewers_remind_and_only_within_their_subtree,
    the_calendar_tells_a_ward_what_is_due_soon_overdue_and_new,
);

const PLAN: &str = "847-KH-UBND-2023";
const PERIOD: &str = "2023-6T";
const TEXT: &str = "Đề nghị đơn vị khẩn trương nộp báo cáo.";

async fn remind(d: &Device, body: serde_json::Value) -> reqwest::Response {
    d.client
        .post(format!(
            "{}/api/v1/progress/{PLAN}/{PERIOD}/reminders",
            d.base
        ))
        .json(&body)
        .send()
        .await
        .expect("reminder request")
}

async fn notices(d: &Device) -> NoticesView {
    let resp = d
        .client
        .get(format!("{}/api/v1/notices", d.base))
        .send()
        .await
        .expect("notices request");
    assert_eq!(resp.status(), 200);
    resp.json().await.expect("notices")
}

async fn progress(d: &Device) -> ProgressView {
    d.client
        .get(format!("{}/api/v1/progress/{PLAN}/{PERIOD}", d.base))
        .send()
        .await
        .expect("progress request")
        .json()
        .await
        .expect("progress")
}

async fn review(d: &mut Device, unit: &str, change: Change) {
    let m = d.mutation(&key(PLAN, PERIOD, unit), change);
    assert_eq!(d.sync(&[m]).await.results[0].outcome, Outcome::Applied);
}

async fn a_reviewer_reminds_every_unit_that_owes_the_report_once_a_day(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut p01 = Device::login(&app.base, "govap.p01").await;
    p01.submit_with(&key(PLAN, PERIOD, "HCM.GV.P01"), &[]).await;
    let reviewer = Device::login(&app.base, "govap.pnv").await;

    let first: Reminded = remind(&reviewer, json!({ "text": TEXT }))
        .await
        .json()
        .await
        .unwrap();
    // Every ward of the district but the one that reported (the district's own report is
    // the reviewer's unit: not reminded by itself).
    assert_eq!(first.reminded.len(), 19, "{first:?}");
    assert!(first.reminded.contains(&"HCM.GV.P07".to_string()));
    assert!(!first.reminded.contains(&"HCM.GV.P01".to_string()));
    assert!(!first.reminded.contains(&"HCM.GV".to_string()));
    assert!(first.already_today.is_empty());

    // Clicked again the same day: nobody is reminded twice.
    let again: Reminded = remind(&reviewer, json!({ "text": TEXT }))
        .await
        .json()
        .await
        .unwrap();
    assert!(again.reminded.is_empty());
    assert_eq!(again.already_today.len(), 19);

    // The progress page counts them: once, today.
    let view = progress(&reviewer).await;
    let p07 = view
        .outstanding
        .iter()
        .find(|o| o.unit_code == "HCM.GV.P07")
        .unwrap();
    let tally = p07.reminders.as_ref().expect("reminded");
    assert_eq!(tally.count, 1);
    assert_eq!(
        tally.last,
        chrono::Utc::now().with_timezone(&ict()).date_naive()
    );

    // The ward finds it among its notices, addressed to it.
    let p07 = Device::login(&app.base, "govap.p07").await;
    let got = notices(&p07).await;
    assert_eq!(got.notices.len(), 1);
    let n = &got.notices[0];
    assert_eq!(n.kind, NoticeKind::Reminded);
    assert!(
        n.text.starts_with("Kính gửi: Ủy ban nhân dân phường 7.\n"),
        "{}",
        n.text
    );
    assert!(n.text.ends_with(TEXT));
    assert!(n.by.contains("Phòng Nội vụ quận Gò Vấp"), "{}", n.by);
    assert_eq!(n.report, "Báo cáo 6 tháng đầu năm 2023");
    assert!(!n.read);
}

async fn chosen_units_only_and_never_one_that_reported(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut p01 = Device::login(&app.base, "govap.p01").await;
    p01.submit_with(&key(PLAN, PERIOD, "HCM.GV.P01"), &[]).await;
    let reviewer = Device::login(&app.base, "govap.pnv").await;
    let done: Reminded = remind(
        &reviewer,
        json!({ "units": ["HCM.GV.P01", "HCM.GV.P07", "HCM.PN.P02"], "text": TEXT }),
    )
    .await
    .json()
    .await
    .unwrap();
    // Phường 1 reported; Phú Nhuận is another district's.
    assert_eq!(done.reminded, ["HCM.GV.P07"]);
    assert!(done.already_today.is_empty());
    let p01 = Device::login(&app.base, "govap.p01").await;
    assert!(notices(&p01).await.notices.is_empty());
    let view = progress(&reviewer).await;
    let reminded: Vec<&str> = view
        .outstanding
        .iter()
        .filter(|o| o.reminders.is_some())
        .map(|o| o.unit_code.as_str())
        .collect();
    assert_eq!(reminded, ["HCM.GV.P07"]);
}

async fn a_ward_reads_returns_acceptances_and_reminders_and_marks_them_read(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut p07 = Device::login(&app.base, "govap.p07").await;
    let mut p01 = Device::login(&app.base, "govap.p01").await;
    p07.submit_with(&key(PLAN, PERIOD, "HCM.GV.P07"), &[]).await;
    p01.submit_with(&key(PLAN, PERIOD, "HCM.GV.P01"), &[]).await;
    let mut reviewer = Device::login(&app.base, "govap.pnv").await;
    let comment = "Bổ sung số liệu tiếp công dân.".to_string();
    review(&mut reviewer, "HCM.GV.P07", Change::Return { comment }).await;
    review(&mut reviewer, "HCM.GV.P01", Change::Accept).await;
    remind(&reviewer, json!({ "units": ["HCM.GV.P07"], "text": TEXT })).await;

    // Newest first: the reminder, then the return with its comment.
    let got = notices(&p07).await;
    let kinds: Vec<NoticeKind> = got.notices.iter().map(|n| n.kind).collect();
    assert_eq!(kinds, [NoticeKind::Reminded, NoticeKind::Returned]);
    assert_eq!(got.notices[1].text, "Bổ sung số liệu tiếp công dân.");
    assert_eq!(got.unread(), 2);
    let accepted = notices(&p01).await;
    assert_eq!(accepted.notices.len(), 1);
    assert_eq!(accepted.notices[0].kind, NoticeKind::Accepted);

    // Read once, read for this user only; an unknown id changes nothing.
    let ids: Vec<String> = vec![got.notices[1].id.clone(), "no-such-notice".into()];
    let resp = p07
        .client
        .post(format!("{}/api/v1/notices/read", p07.base))
        .json(&json!({ "ids": ids }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    let after = notices(&p07).await;
    assert_eq!(after.unread(), 1);
    assert!(after.notices[1].read);
    assert!(!after.notices[0].read);
}

async fn only_reviewers_remind_and_only_within_their_subtree(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ward = Device::login(&app.base, "govap.p01").await;
    assert_eq!(remind(&ward, json!({ "text": TEXT })).await.status(), 403);
    let reviewer = Device::login(&app.base, "govap.pnv").await;
    assert_eq!(
        remind(&reviewer, json!({ "text": "  " })).await.status(),
        400
    );
    // A NUL character is refused on both databases alike (PostgreSQL stores none).
    assert_eq!(
        remind(&reviewer, json!({ "text": "a\u{0}b" }))
            .await
            .status(),
        400
    );
    let long = "x".repeat(4001);
    assert_eq!(
        remind(&reviewer, json!({ "text": long })).await.status(),
        400
    );
    let unknown = reviewer
        .client
        .post(format!(
            "{}/api/v1/progress/no-such-plan/{PERIOD}/reminders",
            reviewer.base
        ))
        .json(&json!({ "text": TEXT }))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    // Another district's units are not the reviewer's to remind.
    let done: Reminded = remind(&reviewer, json!({ "units": ["HCM.PN.P02"], "text": TEXT }))
        .await
        .json()
        .await
        .unwrap();
    assert!(done.reminded.is_empty() && done.already_today.is_empty());
}

async fn the_calendar_tells_a_ward_what_is_due_soon_overdue_and_new(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // A plan of the city issued today: one report due in 4 days, one 2 days overdue.
    let today = chrono::Utc::now().with_timezone(&ict()).date_naive();
    let period = |code: &str, days: i64| Period {
        code: code.into(),
        label: format!("Báo cáo chuyên đề {code}"),
        kind: PeriodKind::Nam,
        due_before: today + chrono::Duration::days(days),
        data_range: None,
        signed_copy_required: false,
        evaluation: None,
    };
    let plan = NewPlan {
        issuer: "HCM".into(),
        reports_to: "HCM.SNV".into(),
        template: "dan-van-chinh-quyen".into(),
        year: chrono::Datelike::year(&today),
        place: "Thành phố Hồ Chí Minh".into(),
        signer: Signer {
            capacity: "KT. CHỦ TỊCH".into(),
            title: "PHÓ CHỦ TỊCH".into(),
            name: "Nguyễn Văn A".into(),
        },
        form: PlanForm {
            number: "77/KH-UBND".into(),
            title: "Kiểm tra chuyên đề dân vận chính quyền".into(),
            issued_on: today,
            template_version: 1,
            periods: vec![period("CD1", 4), period("CD2", -2)],
            sections: vec![SectionForm {
                title: "Nhiệm vụ chung".into(),
                assignees: vec!["wards".into()],
                tasks: vec!["Báo cáo chuyên đề".into()],
            }],
            reminder_hour: None,
            upward: Default::default(),
        },
    };
    let admin = app.client_of("admin").await;
    let made = admin
        .post(app.url("/api/v1/admin/plans"))
        .json(&plan)
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 201);
    let plan_id = format!("77-KH-UBND-{}", chrono::Datelike::year(&today));

    let mut ward = Device::login(&app.base, "hanhthong.01").await;
    // The city's other plans may have notices of their own on the day the test runs.
    let of_plan = |view: NoticesView| -> Vec<(NoticeKind, String, bool)> {
        view.notices
            .into_iter()
            .filter(|n| n.plan_id == plan_id)
            .map(|n| (n.kind, n.period_code, n.read))
            .collect()
    };
    let got = notices(&ward).await;
    let new = got
        .notices
        .iter()
        .find(|n| n.kind == NoticeKind::NewPlan)
        .expect("the new plan");
    assert_eq!(
        new.report,
        "77/KH-UBND – Kiểm tra chuyên đề dân vận chính quyền"
    );
    let due_soon = got
        .notices
        .iter()
        .find(|n| n.kind == NoticeKind::DueSoon && n.plan_id == plan_id)
        .expect("due soon");
    assert_eq!(due_soon.due_before, Some(today + chrono::Duration::days(4)));
    // Newest first: the new plan (today), then the overdue report (since 2 days), then the
    // one due soon (since 3 days, a week before its deadline).
    assert_eq!(
        of_plan(got.clone()),
        [
            (NoticeKind::NewPlan, "CD1".to_string(), false),
            (NoticeKind::Overdue, "CD2".to_string(), false),
            (NoticeKind::DueSoon, "CD1".to_string(), false),
        ]
    );

    // Submitted, the report is no longer due; read, the plan's notice stays read.
    ward.submit_with(&key(&plan_id, "CD1", "26890"), &[]).await;
    let resp = ward
        .client
        .post(format!("{}/api/v1/notices/read", ward.base))
        .json(&json!({ "ids": [new.id] }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    assert_eq!(
        of_plan(notices(&ward).await),
        [
            (NoticeKind::NewPlan, "CD1".to_string(), true),
            (NoticeKind::Overdue, "CD2".to_string(), false),
        ]
    );
    // Another ward's staff read their own unit's notices, none of them read.
    let other = Device::login(&app.base, "thongtayhoi.01").await;
    assert_eq!(of_plan(notices(&other).await).len(), 3);
}
