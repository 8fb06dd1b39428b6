//! The sync protocol against the real app, on SQLite and PostgreSQL.

use crate::common::sync::{key, Device};
use crate::common::{Backend, TestApp};
use app::api::HistoryPage;
use app::domain::attachment::{Attachment, AttachmentKind, FileHash, FileType};
use app::domain::status::ReportStatus;
use app::domain::task::{TaskProgress, TaskStatus};
use app::domain::value::Value;
use app::sync::refusal::RefusalCode;
use app::sync::{Change, Mutation, Outcome, ReportKey, ReportState, Slot, SyncResponse, PULL_PAGE};
use chrono::Datelike;

on_both!(
    edits_apply_once_and_come_back_in_pulls,
    different_fields_from_two_devices_both_survive,
    the_same_field_from_one_base_keeps_a_conflict_until_resolved,
    bad_mutations_are_refused_alone,
    malformed_and_oversized_bodies_are_refused_clearly,
    the_workflow_submits_returns_accepts_and_locks,
    tasks_are_synced_like_fields,
    two_servers_on_one_database_keep_the_guarantees,
    a_long_pull_comes_in_pages_without_loss,
    a_reviewer_pulls_what_it_follows,
    concurrent_pushes_to_one_report_lose_nothing,
    a_push_refused_whole_leaves_no_report_behind,
    the_store_syncs_every_commit,
    a_push_answers_what_the_store_holds,
    what_a_refusal_records_stays_bounded,
    a_base_cannot_cancel_another_report_s_edit,
    a_unit_out_of_reach_answers_forbidden_whether_or_not_its_report_exists,
    a_file_is_attached_once_stored_and_locked_with_the_report,
);

fn count(n: u64) -> Option<Value> {
    Some(Value::Count(n))
}

fn text(s: &str) -> Option<Value> {
    Some(Value::Text(s.into()))
}

fn p01_2023() -> ReportKey {
    key("847-KH-UBND-2023", "2023-6T", "HCM.GV.P01")
}

/// Phường Hạnh Thông's report of next year's city plan: its deadline is ahead.
fn ward_next_year() -> ReportKey {
    let y = chrono::Utc::now().year() + 1;
    key(&format!("95-KH-UBND-{y}"), &format!("{y}-6T"), "26890")
}

fn report<'a>(resp: &'a SyncResponse, k: &ReportKey) -> &'a ReportState {
    resp.reports
        .iter()
        .find(|r| &r.report == k)
        .unwrap_or_else(|| panic!("{} not in the pull", k.id()))
}

fn outcomes(resp: &SyncResponse) -> Vec<Outcome> {
    resp.results.iter().map(|r| r.outcome).collect()
}

