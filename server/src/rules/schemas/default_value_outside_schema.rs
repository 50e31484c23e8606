use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::rules::schemas::defaults::{self, Problem};
use crate::text::{excerpt, excerpt_list};

declare_rule! {
    /// ## What it does
    /// Reports a default that its own schema does not allow although its JSON type is right: a
    /// value that is none of the schema's `enum` values, or an object default without a
    /// property the schema `required`s, at any depth of an object or array default.
    ///
    /// ## Why
    /// The designer pre-fills the field with the default: a value its dropdown does not offer,
    /// or an object the API would reject. An empty object default (`{}`) says nothing and is
    /// not reported.
    /// Microsoft's validator compares only JSON types (default-value-type-mismatch), so this
    /// is a warning without a validator code.
    ///
    /// ## Example
    /// ```json
    /// { "name": "mode", "in": "query", "type": "string", "enum": ["fast", "slow"], "default": "medium" }
    /// ```
    ///
    /// ## Fix
    /// Choose a default among the enum values, or add the required properties to it; which
    /// value is meant only the author knows.
    ///
    /// ## Fix safety
    /// No fix is offered.
    RULE {
        id: "default-value-outside-schema",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A default value its own schema does not allow (enum, required properties)",
        reference: Some(links::EXTENSIONS),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    for finding in defaults::findings(swagger, &file.text) {
        let literal = &file.text[tree.range(finding.value).as_usize()];
        let message = match finding.problem {
            Problem::NotInEnum => format!(
                "The default {} is not one of the values its 'enum' allows, so the designer \
                 pre-fills a value it does not offer",
                excerpt(literal)
            ),
            Problem::MissingRequired(names) => format!(
                "The default lacks {}, which its schema requires: it is not a value of its own \
                 schema",
                excerpt_list(names.iter().copied())
            ),
            Problem::WrongType { .. } | Problem::Null { .. } => continue,
        };
        sink.at_value(file.kind, tree, finding.value, message);
    }
}
