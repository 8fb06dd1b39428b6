//! The year's evaluation over HTTP, on SQLite and PostgreSQL: a commune assesses itself
//! against the criteria set (its claims within each criterion's scale, evidence where the
//! set asks for it), its computed criteria read its annual report and timeliness, and the
//! city decides, with a reason wherever it differs, before it accepts.

use crate::common::documents::{docx_lines, download, paragraphs_through_libreoffice, DOCX, XLSX};
use crate::common::files::{hash_of, pdf, upload, upload_url};
use crate::common::sync::{key, Device};
use crate::common::{Backend, TestApp};
use app::api::{HistoryPage, ReportView};
use app::domain::attachment::{Attachment, AttachmentKind, FileType};
use app::domain::evaluation::scoring::Arrival;
use app::domain::evaluation::{Assessment, EvaluationResults, Points};
use app::domain::value::Value;
use app::sync::refusal::RefusalCode;
use app::sync::{Change, Mutation, MutationResult, Outcome, ReportKey, ScoreSlot, Slot};
use calamine::{Data, Reader, Xlsx};
use chrono::Datelike;
use std::io::Cursor;

on_both!(a_commune_assesses_itself_and_the_city_decides);

const HANH_THONG: &str = "26890";

fn points(n: f64) -> Option<Value> {
    Some(Value::Points(Points::try_from(n).expect("points")))
}

fn text(s: &str) -> Option<Value> {
    Some(Value::Text(s.into()))
}

fn score(slot: ScoreSlot) -> String {
    Slot::Score(slot).to_string()
}

/// The single outcome of one mutation, and its refusal's code.
async fn one(device: &mut Device, m: Mutation) -> (Outcome, Option<RefusalCode>, String) {
    let r: MutationResult = device.sync(&[m]).await.results.remove(0);
    let message = r.message.unwrap_or_default();
    (r.outcome, r.code, message)
}

/// Uploads a PDF and attaches it to the report as evidence for `criterion`.
async fn evidence(device: &mut Device, k: &ReportKey, seed: u8, criterion: &str) -> Mutation {
    let bytes = pdf(2_000, seed);
    let hash = hash_of(&bytes);
    let done = upload(&device.client, &upload_url(&device.base, k, &hash), &bytes).await;
    assert!(done.complete);
    let file = Attachment {
        kind: AttachmentKind::Evidence,
        name: format!("bien-ban-{seed}.pdf"),
        size: bytes.len() as u64,
        file_type: FileType::Pdf,
        criterion: Some(criterion.into()),
    };
    device.set(
        k,
        &Slot::File(hash).to_string(),
        Some(Value::File(file)),
        &[],
    )
}

