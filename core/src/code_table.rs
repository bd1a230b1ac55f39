//! `code_table!`: a list of stable codes written once, as rustls-ffi writes its statuses.
//!
//! Each row gives a variant (the code in PascalCase), its number, its snake_case code and a
//! one-sentence summary. The enum, `ALL`, and every lookup come from that one row, so adding a
//! code is one line here; bindings and generated files (the C status enum, Go's and PHP's
//! error lists) read the table through these functions and have tests that fail when they
//! fall behind it. `bit_per_code!` adds the mask bit of the findings tables and `findings_of!`
//! the methods of their results; the test helpers below check any table.

macro_rules! code_table {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $variant:ident = $number:literal, $code:literal, $summary:literal;
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl $name {
            /// Every code, in table order (the order reports use).
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stable snake_case string every binding exposes.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            /// One plain sentence about the code. Static text: it never holds a secret.
            pub const fn summary(self) -> &'static str {
                match self { $($name::$variant => $summary,)* }
            }

            /// The code in PascalCase, as its variant is named (`empty_secret` is
            /// `EmptySecret`): the stem of the class each binding names after it, such as
            /// Python's and Ruby's `EmptySecretError`.
            pub const fn pascal_case(self) -> &'static str {
                match self { $($name::$variant => stringify!($variant),)* }
            }

            /// The code's number: fixed once given, never reused (the C ABI exposes it).
            pub const fn number(self) -> u32 {
                match self { $($name::$variant => $number,)* }
            }

            /// The code for a snake_case string, if there is one.
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|c| c.as_str() == code)
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(test)]
        impl $crate::code_table::Table for $name {
            const ALL: &'static [Self] = $name::ALL;
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
            fn number(self) -> u32 {
                $name::number(self)
            }
            fn summary(self) -> &'static str {
                $name::summary(self)
            }
            fn pascal_case(self) -> &'static str {
                $name::pascal_case(self)
            }
            fn from_code(code: &str) -> Option<Self> {
                $name::from_code(code)
            }
        }
    };
}

/// `bit()` for a table whose numbers are bit positions: the findings tables, whose C ABI
/// reports a set of findings as a 32-bit mask.
macro_rules! bit_per_code {
    ($name:ident) => {
        impl $name {
            /// This code's bit in a mask of findings.
            pub const fn bit(self) -> u32 {
                1 << self.number()
            }
        }
    };
}

/// The methods of a findings table's result types: a finding from its code, and a diagnosis's
/// mask and lookup. `diagnose` and `diagnose_webhook` each have their own three types (their
/// tables are apart so that each fits a 32-bit mask), and the same logic serves both.
macro_rules! findings_of {
    ($diagnosis:ident, $finding:ident, $code:ident) => {
        impl $diagnosis {
            #[doc = concat!("The findings' codes as a bit mask (see [`", stringify!($code), "::bit`]).")]
            pub fn mask(&self) -> u32 {
                self.findings.iter().fold(0, |mask, f| mask | f.code.bit())
            }

            /// Whether `code` is among the findings.
            pub fn has(&self, code: $code) -> bool {
                self.findings.iter().any(|f| f.code == code)
            }
        }

        impl From<$code> for $finding {
            fn from(code: $code) -> Self {
                $finding {
                    code,
                    message: code.summary(),
                }
            }
        }
    };
}

pub(crate) use {bit_per_code, code_table, findings_of};

/// What `code_table!` gives every table, as a trait, so that one test helper checks any table.
#[cfg(test)]
pub(crate) trait Table: Copy + PartialEq + core::fmt::Debug + 'static {
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
    fn number(self) -> u32;
    fn summary(self) -> &'static str;
    fn pascal_case(self) -> &'static str;
    fn from_code(code: &str) -> Option<Self>;
}

/// Every code snake_case and unique, every variant named as its code in PascalCase, every
/// number unique, every summary one sentence, and every code found again by its string.
#[cfg(test)]
pub(crate) fn assert_table_is_well_formed<T: Table>() {
    let mut names = std::collections::HashSet::new();
    let mut numbers = std::collections::HashSet::new();
    for &entry in T::ALL {
        let (code, number, summary) = (entry.as_str(), entry.number(), entry.summary());
        assert!(
            !code.is_empty()
                && code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{code} is not snake_case"
        );
        assert!(names.insert(code), "duplicate code {code}");
        let pascal: String = code
            .split('_')
            .flat_map(|word| {
                let (first, rest) = word.split_at(1);
                [first.to_ascii_uppercase(), rest.to_owned()]
            })
            .collect();
        assert_eq!(
            entry.pascal_case(),
            pascal,
            "{code}: the variant is the code in PascalCase"
        );
        assert!(numbers.insert(number), "{code} reuses number {number}");
        assert!(summary.ends_with('.'), "{code}: a summary is one sentence");
        assert_eq!(T::from_code(code), Some(entry));
    }
}

/// The numbers count up from 0 in table order: the tables whose order is the report order.
#[cfg(test)]
pub(crate) fn assert_numbers_are_table_order<T: Table>() {
    for (index, entry) in T::ALL.iter().enumerate() {
        assert_eq!(
            entry.number() as usize,
            index,
            "numbers are the report order"
        );
    }
}
