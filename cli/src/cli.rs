//! The command line, as clap sees it.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  export CHATWOOT_HMAC_SECRET=your-secret-token-for-hmac
  chatwoot-identity hash unique-identifier-of-the-user
  chatwoot-identity verify unique-identifier-of-the-user fa803c5e...
  chatwoot-identity diagnose unique-identifier-of-the-user FA803C5E... --json
  chatwoot-identity batch < user_ids.txt > hashes.csv
  chatwoot-identity batch --csv --column email --format jsonl < users.csv
  chatwoot-identity batch --csv --delimiter ';' --column email --keep-columns id --input users.csv
  chatwoot-identity widget --request widget.json > snippet.html
  chatwoot-identity webhook verify --signature sha256=... --timestamp 1767225600 < body.json

The secret is the inbox's HMAC secret (Chatwoot: Settings > Inboxes > Configuration >
Identity validation), never the website token.";

/// Compute, verify and explain Chatwoot identity-validation hashes (identifier_hash).
#[derive(Parser)]
#[command(name = "chatwoot-identity", version, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Print the identifier_hash of each identifier, one per line.
    Hash {
        /// The user identifiers, exactly as passed to window.$chatwoot.setUser.
        #[arg(required = true, value_name = "IDENTIFIER")]
        identifiers: Vec<OsString>,
        #[command(flatten)]
        secret: SecretArgs,
    },
    /// Check a hash as Chatwoot would: prints "verified" (exit 0) or "not verified" (exit 1).
    Verify {
        /// The user identifier.
        identifier: OsString,
        /// The identifier_hash to check.
        hash: OsString,
        #[command(flatten)]
        secret: SecretArgs,
    },
    /// Explain why a hash does not verify (exit 0 when it does, 1 when it does not).
    Diagnose {
        /// The user identifier.
        identifier: OsString,
        /// The identifier_hash that Chatwoot rejects.
        hash: OsString,
        /// Print the diagnosis as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        secret: SecretArgs,
    },
    /// Hash identifiers from stdin (one per line, or a CSV column) into CSV or JSON Lines.
    ///
    /// Streams in bounded memory, uses every core, keeps input order. Bad rows (an empty
    /// identifier, text that is not UTF-8, a stray carriage return, a value longer than
    /// --max-identifier-bytes) are reported on stderr with their line number and skipped (exit 1
    /// at the end), or stop the run with --strict (exit 2). Identifiers with whitespace at either
    /// end are hashed as they are, with a warning (Chatwoot does not trim them either). A
    /// progress bar is shown when stderr is a terminal and stdout is not; a one-line summary
    /// ends every run on stderr.
    Batch {
        /// Read CSV instead of one identifier per line. The first row is the header and names
        /// the columns; quoting follows RFC 4180; a UTF-8 byte order mark is ignored.
        #[arg(long, requires = "column")]
        csv: bool,
        /// With --csv: the header of the column that holds the identifiers (matched exactly).
        #[arg(long, value_name = "NAME", requires = "csv")]
        column: Option<String>,
        /// With --csv: the byte between values, one ASCII character or "tab".
        #[arg(long, value_name = "CHAR", requires = "csv", value_parser = parse_delimiter, default_value = ",")]
        delimiter: u8,
        /// With --csv: other columns to copy into each output row, after the hash, so the
        /// output can be joined back to the input (for example --keep-columns id,name).
        #[arg(long, value_name = "NAMES", requires = "csv", value_delimiter = ',')]
        keep_columns: Vec<String>,
        /// Without --csv: what ends a line.
        #[arg(long, value_enum, default_value_t = LineEnding::Lf, conflicts_with = "csv")]
        line_ending: LineEnding,
        /// Identifiers (and kept values) longer than this are bad rows, never read into memory
        /// whole; at most 1048576.
        #[arg(
            long,
            value_name = "BYTES",
            default_value_t = 64 * 1024,
            value_parser = clap::value_parser!(u32).range(1..=MAX_IDENTIFIER_BYTES_LIMIT)
        )]
        max_identifier_bytes: u32,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Read from this file instead of stdin.
        #[arg(long, value_name = "PATH")]
        input: Option<PathBuf>,
        /// Stop at the first bad row or whitespace warning instead of going on.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        secret: SecretArgs,
    },
    /// Print the widget's <script> snippet for a JSON request read from stdin.
    ///
    /// The request is `{"base_url", "website_token", "settings"?, "user"?, "nonce"?}`, with the
    /// field names of the library's WidgetConfig, WidgetSettings and WidgetUser. The secret is
    /// needed only when the request has a user.
    Widget {
        /// Read the request from this file instead of stdin.
        #[arg(long, value_name = "PATH")]
        request: Option<PathBuf>,
        #[command(flatten)]
        secret: SecretArgs,
    },
    /// Print the JSON a single-page or React Native app passes to setUser, for a JSON user on
    /// stdin (`{"identifier", "name"?, "email"?, ...}`).
    Payload {
        /// Read the user from this file instead of stdin.
        #[arg(long, value_name = "PATH")]
        user: Option<PathBuf>,
        #[command(flatten)]
        secret: SecretArgs,
    },
    /// Print the <script> that logs the user out of the widget (window.$chatwoot.reset()).
    ResetScript {
        /// The page's CSP nonce.
        #[arg(long, value_name = "NONCE")]
        nonce: Option<String>,
    },
    /// Verify, sign or explain Chatwoot's signed webhooks (X-Chatwoot-Signature).
    #[command(after_help = WEBHOOK_EXAMPLES)]
    Webhook {
        #[command(subcommand)]
        command: WebhookCommand,
    },
}

