//! A file on a report: the signed copy of its document (a scanned PDF, photos of its
//! pages) or evidence (minutes, photos, documents). A file is named by the SHA-256 of its
//! content, so the same file is stored once however often it is attached, and its type is
//! read from its content, never from its name.

use crate::lang::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The SHA-256 of a file's content, as 64 lowercase hex digits.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FileHash(String);

impl FileHash {
    pub const LEN: usize = 64;

    pub fn parse(s: &str) -> Option<FileHash> {
        (s.len() == Self::LEN && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
            .then(|| FileHash(s.to_string()))
    }

    /// From a digest's bytes.
    pub fn of_digest(digest: &[u8]) -> FileHash {
        FileHash(digest.iter().map(|b| format!("{b:02x}")).collect())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for FileHash {
    type Error = String;
    fn try_from(s: String) -> Result<FileHash, String> {
        FileHash::parse(&s).ok_or_else(|| format!("{s:?} is no SHA-256 in lowercase hex"))
    }
}

impl From<FileHash> for String {
    fn from(h: FileHash) -> String {
        h.0
    }
}

impl fmt::Display for FileHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(feature = "ssr")]
impl utoipa::PartialSchema for FileHash {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some("^[0-9a-f]{64}$"))
            .into()
    }
}

#[cfg(feature = "ssr")]
impl utoipa::ToSchema for FileHash {}

/// What a file is to its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AttachmentKind {
    /// The document as signed and stamped (bản đã ký).
    Signed,
    /// Minutes, photos, documents that bear out what the report says.
    Evidence,
}

impl AttachmentKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Vi, AttachmentKind::Signed) => "Bản đã ký",
            (Lang::Vi, AttachmentKind::Evidence) => "Tài liệu minh chứng",
            (Lang::En, AttachmentKind::Signed) => "Signed copy",
            (Lang::En, AttachmentKind::Evidence) => "Evidence",
        }
    }
}

/// The kinds of file a report takes: what offices scan, photograph and write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FileType {
    Pdf,
    Jpeg,
    Png,
    Webp,
    Docx,
    Xlsx,
    Odt,
}

impl FileType {
    pub const ALL: [FileType; 7] = [
        FileType::Pdf,
        FileType::Jpeg,
        FileType::Png,
        FileType::Webp,
        FileType::Docx,
        FileType::Xlsx,
        FileType::Odt,
    ];

    /// As stored: its serde name.
    pub fn as_str(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Jpeg => "jpeg",
            FileType::Png => "png",
            FileType::Webp => "webp",
            FileType::Docx => "docx",
            FileType::Xlsx => "xlsx",
            FileType::Odt => "odt",
        }
    }

    pub fn parse(stored: &str) -> Option<FileType> {
        FileType::ALL.into_iter().find(|t| t.as_str() == stored)
    }

    /// What a file's first bytes say it is, if it is one of the kinds taken. Office files
    /// are ZIP archives told apart by what they hold, which the first bytes name. Markup
    /// (HTML, SVG, XML: what a browser would run) is never taken, even holding a PDF's
    /// header, which readers look for anywhere in the first kilobyte.
    pub fn of_content(head: &[u8]) -> Option<FileType> {
        let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        if text.trim_ascii_start().starts_with(b"<") {
            return None;
        }
        let kind = infer::get(head)?;
        FileType::ALL
            .into_iter()
            .find(|t| t.mime() == kind.mime_type())
    }

    pub fn mime(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
            FileType::Webp => "image/webp",
            FileType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileType::Odt => "application/vnd.oasis.opendocument.text",
        }
    }

    /// Its name to people.
    pub fn name(self) -> &'static str {
        match self {
            FileType::Pdf => "PDF",
            FileType::Jpeg => "JPEG",
            FileType::Png => "PNG",
            FileType::Webp => "WebP",
            FileType::Docx => "DOCX",
            FileType::Xlsx => "XLSX",
            FileType::Odt => "ODT",
        }
    }

    /// Its file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Jpeg => "jpg",
            FileType::Png => "png",
            FileType::Webp => "webp",
            FileType::Docx => "docx",
            FileType::Xlsx => "xlsx",
            FileType::Odt => "odt",
        }
    }

    pub fn is_image(self) -> bool {
        matches!(self, FileType::Jpeg | FileType::Png | FileType::Webp)
    }

    /// "PDF, JPEG, PNG, WebP, DOCX, XLSX, ODT", for the message that refuses another kind.
    pub fn allowed() -> String {
        FileType::ALL.map(FileType::name).join(", ")
    }
}

