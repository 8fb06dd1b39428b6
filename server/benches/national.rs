//! The national-scale benchmark: a tree of about 11.000 units in 4 levels (country,
//! 63 provinces, 693 districts each with an agency, 9.702 communes), one plan with 10
//! reporting periods, every expected report filled with the full template. It measures,
//! through the real HTTP API as a browser calls it (brotli accepted), the progress of the
//! whole country, the consolidation of one province, the progress of one district and the
//! home page (a tally per period) of the country's and a province's reviewers, and prints
//! p50 and p95 for SQLite and for PostgreSQL.
//!
//!     scripts/bench.sh              # both databases
//!     scripts/bench.sh sqlite       # one of them
//!
//! With `BAOCAO_BENCH_DIR=DIR`, the SQLite database is kept in DIR and reused next time.

#[path = "../tests/common/postgres.rs"]
mod postgres;
#[path = "support/rng.rs"]
mod rng;
#[path = "support/session.rs"]
mod session;

use app::domain::task::{TaskProgress, TaskStatus};
use app::domain::template::{FieldKind, Template};
use app::domain::value::{Percent, Value};
use rng::Rng;
use session::sign_in;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const PROVINCES: usize = 63;
const DISTRICTS: usize = 11;
const COMMUNES: usize = 14;
const YEARS: [i32; 5] = [2021, 2022, 2023, 2024, 2025];
const TASKS: usize = 3;
const PLAN_ID: &str = "1-KH-UBND-2025";
const SAMPLES: usize = 40;
const PASSWORD: &str = "bench-password";

fn province(p: usize) -> String {
    format!("VN.T{p:02}")
}
fn district(p: usize, d: usize) -> String {
    format!("{}.H{d:02}", province(p))
}

/// The tree as an import file, and the codes of every unit expected to report.
fn tree() -> (String, Vec<String>) {
    let mut csv = String::from("code,parent_code,kind,name\nVN,,tinh,Cả nước\n");
    let mut expected = Vec::new();
    for p in 1..=PROVINCES {
        let _ = writeln!(csv, "{},VN,tinh,Tỉnh {p}", province(p));
        for d in 1..=DISTRICTS {
            let dc = district(p, d);
            let _ = writeln!(csv, "{dc},{},huyen,Huyện {d} tỉnh {p}", province(p));
            let _ = writeln!(csv, "{dc}.NV,{dc},co_quan,Phòng Nội vụ huyện {d} tỉnh {p}");
            expected.push(dc.clone());
            expected.push(format!("{dc}.NV"));
            for c in 1..=COMMUNES {
                let _ = writeln!(csv, "{dc}.X{c:02},{dc},xa,Xã {c} huyện {d} tỉnh {p}");
                expected.push(format!("{dc}.X{c:02}"));
            }
        }
    }
    (csv, expected)
}

fn plan(expected: &[String]) -> String {
    let mut toml = String::from(
        r#"number = "1/KH-UBND"
issuer = "VN"
issued_on = "2021-01-05"
place = "Hà Nội"
year = 2025
kind = "KH"
title = "Thực hiện công tác dân vận chính quyền"
template = "dan-van-chinh-quyen"
reports_to = "VN"
signer = { capacity = "TM. ỦY BAN NHÂN DÂN", title = "CHỦ TỊCH", name = "Người Ký" }
bases = []
"#,
    );
    for y in YEARS {
        let _ = write!(
            toml,
            "\n[[periods]]\ncode = \"{y}-6T\"\nlabel = \"Báo cáo 6 tháng đầu năm {y}\"\nkind = \"sau_thang\"\ndue_before = \"{y}-05-05\"\n\n[[periods]]\ncode = \"{y}-N\"\nlabel = \"Báo cáo năm {y}\"\nkind = \"nam\"\ndue_before = \"{y}-11-05\"\n"
        );
    }
    let codes: Vec<String> = expected.iter().map(|c| format!("\"{c}\"")).collect();
    let _ = write!(
        toml,
        "\n[[sections]]\ntitle = \"I. Nhiệm vụ\"\nassignees = [{}]\ntasks = [\"Nhiệm vụ một\", \"Nhiệm vụ hai\", \"Nhiệm vụ ba\"]\n",
        codes.join(", ")
    );
    toml
}

