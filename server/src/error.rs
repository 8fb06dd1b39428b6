//! One error type for the HTTP layer: a status, a stable code and a Vietnamese message.
//! Internal causes are logged once here and never sent to the client.

use app::api::{ApiError, FieldError};
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
    #[error("Bạn không có quyền với {0}.")]
    Forbidden(String),
    #[error("Không tìm thấy {0}.")]
    NotFound(String),
    #[error("{0}")]
    BadRequest(String),
    /// A form's bad fields, each named with its message.
    #[error("Dữ liệu chưa hợp lệ: {}", .0.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join(" "))]
    Invalid(Vec<FieldError>),
    /// Someone else changed the record since it was read.
    #[error("{0}")]
    Conflict(String),
    #[error("Dữ liệu gửi lên quá lớn (tối đa 2 MB mỗi lần); hãy gửi thành nhiều lần.")]
    PayloadTooLarge,
    #[error("Tài khoản đã bị khóa. Hãy liên hệ quản trị viên của đơn vị.")]
    AccountClosed,
    #[error("Bạn cần đổi mật khẩu trước khi tiếp tục.")]
    PasswordChangeRequired,
    /// Too many failed logins; the time until the next attempt is let through.
    #[error("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {} phút.", minutes(.0))]
    TooManyAttempts(std::time::Duration),
    /// The cause, for the log only.
    #[error("Lỗi hệ thống. Vui lòng thử lại sau.")]
    Internal(String),
}

impl AppError {
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
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(format!("database: {e}"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(cause) = &self {
            tracing::error!(%cause, "internal error");
        }
        let (status, code) = self.parts();
        let message = self.to_string();
        let retry_after = match &self {
            AppError::TooManyAttempts(wait) => Some(wait.as_secs().max(1)),
            _ => None,
        };
        let fields = match self {
            AppError::Invalid(fields) => fields,
            _ => Vec::new(),
        };
        let body = Json(ApiError {
            code: code.to_string(),
            message,
            fields,
        });
        let mut response = (status, body).into_response();
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
