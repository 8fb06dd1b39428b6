//! The JSON API's shapes, shared by the server (which documents them in OpenAPI) and the
//! browser client, one module per area as the server's routes are; and the addresses of
//! its resources and of the pages.

mod accounts;
mod admin_log;
mod deferred;
mod error;
mod files;
mod imports;
mod notices;
mod plans;
mod reports;
mod review;
mod routes;
mod session;
mod units;

pub use accounts::*;
pub use admin_log::*;
pub use deferred::Deferred;
pub use error::*;
pub use files::*;
pub use imports::*;
pub use notices::*;
pub use plans::*;
pub use reports::*;
pub use review::*;
pub use routes::*;
pub use session::*;
pub use units::*;

pub use crate::domain::account::{AccountInput, Role};
pub use crate::domain::field_error::{FieldError, FieldMessage};
pub use crate::domain::new_plan::NewPlan;
pub use crate::domain::plan_form::{PlanForm, SectionForm};
