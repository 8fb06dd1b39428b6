//! The HTTP API against the real app, on SQLite and PostgreSQL.

use crate::common::{Backend, TestApp};
use app::api::{ApiError, Me, PlanOverview, ReportView, Role, SiteInfo, TimelinessView};
use chrono::Datelike;

on_both!(
    health_and_pages_are_vietnamese,
    login_sets_a_safe_cookie_and_logout_ends_it,
    wrong_password_is_refused_in_vietnamese,
    requests_without_session_are_unauthorized,
    ward_staff_see_their_own_periods,
    a_new_ward_sees_the_city_plan_and_its_former_wards_reports,
    a_reviewer_home_page_is_a_line_per_period,
    reviewer_sees_the_subtree_in_vietnamese_order,
    report_access_follows_the_tree,
    the_openapi_document_lists_the_routes,
    demo_accounts_are_listed_in_demo_mode,
);

async fn health_and_pages_are_vietnamese(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let health = app.get("/healthz").await;
    assert_eq!(health.status(), 200);
    for path in [
        "/",
        "/dang-nhap",
        "/bao-cao/847-KH-UBND-2023/2023-6T/HCM.GV.P01",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status(), 200, "{path}");
        let html = page.text().await.unwrap();
        assert!(
            html.starts_with("<!DOCTYPE html><html lang=\"vi\">"),
            "{path}: {}",
            &html[..80.min(html.len())]
        );
    }
}

async fn login_sets_a_safe_cookie_and_logout_ends_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let resp = app.login("govap.p01").await;
    assert_eq!(resp.status(), 200);
    let cookie = resp.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("baocao_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let me: Me = resp.json().await.unwrap();
    assert_eq!(
        (me.role, me.unit.code.as_str()),
        (Role::NhapLieu, "HCM.GV.P01")
    );

    assert_eq!(app.get("/api/v1/me").await.status(), 200);
    let out = app
        .client
        .delete(app.url("/api/v1/session"))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    assert_eq!(app.get("/api/v1/me").await.status(), 401);
}

async fn wrong_password_is_refused_in_vietnamese(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for username in ["govap.p01", "khong.ton.tai"] {
        let resp = app
            .client
            .post(app.url("/api/v1/session"))
            .json(&serde_json::json!({ "username": username, "password": "sai-mat-khau" }))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 401);
        let err: ApiError = resp.json().await.unwrap();
        assert_eq!(err.code.as_str(), "bad_credentials");
        assert_eq!(err.message, "Tên đăng nhập hoặc mật khẩu không đúng.");
    }
}

async fn requests_without_session_are_unauthorized(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for path in [
        "/api/v1/me",
        "/api/v1/periods",
        "/api/v1/reports/847-KH-UBND-2023/2023-6T/HCM.GV.P01",
    ] {
        let resp = app.get(path).await;
        assert_eq!(resp.status(), 401, "{path}");
        let err: ApiError = resp.json().await.unwrap();
        assert_eq!(err.code.as_str(), "unauthorized");
    }
}

async fn ward_staff_see_their_own_periods(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.login("govap.p01").await;
    let plans: Vec<PlanOverview> = app.get("/api/v1/periods").await.json().await.unwrap();
    // Phường 1 of Gò Vấp ended on 01/07/2025: the 2023 plan is all it ever owed.
    let years: Vec<i32> = plans.iter().map(|p| p.year).collect();
    assert_eq!(years, vec![2023]);
    for p in &plans[0].periods {
        let units: Vec<&str> = p.units.iter().map(|u| u.unit_code.as_str()).collect();
        assert_eq!(units, vec!["HCM.GV.P01"]);
        assert_eq!(p.tally, None, "staff get no tally");
    }
    let p2023 = &plans[0].periods[0].period;
    assert_eq!(
        p2023.due_before,
        chrono::NaiveDate::from_ymd_opt(2023, 5, 5).unwrap()
    );

    // A ward of another district has no Gò Vấp plan.
    let other = app.client_of("phunhuan.p02").await;
    let plans: Vec<PlanOverview> = app.json_for(&other, "/api/v1/periods").await;
    assert!(plans.is_empty());
}

