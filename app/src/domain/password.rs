//! What a new password must be. The server checks it; the browser knows the minimum
//! length (to say it beside the field), not the list of common passwords.

use crate::lang::Text;

/// The fewest characters a new password may have.
pub const MIN_CHARS: usize = 10;

/// Passwords that guessing tries first: the most common ones worldwide and in Vietnam,
/// compared without case.
const COMMON: &[&str] = &[
    "1234567890",
    "12345678910",
    "123456789a",
    "0123456789",
    "1111111111",
    "0000000000",
    "1234512345",
    "1122334455",
    "9876543210",
    "1234567890a",
    "qwertyuiop",
    "qwerty1234",
    "qwerty123456",
    "1q2w3e4r5t",
    "1qaz2wsx3edc",
    "asdfghjkl1",
    "zxcvbnm123",
    "password12",
    "password123",
    "password1234",
    "passw0rd123",
    "iloveyou12",
    "abc1234567",
    "abcd123456",
    "a123456789",
    "aa12345678",
    "matkhau123",
    "matkhau1234",
    "matkhaumoi",
    "matkhau@123",
    "anhyeuem123",
    "emyeuanh123",
    "vietnam123",
    "vietnam1234",
    "hanoi12345",
    "saigon1234",
    "admin12345",
    "admin@1234",
    "administrator",
    "baocao1234",
    "baocao-demo",
    "baocao123456",
    "welcome123",
    "changeme123",
    "letmein123",
    "khongbiet123",
    "thanhpho123",
    "ubnd123456",
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasswordError {
    TooShort,
    SameAsUsername,
    TooCommon,
    /// After a reset the current password is the one the administrator saw: keeping it
    /// would leave it valid.
    SameAsCurrent,
}

impl PasswordError {
    pub fn text(&self) -> Text {
        match self {
            PasswordError::TooShort => Text::new(
                format!("Mật khẩu mới cần ít nhất {MIN_CHARS} ký tự."),
                format!("The new password needs at least {MIN_CHARS} characters."),
            ),
            PasswordError::SameAsUsername => Text::new(
                "Mật khẩu mới không được trùng tên đăng nhập.",
                "The new password must differ from the username.",
            ),
            PasswordError::TooCommon => Text::new(
                "Mật khẩu này quá phổ biến, dễ bị đoán: hãy chọn mật khẩu khác.",
                "This password is too common and easy to guess: choose another one.",
            ),
            PasswordError::SameAsCurrent => Text::new(
                "Mật khẩu mới phải khác mật khẩu hiện tại.",
                "The new password must differ from the current one.",
            ),
        }
    }
}

/// In Vietnamese.
impl std::fmt::Display for PasswordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().vi)
    }
}

impl std::error::Error for PasswordError {}

/// Whether `password` may replace `username`'s `current` password.
pub fn check_new(username: &str, current: &str, password: &str) -> Result<(), PasswordError> {
    if password.chars().count() < MIN_CHARS {
        return Err(PasswordError::TooShort);
    }
    if password == current {
        return Err(PasswordError::SameAsCurrent);
    }
    let lower = password.trim().to_lowercase();
    if lower == username.trim().to_lowercase() {
        return Err(PasswordError::SameAsUsername);
    }
    if COMMON.contains(&lower.as_str()) {
        return Err(PasswordError::TooCommon);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_passwords_are_long_not_the_username_and_not_common() {
        assert_eq!(check_new("a", "", "ngắn"), Err(PasswordError::TooShort));
        assert_eq!(
            check_new("govap.p01.x", "", "GOVAP.P01.X"),
            Err(PasswordError::SameAsUsername)
        );
        assert_eq!(
            check_new("a", "", "MatKhau123"),
            Err(PasswordError::TooCommon)
        );
        assert_eq!(check_new("a", "", "Sông Hồng chảy về xuôi"), Ok(()));
        // Ten characters, not ten bytes: Vietnamese letters count once.
        assert_eq!(check_new("a", "", "đường phố 1"), Ok(()));
    }

    #[test]
    fn the_current_password_cannot_be_the_new_one() {
        // A reset's one-time password, say: kept, it would stay what the administrator saw.
        assert_eq!(
            check_new("a", "k7Qm-2xPz-9wRt", "k7Qm-2xPz-9wRt"),
            Err(PasswordError::SameAsCurrent)
        );
        assert_eq!(
            check_new("a", "k7Qm-2xPz-9wRt", "Sông Hồng chảy về xuôi"),
            Ok(())
        );
    }
}
