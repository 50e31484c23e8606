//! Definitions, references and renames: `$ref` targets and operationIds across the connector files.
