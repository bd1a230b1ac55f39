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

/// Fails on the first of `codes` that the section under `heading` does not write as
/// `written(code)`.
fn assert_section_explains(
    heading: &str,
    codes: impl IntoIterator<Item = &'static str>,
    written: impl Fn(&str) -> String,
) {
    let text = section(heading);
    for code in codes {
        assert!(text.contains(&written(code)), "README lacks {code}");
    }
}

#[test]
fn every_finding_code_is_explained() {
    assert_section_explains(
        "## What `diagnose` recognises",
        FindingCode::ALL.iter().map(|c| c.as_str()),
        |code| format!("`{code}`"),
    );
}

#[test]
fn every_webhook_finding_code_is_explained() {
    assert_section_explains(
        "## What `diagnose_webhook` recognises",
        WebhookFindingCode::ALL.iter().map(|c| c.as_str()),
        |code| format!("`{code}`"),
    );
}

#[test]
fn every_test_kit_problem_is_explained() {
    assert_section_explains(
        "## Testing your integration",
        PageProblemCode::ALL.iter().map(|c| c.as_str()),
        |code| format!("| `{code}` |"),
    );
}