async fn edits_apply_once_and_come_back_in_pulls(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut d = Device::login(&app.base, "govap.p01").await;
    let k = p01_2023();
    let a = d.set(&k, "tcd_luot", count(5), &[]);
    let b = d.set(&k, "tinh_hinh", text("Tình hình ổn định."), &[]);
    let resp = d.sync(&[a.clone(), b.clone()]).await;
    assert_eq!(outcomes(&resp), vec![Outcome::Applied, Outcome::Applied]);
    let state = report(&resp, &k);
    assert_eq!(state.values().get("tcd_luot"), count(5).as_ref());
    assert!(resp.cursor > 0);

    // A retry after a lost response, and a second tab, change nothing.
    let again = d.sync(&[a.clone(), b.clone(), a.clone()]).await;
    assert_eq!(outcomes(&again), vec![Outcome::AlreadyApplied; 3]);
    assert!(again.reports.is_empty(), "nothing changed since the cursor");

    let c = d.set(&k, "tcd_luot", count(7), std::slice::from_ref(&a.id));
    let resp = d.sync(&[c]).await;
    assert_eq!(outcomes(&resp), vec![Outcome::Applied]);
    assert_eq!(
        report(&resp, &k).values().get("tcd_luot"),
        count(7).as_ref()
    );

    app.login("govap.p01").await;
    let path = "/api/v1/reports/847-KH-UBND-2023/2023-6T/HCM.GV.P01/history";
    let page: HistoryPage = app.get(path).await.json().await.unwrap();
    assert_eq!(page.more_before, None);
    let history = page.entries;
    assert_eq!(history.len(), 3);
    // A page at a time, newest first, none skipped or repeated.
    let first: HistoryPage = app
        .get(&format!("{path}?limit=2"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first.entries, history[..2]);
    let before = first.more_before.expect("an older page");
    let rest: HistoryPage = app
        .get(&format!("{path}?limit=2&before={before}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rest.entries, history[2..]);
    assert_eq!(rest.more_before, None);
    assert_eq!(app.get(&format!("{path}?limit=501")).await.status(), 400);
    let newest = &history[0];
    assert_eq!(newest.slot, Some(Slot::from("tcd_luot")));
    assert_eq!(newest.old_value, count(5));
    assert_eq!(newest.new_value, count(7));
    assert_eq!(newest.user, "govap.p01");
    assert_eq!(newest.display_name, "Cán bộ Phường 1 (Gò Vấp)");
    assert_eq!(newest.device_id, d.device_id);
}

async fn different_fields_from_two_devices_both_survive(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut one = Device::login(&app.base, "govap.p01").await;
    let mut two = Device::login(&app.base, "govap.p01b").await;
    let k = p01_2023();
    let a = one.set(&k, "uu_diem", text("Ưu điểm A"), &[]);
    let b = two.set(&k, "han_che", text("Hạn chế B"), &[]);
    assert_eq!(outcomes(&one.sync(&[a]).await), vec![Outcome::Applied]);
    let resp = two.sync(&[b]).await;
    assert_eq!(outcomes(&resp), vec![Outcome::Applied]);
    let values = report(&resp, &k).values();
    assert_eq!(values.get("uu_diem"), text("Ưu điểm A").as_ref());
    assert_eq!(values.get("han_che"), text("Hạn chế B").as_ref());
    let slots = &report(&resp, &k).slots;
    assert!(slots.values().all(|s| s.conflicts.is_empty()));
}

async fn the_same_field_from_one_base_keeps_a_conflict_until_resolved(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut one = Device::login(&app.base, "govap.p01").await;
    let mut two = Device::login(&app.base, "govap.p01b").await;
    let k = p01_2023();
    let base = one.set(&k, "tcd_luot", count(10), &[]);
    one.sync(std::slice::from_ref(&base)).await;
    two.sync(&[]).await;
    let first = one.set(&k, "tcd_luot", count(11), std::slice::from_ref(&base.id));
    let second = two.set(&k, "tcd_luot", count(12), std::slice::from_ref(&base.id));
    assert_eq!(
        outcomes(&one.sync(std::slice::from_ref(&first)).await),
        vec![Outcome::Applied]
    );
    let resp = two.sync(std::slice::from_ref(&second)).await;
    assert_eq!(outcomes(&resp), vec![Outcome::Conflict]);
    let message = resp.results[0].message.clone().unwrap_or_default();
    assert!(message.contains("Số lượt tiếp công dân"), "{message}");
    let slot = &report(&resp, &k).slots["tcd_luot"];
    assert_eq!(
        slot.current.as_ref().map(|c| c.value.clone()),
        Some(count(11))
    );
    assert_eq!(slot.conflicts.len(), 1);
    assert_eq!(slot.conflicts[0].value, count(12));
    assert_eq!(slot.conflicts[0].by, "govap.p01b");

    // The first device sees the conflict too, and resolves it.
    let resp = one.sync(&[]).await;
    let slot = report(&resp, &k).slots["tcd_luot"].clone();
    assert_eq!(slot.conflicts.len(), 1);
    let resolve = one.mutation(
        &k,
        Change::Resolve {
            slot: "tcd_luot".into(),
            value: count(12),
            base: slot.resolve_base(),
        },
    );
    let resp = one.sync(&[resolve]).await;
    assert_eq!(outcomes(&resp), vec![Outcome::Applied]);
    let slot = &report(&resp, &k).slots["tcd_luot"];
    assert_eq!(
        slot.current.as_ref().map(|c| c.value.clone()),
        Some(count(12))
    );
    assert!(slot.conflicts.is_empty());
}

async fn bad_mutations_are_refused_alone(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut d = Device::login(&app.base, "govap.p01").await;
    let k = p01_2023();
    let mut wrong_user = d.set(&k, "tcd_luot", count(1), &[]);
    wrong_user.user = "govap.p01b".into();
    let mut long_device = d.set(&k, "tcd_luot", count(1), &[]);
    long_device.device_id = "d".repeat(101);
    let long_key = key("847-KH-UBND-2023", "2023-6T", &"P".repeat(65));
    let batch = vec![
        long_device,
        d.set(&long_key, "tcd_luot", count(1), &[]),
        d.set(&k, "khong_co", count(1), &[]),
        d.set(&k, "tcd_luot", text("mười"), &[]),
        d.set(&k, "tinh_hinh", text(&"a".repeat(100 * 1024 + 1)), &[]),
        d.set(&k, "ty_le_giai_quyet_don", count(1), &[]),
        d.set(
            &key("847-KH-UBND-2023", "2023-6T", "HCM.GV.P07"),
            "tcd_luot",
            count(1),
            &[],
        ),
        d.set(
            &key("847-KH-UBND-2023", "2099-6T", "HCM.GV.P01"),
            "tcd_luot",
            count(1),
            &[],
        ),
        wrong_user,
        d.mutation(&k, Change::Accept),
        d.set(&k, "tcd_luot", count(3), &[]),
    ];
    let resp = d.sync(&batch).await;
    let codes: Vec<&str> = resp
        .results
        .iter()
        .map(|r| r.code.map(RefusalCode::as_str).unwrap_or(""))
        .collect();
    assert_eq!(
        codes,
        vec![
            "bad_device",
            "bad_report",
            "unknown_field",
            "invalid_value",
            "invalid_value",
            "derived_field",
            "forbidden",
            "unknown_report",
            "wrong_user",
            "forbidden",
            ""
        ]
    );
    assert_eq!(resp.results[10].outcome, Outcome::Applied);
    assert!(resp.results[3]
        .message
        .as_deref()
        .is_some_and(|m| m.starts_with("Số lượt tiếp công dân:")));
    assert!(resp.results[4]
        .message
        .as_deref()
        .is_some_and(|m| m.starts_with("Đặc điểm tình hình")));
    assert_eq!(
        report(&resp, &k).values().get("tcd_luot"),
        count(3).as_ref()
    );
    // A refusal is final for its id: resending gives the same answer.
    let again = d.sync(&batch[2..3]).await;
    assert_eq!(again.results[0].outcome, Outcome::Rejected);
    assert_eq!(
        again.results[0].code.map(RefusalCode::as_str),
        Some("unknown_field")
    );
    // Recorded under the account that sent it, not the one it claimed.
    let recorded: String = sqlx::query_scalar("SELECT username FROM mutations WHERE id = $1")
        .bind(&batch[8].id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(recorded, "govap.p01");
}

async fn malformed_and_oversized_bodies_are_refused_clearly(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.login("govap.p01").await;
    let resp = app
        .client
        .post(app.url("/api/v1/sync"))
        .header("content-type", "application/json")
        .body("{\"cursor\": 0, \"mutations\": [")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let err: app::api::ApiError = resp.json().await.unwrap();
    assert_eq!(err.code.as_str(), "bad_request");
    assert!(
        err.message.starts_with("Dữ liệu JSON không hợp lệ"),
        "{}",
        err.message
    );

    let big = format!(
        "{{\"cursor\":0,\"mutations\":[],\"pad\":\"{}\"}}",
        "x".repeat(2 * 1024 * 1024)
    );
    let resp = app
        .client
        .post(app.url("/api/v1/sync"))
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 413);
    let err: app::api::ApiError = resp.json().await.unwrap();
    assert_eq!(err.code.as_str(), "payload_too_large");
}

async fn the_workflow_submits_returns_accepts_and_locks(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut ward = Device::login(&app.base, "hanhthong.01").await;
    let mut reviewer = Device::login(&app.base, "hcm.snv").await;
    let mut other_ward = Device::login(&app.base, "govap.p07").await;
    let k = ward_next_year();

    let early = ward.mutation(&k, Change::Submit);
    let resp = ward.sync(&[early]).await;
    assert_eq!(
        resp.results[0].code.map(RefusalCode::as_str),
        Some("incomplete")
    );
    let message = resp.results[0].message.clone().unwrap_or_default();
    assert!(
        message.contains("Công tác lãnh đạo, chỉ đạo, ban hành văn bản triển khai: chưa nhập"),
        "{message}"
    );

    let fill = ward.fill_required(&k).await;
    let mut submit = ward.mutation(&k, Change::Submit);
    submit.device_time = chrono::Utc::now() - chrono::Duration::hours(3);
    let mut batch = fill;
    batch.push(submit.clone());
    let resp = ward.sync(&batch).await;
    assert!(
        outcomes(&resp).iter().all(|o| *o == Outcome::Applied),
        "{:?}",
        resp.results
    );
    let state = report(&resp, &k);
    assert_eq!(state.status, ReportStatus::DaNop);
    assert_eq!(state.on_time, Some(true));
    let kept = state.device_submitted_at.map(|t| t.timestamp_millis());
    assert_eq!(kept, Some(submit.device_time.timestamp_millis()));
    assert!(state.submitted_at.is_some());

    let late_edit = ward.set(&k, "tcd_luot", count(9), &[]);
    assert_eq!(
        ward.sync(&[late_edit]).await.results[0]
            .code
            .map(RefusalCode::as_str),
        Some("locked")
    );
    let not_yours = other_ward.mutation(&k, Change::Accept);
    assert_eq!(
        other_ward.sync(&[not_yours]).await.results[0]
            .code
            .map(RefusalCode::as_str),
        Some("forbidden")
    );
    let no_reason = reviewer.mutation(
        &k,
        Change::Return {
            comment: " ".into(),
        },
    );
    assert_eq!(
        reviewer.sync(&[no_reason]).await.results[0]
            .code
            .map(RefusalCode::as_str),
        Some("comment_required")
    );
    let reviewer_edit = reviewer.set(&k, "tcd_luot", count(1), &[]);
    assert_eq!(
        reviewer.sync(&[reviewer_edit]).await.results[0]
            .code
            .map(RefusalCode::as_str),
        Some("forbidden")
    );

    let ret = reviewer.mutation(
        &k,
        Change::Return {
            comment: "Bổ sung số liệu tiếp công dân.".into(),
        },
    );
    assert_eq!(
        outcomes(&reviewer.sync(&[ret]).await),
        vec![Outcome::Applied]
    );
    let resp = ward.sync(&[]).await;
    let state = report(&resp, &k);
    assert_eq!(state.status, ReportStatus::BiTraLai);
    assert_eq!(
        state.return_comment.as_deref(),
        Some("Bổ sung số liệu tiếp công dân.")
    );

    let fix = ward.set(&k, "tcd_luot", count(9), &[]);
    let resubmit = ward.mutation(&k, Change::Submit);
    let resp = ward.sync(&[fix, resubmit]).await;
    assert_eq!(outcomes(&resp), vec![Outcome::Conflict, Outcome::Applied]);
    assert_eq!(report(&resp, &k).status, ReportStatus::DaNopLai);

    let accept = reviewer.mutation(&k, Change::Accept);
    assert_eq!(
        outcomes(&reviewer.sync(&[accept]).await),
        vec![Outcome::Applied]
    );
    let after = ward.set(&k, "tcd_luot", count(10), &[]);
    let resp = ward.sync(&[after]).await;
    assert_eq!(
        resp.results[0].code.map(RefusalCode::as_str),
        Some("locked")
    );
    assert!(resp.results[0]
        .message
        .as_deref()
        .unwrap_or("")
        .contains("Đã tiếp nhận"));
    assert_eq!(report(&resp, &k).status, ReportStatus::DaTiepNhan);
}

async fn tasks_are_synced_like_fields(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut d = Device::login(&app.base, "govap.p01").await;
    let k = p01_2023();
    let progress = TaskProgress {
        status: TaskStatus::HoanThanh,
        note: "Đã tổ chức 2 hội nghị.".into(),
    };
    let set = d.mutation(
        &k,
        Change::SetTask {
            task: "2.1".into(),
            progress: progress.clone(),
            base: vec![],
        },
    );
    let unknown = d.mutation(
        &k,
        Change::SetTask {
            task: "9.9".into(),
            progress,
            base: vec![],
        },
    );
    let resp = d.sync(&[set, unknown]).await;
    assert_eq!(resp.results[0].outcome, Outcome::Applied);
    assert_eq!(
        resp.results[1].code.map(RefusalCode::as_str),
        Some("unknown_task")
    );
    let slot = &report(&resp, &k).slots["task:2.1"];
    assert!(matches!(
        slot.current.as_ref().and_then(|c| c.value.clone()),
        Some(Value::Task(TaskProgress {
            status: TaskStatus::HoanThanh,
            ..
        }))
    ));
}

async fn two_servers_on_one_database_keep_the_guarantees(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let second = app.second_server().await;
    let k = p01_2023();
    let mut one = Device::login(&app.base, "govap.p01").await;
    let mut two = Device::login(&second, "govap.p01b").await;
    // The same mutations pushed through both servers at once: each applies exactly once.
    let batch: Vec<Mutation> = (0..40)
        .map(|i| {
            one.set(
                &k,
                ["tcd_luot", "don_tiep_nhan"][i % 2],
                count(i as u64),
                &[],
            )
        })
        .collect();
    let (a, b) = tokio::join!(one.sync(&batch), same_user_on(&second, &batch));
    let applied = |r: &SyncResponse| {
        r.results
            .iter()
            .filter(|r| r.outcome != Outcome::AlreadyApplied)
            .count()
    };
    assert_eq!(
        applied(&a) + applied(&b),
        batch.len(),
        "every mutation applied exactly once"
    );
    // The other user's cursor sees everything through the second server.
    let resp = two.sync(&[]).await;
    let slots = &report(&resp, &k).slots;
    let versions =
        slots["tcd_luot"].conflicts.len() + 1 + slots["don_tiep_nhan"].conflicts.len() + 1;
    assert_eq!(
        versions, 40,
        "no base: every write is current or a conflict"
    );
    let history: HistoryPage = two
        .client
        .get(format!(
            "{second}/api/v1/reports/847-KH-UBND-2023/2023-6T/HCM.GV.P01/history"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(history.entries.len(), 40, "recorded once each");
}

/// The same user's second session, on the second server.
async fn same_user_on(second: &str, batch: &[Mutation]) -> SyncResponse {
    let mut d = Device::login(second, "govap.p01").await;
    d.sync(batch).await
}

/// A ward's first pull of many reports comes a page at a time: every report once, in
/// change order, then the next change alone.
async fn a_long_pull_comes_in_pages_without_loss(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // 450 periods of one ward: more than two pages. Change numbers above the clock's.
    let mut seq = 1_000;
    for period in 1..=450 {
        seq += 1;
        sqlx::query(
            "INSERT INTO reports (id, plan_id, period_code, unit_code, status, updated_at, seq)
             VALUES ($1, '847-KH-UBND-2023', $2, 'HCM.GV.P01', 'nhap', 0, $3)",
        )
        .bind(format!("847-KH-UBND-2023/P{period:03}/HCM.GV.P01"))
        .bind(format!("P{period:03}"))
        .bind(seq)
        .execute(&app.db)
        .await
        .unwrap();
    }
    sqlx::query("UPDATE sync_clock SET seq = $1")
        .bind(seq)
        .execute(&app.db)
        .await
        .unwrap();
    let expected: Vec<String> =
        sqlx::query_scalar("SELECT id FROM reports WHERE unit_code = 'HCM.GV.P01' ORDER BY seq")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert!(expected.len() > 2 * PULL_PAGE);

    let mut ward = Device::login(&app.base, "govap.p01").await;
    let mut pulled = Vec::new();
    let mut pages = 0;
    loop {
        let resp = ward.sync(&[]).await;
        pages += 1;
        assert!(resp.reports.len() <= PULL_PAGE);
        pulled.extend(resp.reports.iter().map(|r| r.report.id()));
        if !resp.more {
            break;
        }
    }
    assert_eq!(pages, expected.len().div_ceil(PULL_PAGE));
    assert_eq!(pulled, expected, "every report once, in change order");

    let mut second = Device::login(&app.base, "govap.p01b").await;
    second.cursor = ward.cursor;
    let k = p01_2023();
    let edit = second.set(&k, "tcd_luot", count(7), &[]);
    assert_eq!(outcomes(&second.sync(&[edit]).await), [Outcome::Applied]);
    let next = ward.sync(&[]).await;
    assert!(!next.more);
    let ids: Vec<String> = next.reports.iter().map(|r| r.report.id()).collect();
    assert_eq!(ids, [k.id()]);
}

/// A reviewer's device carries the reports it follows and its own units', not its whole
/// subtree: other changes only say that pages should read again.
async fn a_reviewer_pulls_what_it_follows(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut ward = Device::login(&app.base, "govap.p01").await;
    let mut other = Device::login(&app.base, "govap.p07").await;
    let p01 = p01_2023();
    let p07 = key("847-KH-UBND-2023", "2023-6T", "HCM.GV.P07");
    let edit = ward.set(&p01, "tcd_luot", count(1), &[]);
    ward.sync(&[edit]).await;

    let mut reviewer = Device::login(&app.base, "govap.pnv").await;
    let first = reviewer.sync(&[]).await;
    assert!(first.reports.is_empty(), "no ward's report unasked");
    assert!(first.changed_elsewhere);
    assert!(!first.more);
    let quiet = reviewer.sync(&[]).await;
    assert!(quiet.reports.is_empty() && !quiet.changed_elsewhere);
    assert_eq!(quiet.cursor, first.cursor);

    // Following Phường 1's report (its page was opened), and one outside the subtree.
    reviewer.follow = vec![
        p01.clone(),
        key("847-KH-UBND-2023", "2023-6T", "HCM.PN.P02"),
    ];
    let edit = ward.set(&p01, "tcd_luot", count(2), &[]);
    ward.sync(&[edit]).await;
    let edit = other.set(&p07, "tcd_luot", count(3), &[]);
    other.sync(&[edit]).await;
    let next = reviewer.sync(&[]).await;
    let ids: Vec<String> = next.reports.iter().map(|r| r.report.id()).collect();
    assert_eq!(ids, [p01.id()], "the followed report, whole");
    assert!(next.changed_elsewhere, "Phường 7 changed too");

    // The district's own report comes unasked: the reviewer writes it.
    let own = key("847-KH-UBND-2023", "2023-6T", "HCM.GV");
    let edit = reviewer.set(&own, "tinh_hinh", text("Ổn định."), &[]);
    let resp = reviewer.sync(&[edit]).await;
    let ids: Vec<String> = resp.reports.iter().map(|r| r.report.id()).collect();
    assert_eq!(ids, [own.id()]);
}

/// Devices of one ward push to the same report at once, through two servers: every write
/// of every device survives (current or a conflict), none twice, and each device's
/// answers match what is stored.
async fn concurrent_pushes_to_one_report_lose_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let second = app.second_server().await;
    let k = ward_next_year();
    let fields = ["tcd_luot", "don_tiep_nhan", "hs_tiep_nhan", "tinh_hinh"];
    let mut devices = Vec::new();
    for (i, user) in ["hanhthong.01", "hanhthong.02"]
        .iter()
        .cycle()
        .take(8)
        .enumerate()
    {
        let base = if i % 2 == 0 { &app.base } else { &second };
        devices.push(Device::login(base, user).await);
    }
    let mut expected = 0;
    let mut pushes = tokio::task::JoinSet::new();
    for (i, mut d) in devices.into_iter().enumerate() {
        // 16 writes of each field that saw none of the others: 15 conflicts, within the
        // cap on a slot's conflicts.
        let batches: Vec<Vec<Mutation>> = (0..2)
            .map(|b| {
                (0..4)
                    .map(|f| {
                        let value = if fields[f] == "tinh_hinh" {
                            text(&format!("Thiết bị {i}, lần {b}"))
                        } else {
                            count((i * 100 + b * 10 + f) as u64)
                        };
                        d.set(&k, fields[f], value, &[])
                    })
                    .collect()
            })
            .collect();
        expected += batches.iter().map(Vec::len).sum::<usize>();
        pushes.spawn(async move {
            let mut outcomes = Vec::new();
            for batch in batches {
                outcomes.extend(d.sync(&batch).await.results.into_iter().map(|r| r.outcome));
            }
            (d, outcomes)
        });
    }
    let (mut devices, outcomes): (Vec<Device>, Vec<Vec<Outcome>>) =
        pushes.join_all().await.into_iter().unzip();
    let outcomes: Vec<Outcome> = outcomes.into_iter().flatten().collect();
    assert_eq!(outcomes.len(), expected);
    assert!(
        outcomes
            .iter()
            .all(|o| matches!(o, Outcome::Applied | Outcome::Conflict)),
        "{outcomes:?}"
    );
    let resp = devices[0].sync(&[]).await;
    let slots = &report(&resp, &k).slots;
    let versions: usize = fields
        .iter()
        .map(|f| slots[*f].current.iter().count() + slots[*f].conflicts.len())
        .sum();
    assert_eq!(
        versions, expected,
        "no base: every write is current or a conflict"
    );
    let conflicts = outcomes.iter().filter(|o| **o == Outcome::Conflict).count();
    assert_eq!(
        conflicts,
        expected - fields.len(),
        "the first write of each field is current"
    );
    let recorded: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mutations WHERE report_id = $1")
        .bind(k.id())
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(recorded as usize, expected, "recorded once each");
}

/// A new report whose every mutation is refused is not created: the reviewer sees no
/// draft where nothing was written.
async fn a_push_refused_whole_leaves_no_report_behind(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut d = Device::login(&app.base, "hanhthong.01").await;
    let k = ward_next_year();
    let submit = d.mutation(&k, Change::Submit);
    let resp = d.sync(std::slice::from_ref(&submit)).await;
    assert_eq!(
        resp.results[0].code.map(RefusalCode::as_str),
        Some("incomplete")
    );
    assert!(resp.reports.is_empty());
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reports WHERE id = $1")
        .bind(k.id())
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(rows, 0);
    // Recorded all the same, and answered the same way when resent.
    let again = d.sync(&[submit]).await;
    assert_eq!(
        again.results[0].code.map(RefusalCode::as_str),
        Some("incomplete")
    );
}

/// An acknowledged push survives a power cut: SQLite syncs its log at every commit, and
/// PostgreSQL waits for the flush before a commit returns.
async fn the_store_syncs_every_commit(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    match backend {
        Backend::Sqlite => {
            let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
                .fetch_one(&app.db)
                .await
                .unwrap();
            assert_eq!(mode, "wal");
            let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
                .fetch_one(&app.db)
                .await
                .unwrap();
            assert_eq!(synchronous, 2, "FULL");
        }
        Backend::Postgres => {
            let commit: String = sqlx::query_scalar("SHOW synchronous_commit")
                .fetch_one(&app.db)
                .await
                .unwrap();
            assert_eq!(commit, "on");
        }
    }
}

/// The reports a push answers with come from memory, as the push committed them: they must
/// equal what the store holds, to the millisecond.
async fn a_push_answers_what_the_store_holds(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut d = Device::login(&app.base, "govap.p01").await;
    let k = p01_2023();
    let mut batch = d.fill_required(&k).await;
    let mut submit = d.mutation(&k, Change::Submit);
    submit.device_time += chrono::Duration::nanoseconds(123_456);
    batch.push(submit);
    let resp = d.sync(&batch).await;
    assert!(resp.results.iter().all(|r| r.outcome == Outcome::Applied));
    app.login("govap.p01").await;
    let view: app::api::ReportView = app
        .get("/api/v1/reports/847-KH-UBND-2023/2023-6T/HCM.GV.P01")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(report(&resp, &k), &view.state);
    assert!(view.state.device_submitted_at.is_some());
}

/// A refusal of an id, device or report too long to be one records nothing: a request
/// cannot add megabytes to the database.
async fn what_a_refusal_records_stays_bounded(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut d = Device::login(&app.base, "govap.p01").await;
    let k = p01_2023();
    let mut long_id = d.set(&k, "tcd_luot", count(1), &[]);
    long_id.id = "a".repeat(100_000);
    let mut long_device = d.set(&k, "tcd_luot", count(1), &[]);
    long_device.device_id = "d".repeat(100_000);
    let long_field = d.set(&k, &"f".repeat(100_000), count(1), &[]);
    let resp = d.sync(&[long_id, long_device, long_field]).await;
    let codes: Vec<&str> = resp
        .results
        .iter()
        .map(|r| r.code.map(RefusalCode::as_str).unwrap_or(""))
        .collect();
    assert_eq!(codes, ["bad_id", "bad_device", "unknown_field"]);
    let (count, longest): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), MAX(LENGTH(id) + LENGTH(device_id) + LENGTH(report_id)
             + COALESCE(LENGTH(message), 0) + COALESCE(LENGTH(message_en), 0))
         FROM mutations",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(count, 1, "only the unknown field is recorded");
    assert!(longest.is_some_and(|l| l < 1_000), "{longest:?}");
}

/// Another ward names, as a base of its own edit, the id of an edit Phường 7 has not sent
/// yet: Phường 7's edit still applies when it comes.
async fn a_base_cannot_cancel_another_report_s_edit(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut p07 = Device::login(&app.base, "govap.p07").await;
    let k07 = key("847-KH-UBND-2023", "2023-6T", "HCM.GV.P07");
    let later = p07.set(&k07, "tcd_luot", count(7), &[]);
    let mut p01 = Device::login(&app.base, "govap.p01").await;
    let k01 = p01_2023();
    let naming = p01.set(&k01, "tcd_luot", count(1), std::slice::from_ref(&later.id));
    assert_eq!(outcomes(&p01.sync(&[naming]).await), [Outcome::Applied]);
    let resp = p07.sync(std::slice::from_ref(&later)).await;
    assert_eq!(outcomes(&resp), [Outcome::Applied]);
    let slot = &report(&resp, &k07).slots["tcd_luot"];
    let current = slot.current.as_ref().expect("a current value");
    assert_eq!(current.id, later.id);
    assert_eq!(current.value, count(7));
}

/// Writing to a unit outside one's reach: `forbidden`, for a report that exists and for
/// one that does not alike.
async fn a_unit_out_of_reach_answers_forbidden_whether_or_not_its_report_exists(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut d = Device::login(&app.base, "govap.p01").await;
    let exists = key("847-KH-UBND-2023", "2023-6T", "HCM.GV.P07");
    let missing = key("847-KH-UBND-2023", "2099-6T", "HCM.GV.P07");
    let nowhere = key("847-KH-UBND-2023", "2023-6T", "KHONG.CO");
    let batch: Vec<Mutation> = [&exists, &missing, &nowhere]
        .into_iter()
        .map(|k| d.set(k, "tcd_luot", count(1), &[]))
        .collect();
    let resp = d.sync(&batch).await;
    let answers: Vec<(Option<&str>, Option<&str>)> = resp
        .results
        .iter()
        .map(|r| (r.code.map(RefusalCode::as_str), r.message.as_deref()))
        .collect();
    assert!(
        answers.iter().all(|(code, _)| *code == Some("forbidden")),
        "{answers:?}"
    );
}

/// A file slot takes a file whose content the server holds, as it is, within the limits;
/// it is in the history and locked by the submission like a field. The content is put in
/// the store's table directly here: what uploads it is tested with the upload itself.
async fn a_file_is_attached_once_stored_and_locked_with_the_report(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut d = Device::login(&app.base, "govap.p01").await;
    let k = p01_2023();
    let hash = FileHash::of_digest(&[7; 32]);
    let slot = Slot::File(hash.clone()).to_string();
    let file = |size: u64| {
        Some(Value::File(Attachment {
            kind: AttachmentKind::Signed,
            name: "Báo cáo đã ký.pdf".into(),
            size,
            file_type: FileType::Pdf,
            criterion: None,
        }))
    };
    let early = d.set(&k, &slot, file(1000), &[]);
    let resp = d.sync(&[early]).await;
    assert_eq!(
        resp.results[0].code,
        Some(RefusalCode::FileRefused),
        "{resp:?}"
    );

    sqlx::query("INSERT INTO files (sha256, size, file_type, stored_at) VALUES ($1, $2, $3, $4)")
        .bind(hash.as_str())
        .bind(1000_i64)
        .bind("pdf")
        .bind(0_i64)
        .execute(&app.db)
        .await
        .expect("store a file");
    // Described otherwise than the content is: refused; as it is: attached.
    let wrong = d.set(&k, &slot, file(999), &[]);
    let right = d.set(&k, &slot, file(1000), &[]);
    let resp = d.sync(&[wrong, right.clone()]).await;
    assert_eq!(
        resp.results[0].code,
        Some(RefusalCode::FileRefused),
        "{resp:?}"
    );
    assert_eq!(resp.results[1].outcome, Outcome::Applied, "{resp:?}");
    assert_eq!(report(&resp, &k).values().get(&slot), file(1000).as_ref());
    // A path in the name is refused, never cleaned silently.
    let mut pathed = d.set(&k, &slot, file(1000), &[]);
    if let Change::SetField {
        value: Some(Value::File(a)),
        ..
    } = &mut pathed.change
    {
        a.name = "../../etc/passwd".into();
    }
    let resp = d.sync(&[pathed]).await;
    assert_eq!(
        resp.results[0].code,
        Some(RefusalCode::FileRefused),
        "{resp:?}"
    );

    app.login("govap.p01").await;
    let path = format!("/api/v1/reports/{}/history", k.id());
    let history: HistoryPage = app.get(&path).await.json().await.expect("history");
    assert!(
        history
            .entries
            .iter()
            .any(|e| e.slot.as_ref() == Some(&Slot::File(hash.clone()))),
        "the attachment is in the history"
    );

    d.submit_with(&k, &[]).await;
    let remove = d.set(&k, &slot, None, std::slice::from_ref(&right.id));
    let resp = d.sync(&[remove]).await;
    assert_eq!(resp.results[0].code, Some(RefusalCode::Locked), "{resp:?}");
}
