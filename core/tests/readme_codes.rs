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

#[test]
fn every_finding_code_is_explained() {
    let text = section("## What `diagnose` recognises");
    for code in FindingCode::ALL {
        assert!(
            text.contains(&format!("`{}`", code.as_str())),
            "README lacks {code}"
        );
    }
}

#[test]
fn every_webhook_finding_code_is_explained() {
    let text = section("## What `diagnose_webhook` recognises");
    for code in WebhookFindingCode::ALL {
        assert!(
            text.contains(&format!("`{}`", code.as_str())),
            "README lacks {code}"
        );
    }
}

#[test]
fn every_test_kit_problem_is_explained() {
    let text = section("## Testing your integration");
    for code in PageProblemCode::ALL {
        assert!(
            text.contains(&format!("| `{}` |", code.as_str())),
            "README lacks {code}"
        );
    }
}
