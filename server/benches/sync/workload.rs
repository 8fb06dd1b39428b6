//! The load: wards of one city, each with its account and its reports filled with values
//! the template's rules accept, as a baocao push and as a pouchdb document; the fresh
//! store they are written to.

use crate::rng::Rng;
use app::domain::rules::{blocks_submission, check, Values};
use app::domain::template::{FieldKind, Template};
use app::domain::value::{Percent, Value};
use app::sync::{Change, Mutation, ReportKey};
use chrono::{Datelike, Utc};
use std::fmt::Write as _;
use std::sync::Arc;

pub const REPORTS_PER_CLIENT: usize = 10;

pub const PASSWORD: &str = "bench-password";

pub const CITY: &str = "BENCH";

/// The city's administrator, who changes the catalog during each load.
pub const ADMIN: &str = "bench.admin";

pub const TEMPLATE: &str = include_str!("../../demo/template-dan-van-chinh-quyen.toml");

pub fn ward(i: usize) -> String {
    format!("{CITY}.P{i:03}")
}

pub fn user(i: usize) -> String {
    format!("ward{i:03}")
}

const NARRATIVE: &str = "Đơn vị đã triển khai đầy đủ các nhiệm vụ theo kế hoạch, tổ chức tiếp công dân định kỳ và đột xuất, đối thoại với Nhân dân, giải quyết kịp thời các kiến nghị, phản ánh; công khai, minh bạch các thủ tục hành chính; phát huy vai trò giám sát của Mặt trận Tổ quốc và các đoàn thể.";

/// One report as each server receives it.
pub struct Report {
    pub key: ReportKey,
    pub mutations: Vec<Mutation>,
    /// The push's mutations as JSON: the body is `{"cursor":N,"mutations":…}`.
    pub baocao: Vec<u8>,
    pub pouch: Vec<u8>,
}

impl Report {
    pub fn push_body(&self, cursor: i64) -> Vec<u8> {
        let mut body = format!("{{\"cursor\":{cursor},\"mutations\":").into_bytes();
        body.extend_from_slice(&self.baocao);
        body.push(b'}');
        body
    }
}

/// A ward's reports; it signs in as `user(i)`.
pub struct Ward {
    pub reports: Arc<Vec<Report>>,
}

/// The wards and their reports: the first `n` of them make the load of `n` clients.
pub struct Workload {
    pub plan: String,
    pub plan_id: String,
    pub wards: Vec<Ward>,
}

/// Values for every field that is entered, which the template's rules accept.
pub fn values(template: &Template, rng: &mut Rng) -> Values {
    let mut values: Values = template
        .fields()
        .filter_map(|f| {
            let v = match f.kind {
                FieldKind::Text => Value::Text(format!("{NARRATIVE} ({})", f.label)),
                FieldKind::Count => Value::Count(rng.below(400)),
                FieldKind::Percent => Value::Percent(
                    Percent::from_hundredths(8_000 + rng.below(2_000) as u32).expect("percent"),
                ),
                FieldKind::Derived(_) => return None,
            };
            Some((f.code.clone(), v))
        })
        .collect();
    // Every rule is "parts <= total": raise the total of a broken one until all hold.
    for _ in 0..100 {
        let findings = check(template, &values);
        if !blocks_submission(&findings) {
            return values;
        }
        for f in findings.iter().filter(|f| f.fields.len() > 1) {
            if let Some(total) = f.fields.last() {
                if let Some(Value::Count(n)) = values.get(total).cloned() {
                    values.insert(total.clone(), Value::Count(n * 2 + 500));
                }
            }
        }
    }
    panic!("cannot make values that the template's rules accept");
}

