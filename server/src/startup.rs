//! Builds the application: database, routes, layers. Tests call [`build`] on port 0.

use crate::auth;
use crate::db::{self, Db, Writer};
use crate::files::FileStore;
use crate::settings::Settings;
use crate::site::Site;
use crate::state::AppState;
use app::{shell, App};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::LeptosOptions;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use tokio::net::TcpListener;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::ServeDir;
use tower_http::timeout::TimeoutLayer;

pub struct Application {
    listener: TcpListener,
    router: Router,
    pub db: Db,
}

impl Application {
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// Serves until SIGTERM or Ctrl-C.
    pub async fn run(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `stop` completes, then stops accepting connections, lets the requests
    /// in flight finish (a push is answered once committed), and closes the database.
    pub async fn run_until(
        self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let service = self
            .router
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(stop)
            .await?;
        self.db.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Db(#[from] db::DbError),
    #[error("cannot load the demo data: {0}")]
    Demo(#[from] crate::import::Refusal),
    #[error("cannot start the sync writer: {0}")]
    Writer(std::io::Error),
    #[error("cannot listen on {0}: {1}")]
    Listen(std::net::SocketAddr, std::io::Error),
    #[error(transparent)]
    Site(#[from] crate::site::SiteError),
    #[error(transparent)]
    Mail(#[from] crate::outbound::mail::MailSettingsError),
    #[error(transparent)]
    Push(#[from] crate::outbound::push::PushSetupError),
}

pub async fn build(settings: Settings) -> Result<Application, StartError> {
    let db = crate::store::open(&settings.database_url).await?;
    let writer = Writer::new(&settings.database_url, &db).await?;
    if settings.demo && crate::demo::load_if_new(&db).await? {
        tracing::info!("loaded the demo data into the new database");
    }
    let listener = TcpListener::bind(settings.addr)
        .await
        .map_err(|e| StartError::Listen(settings.addr, e))?;
    let bound = listener
        .local_addr()
        .map_err(|e| StartError::Listen(settings.addr, e))?;
    let site = Site::new(settings.public_url.as_deref(), bound)?;
    let leptos_options = LeptosOptions::builder()
        .output_name(env!("LEPTOS_OUTPUT_NAME"))
        .site_root(settings.site_root.display().to_string())
        .site_addr(bound)
        .build();
    let mailer = crate::outbound::mail::Mailer::from_settings(
        settings.smtp_url.as_ref().map(|u| u.0.as_str()),
        settings.mail_from.as_deref(),
    )?
    .map(Arc::new);
    let pusher = crate::outbound::push::Pusher::load(
        &db,
        settings.push_services.clone(),
        settings.push_contact(),
    )
    .await?;
    let files = Arc::new(FileStore::new(db.clone(), settings.file_content()));
    files.clone().prune_hourly();
    let state = AppState {
        db: db.clone(),
        sync: crate::sync::Writers::start(writer, settings.file_limits())
            .map_err(StartError::Writer)?,
        hashing: Arc::default(),
        sessions: Arc::new(auth::Sessions::new(&settings)),
        catalog: Arc::default(),
        files,
        settings: Arc::new(settings),
        leptos_options,
        mailer,
        pusher: Arc::new(pusher),
    };
    if state.settings.auto_reminders {
        crate::auto_reminders::every_minute(state.clone());
    }
    crate::outbound::every_half_minute(state.clone());
    Ok(Application {
        listener,
        router: router(state, site),
        db,
    })
}

fn router(state: AppState, site: Site) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    let router = Router::new()
        .merge(crate::api::router())
        .merge(crate::offline::router(&state.settings.site_root))
        .merge(crate::install::router())
        .nest_service("/pkg", pkg_files(&state.settings.site_root))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        // The sign-in page's form, sent before the page's app has loaded.
        .route("/dang-nhap", post(crate::api::session::login_form))
        .leptos_routes_with_context(&state, routes, crate::security::page_policy, move || {
            shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(crate::security::page_policy, shell))
        // Dynamic answers (progress trees, sync pulls) can be megabytes: brotli's default
        // quality 11 would take longer than computing them. Assets come precompressed.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)));
    let secure = state.sessions.secure();
    let limits = (
        state.settings.request_timeout(),
        state.settings.max_requests,
    );
    // A request waiting for a turn counts toward its timeout. The language of error
    // answers is chosen outside every layer that may refuse a request.
    let limited = crate::security::protect(router, site, secure)
        .layer(axum::middleware::from_fn(
            crate::language::errors_in_request_language,
        ))
        .layer(GlobalConcurrencyLimitLayer::new(limits.1))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.0,
        ));
    crate::logging::requests(limited).with_state(state)
}

/// SIGTERM (a service manager stopping the server) or Ctrl-C.
async fn shutdown_signal() {
    let interrupt = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!("cannot listen for Ctrl-C: {e}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::error!("cannot listen for SIGTERM: {e}");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
    tracing::info!("stopping: finishing the requests in flight");
}

/// The built wasm, JS and CSS, sent precompressed when `scripts/build.sh` made the files.
fn pkg_files(site_root: &std::path::Path) -> ServeDir {
    ServeDir::new(site_root.join("pkg"))
        .precompressed_br()
        .precompressed_gzip()
}

/// Ready to serve: the database answers. (`/healthz` only says the process is alive, so
/// that a supervisor does not restart a server whose database is away for a moment.)
async fn ready(
    axum::extract::State(db): axum::extract::State<Db>,
) -> (axum::http::StatusCode, &'static str) {
    match sqlx::query("SELECT 1").execute(&db).await {
        Ok(_) => (axum::http::StatusCode::OK, "ok"),
        Err(e) => {
            tracing::warn!("not ready: the database does not answer: {e}");
            (
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "cơ sở dữ liệu không trả lời",
            )
        }
    }
}
