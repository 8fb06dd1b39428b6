//! Report templates: data loaded from TOML, checked once when loaded.

use super::expr::{Expr, ExprError};
use super::value::{check_count, check_text, parse_count, parse_percent, Value, ValueError};
use crate::format::Numbers;
use crate::lang::Text;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// A checked template. It can only be built through [`Template::from_toml`] or
/// deserialization, both of which validate, so every value of this type is sound.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "TemplateFile", into = "TemplateFile")]
pub struct Template {
    pub id: String,
    pub version: u32,
    pub title: String,
    /// The English beside a Vietnamese text, when the template gives it (every `_en`).
    pub title_en: Option<String>,
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    pub fields: Vec<Field>,
    pub rules: Vec<Rule>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub code: String,
    pub label: String,
    pub label_en: Option<String>,
    pub kind: FieldKind,
    pub required: bool,
    pub unit: Option<String>,
    pub unit_en: Option<String>,
    pub aggregate: Aggregate,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FieldKind {
    Text,
    Count,
    Percent,
    Derived(Expr),
}

/// How a parent's consolidated report combines its children's values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Aggregate {
    Sum,
    WeightedMean(String),
    Derived,
    None,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Le,
    Ge,
    Eq,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub left: Expr,
    pub cmp: Cmp,
    pub right: Expr,
    pub severity: Severity,
    pub message: String,
    pub message_en: Option<String>,
    source: String,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("không đọc được TOML: {0}")]
    Toml(String),
    #[error("mã trường “{0}” bị trùng")]
    DuplicateField(String),
    #[error("mã phần “{0}” bị trùng")]
    DuplicateSection(String),
    #[error("trường “{field}”: {problem}")]
    Field { field: String, problem: Text },
    #[error("quy tắc “{rule}”: {problem}")]
    Rule { rule: String, problem: Text },
    #[error("{0}")]
    Expr(#[from] ExprError),
}

impl TemplateError {
    pub fn text(&self) -> Text {
        let en = match self {
            TemplateError::Toml(e) => format!("not readable as TOML: {e}"),
            TemplateError::DuplicateField(code) => format!("the field code “{code}” is used twice"),
            TemplateError::DuplicateSection(id) => {
                format!("the section code “{id}” is used twice")
            }
            TemplateError::Field { field, problem } => format!("field “{field}”: {}", problem.en),
            TemplateError::Rule { rule, problem } => format!("rule “{rule}”: {}", problem.en),
            TemplateError::Expr(e) => e.text().en,
        };
        Text::new(self.to_string(), en)
    }
}

impl Template {
    pub fn from_toml(text: &str) -> Result<Template, TemplateError> {
        // No label or message may turn the text around it in a page or a document.
        let text = crate::format::without_direction_controls(text);
        let file: TemplateFile =
            toml::from_str(&text).map_err(|e| TemplateError::Toml(e.to_string()))?;
        Template::try_from(file)
    }

    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.sections.iter().flat_map(|s| s.fields.iter())
    }

    pub fn field(&self, code: &str) -> Option<&Field> {
        self.fields().find(|f| f.code == code)
    }

    /// The figures that stand for a report in a row per unit: the required counts and
    /// percents, and every rate, in template order.
    pub fn key_fields(&self) -> Vec<&Field> {
        self.fields()
            .filter(|f| match f.kind {
                FieldKind::Text => false,
                FieldKind::Derived(_) => true,
                FieldKind::Count | FieldKind::Percent => f.required,
            })
            .collect()
    }

    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.sections.iter().flat_map(|s| s.rules.iter())
    }
}

impl Field {
    pub fn is_numeric(&self) -> bool {
        !matches!(self.kind, FieldKind::Text)
    }