pub fn workload(clients: usize) -> Workload {
    let template = Template::from_toml(TEMPLATE).expect("template");
    let year = Utc::now().year() + 1;
    let mut plan = format!(
        r#"number = "1/KH-UBND"
issuer = "{CITY}"
issued_on = "{year}-01-05"
place = "Thành phố"
year = {year}
kind = "KH"
title = "Thực hiện công tác dân vận chính quyền"
template = "dan-van-chinh-quyen"
reports_to = "{CITY}"
signer = {{ capacity = "TM. ỦY BAN NHÂN DÂN", title = "CHỦ TỊCH", name = "Người Ký" }}
bases = []
"#
    );
    for p in 1..=REPORTS_PER_CLIENT {
        let _ = write!(
            plan,
            "\n[[periods]]\ncode = \"K{p:02}\"\nlabel = \"Kỳ {p}\"\nkind = \"quy\"\ndue_before = \"{year}-12-{:02}\"\n",
            p + 10
        );
    }
    let assignees: Vec<String> = (1..=clients).map(|i| format!("\"{}\"", ward(i))).collect();
    let _ = write!(
        plan,
        "\n[[sections]]\ntitle = \"I. Nhiệm vụ\"\nassignees = [{}]\ntasks = [\"Nhiệm vụ một\"]\n",
        assignees.join(", ")
    );
    let plan_id = format!("1-KH-UBND-{year}");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let wards = (1..=clients)
        .map(|i| {
            let reports: Vec<Report> = (1..=REPORTS_PER_CLIENT)
                .map(|p| {
                    let key = ReportKey {
                        plan_id: plan_id.clone(),
                        period_code: format!("K{p:02}"),
                        unit_code: ward(i),
                    };
                    report(key, &user(i), &values(&template, &mut rng))
                })
                .collect();
            Ward {
                reports: Arc::new(reports),
            }
        })
        .collect();
    Workload {
        plan,
        plan_id,
        wards,
    }
}

/// A report as pouchdb-server stores it: one document with the report's values.
pub fn peer_doc(
    key: &ReportKey,
    user: &str,
    device: &str,
    status: &str,
    values: &Values,
) -> serde_json::Value {
    serde_json::json!({
        "_id": key.id(),
        "plan_id": key.plan_id,
        "period_code": key.period_code,
        "unit_code": key.unit_code,
        "user": user,
        "device_id": device,
        "status": status,
        "values": values,
    })
}

pub fn report(key: ReportKey, user: &str, values: &Values) -> Report {
    let device = format!("device-{user}");
    let mutation = |n: usize, change: Change| Mutation {
        id: format!("{user}-{}-{n:02}", key.period_code),
        report: key.clone(),
        user: user.to_string(),
        device_id: device.clone(),
        device_time: Utc::now(),
        change,
    };
    let mut mutations: Vec<Mutation> = values
        .iter()
        .enumerate()
        .map(|(n, (field, value))| {
            let change = Change::SetField {
                field: field.clone(),
                value: Some(value.clone()),
                base: Vec::new(),
            };
            mutation(n, change)
        })
        .collect();
    mutations.push(mutation(mutations.len(), Change::Submit));
    let baocao = serde_json::to_vec(&mutations).expect("json");
    let mut doc = peer_doc(&key, user, &device, "da_nop", values);
    doc["device_submitted_at"] = serde_json::json!(Utc::now());
    let pouch = serde_json::to_vec(&serde_json::json!({ "docs": [doc] })).expect("json");
    Report {
        key,
        mutations,
        baocao,
        pouch,
    }
}

/// A fresh store with the wards, the template, the plan, one account per ward and the
/// city's administrator.
pub async fn prepare(url: &str, w: &Workload, hash: &str) -> server::db::Db {
    let db = server::store::open(url).await.expect("database");
    let mut csv = format!("code,parent_code,kind,name\n{CITY},,tinh,Thành phố\n");
    for i in 1..=w.wards.len() {
        let _ = writeln!(csv, "{},{CITY},phuong,Phường {i}", ward(i));
    }
    server::import::org_units(&db, "wards.csv", &csv)
        .await
        .expect("wards");
    server::import::template(&db, "template.toml", TEMPLATE)
        .await
        .expect("template");
    server::import::plan(&db, "plan.toml", &w.plan)
        .await
        .expect("plan");
    let mut tx = db.begin().await.expect("transaction");
    for i in 1..=w.wards.len() {
        sqlx::query(
            "INSERT INTO users (username, display_name, password_hash, role, unit_code, scope_code)
             VALUES ($1, $2, $3, 'nhap_lieu', $4, $4)",
        )
        .bind(user(i))
        .bind(format!("Cán bộ phường {i}"))
        .bind(hash)
        .bind(ward(i))
        .execute(&mut *tx)
        .await
        .expect("user");
    }
    sqlx::query(
        "INSERT INTO users (username, display_name, password_hash, role, unit_code, scope_code)
         VALUES ($1, 'Quản trị', $2, 'admin', $3, $3)",
    )
    .bind(ADMIN)
    .bind(hash)
    .bind(CITY)
    .execute(&mut *tx)
    .await
    .expect("administrator");
    tx.commit().await.expect("commit");
    db
}
