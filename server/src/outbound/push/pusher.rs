//! Posting push messages: the server's VAPID key, made once and kept in the database, and
//! an HTTPS client that posts each message, encrypted for a device, to its push service.

use super::services::PushServices;
use super::subscription::Subscription;
use super::vapid::{Vapid, VALID_SECONDS};
use crate::db::{self, Db};
use crate::store;
use axum::http::header::AUTHORIZATION;
use axum::http::HeaderValue;
use std::time::Duration;
use web_push_native::WebPushBuilder;

/// The name the VAPID key is kept under.
const VAPID_KEY: &str = "vapid";

/// The longest a push service may take to answer before the message is tried again later.
const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Pusher {
    keys: Vapid,
    /// Who runs this server, for the push services (the VAPID `sub`).
    contact: String,
    services: PushServices,
    client: reqwest::Client,
}

#[derive(Debug, thiserror::Error)]
pub enum PushSetupError {
    #[error("cannot read or keep the VAPID key: {0}")]
    Store(#[from] sqlx::Error),
    #[error("the stored VAPID key is not a P-256 private key")]
    Key,
    #[error("cannot make the HTTPS client for push services: {0}")]
    Client(#[from] reqwest::Error),
}

impl Pusher {
    /// The pusher with the database's VAPID key, made and kept there on the first start.
    pub async fn load(
        db: &Db,
        services: PushServices,
        contact: String,
    ) -> Result<Pusher, PushSetupError> {
        let mut tx = db::begin_write(db).await?;
        let kept = store::server_keys::get_or_make(&mut tx, VAPID_KEY, &Vapid::make()).await?;
        tx.commit().await?;
        let keys = Vapid::from_kept(&kept).ok_or(PushSetupError::Key)?;
        // Push services answer at once or not at all; a redirect is never followed, so
        // that a post goes only where the subscription's endpoint says.
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Pusher {
            keys,
            contact,
            services,
            client,
        })
    }

    /// The public key devices subscribe with (the application server key), base64url.
    pub fn public_key(&self) -> String {
        self.keys.public_key()
    }

    pub fn services(&self) -> &PushServices {
        &self.services
    }

    /// Sends `message` to every device of `username`. Done when each device's push service
    /// took it, or said the device is gone (then the device is forgotten); an error naming
    /// what failed otherwise, to try them all again later: a device that had it already
    /// shows it once, since the notification's tag is the notice's.
    pub async fn send(&self, db: &Db, username: &str, message: &str) -> Result<(), String> {
        let devices = {
            let mut conn = db.acquire().await.map_err(|e| e.to_string())?;
            store::push_subscriptions::of_user(&mut conn, username)
                .await
                .map_err(|e| e.to_string())?
        };
        let mut failures = Vec::new();
        for device in devices {
            let parsed = Subscription::parse(
                &device.endpoint,
                &device.p256dh,
                &device.auth,
                &self.services,
            );
            let outcome = match parsed {
                Ok(sub) => self.post(sub, message).await,
                // No longer at an allowed service (the settings changed): not sent there.
                Err(e) => Outcome::Gone(e.to_string()),
            };
            match outcome {
                Outcome::Taken => {}
                Outcome::Gone(why) => {
                    tracing::info!(user = username, "push subscription dropped: {why}");
                    let mut tx = db::begin_write(db).await.map_err(|e| e.to_string())?;
                    store::push_subscriptions::gone(&mut tx, &device.endpoint)
                        .await
                        .map_err(|e| e.to_string())?;
                    tx.commit().await.map_err(|e| e.to_string())?;
                }
                Outcome::Failed(why) => failures.push(why),
            }
        }
        if failures.is_empty() {
            Ok(())
        } else {
            Err(failures.join("; "))
        }
    }

    async fn post(&self, sub: Subscription, message: &str) -> Outcome {
        let host = sub.endpoint.host().unwrap_or_default().to_string();
        let claim = self
            .keys
            .authorization(&sub.endpoint, &self.contact, chrono::Utc::now().timestamp())
            .and_then(|c| HeaderValue::from_str(&c).ok());
        let Some(claim) = claim else {
            return Outcome::Gone(format!("{host}: no origin to sign for"));
        };
        // The message's time to live is the claim's: a device offline longer finds the
        // notice in the app.
        let request = WebPushBuilder::new(sub.endpoint, sub.key, sub.auth)
            .with_valid_duration(Duration::from_secs(VALID_SECONDS as u64))
            .build(message.as_bytes().to_vec())
            .map_err(|e| e.to_string())
            .and_then(|mut r| {
                r.headers_mut().insert(AUTHORIZATION, claim);
                reqwest::Request::try_from(r).map_err(|e| e.to_string())
            });
        let request = match request {
            Ok(request) => request,
            Err(e) => return Outcome::Failed(format!("{host}: {e}")),
        };
        match self.client.execute(request).await {
            Ok(answer) if answer.status().is_success() => Outcome::Taken,
            // 404 and 410: the subscription expired or was removed; 400 and 403: it cannot
            // be used (made with another key, or not one this service issued).
            Ok(answer) if matches!(answer.status().as_u16(), 400 | 403 | 404 | 410) => {
                Outcome::Gone(format!("{host}: {}", answer.status()))
            }
            Ok(answer) => Outcome::Failed(format!("{host}: {}", answer.status())),
            Err(e) => Outcome::Failed(format!("{host}: {}", e.without_url())),
        }
    }
}

enum Outcome {
    Taken,
    Gone(String),
    Failed(String),
}