/// A small deterministic generator, so that every run builds the same data.
/// Every report of every period, filled with the full template, written in large batches.
async fn fill(db: &server::db::Db, template: &Template, expected: &[String]) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let text = "Đơn vị đã triển khai đầy đủ các nhiệm vụ theo kế hoạch, tổ chức tiếp công dân, đối thoại với Nhân dân, giải quyết kịp thời các kiến nghị, phản ánh; công khai, minh bạch các thủ tục hành chính và phát huy vai trò giám sát của Mặt trận Tổ quốc.";
    let fields: Vec<_> = template
        .fields()
        .filter(|f| !matches!(f.kind, FieldKind::Derived(_)))
        .collect();
    let periods: Vec<(String, String)> = YEARS
        .iter()
        .flat_map(|y| {
            [
                (format!("{y}-6T"), format!("{y}-05-05")),
                (format!("{y}-N"), format!("{y}-11-05")),
            ]
        })
        .collect();
    let mut reports: Vec<Vec<String>> = Vec::new();
    let mut slots: Vec<Vec<String>> = Vec::new();
    let mut seq = 0i64;
    for (period, _) in &periods {
        for unit in expected {
            seq += 1;
            let id = format!("{PLAN_ID}/{period}/{unit}");
            // 85 % accepted on time, 5 % submitted late, 5 % returned, 5 % never submitted.
            let (status, on_time) = match rng.below(20) {
                0 => ("nhap", None),
                1 => ("bi_tra_lai", Some(1)),
                2 => ("da_nop", Some(0)),
                _ => ("da_tiep_nhan", Some(1)),
            };
            let submitted = on_time.map(|_| 1_700_000_000_000i64);
            reports.push(vec![
                id.clone(),
                PLAN_ID.into(),
                period.clone(),
                unit.clone(),
                status.into(),
                submitted.map_or("NULL".into(), |s| s.to_string()),
                on_time.map_or("NULL".into(), |o: i32| o.to_string()),
                seq.to_string(),
            ]);
            let mut values: Vec<(String, Value)> = fields
                .iter()
                .map(|f| {
                    let v = match f.kind {
                        FieldKind::Text => Value::Text(text.into()),
                        FieldKind::Percent => Value::Percent(
                            Percent::from_hundredths(9_000 + rng.below(1_000) as u32)
                                .expect("below 100 %"),
                        ),
                        _ => Value::Count(rng.below(500)),
                    };
                    (f.code.clone(), v)
                })
                .collect();
            for t in 1..=TASKS {
                let status = [
                    TaskStatus::ChuaThucHien,
                    TaskStatus::DangThucHien,
                    TaskStatus::HoanThanh,
                ][rng.below(3) as usize];
                values.push((
                    format!("task:1.{t}"),
                    Value::Task(TaskProgress {
                        status,
                        note: String::new(),
                    }),
                ));
            }
            for (i, (slot, value)) in values.into_iter().enumerate() {
                slots.push(vec![
                    id.clone(),
                    slot,
                    format!("{seq}-{i}"),
                    serde_json::to_string(&value).unwrap_or_default(),
                ]);
            }
        }
        flush(db, &mut reports, &mut slots).await;
    }
}

/// Writes the collected rows, many per statement and many statements per transaction.
async fn flush(db: &server::db::Db, reports: &mut Vec<Vec<String>>, slots: &mut Vec<Vec<String>>) {
    let mut tx = db.begin().await.expect("transaction");
    for chunk in reports.chunks(500) {
        let mut sql = String::from("INSERT INTO reports (id, plan_id, period_code, unit_code, status, submitted_at, on_time, seq, updated_at) VALUES ");
        let mut binds = Vec::new();
        for (i, r) in chunk.iter().enumerate() {
            let b = binds.len();
            let _ = write!(
                sql,
                "{}(${}, ${}, ${}, ${}, ${}, {}, {}, {}, 0)",
                if i > 0 { ", " } else { "" },
                b + 1,
                b + 2,
                b + 3,
                b + 4,
                b + 5,
                r[5],
                r[6],
                r[7]
            );
            binds.extend_from_slice(&r[..5]);
        }
        let mut q = sqlx::query(&sql);
        for v in &binds {
            q = q.bind(v);
        }
        q.execute(&mut *tx).await.expect("insert reports");
    }
    for chunk in slots.chunks(1_000) {
        let mut sql = String::from("INSERT INTO slot_versions (report_id, slot, write_id, value, is_current, position, username, written_at) VALUES ");
        let mut binds = Vec::new();
        for (i, s) in chunk.iter().enumerate() {
            let b = binds.len();
            let _ = write!(
                sql,
                "{}(${}, ${}, ${}, ${}, 1, 0, 'bench', 0)",
                if i > 0 { ", " } else { "" },
                b + 1,
                b + 2,
                b + 3,
                b + 4
            );
            binds.extend_from_slice(&s[..4]);
        }
        let mut q = sqlx::query(&sql);
        for v in &binds {
            q = q.bind(v);
        }
        q.execute(&mut *tx).await.expect("insert slot versions");
    }
    tx.commit().await.expect("commit");
    reports.clear();
    slots.clear();
}

