//! The core's code tables (error codes, findings, webhook findings, page problems) as the C
//! text their lookups return: `chatwoot_identity_status_code`, `..._finding_message` and the
//! rest all hand C pointers into one of these tables.

use std::ffi::{CStr, CString};
use std::sync::OnceLock;

/// One code table's rows as the core gives them: number, snake_case code, summary.
type Rows = Vec<(u32, &'static str, &'static str)>;

/// NUL-terminated copies of one core code table, made on first use and kept forever, since C
/// keeps the pointers it receives. Build one with [`code_texts!`].
pub(crate) struct CodeTexts {
    table: fn() -> Rows,
    rows: OnceLock<Vec<(u32, CString, CString)>>,
}

impl CodeTexts {
    pub(crate) const fn new(table: fn() -> Rows) -> Self {
        CodeTexts {
            table,
            rows: OnceLock::new(),
        }
    }

    fn row(&self, number: u32) -> Option<&(u32, CString, CString)> {
        let text = |s: &str| CString::new(s).expect("the core's texts have no NUL");
        let rows = self.rows.get_or_init(|| {
            let rows = (self.table)().into_iter();
            rows.map(|(n, code, summary)| (n, text(code), text(summary)))
                .collect()
        });
        rows.iter().find(|(n, _, _)| *n == number)
    }

    /// The stable snake_case code numbered `number`, if the table has one.
    pub(crate) fn code(&'static self, number: u32) -> Option<&'static CStr> {
        self.row(number).map(|(_, code, _)| code.as_c_str())
    }

    /// The one-sentence summary of the code numbered `number`, if the table has one.
    pub(crate) fn summary(&'static self, number: u32) -> Option<&'static CStr> {
        self.row(number).map(|(_, _, summary)| summary.as_c_str())
    }
}

/// The [`CodeTexts`] of one of the core's `code_table!` enums (they share the methods `ALL`,
/// `number`, `as_str` and `summary`, but no trait).
macro_rules! code_texts {
    ($codes:ty) => {
        $crate::code_texts::CodeTexts::new(|| {
            <$codes>::ALL
                .iter()
                .map(|c| (c.number(), c.as_str(), c.summary()))
                .collect()
        })
    };
}

pub(crate) use code_texts;
