//! Accounts in their administrators' hands: a reset password that must be changed at the
//! next sign-in, closing an account (its open sessions end at once), the user's own change
//! of password, the administration log, and refusals outside the administrator's scope.

use crate::common::{Backend, TestApp};
use app::api::{
    Account, AccountEdit, AccountInput, AdminAction, AdminLogEntry, ApiError, Me, NewAccount,
    OneTimePassword, PasswordChange, ProgressView, Role,
};
use app::domain::org::OrgUnit;
use reqwest::Client;

on_both!(
    a_reset_password_must_be_changed_before_anything_else,
    a_closed_account_is_signed_out_at_once_and_cannot_sign_in,
    a_user_changes_their_own_password_within_the_policy,
    administrators_act_within_their_scope_only,
    an_administrator_opens_an_account_that_must_choose_its_password,
    a_change_to_an_account_names_bad_fields_and_refuses_a_stale_form,
    administrators_find_units_of_their_scope_as_typed,
);

fn input(username: &str, role: &str, unit: &str, scope: &str) -> AccountInput {
    AccountInput {
        username: username.into(),
        display_name: "Nguyễn Thị Bích".into(),
        role: role.into(),
        unit_code: unit.into(),
        scope_code: scope.into(),
        ..AccountInput::default()
    }
}

async fn an_administrator_opens_an_account_that_must_choose_its_password(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.client_of("admin").await;
    let resp = admin
        .post(app.url("/api/v1/admin/accounts"))
        .json(&AccountInput {
            email: " can.bo3@hanhthong.gov.vn ".into(),
            phone: "+84 903 123 456".into(),
            ..input(" hanhthong.03 ", "nhap_lieu", "26890", "")
        })
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    let new: NewAccount = resp.json().await.unwrap();
    assert_eq!(new.account.username, "hanhthong.03");
    assert_eq!(
        (new.account.email.as_deref(), new.account.phone.as_deref()),
        (Some("can.bo3@hanhthong.gov.vn"), Some("0903123456"))
    );
    // The city's reviewer sees the phone beside the ward, to call.
    let year = chrono::Datelike::year(&chrono::Utc::now());
    let reviewer = app.client_of("hcm.snv").await;
    let progress: ProgressView = app
        .json_for(
            &reviewer,
            &format!("/api/v1/progress/95-KH-UBND-{year}/{year}-N"),
        )
        .await;
    let ward = progress
        .outstanding
        .iter()
        .find(|o| o.unit_code == "26890")
        .expect("Hạnh Thông owes its report");
    let staff = ward
        .staff
        .iter()
        .find(|s| s.username == "hanhthong.03")
        .expect("the new account");
    assert_eq!(staff.phone.as_deref(), Some("0903123456"));
    assert_eq!(new.account.scope_code, "26890");
    assert!(new.account.active && new.account.must_change_password);
    assert_eq!(new.password.len(), 12);
    // The new user signs in with it and must choose their own before anything else.
    let (user, status, body) = sign_in(&app, "hanhthong.03", &new.password).await;
    assert_eq!(status, 200, "{body}");
    let me: Me = serde_json::from_str(&body).unwrap();
    assert!(me.must_change_password);
    let periods = user.get(app.url("/api/v1/periods")).send().await.unwrap();
    assert_eq!(periods.status(), 403);
    // The same username again is a conflict, not a second account.
    let again = admin
        .post(app.url("/api/v1/admin/accounts"))
        .json(&input("hanhthong.03", "nhap_lieu", "26890", ""))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 409);
    // Every bad field named, nothing written.
    let bad = admin
        .post(app.url("/api/v1/admin/accounts"))
        .json(&AccountInput {
            display_name: " ".into(),
            email: "can.bo".into(),
            phone: "123".into(),
            ..input("Cán Bộ", "sep", "HCM.KHONGCO", "")
        })
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let error: ApiError = bad.json().await.unwrap();
    let fields: Vec<&str> = error.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "username",
            "display_name",
            "role",
            "unit_code",
            "email",
            "phone"
        ]
    );
    let log: Vec<AdminLogEntry> = app
        .json_for(&admin, "/api/v1/admin/log?action=create")
        .await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].target, "hanhthong.03");
    // A district's administrator cannot open an account outside the district, nor give
    // one a wider scope than their own.
    let district = app.district_admin().await;
    for (unit, scope) in [("HCM.PN.P02", ""), ("HCM.GV.PNV", "HCM")] {
        let refused = district
            .post(app.url("/api/v1/admin/accounts"))
            .json(&input("gv.moi", "tong_hop", unit, scope))
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 403, "{unit} {scope}");
    }
}

