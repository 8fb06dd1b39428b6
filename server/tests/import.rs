//! Imports: idempotent upserts, and bad files that name file, line and field and change nothing.

mod common;

use app::api::ImportSummary;
use app::domain::evaluation::CriteriaSet;
use common::{Backend, TestDb};
use server::import;
use server::store;

const ORG: &str = include_str!("../demo/org-units.csv");
const ORG_2025: &str = include_str!("../demo/org-units-hcm-2025.csv");
const LINEAGE: &str = include_str!("../demo/lineage-hcm-2025-07-01.csv");
const TEMPLATE: &str = include_str!("../demo/template-dan-van-chinh-quyen.toml");
const PLAN: &str = include_str!("../demo/plan-847-KH-UBND-2023.toml");
const USERS: &str = include_str!("../demo/users.csv");
const EVALUATION: &str = include_str!("../demo/evaluation-dan-van-2026.toml");

on_both!(
    importing_twice_changes_nothing_the_second_time,
    a_later_import_that_adds_and_moves_units_changes_every_subtree,
    a_bad_org_file_names_line_and_field_and_imports_nothing,
    a_bad_users_file_imports_nothing,
    a_users_file_sets_email_and_phone_and_one_without_them_keeps_them,
    the_lineage_dates_units_once_however_often_imported,
    a_bad_lineage_file_names_line_and_column_and_imports_nothing,
    unit_codes_are_letters_digits_and_three_signs,
    plans_need_their_template_and_known_units,
    criteria_sets_are_checked_whole_and_versioned,
    the_command_line_prints_a_summary,
);

async fn unit_count(db: &server::db::Db) -> usize {
    store::org::all(db).await.unwrap().len()
}

async fn importing_twice_changes_nothing_the_second_time(backend: Backend) {
    let test_db = TestDb::new(backend).await;
    let db = test_db.connect().await;
    let first = import::org_units(&db, "org.csv", ORG).await.unwrap();
    assert_eq!(counts(&first), (79, 0, 0, 0));
    let again = import::org_units(&db, "org.csv", ORG).await.unwrap();
    assert_eq!(counts(&again), (0, 0, 0, 79));
    let renamed = ORG.replace(
        "HCM.GV.P01,HCM.GV,phuong,Phường 1",
        "HCM.GV.P01,HCM.GV,phuong,Phường Một",
    );
    let third = import::org_units(&db, "org.csv", &renamed).await.unwrap();
    assert_eq!(counts(&third), (0, 1, 0, 78));

    assert_eq!(
        import::template(&db, "t.toml", TEMPLATE)
            .await
            .unwrap()
            .created,
        1
    );
    assert_eq!(
        import::template(&db, "t.toml", TEMPLATE)
            .await
            .unwrap()
            .unchanged,
        1
    );
    assert_eq!(import::plan(&db, "p.toml", PLAN).await.unwrap().created, 1);
    assert_eq!(
        import::plan(&db, "p.toml", PLAN).await.unwrap().unchanged,
        1
    );
    import::org_units(&db, "org-2025.csv", ORG_2025)
        .await
        .unwrap();
    assert_eq!(
        import::users(&db, "u.csv", USERS).await.unwrap().created,
        10
    );
    assert_eq!(
        import::users(&db, "u.csv", USERS).await.unwrap().unchanged,
        10
    );
}

/// Created, updated, moved and unchanged records.
fn counts(s: &ImportSummary) -> (usize, usize, usize, usize) {
    (s.created, s.updated, s.moved, s.unchanged)
}

/// Whether the stored spans put `code` in the subtree of `root`.
async fn within(db: &server::db::Db, code: &str, root: &str) -> bool {
    let span = |code| store::org::span(db, code);
    let (Some(unit), Some(root)) = (span(code).await.unwrap(), span(root).await.unwrap()) else {
        return false;
    };
    (root.pos..=root.end).contains(&unit.pos)
}

/// The codes of the subtree of `root` as the database's spans say, in collation order.
async fn codes_under(db: &server::db::Db, root: &str) -> Vec<String> {
    let mut out = Vec::new();
    for u in store::org::all(db).await.unwrap() {
        if within(db, &u.code, root).await {
            out.push(u.code);
        }
    }
    out
}

