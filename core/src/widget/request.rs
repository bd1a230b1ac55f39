//! [`WidgetRequest`]: everything one widget snippet needs, as one structured input.
//!
//! Hosts fill it from their own values with [`crate::from_host`] (or from JSON text with the
//! `_from_json` functions here); the HMAC secret always travels apart, as bytes or a prepared
//! [`Signer`], so it never sits in a structure that can be printed or serialized.

use serde::Deserialize;

use super::{
    WidgetConfig, WidgetSettings, WidgetUser, loader_config, set_user_payload, widget_script,
};
use crate::{Error, Signer, input};

/// `{base_url, website_token, settings?, user?, nonce?, debug?}` (camelCase keys are read too).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, remote = "Self")]
#[non_exhaustive]
pub struct WidgetRequest {
    /// The Chatwoot installation, e.g. `https://app.chatwoot.com`.
    #[serde(alias = "baseUrl")]
    pub base_url: String,
    /// The inbox's website token.
    #[serde(alias = "websiteToken")]
    pub website_token: String,
    /// `window.chatwootSettings`.
    #[serde(default, deserialize_with = "super::user::null_as_default")]
    pub settings: WidgetSettings,
    /// The logged-in user, if any.
    #[serde(default)]
    pub user: Option<WidgetUser>,
    /// The request's CSP nonce, if the page's policy uses one.
    #[serde(default)]
    pub nonce: Option<String>,
    /// Explain a rejected identity in the browser console (development only).
    #[serde(default)]
    pub debug: bool,
}

crate::input::maps_only!(WidgetRequest);

impl WidgetRequest {
    /// The snippet for this request; `signer` is needed only when it has a user.
    ///
    /// # Errors
    /// Those of [`WidgetConfig::new`] and [`widget_script`].
    pub fn widget_script(&self, signer: Option<&Signer>) -> Result<String, Error> {
        widget_script(
            &self.config(signer)?,
            self.user.as_ref(),
            self.nonce.as_deref(),
        )
    }

    /// The JSON document the snippet's loader reads for this request, without the script
    /// element (see [`loader_config`]); `signer` is needed only when it has a user.
    ///
    /// # Errors
    /// Those of [`WidgetConfig::new`] and [`loader_config`].
    pub fn loader_config(&self, signer: Option<&Signer>) -> Result<String, Error> {
        loader_config(
            &self.config(signer)?,
            self.user.as_ref(),
            self.nonce.as_deref(),
        )
    }

    fn config(&self, signer: Option<&Signer>) -> Result<WidgetConfig, Error> {
        let mut config = WidgetConfig::new(&self.base_url, &self.website_token)?
            .with_settings(self.settings.clone())
            .with_debug(self.debug);
        if let Some(signer) = signer {
            config = config.with_signer(signer.clone());
        }
        Ok(config)
    }
}

/// [`widget_script`] from a JSON [`WidgetRequest`]. `secret` is needed only when the request
/// has a user.
///
/// # Errors
/// [`Error::InvalidWidgetRequest`] naming the path of a part of another shape, then those of
/// [`Signer::new`] and [`WidgetRequest::widget_script`].
pub fn widget_script_from_json(secret: Option<&[u8]>, request: &str) -> Result<String, Error> {
    let request: WidgetRequest = input::from_json("", request)?;
    let signer = secret.map(Signer::new).transpose()?;
    request.widget_script(signer.as_ref())
}

/// [`set_user_payload`] from a JSON [`WidgetUser`].
///
/// # Errors
/// [`Error::InvalidWidgetRequest`] (paths start at `user`), then those of [`Signer::new`] and
/// [`set_user_payload`].
pub fn set_user_payload_from_json(secret: &[u8], user: &str) -> Result<String, Error> {
    let signer = Signer::new(secret)?;
    set_user_payload(&signer, &input::from_json("user", user)?)
}
