//! A report's files over HTTP: uploads in chunks that resume where they stopped, one copy
//! of a file however often it is sent, types read from the content, the limits, the read
//! and write rules, the lock after submission, and abandoned uploads removed.

use crate::common::files::{hash_of, pdf, send_chunk, status, upload, upload_status, upload_url};
use crate::common::sync::{key, Device};
use crate::common::{Backend, TestApp};
use app::api::{UploadStatus, CHUNK_BYTES, UPLOAD_LENGTH, UPLOAD_OFFSET};
use app::domain::attachment::{Attachment, AttachmentKind, FileType};
use app::domain::value::Value;
use app::sync::{Outcome, ReportKey, Slot};
use server::files::{Content, FileStore};

on_both!(
    an_upload_resumes_where_it_stopped_and_the_file_comes_back_whole,
    a_file_sent_again_or_to_another_report_is_stored_once,
    a_file_s_type_is_read_from_its_content,
    files_stay_within_the_limits,
    files_follow_the_rules_of_their_report,
    a_file_whose_bytes_differ_from_its_name_is_not_kept,
    an_abandoned_upload_is_removed_after_a_week,
    the_reviewer_downloads_a_period_s_signed_copies_as_one_zip,
);

fn p01() -> ReportKey {
    key("847-KH-UBND-2023", "2023-6T", "HCM.GV.P01")
}

fn attachment(bytes: &[u8], name: &str, file_type: FileType) -> Option<Value> {
    Some(Value::File(Attachment {
        kind: AttachmentKind::Signed,
        name: name.into(),
        size: bytes.len() as u64,
        file_type,
        criterion: None,
    }))
}

async fn an_upload_resumes_where_it_stopped_and_the_file_comes_back_whole(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut ward = Device::login(&app.base, "govap.p01").await;
    let k = p01();
    let bytes = pdf(2 * CHUNK_BYTES + 12_345, 1);
    let hash = hash_of(&bytes);
    let url = upload_url(&app.base, &k, &hash);
    let c = &ward.client;

    let (code, body) = send_chunk(c, &url, &bytes, 0).await;
    assert_eq!((code, status(&body).received), (200, CHUNK_BYTES as u64));
    // The answer was lost: the same chunk again changes nothing.
    let (_, body) = send_chunk(c, &url, &bytes, 0).await;
    assert_eq!(status(&body).received, CHUNK_BYTES as u64);
    // A chunk past a gap is ignored; the answer says where to go on.
    let (_, body) = send_chunk(c, &url, &bytes, 2 * CHUNK_BYTES).await;
    assert_eq!(status(&body).received, CHUNK_BYTES as u64);
    // The connection was cut: the device asks, and resumes there, not from the start.
    let at = upload_status(c, &url).await;
    assert_eq!(
        at,
        UploadStatus {
            received: CHUNK_BYTES as u64,
            complete: false
        }
    );
    let done = upload(c, &url, &bytes).await;
    assert_eq!(
        done,
        UploadStatus {
            received: bytes.len() as u64,
            complete: true
        }
    );

    let slot = Slot::File(hash.clone()).to_string();
    let attach = ward.set(
        &k,
        &slot,
        attachment(&bytes, "Báo cáo đã ký số 12.pdf", FileType::Pdf),
        &[],
    );
    let resp = ward.sync(&[attach]).await;
    assert_eq!(resp.results[0].outcome, Outcome::Applied, "{resp:?}");

    // The reviewer downloads the same bytes, as a download only.
    let reviewer = app.client_of("govap.pnv").await;
    let file_url = format!("{}/api/v1{}", app.base, app::api::file_api_path(&k, &hash));
    let resp = reviewer.get(&file_url).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    let header = |name: &str| resp.headers()[name].to_str().unwrap().to_string();
    assert_eq!(header("content-type"), "application/pdf");
    assert_eq!(header("x-content-type-options"), "nosniff");
    let disposition = header("content-disposition");
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(
        disposition.contains(
            "UTF-8''B%C3%A1o%20c%C3%A1o%20%C4%91%C3%A3%20k%C3%BD%20s%E1%BB%91%2012%2Epdf"
        ),
        "{disposition}"
    );
    let back = resp.bytes().await.unwrap();
    assert_eq!(hash_of(&back), hash, "the bytes that went up");
}

async fn a_file_sent_again_or_to_another_report_is_stored_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ward = Device::login(&app.base, "govap.p01").await;
    let bytes = pdf(300_000, 2);
    let hash = hash_of(&bytes);
    let url = upload_url(&app.base, &p01(), &hash);
    assert!(upload(&ward.client, &url, &bytes).await.complete);
    // Another report of the unit, and another device: already there, nothing to send.
    let other = key("847-KH-UBND-2023", "2023-N", "HCM.GV.P01");
    let second = Device::login(&app.base, "govap.p01b").await;
    let at: UploadStatus = second
        .client
        .get(upload_url(&app.base, &other, &hash))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        at,
        UploadStatus {
            received: bytes.len() as u64,
            complete: true
        }
    );
    let (code, body) = send_chunk(&second.client, &url, &bytes, 0).await;
    assert_eq!((code, status(&body).complete), (200, true));
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM files")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(rows, 1);
}

