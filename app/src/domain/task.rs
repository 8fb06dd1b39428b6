//! A unit's progress on one plan task, reported each period.

use crate::lang::Lang;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    #[default]
    ChuaThucHien,
    DangThucHien,
    HoanThanh,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 3] = [
        TaskStatus::ChuaThucHien,
        TaskStatus::DangThucHien,
        TaskStatus::HoanThanh,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::ChuaThucHien => "chua_thuc_hien",
            TaskStatus::DangThucHien => "dang_thuc_hien",
            TaskStatus::HoanThanh => "hoan_thanh",
        }
    }

    pub fn parse(s: &str) -> Option<TaskStatus> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Vi, TaskStatus::ChuaThucHien) => "Chưa thực hiện",
            (Lang::Vi, TaskStatus::DangThucHien) => "Đang thực hiện",
            (Lang::Vi, TaskStatus::HoanThanh) => "Hoàn thành",
            (Lang::En, TaskStatus::ChuaThucHien) => "Not started",
            (Lang::En, TaskStatus::DangThucHien) => "In progress",
            (Lang::En, TaskStatus::HoanThanh) => "Done",
        }
    }
}

/// What a unit reports on a task: its status and a short note.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TaskProgress {
    pub status: TaskStatus,
    pub note: String,
}
