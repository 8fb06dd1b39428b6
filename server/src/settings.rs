//! Typed settings, read once at start from the command line and the environment.

use crate::files::Content;
use crate::outbound::push::{PushServices, DEFAULT_PUSH_SERVICES};
use app::domain::attachment::FileLimits;
use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

// The defaults, for the command line and for `Settings::local` alike.
const DEFAULT_DATABASE_URL: &str = "sqlite://data/baocao.db";
const DEFAULT_SITE_ROOT: &str = "target/site";
const DEFAULT_SESSION_IDLE_HOURS: u32 = 8;
const DEFAULT_SESSION_DAYS: u32 = 30;
const DEFAULT_REQUEST_TIMEOUT_SECONDS: u64 = 60;
const DEFAULT_MAX_REQUESTS: usize = 1024;
const DEFAULT_FILE_MB: u64 = 20;
const DEFAULT_REPORT_FILES_MB: u64 = 100;

#[derive(Args, Clone, Debug)]
pub struct Settings {
    /// `sqlite://PATH` (the default, a file) or `postgres://…` (the scale-out store).
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,

    /// Address to listen on.
    #[arg(long, env = "BAOCAO_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// The address people open the site at (`https://baocao.example.gov.vn`), or several
    /// separated by commas: writes must come from their pages and requests must name one
    /// as their host. Required when the server listens beyond this machine; on a loopback
    /// address it defaults to that address (by IP or as `localhost`).
    #[arg(long, env = "BAOCAO_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Where the built site (wasm, JS, CSS) is: `scripts/build.sh` writes it to target/site.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = DEFAULT_SITE_ROOT)]
    pub site_root: PathBuf,

    /// Demo mode: load the demo data into a new database and list the demo accounts on the
    /// login page.
    #[arg(long, env = "BAOCAO_DEMO", default_value_t = false)]
    pub demo: bool,

    /// Whether the session cookie is Secure (sent over HTTPS only). By default it is,
    /// unless the server listens on a loopback address or runs the demo.
    #[arg(long, env = "BAOCAO_SECURE_COOKIES")]
    pub secure_cookies: Option<bool>,

    /// A session ends after this many hours without a request.
    #[arg(long, env = "BAOCAO_SESSION_IDLE_HOURS", default_value_t = DEFAULT_SESSION_IDLE_HOURS)]
    pub session_idle_hours: u32,

    /// A session ends this many days after the login, used or not.
    #[arg(long, env = "BAOCAO_SESSION_DAYS", default_value_t = DEFAULT_SESSION_DAYS)]
    pub session_days: u32,

    /// Behind a reverse proxy: the request header that carries the client's address
    /// (`x-forwarded-for`, whose last entry is the one the proxy added, or `x-real-ip`).
    /// Unset, the address is the connection's peer. Login throttling counts by it.
    #[arg(long, env = "BAOCAO_CLIENT_ADDRESS_HEADER")]
    pub client_address_header: Option<String>,

    /// The longest a request may take, in seconds, before it is answered 408.
    #[arg(long, env = "BAOCAO_REQUEST_TIMEOUT_SECONDS", default_value_t = DEFAULT_REQUEST_TIMEOUT_SECONDS)]
    pub request_timeout_seconds: u64,

    /// Requests handled at once; the others wait for a turn.
    #[arg(long, env = "BAOCAO_MAX_REQUESTS", default_value_t = DEFAULT_MAX_REQUESTS)]
    pub max_requests: usize,

    /// The largest file a report takes, in MB (of 1.048.576 bytes).
    #[arg(long, env = "BAOCAO_FILE_MB", default_value_t = DEFAULT_FILE_MB)]
    pub file_mb: u64,

    /// The most a report's files may hold together, in MB.
    #[arg(long, env = "BAOCAO_REPORT_FILES_MB", default_value_t = DEFAULT_REPORT_FILES_MB)]
    pub report_files_mb: u64,

    /// With SQLite, the folder that holds reports' files (by default `files` beside the
    /// database file). With PostgreSQL files are kept in the database.
    #[arg(long, env = "BAOCAO_FILES_DIR")]
    pub files_dir: Option<PathBuf>,

    /// Whether this server sends the plans' automatic reminders (at each plan's hour). Any
    /// number of servers on one database may: each reminder still goes out once.
    #[arg(long, env = "BAOCAO_AUTO_REMINDERS", default_value_t = true, action = clap::ArgAction::Set)]
    pub auto_reminders: bool,