/// Subtrees are read through spans written on import: a second file that adds a ward and
/// moves one from Phú Nhuận into Gò Vấp (a merger) must renumber the whole tree.
async fn a_later_import_that_adds_and_moves_units_changes_every_subtree(backend: Backend) {
    let test_db = TestDb::new(backend).await;
    let db = test_db.connect().await;
    import::org_units(&db, "org.csv", ORG).await.unwrap();
    let gv = codes_under(&db, "HCM.GV").await;
    assert_eq!(gv.len(), 22);
    assert_eq!(codes_under(&db, "HCM.PN").await.len(), 16);
    assert_eq!(codes_under(&db, "HCM").await.len(), 40);

    let change = "code,parent_code,kind,name\n\
                  HCM.GV.P00,HCM.GV,phuong,Phường An Hội\n\
                  HCM.PN.P01,HCM.GV,phuong,Phường 2A\n";
    import::org_units(&db, "merge.csv", change).await.unwrap();
    let gv = codes_under(&db, "HCM.GV").await;
    assert_eq!(gv.len(), 24);
    for moved_or_new in ["HCM.PN.P01", "HCM.GV.P00"] {
        assert!(gv.contains(&moved_or_new.to_string()), "{moved_or_new}");
    }
    assert_eq!(codes_under(&db, "HCM.PN").await.len(), 15);
    assert_eq!(codes_under(&db, "HCM").await.len(), 41);
    assert_eq!(
        codes_under(&db, "HN").await.len(),
        20,
        "other trees keep theirs"
    );
    assert!(within(&db, "HCM.PN.P01", "HCM.GV").await);
    assert!(!within(&db, "HCM.PN.P01", "HCM.PN").await);
    assert!(within(&db, "HCM.GV", "HCM.GV").await);
    assert!(!within(&db, "HCM", "HCM.GV").await);

    // A database from before spans existed is numbered when the server connects.
    sqlx::query("UPDATE org_units SET tree_pos = 0, tree_end = 0")
        .execute(&db)
        .await
        .unwrap();
    assert_ne!(codes_under(&db, "HCM.GV").await, gv, "without spans");
    store::org::number_if_needed(&db).await.unwrap();
    assert_eq!(codes_under(&db, "HCM.GV").await, gv);
}

async fn a_bad_org_file_names_line_and_field_and_imports_nothing(backend: Backend) {
    let test_db = TestDb::new(backend).await;
    let db = test_db.connect().await;
    let bad_kind = "code,parent_code,kind,name\nX,,tinh,Tỉnh X\nX.1,X,lang,Làng 1\n";
    let err = only(
        import::org_units(&db, "org.csv", bad_kind)
            .await
            .unwrap_err(),
    );
    assert_eq!(err.line, Some(3));
    assert_eq!(err.field.as_deref(), Some("kind"));
    assert!(
        err.to_string()
            .starts_with("org.csv, dòng 3, cột “kind”: loại đơn vị “lang” không hợp lệ"),
        "{err}"
    );
    assert_eq!(
        unit_count(&db).await,
        0,
        "the valid first row was not imported either"
    );

    let bad_parent = "code,parent_code,kind,name\nX,,tinh,Tỉnh X\nX.1,Y,xa,Xã 1\n";
    let err = only(
        import::org_units(&db, "org.csv", bad_parent)
            .await
            .unwrap_err(),
    );
    assert_eq!(
        (err.line, err.field.as_deref()),
        (Some(3), Some("parent_code"))
    );
    assert!(
        err.to_string().contains("không có đơn vị cấp trên “Y”"),
        "{err}"
    );

    let empty_name = "code,parent_code,kind,name\nX,,tinh,\n";
    let err = only(
        import::org_units(&db, "org.csv", empty_name)
            .await
            .unwrap_err(),
    );
    assert_eq!((err.line, err.field.as_deref()), (Some(2), Some("name")));

    let spaced_code = "code,parent_code,kind,name\nX,,tinh,Tỉnh X\n\"X 1\",X,xa,Xã 1\n";
    let err = only(
        import::org_units(&db, "org.csv", spaced_code)
            .await
            .unwrap_err(),
    );
    assert_eq!((err.line, err.field.as_deref()), (Some(3), Some("code")));

    let missing_column = "code,kind,name\nX,tinh,Tỉnh X\n";
    let err = only(
        import::org_units(&db, "org.csv", missing_column)
            .await
            .unwrap_err(),
    );
    assert_eq!(err.field.as_deref(), Some("parent_code"));
    assert_eq!(unit_count(&db).await, 0);
}

