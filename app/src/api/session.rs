//! The signed-in user: signing in, who they are, their language and their own password;
//! and what the login page needs to know of the site.

use crate::domain::account::Role;
use crate::domain::org::OrgUnit;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// The signed-in user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Me {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit: OrgUnit,
    /// The root of the subtree a reviewer or admin sees; a ward user's own unit.
    pub scope: OrgUnit,
    /// A reset password: the user must choose a new one before anything else.
    #[serde(default)]
    pub must_change_password: bool,
}

/// The language a user chooses for every device they sign in on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LanguageChoice {
    pub language: Lang,
}

/// Facts about this deployment that the login page needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SiteInfo {
    /// Demo mode: the login page lists the demo accounts.
    pub demo_accounts: Vec<DemoAccount>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DemoAccount {
    pub username: String,
    pub description: String,
}

/// A user's own change of password.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}
