//! A device's push subscription, parsed once: for the API that stores it and for the
//! sender that reads it back alike.

use super::services::PushServices;
use crate::store::push_subscriptions::StoredSubscription;
use axum::http::Uri;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use url::Url;
use web_push_native::p256::PublicKey;
use web_push_native::Auth;

/// The longest endpoint taken (the browsers' are a few hundred characters).
const MAX_ENDPOINT: usize = 2048;

/// A subscription messages can be encrypted and posted to.
#[derive(Clone, Debug)]
pub struct Subscription {
    pub endpoint: Uri,
    pub key: PublicKey,
    pub auth: Auth,
    /// As given, to store.
    pub stored: StoredSubscription,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SubscriptionError {
    #[error("the endpoint is not a URL of at most {MAX_ENDPOINT} characters")]
    Endpoint,
    #[error("the endpoint is not at a push service this server posts to")]
    Service,
    #[error("p256dh is not a P-256 public key (65 bytes, base64url)")]
    Key,
    #[error("auth is not 16 bytes in base64url")]
    Auth,
}

impl Subscription {
    pub fn parse(
        endpoint: &str,
        p256dh: &str,
        auth: &str,
        services: &PushServices,
    ) -> Result<Subscription, SubscriptionError> {
        if endpoint.len() > MAX_ENDPOINT {
            return Err(SubscriptionError::Endpoint);
        }
        let url = Url::parse(endpoint).map_err(|_| SubscriptionError::Endpoint)?;
        if !services.allows(&url) {
            return Err(SubscriptionError::Service);
        }
        let uri: Uri = url
            .as_str()
            .parse()
            .map_err(|_| SubscriptionError::Endpoint)?;
        let key = base64(p256dh)
            .and_then(|bytes| PublicKey::from_sec1_bytes(&bytes).ok())
            .ok_or(SubscriptionError::Key)?;
        let auth_bytes = base64(auth)
            .filter(|bytes| bytes.len() == 16)
            .ok_or(SubscriptionError::Auth)?;
        Ok(Subscription {
            endpoint: uri,
            key,
            auth: Auth::clone_from_slice(&auth_bytes),
            stored: StoredSubscription {
                endpoint: endpoint.to_string(),
                p256dh: p256dh.to_string(),
                auth: auth.to_string(),
            },
        })
    }
}

/// Browsers give base64url without padding; some add it.
fn base64(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    // A subscription as Chromium gives it (keys from RFC 8291's example).
    const P256DH: &str =
        "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    const AUTH: &str = "BTBZMqHH6r4Tts7J_aSIgg";

    fn services() -> PushServices {
        "https://fcm.googleapis.com".parse().expect("origin")
    }

    #[test]
    fn a_browsers_subscription_is_taken_and_a_bad_one_named() {
        let ok = Subscription::parse(
            "https://fcm.googleapis.com/fcm/send/dX1:APA91b",
            P256DH,
            AUTH,
            &services(),
        )
        .expect("a subscription");
        assert_eq!(ok.endpoint.host(), Some("fcm.googleapis.com"));
        assert_eq!(ok.stored.auth, AUTH);
        let parse = |endpoint: &str, key: &str, auth: &str| {
            Subscription::parse(endpoint, key, auth, &services()).map(|_| ())
        };
        let fcm = "https://fcm.googleapis.com/fcm/send/x";
        assert_eq!(
            parse("not a url", P256DH, AUTH),
            Err(SubscriptionError::Endpoint)
        );
        assert_eq!(
            parse("https://internal.example/x", P256DH, AUTH),
            Err(SubscriptionError::Service)
        );
        assert_eq!(parse(fcm, "BCVx", AUTH), Err(SubscriptionError::Key));
        assert_eq!(parse(fcm, P256DH, "c2hvcnQ"), Err(SubscriptionError::Auth));
        assert_eq!(
            parse(&format!("{fcm}/{}", "a".repeat(3000)), P256DH, AUTH),
            Err(SubscriptionError::Endpoint)
        );
    }
}
