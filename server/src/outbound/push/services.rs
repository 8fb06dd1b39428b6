//! The push services a device may subscribe through. The server posts to a subscription's
//! endpoint, which the device gives: limiting endpoints to the browsers' push services
//! keeps a signed-in user from making the server post to any address it can reach.

use std::str::FromStr;
use url::Url;

/// Chrome, Edge, Cốc Cốc and other Chromium browsers (FCM), Firefox, Windows, Safari.
pub const DEFAULT_PUSH_SERVICES: &str = "https://fcm.googleapis.com,\
https://updates.push.services.mozilla.com,https://*.notify.windows.com,\
https://web.push.apple.com";

/// Origins, each `scheme://host[:port]`, the host possibly `*.domain` for any of its
/// subdomains.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushServices(Vec<Origin>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    /// `*.host`: a subdomain of `host`, not `host` itself.
    subdomains: bool,
    port: u16,
}

#[derive(Debug, thiserror::Error)]
#[error("not a push service's origin (https://host, https://*.domain or http://host:port): {0}")]
pub struct NotAnOrigin(String);

impl FromStr for PushServices {
    type Err = NotAnOrigin;

    fn from_str(s: &str) -> Result<PushServices, NotAnOrigin> {
        let origins = s
            .split(',')
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(origin)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PushServices(origins))
    }
}

fn origin(text: &str) -> Result<Origin, NotAnOrigin> {
    let bad = || NotAnOrigin(text.to_string());
    let (scheme, rest) = text.split_once("://").ok_or_else(bad)?;
    let default_port = match scheme {
        "https" => 443,
        "http" => 80,
        _ => return Err(bad()),
    };
    let rest = rest.trim_end_matches('/');
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) => (host, port.parse().map_err(|_| bad())?),
        None => (rest, default_port),
    };
    let (host, subdomains) = match host.strip_prefix("*.") {
        Some(domain) => (domain, true),
        None => (host, false),
    };
    if host.is_empty() || host.contains(['/', '*', '@', '?', '#']) {
        return Err(bad());
    }
    Ok(Origin {
        scheme: scheme.to_string(),
        host: host.to_ascii_lowercase(),
        subdomains,
        port,
    })
}

impl PushServices {
    /// Whether `endpoint` is at one of the services.
    pub fn allows(&self, endpoint: &Url) -> bool {
        let (Some(host), Some(port)) = (endpoint.host_str(), endpoint.port_or_known_default())
        else {
            return false;
        };
        let host = host.to_ascii_lowercase();
        self.0.iter().any(|o| {
            o.scheme == endpoint.scheme()
                && o.port == port
                && if o.subdomains {
                    host.strip_suffix(&o.host)
                        .is_some_and(|sub| sub.len() > 1 && sub.ends_with('.'))
                } else {
                    host == o.host
                }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).expect("url")
    }

    #[test]
    fn the_browsers_push_services_are_allowed_and_nothing_else() {
        let services: PushServices = DEFAULT_PUSH_SERVICES.parse().expect("the defaults");
        for ok in [
            "https://fcm.googleapis.com/fcm/send/abc:APA91",
            "https://updates.push.services.mozilla.com/wpush/v2/gAAA",
            "https://db5p.notify.windows.com/w/?token=BQYAAAD",
            "https://web.push.apple.com/QGm3",
        ] {
            assert!(services.allows(&url(ok)), "{ok}");
        }
        for refused in [
            "http://fcm.googleapis.com/fcm/send/abc",
            "https://fcm.googleapis.com:8443/fcm/send/abc",
            "https://fcm.googleapis.com.evil.example/x",
            "https://notify.windows.com/w/",
            "https://evilnotify.windows.com/w/",
            "https://127.0.0.1/admin",
            "http://localhost:3000/api/v1/admin/accounts",
        ] {
            assert!(!services.allows(&url(refused)), "{refused}");
        }
    }

    #[test]
    fn a_test_service_on_this_machine_is_named_with_its_port() {
        let services: PushServices = "http://127.0.0.1:4123".parse().expect("origin");
        assert!(services.allows(&url("http://127.0.0.1:4123/push/1")));
        assert!(!services.allows(&url("http://127.0.0.1:4124/push/1")));
        assert!("ftp://x".parse::<PushServices>().is_err());
        assert!("https://*.".parse::<PushServices>().is_err());
        assert!("https://a.example:port".parse::<PushServices>().is_err());
    }
}
