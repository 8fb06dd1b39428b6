//! The typing load: what a device sends while its user types online, one mutation a push.
//! Each ward types five keystrokes into each of ten figures of its report (3, 31, 314, …),
//! each edit based on the one before it; pouchdb-server gets the whole document again after
//! each keystroke, with the revision its last answer gave. Every body is made before the
//! clock starts: only the cursor (baocao) or the revision (pouchdb) is spliced in.

use crate::process::Server;
use crate::run::{Pushes, Run};
use crate::workload::{peer_doc, user, ward, Workload};
use crate::{baocao, peer};
use app::domain::rules::Values;
use app::domain::template::{FieldKind, Template};
use app::domain::value::Value;
use app::sync::{Change, Mutation, ReportKey};
use chrono::Utc;
use std::sync::Arc;

/// Keystrokes per figure, and figures typed into.
const KEYSTROKES: usize = 5;
const FIGURES: usize = 10;
pub const EDITS: usize = KEYSTROKES * FIGURES;

/// One keystroke as each server receives it, less what depends on the last answer.
pub struct Edit {
    /// `{"cursor":` goes before, this after: `,"mutations":[…]}`.
    baocao: Vec<u8>,
    /// The document, less its revision: `…,"_rev":"` and this go after it.
    pouch: Vec<u8>,
}

/// Each ward's keystrokes, in order.
pub struct Typing {
    pub wards: Vec<Arc<Vec<Edit>>>,
}

pub fn typing(w: &Workload, template: &Template) -> Typing {
    let figures: Vec<&str> = template
        .fields()
        .filter(|f| f.kind == FieldKind::Count)
        .map(|f| f.code.as_str())
        .take(FIGURES)
        .collect();
    assert_eq!(figures.len(), FIGURES, "the template has ten counts");
    let wards = (1..=w.wards.len())
        .map(|i| {
            let key = ReportKey {
                plan_id: w.plan_id.clone(),
                period_code: "K01".into(),
                unit_code: ward(i),
            };
            let (user, device) = (user(i), format!("device-{}", user(i)));
            let mut values = Values::new();
            let mut edits = Vec::with_capacity(EDITS);
            for (f, code) in figures.iter().enumerate() {
                let mut base = Vec::new();
                let mut typed = 0u64;
                for k in 0..KEYSTROKES {
                    typed = typed * 10 + [3, 1, 4, 1, 5][k];
                    let id = format!("{user}-typing-{f:02}-{k}");
                    let m = Mutation {
                        id: id.clone(),
                        report: key.clone(),
                        user: user.clone(),
                        device_id: device.clone(),
                        device_time: Utc::now(),
                        change: Change::SetField {
                            field: code.to_string(),
                            value: Some(Value::Count(typed)),
                            base: std::mem::replace(&mut base, vec![id]),
                        },
                    };
                    values.insert(code.to_string(), Value::Count(typed));
                    let mut baocao = b",\"mutations\":".to_vec();
                    baocao.extend(serde_json::to_vec(&[m]).expect("json"));
                    baocao.push(b'}');
                    let doc = peer_doc(&key, &user, &device, "nhap", &values);
                    let mut pouch = serde_json::to_vec(&doc).expect("json");
                    pouch.pop(); // the closing brace: the revision goes there
                    edits.push(Edit { baocao, pouch });
                }
            }
            Arc::new(edits)
        })
        .collect();
    Typing { wards }
}

async fn type_into_baocao(client: reqwest::Client, base: String, edits: Arc<Vec<Edit>>) -> Pushes {
    let url = format!("{base}/api/v1/sync");
    let mut cursor = 0i64;
    let mut out = Vec::with_capacity(edits.len());
    for edit in edits.iter() {
        let mut body = format!("{{\"cursor\":{cursor}").into_bytes();
        body.extend_from_slice(&edit.baocao);
        out.push(baocao::push(&client, &url, body, &mut cursor).await);
    }
    out
}

/// `n` wards typing at once into baocao servers (clients spread over them).
pub async fn type_baocao(label: &str, servers: &[Server], t: &Typing, n: usize) -> Run {
    baocao::drive(label, servers, n, |i, client, base| {
        type_into_baocao(client, base, t.wards[i].clone())
    })
    .await
}

async fn type_into_pouch(client: reqwest::Client, url: String, edits: Arc<Vec<Edit>>) -> Pushes {
    let mut rev: Option<String> = None;
    let mut out = Vec::with_capacity(edits.len());
    for edit in edits.iter() {
        let mut body = edit.pouch.clone();
        match &rev {
            Some(rev) => body.extend(format!(",\"_rev\":\"{rev}\"}}").into_bytes()),
            None => body.push(b'}'),
        }
        let (push, answer) = peer::write(&client, &url, body, |a| a["ok"] == true).await;
        if let Some(next) = answer.as_ref().and_then(|a| a["rev"].as_str()) {
            rev = Some(next.to_string());
        }
        out.push(push);
    }
    out
}

/// The same keystrokes to pouchdb-server, each as the whole document (`POST /typing`).
pub async fn type_pouch(server: &Server, t: &Typing, n: usize) -> Run {
    peer::drive(server, "typing", n, |i, client, url| {
        type_into_pouch(client, url, t.wards[i].clone())
    })
    .await
}

/// Checks that each ward's report holds its ten figures as last typed, each edit recorded
/// once, no conflict left.
pub async fn verify_typing(url: &str, n: usize) {
    let db = server::store::open(url).await.expect("database");
    assert_eq!(
        baocao::count(
            &db,
            "SELECT COUNT(*) FROM slot_versions WHERE is_current = 1"
        )
        .await,
        n * FIGURES
    );
    assert_eq!(
        baocao::count(&db, "SELECT COUNT(*) FROM slot_versions").await,
        n * FIGURES,
        "no conflict is left: each edit replaced the one before"
    );
    assert_eq!(
        baocao::count(
            &db,
            "SELECT COUNT(*) FROM mutations WHERE outcome = 'applied'"
        )
        .await,
        n * EDITS
    );
    db.close().await;
}
