//! The test harness: the real app on port 0 with a fresh database per test, on SQLite or
//! on a throwaway PostgreSQL cluster that the first PostgreSQL test starts.

#![allow(dead_code)] // each test binary uses its own part of the harness

pub mod documents;
pub mod files;
pub mod notices;
pub mod peer;
mod postgres;
pub mod sync;

use server::settings::Settings;

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestDb {
    pub url: String,
    // Keeps a SQLite file's folder alive for the test's length.
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn new(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("test.db").display());
                TestDb {
                    url,
                    _dir: Some(dir),
                }
            }
            Backend::Postgres => TestDb {
                url: postgres::fresh_database().await,
                _dir: None,
            },
        }
    }

    pub async fn connect(&self) -> server::db::Db {
        server::store::open(&self.url)
            .await
            .expect("connect to test database")
    }
}

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub db: server::db::Db,
    _db: TestDb,
}

/// Starts the app on a database and returns its base URL.
pub async fn serve(url: &str, demo: bool) -> String {
    let app = server::startup::build(settings(url, demo))
        .await
        .expect("build app");
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run());
    base
}

pub fn settings(url: &str, demo: bool) -> Settings {
    Settings {
        demo,
        ..Settings::local(url)
    }
}

impl TestApp {
    /// The app with the demo data loaded.
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, |_| {}).await
    }

    /// The app with the demo data loaded, its settings changed by `change`.
    pub async fn spawn_with(backend: Backend, change: impl FnOnce(&mut Settings)) -> TestApp {
        let db = TestDb::new(backend).await;
        let mut settings = settings(&db.url, true);
        change(&mut settings);
        let app = server::startup::build(settings).await.expect("build app");
        let base = format!("http://127.0.0.1:{}", app.port());
        let pool = app.db.clone();
        tokio::spawn(app.run());
        TestApp {
            base,
            client: Self::new_client(),
            db: pool,
            _db: db,
        }
    }

    pub fn new_client() -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .expect("client")
    }

    /// A second server process's worth of app on the same database.
    pub async fn second_server(&self) -> String {
        serve(&self._db.url, false).await
    }

    /// Waits until the running app has seen a change of units or plans written to its
    /// database by another process (as these tests do, through the importers): a server
    /// reads the catalog's revision every `CHECK_EVERY`.
    pub async fn catalog_changed_elsewhere(&self) {
        tokio::time::sleep(server::catalog::CHECK_EVERY + std::time::Duration::from_millis(200))
            .await;
    }

    /// The URL of the app's database.
    pub fn db_url(&self) -> &str {
        &self._db.url
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    /// A client of its own signed in as the demo account `username`, beside this app's.
    pub async fn client_of(&self, username: &str) -> reqwest::Client {
        self.client_with(username, "baocao-demo").await
    }

    pub async fn client_with(&self, username: &str, password: &str) -> reqwest::Client {
        let client = Self::new_client();
        let resp = client
            .post(self.url("/api/v1/session"))
            .json(&serde_json::json!({ "username": username, "password": password }))
            .send()
            .await
            .expect("request");
        assert!(resp.status().is_success(), "login of {username}");
        client
    }

    /// A client signed in as an administrator of quận Gò Vấp only (the demo's administrator
    /// manages the whole city), opened for the test.
    pub async fn district_admin(&self) -> reqwest::Client {
        let users = "username,display_name,role,unit_code,scope_code,password\n\
                     qt.govap,Quản trị quận Gò Vấp,admin,HCM.GV,HCM.GV,mat-khau-thu\n";
        server::import::users(&self.db, "users.csv", users)
            .await
            .expect("the district's administrator");
        self.client_with("qt.govap", "mat-khau-thu").await
    }

    /// The JSON answer to `path` for `client`.
    pub async fn json_for<T: serde::de::DeserializeOwned>(
        &self,
        client: &reqwest::Client,
        path: &str,
    ) -> T {
        let resp = client.get(self.url(path)).send().await.expect("request");
        assert_eq!(resp.status(), 200, "{path}");
        resp.json().await.expect("JSON")
    }

    pub async fn login(&self, username: &str) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/session"))
            .json(&serde_json::json!({ "username": username, "password": "baocao-demo" }))
            .send()
            .await
            .expect("request")
    }
}

/// Runs an async test body once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test] async fn $name() { super::$name($crate::common::Backend::Sqlite).await })*
        }
        mod postgres {
            $(#[tokio::test] async fn $name() { super::$name($crate::common::Backend::Postgres).await })*
        }
    };
}
