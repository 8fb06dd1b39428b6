//! Notices by Web Push, on SQLite and PostgreSQL, to a push service the test starts
//! (`push_service.py`, its own RFC 8291/8292 code) that also plays the subscribed browsers:
//! it checks each message's VAPID signature against the server's key and decrypts it with
//! the device's keys. Once per device with two servers sending; a device that is gone is
//! dropped, one that failed is tried again after its pause.

use crate::common::notices::{
    change_settings, remind_then_return, resubmit_and_accept, settings, PERIOD, PLAN,
};
use crate::common::peer::Peer;
use crate::common::sync::Device;
use crate::common::{Backend, TestApp};
use app::api::{
    Channel, NoticeKind, NoticeSettingsChange, PushEndpoint, PushMessage, PushSubscriptionInput,
};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{Duration, Utc};
use serde::Deserialize;
use server::catalog::Cache;
use server::outbound::push::{PushServices, Pusher};
use server::outbound::{collect, send_waiting, Courier};

on_both!(
    notices_are_pushed_to_each_device_once,
    subscriptions_are_checked_and_forgotten_on_request,
);

const SERVICE: &str = "push_service.py";

#[derive(Debug, Deserialize)]
struct Received {
    device: String,
    #[serde(default)]
    vapid_key: String,
    message: Option<PushMessage>,
    #[serde(default)]
    refused: Option<String>,
}

async fn spawn(backend: Backend, service: &Peer) -> TestApp {
    let origin = service.origin();
    TestApp::spawn_with(backend, |s| {
        s.push_services = origin.parse().expect("the push service's origin");
    })
    .await
}

