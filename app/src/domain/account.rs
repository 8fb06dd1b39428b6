//! An account's fields as an administrator gives them, in the form or in a line of the
//! users file: checked here once for both, every bad field named.

use super::contact::{Email, Phone};
use super::field_error::FieldError;
use crate::lang::{Lang, Text};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Ward or agency staff who write their unit's reports.
    NhapLieu,
    /// A reviewer of a unit and its subtree.
    TongHop,
    Admin,
}

impl Role {
    /// What the role is called.
    pub fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Vi, Role::NhapLieu) => "Nhập liệu",
            (Lang::Vi, Role::TongHop) => "Tổng hợp",
            (Lang::Vi, Role::Admin) => "Quản trị",
            (Lang::En, Role::NhapLieu) => "Data entry",
            (Lang::En, Role::TongHop) => "Reviewer",
            (Lang::En, Role::Admin) => "Administrator",
        }
    }

    pub const ALL: [Role; 3] = [Role::NhapLieu, Role::TongHop, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::NhapLieu => "nhap_lieu",
            Role::TongHop => "tong_hop",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// The longest username and display name accepted.
pub const MAX_USERNAME: usize = 64;
pub const MAX_DISPLAY_NAME: usize = 120;

/// An account as typed: every field a string, nothing checked yet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AccountInput {
    pub username: String,
    pub display_name: String,
    /// `nhap_lieu`, `tong_hop` or `admin`.
    pub role: String,
    pub unit_code: String,
    /// The root of what a reviewer or administrator sees; empty for the unit itself.
    #[serde(default)]
    pub scope_code: String,
    /// Where notices are mailed; empty for none.
    #[serde(default)]
    pub email: String,
    /// Shown to the unit's reviewer, to call; empty for none.
    #[serde(default)]
    pub phone: String,
}

/// An account's checked fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountFields {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit_code: String,
    pub scope_code: String,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
}

impl AccountFields {
    /// Checks every field; `unit_exists` says whether a unit code names a unit.
    pub fn parse(
        input: &AccountInput,
        unit_exists: impl Fn(&str) -> bool,
    ) -> Result<AccountFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let username = input.username.trim();
        if let Err(message) = check_username(username) {
            errors.push(FieldError {
                field: "username".into(),
                message,
            });
        }
        let display_name = crate::format::without_direction_controls(input.display_name.trim());
        let display_name = display_name.as_str();
        if display_name.is_empty() {
            errors.push(FieldError::new(
                "display_name",
                "Hãy nhập họ tên.",
                "Enter the person's full name.",
            ));
        } else if display_name.chars().count() > MAX_DISPLAY_NAME {
            errors.push(FieldError::new(
                "display_name",
                format!("Họ tên dài quá {MAX_DISPLAY_NAME} ký tự."),
                format!("The name is longer than {MAX_DISPLAY_NAME} characters."),
            ));
        }
        let role = Role::parse(input.role.trim());
        if role.is_none() {
            errors.push(FieldError::new(
                "role",
                format!(
                    "Vai trò “{}” không hợp lệ (nhap_lieu, tong_hop, admin).",
                    input.role.trim()
                ),
                format!(
                    "“{}” is not a role (nhap_lieu, tong_hop, admin).",
                    input.role.trim()
                ),
            ));
        }
        let unit_code = input.unit_code.trim();
        if unit_code.is_empty() {
            errors.push(FieldError::new(
                "unit_code",
                "Hãy chọn đơn vị.",
                "Choose a unit.",
            ));
        } else if !unit_exists(unit_code) {
            errors.push(FieldError::new(
                "unit_code",
                format!("Không có đơn vị “{unit_code}”."),
                format!("There is no unit “{unit_code}”."),
            ));
        }
        let scope_code = match input.scope_code.trim() {
            "" => unit_code,
            scope if role == Some(Role::NhapLieu) && scope != unit_code => {
                errors.push(FieldError::new(
                    "scope_code",
                    "Cán bộ nhập liệu chỉ xem được đơn vị của mình: để trống phạm vi.",
                    "A unit's data entry staff see only their own unit: leave the scope empty.",
                ));
                scope
            }
            scope if !unit_exists(scope) => {
                errors.push(FieldError::new(
                    "scope_code",
                    format!("Không có đơn vị “{scope}”."),
                    format!("There is no unit “{scope}”."),
                ));
                scope
            }
            scope => scope,
        };
        let email = optional(&mut errors, "email", &input.email, Email::parse);
        let phone = optional(&mut errors, "phone", &input.phone, Phone::parse);
        match role {
            Some(role) if errors.is_empty() => Ok(AccountFields {
                username: username.to_string(),
                display_name: display_name.to_string(),
                role,
                unit_code: unit_code.to_string(),
                scope_code: scope_code.to_string(),
                email,
                phone,
            }),
            _ => Err(errors),
        }
    }
}

