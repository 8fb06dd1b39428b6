//! What reaches a unit's staff about their reports (thông báo), and the reminders
//! (đôn đốc) a reviewer sends to the units that have not reported.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What a notice is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// The reviewer returned the report, with their comment.
    Returned,
    /// The reviewer accepted the report.
    Accepted,
    /// The unit was reminded of a report it owes (by a reviewer, or automatically by the
    /// plan's rules), with the reminder's text.
    Reminded,
    /// A report not submitted is due within a week.
    DueSoon,
    /// A report not submitted is past its deadline.
    Overdue,
    /// A plan assigns the unit work (listed from the plan's day of issue).
    NewPlan,
    /// A kind of a newer server than this build.
    #[serde(other)]
    Unknown,
}

impl NoticeKind {
    /// What is sent outside the app, and what the user may turn off there, in the order a
    /// page lists them. The calendar's notices stay in the app: the automatic reminders
    /// bring a deadline by mail.
    pub const SENT: [NoticeKind; 3] = [
        NoticeKind::Returned,
        NoticeKind::Reminded,
        NoticeKind::Accepted,
    ];

    /// The stored code: the serde name.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Returned => "returned",
            NoticeKind::Accepted => "accepted",
            NoticeKind::Reminded => "reminded",
            NoticeKind::DueSoon => "due_soon",
            NoticeKind::Overdue => "overdue",
            NoticeKind::NewPlan => "new_plan",
            NoticeKind::Unknown => "unknown",
        }
    }

    pub fn parse(stored: &str) -> NoticeKind {
        crate::code::read(stored, NoticeKind::Unknown)
    }
}

/// How a notice reaches a user outside the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    /// Web Push, to each device where the user turned it on.
    Push,
}

impl Channel {
    /// The stored code: the serde name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Push => "push",
        }
    }
}

/// What reaches the signed-in user outside the app, and whether it can.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NoticeSettings {
    /// The account's e-mail address, if it has one (its administrator sets it).
    pub email: Option<String>,
    /// Whether this server sends mail at all.
    pub email_available: bool,
    /// The kinds of notice the user does not want by e-mail.
    pub email_off: Vec<NoticeKind>,
    /// The server's public VAPID key (base64url, uncompressed P-256 point): what a device
    /// subscribes with.
    #[serde(default)]
    pub push_key: String,
    /// The kinds of notice the user does not want pushed to their devices.
    #[serde(default)]
    pub push_off: Vec<NoticeKind>,
    /// The push endpoints of the user's devices that receive notices.
    #[serde(default)]
    pub push_endpoints: Vec<String>,
}

/// The kinds of notice the user does not want by e-mail, and pushed, as they chose them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NoticeSettingsChange {
    pub email_off: Vec<NoticeKind>,
    #[serde(default)]
    pub push_off: Vec<NoticeKind>,
}

/// A device's push subscription, as the browser gives it (`PushSubscription.toJSON()`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PushSubscriptionInput {
    /// The push service's URL for this device.
    pub endpoint: String,
    pub keys: PushKeys,
}

/// The keys a subscription's messages are encrypted to (RFC 8291), base64url.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PushKeys {
    /// The device's P-256 public key, uncompressed (65 bytes).
    pub p256dh: String,
    /// The device's authentication secret (16 bytes).
    pub auth: String,
}

/// A device that no longer receives notices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PushEndpoint {
    pub endpoint: String,
}

/// What a push message carries, as the service worker reads it to show a notification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushMessage {
    pub title: String,
    pub body: String,
    /// The page the notification opens (a path on this server).
    pub url: String,
    /// The notice's id: a message delivered twice replaces the notification shown.
    pub tag: String,
}

/// Whether the server sends mail, for its administrators.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MailStatus {
    /// Mail is on: an SMTP server and a sender are set.
    pub enabled: bool,
    /// The sender's address, when on.
    pub sender: Option<String>,
    /// Mails waiting to be sent, and mails given up after repeated failures.
    pub waiting: i64,
    pub given_up: i64,
}

/// One notice to a unit's staff, about one report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Notice {
    /// Stable: the event's own id, so that it is marked read once.
    pub id: String,
    pub kind: NoticeKind,
    pub plan_id: String,
    pub period_code: String,
    pub unit_code: String,
    /// The period's label, as the plan words it (“Báo cáo 6 tháng đầu năm 2026”); for a
    /// new plan, the plan's number and title.
    pub report: String,
    /// The report's deadline (on time before this day).
    #[serde(default)]
    pub due_before: Option<NaiveDate>,
    /// The return's comment or the reminder's text; empty for an acceptance.
    #[serde(default)]
    pub text: String,
    /// Who did it: the reviewer's name and unit; empty when no one's hand did (the plan's
    /// automatic reminders, and the calendar's notices).
    pub by: String,
    pub at: DateTime<Utc>,
    pub read: bool,
}

/// A user's notices, newest first, over the last [`NOTICE_DAYS`] days.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NoticesView {
    pub notices: Vec<Notice>,
}

impl NoticesView {
    pub fn unread(&self) -> usize {
        self.notices.iter().filter(|n| !n.read).count()
    }
}

/// How far back notices are listed.
pub const NOTICE_DAYS: i64 = 120;

/// Notices the user has read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MarkRead {
    /// At most [`MAX_MARKED`] ids; unknown ones are ignored.
    pub ids: Vec<String>,
}

pub const MAX_MARKED: usize = 500;

/// A reminder to the units of a period that have not reported: all of those in the
/// reviewer's subtree, or the ones chosen among them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RemindRequest {
    /// The units chosen; absent for every unit still owing the report.
    #[serde(default)]
    pub units: Option<Vec<String>>,
    /// The text, as drafted and edited once for all; each unit's copy starts with
    /// “Kính gửi: …” addressed to it.
    pub text: String,
}

/// The longest reminder text, in characters.
pub const MAX_REMINDER_CHARS: usize = 4000;

/// What became of a reminder.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Reminded {
    /// The units reminded now.
    pub reminded: Vec<String>,
    /// The units already reminded today (at most once a day, whatever is clicked).
    pub already_today: Vec<String>,
}

/// The reminders a unit was sent for a period: how many, and the day of the last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReminderTally {
    pub count: u32,
    pub last: NaiveDate,
}
