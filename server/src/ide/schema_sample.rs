//! "Generate schema from sample": infer a Swagger schema from a JSON example.
