//! A JSON body extractor whose refusals are `AppError`s: a clear Vietnamese message, 413
//! for a body over the limit.

use crate::error::AppError;
use app::lang::Text;
use axum::body::Bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        if !is_json(req.headers()) {
            return Err(AppError::BadRequest(Text::new(
                "Cần gửi dữ liệu JSON (Content-Type: application/json).",
                "Send JSON data (Content-Type: application/json).",
            )));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::PayloadTooLarge
            } else {
                AppError::BadRequest(Text::new(
                    format!("Không đọc được dữ liệu gửi lên: {}", e.body_text()),
                    format!("The data sent could not be read: {}", e.body_text()),
                ))
            }
        })?;
        // PostgreSQL keeps no NUL character in text: refused here, for every JSON body,
        // rather than failing a write (a 500) on one database and not on the other.
        if holds_nul(&bytes) {
            return Err(AppError::BadRequest(Text::new(
                "Dữ liệu gửi lên chứa ký tự NUL (\\u0000), không được chấp nhận.",
                "The data sent holds a NUL character (\\u0000), which is not accepted.",
            )));
        }
        // A sync push is tens of kB: parsed directly. axum's parser tracks the path to
        // every value, which only an error needs: it words the refusal.
        match serde_json::from_slice(&bytes) {
            Ok(value) => Ok(ApiJson(value)),
            Err(_) => match axum::Json::<T>::from_bytes(&bytes) {
                Ok(axum::Json(value)) => Ok(ApiJson(value)),
                Err(e) => Err(refusal(e)),
            },
        }
    }
}

/// `application/json`, or a `+json` type, with any parameters.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

fn refusal(e: JsonRejection) -> AppError {
    AppError::BadRequest(Text::new(
        format!("Dữ liệu JSON không hợp lệ: {}", e.body_text()),
        format!("Invalid JSON data: {}", e.body_text()),
    ))
}

/// Whether a JSON text holds the escape `\u0000` (a backslash that is itself escaped does
/// not start one).
fn holds_nul(json: &[u8]) -> bool {
    json.windows(6).enumerate().any(|(i, w)| {
        w == b"\\u0000" && json[..=i].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
    })
}

#[cfg(test)]
mod tests {
    use super::holds_nul;

    #[test]
    fn a_nul_escape_is_found_and_an_escaped_backslash_is_not_one() {
        assert!(holds_nul(br#"{"text":"a\u0000b"}"#));
        assert!(holds_nul(br#"{"text":"\\\u0000"}"#));
        assert!(!holds_nul(br#"{"text":"a\\u0000b"}"#));
        assert!(!holds_nul(br#"{"text":"\u0001"}"#));
    }
}
