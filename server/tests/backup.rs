//! `server backup` and `server restore`: a round trip of a live database gives back every
//! report, every version of every field and the whole audit, on SQLite and PostgreSQL.

mod common;

use app::domain::value::Value;
use app::sync::{Change, ReportKey};
use common::sync::{key, Device};
use common::{Backend, TestApp, TestDb};
use server::backup::{backup, restore, BackupError};

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

    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("baocao.backup");
    // While the server runs.
    backup(app.db_url(), &file).await.expect("backup");
    assert!(matches!(
        backup(app.db_url(), &file).await,
        Err(BackupError::Exists(_))
    ));
    assert!(
        matches!(
            restore(app.db_url(), &file).await,
            Err(BackupError::NotEmpty(_))
        ),
        "never over a database in use"
    );

    let target = TestDb::new(backend).await;
    restore(&target.url, &file).await.expect("restore");
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
}
