//! Notices by Web Push: to each device where a user turned them on, encrypted to the
//! device's keys (RFC 8291, web-push-native) and signed with the server's VAPID key (RFC
//! 8292), through the push service the device's browser uses, and only the services the
//! settings allow.

mod message;
mod pusher;
mod services;
mod subscription;
mod vapid;

pub use message::message;
pub use pusher::{PushSetupError, Pusher};
pub use services::{PushServices, DEFAULT_PUSH_SERVICES};
pub use subscription::{Subscription, SubscriptionError};
