//! [`WidgetConfig`]: where the Chatwoot installation is and how the widget looks.

use serde::{Deserialize, Serialize};

use crate::{Error, Signer};

/// The inbox's widget: the installation's address, the website token, and optionally the HMAC
/// secret (needed to sign a user) and `window.chatwootSettings`.
#[derive(Clone, Debug)]
pub struct WidgetConfig {
    base_url: String,
    website_token: String,
    pub(crate) signer: Option<Signer>,
    /// The widget's appearance and behaviour (`window.chatwootSettings`).
    pub settings: WidgetSettings,
    /// Explain a rejected identity in the browser console (development only).
    pub debug: bool,
}

impl WidgetConfig {
    /// Validates `base_url` (an absolute http(s) URL without credentials, query or fragment;
    /// a trailing `/` is dropped) and `website_token` (8 to 128 letters and digits).
    ///
    /// # Errors
    /// [`Error::InvalidBaseUrl`] or [`Error::InvalidWebsiteToken`].
    pub fn new(base_url: &str, website_token: &str) -> Result<Self, Error> {
        Ok(WidgetConfig {
            base_url: checked_base_url(base_url)?,
            website_token: checked_website_token(website_token)?,
            signer: None,
            settings: WidgetSettings::default(),
            debug: false,
        })
    }

    /// Adds the inbox's HMAC secret, so a logged-in user can be signed.
    pub fn with_signer(mut self, signer: Signer) -> Self {
        self.signer = Some(signer);
        self
    }

    /// Sets `window.chatwootSettings`.
    pub fn with_settings(mut self, settings: WidgetSettings) -> Self {
        self.settings = settings;
        self
    }

    /// With `true`, a rejected identity is explained in the browser console: the identifier,
    /// the likely causes and the `chatwoot-identity diagnose` command to run on the server. The
    /// secret is never on the page, so it is never in the message. Off by default; turn it on
    /// in development only.
    pub fn with_debug(mut self, debug: bool) -> Self {
        self.debug = debug;
        self
    }

    /// The normalised base URL, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The website token.
    pub fn website_token(&self) -> &str {
        &self.website_token
    }
}

fn checked_base_url(text: &str) -> Result<String, Error> {
    let invalid = |reason| Error::InvalidBaseUrl { reason };
    let url = url::Url::parse(text).map_err(|_| invalid("not an absolute URL"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("the scheme must be http or https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("it has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("it must not carry credentials"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("it must not have a query or fragment"));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

fn checked_website_token(token: &str) -> Result<String, Error> {
    let shaped =
        (8..=128).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_alphanumeric());
    if !shaped {
        return Err(Error::InvalidWebsiteToken);
    }
    Ok(token.to_owned())
}

/// Where the launcher sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// Bottom left.
    Left,
    /// Bottom right (Chatwoot's default).
    Right,
}

/// The launcher's look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WidgetType {
    /// A round bubble (Chatwoot's default).
    Standard,
    /// A bubble with the launcher title beside it.
    ExpandedBubble,
}

/// Colour scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DarkMode {
    /// Always light (Chatwoot's default).
    Light,
    /// Follow the visitor's system setting.
    Auto,
    /// Always dark.
    Dark,
}

/// The chat window's design.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WidgetStyle {
    /// Rounded, with a shadow (Chatwoot's default).
    Standard,
    /// Flat, square corners.
    Flat,
}

/// `window.chatwootSettings`, as Chatwoot's widget documents it; unset fields are left out so
/// the widget's own defaults apply.
///
/// Serialized in the widget's camelCase names; read in snake_case or camelCase, so each host
/// passes its own casing. The launcher's look is `type`, as in Chatwoot's settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, remote = "Self")]
#[non_exhaustive]
pub struct WidgetSettings {
    /// Interface language, e.g. `"en"`, `"pt_BR"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Pick the language from the visitor's browser.
    #[serde(
        rename(serialize = "useBrowserLanguage"),
        alias = "useBrowserLanguage",
        skip_serializing_if = "Option::is_none"
    )]
    pub use_browser_language: Option<bool>,
    /// Launcher position.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// Launcher look (`type` in Chatwoot's settings).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub widget_type: Option<WidgetType>,
    /// Text of the expanded bubble.
    #[serde(
        rename(serialize = "launcherTitle"),
        alias = "launcherTitle",
        skip_serializing_if = "Option::is_none"
    )]
    pub launcher_title: Option<String>,
    /// Hide the launcher (open the widget from your own button with `$chatwoot.toggle()`).
    #[serde(
        rename(serialize = "hideMessageBubble"),
        alias = "hideMessageBubble",
        skip_serializing_if = "Option::is_none"
    )]
    pub hide_message_bubble: Option<bool>,
    /// Show unread messages in a dialog.
    #[serde(
        rename(serialize = "showUnreadMessagesDialog"),
        alias = "showUnreadMessagesDialog",
        skip_serializing_if = "Option::is_none"
    )]
    pub show_unread_messages_dialog: Option<bool>,
    /// Show the button that opens the chat in a new window.
    #[serde(
        rename(serialize = "showPopoutButton"),
        alias = "showPopoutButton",
        skip_serializing_if = "Option::is_none"
    )]
    pub show_popout_button: Option<bool>,
    /// Colour scheme.
    #[serde(
        rename(serialize = "darkMode"),
        alias = "darkMode",
        skip_serializing_if = "Option::is_none"
    )]
    pub dark_mode: Option<DarkMode>,
    /// Share the conversation cookie across subdomains of this domain.
    #[serde(
        rename(serialize = "baseDomain"),
        alias = "baseDomain",
        skip_serializing_if = "Option::is_none"
    )]
    pub base_domain: Option<String>,
    /// The chat window's design.
    #[serde(
        rename(serialize = "widgetStyle"),
        alias = "widgetStyle",
        skip_serializing_if = "Option::is_none"
    )]
    pub widget_style: Option<WidgetStyle>,
    /// Heading of the chat window (replaces the inbox's own).
    #[serde(
        rename(serialize = "welcomeTitle"),
        alias = "welcomeTitle",
        skip_serializing_if = "Option::is_none"
    )]
    pub welcome_title: Option<String>,
    /// Text under the heading.
    #[serde(
        rename(serialize = "welcomeDescription"),
        alias = "welcomeDescription",
        skip_serializing_if = "Option::is_none"
    )]
    pub welcome_description: Option<String>,
    /// Shown while agents are online.
    #[serde(
        rename(serialize = "availableMessage"),
        alias = "availableMessage",
        skip_serializing_if = "Option::is_none"
    )]
    pub available_message: Option<String>,
    /// Shown while no agent is online.
    #[serde(
        rename(serialize = "unavailableMessage"),
        alias = "unavailableMessage",
        skip_serializing_if = "Option::is_none"
    )]
    pub unavailable_message: Option<String>,
    /// Let visitors attach files.
    #[serde(
        rename(serialize = "enableFileUpload"),
        alias = "enableFileUpload",
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_file_upload: Option<bool>,
    /// Show the emoji picker.
    #[serde(
        rename(serialize = "enableEmojiPicker"),
        alias = "enableEmojiPicker",
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_emoji_picker: Option<bool>,
    /// Let visitors end the conversation.
    #[serde(
        rename(serialize = "enableEndConversation"),
        alias = "enableEndConversation",
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_end_conversation: Option<bool>,
}

crate::input::maps_only!(WidgetSettings, serialize);

impl WidgetSettings {
    /// Whether every field is unset (then `window.chatwootSettings` is not written at all).
    pub fn is_empty(&self) -> bool {
        *self == WidgetSettings::default()
    }
}