/// A browser subscribing on the push service: its subscription, as `toJSON()` gives it.
async fn new_device(service: &Peer) -> PushSubscriptionInput {
    reqwest::Client::new()
        .post(format!("{}/devices", service.origin()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn tell_service(service: &Peer, device: &str, what: &str) {
    let resp = reqwest::Client::new()
        .post(format!("{}/devices/{device}/{what}", service.origin()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
}

async fn subscribe(user: &Device, sub: &PushSubscriptionInput) -> reqwest::StatusCode {
    user.client
        .put(format!("{}/api/v1/notices/push", user.base))
        .json(sub)
        .send()
        .await
        .unwrap()
        .status()
}

async fn notices_are_pushed_to_each_device_once(backend: Backend) {
    let service = Peer::start(SERVICE);
    let app = spawn(backend, &service).await;

    // Phường 7's officer turns push on at the office and on the phone; Phường 1's on one
    // device, but without reminders.
    let p07 = Device::login(&app.base, "govap.p07").await;
    let (laptop, phone) = (new_device(&service).await, new_device(&service).await);
    assert_eq!(subscribe(&p07, &laptop).await, 204);
    assert_eq!(subscribe(&p07, &phone).await, 204);
    let p01 = Device::login(&app.base, "govap.p01").await;
    assert_eq!(subscribe(&p01, &new_device(&service).await).await, 204);
    let off = NoticeSettingsChange {
        email_off: vec![],
        push_off: vec![NoticeKind::Reminded],
    };
    change_settings(&p01, &off).await;
    let mine = settings(&p07).await;
    assert_eq!(
        mine.push_endpoints,
        [laptop.endpoint.as_str(), phone.endpoint.as_str()]
    );
    let server_key = URL_SAFE_NO_PAD.decode(&mine.push_key).expect("base64url");
    assert_eq!(
        (server_key.len(), server_key[0]),
        (65, 4),
        "an uncompressed P-256 point"
    );
    assert_eq!(settings(&p01).await.push_off, [NoticeKind::Reminded]);

    remind_then_return(&app.base).await;

    // Collected and sent by two servers at once, with the key the app's servers share.
    let catalog = Cache::default().get(&app.db).await.unwrap();
    let services: PushServices = service.origin().parse().unwrap();
    let pusher = Pusher::load(&app.db, services, "mailto:pnv@govap.gov.vn".into())
        .await
        .unwrap();
    assert_eq!(pusher.public_key(), mine.push_key);
    let other = server::store::open(app.db_url()).await.unwrap();
    let now = Utc::now() + Duration::seconds(1);
    let (a, b) = tokio::join!(
        collect(&app.db, &catalog, Channel::Push, None, now),
        collect(&other, &catalog, Channel::Push, None, now)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 2, "Phường 7's reminder and return");
    let (a, b) = tokio::join!(
        send_waiting(&app.db, Courier::Push(&pusher), "server-a", now),
        send_waiting(&other, Courier::Push(&pusher), "server-b", now)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!((a.sent + b.sent, a.failed + b.failed), (2, 0));
    let got: Vec<Received> = service.received();
    assert!(got.iter().all(|r| r.refused.is_none()), "{got:#?}");
    assert_eq!(got.len(), 4, "two notices to two devices: {got:#?}");
    assert!(got.iter().all(|r| r.vapid_key == mine.push_key));
    for device in ["1", "2"] {
        let mut titles: Vec<&str> = got
            .iter()
            .filter(|r| r.device == device)
            .filter_map(|r| r.message.as_ref().map(|m| m.title.as_str()))
            .collect();
        titles.sort_unstable();
        assert_eq!(
            titles,
            ["Báo cáo bị trả lại", "Đôn đốc nộp báo cáo"],
            "{device}"
        );
    }
    let returned = got
        .iter()
        .filter_map(|r| r.message.as_ref())
        .find(|m| m.title == "Báo cáo bị trả lại")
        .expect("the return");
    assert_eq!(
        returned.body,
        "Báo cáo 6 tháng đầu năm 2023 – Phường 7\nBổ sung số liệu tiếp công dân."
    );
    assert_eq!(returned.url, format!("/bao-cao/{PLAN}/{PERIOD}/HCM.GV.P07"));
    assert!(!returned.tag.is_empty());

    // The phone unsubscribed in its browser; the push service fails the laptop once.
    tell_service(&service, "2", "gone").await;
    tell_service(&service, "1", "down").await;
    resubmit_and_accept(&app.base).await;
    let later = Utc::now() + Duration::seconds(1);
    assert_eq!(
        collect(&app.db, &catalog, Channel::Push, None, later)
            .await
            .unwrap(),
        1
    );
    let tried = send_waiting(&app.db, Courier::Push(&pusher), "server-a", later)
        .await
        .unwrap();
    assert_eq!((tried.sent, tried.failed), (0, 1));
    assert_eq!(
        settings(&p07).await.push_endpoints,
        [laptop.endpoint.as_str()],
        "the phone is dropped"
    );
    let soon = send_waiting(
        &app.db,
        Courier::Push(&pusher),
        "server-a",
        later + Duration::seconds(30),
    )
    .await
    .unwrap();
    assert_eq!(soon.sent, 0, "not before its pause");
    let back = send_waiting(
        &app.db,
        Courier::Push(&pusher),
        "server-a",
        later + Duration::minutes(2),
    )
    .await
    .unwrap();
    assert_eq!((back.sent, back.failed), (1, 0));
    let got: Vec<Received> = service.received();
    assert_eq!(got.len(), 5, "{got:#?}");
    let last = got[4].message.as_ref().expect("a message");
    assert_eq!(
        (got[4].device.as_str(), last.title.as_str()),
        ("1", "Báo cáo đã được tiếp nhận")
    );
}

async fn subscriptions_are_checked_and_forgotten_on_request(backend: Backend) {
    let service = Peer::start(SERVICE);
    let app = spawn(backend, &service).await;
    let p07 = Device::login(&app.base, "govap.p07").await;
    let device = new_device(&service).await;

    // Only the allowed push services, and keys that are keys.
    let elsewhere = PushSubscriptionInput {
        endpoint: format!("{}/api/v1/admin/accounts", app.base),
        ..device.clone()
    };
    assert_eq!(subscribe(&p07, &elsewhere).await, 400);
    let mut bad_key = device.clone();
    bad_key.keys.p256dh = "BCVx".into();
    assert_eq!(subscribe(&p07, &bad_key).await, 400);
    assert!(settings(&p07).await.push_endpoints.is_empty());

    // Subscribed again (each visit does), it is kept once; forgotten when asked.
    assert_eq!(subscribe(&p07, &device).await, 204);
    assert_eq!(subscribe(&p07, &device).await, 204);
    assert_eq!(
        settings(&p07).await.push_endpoints,
        [device.endpoint.as_str()]
    );
    // Another user cannot forget it.
    let p01 = Device::login(&app.base, "govap.p01").await;
    let forget = |user: &Device| {
        user.client
            .delete(format!("{}/api/v1/notices/push", user.base))
            .json(&PushEndpoint {
                endpoint: device.endpoint.clone(),
            })
            .send()
    };
    assert_eq!(forget(&p01).await.unwrap().status(), 204);
    assert_eq!(settings(&p07).await.push_endpoints.len(), 1);
    assert_eq!(forget(&p07).await.unwrap().status(), 204);
    assert!(settings(&p07).await.push_endpoints.is_empty());

    // The device signed in as Phường 1's officer moves to them.
    assert_eq!(subscribe(&p07, &device).await, 204);
    assert_eq!(subscribe(&p01, &device).await, 204);
    assert!(settings(&p07).await.push_endpoints.is_empty());
    assert_eq!(
        settings(&p01).await.push_endpoints,
        [device.endpoint.as_str()]
    );
}
