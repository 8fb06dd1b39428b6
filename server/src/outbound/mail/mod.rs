//! Notices by e-mail: the SMTP server they go through, and the letter each notice is.

mod letter;
mod mailer;

pub use letter::letter;
pub use mailer::{MailSettingsError, Mailer};
