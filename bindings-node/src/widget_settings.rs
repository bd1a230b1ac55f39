//! `settings` (`window.chatwootSettings`) in the widget's own camelCase names, as the core's
//! `WidgetSettings`. The enumerated values are parsed by the core, which names the allowed ones.

use chatwoot_identity::{DarkMode, Position, WidgetSettings, WidgetType};
use napi::sys;

use crate::errors;
use crate::js_fields::Fields;

const SETTINGS_FIELDS: &[&str] = &[
    "locale",
    "useBrowserLanguage",
    "position",
    "type",
    "launcherTitle",
    "hideMessageBubble",
    "showUnreadMessagesDialog",
    "showPopoutButton",
    "darkMode",
    "baseDomain",
];

/// Reads `value` as the widget's settings.
///
/// # Safety
/// `env` and `value` must come from the current napi call.
pub(crate) unsafe fn read(
    env: sys::napi_env,
    value: sys::napi_value,
) -> napi::Result<WidgetSettings> {
    // SAFETY: forwarded from the caller.
    let fields = unsafe { Fields::read(env, value, "settings", SETTINGS_FIELDS)? };
    let core_error = |e: chatwoot_identity::Error| errors::from_core(env, &e);
    let mut settings = WidgetSettings::default();
    settings.locale = fields.text("locale")?;
    settings.use_browser_language = fields.flag("useBrowserLanguage")?;
    settings.position = fields
        .text("position")?
        .map(|p| p.parse::<Position>())
        .transpose()
        .map_err(core_error)?;
    settings.widget_type = fields
        .text("type")?
        .map(|t| t.parse::<WidgetType>())
        .transpose()
        .map_err(core_error)?;
    settings.launcher_title = fields.text("launcherTitle")?;
    settings.hide_message_bubble = fields.flag("hideMessageBubble")?;
    settings.show_unread_messages_dialog = fields.flag("showUnreadMessagesDialog")?;
    settings.show_popout_button = fields.flag("showPopoutButton")?;
    settings.dark_mode = fields
        .text("darkMode")?
        .map(|d| d.parse::<DarkMode>())
        .transpose()
        .map_err(core_error)?;
    settings.base_domain = fields.text("baseDomain")?;
    Ok(settings)
}
