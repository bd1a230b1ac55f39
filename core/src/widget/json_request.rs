//! The widget functions with JSON in and out, for bindings that would rather pass one document
//! than many arguments (the C ABI).

use serde::Deserialize;

use super::{WidgetConfig, WidgetSettings, WidgetUser, set_user_payload, widget_script};
use crate::{Error, Signer};

/// `{"base_url", "website_token", "settings"?, "user"?, "nonce"?}`, the field names and
/// shapes of [`WidgetConfig`], [`WidgetSettings`] and [`WidgetUser`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WidgetRequest {
    base_url: String,
    website_token: String,
    #[serde(default)]
    settings: WidgetSettings,
    user: Option<WidgetUser>,
    nonce: Option<String>,
}

fn parse<'a, T: Deserialize<'a>>(json: &'a str) -> Result<T, Error> {
    serde_json::from_str(json).map_err(|err| Error::InvalidWidgetJson {
        detail: err.to_string(),
    })
}

/// [`widget_script`] from a JSON request. `secret` is needed only when the request has a user.
///
/// # Errors
/// [`Error::InvalidWidgetJson`] for a document of another shape, then those of
/// [`WidgetConfig::new`], [`Signer::new`] and [`widget_script`].
pub fn widget_script_from_json(secret: Option<&[u8]>, request: &str) -> Result<String, Error> {
    let request: WidgetRequest = parse(request)?;
    let mut config = WidgetConfig::new(&request.base_url, &request.website_token)?
        .with_settings(request.settings);
    if let Some(secret) = secret {
        config = config.with_signer(Signer::new(secret)?);
    }
    widget_script(&config, request.user.as_ref(), request.nonce.as_deref())
}

/// [`set_user_payload`] from a JSON user (the shape of [`WidgetUser`]).
///
/// # Errors
/// [`Error::InvalidWidgetJson`], then those of [`Signer::new`] and [`set_user_payload`].
pub fn set_user_payload_from_json(secret: &[u8], user: &str) -> Result<String, Error> {
    let signer = Signer::new(secret)?;
    set_user_payload(&signer, &parse(user)?)
}