    /// The SMTP server notices are mailed through, as a URL: `smtp://user:password@host:587?tls=required`
    /// (STARTTLS), `smtps://user:password@host:465`, or `smtp://host:25` (no TLS, a relay on
    /// the same machine). Unset, no mail is sent, and the administration pages say so.
    #[arg(long, env = "BAOCAO_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<SmtpUrl>,

    /// Who notices' mail comes from: `baocao <baocao@example.gov.vn>`. Set with the SMTP URL.
    #[arg(long, env = "BAOCAO_MAIL_FROM")]
    pub mail_from: Option<String>,

    /// The push services devices may subscribe through, as origins separated by commas
    /// (`https://*.notify.windows.com` for any subdomain): the server posts notices only
    /// there. By default the browsers' own services.
    #[arg(long, env = "BAOCAO_PUSH_SERVICES", default_value = DEFAULT_PUSH_SERVICES)]
    pub push_services: PushServices,
}

/// The SMTP URL, which may hold a password: never printed.
#[derive(Clone)]
pub struct SmtpUrl(pub String);

impl std::str::FromStr for SmtpUrl {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<SmtpUrl, Self::Err> {
        Ok(SmtpUrl(s.to_string()))
    }
}

impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SmtpUrl(…)")
    }
}

impl Settings {
    /// The address links in mail lead to: the first public address, if the server has one.
    pub fn link_base(&self) -> Option<String> {
        let first = self.public_url.as_deref()?.split(',').next()?.trim();
        (!first.is_empty()).then(|| first.trim_end_matches('/').to_string())
    }

    /// Who runs this server, as push services are told (the VAPID `sub`): its public
    /// address, or else the mail sender's address.
    pub fn push_contact(&self) -> String {
        let mailbox = self.mail_from.as_deref().and_then(|from| {
            let address = from.rsplit_once('<').map_or(from, |(_, a)| a);
            let address = address.trim().trim_end_matches('>');
            address.contains('@').then(|| format!("mailto:{address}"))
        });
        self.link_base()
            .filter(|base| base.starts_with("https://"))
            .or(mailbox)
            .unwrap_or_else(|| "mailto:baocao@localhost".to_string())
    }

    /// The defaults for a database, listening on a free loopback port: for tests and
    /// benchmarks.
    pub fn local(database_url: &str) -> Settings {
        Settings {
            database_url: database_url.to_string(),
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            public_url: None,
            site_root: PathBuf::from(DEFAULT_SITE_ROOT),
            demo: false,
            secure_cookies: None,
            session_idle_hours: DEFAULT_SESSION_IDLE_HOURS,
            session_days: DEFAULT_SESSION_DAYS,
            client_address_header: None,
            request_timeout_seconds: DEFAULT_REQUEST_TIMEOUT_SECONDS,
            max_requests: DEFAULT_MAX_REQUESTS,
            file_mb: DEFAULT_FILE_MB,
            report_files_mb: DEFAULT_REPORT_FILES_MB,
            files_dir: None,
            // Tests send them at the times they choose (`auto_reminders::send_due`).
            auto_reminders: false,
            smtp_url: None,
            mail_from: None,
            push_services: DEFAULT_PUSH_SERVICES
                .parse()
                .expect("the default push services"),
        }
    }

    /// Secure cookies unless told otherwise, or unless only this machine can reach the
    /// server (loopback) or it runs the demo, both of which are served over plain HTTP.
    pub fn secure_cookies(&self) -> bool {
        self.secure_cookies
            .unwrap_or(!(self.addr.ip().is_loopback() || self.demo))
    }

    pub fn session_idle(&self) -> chrono::Duration {
        chrono::Duration::hours(self.session_idle_hours.into())
    }

    pub fn session_lifetime(&self) -> chrono::Duration {
        chrono::Duration::days(self.session_days.into())
    }

    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_seconds)
    }

    /// Where reports' files are kept.
    pub fn file_content(&self) -> Content {
        Content::for_database(&self.database_url, self.files_dir.clone())
    }

    pub fn file_limits(&self) -> FileLimits {
        const MB: u64 = 1024 * 1024;
        FileLimits {
            per_file: self.file_mb.saturating_mul(MB),
            per_report: self.report_files_mb.saturating_mul(MB),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_secure_unless_served_on_loopback_or_as_the_demo() {
        let mut s = Settings::local("sqlite::memory:");
        assert!(!s.secure_cookies(), "loopback");
        s.addr = "0.0.0.0:3000".parse().expect("address");
        assert!(s.secure_cookies(), "reachable from the network");
        s.demo = true;
        assert!(!s.secure_cookies(), "the demo runs over plain HTTP");
        s.secure_cookies = Some(true);
        assert!(s.secure_cookies(), "told so");
    }
}
