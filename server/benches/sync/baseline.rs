//! The baseline: the rows a push writes, written by a plain loop in this process (one
//! transaction per report, a statement per row; no HTTP, no checks).

use crate::workload::{Report, Workload};
use app::sync::Change;
use std::time::Instant;

/// Reports written by the bare-SQL loop.
pub const BARE_REPORTS: usize = 1000;

/// The same rows as a push writes (a report row, a slot version per field, a mutation row
/// per mutation), by a plain loop: one transaction per report, a statement per row.
pub async fn bare_sql(url: &str, w: &Workload) -> f64 {
    let db = server::store::open(url).await.expect("database");
    let reports: Vec<&Report> = w
        .wards
        .iter()
        .flat_map(|w| w.reports.iter())
        .take(BARE_REPORTS)
        .collect();
    let start = Instant::now();
    for r in &reports {
        let mut tx = db.begin().await.expect("transaction");
        let id = r.key.id();
        sqlx::query(
            "INSERT INTO reports (id, plan_id, period_code, unit_code, status, submitted_at, seq, updated_at)
             VALUES ($1, $2, $3, $4, 'da_nop', 0, 0, 0)",
        )
        .bind(&id)
        .bind(&r.key.plan_id)
        .bind(&r.key.period_code)
        .bind(&r.key.unit_code)
        .execute(&mut *tx)
        .await
        .expect("report");
        for (n, m) in r.mutations.iter().enumerate() {
            let (slot, value) = match &m.change {
                Change::SetField { field, value, .. } => {
                    (Some(field.as_str()), serde_json::to_string(value).ok())
                }
                _ => (None, None),
            };
            if let Some(slot) = slot {
                sqlx::query(
                    "INSERT INTO slot_versions (report_id, slot, write_id, value, is_current, position, username, written_at)
                     VALUES ($1, $2, $3, $4, 1, 0, $5, 0)",
                )
                .bind(&id)
                .bind(slot)
                .bind(&m.id)
                .bind(&value)
                .bind(&m.user)
                .execute(&mut *tx)
                .await
                .expect("slot");
            }
            sqlx::query(
                "INSERT INTO mutations (id, position, report_id, kind, slot, old_value, new_value, comment,
                     outcome, code, message, username, device_id, device_time, server_time)
                 VALUES ($1, $2, $3, $4, $5, NULL, $6, NULL, 'applied', NULL, NULL, $7, $8, 0, 0)",
            )
            .bind(&m.id)
            .bind(n as i64)
            .bind(&id)
            .bind(m.change.kind().as_str())
            .bind(slot)
            .bind(&value)
            .bind(&m.user)
            .bind(&m.device_id)
            .execute(&mut *tx)
            .await
            .expect("mutation");
        }
        tx.commit().await.expect("commit");
    }
    let rate = reports.len() as f64 / start.elapsed().as_secs_f64();
    db.close().await;
    rate
}
