//! Bringing a parse up to date after an edit: in place when the edit leaves the tokens as they
//! were, else by parsing again only the smallest object or array around it, when that gives
//! exactly what a full parse would.

use super::*;

/// How an edit that replaced `removed` at `start` moves the text after it.
#[derive(Clone, Copy)]
struct Shift {
    start: u32,
    old_end: u32,
    delta: i64,
}

impl Shift {
    fn new(start: u32, removed: &str, inserted: &str) -> Shift {
        Shift {
            start,
            old_end: start + removed.len() as u32,
            delta: inserted.len() as i64 - removed.len() as i64,
        }
    }

    fn offset(self, offset: u32) -> u32 {
        (i64::from(offset) + self.delta) as u32
    }

    /// A range that starts at or after the edit moves; a range that ends after it grows or
    /// shrinks (a token ending exactly where text is inserted stays as it is).
    fn range(self, range: TextRange) -> TextRange {
        TextRange::new(
            if range.start >= self.old_end {
                self.offset(range.start)
            } else {
                range.start
            },
            if range.end > self.start && range.end >= self.old_end {
                self.offset(range.end)
            } else {
                range.end
            },
        )
    }
}

/// Where an edit falls in a tree.
enum EditPlace {
    /// Between tokens (or before or after the root value).
    Between,
    /// Inside the quotes of a string value.
    String(NodeId),
    /// Inside the quotes of member `.1` of object `.0`.
    Key(NodeId, usize),
}

impl Parsed {
    /// Update the parse for an edit that replaced `removed` at byte `start` by `inserted`
    /// (`text` is the whole text after the edit) without parsing the whole text again: in
    /// place when the edit leaves the tokens as they were, else by parsing again only the
    /// smallest object or array around the edit. Returns false, leaving the parse untouched,
    /// when neither gives what a full parse would: parse it all again.
    pub fn edit(&mut self, text: &str, start: u32, removed: &str, inserted: &str) -> bool {
        self.tree.member_index = MemberIndex::default();
        if self.edit_in_place(text, start, removed, inserted) {
            return true;
        }
        if !self.reparse_container(text, start, removed, inserted) {
            return false;
        }
        // Unbalanced brackets make `parse` weigh a second reading of the whole text, which a
        // part parsed again cannot tell: take the full parse. Balanced, nothing is uncertain.
        if self.errors.iter().any(|e| e.kind.is_structural()) {
            *self = parse(text);
        } else {
            self.uncertain.clear();
        }
        true
    }

