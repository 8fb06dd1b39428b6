//! The browser's client of the JSON API.

use crate::api::{ApiError, ErrorCode};
use serde::{de::DeserializeOwned, Serialize};

pub const API: &str = "/api/v1";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientError {
    /// No session, or it expired: the user must log in again.
    Unauthorized,
    /// The server could not be reached.
    Network,
    /// The server answered with an error.
    Api(ApiError),
}

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientError::Unauthorized => write!(f, "unauthorized"),
            ClientError::Network => write!(f, "network"),
            ClientError::Api(e) => write!(f, "{}", e.message),
        }
    }
}

impl std::error::Error for ClientError {}

/// A successful answer's body, or the error the answer stands for. Not generic: every
/// type read shares it, and only the last step, [`parse`], is made for each (a generic
/// reader per type cost the wasm a few kB).
async fn read_text(resp: gloo_net::http::Response) -> Result<String, ClientError> {
    let status = resp.status();
    if (200..=299).contains(&status) {
        return resp.text().await.map_err(|_| ClientError::Network);
    }
    // A busy server (503, with Retry-After) or a proxy that could not reach it (502, 504)
    // is like a lost network: the device keeps what it has and tries again.
    if matches!(status, 502..=504) {
        return Err(ClientError::Network);
    }
    // A proxy in front answers in its own words: its status still says what.
    let err = resp.json::<ApiError>().await.unwrap_or_else(|_| ApiError {
        code: if status == 413 {
            ErrorCode::PayloadTooLarge
        } else {
            ErrorCode::Http
        },
        message: format!("HTTP {status}"),
        fields: Vec::new(),
    });
    // A wrong password is a 401 too, but one whose message the user must read.
    if err.code == ErrorCode::Unauthorized {
        Err(ClientError::Unauthorized)
    } else {
        Err(ClientError::Api(err))
    }
}

/// An answer's body as `T`; a body that is not one reads as a failed request.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ClientError> {
    serde_json::from_str(text).map_err(|_| ClientError::Network)
}

async fn read<T: DeserializeOwned>(resp: gloo_net::http::Response) -> Result<T, ClientError> {
    parse(&read_text(resp).await?)
}

/// The body of the answer to a GET, as sent.
pub async fn get_text(path: &str) -> Result<String, ClientError> {
    let resp = gloo_net::http::Request::get(&format!("{API}{path}"))
        .send()
        .await
        .map_err(|_| ClientError::Network)?;
    read_text(resp).await
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ClientError> {
    parse(&get_text(path).await?)
}

async fn send_post<B: Serialize>(
    path: &str,
    body: &B,
) -> Result<gloo_net::http::Response, ClientError> {
    send(gloo_net::http::Request::post(&format!("{API}{path}")), body).await
}

async fn send<B: Serialize>(
    request: gloo_net::http::RequestBuilder,
    body: &B,
) -> Result<gloo_net::http::Response, ClientError> {
    request
        .json(body)
        .map_err(|_| ClientError::Network)?
        .send()
        .await
        .map_err(|_| ClientError::Network)
}

pub async fn post<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ClientError> {
    read(send_post(path, body).await?).await
}

pub async fn put<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ClientError> {
    read(send(gloo_net::http::Request::put(&format!("{API}{path}")), body).await?).await
}

/// A POST whose success has no body (204).
pub async fn post_no_content<B: Serialize>(path: &str, body: &B) -> Result<(), ClientError> {
    no_content(send_post(path, body).await?).await
}

/// A PUT whose success has no body (204).
pub async fn put_no_content<B: Serialize>(path: &str, body: &B) -> Result<(), ClientError> {
    let request = gloo_net::http::Request::put(&format!("{API}{path}"));
    no_content(send(request, body).await?).await
}

async fn no_content(resp: gloo_net::http::Response) -> Result<(), ClientError> {
    match resp.status() {
        200..=299 => Ok(()),
        _ => read_text(resp).await.map(drop),
    }
}

/// A DELETE that names what it removes in its body, whose success has no body (204).
pub async fn delete_with<B: Serialize>(path: &str, body: &B) -> Result<(), ClientError> {
    let request = gloo_net::http::Request::delete(&format!("{API}{path}"));
    no_content(send(request, body).await?).await
}

pub async fn delete(path: &str) -> Result<(), ClientError> {
    let resp = gloo_net::http::Request::delete(&format!("{API}{path}"))
        .send()
        .await
        .map_err(|_| ClientError::Network)?;
    match resp.status() {
        200..=299 | 401 => Ok(()),
        _ => Err(ClientError::Network),
    }
}

/// One chunk of an upload (see [`crate::api::files`]): `chunk` holds the file's bytes from
/// `offset` on, of `length` in all. Sent from the browser's copy, never through wasm memory.
pub async fn patch_chunk(
    path: &str,
    offset: u64,
    length: u64,
    chunk: &web_sys::Blob,
) -> Result<crate::api::UploadStatus, ClientError> {
    use crate::api::{UPLOAD_LENGTH, UPLOAD_OFFSET};
    let resp = gloo_net::http::Request::patch(&format!("{API}{path}"))
        .header(UPLOAD_OFFSET, &offset.to_string())
        .header(UPLOAD_LENGTH, &length.to_string())
        .header("content-type", "application/octet-stream")
        .body(wasm_bindgen::JsValue::from(chunk.clone()))
        .map_err(|_| ClientError::Network)?
        .send()
        .await
        .map_err(|_| ClientError::Network)?;
    read(resp).await
}
