//! Whose file an import is. The command line and the demo may change anything; an
//! administrator only what lies in their subtree, both as stored before the file and as the
//! file leaves it: a line that names an account, a unit or a plan outside the subtree is
//! refused whether it would create, change or only repeat it.

use super::problem::ImportError;
use app::domain::org::OrgTree;
use app::lang::Text;

#[derive(Clone, Copy, Debug)]
pub enum Scope<'a> {
    /// The command line, the demo: whoever runs the server administers everything.
    Everything,
    /// An administrator of the subtree of this unit.
    Subtree(&'a str),
}

/// Where a line names something, to refuse it there.
#[derive(Clone, Copy)]
pub(crate) struct At<'a> {
    pub file: &'a str,
    pub line: Option<u64>,
    pub column: &'a str,
}

impl At<'_> {
    /// Refuses the line here: it reaches outside the administrator's scope.
    pub(crate) fn outside(&self, message: Text) -> ImportError {
        ImportError {
            file: self.file.to_string(),
            line: self.line,
            field: Some(self.column.to_string()),
            message,
            outside_scope: true,
        }
    }
}

impl Scope<'_> {
    /// Refuses `what` (“đơn vị X”, “tài khoản Y”…) when `unit`, where it lies in `tree`,
    /// is outside the subtree.
    pub(crate) fn check(
        self,
        tree: &OrgTree,
        at: &At,
        unit: &str,
        what: impl FnOnce() -> Text,
    ) -> Result<(), ImportError> {
        match self {
            Scope::Subtree(root) if !tree.is_within(unit, root) => {
                let what = what();
                Err(at.outside(Text::new(
                    format!("{} nằm ngoài phạm vi quản trị của bạn", what.vi),
                    format!("{} lies outside your administration scope", what.en),
                )))
            }
            _ => Ok(()),
        }
    }

    /// Whether `unit` is the root of the subtree, which only an administrator above may
    /// change (as in the unit forms).
    pub(crate) fn is_root(self, unit: &str) -> bool {
        matches!(self, Scope::Subtree(root) if root == unit)
    }
}

/// “đơn vị X” / “unit X”.
pub(crate) fn unit(code: &str) -> Text {
    Text::new(format!("đơn vị “{code}”"), format!("the unit “{code}”"))
}
