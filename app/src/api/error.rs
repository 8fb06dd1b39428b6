//! The error every API answer that fails carries, and its codes.

use crate::domain::field_error::FieldMessage;
use crate::lang::Text;
use serde::{Deserialize, Serialize};

/// Every error the API returns: a stable code for programs and a message for people, in
/// the language the request asks for (its `lang` cookie, else `Accept-Language`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// The bad fields of a refused form (`invalid`), each with its message.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldMessage>,
}

/// Why a request failed, for programs: the server sends one, the browser acts on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No session, or it expired.
    Unauthorized,
    BadCredentials,
    Forbidden,
    NotFound,
    BadRequest,
    /// A form's bad fields, each named.
    Invalid,
    /// Someone else changed the record since it was read.
    Conflict,
    /// Too much at once, refused by the server or a proxy before it.
    PayloadTooLarge,
    /// An administrator closed the account.
    AccountClosed,
    PasswordChangeRequired,
    TooManyAttempts,
    /// The database is busy: the same request may succeed in a moment.
    Busy,
    /// A file not taken: its type, its size, its name (the message says which).
    FileRefused,
    Internal,
    /// An answer that is not the server's (a proxy's page): its HTTP status says what.
    Http,
    /// A code of a newer server than this build.
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    /// The code as sent, e.g. in the address of a sign-in form refused before the app loaded.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::BadCredentials => "bad_credentials",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::Invalid => "invalid",
            ErrorCode::Conflict => "conflict",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::AccountClosed => "account_closed",
            ErrorCode::PasswordChangeRequired => "password_change_required",
            ErrorCode::TooManyAttempts => "too_many_attempts",
            ErrorCode::Busy => "busy",
            ErrorCode::FileRefused => "file_refused",
            ErrorCode::Internal => "internal",
            ErrorCode::Http => "http",
            ErrorCode::Unknown => "unknown",
        }
    }

    /// A code as sent; one this build does not know is [`ErrorCode::Unknown`].
    pub fn parse(code: &str) -> ErrorCode {
        crate::code::read(code, ErrorCode::Unknown)
    }

    /// Why a sign-in was refused, as the sign-in page says it.
    pub fn sign_in_refusal(self) -> Text {
        match self {
            ErrorCode::BadCredentials => Text::new(
                "Tên đăng nhập hoặc mật khẩu không đúng.",
                "Wrong username or password.",
            ),
            ErrorCode::TooManyAttempts => Text::new(
                "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.",
                "Too many failed sign-ins. Try again in a few minutes.",
            ),
            ErrorCode::AccountClosed => Text::new(
                "Tài khoản đã bị khóa. Hãy liên hệ quản trị viên của đơn vị.",
                "This account is closed. Ask your unit's administrator.",
            ),
            _ => Text::new(
                "Không đăng nhập được. Hãy thử lại.",
                "You could not be signed in. Please try again.",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_as_they_are_written_and_unknown_ones_as_unknown() {
        let all = [
            ErrorCode::Unauthorized,
            ErrorCode::BadCredentials,
            ErrorCode::Forbidden,
            ErrorCode::NotFound,
            ErrorCode::BadRequest,
            ErrorCode::Invalid,
            ErrorCode::Conflict,
            ErrorCode::PayloadTooLarge,
            ErrorCode::AccountClosed,
            ErrorCode::PasswordChangeRequired,
            ErrorCode::TooManyAttempts,
            ErrorCode::Busy,
            ErrorCode::FileRefused,
            ErrorCode::Internal,
            ErrorCode::Http,
        ];
        for code in all {
            let sent = serde_json::to_string(&code).unwrap();
            assert_eq!(sent, format!("\"{}\"", code.as_str()));
            assert_eq!(ErrorCode::parse(code.as_str()), code);
            assert_eq!(serde_json::from_str::<ErrorCode>(&sent).unwrap(), code);
        }
        assert_eq!(ErrorCode::parse("quota_exceeded"), ErrorCode::Unknown);
        let later: ApiError =
            serde_json::from_str(r#"{"code":"quota_exceeded","message":"m"}"#).unwrap();
        assert_eq!(later.code, ErrorCode::Unknown);
    }
}
