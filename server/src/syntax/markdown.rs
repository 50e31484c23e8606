//! A small outline of a Markdown readme: its headings (ATX `#` and setext `===`/`---`) with
//! the range of each one's section, and its list items with their indentation, outside fenced
//! code blocks and HTML comments. It is not a Markdown parser; it knows what the readme rules
//! read (section headings, the entries listed under one) and nothing more.

use crate::text::TextRange;

/// A heading: its level (1 to 6), its text without the `#` marks, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    /// The heading's text, without the marks around it.
    pub range: TextRange,
    /// The heading's line(s), without the line break.
    pub line: TextRange,
    /// Where its section ends: the start of the next heading of the same or a higher level,
    /// or the end of the text.
    pub section_end: u32,
}

/// A list item (`-`, `*`, `+`, or `1.`/`1)`): its text after the marker, and its indentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListItem {
    /// Spaces before the marker (a tab counts four).
    pub indent: usize,
    pub text: String,
    /// The item's text, after the marker.
    pub range: TextRange,
}

/// A line of text that is neither a heading, a list item, blank, nor in a code block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextLine {
    pub text: String,
    pub range: TextRange,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    pub headings: Vec<Heading>,
    pub items: Vec<ListItem>,
    pub lines: Vec<TextLine>,
}

impl Outline {
    /// The list items in `range` (a section), in order.
    pub fn items_in(&self, range: TextRange) -> impl Iterator<Item = &ListItem> {
        self.items
            .iter()
            .filter(move |item| range.start <= item.range.start && item.range.end <= range.end)
    }

    /// The headings strictly inside `range` (below a section's own heading), in order.
    pub fn headings_in(&self, range: TextRange) -> impl Iterator<Item = &Heading> {
        self.headings
            .iter()
            .filter(move |h| range.start <= h.line.start && h.line.end <= range.end)
    }

    /// The text lines in `range`, in order.
    pub fn lines_in(&self, range: TextRange) -> impl Iterator<Item = &TextLine> {
        self.lines
            .iter()
            .filter(move |line| range.start <= line.range.start && line.range.end <= range.end)
    }
}

/// The section of `heading`: from the end of its line to the end of its section.
pub fn body(heading: &Heading) -> TextRange {
    TextRange::new(heading.line.end, heading.section_end.max(heading.line.end))
}

/// Each line of `text` with the offset it starts at, without its line break.
fn lines(text: &str) -> impl Iterator<Item = (u32, &str)> {
    let mut offset = 0usize;
    text.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        (start as u32, line)
    })
}

/// The outline of a readme.
pub fn outline(text: &str) -> Outline {
    let mut outline = Outline::default();
    let mut fence: Option<(char, usize)> = None;
    let mut in_comment = false;
    // The last line of paragraph text, which a setext underline turns into a heading.
    let mut paragraph: Option<TextLine> = None;
    for (start, line) in lines(text) {
        let indent = indentation(line);
        let trimmed = line.trim_start();
        if let Some((mark, count)) = fence {
            let closing = trimmed.chars().take_while(|&c| c == mark).count();
            if indent < 4 && closing >= count && trimmed[closing..].trim().is_empty() {
                fence = None;
            }
            continue;
        }
        if in_comment {
            in_comment = !line.contains("-->");
            continue;
        }
        if indent < 4
            && let Some(mark) = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')
        {
            let count = trimmed.chars().take_while(|&c| c == mark).count();
            if count >= 3 {
                fence = Some((mark, count));
                paragraph = None;
                continue;
            }
        }
        if trimmed.starts_with("<!--") {
            in_comment = !trimmed.contains("-->");
            paragraph = None;
            continue;
        }
        if trimmed.is_empty() {
            paragraph = None;
            continue;
        }
        let line_range = TextRange::new(start, start + line.len() as u32);
        if indent < 4
            && let Some((level, text_range)) = atx_heading(line, start)
        {
            outline
                .headings
                .push(heading(text, level, text_range, line_range));
            paragraph = None;
            continue;
        }
        if indent < 4
            && let Some(level) = setext_level(trimmed)
            && let Some(previous) = paragraph.take()
        {
            outline.lines.pop();
            let line = TextRange::new(previous.range.start, line_range.end);
            outline
                .headings
                .push(heading(text, level, previous.range, line));
            continue;
        }
        if let Some((marker_end, item_text)) = list_item(trimmed) {
            let item_start = start + (line.len() - trimmed.len() + marker_end) as u32;
            let item_start = item_start + (item_text.len() - item_text.trim_start().len()) as u32;
            let content = item_text.trim();
            outline.items.push(ListItem {
                indent,
                text: content.to_string(),
                range: TextRange::new(item_start, item_start + content.len() as u32),
            });
            paragraph = None;
            continue;
        }
        let content_start = start + (line.len() - trimmed.len()) as u32;
        let content = trimmed.trim_end();
        let text_line = TextLine {
            text: content.to_string(),
            range: TextRange::new(content_start, content_start + content.len() as u32),
        };
        outline.lines.push(text_line.clone());
        paragraph = Some(text_line);
    }
    close_sections(&mut outline.headings, text.len() as u32);
    outline
}