impl AccountFields {
    /// The fields as a form holds them.
    pub fn input(&self) -> AccountInput {
        AccountInput {
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role.as_str().to_string(),
            unit_code: self.unit_code.clone(),
            scope_code: self.scope_code.clone(),
            email: self
                .email
                .as_ref()
                .map(|e| e.as_str().to_string())
                .unwrap_or_default(),
            phone: self
                .phone
                .as_ref()
                .map(|p| p.as_str().to_string())
                .unwrap_or_default(),
        }
    }
}

/// An optional field: nothing when left empty, else what `parse` makes of it, its error
/// named under `field`.
fn optional<T>(
    errors: &mut Vec<FieldError>,
    field: &str,
    typed: &str,
    parse: fn(&str) -> Result<T, Text>,
) -> Option<T> {
    match typed.trim() {
        "" => None,
        typed => parse(typed)
            .map_err(|message| {
                errors.push(FieldError {
                    field: field.into(),
                    message,
                })
            })
            .ok(),
    }
}

/// A username: lower-case ASCII letters, digits, `.`, `_`, `-` and `@`, so that it is
/// typed the same way on every keyboard and two accounts cannot differ by case alone.
fn check_username(username: &str) -> Result<(), Text> {
    let length = username.chars().count();
    if length < 3 {
        return Err(Text::new(
            "Tên đăng nhập cần ít nhất 3 ký tự.",
            "A username needs at least 3 characters.",
        ));
    }
    if length > MAX_USERNAME {
        return Err(Text::new(
            format!("Tên đăng nhập dài quá {MAX_USERNAME} ký tự."),
            format!("The username is longer than {MAX_USERNAME} characters."),
        ));
    }
    match username.chars().find(|c| {
        !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-' | '@'))
    }) {
        Some(c) => Err(Text::new(
            format!("Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số và . _ - @ (có “{c}”)."),
            format!(
                "A username has only lowercase unaccented letters, digits and . _ - @ (not “{c}”)."
            ),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(username: &str, role: &str, unit: &str, scope: &str) -> AccountInput {
        AccountInput {
            username: username.into(),
            display_name: "Nguyễn Văn A".into(),
            role: role.into(),
            unit_code: unit.into(),
            scope_code: scope.into(),
            ..AccountInput::default()
        }
    }

    fn exists(code: &str) -> bool {
        ["HCM", "HCM.P1"].contains(&code)
    }

    #[test]
    fn a_ward_account_sees_its_own_unit() {
        let fields =
            AccountFields::parse(&input(" p1.staff ", "nhap_lieu", "HCM.P1", ""), exists).unwrap();
        assert_eq!(fields.username, "p1.staff");
        assert_eq!(fields.role, Role::NhapLieu);
        assert_eq!(fields.scope_code, "HCM.P1");
        assert_eq!((fields.email, fields.phone), (None, None));
    }

    #[test]
    fn an_email_and_a_phone_are_kept_as_parsed() {
        let mut typed = input("p1.staff", "nhap_lieu", "HCM.P1", "");
        typed.email = " canbo@p1.gov.vn ".into();
        typed.phone = "+84 903 123 456".into();
        let fields = AccountFields::parse(&typed, exists).unwrap();
        let back = fields.input();
        assert_eq!(
            (back.email.as_str(), back.phone.as_str()),
            ("canbo@p1.gov.vn", "0903123456")
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut bad = input("Ab", "boss", "HCM.X", "HCM");
        bad.display_name = "  ".into();
        bad.email = "canbo.p1".into();
        bad.phone = "12345".into();
        let errors = AccountFields::parse(&bad, exists).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "username",
                "display_name",
                "role",
                "unit_code",
                "email",
                "phone"
            ]
        );
        // Each worded in English too: no letter outside ASCII.
        for e in &errors {
            let english = &e.message.en;
            assert!(
                !english.chars().any(|c| c.is_alphabetic() && !c.is_ascii()),
                "{english}"
            );
        }
    }

    #[test]
    fn usernames_are_lower_case_ascii() {
        assert!(check_username("hanhthong.01").is_ok());
        assert!(check_username("can.bo@phuong1").is_ok());
        for bad in ["ab", "Admin", "cán.bộ", "a b c", &"a".repeat(65)] {
            assert!(check_username(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ward_staff_cannot_see_another_unit() {
        let errors = AccountFields::parse(&input("p1.staff", "nhap_lieu", "HCM.P1", "HCM"), exists)
            .unwrap_err();
        assert_eq!(errors[0].field, "scope_code");
        let reviewer =
            AccountFields::parse(&input("hcm.rev", "tong_hop", "HCM.P1", "HCM"), exists).unwrap();
        assert_eq!(reviewer.scope_code, "HCM");
        let unknown = AccountFields::parse(&input("hcm.rev", "tong_hop", "HCM.P1", "HN"), exists)
            .unwrap_err();
        assert_eq!(unknown[0].field, "scope_code");
    }
}