const WEBHOOK_EXAMPLES: &str = "\
Examples:
  export CHATWOOT_WEBHOOK_SECRET=Sx5GdKjW7rvbcaQ8JtUmHn2p
  chatwoot-identity webhook sign --timestamp 1767225600 < body.json
  chatwoot-identity webhook verify --signature sha256=... --timestamp 1767225600 < body.json
  chatwoot-identity webhook verify --header 'X-Chatwoot-Signature: sha256=...' \\
      --header 'X-Chatwoot-Timestamp: 1767225600' --no-age-check --body body.json
  chatwoot-identity webhook diagnose --signature sha256=... --timestamp 1767225600 < body.json

The secret is the webhook's own secret (Chatwoot: the webhook's, agent bot's or API inbox's
secret), not the inbox's identity-validation HMAC secret. The body is read byte for byte:
save it exactly as received, before any JSON parsing.";

#[derive(Subcommand)]
pub enum WebhookCommand {
    /// Check a webhook as a receiver must: prints "verified" (exit 0), or "not verified" with
    /// the error code on stderr (exit 1).
    Verify {
        #[command(flatten)]
        request: WebhookRequest,
        #[command(flatten)]
        age: AgeArgs,
        /// Print the result as JSON: {"verified": true, "timestamp", "age", "delivery_id"}, or
        /// {"verified": false, "error", "message"}.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        secret: WebhookSecretArgs,
    },
    /// Print the headers Chatwoot would send with the body, one "Name: value" per line.
    Sign {
        /// The Unix time in seconds to sign at [default: now].
        #[arg(long, value_name = "SECONDS")]
        timestamp: Option<u64>,
        /// Read the body from this file instead of stdin.
        #[arg(long, value_name = "PATH")]
        body: Option<PathBuf>,
        /// Print the headers as a JSON object.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        secret: WebhookSecretArgs,
    },
    /// Explain why a webhook's signature does not verify (exit 0 when it does, 1 when not).
    ///
    /// Tries the known mistakes (the body signed alone or re-serialized, uppercase hex, the
    /// prefix missing or doubled, a timestamp in milliseconds, a trailing newline on the
    /// secret, and the inbox's identity-validation HMAC secret as the key, read from
    /// CHATWOOT_HMAC_SECRET when it is set, or --identity-secret-env).
    Diagnose {
        #[command(flatten)]
        request: WebhookRequest,
        /// Read the inbox's identity-validation HMAC secret, to try it as the key, from this
        /// environment variable [default: CHATWOOT_HMAC_SECRET, when set].
        #[arg(long, value_name = "NAME")]
        identity_secret_env: Option<OsString>,
        /// Print the diagnosis as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        secret: WebhookSecretArgs,
    },
}

/// What a receiver got: the signed headers and the raw body.
#[derive(Args)]
pub struct WebhookRequest {
    /// The X-Chatwoot-Signature header's value.
    #[arg(
        long,
        value_name = "VALUE",
        conflicts_with = "header",
        allow_hyphen_values = true
    )]
    pub signature: Option<OsString>,
    /// The X-Chatwoot-Timestamp header's value.
    #[arg(
        long,
        value_name = "VALUE",
        conflicts_with = "header",
        allow_hyphen_values = true
    )]
    pub timestamp: Option<OsString>,
    /// A request header as "Name: value" (repeat it; names in any case, other headers ignored),
    /// e.g. pasted from a log.
    #[arg(long, value_name = "LINE", allow_hyphen_values = true)]
    pub header: Vec<OsString>,
    /// Read the body from this file instead of stdin.
    #[arg(long, value_name = "PATH")]
    pub body: Option<PathBuf>,
    /// Bodies longer than this are refused, never read into memory whole.
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
    pub max_body_bytes: u64,
}