async fn a_change_to_an_account_names_bad_fields_and_refuses_a_stale_form(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.client_of("admin").await;
    let read: Account = app
        .json_for(&admin, "/api/v1/admin/accounts/govap.p07")
        .await;
    let put = |edit: AccountEdit| {
        admin
            .put(app.url("/api/v1/admin/accounts/govap.p07"))
            .json(&edit)
            .send()
    };
    // The ward officer becomes the district's reviewer; the change applies to their
    // open session at once.
    let ward = app.client_of("govap.p07").await;
    let promoted = AccountEdit {
        before: read.input(),
        after: input("govap.p07", "tong_hop", "HCM.GV.PNV", "HCM.GV"),
    };
    let resp = put(promoted.clone()).await.unwrap();
    assert_eq!(resp.status(), 200);
    let changed: Account = resp.json().await.unwrap();
    assert_eq!(
        (changed.role, changed.scope_code.as_str()),
        (Role::TongHop, "HCM.GV")
    );
    let me: Me = app.json_for(&ward, "/api/v1/me").await;
    assert_eq!(me.scope.code, "HCM.GV");
    // A second administrator's form, read before that change, is refused.
    let stale = put(AccountEdit {
        before: read.input(),
        after: AccountInput {
            display_name: "Tên khác".into(),
            ..read.input()
        },
    })
    .await
    .unwrap();
    assert_eq!(stale.status(), 409);
    // Bad fields are named; a username cannot be changed.
    let bad = put(AccountEdit {
        before: changed.input(),
        after: input("govap.p07", "nhap_lieu", "HCM.GV.P07", "HCM.GV"),
    })
    .await
    .unwrap();
    assert_eq!(bad.status(), 422);
    let error: ApiError = bad.json().await.unwrap();
    assert_eq!(error.fields[0].field, "scope_code");
    let renamed = put(AccountEdit {
        before: changed.input(),
        after: input("govap.p99", "nhap_lieu", "HCM.GV.P07", ""),
    })
    .await
    .unwrap();
    assert_eq!(renamed.status(), 422);
    // An administrator cannot change their own role.
    let own: Account = app.json_for(&admin, "/api/v1/admin/accounts/admin").await;
    let demoted = admin
        .put(app.url("/api/v1/admin/accounts/admin"))
        .json(&AccountEdit {
            before: own.input(),
            after: AccountInput {
                role: "nhap_lieu".into(),
                scope_code: String::new(),
                ..own.input()
            },
        })
        .send()
        .await
        .unwrap();
    assert_eq!(demoted.status(), 403);
    let log: Vec<AdminLogEntry> = app
        .json_for(&admin, "/api/v1/admin/log?action=update&target=govap.p07")
        .await;
    assert_eq!(log.len(), 1);
    // Read by names: the roles, the unit and the scope.
    let before = log[0].before.as_deref().unwrap();
    assert!(
        before.ends_with(" · Nhập liệu · đơn vị Phường 7 · phạm vi Phường 7"),
        "{before}"
    );
    assert!(log[0].after.as_deref().unwrap().contains(" · Tổng hợp · "));
}

