//! Rules about custom code (script.csx): the platform's contract for it (a `Script` class
//! deriving from `ScriptBase` that overrides `ExecuteAsync`, at most 1 MB), the namespaces it
//! may import, and what risks its 5-second limit.

pub mod script_contract;
pub mod script_http_client;
pub mod script_namespace_unsupported;
pub mod script_time_limit_risk;

pub(super) static RULES: &[&super::Rule] = &[
    &script_contract::RULE,
    &script_namespace_unsupported::RULE,
    &script_http_client::RULE,
    &script_time_limit_risk::RULE,
];