async fn a_new_ward_sees_the_city_plan_and_its_former_wards_reports(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.login("hanhthong.01").await;
    let plans: Vec<PlanOverview> = app.get("/api/v1/periods").await.json().await.unwrap();
    let this_year = chrono::Utc::now().year();
    let years: Vec<i32> = plans.iter().map(|p| p.year).collect();
    assert_eq!(years, vec![this_year + 1, this_year, 2023]);
    for p in &plans[0].periods {
        let units: Vec<&str> = p.units.iter().map(|u| u.unit_code.as_str()).collect();
        assert_eq!(units, vec!["26890"]);
        // The year's evaluation reads the annual report's figures; it has none of its own.
        assert!(
            p.period.data_range.is_some() || p.period.evaluation.is_some(),
            "the city plan states the data range of each report"
        );
    }
    for p in &plans[2].periods {
        let former: Vec<(&str, &str)> = p
            .units
            .iter()
            .map(|u| {
                let f = u
                    .former
                    .as_ref()
                    .expect("only former units owed the 2023 plan");
                (u.unit_code.as_str(), f.name.as_str())
            })
            .collect();
        assert_eq!(
            former,
            [
                ("HCM.GV.P01", "Phường 1, Quận Gò Vấp"),
                ("HCM.GV.P03", "Phường 3, Quận Gò Vấp")
            ]
        );
        assert_eq!(
            p.units[0].former.as_ref().and_then(|f| f.until),
            chrono::NaiveDate::from_ymd_opt(2025, 7, 1)
        );
    }
    // Their reports read, not written.
    let read = app
        .get("/api/v1/reports/847-KH-UBND-2023/2023-6T/HCM.GV.P01")
        .await;
    assert_eq!(read.status(), 200);
    let other = app
        .get("/api/v1/reports/847-KH-UBND-2023/2023-6T/HCM.GV.P05")
        .await;
    assert_eq!(other.status(), 403, "Phường 5 went to Phường An Nhơn");
}

async fn a_reviewer_home_page_is_a_line_per_period(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.login("govap.pnv").await;
    let plans: Vec<PlanOverview> = app.get("/api/v1/periods").await.json().await.unwrap();
    let years: Vec<i32> = plans.iter().map(|p| p.year).collect();
    assert_eq!(years, vec![2023], "the district ended with 2025");
    for p in &plans[0].periods {
        let tally = p.tally.expect("a reviewer's tally");
        assert_eq!(
            (tally.expected, tally.missing),
            (21, 21),
            "16 wards and 5 agencies"
        );
        let own: Vec<&str> = p.units.iter().map(|u| u.unit_code.as_str()).collect();
        assert_eq!(
            own,
            ["HCM.GV.PNV", "HCM.GV"],
            "its own report and the district's"
        );
    }

    let city = app.client_of("hcm.snv").await;
    let plans: Vec<PlanOverview> = app.json_for(&city, "/api/v1/periods").await;
    let this_year = chrono::Utc::now().year();
    assert_eq!(plans[0].year, this_year + 1);
    let tally = plans[0].periods[0].tally.expect("a reviewer's tally");
    assert_eq!(
        tally.expected,
        168 + 3,
        "every commune and the three agencies"
    );
    let own: Vec<&str> = plans[0].periods[0]
        .units
        .iter()
        .map(|u| u.unit_code.as_str())
        .collect();
    assert_eq!(own, ["HCM.SNV", "HCM"]);
    let old = plans
        .iter()
        .find(|p| p.year == 2023)
        .expect("the 2023 plan as history");
    assert_eq!(
        old.periods[0].tally.map(|t| t.expected),
        Some(22),
        "Gò Vấp's units and its own report"
    );
}

async fn reviewer_sees_the_subtree_in_vietnamese_order(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.login("govap.pnv").await;
    let grid: TimelinessView = app.get("/api/v1/timeliness").await.json().await.unwrap();
    let names: Vec<&str> = grid.rows.iter().map(|r| r.unit_name.as_str()).collect();
    assert_eq!(names.len(), 21, "16 wards and 5 agencies: {names:?}");
    let wards: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| n.starts_with("Phường "))
        .collect();
    assert_eq!(
        &wards[..4],
        &["Phường 1", "Phường 3", "Phường 4", "Phường 5"]
    );
    let p9 = wards.iter().position(|n| *n == "Phường 9").unwrap();
    let p10 = wards.iter().position(|n| *n == "Phường 10").unwrap();
    assert!(p9 < p10, "numbered wards in numeric order: {wards:?}");
    assert_eq!(
        names[0], "Phòng Nội vụ quận Gò Vấp",
        "ò before ư: {names:?}"
    );
    assert_eq!(names.last(), Some(&"Văn phòng Ủy ban nhân dân quận Gò Vấp"));
}

