use std::collections::HashMap;

use crate::diagnostic::Fix;
use crate::edit::json::remove_member;
use crate::links;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a key that appears more than once in the same JSON object. The diagnostic sits
    /// on the earlier occurrence, which every JSON parser silently ignores, and points to the
    /// one that wins.
    ///
    /// ## Why
    /// JSON consumers keep the last value, so an earlier `operationId`, `description` or
    /// `x-ms-summary` is lost without a word. A certified connector in the public repository
    /// hides a second operationId this way.
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "GetItem", "summary": "Get item", "operationId": "GetItemV2" }
    /// ```
    ///
    /// ## Fix
    /// Delete the ignored member.
    ///
    /// ## Fix safety
    /// Unsafe. Deleting the ignored member does not change what Power Platform reads (it keeps the
    /// last value), but it deletes text a person wrote, and the earlier value may be the one they
    /// meant to keep: someone has to choose.
    RULE {
        id: "json-duplicate-key",
        severity: Warning,
        file: None,
        summary: "A key appears twice in one JSON object",
        reference: Some(links::JSON_RFC_OBJECTS),
        check: check,
    }
}

/// Objects with at most this many members are checked without a hash map.
const SMALL: usize = 32;

fn check(ctx: &Context, sink: &mut Sink) {
    for file in &ctx.connector.files {
        let Some(tree) = file.tree() else { continue };
        for object in tree.ids() {
            let members = tree.members(object);
            if members.len() < 2 {
                continue;
            }
            // The member that wins for each key is the last one with that key. Most objects
            // are small: compare their keys pairwise rather than hash them.
            let last_index: Option<HashMap<&str, usize>> = (members.len() > SMALL).then(|| {
                members
                    .iter()
                    .enumerate()
                    .map(|(index, member)| (&*member.key, index))
                    .collect()
            });
            for (index, member) in members.iter().enumerate() {
                let winner = match &last_index {
                    Some(last_index) => last_index[&*member.key],
                    None => {
                        let later = members[index + 1..]
                            .iter()
                            .rposition(|other| other.key == member.key);
                        later.map_or(index, |at| index + 1 + at)
                    }
                };
                if winner == index {
                    continue;
                }
                let message = format!(
                    "Duplicate key '{}' in this object; the later value wins and this one is ignored",
                    excerpt(&member.key)
                );
                let range = member.key_range;
                let pointer = tree.pointer(member.value);
                sink.report(file.kind, range, pointer, message)
                    .with_related(
                        file.kind,
                        members[winner].key_range,
                        "the value that is used",
                    )
                    .with_fix(Fix::unsafe_(
                        format!("Remove this '{}'", excerpt(&member.key)),
                        vec![remove_member(file.kind, tree, object, index)],
                    ));
            }
        }
    }
}
