//! `widget`, `payload` and `reset-script`: the widget snippets, from JSON.

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

use chatwoot_identity::{reset_script, set_user_payload_from_json, widget_script_from_json};

use crate::failure::Failure;

fn read_json(path: Option<&Path>, what: &str) -> Result<String, Failure> {
    let mut text = String::new();
    match path {
        Some(path) => {
            text = std::fs::read_to_string(path).map_err(|err| {
                Failure::input(format!("cannot read the {what} {}: {err}", path.display()))
            })?;
        }
        None => {
            std::io::stdin().read_to_string(&mut text).map_err(|err| {
                Failure::input(format!("cannot read the {what} from stdin: {err}"))
            })?;
        }
    }
    Ok(text)
}

fn print(text: &str) -> Result<ExitCode, Failure> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")?;
    Ok(ExitCode::SUCCESS)
}

pub fn script(secret: Option<&[u8]>, request: Option<&Path>) -> Result<ExitCode, Failure> {
    let request = read_json(request, "widget request")?;
    print(&widget_script_from_json(secret, &request)?)
}

pub fn payload(secret: &[u8], user: Option<&Path>) -> Result<ExitCode, Failure> {
    let user = read_json(user, "user")?;
    print(&set_user_payload_from_json(secret, &user)?)
}

pub fn reset(nonce: Option<&str>) -> Result<ExitCode, Failure> {
    print(&reset_script(nonce)?)
}
