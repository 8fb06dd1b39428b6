//! Accounts, for their administrators.

use crate::domain::account::AccountInput;
use crate::domain::account::Role;
use serde::{Deserialize, Serialize};

/// An account as its administrator sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Account {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit_code: String,
    pub unit_name: String,
    /// The root of what a reviewer or administrator sees.
    pub scope_code: String,
    /// A closed account cannot sign in; its reports and history stay.
    pub active: bool,
    /// A reset password waits to be replaced at the next sign-in.
    pub must_change_password: bool,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

/// A new account and its first password, shown once to the administrator; the user
/// chooses their own at the first sign-in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewAccount {
    pub account: Account,
    pub password: String,
}

/// A change to an account: its fields as the administrator read them, and as they want
/// them. The server refuses it (409) if someone else changed the account in between.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AccountEdit {
    pub before: AccountInput,
    pub after: AccountInput,
}

impl Account {
    /// The account as its edit form starts.
    pub fn input(&self) -> AccountInput {
        AccountInput {
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role.as_str().to_string(),
            unit_code: self.unit_code.clone(),
            scope_code: self.scope_code.clone(),
            email: self.email.clone().unwrap_or_default(),
            phone: self.phone.clone().unwrap_or_default(),
        }
    }
}

/// A password made by a reset: shown once to the administrator, to be changed by the user
/// at their next sign-in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OneTimePassword {
    pub password: String,
}
