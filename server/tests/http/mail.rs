//! Notices by e-mail, sent to a real SMTP server (aiosmtpd, started by the test and read
//! back), on SQLite and PostgreSQL: to staff with an address only, as they chose, once
//! with two servers sending, retried after the SMTP server was down.

use crate::common::notices::{
    change_settings, remind_then_return, resubmit_and_accept, settings, PERIOD, PLAN,
};
use crate::common::peer::Peer;
use crate::common::sync::Device;
use crate::common::{Backend, TestApp};
use app::api::{
    Account, AccountEdit, AccountInput, Channel, MailStatus, NoticeKind, NoticeSettings,
    NoticeSettingsChange,
};
use chrono::{Duration, Utc};
use serde::Deserialize;
use server::catalog::Cache;
use server::outbound::mail::Mailer;
use server::outbound::{collect, send_waiting, Courier};

on_both!(
    notices_are_mailed_once_to_those_who_want_them,
    the_pages_say_whether_mail_is_sent,
);

const SENDER: &str = "baocao <baocao@govap.gov.vn>";
const SITE: &str = "https://baocao.govap.gov.vn";

#[derive(Debug, Deserialize)]
struct Received {
    to: Vec<String>,
    subject: String,
    body: String,
}

const SMTP: &str = "smtp_sink.py";

fn smtp_url(smtp: &Peer) -> String {
    format!("smtp://127.0.0.1:{}", smtp.port)
}

