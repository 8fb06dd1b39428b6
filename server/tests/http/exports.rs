//! The files a reviewer takes away, read back: XLSX through a spreadsheet reader, the DOCX
//! through LibreOffice (converted to PDF, whose text is then checked).

use crate::common::documents::{convert, download, paragraphs_through_libreoffice, DOCX, XLSX};
use crate::common::sync::{key, Device};
use crate::common::{Backend, TestApp};
use app::domain::value::Value;
use app::sync::Outcome;
use calamine::{Data, Reader, Xlsx};
use std::io::{Cursor, Read};
use std::process::Command;

on_both!(
    spreadsheets_hold_numbers_under_vietnamese_headers,
    spreadsheets_follow_the_reader_s_language,
    the_report_document_opens_in_libreoffice,
    a_ward_s_own_document_carries_its_figures_and_signer,
    documents_name_the_real_sender,
    a_pasted_control_character_leaves_the_document_readable,
    the_lineage_changes_no_past_figure,
);

const PLAN: &str = "847-KH-UBND-2023";
const PERIOD: &str = "2023-6T";

/// Submits a ward's report with dossier figures `(received, on time, late)` and a narrative.
async fn submit(d: &mut Device, unit: &str, (received, on_time, late): (u64, u64, u64)) {
    let figures = [
        ("hs_tiep_nhan", Value::Count(received)),
        ("hs_dung_han", Value::Count(on_time)),
        ("hs_tre_han", Value::Count(late)),
        (
            "cchc_text",
            Value::Text(format!("Giải quyết {on_time} hồ sơ đúng hạn.")),
        ),
    ];
    d.submit_with(&key(PLAN, PERIOD, unit), &figures).await;
}

/// Phường 1 and Phường 7 of Gò Vấp report 39.055 of 39.409 dossiers on time; returns the
/// district reviewer.
async fn two_wards_report(app: &TestApp) -> Device {
    two_wards_report_to(&app.base).await
}

async fn two_wards_report_to(base: &str) -> Device {
    let mut p01 = Device::login(base, "govap.p01").await;
    let mut p07 = Device::login(base, "govap.p07").await;
    submit(&mut p01, "HCM.GV.P01", (20_500, 20_000, 200)).await;
    submit(&mut p07, "HCM.GV.P07", (19_300, 19_055, 154)).await;
    Device::login(base, "govap.pnv").await
}

/// The worksheet XML of a sheet, to see what a reader library does not show (frozen panes).
fn sheet_xml(bytes: &[u8], n: usize) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

fn rows(bytes: &[u8], sheet: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn find<'a>(rows: &'a [Vec<Data>], first: &str) -> &'a [Data] {
    rows.iter()
        .find(|r| r.first().is_some_and(|c| c.to_string().trim() == first))
        .unwrap_or_else(|| panic!("no row {first}"))
}

