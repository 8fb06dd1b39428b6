//! Where the site is: the scheme, host and port people open it at. A browser's write must
//! come from a page of that origin, and every request must name that host: a page of
//! another site whose name was pointed at this server (DNS rebinding) sends its own name
//! as both `Host` and `Origin`, and is refused.

use std::net::SocketAddr;
use url::Url;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    /// `scheme://host[:port]` as a browser sends it in `Origin` (no default port).
    origins: Vec<String>,
    /// `host[:port]` as a browser sends it in `Host`.
    hosts: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error("BAOCAO_PUBLIC_URL “{0}” is not an http or https address")]
    BadUrl(String),
    #[error(
        "the server listens on {0}, beyond this machine: set BAOCAO_PUBLIC_URL to the \
         address people open it at (https://…)"
    )]
    Unknown(SocketAddr),
}

impl Site {
    /// The site at `public_urls` (one address, or several separated by commas: a name and
    /// an intranet address, say); without one, the loopback address the server is bound
    /// to. Requests to the bound address itself (a reverse proxy's, a supervisor's) are its
    /// too: no other site's page can send them.
    pub fn new(public_urls: Option<&str>, bound: SocketAddr) -> Result<Site, SiteError> {
        let bound_hosts = hosts_of(bound);
        match public_urls {
            Some(list) => {
                let mut site = Site {
                    origins: Vec::new(),
                    hosts: bound_hosts,
                };
                for text in list.split(',') {
                    let url = Url::parse(text.trim())
                        .ok()
                        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
                        .ok_or_else(|| SiteError::BadUrl(text.to_string()))?;
                    let origin = url.origin().ascii_serialization();
                    if let Some((_, host)) = origin.split_once("://") {
                        site.hosts.push(host.to_string());
                    }
                    site.origins.push(origin);
                }
                Ok(site)
            }
            None if bound.ip().is_loopback() => Ok(Site {
                origins: bound_hosts.iter().map(|h| format!("http://{h}")).collect(),
                hosts: bound_hosts,
            }),
            None => Err(SiteError::Unknown(bound)),
        }
    }

    /// Whether a request's `Host` names the site.
    pub fn is_host(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        self.hosts.contains(&host)
    }

    /// Whether an `Origin` is the site's: scheme, host and port.
    pub fn is_origin(&self, origin: &str) -> bool {
        let origin = origin.to_ascii_lowercase();
        self.origins.contains(&origin)
    }
}

/// The names a request to `bound` carries as its host: the address itself, and for a
/// loopback address `localhost` too.
fn hosts_of(bound: SocketAddr) -> Vec<String> {
    let port = bound.port();
    let mut hosts = vec![bound.to_string()];
    if bound.ip().is_loopback() {
        hosts.push(format!("localhost:{port}"));
    }
    hosts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(s: &str) -> SocketAddr {
        s.parse().expect("address")
    }

    #[test]
    fn a_public_url_is_the_one_origin_and_host() {
        let site = Site::new(Some("https://BaoCao.example.vn/"), addr("0.0.0.0:3000")).unwrap();
        assert!(site.is_origin("https://baocao.example.vn"));
        assert!(
            !site.is_origin("http://baocao.example.vn"),
            "the scheme counts"
        );
        assert!(
            !site.is_origin("https://baocao.example.vn:8443"),
            "the port counts"
        );
        assert!(site.is_host("baocao.example.vn"));
        assert!(
            site.is_host("0.0.0.0:3000"),
            "the bound address, as a proxy names it"
        );
        assert!(!site.is_host("evil.example"));
        let with_port = Site::new(Some("http://10.1.2.3:8080"), addr("0.0.0.0:8080")).unwrap();
        assert!(with_port.is_origin("http://10.1.2.3:8080"));
        assert!(with_port.is_host("10.1.2.3:8080"));
    }

    #[test]
    fn several_public_urls_are_each_the_site() {
        let site = Site::new(
            Some("https://baocao.example.vn, http://10.1.2.3:8080"),
            addr("0.0.0.0:8080"),
        )
        .unwrap();
        assert!(site.is_origin("https://baocao.example.vn"));
        assert!(site.is_origin("http://10.1.2.3:8080"));
        assert!(site.is_host("10.1.2.3:8080"));
        assert!(!site.is_origin("http://baocao.example.vn"));
        assert!(matches!(
            Site::new(Some("https://baocao.example.vn,"), addr("0.0.0.0:8080")),
            Err(SiteError::BadUrl(_))
        ));
    }

    #[test]
    fn on_loopback_the_site_is_the_bound_address() {
        let site = Site::new(None, addr("127.0.0.1:3000")).unwrap();
        assert!(site.is_origin("http://127.0.0.1:3000"));
        assert!(site.is_origin("http://localhost:3000"));
        assert!(!site.is_origin("https://127.0.0.1:3000"), "not over https");
        assert!(!site.is_origin("http://127.0.0.1:3001"));
        assert!(site.is_host("localhost:3000"));
        assert!(!site.is_host("rebound.example:3000"), "DNS rebinding");
    }

    #[test]
    fn beyond_loopback_a_public_url_is_required() {
        assert!(matches!(
            Site::new(None, addr("0.0.0.0:3000")),
            Err(SiteError::Unknown(_))
        ));
        assert!(matches!(
            Site::new(Some("ftp://x"), addr("127.0.0.1:3000")),
            Err(SiteError::BadUrl(_))
        ));
    }
}