/// How many bytes of a file [`FileType::of_content`] reads.
pub const SNIFF_BYTES: usize = 8192;

/// The longest file name kept, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// A file as its report holds it: the value of the slot `file:<sha256>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    pub kind: AttachmentKind,
    /// The name it had on the device, kept for the download.
    pub name: String,
    /// In bytes.
    pub size: u64,
    pub file_type: FileType,
    /// In a self-assessment: the criterion (or bonus item) it is evidence for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
}

/// Why a file is not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileRefusal {
    /// Its content is none of [`FileType::ALL`].
    Type,
    /// Larger than a file may be.
    TooLarge { most: u64 },
    /// The report's files would be larger together than a report's may be.
    ReportFull { most: u64 },
    /// A name that is empty, too long, or holds a path or a control character.
    Name,
    /// Attached before its content reached the server, or described otherwise than it is.
    NotUploaded,
}

impl FileRefusal {
    pub fn message(&self, lang: Lang) -> String {
        let mb = |bytes: &u64| crate::format::megabytes(*bytes, lang);
        match (lang, self) {
            (Lang::Vi, FileRefusal::Type) => format!(
                "Loại tệp này không được nhận. Chỉ nhận: {}.",
                FileType::allowed()
            ),
            (Lang::En, FileRefusal::Type) => format!(
                "This kind of file is not taken. Only these are: {}.",
                FileType::allowed()
            ),
            (Lang::Vi, FileRefusal::TooLarge { most }) => {
                format!("Tệp lớn hơn {} cho phép.", mb(most))
            }
            (Lang::En, FileRefusal::TooLarge { most }) => {
                format!("The file is larger than the {} allowed.", mb(most))
            }
            (Lang::Vi, FileRefusal::ReportFull { most }) => format!(
                "Tổng dung lượng tệp của báo cáo sẽ vượt {} cho phép.",
                mb(most)
            ),
            (Lang::En, FileRefusal::ReportFull { most }) => format!(
                "The report's files together would exceed the {} allowed.",
                mb(most)
            ),
            (Lang::Vi, FileRefusal::Name) => {
                "Tên tệp trống, quá dài hoặc có ký tự không hợp lệ.".to_string()
            }
            (Lang::En, FileRefusal::Name) => {
                "The file name is empty, too long or holds a character not allowed.".to_string()
            }
            (Lang::Vi, FileRefusal::NotUploaded) => {
                "Tệp chưa được tải lên máy chủ hoặc không khớp với tệp đã tải lên.".to_string()
            }
            (Lang::En, FileRefusal::NotUploaded) => {
                "The file has not reached the server, or differs from the one that did.".to_string()
            }
        }
    }
}

/// How large files may be: configurable on the server, sent to devices with each report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FileLimits {
    /// The most one file may hold, in bytes.
    pub per_file: u64,
    /// The most a report's files may hold together, in bytes.
    pub per_report: u64,
}

impl Default for FileLimits {
    fn default() -> FileLimits {
        FileLimits {
            per_file: 20 * 1024 * 1024,
            per_report: 100 * 1024 * 1024,
        }
    }
}

impl FileLimits {
    /// Whether a file of `size` bytes may join files holding `attached` bytes.
    pub fn admit(&self, size: u64, attached: u64) -> Result<(), FileRefusal> {
        if size > self.per_file {
            return Err(FileRefusal::TooLarge {
                most: self.per_file,
            });
        }
        if attached.saturating_add(size) > self.per_report {
            return Err(FileRefusal::ReportFull {
                most: self.per_report,
            });
        }
        Ok(())
    }
}

