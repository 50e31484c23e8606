//! Rules about OAuth settings, redirect URIs and security definitions.

mod oauth;

pub mod oauth_redirect_mode_global;
pub mod oauth_redirect_mode_invalid;
pub mod oauth_redirect_url_missing;
pub mod oauth_redirect_url_mode_mismatch;
pub mod secret_committed;
pub mod security_mismatch;
pub mod security_oauth2_url_missing;
pub mod security_requirement_invalid;

pub(super) static RULES: &[&super::Rule] = &[
    &oauth_redirect_mode_global::RULE,
    &oauth_redirect_url_missing::RULE,
    &oauth_redirect_url_mode_mismatch::RULE,
    &oauth_redirect_mode_invalid::RULE,
    &security_mismatch::RULE,
    &security_oauth2_url_missing::RULE,
    &security_requirement_invalid::RULE,
    &secret_committed::RULE,
];
