//! One error type for the HTTP layer: a status, a stable code and a message in the
//! language of the request (`language::errors_in_request_language` picks it). Internal
//! causes are logged once here and never sent to the client.

use app::api::{ApiError, ErrorCode, FieldError};
use app::domain::attachment::FileRefusal;
use app::lang::{Lang, Text};
use app::sync::MAX_BODY_BYTES;
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(Debug)]
pub enum AppError {
    Unauthorized,
    BadCredentials,
    /// What the actor may not do or see, as the object of "no access to".
    Forbidden(Text),
    /// What was not found.
    NotFound(Text),
    BadRequest(Text),
    /// A form's bad fields, each named with its message.
    Invalid(Vec<FieldError>),
    /// Someone else changed the record since it was read.
    Conflict(Text),
    PayloadTooLarge,
    /// A file a report does not take.
    File(FileRefusal),
    AccountClosed,
    PasswordChangeRequired,
    /// Too many failed logins; the time until the next attempt is let through.
    TooManyAttempts(std::time::Duration),
    /// The database is busy (its write lock or its connections were not had in time): the
    /// request may succeed if sent again, which a device does by itself. The cause, for
    /// the log only.
    Busy(String),
    /// The cause, for the log only.
    Internal(String),
}

impl AppError {
    /// The message for the client, in both languages.
    pub fn text(&self) -> Text {
        let joined = |fields: &[FieldError], lang| {
            fields
                .iter()
                .map(|f| f.message.get(lang))
                .collect::<Vec<_>>()
                .join(" ")
        };
        match self {
            AppError::Unauthorized => Text::new(
                "Chưa đăng nhập hoặc phiên đăng nhập đã hết hạn.",
                "You are not signed in, or your session has expired.",
            ),
            AppError::BadCredentials | AppError::AccountClosed => self.code().sign_in_refusal(),
            AppError::Forbidden(what) => Text::new(
                format!("Bạn không có quyền với {}.", what.vi),
                format!("You have no access to {}.", what.en),
            ),
            AppError::NotFound(what) => Text::new(
                format!("Không tìm thấy {}.", what.vi),
                format!("Not found: {}.", what.en),
            ),
            AppError::BadRequest(text) | AppError::Conflict(text) => text.clone(),
            AppError::Invalid(fields) => Text::new(
                format!("Dữ liệu chưa hợp lệ: {}", joined(fields, Lang::Vi)),
                format!("Some data is not valid: {}", joined(fields, Lang::En)),
            ),
            AppError::PayloadTooLarge => {
                let mb = MAX_BODY_BYTES / (1024 * 1024);
                Text::new(
                    format!("Dữ liệu gửi lên quá lớn (tối đa {mb} MB mỗi lần); hãy gửi thành nhiều lần."),
                    format!("Too much data at once (at most {mb} MB a request): send it in several parts."),
                )
            }
            AppError::File(refusal) => {
                Text::new(refusal.message(Lang::Vi), refusal.message(Lang::En))
            }
            AppError::PasswordChangeRequired => Text::new(
                "Bạn cần đổi mật khẩu trước khi tiếp tục.",
                "You need to change your password before you continue.",
            ),
            AppError::TooManyAttempts(wait) => Text::new(
                format!(
                    "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {} phút.",
                    minutes(wait)
                ),
                format!(
                    "Too many failed sign-ins. Try again in {} minute(s).",
                    minutes(wait)
                ),
            ),
            AppError::Busy(_) => Text::new(
                "Máy chủ đang bận. Vui lòng thử lại sau giây lát.",
                "The server is busy. Please try again in a moment.",
            ),
            AppError::Internal(_) => Text::new(
                "Lỗi hệ thống. Vui lòng thử lại sau.",
                "A system error. Please try again later.",
            ),
        }
    }

    /// The message for the client, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.text().get(lang).to_string()
    }

    /// The stable code programs read.
    pub fn code(&self) -> ErrorCode {
        self.parts().1
    }

    fn parts(&self) -> (StatusCode, ErrorCode) {
        match self {
            AppError::Unauthorized => (StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized),
            AppError::BadCredentials => (StatusCode::UNAUTHORIZED, ErrorCode::BadCredentials),
            AppError::Forbidden(_) => (StatusCode::FORBIDDEN, ErrorCode::Forbidden),
            AppError::NotFound(_) => (StatusCode::NOT_FOUND, ErrorCode::NotFound),
            AppError::BadRequest(_) => (StatusCode::BAD_REQUEST, ErrorCode::BadRequest),
            AppError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Invalid),
            AppError::Conflict(_) => (StatusCode::CONFLICT, ErrorCode::Conflict),
            AppError::PayloadTooLarge => {
                (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::PayloadTooLarge)
            }
            AppError::File(refusal) => {
                let status = match refusal {
                    FileRefusal::Type => StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    FileRefusal::TooLarge { .. } | FileRefusal::ReportFull { .. } => {
                        StatusCode::PAYLOAD_TOO_LARGE
                    }
                    FileRefusal::Name | FileRefusal::NotUploaded => {
                        StatusCode::UNPROCESSABLE_ENTITY
                    }
                };
                (status, ErrorCode::FileRefused)
            }
            AppError::AccountClosed => (StatusCode::FORBIDDEN, ErrorCode::AccountClosed),
            AppError::PasswordChangeRequired => {
                (StatusCode::FORBIDDEN, ErrorCode::PasswordChangeRequired)
            }
            AppError::TooManyAttempts(_) => {
                (StatusCode::TOO_MANY_REQUESTS, ErrorCode::TooManyAttempts)
            }
            AppError::Busy(_) => (StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Busy),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal),
        }
    }
}

/// In Vietnamese, as the log and the command line print it.
impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().vi)
    }
}

impl std::error::Error for AppError {}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        if crate::db::is_busy(&e) {
            AppError::Busy(format!("database: {e}"))
        } else {
            AppError::Internal(format!("database: {e}"))
        }
    }
}

/// How long a client is asked to wait before sending a request the busy database refused.
const BUSY_RETRY_AFTER_SECS: u64 = 2;

/// The English body of an error answer, for `language::errors_in_request_language` to
/// send instead of the Vietnamese one when the request asks for English.
#[derive(Clone)]
pub struct InEnglish(pub ApiError);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            AppError::Internal(cause) => tracing::error!(%cause, "internal error"),
            AppError::Busy(cause) => tracing::warn!(%cause, "busy: answered 503"),
            _ => {}
        }
        let (status, code) = self.parts();
        let Text {
            vi: message,
            en: english,
        } = self.text();
        let retry_after = match &self {
            AppError::TooManyAttempts(wait) => Some(wait.as_secs().max(1)),
            AppError::Busy(_) => Some(BUSY_RETRY_AFTER_SECS),
            _ => None,
        };
        let fields = |lang| match &self {
            AppError::Invalid(fields) => fields.iter().map(|f| f.in_lang(lang)).collect(),
            _ => Vec::new(),
        };
        let in_english = InEnglish(ApiError {
            code,
            message: english,
            fields: fields(Lang::En),
        });
        let body = ApiError {
            code,
            message,
            fields: fields(Lang::Vi),
        };
        let mut response = (status, Json(body)).into_response();
        response.extensions_mut().insert(in_english);
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// Whole minutes, rounded up: "thử lại sau 0 phút" would say nothing.
fn minutes(wait: &std::time::Duration) -> u64 {
    wait.as_secs().div_ceil(60).max(1)
}

pub type AppResult<T> = Result<T, AppError>;
