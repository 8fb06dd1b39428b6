//! The languages the product speaks, and a text in both: what the server words once and
//! sends in the language each request asks for.

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// A template's text in this language, with the language it is in (for `lang`): its
    /// English when English is chosen and the template gives it, else its Vietnamese.
    pub fn pick<'a>(self, vi: &'a str, en: Option<&'a str>) -> (&'a str, &'static str) {
        match (self, en) {
            (Lang::En, Some(en)) => (en, "en"),
            _ => (vi, "vi"),
        }
    }

    pub fn from_code(code: &str) -> Lang {
        Lang::parse(code).unwrap_or(Lang::Vi)
    }

    /// One of the offered languages by its code; none for any other text.
    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text in both languages the product speaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            vi: vi.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// The Vietnamese, as logs and tests read it.
impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.vi)
    }
}
