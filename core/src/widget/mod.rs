//! The Chatwoot widget on a page: who the user is, signed, in a script nothing can break out of.

mod config;
mod inject;
mod page;
mod request;
mod script;
mod user;

pub use config::{DarkMode, Position, WidgetConfig, WidgetSettings, WidgetStyle, WidgetType};
pub use inject::insert_widget;
pub use page::{
    PageCheck, PageProblem, PageProblemCode, PageUser, PageWidget, check_page_anonymous,
    check_page_identity, check_payload_identity, read_page,
};
pub use request::{WidgetRequest, set_user_payload_from_json, widget_script_from_json};
pub use script::{loader_config, reset_script, widget_script};
pub use user::{
    AttributeValue, FiniteNumber, UserPayload, WidgetUser, set_user_payload, user_payload,
};

#[cfg(test)]
mod tests;