async fn a_commune_assesses_itself_and_the_city_decides(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let year = chrono::Utc::now().year();
    let plan = format!("95-KH-UBND-{year}");
    let (six_months, annual, evaluation) = (
        key(&plan, &format!("{year}-6T"), HANH_THONG),
        key(&plan, &format!("{year}-N"), HANH_THONG),
        key(&plan, &format!("{year}-DG"), HANH_THONG),
    );
    let mut ward = Device::login(&app.base, "hanhthong.01").await;
    ward.submit_with(&six_months, &[]).await;
    let figures = [
        ("don_tiep_nhan", Value::Count(12)),
        ("don_da_giai_quyet", Value::Count(9)),
        ("don_thuoc_tham_quyen", Value::Count(10)),
        ("hs_dung_han", Value::Count(98)),
        ("hs_tiep_nhan", Value::Count(100)),
        ("mo_hinh_dvk", Value::Count(2)),
    ];
    ward.submit_with(&annual, &figures).await;

    // The self-assessment comes with the set and the year's figures the device computes
    // the criteria from: the annual report as submitted, and how the year's reports came.
    let path = format!("/reports/{}/{}/{HANH_THONG}", plan, evaluation.period_code);
    let view: ReportView = ward.get(&path).await;
    let e = view.evaluation.expect("an evaluation period");
    let e = e.decode().expect("the criteria set and the year");
    assert_eq!(e.criteria.id, "danh-gia-dan-van-chinh-quyen");
    let report = e.year.report.as_ref().expect("the annual report");
    assert_eq!(report["mo_hinh_dvk"], Value::Count(2));
    assert_eq!(
        e.year.reports,
        [
            arrival(&ward, &six_months).await,
            arrival(&ward, &annual).await
        ]
    );
    // Claims within each criterion's scale; nothing else is written into it.
    let claim = |c: &str| score(ScoreSlot::Claim(c.into()));
    for (slot, value, refused) in [
        (
            claim("tuyen_truyen"),
            points(10.5),
            RefusalCode::InvalidValue,
        ),
        (
            claim("tuyen_truyen"),
            points(7.3),
            RefusalCode::InvalidValue,
        ),
        (claim("don_thu"), points(15.0), RefusalCode::UnknownField),
        (claim("cap_tren"), points(5.0), RefusalCode::UnknownField),
        (
            "tcd_luot".into(),
            Some(Value::Count(3)),
            RefusalCode::UnknownField,
        ),
    ] {
        let m = ward.set(&evaluation, &slot, value, &[]);
        let (outcome, code, message) = one(&mut ward, m).await;
        assert_eq!(
            (outcome, code),
            (Outcome::Rejected, Some(refused)),
            "{slot}: {message}"
        );
    }
    let decided_by_ward = ward.set(
        &evaluation,
        &score(ScoreSlot::Decision("lanh_dao".into())),
        points(10.0),
        &[],
    );
    let (_, code, _) = one(&mut ward, decided_by_ward).await;
    assert_eq!(code, Some(RefusalCode::Forbidden));

    let claims = [
        ward.set(&evaluation, &claim("lanh_dao"), points(10.0), &[]),
        ward.set(&evaluation, &claim("tuyen_truyen"), points(0.0), &[]),
        ward.set(&evaluation, &claim("dan_chu_co_so"), points(12.5), &[]),
        ward.set(
            &evaluation,
            &score(ScoreSlot::Remark("lanh_dao".into())),
            text("Ban hành Kế hoạch số 12/KH-UBND."),
            &[],
        ),
    ];
    // Written again later, on this version.
    let remark_id = claims[3].id.clone();
    let results = ward.sync(&claims).await.results;
    assert!(
        results.iter().all(|r| r.outcome == Outcome::Applied),
        "{results:?}"
    );

    // Points claimed above 0 where the set asks for evidence need a file for them.
    let submit = ward.mutation(&evaluation, Change::Submit);
    let (outcome, code, message) = one(&mut ward, submit).await;
    assert_eq!(
        (outcome, code),
        (Outcome::Rejected, Some(RefusalCode::Incomplete))
    );
    assert!(
        message.contains("Cần đính kèm tài liệu minh chứng"),
        "{message}"
    );
    assert!(message.contains("1. Lãnh đạo, chỉ đạo"), "{message}");
    let stray = evidence(&mut ward, &evaluation, 9, "khong_co").await;
    let (_, code, _) = one(&mut ward, stray).await;
    assert_eq!(code, Some(RefusalCode::UnknownField));
    let files = [
        evidence(&mut ward, &evaluation, 1, "lanh_dao").await,
        evidence(&mut ward, &evaluation, 2, "dan_chu_co_so").await,
        ward.mutation(&evaluation, Change::Submit),
    ];
    let results = ward.sync(&files).await.results;
    assert!(
        results.iter().all(|r| r.outcome == Outcome::Applied),
        "{results:?}"
    );

    // The city decides: its own criterion, and a claim it lowers, with the reason.
    let mut city = Device::login(&app.base, "hcm.snv").await;
    // Not a commune: the city itself owes no self-assessment.
    let city_path = format!("/api/v1/reports/{plan}/{}/HCM", evaluation.period_code);
    let city_report = city.client.get(format!("{}{city_path}", app.base)).send();
    assert_eq!(city_report.await.expect("request").status(), 404);

    // Returned with a comment: the commune writes again, and resubmits; the city decides
    // on the resubmitted assessment as on the first.
    let give_back = Change::Return {
        comment: "Bổ sung giải trình tiêu chí 1.".into(),
    };
    let back = city.mutation(&evaluation, give_back);
    assert_eq!(one(&mut city, back).await.0, Outcome::Applied);
    let early = city.set(
        &evaluation,
        &score(ScoreSlot::Decision("cap_tren".into())),
        points(9.0),
        &[],
    );
    assert_eq!(one(&mut city, early).await.1, Some(RefusalCode::Locked));
    let again = [
        ward.set(
            &evaluation,
            &score(ScoreSlot::Remark("lanh_dao".into())),
            text("Đã bổ sung Kế hoạch số 12/KH-UBND và báo cáo sơ kết."),
            &[remark_id],
        ),
        ward.mutation(&evaluation, Change::Submit),
    ];
    let results = ward.sync(&again).await.results;
    assert!(
        results.iter().all(|r| r.outcome == Outcome::Applied),
        "{results:?}"
    );

    let decide = |c: &str| score(ScoreSlot::Decision(c.into()));
    let decisions = [
        city.set(&evaluation, &decide("dan_chu_co_so"), points(11.0), &[]),
        city.set(&evaluation, &decide("cap_tren"), points(9.0), &[]),
    ];
    let results = city.sync(&decisions).await.results;
    assert!(
        results.iter().all(|r| r.outcome == Outcome::Applied),
        "{results:?}"
    );
    let accept = city.mutation(&evaluation, Change::Accept);
    let (outcome, code, message) = one(&mut city, accept).await;
    assert_eq!(
        (outcome, code),
        (Outcome::Rejected, Some(RefusalCode::Incomplete))
    );
    assert!(message.contains("Ghi lý do điểm thẩm định"), "{message}");
    let not_a_reason = city.set(
        &evaluation,
        &score(ScoreSlot::Ineligible),
        text("Vì sao không"),
        &[],
    );
    let (_, code, _) = one(&mut city, not_a_reason).await;
    assert_eq!(code, Some(RefusalCode::InvalidValue));
    let reason = "Biên bản kiểm tra: hội nghị Nhân dân ở 2/5 khu phố chưa tổ chức.";
    let finish = [
        city.set(
            &evaluation,
            &score(ScoreSlot::Reason("dan_chu_co_so".into())),
            text(reason),
            &[],
        ),
        city.mutation(&evaluation, Change::Accept),
    ];
    let results = city.sync(&finish).await.results;
    assert!(
        results.iter().all(|r| r.outcome == Outcome::Applied),
        "{results:?}"
    );
    let late_claim = ward.set(&evaluation, &claim("tuyen_truyen"), points(5.0), &[]);
    let (_, code, _) = one(&mut ward, late_claim).await;
    assert_eq!(code, Some(RefusalCode::Locked));

    // What the city reads: the totals and the grade the one engine gives.
    let view: ReportView = city.get(&path).await;
    let e = view.evaluation.expect("an evaluation period");
    let e = e.decode().expect("the criteria set and the year");
    let a = Assessment::read(&e.criteria, &e.year, &view.state.values());
    let timeliness = a
        .item("bao_cao")
        .and_then(|i| i.proposed)
        .expect("computed");
    // 10 + 0 + 15 + 15 (both ratios met) + 11 (decided) + 8 (two models) + timeliness + 9.
    let expected = Points::try_from(68.0).expect("points") + timeliness;
    assert_eq!(a.total(&e.criteria), expected);
    // Proposed: 12,5 claimed where 11 was decided, nothing of the city's own 9.
    let proposed = Points::try_from(60.5).expect("points") + timeliness;
    assert_eq!(a.proposed_total(&e.criteria), proposed);
    assert_eq!(
        e.criteria
            .grade(a.total(&e.criteria))
            .map(|g| g.code.as_str()),
        Some("kha")
    );
    let history: HistoryPage = city.get(&format!("{path}/history")).await;
    let entry = history
        .entries
        .iter()
        .find(|e| e.slot == Some(Slot::Score(ScoreSlot::Reason("dan_chu_co_so".into()))))
        .expect("the reason in the history");
    assert_eq!(
        (entry.user.as_str(), entry.new_value.clone()),
        ("hcm.snv", text(reason))
    );
    the_results_rank_and_export(&city, &plan, &evaluation.period_code, expected).await;

    // Next year's results carry this year's as the commune's earlier result.
    let next = year + 1;
    let path = format!("/evaluations/95-KH-UBND-{next}/{next}-DG");
    let later: EvaluationResults = city.get(&path).await;
    let row = later
        .rows
        .iter()
        .find(|r| r.unit_code == HANH_THONG)
        .expect("the commune next year");
    assert_eq!(row.past.len(), 1, "{:?}", row.past);
    assert_eq!(
        (row.past[0].total, row.past[0].grade.as_deref()),
        (Some(expected), Some("kha"))
    );
    assert!(row.past[0].label.contains(&year.to_string()));
}