impl Attachment {
    /// The name as kept: the last part of a path, without control characters, trimmed.
    pub fn clean_name(name: &str) -> Result<String, FileRefusal> {
        let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
        let clean: String = base.chars().filter(|c| !c.is_control()).collect();
        let clean = clean.trim();
        if clean.is_empty() || clean == "." || clean == ".." {
            return Err(FileRefusal::Name);
        }
        if clean.chars().count() > MAX_NAME_CHARS {
            return Err(FileRefusal::Name);
        }
        Ok(clean.to_string())
    }

    /// Whether this file may join a report whose other files hold `attached` bytes, given
    /// what the server holds of it (`None`: its content has not arrived).
    pub fn admit(
        &self,
        stored: Option<(u64, FileType)>,
        limits: &FileLimits,
        attached: u64,
    ) -> Result<(), FileRefusal> {
        if stored != Some((self.size, self.file_type)) {
            return Err(FileRefusal::NotUploaded);
        }
        limits.admit(self.size, attached)
    }

    /// Whether the name is one [`Attachment::clean_name`] keeps as it is.
    pub fn check_name(&self) -> Result<(), FileRefusal> {
        match Attachment::clean_name(&self.name) {
            Ok(clean) if clean == self.name => Ok(()),
            _ => Err(FileRefusal::Name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_64_lowercase_hex_digits() {
        let hex = "a".repeat(64);
        assert_eq!(FileHash::parse(&hex).map(String::from), Some(hex));
        assert!(FileHash::parse(&"A".repeat(64)).is_none());
        assert!(FileHash::parse(&"a".repeat(63)).is_none());
        assert!(FileHash::parse(&format!("{}g", "a".repeat(63))).is_none());
        assert_eq!(FileHash::of_digest(&[0, 15, 255]).as_str(), "000fff");
    }

    #[test]
    fn the_type_is_read_from_the_content() {
        assert_eq!(FileType::of_content(b"%PDF-1.7\n..."), Some(FileType::Pdf));
        assert_eq!(
            FileType::of_content(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F']),
            Some(FileType::Jpeg)
        );
        assert_eq!(
            FileType::of_content(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]),
            Some(FileType::Png)
        );
        assert_eq!(
            FileType::of_content(b"RIFF\x24\0\0\0WEBPVP8 "),
            Some(FileType::Webp)
        );
        // An SVG or a page is refused whatever it is called.
        assert_eq!(
            FileType::of_content(b"<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"),
            None
        );
        assert_eq!(FileType::of_content(b"<!DOCTYPE html><html>"), None);
        // Markup holding a PDF's header, which PDF readers look for in the first kilobyte.
        assert_eq!(
            FileType::of_content(b"\xef\xbb\xbf \n<html><body>%PDF-1.7</body></html>"),
            None
        );
        assert_eq!(
            FileType::of_content(b"\r\n%PDF-1.4 after a blank line"),
            Some(FileType::Pdf)
        );
        assert_eq!(FileType::of_content(b"MZ\x90\0"), None);
    }

    #[test]
    fn limits_hold_per_file_and_per_report() {
        let limits = FileLimits {
            per_file: 10,
            per_report: 25,
        };
        assert_eq!(limits.admit(10, 15), Ok(()));
        assert_eq!(limits.admit(11, 0), Err(FileRefusal::TooLarge { most: 10 }));
        assert_eq!(
            limits.admit(10, 16),
            Err(FileRefusal::ReportFull { most: 25 })
        );
    }

    #[test]
    fn a_name_keeps_its_last_part_only() {
        assert_eq!(
            Attachment::clean_name("C:\\Users\\an\\Biên bản họp.pdf"),
            Ok("Biên bản họp.pdf".to_string())
        );
        assert_eq!(
            Attachment::clean_name("../../etc/passwd"),
            Ok("passwd".into())
        );
        assert_eq!(Attachment::clean_name("a/.."), Err(FileRefusal::Name));
        assert_eq!(Attachment::clean_name(" \u{7} "), Err(FileRefusal::Name));
        assert_eq!(
            Attachment::clean_name(&"x".repeat(201)),
            Err(FileRefusal::Name)
        );
    }
}