async fn a_file_s_type_is_read_from_its_content(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ward = Device::login(&app.base, "govap.p01").await;
    let refused = |bytes: Vec<u8>| {
        let client = ward.client.clone();
        let url = upload_url(&app.base, &p01(), &hash_of(&bytes));
        async move {
            let (code, body) = send_chunk(&client, &url, &bytes, 0).await;
            (
                code,
                body["code"].as_str().unwrap_or_default().to_string(),
                body["message"].to_string(),
            )
        }
    };
    let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    let (code, error, message) = refused(svg.to_vec()).await;
    assert_eq!((code, error.as_str()), (415, "file_refused"));
    assert!(
        message.contains("PDF") && message.contains("JPEG"),
        "names what is taken: {message}"
    );
    let html = b"<!DOCTYPE html><html><body>%PDF-1.7</body></html>".to_vec();
    assert_eq!(refused(html).await.0, 415);
    // A PNG is taken whatever it is called.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.resize(5000, 7);
    let url = upload_url(&app.base, &p01(), &hash_of(&png));
    assert!(upload(&ward.client, &url, &png).await.complete);
    // A first chunk too short to show the type.
    let bytes = pdf(20_000, 3);
    let resp = ward
        .client
        .patch(upload_url(&app.base, &p01(), &hash_of(&bytes)))
        .header(UPLOAD_OFFSET, "0")
        .header(UPLOAD_LENGTH, bytes.len().to_string())
        .body(bytes[..100].to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
}

async fn files_stay_within_the_limits(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| {
        s.file_mb = 1;
        s.report_files_mb = 2;
    })
    .await;
    let mut ward = Device::login(&app.base, "govap.p01").await;
    let k = p01();
    let big = pdf(CHUNK_BYTES + 1, 4);
    let (code, body) = send_chunk(
        &ward.client,
        &upload_url(&app.base, &k, &hash_of(&big)),
        &big,
        0,
    )
    .await;
    assert_eq!((code, body["code"].as_str()), (413, Some("file_refused")));
    assert!(body["message"].as_str().unwrap().contains("1 MB"), "{body}");
    // Two files of 0,8 MB fill the report: a third is refused before it is sent.
    for seed in [5, 6] {
        let bytes = pdf(800 * 1024, seed);
        let hash = hash_of(&bytes);
        assert!(
            upload(&ward.client, &upload_url(&app.base, &k, &hash), &bytes)
                .await
                .complete
        );
        let slot = Slot::File(hash).to_string();
        let attach = ward.set(&k, &slot, attachment(&bytes, "a.pdf", FileType::Pdf), &[]);
        assert_eq!(
            ward.sync(&[attach]).await.results[0].outcome,
            Outcome::Applied
        );
    }
    let third = pdf(800 * 1024, 7);
    let (code, body) = send_chunk(
        &ward.client,
        &upload_url(&app.base, &k, &hash_of(&third)),
        &third,
        0,
    )
    .await;
    assert_eq!(code, 413, "{body}");
    assert!(body["message"].as_str().unwrap().contains("2 MB"), "{body}");
}

async fn files_follow_the_rules_of_their_report(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut ward = Device::login(&app.base, "govap.p01").await;
    let k = p01();
    let bytes = pdf(50_000, 8);
    let hash = hash_of(&bytes);
    let url = upload_url(&app.base, &k, &hash);
    let file_url = format!("{}/api/v1{}", app.base, app::api::file_api_path(&k, &hash));

    // Another ward neither sends to the report nor reads its files.
    let neighbour = app.client_of("govap.p07").await;
    assert_eq!(send_chunk(&neighbour, &url, &bytes, 0).await.0, 403);
    // A reviewer reads; writing is the ward's.
    let reviewer = app.client_of("govap.pnv").await;
    assert_eq!(send_chunk(&reviewer, &url, &bytes, 0).await.0, 403);

    assert!(upload(&ward.client, &url, &bytes).await.complete);
    // Stored but not attached: not the report's file.
    assert_eq!(reviewer.get(&file_url).send().await.unwrap().status(), 404);
    let slot = Slot::File(hash.clone()).to_string();
    let attach = ward.set(
        &k,
        &slot,
        attachment(&bytes, "Biên bản.pdf", FileType::Pdf),
        &[],
    );
    ward.sync(&[attach]).await;
    assert_eq!(reviewer.get(&file_url).send().await.unwrap().status(), 200);
    assert_eq!(neighbour.get(&file_url).send().await.unwrap().status(), 403);

    // Submitted, the report takes no more files.
    ward.submit_with(&k, &[]).await;
    let more = pdf(50_000, 9);
    let (code, body) = send_chunk(
        &ward.client,
        &upload_url(&app.base, &k, &hash_of(&more)),
        &more,
        0,
    )
    .await;
    assert_eq!(code, 409, "{body}");
    assert_eq!(
        ward.client.get(&file_url).send().await.unwrap().status(),
        200
    );
}

