//! The server's VAPID key (RFC 8292) and the claim a push service checks with it: a JWT
//! signed with ES256, naming the push service's origin, an expiry within a day and whom to
//! contact about the messages.

use axum::http::Uri;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};

/// How long a claim holds: push services take at most 24 hours.
pub const VALID_SECONDS: i64 = 12 * 60 * 60;

pub struct Vapid {
    key: SigningKey,
}

impl Vapid {
    /// A new private key, as kept (base64url of its 32 bytes).
    pub fn make() -> String {
        loop {
            // Of random 32 bytes, all but a vanishing few are a valid P-256 scalar.
            let raw: [u8; 32] = rand::random();
            if SigningKey::from_slice(&raw).is_ok() {
                return URL_SAFE_NO_PAD.encode(raw);
            }
        }
    }

    /// The key as kept; `None` when it is not one.
    pub fn from_kept(kept: &str) -> Option<Vapid> {
        let raw = URL_SAFE_NO_PAD.decode(kept).ok()?;
        SigningKey::from_slice(&raw).ok().map(|key| Vapid { key })
    }

    /// The public key devices subscribe with (the application server key): the
    /// uncompressed point, base64url.
    pub fn public_key(&self) -> String {
        let point = self.key.verifying_key().to_encoded_point(false);
        URL_SAFE_NO_PAD.encode(point.as_bytes())
    }

    /// The `Authorization` header of a message to `endpoint` sent at `now` (seconds since
    /// the epoch): `vapid t=<JWT>, k=<public key>`.
    pub fn authorization(&self, endpoint: &Uri, contact: &str, now: i64) -> Option<String> {
        let origin = match endpoint.port_u16() {
            Some(port) => format!("{}://{}:{port}", endpoint.scheme_str()?, endpoint.host()?),
            None => format!("{}://{}", endpoint.scheme_str()?, endpoint.host()?),
        };
        let header = serde_json::json!({ "typ": "JWT", "alg": "ES256" });
        let claims = serde_json::json!({
            "aud": origin,
            "exp": now + VALID_SECONDS,
            "sub": contact,
        });
        let signed = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        // ES256 (RFC 7518): ECDSA over SHA-256, the signature as r and s, 32 bytes each.
        let signature: Signature = self.key.sign(signed.as_bytes());
        let token = format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()));
        Some(format!("vapid t={token}, k={}", self.public_key()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::signature::Verifier;
    use p256::ecdsa::VerifyingKey;

    #[test]
    fn the_claim_is_a_jwt_the_public_key_verifies() {
        let vapid = Vapid::from_kept(&Vapid::make()).expect("a key");
        let endpoint: Uri = "https://fcm.googleapis.com/fcm/send/abc".parse().unwrap();
        let header = vapid
            .authorization(&endpoint, "mailto:snv@tphcm.gov.vn", 1_800_000_000)
            .expect("a claim");
        let (token, key) = header
            .strip_prefix("vapid t=")
            .and_then(|rest| rest.split_once(", k="))
            .expect("vapid t=…, k=…");
        assert_eq!(key, vapid.public_key());
        let parts: Vec<&str> = token.split('.').collect();
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(claims["aud"], "https://fcm.googleapis.com");
        assert_eq!(claims["exp"], 1_800_000_000 + VALID_SECONDS);
        assert_eq!(claims["sub"], "mailto:snv@tphcm.gov.vn");
        let point = URL_SAFE_NO_PAD.decode(key).unwrap();
        let verifier = VerifyingKey::from_sec1_bytes(&point).unwrap();
        let signature = Signature::from_slice(&URL_SAFE_NO_PAD.decode(parts[2]).unwrap()).unwrap();
        let signed = format!("{}.{}", parts[0], parts[1]);
        assert!(verifier.verify(signed.as_bytes(), &signature).is_ok());
        let local: Uri = "http://127.0.0.1:4123/push/1".parse().unwrap();
        let header = vapid.authorization(&local, "mailto:x@y", 0).unwrap();
        let token = header
            .strip_prefix("vapid t=")
            .unwrap()
            .split('.')
            .nth(1)
            .unwrap();
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(token).unwrap()).unwrap();
        assert_eq!(
            claims["aud"], "http://127.0.0.1:4123",
            "the origin keeps its port"
        );
    }
}
