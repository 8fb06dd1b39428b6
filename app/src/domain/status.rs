//! The report workflow as an explicit state machine:
//! nháp → đã nộp → bị trả lại → đã nộp lại → đã tiếp nhận.

use crate::lang::{Lang, Text};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    Nhap,
    DaNop,
    BiTraLai,
    DaNopLai,
    DaTiepNhan,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WorkflowAction {
    Submit,
    Return,
    Accept,
}

impl WorkflowAction {
    /// The verb, as in "cannot submit a report".
    pub fn verb(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Vi, WorkflowAction::Submit) => "nộp",
            (Lang::Vi, WorkflowAction::Return) => "trả lại",
            (Lang::Vi, WorkflowAction::Accept) => "tiếp nhận",
            (Lang::En, WorkflowAction::Submit) => "submit",
            (Lang::En, WorkflowAction::Return) => "return",
            (Lang::En, WorkflowAction::Accept) => "accept",
        }
    }
}

/// A workflow step the report's status does not allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TransitionError {
    pub from: ReportStatus,
    pub action: WorkflowAction,
}

impl TransitionError {
    pub fn text(self) -> Text {
        Text::new(
            format!(
                "không thể {} báo cáo đang ở trạng thái “{}”",
                self.action.verb(Lang::Vi),
                self.from.label_in(Lang::Vi)
            ),
            format!(
                "cannot {} a report that is “{}”",
                self.action.verb(Lang::En),
                self.from.label_in(Lang::En)
            ),
        )
    }
}

impl ReportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Nhap => "nhap",
            ReportStatus::DaNop => "da_nop",
            ReportStatus::BiTraLai => "bi_tra_lai",
            ReportStatus::DaNopLai => "da_nop_lai",
            ReportStatus::DaTiepNhan => "da_tiep_nhan",
        }
    }

    pub fn parse(s: &str) -> Option<ReportStatus> {
        [
            Self::Nhap,
            Self::DaNop,
            Self::BiTraLai,
            Self::DaNopLai,
            Self::DaTiepNhan,
        ]
        .into_iter()
        .find(|st| st.as_str() == s)
    }

    /// In Vietnamese, as a report's history records it.
    pub fn label(self) -> &'static str {
        self.label_in(Lang::Vi)
    }

    pub fn label_in(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Vi, ReportStatus::Nhap) => "Nháp",
            (Lang::Vi, ReportStatus::DaNop) => "Đã nộp",
            (Lang::Vi, ReportStatus::BiTraLai) => "Bị trả lại",
            (Lang::Vi, ReportStatus::DaNopLai) => "Đã nộp lại",
            (Lang::Vi, ReportStatus::DaTiepNhan) => "Đã tiếp nhận",
            (Lang::En, ReportStatus::Nhap) => "Draft",
            (Lang::En, ReportStatus::DaNop) => "Submitted",
            (Lang::En, ReportStatus::BiTraLai) => "Returned",
            (Lang::En, ReportStatus::DaNopLai) => "Resubmitted",
            (Lang::En, ReportStatus::DaTiepNhan) => "Accepted",
        }
    }

    /// Whether the district has the report (submitted, resubmitted or accepted).
    pub fn is_submitted(self) -> bool {
        matches!(
            self,
            ReportStatus::DaNop | ReportStatus::DaNopLai | ReportStatus::DaTiepNhan
        )
    }

    /// Submitted or resubmitted and not accepted yet: the reviewer's to decide on.
    pub fn awaits_review(self) -> bool {
        matches!(self, ReportStatus::DaNop | ReportStatus::DaNopLai)
    }

    /// An accepted report is locked; a submitted one waits for review but can be edited
    /// by its unit until then only through a return.
    pub fn is_editable(self) -> bool {
        matches!(self, ReportStatus::Nhap | ReportStatus::BiTraLai)
    }

    pub fn apply(self, action: WorkflowAction) -> Result<ReportStatus, TransitionError> {
        use ReportStatus::*;
        use WorkflowAction::*;
        match (self, action) {
            (Nhap, Submit) => Ok(DaNop),
            (BiTraLai, Submit) => Ok(DaNopLai),
            (DaNop | DaNopLai, Accept) => Ok(DaTiepNhan),
            // Returning an accepted report unlocks it for correction.
            (DaNop | DaNopLai | DaTiepNhan, Return) => Ok(BiTraLai),
            _ => Err(TransitionError { from: self, action }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ReportStatus::*;
    use super::WorkflowAction::*;
    use super::*;

    #[test]
    fn the_whole_cycle() {
        let s = Nhap.apply(Submit).unwrap();
        assert_eq!(s, DaNop);
        let s = s.apply(Return).unwrap();
        assert_eq!(s, BiTraLai);
        let s = s.apply(Submit).unwrap();
        assert_eq!(s, DaNopLai);
        assert_eq!(s.apply(Accept).unwrap(), DaTiepNhan);
    }

    #[test]
    fn forbidden_steps_say_why() {
        let why = Nhap.apply(Accept).unwrap_err().text();
        assert_eq!(
            why.vi,
            "không thể tiếp nhận báo cáo đang ở trạng thái “Nháp”"
        );
        assert_eq!(why.en, "cannot accept a report that is “Draft”");
        assert!(DaNop.apply(Submit).is_err());
        assert!(DaTiepNhan.apply(Accept).is_err());
        assert!(Nhap.apply(Return).is_err());
        assert_eq!(DaTiepNhan.apply(Return), Ok(BiTraLai));
    }

    #[test]
    fn codes_round_trip() {
        for s in [Nhap, DaNop, BiTraLai, DaNopLai, DaTiepNhan] {
            assert_eq!(ReportStatus::parse(s.as_str()), Some(s));
        }
    }
}
