//! The core's code tables (error codes, findings, webhook findings, page problems) as the C
//! text their lookups return: `chatwoot_identity_status_code`, `..._finding_message` and the
//! rest all hand C pointers into one of these tables.

use std::ffi::{CString, c_char};
use std::ptr::null;
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

    /// The stable snake_case code numbered `number`, or NULL when the table has none.
    pub(crate) fn code(&'static self, number: u32) -> *const c_char {
        self.row(number)
            .map_or(null(), |(_, code, _)| code.as_ptr())
    }

    /// The one-sentence summary of the code numbered `number`, or NULL when the table has none.
    pub(crate) fn summary(&'static self, number: u32) -> *const c_char {
        self.row(number)
            .map_or(null(), |(_, _, summary)| summary.as_ptr())
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

#[cfg(test)]
mod tests {
    use std::ffi::{CStr, c_char};

    use identity::{FindingCode, PageProblemCode, WebhookFindingCode};

    use crate::*;

    /// C counts a table's codes from 0 (a finding by its bit index): `lookup` names each of
    /// `codes` by its index, and nothing at `count` or past it.
    fn assert_lookup<'a>(
        lookup: extern "C" fn(u32) -> *const c_char,
        count: u32,
        codes: impl ExactSizeIterator<Item = (u32, &'a str)>,
    ) {
        assert_eq!(codes.len(), count as usize);
        for (index, code) in codes {
            let name = lookup(index);
            assert!(index < count && !name.is_null(), "{code}: index {index}");
            assert_eq!(unsafe { CStr::from_ptr(name) }.to_str().unwrap(), code);
        }
        assert!(lookup(count).is_null());
    }

    #[test]
    fn each_index_names_the_core_code_with_that_bit_or_number() {
        let findings = FindingCode::ALL.iter();
        let findings = findings.map(|c| (c.bit().trailing_zeros(), c.as_str()));
        assert_lookup(
            chatwoot_identity_finding_code,
            chatwoot_identity_finding_count(),
            findings,
        );
        let webhook = WebhookFindingCode::ALL.iter();
        let webhook = webhook.map(|c| (c.bit().trailing_zeros(), c.as_str()));
        assert_lookup(
            chatwoot_identity_webhook_finding_code,
            chatwoot_identity_webhook_finding_count(),
            webhook,
        );
        let problems = PageProblemCode::ALL
            .iter()
            .map(|c| (c.number(), c.as_str()));
        assert_lookup(
            chatwoot_identity_page_problem_code,
            chatwoot_identity_page_problem_count(),
            problems,
        );
    }
}
