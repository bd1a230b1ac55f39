//! `code_table!`: a list of stable codes written once, as rustls-ffi writes its statuses.
//!
//! Each row gives a variant, its number, its snake_case code and a one-sentence summary. The
//! enum, `ALL`, and every lookup come from that one row, so adding a code is one line here;
//! bindings and generated files (the C status enum, Go's and PHP's error lists) read the table
//! through these functions and have tests that fail when they fall behind it.

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
    };
}

pub(crate) use code_table;

#[cfg(test)]
pub(crate) fn assert_table_is_well_formed(codes: &[(&str, u32, &str)]) {
    let mut names = std::collections::HashSet::new();
    let mut numbers = std::collections::HashSet::new();
    for (code, number, summary) in codes {
        assert!(
            !code.is_empty()
                && code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{code} is not snake_case"
        );
        assert!(names.insert(*code), "duplicate code {code}");
        assert!(numbers.insert(*number), "{code} reuses number {number}");
        assert!(summary.ends_with('.'), "{code}: a summary is one sentence");
    }
}
