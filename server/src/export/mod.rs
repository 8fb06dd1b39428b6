//! Files a reviewer takes away: the progress table and the consolidated figures as XLSX,
//! a report (a unit's own, or the consolidated one) as a DOCX laid out as Nghị định
//! 30/2020/NĐ-CP requires.

pub mod docx;
pub mod xlsx;

use axum::http::header;
use axum::response::{IntoResponse, Response};

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A file sent as a download.
pub struct Download {
    /// ASCII only: it goes into a header as it is.
    pub filename: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

impl IntoResponse for Download {
    fn into_response(self) -> Response {
        let disposition = format!("attachment; filename=\"{}\"", self.filename);
        (
            [
                (header::CONTENT_TYPE, self.content_type.to_string()),
                (header::CONTENT_DISPOSITION, disposition),
            ],
            self.bytes,
        )
            .into_response()
    }
}

/// A file name from codes (plan, period, unit), which are ASCII by construction.
pub fn file_name(kind: &str, parts: &[&str], extension: &str) -> String {
    let stem: String = std::iter::once(kind)
        .chain(parts.iter().copied())
        .collect::<Vec<_>>()
        .join("_")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{stem}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_are_plain_ascii() {
        let name = file_name(
            "tien-do",
            &["847-KH-UBND-2023", "2023-6T", "HCM.GV"],
            "xlsx",
        );
        assert_eq!(name, "tien-do_847-KH-UBND-2023_2023-6T_HCM.GV.xlsx");
        assert_eq!(file_name("a", &["x\"y z"], "docx"), "a_x-y-z.docx");
    }
}
