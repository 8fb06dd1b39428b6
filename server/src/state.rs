//! What every handler shares: the database, the sync writers, sessions, the catalog in
//! memory and the settings. Its own module, below the routes that read it: extractors
//! take only the parts they need (`FromRef`), so nothing here imports a handler.

use crate::auth::Sessions;
use crate::catalog::{self, Catalog};
use crate::db::Db;
use crate::error::AppResult;
use crate::files::FileStore;
use crate::outbound::{mail::Mailer, push::Pusher};
use crate::passwords::Hashing;
use crate::settings::Settings;
use crate::sync::Writers;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub db: Db,
    /// Where pushes are written.
    pub sync: Writers,
    /// Bounds the password hashes computed at once.
    pub hashing: Arc<Hashing>,
    pub sessions: Arc<Sessions>,
    pub catalog: Arc<catalog::Cache>,
    /// The content of reports' files.
    pub files: Arc<FileStore>,
    pub settings: Arc<Settings>,
    pub leptos_options: LeptosOptions,
    /// Where notices are mailed through; `None` when mail is off.
    pub mailer: Option<Arc<Mailer>>,
    /// Where notices are pushed to users' devices through.
    pub pusher: Arc<Pusher>,
}

impl AppState {
    /// The org tree and plans as stored now, from memory unless an import changed them.
    pub async fn catalog(&self) -> AppResult<Arc<Catalog>> {
        self.catalog.get(&self.db).await
    }
}
