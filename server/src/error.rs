//! One error type for the HTTP layer: a status, a stable code and a message in the
//! language of the request (`language::errors_in_request_language` picks it). Internal
//! causes are logged once here and never sent to the client.

use app::api::{ApiError, FieldError};
use app::lang::{Lang, Text};
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("Chưa đăng nhập hoặc phiên đăng nhập đã hết hạn.")]
    Unauthorized,
    #[error("Tên đăng nhập hoặc mật khẩu không đúng.")]
    BadCredentials,
    /// What the actor may not do or see, as the object of "no access to".
    #[error("Bạn không có quyền với {0}.")]
    Forbidden(Text),
    /// What was not found.
    #[error("Không tìm thấy {0}.")]
    NotFound(Text),
    #[error("{0}")]
    BadRequest(Text),
    /// A form's bad fields, each named with its message.
    #[error("Dữ liệu chưa hợp lệ: {}", .0.iter().map(|f| f.message.vi.as_str()).collect::<Vec<_>>().join(" "))]
    Invalid(Vec<FieldError>),
    /// Someone else changed the record since it was read.
    #[error("{0}")]
    Conflict(Text),
    #[error("Dữ liệu gửi lên quá lớn (tối đa 2 MB mỗi lần); hãy gửi thành nhiều lần.")]
    PayloadTooLarge,
    #[error("Tài khoản đã bị khóa. Hãy liên hệ quản trị viên của đơn vị.")]
    AccountClosed,
    #[error("Bạn cần đổi mật khẩu trước khi tiếp tục.")]
    PasswordChangeRequired,
    /// Too many failed logins; the time until the next attempt is let through.
    #[error("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {} phút.", minutes(.0))]
    TooManyAttempts(std::time::Duration),
    /// The database is busy (its write lock or its connections were not had in time): the
    /// request may succeed if sent again, which a device does by itself. The cause, for
    /// the log only.
    #[error("Máy chủ đang bận. Vui lòng thử lại sau giây lát.")]
    Busy(String),
    /// The cause, for the log only.
    #[error("Lỗi hệ thống. Vui lòng thử lại sau.")]
    Internal(String),
}

impl AppError {
    /// The message for the client, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::Vi {
            return self.to_string();
        }
        match self {
            AppError::Unauthorized => "You are not signed in, or your session has expired.".into(),
            AppError::BadCredentials => "Wrong username or password.".into(),
            AppError::Forbidden(what) => format!("You have no access to {}.", what.en),
            AppError::NotFound(what) => format!("Not found: {}.", what.en),
            AppError::BadRequest(text) | AppError::Conflict(text) => text.en.clone(),
            AppError::Invalid(fields) => format!(
                "Some data is not valid: {}",
                fields
                    .iter()
                    .map(|f| f.message.en.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            AppError::PayloadTooLarge => {
                "Too much data at once (at most 2 MB a request): send it in several parts.".into()
            }
            AppError::AccountClosed => {
                "This account is closed. Ask your unit's administrator.".into()
            }
            AppError::PasswordChangeRequired => {
                "You need to change your password before you continue.".into()
            }
            AppError::TooManyAttempts(wait) => format!(
                "Too many failed sign-ins. Try again in {} minute(s).",
                minutes(wait)
            ),
            AppError::Busy(_) => "The server is busy. Please try again in a moment.".into(),
            AppError::Internal(_) => "A system error. Please try again later.".into(),
        }
    }

    /// The stable code programs read.
    pub fn code(&self) -> &'static str {
        self.parts().1
    }

    fn parts(&self) -> (StatusCode, &'static str) {
        match self {
            AppError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            AppError::BadCredentials => (StatusCode::UNAUTHORIZED, "bad_credentials"),
            AppError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            AppError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            AppError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            AppError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
            AppError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            AppError::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            AppError::AccountClosed => (StatusCode::FORBIDDEN, "account_closed"),
            AppError::PasswordChangeRequired => (StatusCode::FORBIDDEN, "password_change_required"),
            AppError::TooManyAttempts(_) => (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"),
            AppError::Busy(_) => (StatusCode::SERVICE_UNAVAILABLE, "busy"),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

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
        let english = self.message(Lang::En);
        let message = self.message(Lang::Vi);
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
            code: code.to_string(),
            message: english,
            fields: fields(Lang::En),
        });
        let body = ApiError {
            code: code.to_string(),
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