/// Gives a demo account an e-mail address, as its administrator does.
async fn give_address(app: &TestApp, admin: &reqwest::Client, username: &str, email: &str) {
    let read: Account = app
        .json_for(admin, &format!("/api/v1/admin/accounts/{username}"))
        .await;
    let resp = admin
        .put(app.url(&format!("/api/v1/admin/accounts/{username}")))
        .json(&AccountEdit {
            before: read.input(),
            after: AccountInput {
                email: email.into(),
                ..read.input()
            },
        })
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

async fn the_pages_say_whether_mail_is_sent(backend: Backend) {
    let smtp = Peer::start(SMTP);
    let url = smtp_url(&smtp);
    let app = TestApp::spawn_with(backend, |s| {
        s.smtp_url = Some(server::settings::SmtpUrl(url.clone()));
        s.mail_from = Some(SENDER.into());
    })
    .await;
    let admin = app.client_of("admin").await;
    let status: MailStatus = app.json_for(&admin, "/api/v1/admin/mail").await;
    assert_eq!(
        (status.enabled, status.sender.as_deref(), status.waiting),
        (true, Some(SENDER), 0)
    );
    let ward = app.client_of("govap.p07").await;
    let mine: NoticeSettings = app.json_for(&ward, "/api/v1/notices/settings").await;
    assert!(mine.email_available && mine.email.is_none());
    // Ward staff do not read the server's mail settings.
    let refused = ward
        .get(app.url("/api/v1/admin/mail"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
}

/// The app's servers send no mail here (none is set up): the test collects and sends as
/// two servers would, at the times it chooses.
async fn notices_are_mailed_once_to_those_who_want_them(backend: Backend) {
    let smtp = Peer::start(SMTP);
    let url = smtp_url(&smtp);
    let app = TestApp::spawn(backend).await;
    let admin = app.client_of("admin").await;
    let status: MailStatus = app.json_for(&admin, "/api/v1/admin/mail").await;
    assert!(!status.enabled && status.sender.is_none());
    give_address(&app, &admin, "govap.p07", "p07@govap.gov.vn").await;
    give_address(&app, &admin, "govap.p01", "p01@govap.gov.vn").await;

    // Phường 1's officer wants no reminders by mail.
    let p01 = Device::login(&app.base, "govap.p01").await;
    let off = NoticeSettingsChange {
        email_off: vec![NoticeKind::Reminded],
        push_off: vec![],
    };
    change_settings(&p01, &off).await;
    let mine = settings(&p01).await;
    assert_eq!(
        (mine.email.as_deref(), mine.email_available, mine.email_off),
        (Some("p01@govap.gov.vn"), false, vec![NoticeKind::Reminded])
    );
    remind_then_return(&app.base).await;

    // Collected and sent by two servers at once: each mail goes once.
    let catalog = Cache::default().get(&app.db).await.unwrap();
    let mailer = Mailer::from_settings(Some(&url), Some(SENDER))
        .unwrap()
        .expect("mail on");
    let other = server::store::open(app.db_url()).await.unwrap();
    let now = Utc::now() + Duration::seconds(1);
    let (a, b) = tokio::join!(
        collect(&app.db, &catalog, Channel::Email, Some(SITE), now),
        collect(&other, &catalog, Channel::Email, Some(SITE), now)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 2);
    let (a, b) = tokio::join!(
        send_waiting(&app.db, Courier::Mail(&mailer), "server-a", now),
        send_waiting(&other, Courier::Mail(&mailer), "server-b", now)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.failed + b.failed, 0);
    let got: Vec<Received> = smtp.received();
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(got.iter().all(|m| m.to == ["p07@govap.gov.vn"]), "{got:#?}");
    let reminder = got
        .iter()
        .find(|m| {
            m.subject
                .starts_with("[baocao] Đôn đốc nộp báo cáo: Báo cáo 6 tháng đầu năm 2023")
        })
        .expect("the reminder");
    assert!(
        reminder
            .body
            .contains("Kính gửi: Ủy ban nhân dân phường 7."),
        "{}",
        reminder.body
    );
    let returned = got
        .iter()
        .find(|m| m.subject.starts_with("[baocao] Báo cáo bị trả lại"))
        .expect("the return");
    assert!(returned.body.contains("Bổ sung số liệu tiếp công dân."));
    assert!(returned.body.contains(&format!(
        "Mở báo cáo: {SITE}/bao-cao/{PLAN}/{PERIOD}/HCM.GV.P07"
    )));

    // Looked at again: nothing new, nothing twice.
    let later = now + Duration::seconds(40);
    assert_eq!(
        collect(&app.db, &catalog, Channel::Email, Some(SITE), later)
            .await
            .unwrap(),
        0
    );
    let again = send_waiting(&app.db, Courier::Mail(&mailer), "server-a", later)
        .await
        .unwrap();
    assert_eq!(again.sent, 0);
    assert_eq!(smtp.received::<Received>().len(), 2);

    // The SMTP server down: the acceptance waits, and goes once it is back.
    let mut smtp = smtp;
    smtp.stop();
    resubmit_and_accept(&app.base).await;
    let down = Utc::now() + Duration::seconds(1);
    collect(&app.db, &catalog, Channel::Email, Some(SITE), down)
        .await
        .unwrap();
    let tried = send_waiting(&app.db, Courier::Mail(&mailer), "server-a", down)
        .await
        .unwrap();
    assert_eq!((tried.sent, tried.failed), (0, 1));
    let status: MailStatus = app.json_for(&admin, "/api/v1/admin/mail").await;
    assert_eq!((status.waiting, status.given_up), (1, 0));
    let smtp = smtp.restart(SMTP);
    // Not before its pause (a minute after the first failure).
    let soon = send_waiting(
        &app.db,
        Courier::Mail(&mailer),
        "server-a",
        down + Duration::seconds(30),
    )
    .await
    .unwrap();
    assert_eq!(soon.sent, 0);
    let back = send_waiting(
        &app.db,
        Courier::Mail(&mailer),
        "server-a",
        down + Duration::minutes(2),
    )
    .await
    .unwrap();
    assert_eq!(back.sent, 1);
    let got: Vec<Received> = smtp.received();
    assert_eq!(got.len(), 3);
    assert!(
        got[2]
            .subject
            .starts_with("[baocao] Báo cáo đã được tiếp nhận"),
        "{:?}",
        got[2]
    );
}
