//! Rules about apiProperties.json beyond authentication: the brand colour, and the policy
//! templates' references to connection parameters.

pub mod icon_brand_color_invalid;
pub mod policy_connection_parameter_unknown;

pub(super) static RULES: &[&super::Rule] = &[
    &icon_brand_color_invalid::RULE,
    &policy_connection_parameter_unknown::RULE,
];
