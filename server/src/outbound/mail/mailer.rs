//! The SMTP server notices are mailed through (`BAOCAO_SMTP_URL`, `BAOCAO_MAIL_FROM`).

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

#[derive(Debug, thiserror::Error)]
pub enum MailSettingsError {
    #[error("BAOCAO_SMTP_URL is not an SMTP URL (smtp://user:password@host:587?tls=required, smtps://host:465): {0}")]
    Url(String),
    #[error("BAOCAO_MAIL_FROM is not a mailbox (as in “baocao <baocao@example.gov.vn>”): {0}")]
    From(String),
    #[error("BAOCAO_SMTP_URL and BAOCAO_MAIL_FROM are set together, or neither")]
    Half,
}

/// The longest an SMTP exchange may take before the mail is tried again later.
const TIMEOUT: Duration = Duration::from_secs(30);

impl Mailer {
    /// The mailer the settings describe; `None` when mail is off (neither is set).
    pub fn from_settings(
        url: Option<&str>,
        from: Option<&str>,
    ) -> Result<Option<Mailer>, MailSettingsError> {
        let (url, from) = match (url, from) {
            (None, None) => return Ok(None),
            (Some(url), Some(from)) => (url, from),
            _ => return Err(MailSettingsError::Half),
        };
        let from: Mailbox = from
            .parse()
            .map_err(|e: lettre::address::AddressError| MailSettingsError::From(e.to_string()))?;
        // The URL's own error would repeat the URL, password and all.
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailSettingsError::Url(e.to_string().replace(url, "…")))?
            .timeout(Some(TIMEOUT))
            .build();
        Ok(Some(Mailer { transport, from }))
    }

    /// The sender, as mail shows it.
    pub fn sender(&self) -> String {
        self.from.to_string()
    }

    /// Sends one plain-text mail; the SMTP server's refusal or the connection's failure.
    pub async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), String> {
        let to: Mailbox = to
            .parse()
            .map_err(|e: lettre::address::AddressError| e.to_string())?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_string())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}
