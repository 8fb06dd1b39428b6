//! Accounts, for their administrators: the list of the scope, a password reset, closing
//! and reopening. Every change is written with its line in the administration log, in
//! one transaction.

use super::json::ApiJson;
use super::query::ApiQuery;
use crate::access::{administers_account, ensure_admin_of};
use crate::auth::Actor;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::accounts::{self, AccountRow};
use crate::store::admin_log::{self, Action};
use app::api::{
    Account, AccountEdit, AccountInput, AdminAction, AdminLogEntry, ApiError, FieldError,
    NewAccount, OneTimePassword, Role,
};
use app::domain::account::AccountFields;
use app::domain::org::OrgTree;
use app::lang::Lang;
use app::lang::Text;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use rand::Rng;

/// Which accounts to list.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccountQuery {
    /// Only accounts of this unit's subtree.
    unit: Option<String>,
    /// `nhap_lieu`, `tong_hop` or `admin`.
    role: Option<String>,
    /// Open (`true`) or closed (`false`) accounts only.
    active: Option<bool>,
}

/// The accounts of the administrator's scope.
#[utoipa::path(get, path = "/api/v1/admin/accounts", tag = "admin", params(AccountQuery),
    responses((status = 200, body = Vec<Account>), (status = 400, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    actor: Actor,
    ApiQuery(query): ApiQuery<AccountQuery>,
) -> AppResult<Json<Vec<Account>>> {
    let catalog = state.catalog().await?;
    let root = query.unit.as_deref().unwrap_or(&actor.scope_code);
    ensure_admin_of(&catalog.tree, &actor, root)?;
    let role = match query.role.as_deref() {
        Some(r) => Some(Role::parse(r).ok_or_else(|| {
            AppError::BadRequest(Text::new(
                format!("role: không có vai trò “{r}”."),
                format!("role: there is no role “{r}”."),
            ))
        })?),
        None => None,
    };
    let accounts = accounts::all(&state.db).await?;
    let listed = accounts
        .into_iter()
        .filter(|a| catalog.tree.is_within(&a.unit_code, root))
        .filter(|a| role.is_none_or(|r| a.role == r.as_str()))
        .filter(|a| query.active.is_none_or(|active| a.active == active))
        .map(|a| view(&catalog.tree, a))
        .collect::<AppResult<_>>()?;
    Ok(Json(listed))
}

/// Opens an account with a one-time password, shown once here; its owner chooses their own
/// at the first sign-in.
#[utoipa::path(post, path = "/api/v1/admin/accounts", tag = "admin", request_body = AccountInput,
    responses((status = 201, body = NewAccount), (status = 400, body = ApiError),
        (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 409, body = ApiError),
        (status = 422, body = ApiError)))]
pub async fn create(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(input): ApiJson<AccountInput>,
) -> AppResult<(StatusCode, Json<NewAccount>)> {
    let catalog = state.catalog().await?;
    ensure_admin_of(&catalog.tree, &actor, &actor.scope_code)?;
    let fields = AccountFields::parse(&input, |code| catalog.tree.get(code).is_some())
        .map_err(AppError::Invalid)?;
    ensure_admin_of(&catalog.tree, &actor, &fields.unit_code)?;
    ensure_admin_of(&catalog.tree, &actor, &fields.scope_code)?;
    let password = one_time_password();
    let hash = state.hashing.hash(&password).await?;
    let mut tx = db::begin_write(&state.db).await?;
    if accounts::get(&mut *tx, &fields.username).await?.is_some() {
        return Err(taken(&fields.username));
    }
    match accounts::insert(&mut tx, &fields, &hash, true).await {
        // Another administrator opened the same username a moment ago.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(taken(&fields.username))
        }
        other => other?,
    }
    let action = Action {
        username: &actor.username,
        action: AdminAction::Create,
        target: &fields.username,
        unit_code: &fields.unit_code,
        before: None,
        after: Some(summary(&catalog.tree, &fields.input())),
    };
    admin_log::record(&mut tx, &action, chrono::Utc::now()).await?;
    let account = accounts::get(&mut *tx, &fields.username)
        .await?
        .ok_or_else(|| AppError::Internal(format!("account {} not written", fields.username)))?;
    tx.commit().await?;
    tracing::info!(
        admin = actor.username,
        account = fields.username,
        "account opened"
    );
    let account = view(&catalog.tree, account)?;
    Ok((StatusCode::CREATED, Json(NewAccount { account, password })))
}

