//! The words of a report's files, in both languages.

use crate::lang::Lang;

pub struct FileTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub none: &'static str,
    pub kind: &'static str,
    pub choose: &'static str,
    pub take_photo: &'static str,
    pub keep_original: &'static str,
    pub download: &'static str,
    pub remove: &'static str,
    pub waiting: &'static str,
    pub reading: &'static str,
    /// The browser did not keep a chosen file.
    pub not_kept: &'static str,
    pub signed_zip: &'static str,
    pub signed_sent: &'static str,
    pub signed_missing: &'static str,
    /// "Đang gửi 3,2/8 MB"
    pub sending: fn(&str, &str) -> String,
    /// The sync bar's line while files are sent.
    pub files_pending: fn(usize, &str, &str) -> String,
    pub refused: fn(&str) -> String,
}

pub static VI: FileTexts = FileTexts {
    title: "Tệp đính kèm",
    intro: "Bản đã ký (bản chụp PDF hoặc ảnh các trang) và tài liệu minh chứng. Tệp được giữ trên máy và tự gửi khi có mạng.",
    none: "Chưa có tệp nào.",
    kind: "Loại tệp",
    choose: "Chọn tệp…",
    take_photo: "Chụp ảnh…",
    keep_original: "Giữ nguyên ảnh gốc (không thu nhỏ)",
    download: "Tải xuống",
    remove: "Gỡ",
    waiting: "Chờ mạng để gửi",
    reading: "Đang đọc tệp…",
    not_kept: "Trình duyệt không lưu được tệp (bộ nhớ đầy hoặc bị chặn): tệp chưa được thêm, hãy chọn lại.",
    signed_zip: "Tải các bản đã ký (ZIP)",
    signed_sent: "có bản đã ký",
    signed_missing: "chưa có bản đã ký",
    sending: |sent, total| format!("Đang gửi {sent}/{total}"),
    files_pending: |n, sent, total| format!("{n} tệp chưa gửi xong ({sent}/{total})"),
    refused: |reason| format!("Máy chủ không nhận tệp: {reason}"),
};

pub static EN: FileTexts = FileTexts {
    title: "Attached files",
    intro: "The signed copy (a scanned PDF or photos of its pages) and evidence. Files are kept on this device and sent by themselves when the network is there.",
    none: "No file yet.",
    kind: "Kind of file",
    choose: "Choose files…",
    take_photo: "Take a photo…",
    keep_original: "Keep the original photo (not made smaller)",
    download: "Download",
    remove: "Remove",
    waiting: "Waiting for the network",
    reading: "Reading the file…",
    not_kept: "The browser could not keep the file (storage full or blocked): it was not added; choose it again.",
    signed_zip: "Download the signed copies (ZIP)",
    signed_sent: "signed copy sent",
    signed_missing: "no signed copy yet",
    sending: |sent, total| format!("Sending {sent}/{total}"),
    files_pending: |n, sent, total| format!("{n} file(s) not sent yet ({sent}/{total})"),
    refused: |reason| format!("The server did not take the file: {reason}"),
};

impl FileTexts {
    pub fn of(lang: Lang) -> &'static FileTexts {
        match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}
