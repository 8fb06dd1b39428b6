//! A query string extractor whose refusals are `AppError`s: 400 with a JSON body naming
//! the parameter, like every other refusal of the API.

use crate::error::AppError;
use app::lang::Text;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        Query::try_from_uri(&parts.uri)
            .map(|Query(value)| ApiQuery(value))
            .map_err(|e| {
                AppError::BadRequest(Text::new(
                    format!("Tham số không hợp lệ: {}", e.body_text()),
                    format!("Invalid parameter: {}", e.body_text()),
                ))
            })
    }
}