/// One account of the administrator's scope.
#[utoipa::path(get, path = "/api/v1/admin/accounts/{username}", tag = "admin",
    params(("username" = String, Path)),
    responses((status = 200, body = Account), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    actor: Actor,
    Path(username): Path<String>,
) -> AppResult<Json<Account>> {
    let account = managed(&state, &actor, &username).await?;
    let catalog = state.catalog().await?;
    Ok(Json(view(&catalog.tree, account)?))
}

/// Changes an account's name, role, unit and scope. Refused (409) if the account changed
/// since the administrator read it (`before`).
#[utoipa::path(put, path = "/api/v1/admin/accounts/{username}", tag = "admin",
    params(("username" = String, Path)), request_body = AccountEdit,
    responses((status = 200, body = Account), (status = 400, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError),
        (status = 404, body = ApiError), (status = 409, body = ApiError),
        (status = 422, body = ApiError)))]
pub async fn update(
    State(state): State<AppState>,
    actor: Actor,
    Path(username): Path<String>,
    ApiJson(edit): ApiJson<AccountEdit>,
) -> AppResult<Json<Account>> {
    let catalog = state.catalog().await?;
    let mut after = edit.after;
    if after.username.trim() != username {
        return Err(AppError::Invalid(vec![FieldError::new(
            "username",
            "Không đổi được tên đăng nhập; hãy tạo tài khoản mới.",
            "A username cannot change; create a new account instead.",
        )]));
    }
    after.username = username.clone();
    let fields = AccountFields::parse(&after, |code| catalog.tree.get(code).is_some())
        .map_err(AppError::Invalid)?;
    let mut tx = db::begin_write(&state.db).await?;
    let current = accounts::get(&mut *tx, &username)
        .await?
        .filter(|a| administers_account(&catalog.tree, &actor, &a.unit_code, &a.scope_code))
        .ok_or_else(|| not_managed(&username))?;
    ensure_admin_of(&catalog.tree, &actor, &fields.unit_code)?;
    ensure_admin_of(&catalog.tree, &actor, &fields.scope_code)?;
    let before = current.input();
    if !same_account(&before, &edit.before) {
        return Err(AppError::Conflict(Text::new(
            format!("Tài khoản {username} vừa được người khác sửa. Hãy tải lại trang để xem bản mới rồi sửa lại."),
            format!("Someone else has just changed the account {username}. Reload the page to see it, then edit again."),
        )));
    }
    let own_access_changed = fields.role.as_str() != before.role
        || fields.unit_code != before.unit_code
        || fields.scope_code != before.scope_code;
    if username == actor.username && own_access_changed {
        return Err(AppError::Forbidden(Text::new(
            "việc đổi vai trò, đơn vị hay phạm vi của chính mình",
            "changing your own role, unit or scope",
        )));
    }
    accounts::update(&mut tx, &fields).await?;
    let action = Action {
        username: &actor.username,
        action: AdminAction::Update,
        target: &username,
        unit_code: &fields.unit_code,
        before: Some(summary(&catalog.tree, &before)),
        after: Some(summary(&catalog.tree, &fields.input())),
    };
    admin_log::record(&mut tx, &action, chrono::Utc::now()).await?;
    tx.commit().await?;
    tracing::info!(
        admin = actor.username,
        account = username,
        "account changed"
    );
    let account = accounts::get(&state.db, &username).await?.ok_or_else(|| {
        AppError::NotFound(Text::new(
            format!("tài khoản {username}"),
            format!("account {username}"),
        ))
    })?;
    Ok(Json(view(&catalog.tree, account)?))
}

