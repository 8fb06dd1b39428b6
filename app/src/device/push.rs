//! This device's Web Push subscription: whether the browser can receive notices, and
//! subscribing or unsubscribing through the service worker's push manager.

use crate::api::PushSubscriptionInput;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{NotificationPermission, PushManager, PushSubscription, ServiceWorkerRegistration};

/// What the browser allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PushSupport {
    /// No push in this browser (or not installed: iOS pushes only to a home-screen app).
    None,
    /// The user blocked this site's notifications in the browser.
    Blocked,
    Possible,
}

pub fn support() -> PushSupport {
    let Some(window) = web_sys::window() else {
        return PushSupport::None;
    };
    let has = |name: &str| js_sys::Reflect::has(&window, &JsValue::from_str(name)) == Ok(true);
    if !(has("PushManager") && has("Notification") && has("ServiceWorkerRegistration")) {
        return PushSupport::None;
    }
    match web_sys::Notification::permission() {
        NotificationPermission::Denied => PushSupport::Blocked,
        _ => PushSupport::Possible,
    }
}

async fn manager() -> Option<PushManager> {
    let container = web_sys::window()?.navigator().service_worker();
    let ready = JsFuture::from(container.ready().ok()?).await.ok()?;
    ready
        .dyn_into::<ServiceWorkerRegistration>()
        .ok()?
        .push_manager()
        .ok()
}

async fn subscription(manager: &PushManager) -> Option<PushSubscription> {
    let found = JsFuture::from(manager.get_subscription().ok()?)
        .await
        .ok()?;
    found.dyn_into::<PushSubscription>().ok()
}

/// The subscription as the server takes it (`toJSON()`).
fn as_input(sub: &PushSubscription) -> Option<PushSubscriptionInput> {
    let json = js_sys::JSON::stringify(sub).ok()?.as_string()?;
    serde_json::from_str(&json).ok()
}

/// This device's subscription, if it has one.
pub async fn current() -> Option<PushSubscriptionInput> {
    as_input(&subscription(&manager().await?).await?)
}

/// Asks the user's permission and subscribes with the server's key (base64url); `None`
/// when refused or when the browser's push service cannot be reached.
pub async fn subscribe(server_key: &str) -> Option<PushSubscriptionInput> {
    let asked = JsFuture::from(web_sys::Notification::request_permission().ok()?)
        .await
        .ok()?;
    if asked.as_string().as_deref() != Some("granted") {
        return None;
    }
    let options = web_sys::PushSubscriptionOptionsInit::new();
    options.set_user_visible_only(true);
    // The Push API takes the key as base64url text too, as the server gives it.
    options.set_application_server_key(&JsValue::from_str(server_key));
    let manager = manager().await?;
    let made = JsFuture::from(manager.subscribe_with_options(&options).ok()?)
        .await
        .ok()?;
    as_input(&made.dyn_into::<PushSubscription>().ok()?)
}

/// Unsubscribes this device; the endpoint it had, to tell the server.
pub async fn unsubscribe() -> Option<String> {
    let sub = subscription(&manager().await?).await?;
    let endpoint = sub.endpoint();
    JsFuture::from(sub.unsubscribe().ok()?).await.ok()?;
    Some(endpoint)
}
