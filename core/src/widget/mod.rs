//! The Chatwoot widget on a page: who the user is, signed, in a script nothing can break out of.

mod config;
mod request;
mod script;
mod user;

pub use config::{DarkMode, Position, WidgetConfig, WidgetSettings, WidgetStyle, WidgetType};
pub use request::{WidgetRequest, set_user_payload_from_json, widget_script_from_json};
pub use script::{reset_script, widget_script};
pub use user::{AttributeValue, FiniteNumber, WidgetUser, set_user_payload};

#[cfg(test)]
mod tests;
