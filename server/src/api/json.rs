//! A JSON body extractor whose refusals are `AppError`s: a clear Vietnamese message, 413
//! for a body over the limit.

use crate::error::AppError;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(e) => Err(refusal(e)),
        }
    }
}

fn refusal(e: JsonRejection) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return AppError::PayloadTooLarge;
    }
    match e {
        JsonRejection::MissingJsonContentType(_) => {
            AppError::BadRequest("Cần gửi dữ liệu JSON (Content-Type: application/json).".into())
        }
        other => AppError::BadRequest(format!("Dữ liệu JSON không hợp lệ: {}", other.body_text())),
    }
}
