//! The administration log ("Nhật ký quản trị"): what each administrator did, to what.

use crate::lang::Lang;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One administrator's action ("Nhật ký quản trị").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AdminLogEntry {
    pub at: DateTime<Utc>,
    /// The administrator.
    pub username: String,
    pub action: AdminAction,
    /// What it was done to: an account's username, a unit's or a plan's code.
    pub target: String,
    /// What people read for `target` when it is a unit or a plan: its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_name: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What an administrator did, as the log stores and sends it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AdminAction {
    Create,
    Update,
    Deactivate,
    Activate,
    ResetPassword,
    Import,
    CreateUnit,
    UpdateUnit,
    RecordLineage,
    CreatePlan,
    RollForwardPlan,
    EditPlan,
    /// An action of a newer server than this build.
    #[serde(other)]
    Unknown,
}

impl AdminAction {
    /// Every action this build knows, in the order the log's filter lists them.
    pub const ALL: [AdminAction; 12] = [
        AdminAction::Create,
        AdminAction::Update,
        AdminAction::Deactivate,
        AdminAction::Activate,
        AdminAction::ResetPassword,
        AdminAction::Import,
        AdminAction::CreateUnit,
        AdminAction::UpdateUnit,
        AdminAction::RecordLineage,
        AdminAction::CreatePlan,
        AdminAction::RollForwardPlan,
        AdminAction::EditPlan,
    ];

    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            AdminAction::Create => "create",
            AdminAction::Update => "update",
            AdminAction::Deactivate => "deactivate",
            AdminAction::Activate => "activate",
            AdminAction::ResetPassword => "reset_password",
            AdminAction::Import => "import",
            AdminAction::CreateUnit => "create_unit",
            AdminAction::UpdateUnit => "update_unit",
            AdminAction::RecordLineage => "record_lineage",
            AdminAction::CreatePlan => "create_plan",
            AdminAction::RollForwardPlan => "roll_forward_plan",
            AdminAction::EditPlan => "edit_plan",
            AdminAction::Unknown => "unknown",
        }
    }

    pub fn parse(stored: &str) -> AdminAction {
        crate::code::read(stored, AdminAction::Unknown)
    }

    /// Its name in the log.
    pub fn name(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            AdminAction::Create => ("Tạo tài khoản", "Account created"),
            AdminAction::Update => ("Sửa tài khoản", "Account changed"),
            AdminAction::Deactivate => ("Khóa tài khoản", "Account closed"),
            AdminAction::Activate => ("Mở khóa tài khoản", "Account reopened"),
            AdminAction::ResetPassword => ("Đặt lại mật khẩu", "Password reset"),
            AdminAction::Import => ("Nhập tệp", "File imported"),
            AdminAction::CreateUnit => ("Thêm đơn vị", "Unit added"),
            AdminAction::UpdateUnit => ("Sửa đơn vị", "Unit changed"),
            AdminAction::RecordLineage => {
                ("Ghi nhận sáp nhập, chia tách", "Merger or split recorded")
            }
            AdminAction::CreatePlan => ("Tạo kế hoạch", "Plan created"),
            AdminAction::RollForwardPlan => ("Tạo kế hoạch năm mới", "Plan rolled forward"),
            AdminAction::EditPlan => ("Sửa kế hoạch", "Plan edited"),
            AdminAction::Unknown => ("Thao tác khác", "Another action"),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_read_back_as_stored() {
        for action in AdminAction::ALL {
            assert_eq!(AdminAction::parse(action.as_str()), action);
            let json = serde_json::to_string(&action).unwrap();
            assert_eq!(json, format!("\"{}\"", action.as_str()));
        }
        assert_eq!(
            AdminAction::parse("archive_everything"),
            AdminAction::Unknown
        );
    }
}
