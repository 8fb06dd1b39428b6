//! Downloads and the documents in them: a file as the browser gets it, a DOCX's text as
//! its XML holds it or as LibreOffice lays it out.

use super::sync::Device;
use std::io::{Cursor, Read};
use std::process::Command;

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

pub async fn download(d: &Device, path: &str, content_type: &str) -> Vec<u8> {
    let resp = d
        .client
        .get(format!("{}/api/v1{path}", d.base))
        .send()
        .await
        .expect("download");
    assert_eq!(resp.status(), 200, "{path}");
    let headers = resp.headers();
    assert_eq!(headers["content-type"], content_type);
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename="));
    resp.bytes().await.unwrap().to_vec()
}

/// The text of each paragraph of a DOCX, as its XML holds it.
pub fn docx_lines(bytes: &[u8]) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a DOCX");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("its body")
        .read_to_string(&mut xml)
        .expect("text");
    xml.split("</w:p>")
        .map(|p| {
            let mut text = String::new();
            let mut inside = false;
            for c in p.chars() {
                match c {
                    '<' => inside = true,
                    '>' => inside = false,
                    c if !inside => text.push(c),
                    _ => {}
                }
            }
            text
        })
        .collect()
}

/// Converts a DOCX with LibreOffice to `format` ("pdf", "txt:…") and returns the path of
/// the result, named `bao-cao.{extension}` in the returned folder.
pub fn convert(
    docx: &[u8],
    format: &str,
    extension: &str,
) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bao-cao.docx");
    std::fs::write(&input, docx).unwrap();
    // A profile of its own: tests run side by side.
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let output = dir.path().join(format!("bao-cao.{extension}"));
    // LibreOffice now and then fails to start while other instances start beside it (its
    // first run on a machine, above all): a failed start is tried again, a bad document
    // fails every time.
    let converted = (0..3).any(|_| {
        Command::new("libreoffice")
            .args([&profile, "--headless", "--convert-to", format, "--outdir"])
            .arg(dir.path())
            .arg(&input)
            .status()
            .expect("libreoffice (Debian package libreoffice-writer-nogui) runs")
            .success()
            && output.exists()
    });
    assert!(converted, "LibreOffice could not convert the document");
    assert!(output.exists(), "LibreOffice made no {extension}");
    (dir, output)
}

/// The DOCX as plain text through LibreOffice: a paragraph (or a table cell's) per line,
/// however the page lays it out.
pub fn paragraphs_through_libreoffice(docx: &[u8]) -> String {
    let (_dir, text) = convert(docx, "txt:Text (encoded):UTF8", "txt");
    std::fs::read_to_string(text).unwrap()
}