async fn a_bad_users_file_imports_nothing(backend: Backend) {
    let test_db = TestDb::new(backend).await;
    let db = test_db.connect().await;
    import::org_units(&db, "org.csv", ORG).await.unwrap();
    import::org_units(&db, "org-2025.csv", ORG_2025)
        .await
        .unwrap();
    let bad = format!("{USERS}nguoi.moi,Người mới,nhap_lieu,HCM.GV.P99,,mat-khau-dai\n");
    let err = only(import::users(&db, "users.csv", &bad).await.unwrap_err());
    assert_eq!(
        (err.line, err.field.as_deref()),
        (Some(12), Some("unit_code"))
    );
    assert!(
        store::accounts::all(&db).await.unwrap().is_empty(),
        "no user of the file was imported"
    );

    let bad_role =
        "username,display_name,role,unit_code,scope_code,password\nabc,A,boss,HCM,,mat-khau-dai\n";
    let err = only(import::users(&db, "users.csv", bad_role).await.unwrap_err());
    assert_eq!((err.line, err.field.as_deref()), (Some(2), Some("role")));
    let short = "username,display_name,role,unit_code,scope_code,password\nabc,A,admin,HCM,,ngan\n";
    let err = only(import::users(&db, "users.csv", short).await.unwrap_err());
    assert_eq!(err.field.as_deref(), Some("password"));
    let upper = "username,display_name,role,unit_code,scope_code,password\nNguyenA,A,admin,HCM,,mat-khau-dai\n";
    let err = only(import::users(&db, "users.csv", upper).await.unwrap_err());
    assert_eq!(err.field.as_deref(), Some("username"));
}

async fn a_users_file_sets_email_and_phone_and_one_without_them_keeps_them(backend: Backend) {
    let test_db = TestDb::new(backend).await;
    let db = test_db.connect().await;
    import::org_units(&db, "org.csv", ORG).await.unwrap();
    import::org_units(&db, "org-2025.csv", ORG_2025)
        .await
        .unwrap();
    let header = "username,display_name,role,unit_code,scope_code,password";
    let with = format!(
        "{header},email,phone\nhanhthong.09,Cán bộ chín,nhap_lieu,26890,,mat-khau-dai,cb9@hanhthong.gov.vn,0903 123 456\n"
    );
    import::users(&db, "users.csv", &with).await.unwrap();
    let contacts = |a: store::accounts::AccountRow| (a.email, a.phone);
    let stored = store::accounts::get(&db, "hanhthong.09")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        contacts(stored),
        (
            Some("cb9@hanhthong.gov.vn".to_string()),
            Some("0903123456".to_string())
        )
    );
    // A file without the columns (as older files are) keeps what is stored.
    let without = format!("{header}\nhanhthong.09,Cán bộ chín,nhap_lieu,26890,,\n");
    import::users(&db, "users.csv", &without).await.unwrap();
    let stored = store::accounts::get(&db, "hanhthong.09")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.phone.as_deref(), Some("0903123456"));
    // An empty cell clears it; a bad address is named on its line.
    let cleared =
        format!("{header},email,phone\nhanhthong.09,Cán bộ chín,nhap_lieu,26890,,,,0903123456\n");
    import::users(&db, "users.csv", &cleared).await.unwrap();
    let stored = store::accounts::get(&db, "hanhthong.09")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(contacts(stored), (None, Some("0903123456".to_string())));
    let bad = format!("{header},email\nhanhthong.09,Cán bộ chín,nhap_lieu,26890,,,cb9.hanhthong\n");
    let err = only(import::users(&db, "users.csv", &bad).await.unwrap_err());
    assert_eq!((err.line, err.field.as_deref()), (Some(2), Some("email")));
}

async fn unit(db: &server::db::Db, code: &str) -> app::domain::org::OrgUnit {
    store::org::get(db, code).await.unwrap().unwrap()
}

fn day(text: &str) -> Option<chrono::NaiveDate> {
    Some(text.parse().unwrap())
}

async fn the_lineage_dates_units_once_however_often_imported(backend: Backend) {
    let test_db = TestDb::new(backend).await;
    let db = test_db.connect().await;
    import::org_units(&db, "org.csv", ORG).await.unwrap();
    let city = import::org_units(&db, "org-2025.csv", ORG_2025)
        .await
        .unwrap();
    assert_eq!(
        (city.created, city.unchanged),
        (170, 2),
        "the city and Sở Nội vụ were there"
    );
    let lines = LINEAGE.lines().count() - 1;
    let first = import::lineage(&db, "lineage.csv", LINEAGE).await.unwrap();
    assert_eq!(first.created, lines);
    let again = import::lineage(&db, "lineage.csv", LINEAGE).await.unwrap();
    assert_eq!((again.created, again.unchanged), (0, lines));

    let p01 = unit(&db, "HCM.GV.P01").await;
    assert_eq!((p01.from, p01.until), (None, day("2025-07-01")));
    let hanh_thong = unit(&db, "26890").await;
    assert_eq!(
        (hanh_thong.from, hanh_thong.until),
        (day("2025-07-01"), None)
    );
    assert_eq!(unit(&db, "HCM.GV").await.until, day("2025-07-01"));
    let city = unit(&db, "HCM").await;
    assert_eq!(
        (city.from, city.until),
        (None, None),
        "the city takes the districts' role"
    );
    assert_eq!(
        unit(&db, "HCM.GV.P04").await.until,
        None,
        "no successor recorded"
    );
    assert_eq!(unit(&db, "26732").await.kind.as_str(), "dac_khu");

    // Re-importing the tree keeps the dates the lineage gave.
    import::org_units(&db, "org.csv", ORG).await.unwrap();
    assert_eq!(unit(&db, "HCM.GV.P01").await.until, day("2025-07-01"));
    let events = store::lineage::all(&db).await.unwrap();
    assert_eq!(events.len(), lines);
}

