//! The README's tables of error codes and diagnose findings follow the core's code tables: a
//! code added to the core without its line in the README fails here.

use chatwoot_identity::{ErrorCode, FindingCode, PageProblemCode, WebhookFindingCode};

const README: &str = include_str!("../../README.md");

/// The text of the README section that starts with `heading`, up to the next `## `.
fn section(heading: &str) -> &'static str {
    let start = README
        .find(heading)
        .unwrap_or_else(|| panic!("README has no {heading:?}"));
    let rest = &README[start + heading.len()..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

#[test]
fn the_errors_table_is_the_core_table_row_for_row() {
    let rows: Vec<String> = section("## Errors")
        .lines()
        .filter(|line| line.starts_with("| `"))
        .map(str::to_owned)
        .collect();
    let expected: Vec<String> = ErrorCode::ALL
        .iter()
        .map(|code| {
            format!(
                "| `{}` | {} | {} |",
                code.as_str(),
                code.number(),
                code.summary()
            )
        })
        .collect();
    assert_eq!(rows, expected);
}

/// A README section that explains a list of codes, and how it writes each one.
struct Explained {
    heading: &'static str,
    codes: Vec<&'static str>,
    written: fn(&str) -> String,
}

fn in_backticks(code: &str) -> String {
    format!("`{code}`")
}

fn as_table_row(code: &str) -> String {
    format!("| `{code}` |")
}

#[test]
fn every_finding_and_test_kit_problem_code_is_explained() {
    let sections = [
        Explained {
            heading: "## What `diagnose` recognises",
            codes: FindingCode::ALL.iter().map(|c| c.as_str()).collect(),
            written: in_backticks,
        },
        Explained {
            heading: "## What `diagnose_webhook` recognises",
            codes: WebhookFindingCode::ALL.iter().map(|c| c.as_str()).collect(),
            written: in_backticks,
        },
        Explained {
            heading: "## Testing your integration",
            codes: PageProblemCode::ALL.iter().map(|c| c.as_str()).collect(),
            written: as_table_row,
        },
    ];
    for Explained {
        heading,
        codes,
        written,
    } in sections
    {
        let text = section(heading);
        for code in codes {
            assert!(
                text.contains(&written(code)),
                "README's {heading:?} lacks {code}"
            );
        }
    }
}
