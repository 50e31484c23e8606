//! What the connector files may contain: every key and `x-ms-*` extension with where it is allowed, its value kinds and enums, and documentation written for hover.
