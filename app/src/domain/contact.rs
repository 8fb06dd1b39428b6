//! How an account is reached outside the app: an e-mail address (where notices are mailed
//! when the server sends mail) and a phone number (shown to the reviewer, to call). Both
//! optional, both parsed once for the form and the users file alike.

use crate::lang::Text;

/// An e-mail address as RFC 5322 allows it (`email_address`), without a display name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

/// The longest address taken (RFC 5321's path limit).
const MAX_EMAIL: usize = 254;

impl Email {
    pub fn parse(typed: &str) -> Result<Email, Text> {
        let typed = typed.trim();
        let refused = || {
            Text::new(
                format!("“{typed}” không phải địa chỉ thư điện tử (như ten@example.gov.vn)."),
                format!("“{typed}” is not an e-mail address (as in name@example.gov.vn)."),
            )
        };
        if typed.len() > MAX_EMAIL {
            return Err(refused());
        }
        let options = email_address::Options::default()
            .without_display_text()
            .without_domain_literal();
        let address = email_address::EmailAddress::parse_with_options(typed, options)
            .map_err(|_| refused())?;
        // A domain without a dot is a name on a local network, never a ward's mail.
        if !address.domain().contains('.') {
            return Err(refused());
        }
        Ok(Email(address.as_str().to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A Vietnamese phone number, kept as digits: `0` and 9 or 10 digits (a mobile's 10
/// digits, a landline's 11 with its area code), or the same after `+84` written as `0`.
/// Spaces, dots and dashes as people write them are dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    pub fn parse(typed: &str) -> Result<Phone, Text> {
        let typed = typed.trim();
        let refused = || {
            Text::new(
                format!("“{typed}” không phải số điện thoại (như 0903 123 456)."),
                format!("“{typed}” is not a phone number (as in 0903 123 456)."),
            )
        };
        let compact: String = typed
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
            .collect();
        let national = match compact.strip_prefix("+84") {
            Some(rest) => format!("0{rest}"),
            None => compact,
        };
        let digits_only = national.chars().all(|c| c.is_ascii_digit());
        if !digits_only || !national.starts_with('0') || !(10..=11).contains(&national.len()) {
            return Err(refused());
        }
        Ok(Phone(national))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For a `tel:` link: the international form.
    pub fn international(&self) -> String {
        format!("+84{}", &self.0[1..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_taken_trimmed_and_a_bad_one_named() {
        assert_eq!(
            Email::parse("  can.bo@hanhthong.hochiminhcity.gov.vn ").map(|e| e.0),
            Ok("can.bo@hanhthong.hochiminhcity.gov.vn".to_string())
        );
        for bad in [
            "",
            "can bo@x.vn",
            "canbo@",
            "@x.vn",
            "canbo@localhost",
            "A <a@x.vn>",
            "a@[10.0.0.1]",
        ] {
            let refused = Email::parse(bad).expect_err(bad);
            assert!(
                refused.vi.contains("không phải địa chỉ thư điện tử"),
                "{bad}"
            );
        }
        let long = format!("{}@x.vn", "a".repeat(250));
        assert!(Email::parse(&long).is_err());
    }

    #[test]
    fn a_phone_is_kept_as_digits_as_vietnam_writes_it() {
        let digits = |s: &str| Phone::parse(s).map(|p| p.0);
        assert_eq!(digits("0903 123 456"), Ok("0903123456".into()));
        assert_eq!(digits("+84 903.123.456"), Ok("0903123456".into()));
        assert_eq!(digits("(028) 3894-1234"), Ok("02838941234".into()));
        assert_eq!(
            Phone::parse("0903123456").map(|p| p.international()),
            Ok("+84903123456".into())
        );
        for bad in [
            "903123456",
            "09031234",
            "0903 123 456 789",
            "0903-ABC-456",
            "+1 202 555 0100",
        ] {
            assert!(Phone::parse(bad).is_err(), "{bad}");
        }
    }
}