async fn administrators_find_units_of_their_scope_as_typed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.client_of("admin").await;
    let found: Vec<OrgUnit> = app
        .json_for(&admin, "/api/v1/admin/units?q=hanh%20thong")
        .await;
    assert!(
        found.iter().any(|u| u.name == "Phường Hạnh Thông"),
        "{found:?}"
    );
    let by_code: Vec<OrgUnit> = app
        .json_for(&admin, "/api/v1/admin/units?q=HCM.GV.P0")
        .await;
    assert!(!by_code.is_empty());
    assert!(by_code.iter().all(|u| u.code.starts_with("HCM.GV.P0")));
    let first: Vec<OrgUnit> = app.json_for(&admin, "/api/v1/admin/units").await;
    assert_eq!(first.len(), 30);
    assert_eq!(first[0].code, "HCM");
    let reviewer = app.client_of("govap.pnv").await;
    let refused = reviewer
        .get(app.url("/api/v1/admin/units?q=a"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
}

async fn post(app: &TestApp, client: &Client, path: &str) -> reqwest::Response {
    client.post(app.url(path)).send().await.expect("request")
}

async fn sign_in(
    app: &TestApp,
    username: &str,
    password: &str,
) -> (Client, reqwest::StatusCode, String) {
    let client = TestApp::new_client();
    let resp = client
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap();
    let status = resp.status();
    (client, status, resp.text().await.unwrap())
}

async fn change(
    app: &TestApp,
    client: &Client,
    current: &str,
    new: &str,
) -> (reqwest::StatusCode, String) {
    let body = PasswordChange {
        current_password: current.into(),
        new_password: new.into(),
    };
    let resp = client
        .post(app.url("/api/v1/password"))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = resp.status();
    (status, resp.text().await.unwrap())
}

async fn a_reset_password_must_be_changed_before_anything_else(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.client_of("admin").await;
    let (ward, _, _) = sign_in(&app, "govap.p01", "baocao-demo").await;

    let reset = post(
        &app,
        &admin,
        "/api/v1/admin/accounts/govap.p01/reset-password",
    )
    .await;
    assert_eq!(reset.status(), 200);
    let otp: OneTimePassword = reset.json().await.unwrap();
    assert_eq!(otp.password.len(), 12);
    // The sessions opened with the old password end.
    let me = ward.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(me.status(), 401);
    let (_, old, _) = sign_in(&app, "govap.p01", "baocao-demo").await;
    assert_eq!(old, 401, "the old password no longer opens");

    let (client, status, body) = sign_in(&app, "govap.p01", &otp.password).await;
    assert_eq!(status, 200);
    let me: Me = serde_json::from_str(&body).unwrap();
    assert!(me.must_change_password);
    // Nothing else until the password is changed.
    let periods = client.get(app.url("/api/v1/periods")).send().await.unwrap();
    assert_eq!(periods.status(), 403);
    let error: app::api::ApiError = periods.json().await.unwrap();
    assert_eq!(error.code.as_str(), "password_change_required");
    let pull = client
        .post(app.url("/api/v1/sync"))
        .json(&serde_json::json!({ "cursor": 0, "mutations": [] }))
        .send()
        .await
        .unwrap();
    assert_eq!(pull.status(), 403);

    // The one-time password cannot stay: the administrator saw it.
    let (status, body) = change(&app, &client, &otp.password, &otp.password).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("khác mật khẩu hiện tại"), "{body}");
    let (status, _) = change(&app, &client, &otp.password, "Hoa sen nở giữa hồ").await;
    assert_eq!(status, 204);
    let me: Me = app.json_for(&client, "/api/v1/me").await;
    assert!(!me.must_change_password);
    let periods = client.get(app.url("/api/v1/periods")).send().await.unwrap();
    assert_eq!(periods.status(), 200, "the same session goes on");
    let (_, status, _) = sign_in(&app, "govap.p01", "Hoa sen nở giữa hồ").await;
    assert_eq!(status, 200);

    let log: Vec<AdminLogEntry> = app.json_for(&admin, "/api/v1/admin/log").await;
    assert_eq!(log[0].action, AdminAction::ResetPassword);
    assert_eq!(log[0].username, "admin");
    assert_eq!(log[0].target, "govap.p01");
}

async fn a_closed_account_is_signed_out_at_once_and_cannot_sign_in(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.client_of("admin").await;
    let ward = app.client_of("govap.p07").await;
    assert_eq!(
        ward.get(app.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    let closed = post(&app, &admin, "/api/v1/admin/accounts/govap.p07/deactivate").await;
    assert_eq!(closed.status(), 200);
    let account: Account = closed.json().await.unwrap();
    assert!(!account.active);
    // Its open session is refused at once, saying why (its pages send the user away).
    let refused = ward.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(refused.status(), 403);
    assert!(refused.text().await.unwrap().contains("account_closed"));
    let (_, status, body) = sign_in(&app, "govap.p07", "baocao-demo").await;
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("account_closed"));
    // A wrong password says nothing about the account.
    let (_, status, _) = sign_in(&app, "govap.p07", "sai-mat-khau").await;
    assert_eq!(status, 401);
    let listed: Vec<Account> = app
        .json_for(&admin, "/api/v1/admin/accounts?active=false")
        .await;
    assert_eq!(
        listed
            .iter()
            .map(|a| a.username.as_str())
            .collect::<Vec<_>>(),
        ["govap.p07"]
    );
    // Its reports stay readable to its reviewer.
    let reviewer = app.client_of("govap.pnv").await;
    let report = reviewer
        .get(app.url("/api/v1/reports/847-KH-UBND-2023/2023-6T/HCM.GV.P07"))
        .send()
        .await
        .unwrap();
    assert_eq!(report.status(), 200);

    let reopened = post(&app, &admin, "/api/v1/admin/accounts/govap.p07/activate").await;
    assert_eq!(reopened.status(), 200);
    // Reopening does not bring the old session back: the user signs in anew.
    let old = ward.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(old.status(), 401);
    let (_, status, _) = sign_in(&app, "govap.p07", "baocao-demo").await;
    assert_eq!(status, 200);
    let own = post(&app, &admin, "/api/v1/admin/accounts/admin/deactivate").await;
    assert_eq!(
        own.status(),
        403,
        "an administrator cannot lock themselves out"
    );

    let log: Vec<AdminLogEntry> = app.json_for(&admin, "/api/v1/admin/log").await;
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["activate", "deactivate"]);
    assert_eq!(log[1].before.as_deref(), Some("mở"));
    assert_eq!(log[1].after.as_deref(), Some("khóa"));
}