async fn a_file_whose_bytes_differ_from_its_name_is_not_kept(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ward = Device::login(&app.base, "govap.p01").await;
    let bytes = pdf(CHUNK_BYTES + 10, 10);
    let named = hash_of(b"another file");
    let url = upload_url(&app.base, &p01(), &named);
    assert_eq!(send_chunk(&ward.client, &url, &bytes, 0).await.0, 200);
    let (code, body) = send_chunk(&ward.client, &url, &bytes, CHUNK_BYTES).await;
    assert_eq!(code, 409, "{body}");
    let at = upload_status(&ward.client, &url).await;
    assert_eq!(at, UploadStatus::default(), "sent again from the start");
}

async fn an_abandoned_upload_is_removed_after_a_week(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ward = Device::login(&app.base, "govap.p01").await;
    let bytes = pdf(CHUNK_BYTES + 10, 11);
    let url = upload_url(&app.base, &p01(), &hash_of(&bytes));
    send_chunk(&ward.client, &url, &bytes, 0).await;
    let files = FileStore::new(app.db.clone(), Content::for_database(app.db_url(), None));
    let now = chrono::Utc::now();
    assert_eq!(
        files.prune(now + chrono::Duration::days(6)).await.unwrap(),
        0
    );
    let at = upload_status(&ward.client, &url).await;
    assert_eq!(at.received, CHUNK_BYTES as u64);
    assert_eq!(
        files.prune(now + chrono::Duration::days(8)).await.unwrap(),
        1
    );
    let at = upload_status(&ward.client, &url).await;
    assert_eq!(at, UploadStatus::default());
    let chunks: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM file_chunks")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(chunks, 0);
    if let Content::Folder(folder) = files.content() {
        let uploads = folder.root().join("uploads");
        let left = std::fs::read_dir(&uploads).map(|d| d.count()).unwrap_or(0);
        assert_eq!(left, 0, "{}", uploads.display());
    }
}

/// Uploads `bytes` to a report and attaches them as `kind`.
async fn attach_file(
    app: &TestApp,
    device: &mut Device,
    k: &ReportKey,
    bytes: &[u8],
    kind: AttachmentKind,
) {
    let hash = hash_of(bytes);
    assert!(
        upload(&device.client, &upload_url(&app.base, k, &hash), bytes)
            .await
            .complete
    );
    let file_type = FileType::of_content(bytes).expect("a type taken");
    let value = Some(Value::File(Attachment {
        kind,
        name: format!("tệp.{}", file_type.extension()),
        size: bytes.len() as u64,
        file_type,
        criterion: None,
    }));
    let attach = device.set(k, &Slot::File(hash).to_string(), value, &[]);
    assert_eq!(
        device.sync(&[attach]).await.results[0].outcome,
        Outcome::Applied
    );
}

async fn the_reviewer_downloads_a_period_s_signed_copies_as_one_zip(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (k01, k07) = (p01(), key("847-KH-UBND-2023", "2023-6T", "HCM.GV.P07"));
    let mut ward01 = Device::login(&app.base, "govap.p01").await;
    let mut ward07 = Device::login(&app.base, "govap.p07").await;
    let signed = pdf(40_000, 20);
    attach_file(&app, &mut ward01, &k01, &signed, AttachmentKind::Signed).await;
    attach_file(
        &app,
        &mut ward01,
        &k01,
        &pdf(30_000, 21),
        AttachmentKind::Evidence,
    )
    .await;
    // Photos of a signed copy's two pages.
    let page = |n: u8| {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.resize(9000, n);
        png
    };
    attach_file(&app, &mut ward07, &k07, &page(1), AttachmentKind::Signed).await;
    attach_file(&app, &mut ward07, &k07, &page(2), AttachmentKind::Signed).await;

    let path = "/api/v1/progress/847-KH-UBND-2023/2023-6T/signed-copies";
    let reviewer = app.client_of("govap.pnv").await;
    let resp = reviewer.get(app.url(path)).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/zip");
    let bytes = resp.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names.len(),
        3,
        "the evidence is not a signed copy: {names:?}"
    );
    assert!(
        names[0].starts_with("HCM.GV.P01 Phường") && names[0].ends_with(".pdf"),
        "{names:?}"
    );
    assert!(
        names[1].starts_with("HCM.GV.P07 Phường") && names[1].ends_with(" (2).png"),
        "{names:?}"
    );
    assert!(
        names[2].starts_with("HCM.GV.P07 Phường") && names[2].ends_with(".png"),
        "{names:?}"
    );
    let mut first = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name(&names[0]).unwrap(), &mut first).unwrap();
    assert_eq!(first, signed);

    // A ward gets its own only.
    let resp = ward07.client.get(app.url(path)).send().await.unwrap();
    let bytes = resp.bytes().await.unwrap();
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    assert_eq!(zip.len(), 2);
    // Nothing signed in another period.
    let other = "/api/v1/progress/847-KH-UBND-2023/2023-N/signed-copies";
    assert_eq!(
        reviewer.get(app.url(other)).send().await.unwrap().status(),
        404
    );
}
