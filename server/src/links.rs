//! Links to the official documentation that hover docs and rules cite, kept in one place so
//! that a page that moves is fixed once.

/// A page of Microsoft's custom connector documentation.
macro_rules! learn {
    ($page:literal) => {
        concat!(
            "https://learn.microsoft.com/en-us/connectors/custom-connectors/",
            $page
        )
    };
}
pub(crate) use learn;

pub const EXTENSIONS: &str = learn!("openapi-extensions");
pub const VERSIONING: &str = learn!("operational-versioning");
pub const DYNAMIC_VALUES: &str = learn!("openapi-extensions#use-dynamic-values");
pub const DYNAMIC_SCHEMA: &str = learn!("openapi-extensions#use-dynamic-schema");
pub const PACONN: &str = learn!("paconn-cli");
pub const CERTIFICATION: &str = learn!("certification-submission");
pub const VALIDATOR_RULES: &str = learn!("certification-swagger-validator-rules");
pub const CODING_STANDARDS: &str = learn!("coding-standards");
pub const STRING_GUIDANCE: &str = learn!("connector-string-guidance");
pub const WRITE_CODE: &str = learn!("write-code");
pub const CONNECTION_PARAMETERS: &str = learn!("connection-parameters");
pub const POLICIES: &str = learn!("policy-templates");
pub const MULTI_AUTH: &str = learn!("multi-auth");
pub const AI_PLUGIN: &str =
    "https://learn.microsoft.com/en-us/connectors/create-a-connector-ai-plugin";

/// The connectors repository's readme template, whose sections certification asks for.
pub const README_TEMPLATE: &str = "https://github.com/microsoft/PowerPlatformConnectors/blob/dev/templates/certified-connectors/readme.md";

/// RFC 8259, The JavaScript Object Notation (JSON) Data Interchange Format.
pub const JSON_RFC: &str = "https://www.rfc-editor.org/rfc/rfc8259";
pub const JSON_RFC_OBJECTS: &str = "https://www.rfc-editor.org/rfc/rfc8259#section-4";
pub const JSON_RFC_ENCODING: &str = "https://www.rfc-editor.org/rfc/rfc8259#section-8.1";
