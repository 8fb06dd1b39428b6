//! Units changed one at a time in the administration pages: the importer's checks named
//! by field, a stale form refused, the administrator's scope kept, lineage recorded.

use crate::common::{Backend, TestApp};
use app::api::{AdminLogEntry, ApiError, LineageInput, UnitDetail, UnitEdit, UnitInput};
use app::domain::org::OrgUnit;

on_both!(
    an_administrator_adds_renames_and_moves_a_unit,
    a_units_form_names_its_bad_field_and_refuses_a_stale_read,
    a_merger_is_recorded_through_the_form,
);

fn unit(code: &str, parent: &str, kind: &str, name: &str) -> UnitInput {
    UnitInput {
        code: code.into(),
        parent_code: parent.into(),
        kind: kind.into(),
        name: name.into(),
    }
}

async fn an_administrator_adds_renames_and_moves_a_unit(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.client_of("admin").await;
    let created = admin
        .post(app.url("/api/v1/admin/units"))
        .json(&unit(" HCM.MOI ", "HCM", "phuong", "Phường Mới"))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let new: OrgUnit = created.json().await.unwrap();
    assert_eq!(
        (new.code.as_str(), new.name.as_str()),
        ("HCM.MOI", "Phường Mới")
    );
    let again = admin
        .post(app.url("/api/v1/admin/units"))
        .json(&unit("HCM.MOI", "HCM", "phuong", "Phường Mới"))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 409);

    let moved = admin
        .put(app.url("/api/v1/admin/units/HCM.MOI"))
        .json(&UnitEdit {
            before: UnitInput::of(&new),
            after: unit("HCM.MOI", "HCM.GV", "xa", "Xã Mới"),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 200);
    let district: UnitDetail = app.json_for(&admin, "/api/v1/admin/units/HCM.GV").await;
    assert!(district
        .children
        .iter()
        .any(|c| c.code == "HCM.MOI" && c.name == "Xã Mới"));
    let log: Vec<AdminLogEntry> = app
        .json_for(&admin, "/api/v1/admin/log?target=HCM.MOI")
        .await;
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["update_unit", "create_unit"]);
    // Read by names: the kinds and the parents.
    assert_eq!(
        log[0].before.as_deref(),
        Some("Phường Mới · Phường · cấp trên Thành phố Hồ Chí Minh")
    );
    assert_eq!(
        log[0].after.as_deref(),
        Some("Xã Mới · Xã · cấp trên Quận Gò Vấp")
    );
    assert_eq!(log[0].target_name.as_deref(), Some("Xã Mới"));

    // A district's administrator adds inside the district, never moves a unit out of it.
    let district_admin = app.district_admin().await;
    let current: UnitDetail = app
        .json_for(&district_admin, "/api/v1/admin/units/HCM.MOI")
        .await;
    let out = district_admin
        .put(app.url("/api/v1/admin/units/HCM.MOI"))
        .json(&UnitEdit {
            before: UnitInput::of(&current.unit),
            after: unit("HCM.MOI", "HCM", "xa", "Xã Mới"),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 422);
    let error: ApiError = out.json().await.unwrap();
    assert_eq!(error.fields[0].field, "parent_code");
    let elsewhere = district_admin
        .get(app.url("/api/v1/admin/units/HCM.PN"))
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), 403);
}

async fn a_units_form_names_its_bad_field_and_refuses_a_stale_read(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.client_of("admin").await;
    for (input, field) in [
        (unit("HCM.X", "HCM", "lang", "Làng"), "kind"),
        (unit("HCM X", "HCM", "xa", "Xã"), "code"),
        (unit("HCM.X", "HCM.KHONGCO", "xa", "Xã"), "parent_code"),
        (unit("HCM.X", "HCM", "xa", ""), "name"),
    ] {
        let resp = admin
            .post(app.url("/api/v1/admin/units"))
            .json(&input)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 422, "{input:?}");
        let error: ApiError = resp.json().await.unwrap();
        assert_eq!(error.fields[0].field, field, "{}", error.message);
    }
    // Moving a unit under its own ward would make a cycle.
    let gv: UnitDetail = app.json_for(&admin, "/api/v1/admin/units/HCM.GV").await;
    let cycle = admin
        .put(app.url("/api/v1/admin/units/HCM.GV"))
        .json(&UnitEdit {
            before: UnitInput::of(&gv.unit),
            after: unit("HCM.GV", "HCM.GV.P01", "quan", &gv.unit.name),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(cycle.status(), 422);
    // Two administrators read the district; the first renames it, the second is refused.
    let first = admin
        .put(app.url("/api/v1/admin/units/HCM.GV"))
        .json(&UnitEdit {
            before: UnitInput::of(&gv.unit),
            after: unit("HCM.GV", "HCM", "quan", "Quận Gò Vấp (cũ)"),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 200);
    let second = admin
        .put(app.url("/api/v1/admin/units/HCM.GV"))
        .json(&UnitEdit {
            before: UnitInput::of(&gv.unit),
            after: unit("HCM.GV", "HCM", "huyen", &gv.unit.name),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), 409);
    let now: UnitDetail = app.json_for(&admin, "/api/v1/admin/units/HCM.GV").await;
    assert_eq!(now.unit.name, "Quận Gò Vấp (cũ)");
}

async fn a_merger_is_recorded_through_the_form(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.client_of("admin").await;
    for input in [
        unit("HCM.A", "HCM", "xa", "Xã A"),
        unit("HCM.B", "HCM", "xa", "Xã B"),
    ] {
        let resp = admin
            .post(app.url("/api/v1/admin/units"))
            .json(&input)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 201);
    }
    let bad = admin
        .post(app.url("/api/v1/admin/lineage"))
        .json(&LineageInput {
            effective: "01/07/2026".into(),
            old_code: "HCM.A".into(),
            new_code: "HCM.B".into(),
            change: "merge".into(),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let error: ApiError = bad.json().await.unwrap();
    assert_eq!(error.fields[0].field, "effective");
    let merged = admin
        .post(app.url("/api/v1/admin/lineage"))
        .json(&LineageInput {
            effective: "2026-07-01".into(),
            old_code: "HCM.A".into(),
            new_code: "HCM.B".into(),
            change: "merge".into(),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(merged.status(), 200);
    let detail: UnitDetail = merged.json().await.unwrap();
    assert_eq!(detail.unit.until, "2026-07-01".parse().ok());
    assert_eq!(detail.events.len(), 1);
    assert_eq!(detail.events[0].old_name, "Xã A");
}
