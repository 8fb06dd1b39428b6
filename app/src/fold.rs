//! Names compared as people type them: without diacritics, in any case.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// "Phường Hạnh Thông" → "phuong hanh thong": marks removed, đ read as d, lower case, runs
/// of spaces as one.
pub fn fold(text: &str) -> String {
    let letters: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    letters.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `name` contains what was typed, both folded.
pub fn matches(name: &str, typed: &str) -> bool {
    fold(name).contains(&fold(typed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_without_diacritics() {
        assert_eq!(fold("Phường  Hạnh Thông"), "phuong hanh thong");
        assert!(matches("Phường Hạnh Thông", "hanh thong"));
        assert!(matches("Đặc khu Côn Đảo", "con dao"));
        assert!(matches("Xã Bình Hưng", "BÌNH HƯNG"));
        assert!(!matches("Phường An Nhơn", "hanh thong"));
    }
}
