//! Rules about apiProperties.json beyond authentication: what certification asks of its
//! metadata (brand colour and the icon it frames, publisher, capabilities), the connection
//! dialog, and the policy templates' references to connection parameters.

pub mod capabilities_invalid;
pub mod connection_parameter_constraint_invalid;
pub mod connection_parameter_ui_incomplete;
pub mod icon_brand_color_invalid;
pub mod icon_invalid;
pub mod policy_connection_parameter_unknown;
pub mod policy_template_parameter_invalid;
pub mod publisher_missing;

pub(super) static RULES: &[&super::Rule] = &[
    &icon_brand_color_invalid::RULE,
    &icon_invalid::RULE,
    &publisher_missing::RULE,
    &capabilities_invalid::RULE,
    &connection_parameter_ui_incomplete::RULE,
    &connection_parameter_constraint_invalid::RULE,
    &policy_connection_parameter_unknown::RULE,
    &policy_template_parameter_invalid::RULE,
];
