//! A test client of the sync protocol: one device of one user.

use app::api::ReportView;
use app::domain::template::FieldKind;
use app::domain::value::Value;
use app::sync::{Change, Mutation, Outcome, ReportKey, SyncRequest, SyncResponse};
use chrono::Utc;
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT: AtomicU64 = AtomicU64::new(1);

/// A fresh mutation id.
pub fn new_id() -> String {
    format!(
        "t{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

pub fn key(plan_id: &str, period: &str, unit: &str) -> ReportKey {
    ReportKey {
        plan_id: plan_id.into(),
        period_code: period.into(),
        unit_code: unit.into(),
    }
}

pub struct Device {
    pub client: reqwest::Client,
    pub base: String,
    pub user: String,
    pub device_id: String,
    pub cursor: i64,
    /// The reports this device keeps, as a browser sends them.
    pub follow: Vec<ReportKey>,
}

impl Device {
    /// A demo account's device.
    pub async fn login(base: &str, user: &str) -> Device {
        Self::login_with(base, user, "baocao-demo").await
    }

    pub async fn login_with(base: &str, user: &str, password: &str) -> Device {
        let client = super::TestApp::new_client();
        let resp = client
            .post(format!("{base}/api/v1/session"))
            .json(&serde_json::json!({ "username": user, "password": password }))
            .send()
            .await
            .expect("login");
        assert_eq!(resp.status(), 200, "login {user}");
        Device {
            client,
            base: base.into(),
            user: user.into(),
            device_id: new_id(),
            cursor: 0,
            follow: Vec::new(),
        }
    }

    pub fn mutation(&self, report: &ReportKey, change: Change) -> Mutation {
        Mutation {
            id: new_id(),
            report: report.clone(),
            user: self.user.clone(),
            device_id: self.device_id.clone(),
            device_time: Utc::now(),
            change,
        }
    }

    pub fn set(
        &self,
        report: &ReportKey,
        field: &str,
        value: Option<Value>,
        base: &[String],
    ) -> Mutation {
        self.mutation(
            report,
            Change::SetField {
                field: field.into(),
                value,
                base: base.to_vec(),
            },
        )
    }

    /// Sets every required field of a report that is not derived, so that it may be
    /// submitted.
    pub async fn fill_required(&self, k: &ReportKey) -> Vec<Mutation> {
        let view: ReportView = self
            .client
            .get(format!(
                "{}/api/v1/reports/{}/{}/{}",
                self.base, k.plan_id, k.period_code, k.unit_code
            ))
            .send()
            .await
            .expect("report request")
            .json()
            .await
            .expect("report body");
        view.template
            .decode()
            .expect("template")
            .fields()
            .filter(|f| f.required)
            .filter_map(|f| {
                let value = match f.kind {
                    FieldKind::Text => Value::Text("Đã thực hiện.".into()),
                    FieldKind::Count => Value::Count(0),
                    FieldKind::Percent | FieldKind::Derived(_) => return None,
                };
                Some(self.set(k, &f.code, Some(value), &[]))
            })
            .collect()
    }

    /// Fills the required fields, then `figures`, and submits; every mutation must apply.
    pub async fn submit_with(&mut self, k: &ReportKey, figures: &[(&str, Value)]) {
        let mut batch = self.fill_required(k).await;
        // One write per field: a second write on an empty base would be a conflict.
        batch.retain(|m| match &m.change {
            Change::SetField { field, .. } => figures.iter().all(|(f, _)| f != field),
            _ => true,
        });
        for (field, value) in figures {
            batch.push(self.set(k, field, Some(value.clone()), &[]));
        }
        batch.push(self.mutation(k, Change::Submit));
        let results = self.sync(&batch).await.results;
        assert!(
            results.iter().all(|r| r.outcome == Outcome::Applied),
            "{results:?}"
        );
    }

    /// Reads `/api/v1{path}`, which must answer 200 with a `T`.
    pub async fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        let resp = self
            .client
            .get(format!("{}/api/v1{path}", self.base))
            .send()
            .await
            .expect("request");
        assert_eq!(resp.status(), 200, "{path}");
        resp.json().await.expect("a body")
    }

    /// Pushes and pulls; keeps the cursor.
    pub async fn sync(&mut self, mutations: &[Mutation]) -> SyncResponse {
        let resp = self
            .client
            .post(format!("{}/api/v1/sync", self.base))
            .json(&SyncRequest {
                cursor: self.cursor,
                mutations: mutations.to_vec(),
                follow: self.follow.clone(),
            })
            .send()
            .await
            .expect("sync request");
        assert_eq!(resp.status(), 200, "sync");
        let body: SyncResponse = resp.json().await.expect("sync body");
        self.cursor = body.cursor;
        body
    }
}
