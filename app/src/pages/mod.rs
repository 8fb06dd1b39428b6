#[cfg(feature = "admin")]
pub mod admin;
#[cfg(not(feature = "admin"))]
mod elsewhere;
mod form_field;
pub mod home;
pub mod lazy;
pub mod login;
pub mod notices;
pub mod password;
pub mod report;
#[cfg(feature = "review")]
pub mod review;

#[cfg(feature = "admin")]
pub use admin::AdminRoutes;
#[cfg(not(feature = "admin"))]
pub use elsewhere::AdminRoutes;
#[cfg(not(feature = "review"))]
pub use elsewhere::{
    Elsewhere as ConsolidationPage, Elsewhere as EvaluationResultsPage, Elsewhere as ProgressPage,
    Elsewhere as TimelinessPage,
};
#[cfg(feature = "review")]
pub use review::{ConsolidationPage, EvaluationResultsPage, ProgressPage, TimelinessPage};
