//! `chatwoot-identity`: compute, verify and explain Chatwoot identifier_hash values.
//!
//! Exit status: 0 success (or "verified"), 1 "not verified" (an identity hash or a webhook; or
//! bad batch rows skipped), 2 a usage or input error.

mod batch;
mod cli;
mod commands;
mod failure;
mod report;
mod say;
mod secret;
mod shell;
mod webhook;
mod whitespace;
mod widget;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command, WebhookCommand};
use failure::Failure;

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(failure) => failure.report(),
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Hash {
            identifiers,
            secret,
        } => commands::hash(&secret::load(secret)?, &identifiers),
        Command::Verify {
            identifier,
            hash,
            secret,
        } => {
            let secret_flags = secret::flags_to_repeat(&secret);
            commands::verify(&secret::load(secret)?, &identifier, &hash, secret_flags)
        }
        Command::Diagnose {
            identifier,
            hash,
            json,
            secret,
        } => commands::explain(&secret::load(secret)?, &identifier, &hash, json),
        Command::Batch {
            csv,
            column,
            delimiter,
            keep_columns,
            line_ending,
            max_identifier_bytes,
            format,
            input,
            strict,
            secret,
        } => {
            let secret = secret::load(secret)?;
            let source = match column {
                Some(identifier) if csv => batch::Source::Csv(batch::Columns {
                    identifier,
                    keep: keep_columns,
                    delimiter,
                }),
                _ => batch::Source::Lines(line_ending),
            };
            let options = batch::Options {
                source,
                format,
                input,
                strict,
                max_identifier_bytes: max_identifier_bytes as usize,
            };
            batch::run(&secret, options)
        }
        Command::Widget { request, secret } => {
            let secret = secret::load_optional(secret)?;
            widget::script(secret.as_deref().map(Vec::as_slice), request.as_deref())
        }
        Command::Payload { user, secret } => {
            widget::payload(&secret::load(secret)?, user.as_deref())
        }
        Command::ResetScript { nonce } => widget::reset(nonce.as_deref()),
        Command::Webhook { command } => run_webhook(command),
    }
}

fn run_webhook(command: WebhookCommand) -> Result<ExitCode, Failure> {
    let load =
        |secret: cli::WebhookSecretArgs| secret::load_kind(secret.into(), secret::Kind::Webhook);
    match command {
        WebhookCommand::Verify {
            request,
            age,
            json,
            secret,
        } => webhook::verify(&load(secret)?, request, age, json),
        WebhookCommand::Sign {
            timestamp,
            body,
            json,
            secret,
        } => webhook::sign(&load(secret)?, timestamp, body.as_deref(), json),
        WebhookCommand::Diagnose {
            request,
            identity_secret_env,
            json,
            secret,
        } => webhook::diagnose(&load(secret)?, request, identity_secret_env, json),
    }
}
