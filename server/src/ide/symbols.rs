//! Document symbols (paths, operations, definitions, connection parameters) and folding ranges.
