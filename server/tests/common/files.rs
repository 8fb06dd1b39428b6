//! Files as a device sends them: made-up PDFs, their names, and uploads in chunks that
//! resume where the server's bytes end.

use app::api::{UploadStatus, CHUNK_BYTES, UPLOAD_LENGTH, UPLOAD_OFFSET};
use app::domain::attachment::FileHash;
use app::sync::ReportKey;
use sha2::{Digest, Sha256};

/// A PDF of `len` bytes (its head is what readers of types look for), different per `seed`.
pub fn pdf(len: usize, seed: u8) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut x = u32::from(seed) + 1;
    while bytes.len() < len {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        bytes.push((x >> 16) as u8);
    }
    bytes.truncate(len);
    bytes
}

pub fn hash_of(bytes: &[u8]) -> FileHash {
    FileHash::of_digest(&Sha256::digest(bytes))
}

pub fn upload_url(app_base: &str, k: &ReportKey, hash: &FileHash) -> String {
    format!("{app_base}/api/v1{}", app::api::upload_api_path(k, hash))
}

/// Sends `bytes[offset..offset + CHUNK]` of a file; the answer's status and body.
pub async fn send_chunk(
    client: &reqwest::Client,
    url: &str,
    bytes: &[u8],
    offset: usize,
) -> (u16, serde_json::Value) {
    let end = (offset + CHUNK_BYTES).min(bytes.len());
    let resp = client
        .patch(url)
        .header(UPLOAD_OFFSET, offset.to_string())
        .header(UPLOAD_LENGTH, bytes.len().to_string())
        .header("content-type", "application/octet-stream")
        .body(bytes[offset..end].to_vec())
        .send()
        .await
        .expect("request");
    (resp.status().as_u16(), resp.json().await.expect("JSON"))
}

pub fn status(body: &serde_json::Value) -> UploadStatus {
    serde_json::from_value(body.clone()).unwrap_or_else(|_| panic!("no status: {body}"))
}

/// Where the upload at `url` stands.
pub async fn upload_status(client: &reqwest::Client, url: &str) -> UploadStatus {
    let resp = client.get(url).send().await.expect("request");
    assert_eq!(resp.status(), 200);
    resp.json().await.expect("JSON")
}

/// Sends a whole file from where the server's bytes end; the last status.
pub async fn upload(client: &reqwest::Client, url: &str, bytes: &[u8]) -> UploadStatus {
    let mut at = upload_status(client, url).await;
    while !at.complete {
        let (code, body) = send_chunk(client, url, bytes, at.received as usize).await;
        assert_eq!(code, 200, "{body}");
        at = status(&body);
    }
    at
}