    /// Parses what a user typed, numbers as `numbers` writes them. Empty input clears the
    /// field (`None`).
    pub fn parse_input(&self, input: &str, numbers: Numbers) -> Result<Option<Value>, ValueError> {
        let label = self.label.as_str();
        match &self.kind {
            FieldKind::Text => {
                // Pasted from elsewhere, they would turn the report's text around.
                let input = crate::format::without_direction_controls(input);
                check_text(&input, label)?;
                Ok((!input.trim().is_empty()).then_some(Value::Text(input)))
            }
            _ if input.trim().is_empty() => match self.kind {
                FieldKind::Derived(_) => Err(ValueError::Derived {
                    label: label.to_string(),
                }),
                _ => Ok(None),
            },
            FieldKind::Count => parse_count(input, label, numbers).map(|n| Some(Value::Count(n))),
            FieldKind::Percent => parse_percent(input, label).map(|p| Some(Value::Percent(p))),
            FieldKind::Derived(_) => Err(ValueError::Derived {
                label: label.to_string(),
            }),
        }
    }

    /// Checks a value that arrived already typed (from sync or an import).
    pub fn check_value(&self, value: &Value) -> Result<(), ValueError> {
        let label = self.label.as_str();
        match (&self.kind, value) {
            (FieldKind::Text, Value::Text(t)) => check_text(t, label),
            (FieldKind::Count, Value::Count(n)) => check_count(*n, label).map(|_| ()),
            (FieldKind::Percent, Value::Percent(_)) => Ok(()),
            (FieldKind::Derived(_), _) => Err(ValueError::Derived {
                label: label.to_string(),
            }),
            _ => Err(ValueError::WrongKind {
                label: label.to_string(),
            }),
        }
    }
}

impl Rule {
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Every field code the rule reads.
    pub fn fields(&self) -> Vec<&str> {
        let mut out = self.left.fields();
        out.extend(self.right.fields());
        out
    }

    pub fn holds(&self, left: f64, right: f64) -> bool {
        // Values are sums of integers and hundredths: a tiny epsilon absorbs float noise.
        const EPS: f64 = 1e-9;
        match self.cmp {
            Cmp::Le => left <= right + EPS,
            Cmp::Ge => left + EPS >= right,
            Cmp::Eq => (left - right).abs() <= EPS,
        }
    }
}