async fn report_access_follows_the_tree(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.login("govap.p01").await;
    let own = app
        .get("/api/v1/reports/847-KH-UBND-2023/2023-6T/HCM.GV.P01")
        .await;
    assert_eq!(own.status(), 200);
    let view: ReportView = own.json().await.unwrap();
    assert_eq!(view.unit.name, "Phường 1");
    assert_eq!(
        view.template.decode().expect("template").id,
        "dan-van-chinh-quyen"
    );
    assert_eq!(view.tasks.len(), 19);
    assert_eq!(
        view.period.due_before,
        chrono::NaiveDate::from_ymd_opt(2023, 5, 5).unwrap()
    );

    let other = app
        .get("/api/v1/reports/847-KH-UBND-2023/2023-6T/HCM.GV.P07")
        .await;
    assert_eq!(other.status(), 403);
    let missing = app
        .get("/api/v1/reports/847-KH-UBND-2023/2099-6T/HCM.GV.P01")
        .await;
    assert_eq!(missing.status(), 404);
    let err: ApiError = missing.json().await.unwrap();
    assert_eq!(
        err.message,
        "Không tìm thấy báo cáo 847-KH-UBND-2023/2099-6T/HCM.GV.P01."
    );

    let reviewer = TestApp::new_client();
    reviewer
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({ "username": "govap.pnv", "password": "baocao-demo" }))
        .send()
        .await
        .unwrap();
    let get = |path: &str| reviewer.get(app.url(path)).send();
    assert_eq!(
        get("/api/v1/reports/847-KH-UBND-2023/2023-6T/HCM.GV.P07")
            .await
            .unwrap()
            .status(),
        200
    );
    // Phú Nhuận is outside Gò Vấp's subtree.
    assert_eq!(
        get("/api/v1/reports/847-KH-UBND-2023/2023-6T/HCM.PN.P02")
            .await
            .unwrap()
            .status(),
        403
    );
}

async fn the_openapi_document_lists_the_routes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let doc: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    let paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for p in [
        "/api/v1/session",
        "/api/v1/me",
        "/api/v1/periods",
        "/api/v1/site",
        "/api/v1/reports/{plan_id}/{period_code}/{unit_code}",
        "/api/v1/progress/{plan_id}/{period_code}",
        "/api/v1/consolidation/{plan_id}/{period_code}",
        "/api/v1/task-progress/{plan_id}/{period_code}",
        "/api/v1/timeliness",
        "/api/v1/sync",
    ] {
        assert!(paths.contains(&p), "{p} missing from {paths:?}");
    }
    // A parameter said to be in the path is one of the path's own (query strings are
    // declared as such).
    for (path, item) in doc["paths"].as_object().unwrap() {
        for operation in item.as_object().unwrap().values() {
            for param in operation["parameters"].as_array().into_iter().flatten() {
                if param["in"] == "path" {
                    let name = param["name"].as_str().unwrap();
                    assert!(
                        path.contains(&format!("{{{name}}}")),
                        "{path}: {name} is not in the path"
                    );
                }
            }
        }
    }
    // Every documented path answers something other than "no such route".
    for p in paths {
        let concrete = p
            .replace("{plan_id}", "x")
            .replace("{period_code}", "y")
            .replace("{unit_code}", "z");
        assert_ne!(app.get(&concrete).await.status(), 404, "{p}");
    }
}

async fn demo_accounts_are_listed_in_demo_mode(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // A real account on the same database is never listed.
    let users = "username,display_name,role,unit_code,scope_code,password\n\
                 nguyen.van.a,Nguyễn Văn A,nhap_lieu,26890,,mat-khau-that\n";
    server::import::users(&app.db, "u.csv", users)
        .await
        .unwrap();
    let site: SiteInfo = app.get("/api/v1/site").await.json().await.unwrap();
    let names: Vec<&str> = site
        .demo_accounts
        .iter()
        .map(|a| a.username.as_str())
        .collect();
    assert_eq!(
        names,
        vec![
            "admin",
            "govap.p01",
            "govap.p01b",
            "govap.p07",
            "govap.pnv",
            "hanhthong.01",
            "hanhthong.02",
            "hcm.snv",
            "phunhuan.p02",
            "thongtayhoi.01"
        ]
    );
}