/// Gives an account a one-time password, shown once here; its owner must choose a new
/// one at the next sign-in. Its open sessions end.
#[utoipa::path(post, path = "/api/v1/admin/accounts/{username}/reset-password", tag = "admin",
    params(("username" = String, Path)),
    responses((status = 200, body = OneTimePassword), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn reset_password(
    State(state): State<AppState>,
    actor: Actor,
    Path(username): Path<String>,
) -> AppResult<Json<OneTimePassword>> {
    // Their own password is changed knowing it, not reset (which would end this session).
    if username == actor.username {
        return Err(AppError::Forbidden(Text::new(
            "việc đặt lại mật khẩu của chính mình (hãy dùng “Đổi mật khẩu”)",
            "resetting your own password (use “Change password”)",
        )));
    }
    let target = managed(&state, &actor, &username).await?;
    let password = one_time_password();
    let hash = state.hashing.hash(&password).await?;
    let mut tx = db::begin_write(&state.db).await?;
    accounts::set_password(&mut tx, &username, &hash, true).await?;
    accounts::end_sessions(&mut tx, &username).await?;
    let action = Action {
        username: &actor.username,
        action: AdminAction::ResetPassword,
        target: &username,
        unit_code: &target.unit_code,
        before: None,
        after: None,
    };
    admin_log::record(&mut tx, &action, chrono::Utc::now()).await?;
    tx.commit().await?;
    tracing::info!(admin = actor.username, account = username, "password reset");
    Ok(Json(OneTimePassword { password }))
}

/// Closes an account: it can no longer sign in, and every session it holds ends at once.
/// Its reports and their history are untouched.
#[utoipa::path(post, path = "/api/v1/admin/accounts/{username}/deactivate", tag = "admin",
    params(("username" = String, Path)),
    responses((status = 200, body = Account), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn deactivate(
    State(state): State<AppState>,
    actor: Actor,
    Path(username): Path<String>,
) -> AppResult<Json<Account>> {
    if username == actor.username {
        return Err(AppError::Forbidden(Text::new(
            "việc khóa tài khoản của chính mình",
            "closing your own account",
        )));
    }
    set_active(state, actor, username, false).await
}

/// Reopens a closed account.
#[utoipa::path(post, path = "/api/v1/admin/accounts/{username}/activate", tag = "admin",
    params(("username" = String, Path)),
    responses((status = 200, body = Account), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn activate(
    State(state): State<AppState>,
    actor: Actor,
    Path(username): Path<String>,
) -> AppResult<Json<Account>> {
    set_active(state, actor, username, true).await
}

/// Which lines of the administration log to show.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LogQuery {
    /// The administrator who acted.
    username: Option<String>,
    /// An action as the log names it (`AdminAction`): `create`, `reset_password`, `import`…
    action: Option<String>,
    /// What was acted on (an account's username).
    target: Option<String>,
}

/// The administration log of the administrator's scope, newest first (the latest 1.000
/// lines that match).
#[utoipa::path(get, path = "/api/v1/admin/log", tag = "admin", params(LogQuery),
    responses((status = 200, body = Vec<AdminLogEntry>), (status = 400, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn log(
    State(state): State<AppState>,
    actor: Actor,
    ApiQuery(query): ApiQuery<LogQuery>,
) -> AppResult<Json<Vec<AdminLogEntry>>> {
    let catalog = state.catalog().await?;
    ensure_admin_of(&catalog.tree, &actor, &actor.scope_code)?;
    let given = |v: Option<String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let filter = admin_log::Filter {
        username: given(query.username),
        action: given(query.action),
        target: given(query.target),
    };
    let entries = admin_log::recent(&state.db, &filter, 1000).await?;
    Ok(Json(
        entries
            .into_iter()
            .filter(|(unit, _)| catalog.tree.is_within(unit, &actor.scope_code))
            .map(|(_, mut entry)| {
                entry.target_name = catalog
                    .tree
                    .get(&entry.target)
                    .map(|u| u.name.clone())
                    .or_else(|| {
                        let plan = &catalog.plan(&entry.target)?.stored.plan;
                        Some(format!("{} ({})", plan.number, plan.year))
                    });
                entry
            })
            .collect(),
    ))
}

async fn set_active(
    state: AppState,
    actor: Actor,
    username: String,
    active: bool,
) -> AppResult<Json<Account>> {
    let mut target = managed(&state, &actor, &username).await?;
    if target.active != active {
        let mut tx = db::begin_write(&state.db).await?;
        accounts::set_active(&mut tx, &username, active).await?;
        let shown = |open: bool| Some(if open { "mở" } else { "khóa" }.to_string());
        let action = Action {
            username: &actor.username,
            action: if active {
                AdminAction::Activate
            } else {
                AdminAction::Deactivate
            },
            target: &username,
            unit_code: &target.unit_code,
            before: shown(target.active),
            after: shown(active),
        };
        admin_log::record(&mut tx, &action, chrono::Utc::now()).await?;
        tx.commit().await?;
        tracing::info!(
            admin = actor.username,
            account = username,
            active,
            "account"
        );
        target.active = active;
    }
    let catalog = state.catalog().await?;
    Ok(Json(view(&catalog.tree, target)?))
}

/// The account `username`, if the actor administers it.
async fn managed(state: &AppState, actor: &Actor, username: &str) -> AppResult<AccountRow> {
    let catalog = state.catalog().await?;
    ensure_admin_of(&catalog.tree, actor, &actor.scope_code)?;
    accounts::get(&state.db, username)
        .await?
        .filter(|a| administers_account(&catalog.tree, actor, &a.unit_code, &a.scope_code))
        .ok_or_else(|| not_managed(username))
}

/// An account that does not exist and one outside the administrator's scope answer alike:
/// the answer does not tell which usernames are taken elsewhere.
fn not_managed(username: &str) -> AppError {
    AppError::NotFound(Text::new(
        format!("tài khoản {username} trong phạm vi quản trị của bạn"),
        format!("account {username} within your administration scope"),
    ))
}

fn view(tree: &OrgTree, a: AccountRow) -> AppResult<Account> {
    let role = Role::parse(&a.role)
        .ok_or_else(|| AppError::Internal(format!("user {} has role {}", a.username, a.role)))?;
    let unit_name = tree
        .get(&a.unit_code)
        .map(|u| u.name.clone())
        .unwrap_or_else(|| a.unit_code.clone());
    Ok(Account {
        username: a.username,
        display_name: a.display_name,
        role,
        unit_code: a.unit_code,
        unit_name,
        scope_code: a.scope_code,
        active: a.active,
        must_change_password: a.must_change_password,
        email: a.email,
        phone: a.phone,
    })
}

fn taken(username: &str) -> AppError {
    AppError::Conflict(Text::new(
        format!("Tên đăng nhập “{username}” đã có người dùng."),
        format!("The username “{username}” is taken."),
    ))
}

/// Whether two forms of an account hold the same fields (what the edit form read, what
/// the database holds), an empty scope being the unit itself.
fn same_account(a: &AccountInput, b: &AccountInput) -> bool {
    let scope = |i: &AccountInput| {
        let s = i.scope_code.trim();
        if s.is_empty() {
            i.unit_code.trim().to_string()
        } else {
            s.to_string()
        }
    };
    a.display_name.trim() == b.display_name.trim()
        && a.role.trim() == b.role.trim()
        && a.unit_code.trim() == b.unit_code.trim()
        && scope(a) == scope(b)
}

/// An account's fields as the administration log shows them: roles and units by name.
fn summary(tree: &OrgTree, a: &AccountInput) -> String {
    let role = Role::ALL
        .into_iter()
        .find(|r| r.as_str() == a.role.trim())
        .map_or(a.role.as_str(), |r| r.label(Lang::Vi));
    let scope = if a.scope_code.trim().is_empty() {
        &a.unit_code
    } else {
        &a.scope_code
    };
    format!(
        "{} · {role} · đơn vị {} · phạm vi {}",
        a.display_name,
        tree.name_of(&a.unit_code),
        tree.name_of(scope)
    )
}

/// Twelve characters that cannot be misread when copied from a screen (no 0/O, 1/l/I).
fn one_time_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    (0..12)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect()
}