// ----- The file format, as in `template-dan-van-chinh-quyen.toml` -----

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TemplateFile {
    id: String,
    version: u32,
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title_en: Option<String>,
    sections: Vec<SectionFile>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
struct SectionFile {
    id: String,
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title_en: Option<String>,
    fields: Vec<FieldFile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    rules: Vec<RuleFile>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
struct FieldFile {
    code: String,
    kind: KindFile,
    label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label_en: Option<String>,
    #[serde(default)]
    required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    aggregate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    formula: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
enum KindFile {
    Text,
    Count,
    Percent,
    Derived,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
struct RuleFile {
    expr: String,
    severity: Severity,
    message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message_en: Option<String>,
}

impl TryFrom<TemplateFile> for Template {
    type Error = TemplateError;

    fn try_from(file: TemplateFile) -> Result<Self, TemplateError> {
        let mut codes = HashSet::new();
        let mut section_ids = HashSet::new();
        for section in &file.sections {
            if !section_ids.insert(section.id.clone()) {
                return Err(TemplateError::DuplicateSection(section.id.clone()));
            }
            for field in &section.fields {
                if !codes.insert(field.code.clone()) {
                    return Err(TemplateError::DuplicateField(field.code.clone()));
                }
            }
        }
        let numeric: HashSet<String> = file
            .sections
            .iter()
            .flat_map(|s| &s.fields)
            .filter(|f| f.kind != KindFile::Text)
            .map(|f| f.code.clone())
            .collect();
        let check_refs = |expr: &Expr| -> Result<(), Text> {
            for code in expr.fields() {
                if !codes.contains(code) {
                    return Err(Text::new(
                        format!("mã trường “{code}” không tồn tại"),
                        format!("there is no field “{code}”"),
                    ));
                }
                if !numeric.contains(code) {
                    return Err(Text::new(
                        format!("trường “{code}” không phải trường số"),
                        format!("the field “{code}” is not a number"),
                    ));
                }
            }
            Ok(())
        };

        let mut sections = Vec::with_capacity(file.sections.len());
        for section in file.sections {
            let mut fields = Vec::with_capacity(section.fields.len());
            for f in section.fields {
                let field_err = |problem: Text| TemplateError::Field {
                    field: f.code.clone(),
                    problem,
                };
                let kind = match (f.kind, &f.formula) {
                    (KindFile::Derived, Some(formula)) => {
                        let expr = Expr::parse(formula)?;
                        check_refs(&expr).map_err(field_err)?;
                        if expr.fields().contains(&f.code.as_str()) {
                            return Err(field_err(Text::new(
                                "công thức tham chiếu chính nó",
                                "the formula refers to its own field",
                            )));
                        }
                        FieldKind::Derived(expr)
                    }
                    (KindFile::Derived, None) => {
                        return Err(field_err(Text::new(
                            "thiếu công thức (formula)",
                            "the formula is missing",
                        )))
                    }
                    (_, Some(_)) => {
                        return Err(field_err(Text::new(
                            "chỉ trường derived mới có công thức",
                            "only a derived field has a formula",
                        )))
                    }
                    (KindFile::Text, None) => FieldKind::Text,
                    (KindFile::Count, None) => FieldKind::Count,
                    (KindFile::Percent, None) => FieldKind::Percent,
                };
                let aggregate = match f.aggregate.as_deref() {
                    None | Some("none") => Aggregate::None,
                    Some("sum") => Aggregate::Sum,
                    Some("derived") => Aggregate::Derived,
                    Some(other) => match other.strip_prefix("weighted_mean:") {
                        Some(weight) if numeric.contains(weight) => {
                            Aggregate::WeightedMean(weight.to_string())
                        }
                        Some(weight) => {
                            return Err(field_err(Text::new(
                                format!("trọng số “{weight}” không phải trường số có trong mẫu"),
                                format!(
                                    "the weight “{weight}” is not a number field of the template"
                                ),
                            )))
                        }
                        None => {
                            return Err(field_err(Text::new(
                                format!("cách tổng hợp “{other}” không hợp lệ"),
                                format!("“{other}” is not a way to aggregate"),
                            )))
                        }
                    },
                };
                // Only combinations the rollup can honour: a rate is recomputed, never summed.
                let fits = matches!(
                    (&kind, &aggregate),
                    (_, Aggregate::None)
                        | (FieldKind::Count, Aggregate::Sum)
                        | (FieldKind::Percent, Aggregate::WeightedMean(_))
                        | (FieldKind::Derived(_), Aggregate::Derived)
                );
                if !fits {
                    let aggregate = f.aggregate.as_deref().unwrap_or("none");
                    return Err(field_err(Text::new(
                        format!(
                            "cách tổng hợp “{aggregate}” không dùng được cho trường loại {}",
                            kind.name()
                        ),
                        format!(
                            "the aggregate “{aggregate}” does not fit a field of kind {}",
                            kind.name()
                        ),
                    )));
                }
                fields.push(Field {
                    code: f.code,
                    label: f.label,
                    label_en: f.label_en,
                    kind,
                    required: f.required,
                    unit: f.unit,
                    unit_en: f.unit_en,
                    aggregate,
                });
            }
            let mut rules = Vec::with_capacity(section.rules.len());
            for r in section.rules {
                let rule_err = |problem: Text| TemplateError::Rule {
                    rule: r.expr.clone(),
                    problem,
                };
                let (cmp, sym) = [(Cmp::Le, "<="), (Cmp::Ge, ">="), (Cmp::Eq, "==")]
                    .into_iter()
                    .find(|(_, sym)| r.expr.contains(sym))
                    .ok_or_else(|| {
                        rule_err(Text::new(
                            "thiếu phép so sánh <=, >= hoặc ==",
                            "a comparison <=, >= or == is missing",
                        ))
                    })?;
                let (l, rhs) = r.expr.split_once(sym).ok_or_else(|| {
                    rule_err(Text::new(
                        "không tách được hai vế",
                        "the two sides cannot be told apart",
                    ))
                })?;
                let left = Expr::parse(l)?;
                let right = Expr::parse(rhs)?;
                check_refs(&left).map_err(rule_err)?;
                check_refs(&right).map_err(rule_err)?;
                rules.push(Rule {
                    left,
                    cmp,
                    right,
                    severity: r.severity,
                    message: r.message,
                    message_en: r.message_en,
                    source: r.expr,
                });
            }
            sections.push(Section {
                id: section.id,
                title: section.title,
                title_en: section.title_en,
                fields,
                rules,
            });
        }
        Ok(Template {
            id: file.id,
            version: file.version,
            title: file.title,
            title_en: file.title_en,
            sections,
        })
    }
}

impl From<Template> for TemplateFile {
    fn from(t: Template) -> Self {
        TemplateFile {
            id: t.id,
            version: t.version,
            title: t.title,
            title_en: t.title_en,
            sections: t
                .sections
                .into_iter()
                .map(|s| SectionFile {
                    id: s.id,
                    title: s.title,
                    title_en: s.title_en,
                    fields: s
                        .fields
                        .into_iter()
                        .map(|f| {
                            let (kind, formula) = match f.kind {
                                FieldKind::Text => (KindFile::Text, None),
                                FieldKind::Count => (KindFile::Count, None),
                                FieldKind::Percent => (KindFile::Percent, None),
                                FieldKind::Derived(e) => {
                                    (KindFile::Derived, Some(formula_text(&e)))
                                }
                            };
                            let aggregate = match f.aggregate {
                                Aggregate::None => None,
                                Aggregate::Sum => Some("sum".to_string()),
                                Aggregate::Derived => Some("derived".to_string()),
                                Aggregate::WeightedMean(w) => Some(format!("weighted_mean:{w}")),
                            };
                            FieldFile {
                                code: f.code,
                                kind,
                                label: f.label,
                                label_en: f.label_en,
                                required: f.required,
                                unit: f.unit,
                                unit_en: f.unit_en,
                                aggregate,
                                formula,
                            }
                        })
                        .collect(),
                    rules: s
                        .rules
                        .into_iter()
                        .map(|r| RuleFile {
                            expr: r.source,
                            severity: r.severity,
                            message: r.message,
                            message_en: r.message_en,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// The formula written back as text; `Display` parenthesises every operation, which
/// parses back to the same tree.
fn formula_text(e: &Expr) -> String {
    e.to_string()
}

impl FieldKind {
    /// The kind as the template file spells it.
    pub fn name(&self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Count => "count",
            FieldKind::Percent => "percent",
            FieldKind::Derived(_) => "derived",
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub const DEMO: &str = include_str!("../../../server/demo/template-dan-van-chinh-quyen.toml");

    pub fn demo() -> Template {
        Template::from_toml(DEMO).expect("demo template is valid")
    }

    /// The report page draws its editor again when the template's JSON text changes (it
    /// compares the kept copy with the one fetched): the same template must always be
    /// written the same, or every fetch would redraw the form under the user's fingers.
    #[test]
    fn the_same_template_is_always_the_same_json() {
        use crate::api::Deferred;
        let sent = Deferred::new(&demo()).expect("JSON");
        assert_eq!(Deferred::new(&demo()).expect("JSON"), sent);
        let decoded = sent.decode().expect("the template reads back");
        assert_eq!(Deferred::new(&decoded).expect("JSON"), sent);
    }

    #[test]
    fn loads_the_demo_template() {
        let t = demo();
        assert_eq!(t.id, "dan-van-chinh-quyen");
        assert_eq!(t.sections.len(), 10);
        let rate = t.field("ty_le_dung_han").unwrap();
        assert!(matches!(rate.kind, FieldKind::Derived(_)));
        assert_eq!(
            t.field("ty_le_hai_long").unwrap().aggregate,
            Aggregate::WeightedMean("hs_tiep_nhan".into())
        );
        assert_eq!(t.rules().count(), 11);
    }

    #[test]
    fn survives_a_json_round_trip() {
        let t = demo();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<Template>(&json).unwrap(), t);
    }

    fn with_replaced(from: &str, to: &str) -> Result<Template, TemplateError> {
        assert!(DEMO.contains(from), "fixture text {from} not in template");
        Template::from_toml(&DEMO.replacen(from, to, 1))
    }

    #[test]
    fn names_an_unknown_code_in_a_rule() {
        let err = with_replaced(
            "tcd_lanh_dao_luot <= tcd_luot",
            "tcd_lanh_dao_luot <= tcd_luotx",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "quy tắc “tcd_lanh_dao_luot <= tcd_luotx”: mã trường “tcd_luotx” không tồn tại"
        );
        assert_eq!(
            err.text().en,
            "rule “tcd_lanh_dao_luot <= tcd_luotx”: there is no field “tcd_luotx”"
        );
    }

    #[test]
    fn names_a_bad_expression_in_both_languages() {
        let err = with_replaced(
            "tcd_lanh_dao_luot <= tcd_luot",
            "tcd_lanh_dao_luot <= (tcd_luot",
        )
        .unwrap_err();
        assert_eq!(
            err.text(),
            Text::new(
                "biểu thức “ (tcd_luot”: thiếu dấu “)”",
                "expression “ (tcd_luot”: a “)” is missing"
            )
        );
    }

    #[test]
    fn names_an_unknown_code_in_a_formula() {
        let err = with_replaced(
            "don_da_giai_quyet / don_thuoc_tham_quyen",
            "don_da_giai_quyet / khong_co",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "trường “ty_le_giai_quyet_don”: mã trường “khong_co” không tồn tại"
        );
    }

    #[test]
    fn names_a_duplicate_code() {
        let err = with_replaced("code = \"tcd_lanh_dao_luot\"", "code = \"tcd_luot\"").unwrap_err();
        assert_eq!(err, TemplateError::DuplicateField("tcd_luot".into()));
    }

    #[test]
    fn rejects_a_rule_over_a_text_field() {
        let err = with_replaced(
            "tcd_lanh_dao_luot <= tcd_luot",
            "tiep_cong_dan_text <= tcd_luot",
        )
        .unwrap_err();
        assert!(err.to_string().contains("không phải trường số"), "{err}");
    }

    #[test]
    fn refuses_to_sum_a_rate() {
        let err = with_replaced(
            "formula = \"hs_dung_han / (hs_dung_han + hs_tre_han)\", aggregate = \"derived\"",
            "formula = \"hs_dung_han / (hs_dung_han + hs_tre_han)\", aggregate = \"sum\"",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "trường “ty_le_dung_han”: cách tổng hợp “sum” không dùng được cho trường loại derived"
        );
    }

    #[test]
    fn parses_input_by_kind() {
        const VI: Numbers = Numbers::Vietnamese;
        let t = demo();
        let count = t.field("hs_tiep_nhan").unwrap();
        assert_eq!(
            count.parse_input("39.409", VI),
            Ok(Some(Value::Count(39409)))
        );
        assert_eq!(count.parse_input("", VI), Ok(None));
        let err = count.parse_input("nhiều", VI).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("Số hồ sơ thủ tục hành chính tiếp nhận:"));
        assert!(t
            .field("ty_le_dung_han")
            .unwrap()
            .parse_input("5", VI)
            .is_err());
        assert!(count.check_value(&Value::Text("x".into())).is_err());
    }
}