async fn a_user_changes_their_own_password_within_the_policy(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (client, _, _) = sign_in(&app, "hanhthong.01", "baocao-demo").await;
    let other_device = app.client_of("hanhthong.01").await;
    for (current, new, expected) in [
        (
            "sai-mat-khau",
            "Một mật khẩu dài",
            "Mật khẩu hiện tại không đúng.",
        ),
        ("baocao-demo", "ngắn", "Mật khẩu mới cần ít nhất 10 ký tự."),
        (
            "baocao-demo",
            "HANHTHONG.01",
            "Mật khẩu mới không được trùng tên đăng nhập.",
        ),
        (
            "baocao-demo",
            "matkhau123",
            "Mật khẩu này quá phổ biến, dễ bị đoán: hãy chọn mật khẩu khác.",
        ),
    ] {
        let (status, body) = change(&app, &client, current, new).await;
        assert_eq!(status, 400, "{new}");
        let error: app::api::ApiError = serde_json::from_str(&body).unwrap();
        assert_eq!(error.message, expected);
    }
    let (status, _) = change(&app, &client, "baocao-demo", "Phường Hạnh Thông 2026").await;
    assert_eq!(status, 204);
    assert_eq!(
        other_device
            .get(app.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401,
        "the other device's session ends"
    );
    assert_eq!(
        client
            .get(app.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

async fn administrators_act_within_their_scope_only(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let district = app.district_admin().await;
    let listed: Vec<Account> = app.json_for(&district, "/api/v1/admin/accounts").await;
    assert!(!listed.is_empty());
    assert!(
        listed.iter().all(|a| a.unit_code.starts_with("HCM.GV")),
        "{listed:?}"
    );
    // An account outside the scope answers as one that does not exist: the answer does
    // not tell which usernames are taken elsewhere.
    let nobody = post(&app, &district, "/api/v1/admin/accounts/nobody/deactivate").await;
    assert_eq!(nobody.status(), 404);
    let nobody: app::api::ApiError = nobody.json().await.unwrap();
    for (path, name) in [
        (
            "/api/v1/admin/accounts/phunhuan.p02/deactivate",
            "phunhuan.p02",
        ),
        (
            "/api/v1/admin/accounts/phunhuan.p02/reset-password",
            "phunhuan.p02",
        ),
        ("/api/v1/admin/accounts/hcm.snv/activate", "hcm.snv"),
    ] {
        let resp = post(&app, &district, path).await;
        assert_eq!(resp.status(), 404, "{path}");
        let error: app::api::ApiError = resp.json().await.unwrap();
        assert_eq!(error.code, nobody.code);
        assert_eq!(error.message, nobody.message.replace("nobody", name));
    }
    let outside = district
        .get(app.url("/api/v1/admin/accounts/hcm.snv"))
        .send()
        .await
        .unwrap();
    assert_eq!(outside.status(), 404);
    let outside = district
        .get(app.url("/api/v1/admin/accounts?unit=HCM.PN"))
        .send()
        .await
        .unwrap();
    assert_eq!(outside.status(), 403);
    // Not administrators at all.
    for user in ["govap.p01", "govap.pnv"] {
        let client = app.client_of(user).await;
        let list = client
            .get(app.url("/api/v1/admin/accounts"))
            .send()
            .await
            .unwrap();
        assert_eq!(list.status(), 403, "{user}");
        let act = post(&app, &client, "/api/v1/admin/accounts/govap.p07/deactivate").await;
        assert_eq!(act.status(), 403, "{user}");
    }
    // The city's administrator sees the district's action in the log; the district's
    // administrator does not see the city's.
    post(
        &app,
        &district,
        "/api/v1/admin/accounts/govap.p07/deactivate",
    )
    .await;
    let admin = app.client_of("admin").await;
    post(
        &app,
        &admin,
        "/api/v1/admin/accounts/phunhuan.p02/deactivate",
    )
    .await;
    let city: Vec<AdminLogEntry> = app.json_for(&admin, "/api/v1/admin/log").await;
    assert_eq!(city.len(), 2);
    let own: Vec<AdminLogEntry> = app.json_for(&district, "/api/v1/admin/log").await;
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].target, "govap.p07");
}