    /// The edit of [`Parsed::edit`] when it leaves the tokens as they were, in a text without
    /// syntax errors: a change inside one string or key that adds or removes no quote,
    /// backslash or control character, or whitespace added or removed between tokens. Every
    /// range after the edit moves; the one string changes.
    fn edit_in_place(&mut self, text: &str, start: u32, removed: &str, inserted: &str) -> bool {
        let Some(root) = self.tree.root else {
            return false;
        };
        // At the very start, text could be inserted before a byte order mark.
        if !self.errors.is_empty() || start == 0 {
            return false;
        }
        let shift = Shift::new(start, removed, inserted);
        let Some(place) = self.edit_place(root, start, shift.old_end) else {
            return false;
        };
        let whitespace = |s: &str| s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
        let plain = |s: &str| !s.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20);
        let fits = match place {
            EditPlace::Between => whitespace(removed) && whitespace(inserted),
            EditPlace::String(_) | EditPlace::Key(..) => plain(removed) && plain(inserted),
        };
        if !fits {
            return false;
        }
        // The new content of the edited string, which must still need no unescaping.
        let content = |range: TextRange| {
            let range = shift.range(range);
            text.get(range.start as usize + 1..(range.end as usize).saturating_sub(1))
                .filter(|content| !content.contains('\\'))
                .map(Box::<str>::from)
        };
        let new_string = match place {
            EditPlace::Between => None,
            EditPlace::String(node) => match content(self.tree.range(node)) {
                Some(value) => Some(value),
                None => return false,
            },
            EditPlace::Key(object, index) => {
                match content(self.tree.members(object)[index].key_range) {
                    Some(value) => Some(value),
                    None => return false,
                }
            }
        };
        for node in &mut self.tree.nodes {
            node.remap(|range| shift.range(range), |id| id);
        }
        match (place, new_string) {
            (EditPlace::String(node), Some(value)) => {
                self.tree.nodes[node as usize].kind = NodeKind::String(value);
            }
            (EditPlace::Key(object, index), Some(value)) => {
                if let NodeKind::Object(members) = &mut self.tree.nodes[object as usize].kind {
                    members[index].key = value;
                }
            }
            _ => {}
        }
        true
    }

    /// The edit of [`Parsed::edit`] by parsing again the smallest object or array that holds
    /// the edit strictly inside its brackets and was closed by its own bracket. Its new text
    /// is parsed alone, at its depth; when that parse closes it with its own bracket at its
    /// end, without recovery reaching past it, it is exactly what a full parse would make of
    /// it, and the rest of the tree only moves. Syntax errors inside it are replaced, those
    /// around it move.
    fn reparse_container(&mut self, text: &str, start: u32, removed: &str, inserted: &str) -> bool {
        let shift = Shift::new(start, removed, inserted);
        let Some((container, depth)) = self.enclosing_container(start, shift.old_end) else {
            return false;
        };
        let old = self.tree.range(container);
        let new_end = shift.offset(old.end);
        let Some(slice) = text.get(old.start as usize..new_end as usize) else {
            return false;
        };
        let Some(sub) = Parser::new(slice).at_depth(depth).run_container() else {
            return false;
        };
        let at_container =
            |range: TextRange| TextRange::new(range.start + old.start, range.end + old.start);

        // The container's subtree is the run of ids from it to its last descendant.
        let first = container;
        let mut last = container;
        while let Some(&child) = match self.tree.kind(last) {
            NodeKind::Object(members) => members.last().map(|m| &m.value),
            NodeKind::Array(items) => items.last(),
            _ => None,
        } {
            last = child;
        }
        let old_count = last - first + 1;
        let new_count = sub.tree.nodes.len() as u32;
        let renumber = |id: NodeId| {
            if id > last {
                id - old_count + new_count
            } else {
                id
            }
        };
        let mut new_nodes = sub.tree.nodes;
        for node in &mut new_nodes {
            node.remap(at_container, |id| id + first);
        }
        let old_container = &self.tree.nodes[container as usize];
        (new_nodes[0].parent, new_nodes[0].slot) = (old_container.parent, old_container.slot);
        let outer = |mut node: Node| {
            node.remap(|range| shift.range(range), renumber);
            node
        };
        let mut old_nodes = std::mem::take(&mut self.tree.nodes).into_iter();
        let mut nodes = Vec::with_capacity(old_nodes.len() - old_count as usize + new_nodes.len());
        nodes.extend(old_nodes.by_ref().take(first as usize).map(outer));
        nodes.extend(new_nodes);
        nodes.extend(old_nodes.skip(old_count as usize).map(outer));
        self.tree.nodes = nodes;

        // Errors come in the order they were found: those before the container, its own,
        // then those after it. An error at its opening bracket is about what came before.
        let inside = |range: TextRange| old.start < range.start && range.start < old.end;
        let old_errors = std::mem::take(&mut self.errors);
        let before = old_errors
            .iter()
            .take_while(|e| !inside(e.range) && e.range.start < old.end)
            .count();
        let mut errors = Vec::with_capacity(old_errors.len() + sub.errors.len());
        let mut old_errors = old_errors.into_iter();
        errors.extend(old_errors.by_ref().take(before));
        errors.extend(sub.errors.into_iter().map(|mut error| {
            error.range = at_container(error.range);
            error
        }));
        errors.extend(old_errors.filter(|e| !inside(e.range)).map(|mut error| {
            error.range = shift.range(error.range);
            error
        }));
        self.errors = errors;
        true
    }

    /// The innermost container, other than the root, that holds `start..old_end` strictly
    /// inside its brackets and was closed by its own bracket, with its depth.
    fn enclosing_container(&self, start: u32, old_end: u32) -> Option<(NodeId, usize)> {
        let tree = &self.tree;
        let strictly_inside = |range: TextRange| range.start < start && old_end < range.end;
        let mut node = tree.root?;
        let mut depth = 0;
        let mut found = None;
        loop {
            let next = match tree.kind(node) {
                NodeKind::Object(members) => {
                    let at = members.partition_point(|m| m.key_range.start < start);
                    members[..at].last().map(|m| m.value)
                }
                NodeKind::Array(items) => {
                    let at = items.partition_point(|&item| tree.range(item).start < start);
                    items[..at].last().copied()
                }
                _ => None,
            };
            let Some(next) = next.filter(|&n| strictly_inside(tree.range(n))) else {
                return found;
            };
            depth += 1;
            if tree.nodes[next as usize].closing == Closing::OwnBracket {
                found = Some((next, depth));
            }
            node = next;
        }
    }

    /// The place of an edit of `start..old_end`; `None` inside a number or literal.
    fn edit_place(&self, root: NodeId, start: u32, old_end: u32) -> Option<EditPlace> {
        let tree = &self.tree;
        let strictly_inside = |range: TextRange| range.start < start && old_end < range.end;
        if !strictly_inside(tree.range(root)) {
            return Some(EditPlace::Between);
        }
        let mut node = root;
        loop {
            // Children are in document order: the only candidate is the last one starting
            // before the edit.
            let next = match tree.kind(node) {
                NodeKind::Object(members) => {
                    let at = members.partition_point(|m| m.key_range.start < start);
                    let Some(index) = at.checked_sub(1) else {
                        return Some(EditPlace::Between);
                    };
                    let member = &members[index];
                    if strictly_inside(member.key_range) {
                        return Some(EditPlace::Key(node, index));
                    }
                    member.value
                }
                NodeKind::Array(items) => {
                    let at = items.partition_point(|&item| tree.range(item).start < start);
                    let Some(index) = at.checked_sub(1) else {
                        return Some(EditPlace::Between);
                    };
                    items[index]
                }
                NodeKind::String(_) => return Some(EditPlace::String(node)),
                _ => return None,
            };
            if !strictly_inside(tree.range(next)) {
                return Some(EditPlace::Between);
            }
            node = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Edits inside a string or key, or of whitespace between tokens, are made in place at
    /// any depth, arrays included, without parsing a container again.
    #[test]
    fn edits_that_keep_the_tokens_are_made_in_place() {
        let text = "{\"list\": [\"abc\", [\"def\"]], \"key\": {\"k\": 1}}";
        for (find, removed, inserted) in [
            ("bc", "b", "x"),
            ("ef", "e", "xy"),
            (" [\"d", " ", "  "),
            ("ey", "e", ""),
            ("k\":", "k", "kk"),
        ] {
            let at = text.find(find).unwrap();
            let after = format!("{}{inserted}{}", &text[..at], &text[at + removed.len()..]);
            let mut parsed = parse(text);
            assert!(
                parsed.edit_in_place(&after, at as u32, removed, inserted),
                "{after}"
            );
            assert!(parsed == parse(&after), "{after}");
        }
    }
}