/// Times a GET as a browser makes it, body included; returns the first request's time
/// (the first after start loads the tree and plans into memory), p50, p95 and body bytes.
async fn measure(client: &reqwest::Client, url: &str) -> (Duration, Duration, Duration, usize) {
    let get = || async {
        let resp = client
            .get(url)
            .header("accept-encoding", "br")
            .send()
            .await
            .expect("request");
        assert!(resp.status().is_success(), "{url}: {}", resp.status());
        resp.bytes().await.expect("body").len()
    };
    let start = Instant::now();
    get().await;
    let first = start.elapsed();
    for _ in 0..2 {
        get().await;
    }
    let mut times = Vec::with_capacity(SAMPLES);
    let mut size = 0;
    for _ in 0..SAMPLES {
        let start = Instant::now();
        size = get().await;
        times.push(start.elapsed());
    }
    times.sort();
    (first, times[SAMPLES / 2], times[SAMPLES * 95 / 100], size)
}

async fn run(name: &str, url: String, generate: bool) {
    let started = Instant::now();
    let db = server::store::open(&url).await.expect("database");
    let (csv, expected) = tree();
    let template_text = include_str!("../demo/template-dan-van-chinh-quyen.toml");
    let template = Template::from_toml(template_text).expect("template");
    if generate {
        generate_data(&db, &csv, &expected, template_text, &template).await;
        // Statistics, as PostgreSQL's autovacuum gathers them by the time anyone reads.
        // SQLite is measured without any: its queries are written not to need them.
        if url.starts_with("postgres") {
            sqlx::query("ANALYZE").execute(&db).await.expect("analyze");
        }
    }
    let units = csv.lines().count() - 1;
    let reports = expected.len() * YEARS.len() * 2;
    println!(
        "{name}: {units} units, {reports} reports of {} fields each, ready in {:.0?}",
        template.fields().count() + TASKS,
        started.elapsed()
    );
    serve_and_measure(name, url).await;
}

async fn generate_data(
    db: &server::db::Db,
    csv: &str,
    expected: &[String],
    template_text: &str,
    template: &Template,
) {
    server::import::org_units(db, "national.csv", csv)
        .await
        .expect("tree");
    server::import::template(db, "template.toml", template_text)
        .await
        .expect("template");
    server::import::plan(db, "plan.toml", &plan(expected))
        .await
        .expect("plan");
    let users = format!(
        "username,display_name,role,unit_code,scope_code,password\nquoc.gia,Cả nước,admin,VN,VN,{PASSWORD}\ntinh,Sở Nội vụ,tong_hop,{p},{p},{PASSWORD}\nhuyen,Phòng Nội vụ,tong_hop,{d}.NV,{d},{PASSWORD}\n",
        p = province(7),
        d = district(7, 3)
    );
    server::import::users(db, "users.csv", &users)
        .await
        .expect("users");
    fill(db, template, expected).await;
}

async fn serve_and_measure(name: &str, url: String) {
    let settings = server::settings::Settings::local(&url);
    let app = server::startup::build(settings).await.expect("app");
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run());
    let country = sign_in(&base, "quoc.gia", PASSWORD).await;
    let province_reviewer = sign_in(&base, "tinh", PASSWORD).await;
    let district_reviewer = sign_in(&base, "huyen", PASSWORD).await;
    let period = "2025-N";
    let api = format!("{base}/api/v1");
    for (what, client, url, target) in [
        (
            "progress of the whole country",
            &country,
            format!("{api}/progress/{PLAN_ID}/{period}"),
            100,
        ),
        (
            "consolidation of one province",
            &country,
            format!(
                "{api}/consolidation/{PLAN_ID}/{period}?unit={}",
                province(7)
            ),
            100,
        ),
        (
            "progress of one district",
            &district_reviewer,
            format!("{api}/progress/{PLAN_ID}/{period}"),
            10,
        ),
        (
            "home page of the whole country",
            &country,
            format!("{api}/periods"),
            100,
        ),
        (
            "home page of one province",
            &province_reviewer,
            format!("{api}/periods"),
            100,
        ),
    ] {
        let (first, p50, p95, size) = measure(client, &url).await;
        println!(
            "{name}: {what:<32} p50 {:>7.2} ms  p95 {:>7.2} ms  first {:>7.2} ms  ({} KB brotli; target p50 < {target} ms)",
            p50.as_secs_f64() * 1e3,
            p95.as_secs_f64() * 1e3,
            first.as_secs_f64() * 1e3,
            size / 1024
        );
    }
}

#[tokio::main]
async fn main() {
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wants = |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    if wants("sqlite") {
        // BAOCAO_BENCH_DIR keeps the generated SQLite database there for the next run.
        let kept = std::env::var_os("BAOCAO_BENCH_DIR").map(std::path::PathBuf::from);
        let dir = tempfile::tempdir().expect("temp dir");
        let file = kept.as_deref().unwrap_or(dir.path()).join("national.db");
        let generate = !file.exists();
        run("sqlite", format!("sqlite://{}", file.display()), generate).await;
    }
    if wants("postgres") {
        run("postgres", postgres::fresh_database().await, true).await;
    }
}