async fn a_bad_lineage_file_names_line_and_column_and_imports_nothing(backend: Backend) {
    let test_db = TestDb::new(backend).await;
    let db = test_db.connect().await;
    import::org_units(&db, "org.csv", ORG).await.unwrap();
    import::org_units(&db, "org-2025.csv", ORG_2025)
        .await
        .unwrap();
    let cases = [
        ("HCM.GV.P03,26902", "HCM.GV.P33,26902", 3, "old_code"),
        (
            "26890,Phường Hạnh Thông,merge",
            "99999,Phường Hạnh Thông,merge",
            2,
            "new_code",
        ),
        (
            "2025-07-01,HCM.PN.P04",
            "2025-13-01,HCM.PN.P04",
            16,
            "effective",
        ),
        (
            "Phường Cầu Kiệu,split",
            "Phường Cầu Kiệu,chia",
            24,
            "change",
        ),
    ];
    for (from, to, line, column) in cases {
        let bad = LINEAGE.replacen(from, to, 1);
        assert_ne!(bad, LINEAGE, "{from}");
        let err = only(import::lineage(&db, "lineage.csv", &bad).await.unwrap_err());
        assert_eq!(
            (err.file.as_str(), err.line, err.field.as_deref()),
            ("lineage.csv", Some(line), Some(column)),
            "{err}"
        );
    }
    assert!(store::lineage::all(&db).await.unwrap().is_empty());
    assert_eq!(unit(&db, "HCM.GV.P01").await.until, None, "no unit dated");

    // A unit cannot end on two dates.
    import::lineage(&db, "lineage.csv", LINEAGE).await.unwrap();
    let later = "effective,old_code,old_name,new_code,change\n\
                 2026-01-01,HCM.GV.P01,Phường 1,26884,merge\n";
    let err = only(import::lineage(&db, "later.csv", later).await.unwrap_err());
    assert_eq!(
        (err.line, err.field.as_deref()),
        (Some(2), Some("effective")),
        "{err}"
    );
}

async fn unit_codes_are_letters_digits_and_three_signs(backend: Backend) {
    let test_db = TestDb::new(backend).await;
    let db = test_db.connect().await;
    let bad = "code,parent_code,kind,name\nHCM,,thanh_pho,TP\nHCM/Q1,HCM,quan,Quận 1\n";
    let err = only(import::org_units(&db, "org.csv", bad).await.unwrap_err());
    assert_eq!((err.line, err.field.as_deref()), (Some(3), Some("code")));
    assert_eq!(unit_count(&db).await, 0);
    let dated = "code,parent_code,kind,name,valid_from,valid_until\n\
                 HCM,,thanh_pho,TP,,\n\
                 Q1,HCM,quan,Quận 1,,2025-07-01\n";
    import::org_units(&db, "org.csv", dated).await.unwrap();
    assert_eq!(unit(&db, "Q1").await.until, day("2025-07-01"));
}

async fn plans_need_their_template_and_known_units(backend: Backend) {
    let test_db = TestDb::new(backend).await;
    let db = test_db.connect().await;
    import::org_units(&db, "org.csv", ORG).await.unwrap();
    let err = only(import::plan(&db, "plan.toml", PLAN).await.unwrap_err());
    assert!(
        err.to_string()
            .contains("chưa có mẫu báo cáo “dan-van-chinh-quyen”"),
        "{err}"
    );
    import::template(&db, "t.toml", TEMPLATE).await.unwrap();
    let unknown = PLAN.replace(
        "assignees = [\"HCM.GV.TTR\"]",
        "assignees = [\"HCM.GV.XYZ\"]",
    );
    let err = only(import::plan(&db, "plan.toml", &unknown).await.unwrap_err());
    assert_eq!(
        err.to_string(),
        "plan.toml: không có đơn vị “HCM.GV.XYZ” trong cây đơn vị"
    );
    assert!(store::plans::all(&db).await.unwrap().is_empty());

    let bad_template = TEMPLATE.replace(
        "hs_dung_han / (hs_dung_han + hs_tre_han)",
        "hs_dung_han / (hs_dung_han + hs_tre)",
    );
    let err = only(
        import::template(&db, "t2.toml", &bad_template)
            .await
            .unwrap_err(),
    );
    assert_eq!(
        err.to_string(),
        "t2.toml: trường “ty_le_dung_han”: mã trường “hs_tre” không tồn tại"
    );
}