/// The city's results: the commune ranked first with its decided total, the others
/// listed without a place; the spreadsheet holds numbers, the DOCX list names the commune
/// with its total and grade, and LibreOffice opens it.
async fn the_results_rank_and_export(city: &Device, plan: &str, period: &str, total: Points) {
    let results: EvaluationResults = city.get(&format!("/evaluations/{plan}/{period}")).await;
    assert_eq!(results.criteria.id, "danh-gia-dan-van-chinh-quyen");
    let first = &results.rows[0];
    assert_eq!(
        (
            first.unit_code.as_str(),
            first.rank,
            first.total,
            first.grade.as_deref()
        ),
        (HANH_THONG, Some(1), Some(total), Some("kha"))
    );
    assert_eq!(
        first.points["dan_chu_co_so"],
        Points::try_from(11.0).expect("points")
    );
    assert!(
        results.rows.len() > 100,
        "every commune of the city is listed"
    );
    assert!(results.rows[1..]
        .iter()
        .all(|r| r.rank.is_none() && r.total.is_none()));
    let d = results.distribution();
    assert_eq!(d.grades.iter().map(|g| g.2).sum::<usize>(), 1);
    assert_eq!(d.pending, results.rows.len() - 1);

    let xlsx = download(city, &format!("/evaluations/{plan}/{period}/xlsx"), XLSX).await;
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(xlsx)).expect("XLSX");
    let sheet = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    let row: Vec<&Data> = sheet
        .rows()
        .nth(1)
        .expect("the first unit")
        .iter()
        .collect();
    assert_eq!(row[0], &Data::Float(1.0));
    let total_col = results.criteria.criteria.len() + results.criteria.bonus.len() + 3;
    assert_eq!(row[total_col], &Data::Float(f64::from(total)));

    let docx = download(city, &format!("/evaluations/{plan}/{period}/docx"), DOCX).await;
    let lines = docx_lines(&docx);
    assert!(lines.iter().any(|l| l == "DANH SÁCH"), "{lines:?}");
    let text = paragraphs_through_libreoffice(&docx);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Kèm theo Quyết định số"), "{flat}");
    let shown = total.shown(app::format::Numbers::Vietnamese);
    assert!(
        flat.contains(&format!("{} {shown} Khá 1", first.unit_name)),
        "{flat}"
    );
}

/// How a report of the unit arrived, as its state says.
async fn arrival(device: &Device, k: &ReportKey) -> Arrival {
    let path = format!("/reports/{}/{}/{}", k.plan_id, k.period_code, k.unit_code);
    let view: ReportView = device.get(&path).await;
    match view.state.on_time {
        Some(true) => Arrival::OnTime,
        Some(false) => Arrival::Late,
        None => Arrival::Missing,
    }
}
