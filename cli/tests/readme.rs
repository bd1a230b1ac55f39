//! The README's command-line examples, run as written: every ```console block is executed in
//! one shell with this build of the tool on PATH, and its output must match the README.

use std::path::Path;
use std::process::Command;

const README: &str = include_str!("../../README.md");

struct Example {
    commands: Vec<String>,
    expected: String,
}

fn console_blocks() -> Vec<Example> {
    let mut examples = Vec::new();
    let mut lines = README.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "```console" {
            continue;
        }
        let mut example = Example {
            commands: Vec::new(),
            expected: String::new(),
        };
        for line in lines.by_ref().take_while(|l| l.trim() != "```") {
            match line.strip_prefix("$ ") {
                Some(command) => example.commands.push(command.to_owned()),
                None => {
                    example.expected.push_str(line);
                    example.expected.push('\n');
                }
            }
        }
        examples.push(example);
    }
    examples
}

#[test]
fn console_examples_print_what_the_readme_shows() {
    let examples = console_blocks();
    assert!(!examples.is_empty(), "the README has console examples");
    let binary = Path::new(env!("CARGO_BIN_EXE_chatwoot-identity"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // Examples may write files (a saved webhook body): give them a scratch directory.
    let scratch = std::env::temp_dir().join(format!("chatwoot-readme-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    for example in examples {
        let script = example.commands.join("\n");
        let output = Command::new("bash")
            .args(["-c", &script])
            .current_dir(&scratch)
            .env("PATH", &path)
            .env_remove("CHATWOOT_WEBHOOK_SECRET")
            .env_remove("CHATWOOT_HMAC_SECRET")
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            example.expected,
            "README example:\n{script}\nstderr: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    std::fs::remove_dir_all(&scratch).unwrap();
}

#[test]
fn quick_start_shows_the_documented_command_and_hash() {
    let quick_start = README.split("## Why").next().unwrap();
    assert!(quick_start.contains(
        "CHATWOOT_HMAC_SECRET=your-secret-token-for-hmac cargo run -q --release -p \
         chatwoot-identity-cli -- hash unique-identifier-of-the-user"
    ));
    assert!(quick_start.contains("make test"));
    assert!(
        quick_start.contains("fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c")
    );
}