async fn the_command_line_prints_a_summary(backend: Backend) {
    let test_db = TestDb::new(backend).await;
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("org.csv");
    std::fs::write(&good, ORG).unwrap();
    let run = |file: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["--database-url", &test_db.url, "import", "org-units"])
            .arg(file)
            .output()
            .unwrap()
    };
    let out = run(&good);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains("79 mới, 0 cập nhật, 0 chuyển đơn vị cấp trên, 0 không đổi"));
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "code,parent_code,kind,name\nZ,,sao_hoa,Z\n").unwrap();
    let out = run(&bad);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.csv, dòng 2, cột “kind”"), "{stderr}");
}

/// The one problem a refused file has.
fn only(refusal: import::Refusal) -> import::ImportError {
    assert_eq!(refusal.problems.len(), 1, "{refusal}");
    refusal.problems.into_iter().next().expect("a problem")
}

/// A criteria set needs its report template, names each problem with its line, and is
/// versioned as templates are: the same file again changes nothing, a changed one is the
/// next version.
async fn criteria_sets_are_checked_whole_and_versioned(backend: Backend) {
    let test_db = TestDb::new(backend).await;
    let db = test_db.connect().await;
    let refused = import::evaluation(&db, "tc.toml", EVALUATION)
        .await
        .expect_err("no template yet");
    assert!(
        refused
            .to_string()
            .contains("chưa có mẫu báo cáo “dan-van-chinh-quyen”"),
        "{refused}"
    );
    import::template(&db, "t.toml", TEMPLATE).await.unwrap();

    let bad = EVALUATION
        .replace(
            "max = 15\nkind = \"timeliness\"",
            "max = 20\nkind = \"timeliness\"",
        )
        .replace("field = \"mo_hinh_dvk\"", "field = \"khong_co\"");
    let refused = import::evaluation(&db, "tc.toml", &bad)
        .await
        .expect_err("points do not add up");
    let scale_line = EVALUATION
        .lines()
        .position(|l| l.starts_with("scale = "))
        .expect("scale")
        + 1;
    assert_eq!(refused.problems.len(), 1, "{refused}");
    assert_eq!(refused.problems[0].line, Some(scale_line as u64));
    assert!(refused.to_string().contains("105"), "{refused}");
    let unknown = bad.replace(
        "max = 20\nkind = \"timeliness\"",
        "max = 15\nkind = \"timeliness\"",
    );
    let refused = import::evaluation(&db, "tc.toml", &unknown)
        .await
        .expect_err("a field the template lacks");
    assert!(refused.to_string().contains("“khong_co”"), "{refused}");
    assert_eq!(
        store::versions::latest::<CriteriaSet>(&db, "danh-gia-dan-van-chinh-quyen")
            .await
            .unwrap(),
        None
    );

    let first = import::evaluation(&db, "tc.toml", EVALUATION)
        .await
        .unwrap();
    assert_eq!(first.created, 1);
    let again = import::evaluation(&db, "tc.toml", EVALUATION)
        .await
        .unwrap();
    assert_eq!(again.unchanged, 1);
    let changed = EVALUATION.replace("min = 90", "min = 85");
    let next = import::evaluation(&db, "tc.toml", &changed).await.unwrap();
    assert_eq!(next.items[0].key, "danh-gia-dan-van-chinh-quyen v2");
    let latest = store::versions::latest::<CriteriaSet>(&db, "danh-gia-dan-van-chinh-quyen")
        .await
        .unwrap()
        .expect("stored");
    assert_eq!(
        (latest.version, latest.grades[0].min.hundredths()),
        (2, 8500)
    );
    let first = store::versions::get::<CriteriaSet>(&db, "danh-gia-dan-van-chinh-quyen", 1)
        .await
        .unwrap()
        .expect("version 1 kept");
    assert_eq!(first.grades[0].min.hundredths(), 9000);
}
