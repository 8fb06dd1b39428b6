//! Arithmetic over field codes: derived-field formulas and the two sides of a rule.
//!
//! Grammar: `expr := term (('+'|'-') term)*`, `term := atom (('*'|'/') atom)*`,
//! `atom := CODE | NUMBER | '(' expr ')'`.

use crate::lang::Text;
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Field(String),
    Number(f64),
    Binary(Box<Expr>, Op, Box<Expr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("biểu thức “{source_text}”: {problem}")]
pub struct ExprError {
    pub source_text: String,
    pub problem: Text,
}

impl ExprError {
    pub fn text(&self) -> Text {
        Text::new(
            self.to_string(),
            format!("expression “{}”: {}", self.source_text, self.problem.en),
        )
    }
}

impl Expr {
    pub fn parse(text: &str) -> Result<Expr, ExprError> {
        let tokens = tokenize(text)?;
        let mut parser = Parser {
            tokens: &tokens,
            pos: 0,
            text,
        };
        let expr = parser.expr()?;
        if parser.pos != tokens.len() {
            return Err(parser.error("thừa ký tự ở cuối", "characters left at the end"));
        }
        Ok(expr)
    }

    /// Every field code the expression reads, in order of appearance.
    pub fn fields(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_fields(&mut out);
        out
    }

    fn collect_fields<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::Field(code) => out.push(code),
            Expr::Number(_) => {}
            Expr::Binary(l, _, r) => {
                l.collect_fields(out);
                r.collect_fields(out);
            }
        }
    }

    /// Evaluates with `lookup` giving each field's number. `None` when a field is not
    /// applicable or a division has a zero denominator: never NaN or infinity.
    pub fn eval(&self, lookup: &dyn Fn(&str) -> Option<f64>) -> Option<f64> {
        match self {
            Expr::Field(code) => lookup(code),
            Expr::Number(n) => Some(*n),
            Expr::Binary(l, op, r) => {
                let (a, b) = (l.eval(lookup)?, r.eval(lookup)?);
                match op {
                    Op::Add => Some(a + b),
                    Op::Sub => Some(a - b),
                    Op::Mul => Some(a * b),
                    Op::Div if b == 0.0 => None,
                    Op::Div => Some(a / b),
                }
            }
        }
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Field(code) => write!(f, "{code}"),
            Expr::Number(n) => write!(f, "{n}"),
            Expr::Binary(l, op, r) => {
                let sym = match op {
                    Op::Add => "+",
                    Op::Sub => "-",
                    Op::Mul => "*",
                    Op::Div => "/",
                };
                write!(f, "({l} {sym} {r})")
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Ident(String),
    Number(f64),
    Sym(char),
}

fn tokenize(text: &str) -> Result<Vec<Token>, ExprError> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c.is_ascii_alphabetic() || c == '_' {
            let mut end = start;
            while let Some(&(i, c)) = chars.peek() {
                if c.is_ascii_alphanumeric() || c == '_' {
                    end = i + c.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            tokens.push(Token::Ident(text[start..end].to_string()));
        } else if c.is_ascii_digit() {
            let mut end = start;
            while let Some(&(i, c)) = chars.peek() {
                if c.is_ascii_digit() || c == '.' {
                    end = i + 1;
                    chars.next();
                } else {
                    break;
                }
            }
            let n = text[start..end].parse().map_err(|_| ExprError {
                source_text: text.to_string(),
                problem: Text::new(
                    format!("số không hợp lệ “{}”", &text[start..end]),
                    format!("“{}” is not a number", &text[start..end]),
                ),
            })?;
            tokens.push(Token::Number(n));
        } else if "+-*/()".contains(c) {
            tokens.push(Token::Sym(c));
            chars.next();
        } else {
            return Err(ExprError {
                source_text: text.to_string(),
                problem: Text::new(
                    format!("ký tự không hợp lệ “{c}”"),
                    format!("“{c}” is not allowed here"),
                ),
            });
        }
    }
    Ok(tokens)
}

struct Parser<'a> {
    tokens: &'a [Token],
    pos: usize,
    text: &'a str,
}

impl Parser<'_> {
    fn error(&self, vi: &str, en: &str) -> ExprError {
        ExprError {
            source_text: self.text.to_string(),
            problem: Text::new(vi, en),
        }
    }

    fn peek_sym(&self) -> Option<char> {
        match self.tokens.get(self.pos) {
            Some(Token::Sym(c)) => Some(*c),
            _ => None,
        }
    }

    fn expr(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.term()?;
        while let Some(op @ ('+' | '-')) = self.peek_sym() {
            self.pos += 1;
            let right = self.term()?;
            let op = if op == '+' { Op::Add } else { Op::Sub };
            left = Expr::Binary(Box::new(left), op, Box::new(right));
        }
        Ok(left)
    }

    fn term(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.atom()?;
        while let Some(op @ ('*' | '/')) = self.peek_sym() {
            self.pos += 1;
            let right = self.atom()?;
            let op = if op == '*' { Op::Mul } else { Op::Div };
            left = Expr::Binary(Box::new(left), op, Box::new(right));
        }
        Ok(left)
    }

    fn atom(&mut self) -> Result<Expr, ExprError> {
        let token = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        match token {
            Some(Token::Ident(code)) => Ok(Expr::Field(code)),
            Some(Token::Number(n)) => Ok(Expr::Number(n)),
            Some(Token::Sym('(')) => {
                let inner = self.expr()?;
                if self.peek_sym() != Some(')') {
                    return Err(self.error("thiếu dấu “)”", "a “)” is missing"));
                }
                self.pos += 1;
                Ok(inner)
            }
            _ => Err(self.error(
                "thiếu mã trường hoặc số",
                "a field code or a number is missing",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup<'a>(pairs: &'a [(&'a str, f64)]) -> impl Fn(&str) -> Option<f64> + 'a {
        move |code| pairs.iter().find(|(c, _)| *c == code).map(|(_, v)| *v)
    }

    #[test]
    fn parses_precedence_and_parentheses() {
        let e = Expr::parse("a / (b + c)").unwrap();
        assert_eq!(e.fields(), vec!["a", "b", "c"]);
        assert_eq!(
            e.eval(&lookup(&[("a", 3.0), ("b", 1.0), ("c", 2.0)])),
            Some(1.0)
        );
        let e = Expr::parse("a + b * c").unwrap();
        assert_eq!(
            e.eval(&lookup(&[("a", 1.0), ("b", 2.0), ("c", 3.0)])),
            Some(7.0)
        );
    }

    #[test]
    fn zero_denominator_is_not_applicable() {
        let e = Expr::parse("a / b").unwrap();
        assert_eq!(e.eval(&lookup(&[("a", 1.0), ("b", 0.0)])), None);
    }

    #[test]
    fn rejects_malformed_text() {
        assert!(Expr::parse("a / ").is_err());
        assert!(Expr::parse("(a + b").is_err());
        assert!(Expr::parse("a % b").is_err());
        assert!(Expr::parse("a b").is_err());
    }
}