async fn spreadsheets_hold_numbers_under_vietnamese_headers(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let reviewer = two_wards_report(&app).await;

    let progress = download(&reviewer, &format!("/progress/{PLAN}/{PERIOD}/xlsx"), XLSX).await;
    let table = rows(&progress, "Tiến độ");
    let head: Vec<String> = table[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(&head[..4], ["Đơn vị", "Trạng thái", "Phải nộp", "Đã nộp"]);
    let district = find(&table, "Quận Gò Vấp");
    assert_eq!(district[2], Data::Float(21.0));
    assert_eq!(district[3], Data::Float(2.0));
    assert_eq!(find(&table, "Phường 7")[1], Data::String("Đã nộp".into()));
    assert!(sheet_xml(&progress, 1)
        .contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#));
    let missing = rows(&progress, "Chưa nộp");
    assert_eq!(missing.len(), 1 + 19);

    let figures = download(
        &reviewer,
        &format!("/consolidation/{PLAN}/{PERIOD}/xlsx"),
        XLSX,
    )
    .await;
    let totals = rows(&figures, "Số liệu tổng hợp");
    let by_label = |label: &str| {
        totals
            .iter()
            .find(|r| r.get(1).is_some_and(|c| *c == label))
            .unwrap_or_else(|| panic!("no {label}"))[3]
            .clone()
    };
    assert_eq!(
        by_label("Số hồ sơ giải quyết đúng hạn"),
        Data::Float(39_055.0)
    );
    let Data::Float(rate) = by_label("Tỷ lệ hồ sơ giải quyết đúng hạn (trên số đã giải quyết)")
    else {
        panic!("the rate is a number")
    };
    assert!((rate - 39_055.0 / 39_409.0).abs() < 1e-12);
    let by_unit = rows(&figures, "Số liệu theo đơn vị");
    assert_eq!(find(&by_unit, "Tổng cộng").len(), by_unit[0].len());
    assert!(sheet_xml(&figures, 2).contains(r#"state="frozen""#));
}

/// A reader who chose English (the app's cookie), or whose browser asks for it, gets English
/// headers and sheet names; the names the data carries stay as they are.
async fn spreadsheets_follow_the_reader_s_language(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    two_wards_report(&app).await;
    // A reviewer's browser, whose cookies the test sets as the app would.
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let browser = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .build()
        .unwrap();
    let signed_in = browser
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({ "username": "govap.pnv", "password": "baocao-demo" }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    let path = app.url(&format!("/api/v1/progress/{PLAN}/{PERIOD}/xlsx"));
    let download = |accept: &'static str| {
        let request = browser.get(&path).header("accept-language", accept);
        async move {
            let resp = request.send().await.unwrap();
            assert_eq!(resp.status(), 200);
            resp.bytes().await.unwrap()
        }
    };
    let english = |bytes: &[u8], why: &str| {
        let table = rows(bytes, "Progress");
        let head: Vec<String> = table[0].iter().map(|c| c.to_string()).collect();
        assert_eq!(
            &head[..4],
            ["Unit", "Status", "Expected", "Submitted"],
            "{why}"
        );
        assert_eq!(
            find(&table, "Phường 7")[1],
            Data::String("Submitted".into())
        );
        assert_eq!(rows(bytes, "Missing")[0][0], Data::String("No.".into()));
    };

    english(&download("en-US,en;q=0.9").await, "an English browser");
    let url = reqwest::Url::parse(&app.url("/")).unwrap();
    jar.add_cookie_str("lang=vi; Path=/", &url);
    let chosen = download("en-US,en;q=0.9").await;
    assert_eq!(
        rows(&chosen, "Tiến độ")[0][0],
        Data::String("Đơn vị".into()),
        "the app's Vietnamese choice wins over an English browser"
    );
    jar.add_cookie_str("lang=en; Path=/", &url);
    english(&download("vi").await, "English chosen in the app");

    // The template's own words, in English where the template gives them.
    let figures = browser
        .get(app.url(&format!("/api/v1/consolidation/{PLAN}/{PERIOD}/xlsx")))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let totals = rows(&figures, TOTALS_EN);
    let visits = totals
        .iter()
        .find(|r| r.get(1).is_some_and(|c| *c == "Citizen reception visits"))
        .expect("the English label");
    assert_eq!(
        visits[0],
        Data::String("III. Receiving citizens, dialogue, complaints and denunciations".into())
    );
    assert_eq!(visits[2], Data::String("visits".into()));
}

const TOTALS_EN: &str = app::i18n::EN.totals_heading;

/// Each page's width and height in points, as pdfinfo reads them.
fn page_sizes(pdf: &std::path::Path) -> Vec<(f64, f64)> {
    let out = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "999"])
        .arg(pdf)
        .output()
        .expect("pdfinfo (Debian package poppler-utils) runs");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size:"))
        .filter_map(|l| {
            let mut numbers = l.split(':').nth(1)?.split_whitespace();
            let w = numbers.next()?.parse().ok()?;
            numbers.next(); // "x"
            let h = numbers.next()?.parse().ok()?;
            Some((w, h))
        })
        .collect()
}

/// The DOCX laid out as a PDF by LibreOffice, and that PDF's text.
fn through_libreoffice(docx: &[u8]) -> String {
    let (_dir, pdf) = convert(docx, "pdf", "pdf");
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (Debian package poppler-utils) runs");
    String::from_utf8(out.stdout).unwrap()
}

async fn the_report_document_opens_in_libreoffice(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let reviewer = two_wards_report(&app).await;

    let docx = download(
        &reviewer,
        &format!("/consolidation/{PLAN}/{PERIOD}/docx"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    .await;
    let text = through_libreoffice(&docx);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // The figures by unit are too wide for a portrait page: the annex's pages are landscape.
    let (_dir, pdf) = convert(&docx, "pdf", "pdf");
    let sizes = page_sizes(&pdf);
    let (first, last) = (sizes[0], sizes[sizes.len() - 1]);
    assert!(first.0 < first.1, "the report is portrait: {sizes:?}");
    assert!(last.0 > last.1, "its annex is landscape: {sizes:?}");
    for expected in [
        "Phụ lục I: Số liệu theo đơn vị",
        "Phụ lục II: Đơn vị nộp trễ hạn, đơn vị chưa nộp báo cáo",
        "19 đơn vị chưa nộp báo cáo (danh sách tại Phụ lục II)",
        "Chưa nộp",
        "ỦY BAN NHÂN DÂN",
        "QUẬN GÒ VẤP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: /BC-UBND",
        "Gò Vấp, ngày",
        "BÁO CÁO",
        "Kính gửi: Ủy ban nhân dân Thành phố Hồ Chí Minh.",
        "Thực hiện Kế hoạch số 847/KH-UBND ngày 10/03/2023",
        "IV. Dân vận gắn với cải cách hành chính",
        "Phường 1: Giải quyết 20000 hồ sơ đúng hạn.",
        "39.055 hồ sơ",
        "99,10%",
        "Tổng hợp từ báo cáo của 2/21 đơn vị.",
        "Nơi nhận:",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Đào Thị My Thư",
    ] {
        assert!(
            flat.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

/// A ward's own report as the document it signs: its figures, narrative and tasks, the
/// number, date and signer it set; refused to another ward.
async fn a_ward_s_own_document_carries_its_figures_and_signer(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut ward = Device::login(&app.base, "govap.p01").await;
    let k = key(PLAN, PERIOD, "HCM.GV.P01");
    let text = |s: &str| Some(Value::Text(s.into()));
    // A signing date is stored as an ISO date: what a device sends as typed is refused.
    let typed = ward.set(&k, "doc:signed_on", text("03/05/2023"), &[]);
    let refused = ward.sync(&[typed]).await.results;
    assert_eq!(refused[0].outcome, Outcome::Rejected, "{refused:?}");
    let parts = [
        ward.set(&k, "doc:number", text("12"), &[]),
        ward.set(&k, "doc:signed_on", text("2023-05-03"), &[]),
        ward.set(&k, "doc:signer", text("Nguyễn Văn An"), &[]),
        ward.set(&k, "doc:signer_title", text("Phó Chủ tịch"), &[]),
    ];
    let results = ward.sync(&parts).await.results;
    assert!(
        results.iter().all(|r| r.outcome == Outcome::Applied),
        "{results:?}"
    );
    submit(&mut ward, "HCM.GV.P01", (20_500, 20_000, 200)).await;

    let path = format!("/reports/{PLAN}/{PERIOD}/HCM.GV.P01/docx");
    let docx = download(&ward, &path, DOCX).await;
    let text = paragraphs_through_libreoffice(&docx);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG 1",
        "Số: 12/BC-UBND",
        "Phường 1, ngày 03 tháng 5 năm 2023",
        "BÁO CÁO",
        "Kính gửi: Phòng Nội vụ quận Gò Vấp.",
        "Thực hiện Kế hoạch số 847/KH-UBND ngày 10/03/2023 của Ủy ban nhân dân quận Gò Vấp",
        "Ủy ban nhân dân phường 1 báo cáo",
        "Giải quyết 20000 hồ sơ đúng hạn.",
        "20.500 hồ sơ",
        "Kết quả thực hiện các nhiệm vụ theo Kế hoạch",
        "Chưa thực hiện",
        "Nơi nhận:",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn An",
    ] {
        assert!(
            flat.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // The read rule of reports: another ward of the district may not read it.
    let other = Device::login(&app.base, "govap.p07").await;
    let resp = other
        .client
        .get(format!("{}/api/v1{path}", other.base))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), 403);
}

/// The city plan's DOCX for the city, one of its agencies and one of its wards: each names
/// its own sender, symbol, addressee and signature.
async fn documents_name_the_real_sender(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let reviewer = Device::login(&app.base, "hcm.snv").await;
    let year = chrono::Datelike::year(&chrono::Utc::now()) + 1;
    let plan = format!("95-KH-UBND-{year}");
    let range = format!(
        "Số liệu tính từ ngày 15/12/{} đến ngày 14/06/{year}",
        year - 1
    );
    let cases: [(&str, &[&str], &[&str]); 3] = [
        (
            "HCM",
            &[
                "ỦY BAN NHÂN DÂN",
                "THÀNH PHỐ HỒ CHÍ MINH",
                "Số: /BC-UBND",
                "Kết quả thực hiện công tác dân vận chính quyền và quy chế dân chủ ở cơ sở 6 tháng đầu năm",
                &range,
                "Thực hiện Kế hoạch số 95/KH-UBND",
                // Where the plan sends the city's own report.
                "Kính gửi: Bộ Nội vụ.",
                "- Như trên;",
                "- Ban Dân vận Thành ủy Thành phố Hồ Chí Minh;",
                "- Sở Nội vụ Thành phố Hồ Chí Minh;",
                "- Lưu: VT, SNV.",
                "KT. CHỦ TỊCH",
            ],
            &["Kính gửi: Ủy ban"],
        ),
        (
            "HCM.SNV",
            &[
                "UBND THÀNH PHỐ HỒ CHÍ MINH",
                "SỞ NỘI VỤ",
                "Số: /BC-SNV",
                "Kính gửi: Ủy ban nhân dân Thành phố Hồ Chí Minh.",
                "Sở Nội vụ Thành phố Hồ Chí Minh báo cáo",
                "GIÁM ĐỐC",
            ],
            &["/BC-UBND", "TM. ỦY BAN NHÂN DÂN"],
        ),
        (
            "26890",
            &[
                "ỦY BAN NHÂN DÂN",
                "PHƯỜNG HẠNH THÔNG",
                "Số: /BC-UBND",
                "Kính gửi: Sở Nội vụ Thành phố Hồ Chí Minh.",
                "TM. ỦY BAN NHÂN DÂN",
                "CHỦ TỊCH",
            ],
            &["QUẬN GÒ VẤP"],
        ),
    ];
    for (unit, present, absent) in cases {
        let docx = download(
            &reviewer,
            &format!("/consolidation/{plan}/{year}-6T/docx?unit={unit}"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        .await;
        let text = paragraphs_through_libreoffice(&docx);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for expected in present {
            assert!(
                flat.contains(expected),
                "{unit}: {expected:?} missing from:\n{text}"
            );
        }
        for unexpected in absent {
            assert!(
                !flat.contains(unexpected),
                "{unit}: {unexpected:?} in:\n{text}"
            );
        }
    }
}

/// Every file of a download except its properties (which hold the time it was made).
/// Paragraph ids (`w14:paraId`) are left out too: docx-rs numbers paragraphs from a counter
/// of the thread that builds the document, so they name the same paragraphs differently
/// from one download to the next.
fn contents(bytes: &[u8]) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            let name = file.name().unwrap().to_string();
            if name.ends_with(".xml") {
                let xml = String::from_utf8(data).unwrap();
                let without_ids: String = xml
                    .split(" w14:paraId=\"")
                    .enumerate()
                    .map(|(i, part)| match i {
                        0 => part,
                        _ => part.split_once('"').map_or(part, |(_, rest)| rest),
                    })
                    .collect();
                data = without_ids.into_bytes();
            }
            (name, data)
        })
        .filter(|(name, _)| !name.starts_with("docProps/"))
        .collect()
}

/// The 2023 district as it was, before and after the 2025 tree and lineage are imported:
/// its progress, consolidation, XLSX and DOCX do not change.
async fn the_lineage_changes_no_past_figure(backend: Backend) {
    let test_db = crate::common::TestDb::new(backend).await;
    let db = test_db.connect().await;
    let demo = |name: &str| std::fs::read_to_string(format!("demo/{name}")).unwrap();
    server::import::org_units(&db, "org.csv", &demo("org-units.csv"))
        .await
        .unwrap();
    server::import::template(&db, "t.toml", &demo("template-dan-van-chinh-quyen.toml"))
        .await
        .unwrap();
    server::import::plan(&db, "p.toml", &demo("plan-847-KH-UBND-2023.toml"))
        .await
        .unwrap();
    let users_2023: String = demo("users.csv")
        .lines()
        .filter(|l| l.starts_with("username") || l.contains(",HCM"))
        .map(|l| format!("{l}\n"))
        .collect();
    server::import::users(&db, "u.csv", &users_2023)
        .await
        .unwrap();
    let base = crate::common::serve(&test_db.url, false).await;
    let reviewer = two_wards_report_to(&base).await;

    let json = |path: String| {
        let reviewer = &reviewer;
        async move {
            let resp = reviewer
                .client
                .get(format!("{}/api/v1{path}", reviewer.base))
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), 200, "{path}");
            resp.json::<serde_json::Value>().await.unwrap()
        }
    };
    let snapshot = || async {
        (
            json(format!("/progress/{PLAN}/{PERIOD}")).await,
            json(format!("/consolidation/{PLAN}/{PERIOD}")).await,
            contents(
                &download(
                    &reviewer,
                    &format!("/consolidation/{PLAN}/{PERIOD}/xlsx"),
                    XLSX,
                )
                .await,
            ),
            contents(
                &download(
                    &reviewer,
                    &format!("/consolidation/{PLAN}/{PERIOD}/docx"),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                )
                .await,
            ),
        )
    };
    let before = snapshot().await;
    server::import::org_units(&db, "org-2025.csv", &demo("org-units-hcm-2025.csv"))
        .await
        .unwrap();
    server::import::lineage(&db, "lineage.csv", &demo("lineage-hcm-2025-07-01.csv"))
        .await
        .unwrap();
    // The server has not seen the change yet (another process made it), but its queries read
    // the units as they are stored now: every report is still found.
    assert_eq!(
        before.0,
        json(format!("/progress/{PLAN}/{PERIOD}")).await,
        "progress before the server reloads its catalog"
    );
    tokio::time::sleep(server::catalog::CHECK_EVERY + std::time::Duration::from_millis(200)).await;
    let mut after = snapshot().await;
    assert_eq!(before.0, after.0, "progress");
    // The district itself now has the day it ended; what it consolidated has not changed.
    assert_eq!(after.1["unit"]["until"], "2025-07-01");
    after.1["unit"].as_object_mut().unwrap().remove("until");
    assert_eq!(before.1, after.1, "consolidation");
    assert!(before.2 == after.2, "XLSX");
    assert!(before.3 == after.3, "DOCX");
    assert_eq!(before.0["root"]["tally"]["expected"], 21);
}

/// A narrative pasted from Word with its line break (U+000B), a character XML forbids,
/// still gives a document LibreOffice opens, and the text reads on.
async fn a_pasted_control_character_leaves_the_document_readable(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut p01 = Device::login(&app.base, "govap.p01").await;
    let figures = [(
        "cchc_text",
        Value::Text("Dòng một\u{b}dòng hai <script>alert(1)</script>".into()),
    )];
    p01.submit_with(&key(PLAN, PERIOD, "HCM.GV.P01"), &figures)
        .await;
    let reviewer = Device::login(&app.base, "govap.pnv").await;
    let docx = download(
        &reviewer,
        &format!("/consolidation/{PLAN}/{PERIOD}/docx"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    .await;
    let text = paragraphs_through_libreoffice(&docx);
    assert!(
        text.contains("Dòng một dòng hai <script>alert(1)</script>"),
        "{text}"
    );
}
