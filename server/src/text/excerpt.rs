//! Quoting user text in messages: a key, value or path of any length is shown as a bounded
//! excerpt, so that the size of a finding does not grow with the text it is about (a path of
//! 100,000 characters, reported once per problem in it, would make the output quadratic).

use std::borrow::Cow;

/// The most characters of user text a message quotes: more than any path or operationId of
/// the 764 published connectors but 3 (the longest has 212).
pub const EXCERPT_CHARS: usize = 200;
/// Of those, how many come from the end of a cut text (the rest from its start).
const TAIL_CHARS: usize = 40;

/// `text` whole when it has at most [`EXCERPT_CHARS`] characters, else its start and its end
/// around `…` ([`EXCERPT_CHARS`] characters in all). The cost is bounded too: only the
/// characters shown are looked at.
pub fn excerpt(text: &str) -> Cow<'_, str> {
    if text.len() <= EXCERPT_CHARS || text.char_indices().nth(EXCERPT_CHARS).is_none() {
        return Cow::Borrowed(text);
    }
    let head_end = text
        .char_indices()
        .nth(EXCERPT_CHARS - TAIL_CHARS - 1)
        .map_or(text.len(), |(at, _)| at);
    let tail_start = text
        .char_indices()
        .rev()
        .nth(TAIL_CHARS - 1)
        .map_or(0, |(at, _)| at);
    Cow::Owned(format!("{}…{}", &text[..head_end], &text[tail_start..]))
}

/// How many items of a list of user text a message shows.
pub const LISTED_ITEMS: usize = 5;

/// The first [`LISTED_ITEMS`] of `items` as excerpts, separated by `, `, and how many more
/// there are: `a, b, c, d, e and 7 more`.
pub fn excerpt_list<'a>(items: impl ExactSizeIterator<Item = &'a str>) -> String {
    let total = items.len();
    let shown: Vec<Cow<str>> = items.take(LISTED_ITEMS).map(excerpt).collect();
    match total - shown.len() {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_quoted_whole() {
        assert_eq!(excerpt(""), "");
        let longest = "é".repeat(EXCERPT_CHARS);
        assert!(matches!(excerpt(&longest), Cow::Borrowed(_)));
    }

    #[test]
    fn lists_show_their_first_items() {
        assert_eq!(excerpt_list(["400", "404"].into_iter()), "400, 404");
        let many: Vec<String> = (0..12).map(|i| i.to_string()).collect();
        assert_eq!(
            excerpt_list(many.iter().map(String::as_str)),
            "0, 1, 2, 3, 4 and 7 more"
        );
    }

    #[test]
    fn long_text_keeps_its_start_and_end_on_char_boundaries() {
        let text = format!("/{}😀end", "{é".repeat(50_000));
        let shown = excerpt(&text);
        assert_eq!(shown.chars().count(), EXCERPT_CHARS);
        assert!(shown.starts_with("/{é{é"), "{shown}");
        assert!(shown.ends_with("{é{é😀end"), "{shown}");
        assert_eq!(shown.matches('…').count(), 1);
        let one_over = "x".repeat(EXCERPT_CHARS + 1);
        assert_eq!(excerpt(&one_over).chars().count(), EXCERPT_CHARS);
    }
}
