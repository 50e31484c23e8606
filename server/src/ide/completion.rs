//! Completion candidates at an offset of a connector file (keys, values, snippets).