fn heading(text: &str, level: u8, range: TextRange, line: TextRange) -> Heading {
    Heading {
        level,
        text: text[range.as_usize()].to_string(),
        range,
        line,
        section_end: line.end,
    }
}

/// Each section ends where the next heading of the same or a higher level starts.
fn close_sections(headings: &mut [Heading], end: u32) {
    for i in 0..headings.len() {
        let level = headings[i].level;
        headings[i].section_end = headings[i + 1..]
            .iter()
            .find(|h| h.level <= level)
            .map_or(end, |h| h.line.start);
    }
}

/// Spaces before the first other character (a tab counts four).
fn indentation(line: &str) -> usize {
    line.chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// An ATX heading (`## Text ##`): its level and the range of its text.
fn atx_heading(line: &str, start: u32) -> Option<(u8, TextRange)> {
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    let level = rest.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let after = &rest[level..];
    // `#Title` without the space is no heading to CommonMark, but readmes written for older
    // renderers use it: taken as one at the start of a line, before a letter.
    let unspaced = lead == 0 && after.starts_with(|c: char| c.is_alphabetic());
    if !(after.is_empty() || after.starts_with(' ') || after.starts_with('\t') || unspaced) {
        return None;
    }
    let mut content = after.trim();
    // A closing sequence of `#` after a space is not part of the text.
    let without_closing = content.trim_end_matches('#');
    if without_closing.is_empty() || without_closing.ends_with([' ', '\t']) {
        content = without_closing.trim_end();
    }
    let offset = start as usize + lead + level + (after.len() - after.trim_start().len());
    let range = TextRange::new(offset as u32, (offset + content.len()) as u32);
    Some((level as u8, range))
}

/// The level of a setext underline (`===` for 1, `---` for 2).
fn setext_level(trimmed: &str) -> Option<u8> {
    let line = trimmed.trim_end();
    let first = line.chars().next()?;
    if !matches!(first, '=' | '-') || !line.chars().all(|c| c == first) {
        return None;
    }
    Some(if first == '=' { 1 } else { 2 })
}

/// A list item's marker: where the text after it starts, and that text.
fn list_item(trimmed: &str) -> Option<(usize, &str)> {
    let bytes = trimmed.as_bytes();
    let marker = match bytes.first()? {
        b'-' | b'*' | b'+' => 1,
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 9 || !matches!(bytes.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    match bytes.get(marker) {
        Some(b' ' | b'\t') => Some((marker, &trimmed[marker..])),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const README: &str = "# Contoso Items\r\nTrack the items.\n\n## Publisher: Contoso\n\n\
        ## Supported Operations ##\n### Get items\nLists them.\n- **Create item**: adds one\n  \
        * nested\n1. `Delete item` - removes one\n```\n# not a heading\n- not an item\n```\n\
        <!--\n## hidden\n-->\nKnown issues\n---\nNone.\n";

    fn texts(outline: &Outline) -> Vec<(u8, &str)> {
        outline
            .headings
            .iter()
            .map(|h| (h.level, h.text.as_str()))
            .collect()
    }

    #[test]
    fn headings_and_their_sections() {
        let outline = outline(README);
        assert_eq!(
            texts(&outline),
            [
                (1, "Contoso Items"),
                (2, "Publisher: Contoso"),
                (2, "Supported Operations"),
                (3, "Get items"),
                (2, "Known issues"),
            ]
        );
        for heading in &outline.headings {
            assert_eq!(&README[heading.range.as_usize()], heading.text);
        }
        let operations = &outline.headings[2];
        let section = &README[body(operations).as_usize()];
        assert!(section.contains("Delete item") && !section.contains("Known issues"));
        assert_eq!(outline.headings[0].section_end as usize, README.len());
        assert_eq!(
            outline.headings_in(body(operations)).count(),
            1,
            "### Get items"
        );
    }

    #[test]
    fn list_items_with_their_indentation() {
        let outline = outline(README);
        let items: Vec<(usize, &str)> = outline
            .items
            .iter()
            .map(|i| (i.indent, i.text.as_str()))
            .collect();
        assert_eq!(
            items,
            [
                (0, "**Create item**: adds one"),
                (2, "nested"),
                (0, "`Delete item` - removes one"),
            ]
        );
        for item in &outline.items {
            assert_eq!(&README[item.range.as_usize()], item.text);
        }
    }

    #[test]
    fn text_lines_outside_headings_and_code() {
        let outline = outline(README);
        let lines: Vec<&str> = outline.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(lines, ["Track the items.", "Lists them.", "None."]);
    }

    #[test]
    fn a_heading_without_its_space() {
        let outline = outline("#DocJuris\nText.\n");
        assert_eq!(texts(&outline), [(1, "DocJuris")]);
    }

    #[test]
    fn not_headings() {
        let outline = outline(" #hashtag\n    # indented code\n####### seven\n\n---\n#1\n");
        assert!(outline.headings.is_empty(), "{:?}", outline.headings);
    }

    /// A section's items are those between its heading and the next one, none before or
    /// after.
    #[test]
    fn a_sections_items_are_its_own() {
        let outline = outline("# A\n- a\n# B\n- b\n- c\n# C\n- d\n");
        let section = body(&outline.headings[1]);
        let items: Vec<&str> = outline.items_in(section).map(|i| i.text.as_str()).collect();
        assert_eq!(items, ["b", "c"]);
    }

    /// Four spaces make indented code, not a fence; a fence closes only with as many marks
    /// and nothing after them, indented less than four spaces.
    #[test]
    fn fences_open_and_close_as_commonmark_says() {
        assert_eq!(texts(&outline("    ```\n# After\n")), [(1, "After")]);
        let text = "```\n``` info\n    ```\n``\n# In code\n```\n# After\n";
        assert_eq!(texts(&outline(text)), [(1, "After")]);
    }

    /// An underline indented four spaces is text, not a setext heading's.
    #[test]
    fn an_underline_indented_four_spaces_is_text() {
        assert!(outline("Title\n    ===\n").headings.is_empty());
    }

    /// An item's range is its text, however many spaces follow the marker.
    #[test]
    fn an_items_range_is_its_text() {
        let text = "-   Get items\n1.  Create item\n";
        let outline = outline(text);
        let ranges: Vec<&str> = outline
            .items
            .iter()
            .map(|item| &text[item.range.as_usize()])
            .collect();
        assert_eq!(ranges, ["Get items", "Create item"]);
    }

    /// A heading's range is its text, also when the heading is indented.
    #[test]
    fn an_indented_headings_range_is_its_text() {
        let text = "Intro\n  ## Supported Operations ##\n   # Publisher\n";
        assert_eq!(
            texts(&outline(text)),
            [(2, "Supported Operations"), (1, "Publisher")]
        );
    }

    /// An ordered marker is one to nine digits and `.` or `)`.
    #[test]
    fn ordered_markers_are_up_to_nine_digits() {
        let items = |text| -> Vec<String> {
            outline(text)
                .items
                .into_iter()
                .map(|item| item.text)
                .collect()
        };
        assert_eq!(items("123456789. nine\n"), ["nine"]);
        assert_eq!(items("7) seven\n"), ["seven"]);
        assert!(items("1234567890. ten\n").is_empty());
        assert!(items("1x item\n").is_empty());
    }
}
