//! `server backup` and `server restore`: a round trip of a live database gives back every
//! report, every version of every field, the whole audit and the reports' files, on SQLite
//! and PostgreSQL.

mod common;

use app::api::{UploadStatus, UPLOAD_LENGTH, UPLOAD_OFFSET};
use app::domain::attachment::{Attachment, AttachmentKind, FileHash, FileType};
use app::domain::value::Value;
use app::sync::{Change, ReportKey, Slot};
use common::sync::{key, Device};
use common::{Backend, TestApp, TestDb};
use server::backup::{backup, files_beside, restore, BackupError};
use server::files::Content;
use sha2::{Digest, Sha256};

on_both!(a_backup_restores_every_report_and_the_audit);

/// Every row that matters, as text, in a stable order.
async fn contents(db: &server::db::Db) -> Vec<String> {
    let queries = [
        "SELECT id || '|' || status || '|' || CAST(seq AS TEXT) || '|' || CAST(positions AS TEXT)
         FROM reports ORDER BY id",
        "SELECT report_id || '|' || slot || '|' || write_id || '|' || COALESCE(value, '-')
             || '|' || CAST(is_current AS TEXT) || '|' || CAST(position AS TEXT)
         FROM slot_versions ORDER BY report_id, slot, write_id",
        "SELECT id || '|' || report_id || '|' || outcome || '|' || COALESCE(code, '-') || '|'
             || username || '|' || CAST(position AS TEXT) || '|' || COALESCE(new_value, '-')
         FROM mutations ORDER BY id",
        "SELECT username || '|' || role || '|' || unit_code FROM users ORDER BY username",
        "SELECT code || '|' || name FROM org_units ORDER BY code",
    ];
    let mut rows = Vec::new();
    for q in queries {
        let found: Vec<String> = sqlx::query_scalar(q).fetch_all(db).await.unwrap();
        assert!(!found.is_empty(), "{q}");
        rows.extend(found);
    }
    rows
}

fn p01_2023() -> ReportKey {
    key("847-KH-UBND-2023", "2023-6T", "HCM.GV.P01")
}

async fn a_backup_restores_every_report_and_the_audit(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut a = Device::login(&app.base, "govap.p01").await;
    let mut b = Device::login(&app.base, "govap.p01b").await;
    let k = p01_2023();
    let text = |s: &str| Some(Value::Text(s.into()));
    let batch = vec![
        a.set(&k, "tinh_hinh", text("Tình hình <b>ổn định</b>"), &[]),
        a.set(&k, "tcd_luot", Some(Value::Count(12)), &[]),
        a.set(&k, "khong_co", Some(Value::Count(1)), &[]),
    ];
    a.sync(&batch).await;
    // A conflict from a second device, and a refusal in the audit.
    let late = b.set(&k, "tcd_luot", Some(Value::Count(13)), &[]);
    let refused = b.mutation(&k, Change::Accept);
    b.sync(&[late, refused]).await;
    // The signed copy.
    let signed = b"%PDF-1.7\nthe signed copy".repeat(100);
    let hash = FileHash::of_digest(&Sha256::digest(&signed));
    let url = format!(
        "{}/api/v1{}",
        app.base,
        app::api::upload_api_path(&k, &hash)
    );
    let sent: UploadStatus = a
        .client
        .patch(url)
        .header(UPLOAD_OFFSET, "0")
        .header(UPLOAD_LENGTH, signed.len().to_string())
        .body(signed.clone())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(sent.complete);
    let file = Some(Value::File(Attachment {
        kind: AttachmentKind::Signed,
        name: "Báo cáo đã ký.pdf".into(),
        size: signed.len() as u64,
        file_type: FileType::Pdf,
        criterion: None,
    }));
    let attach = a.set(&k, &Slot::File(hash.clone()).to_string(), file, &[]);
    a.sync(&[attach]).await;

    let content = Content::for_database(app.db_url(), None);
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("baocao.backup");
    // While the server runs.
    backup(app.db_url(), &content, &file).await.expect("backup");
    assert!(matches!(
        backup(app.db_url(), &content, &file).await,
        Err(BackupError::Exists(_))
    ));
    assert!(
        matches!(
            restore(app.db_url(), &content, &file).await,
            Err(BackupError::NotEmpty(_))
        ),
        "never over a database in use"
    );

    let target = TestDb::new(backend).await;
    let target_content = Content::for_database(&target.url, None);
    restore(&target.url, &target_content, &file)
        .await
        .expect("restore");
    let restored = target.connect().await;
    let before = contents(&app.db).await;
    assert!(before.iter().any(|r| r.contains("conflict")));
    assert!(before.iter().any(|r| r.contains("unknown_field")));
    assert_eq!(contents(&restored).await, before);

    // The restored database serves: its accounts sign in and read their report.
    let served = common::serve(&target.url, false).await;
    let mut again = Device::login(&served, "govap.p01").await;
    let resp = again.sync(&[]).await;
    assert!(resp.reports.iter().any(|r| r.report == k));
    // With its file.
    let file_url = format!("{served}/api/v1{}", app::api::file_api_path(&k, &hash));
    let back = again.client.get(file_url).send().await.unwrap();
    assert_eq!(back.status(), 200);
    assert_eq!(back.bytes().await.unwrap(), signed);

    // A SQLite backup whose file was damaged is not restored.
    if matches!(backend, Backend::Sqlite) {
        let copy = server::files::Folder::new(files_beside(&file)).path(&hash);
        std::fs::remove_file(&copy).unwrap();
        std::fs::write(&copy, b"%PDF-1.7 something else").unwrap();
        let elsewhere = TestDb::new(backend).await;
        let refused = restore(
            &elsewhere.url,
            &Content::for_database(&elsewhere.url, None),
            &file,
        )
        .await;
        assert!(
            matches!(refused, Err(BackupError::MissingFile(ref h, _)) if h == &hash),
            "{refused:?}"
        );
    }
}
