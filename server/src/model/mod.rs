//! The connector model: the files of one connector folder, parsed, and range-carrying views of
//! what the rules read (the Swagger 2.0 definition, apiProperties.json, settings.json, and the
//! operationId references that tie them together).

pub mod annotation;
pub mod api_properties;
pub mod connector;
pub mod dynamic;
pub mod fields;
pub mod index;
pub mod references;
pub mod schemas;
pub mod settings;
pub mod source;
pub mod swagger;

pub use connector::Connector;
pub use source::{FileKind, SourceFile};
