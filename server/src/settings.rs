//! Typed settings, read once at start from the command line and the environment.

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Args, Clone, Debug)]
pub struct Settings {
    /// `sqlite://PATH` (the default, a file) or `postgres://…` (the scale-out store).
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/baocao.db")]
    pub database_url: String,

    /// Address to listen on.
    #[arg(long, env = "BAOCAO_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Where the built site (wasm, JS, CSS) is: cargo-leptos writes it to target/site.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Demo mode: load the demo data into a new database and list the demo accounts on the
    /// login page.
    #[arg(long, env = "BAOCAO_DEMO", default_value_t = false)]
    pub demo: bool,

    /// Mark the session cookie Secure (set when served over HTTPS).
    #[arg(long, env = "BAOCAO_SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,
}