/// How old a webhook may be.
#[derive(Args)]
pub struct AgeArgs {
    /// Accept a timestamp at most this many seconds from now, either way.
    #[arg(long, value_name = "SECONDS", default_value_t = chatwoot_identity::DEFAULT_TOLERANCE_SECONDS)]
    pub tolerance: u64,
    /// Check only the signature, not the age: for a stored request. A captured request then
    /// verifies forever.
    #[arg(long, conflicts_with = "tolerance")]
    pub no_age_check: bool,
    /// The Unix time in seconds to check the age against [default: now].
    #[arg(long, value_name = "SECONDS")]
    pub now: Option<u64>,
}

/// The webhook's secret: by default from the environment variable CHATWOOT_WEBHOOK_SECRET.
#[derive(Args)]
pub struct WebhookSecretArgs {
    /// Read the webhook's secret from this environment variable [default:
    /// CHATWOOT_WEBHOOK_SECRET].
    #[arg(long, value_name = "NAME", group = "webhook_secret")]
    pub secret_env: Option<OsString>,
    /// Read the webhook's secret from this file; one trailing newline (LF or CRLF) is removed.
    #[arg(long, value_name = "PATH", group = "webhook_secret")]
    pub secret_file: Option<PathBuf>,
    /// The webhook's secret itself. Discouraged: it leaks into shell history and the process
    /// list.
    #[arg(long, value_name = "VALUE", group = "webhook_secret")]
    pub secret: Option<OsString>,
    /// Use a secret that starts or ends with whitespace, byte for byte.
    #[arg(long)]
    pub allow_whitespace_secret: bool,
}

impl From<WebhookSecretArgs> for SecretArgs {
    fn from(args: WebhookSecretArgs) -> Self {
        SecretArgs {
            source: SecretSource {
                secret_env: args.secret_env,
                secret_file: args.secret_file,
                secret: args.secret,
            },
            allow_whitespace_secret: args.allow_whitespace_secret,
        }
    }
}

/// The largest --max-identifier-bytes: a few rows this long still fit the memory budget.
const MAX_IDENTIFIER_BYTES_LIMIT: i64 = 1024 * 1024;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// `identifier,identifier_hash` with a header row.
    Csv,
    /// One `{"identifier": ..., "identifier_hash": ...}` object per line.
    Jsonl,
}

/// What ends a line of input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LineEnding {
    /// LF or CRLF (Unix, Windows); a lone CR is a bad row.
    Lf,
    /// CR or CRLF (classic Mac OS); a lone LF is a bad row.
    Cr,
}

/// The CSV delimiter: one ASCII character other than a quote or a line end, or "tab".
fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text.as_bytes() {
        b"tab" | b"\\t" => Ok(b'\t'),
        [byte] if byte.is_ascii() && !matches!(byte, b'"' | b'\n' | b'\r') => Ok(*byte),
        _ => {
            Err("expected one ASCII character other than a quote or a line end, or \"tab\"".into())
        }
    }
}

/// The secret, and how strict to be about it.
#[derive(Args)]
pub struct SecretArgs {
    #[command(flatten)]
    pub source: SecretSource,
    /// Use a secret that starts or ends with whitespace, byte for byte. Chatwoot's secrets never
    /// do, so it is refused by default: it is almost always a newline or space picked up on the
    /// way.
    #[arg(long)]
    pub allow_whitespace_secret: bool,
}

/// Where the secret comes from. By default: the environment variable CHATWOOT_HMAC_SECRET.
#[derive(Args)]
#[group(multiple = false)]
pub struct SecretSource {
    /// Read the secret from this environment variable [default: CHATWOOT_HMAC_SECRET].
    #[arg(long, value_name = "NAME")]
    pub secret_env: Option<OsString>,
    /// Read the secret from this file; one trailing newline (LF or CRLF) is removed.
    #[arg(long, value_name = "PATH")]
    pub secret_file: Option<PathBuf>,
    /// The secret itself. Discouraged: it leaks into shell history and the process list.
    #[arg(long, value_name = "VALUE")]
    pub secret: Option<OsString>,
}
