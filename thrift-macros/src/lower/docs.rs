//! IDL doc comments as rustdoc.
//!
//! IDL comments are plain text written for every target language, not Markdown. Copied as
//! they are, an indented or fenced block would become a Rust doctest in the user's crate (and
//! fail), and `list<string>` or `[1, 2]` would be read as HTML or a link. Comments that could
//! be misread are therefore shown verbatim in a `text` block; the rest stay prose.

/// The `#[doc]` lines for `text`: its common indentation removed, each non-empty line with
/// the leading space rustdoc expects after `///`.
pub(super) fn doc_lines(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let indent = lines
        .iter()
        .filter(|line| !line.is_empty())
        .map(|line| indentation(line))
        .min()
        .unwrap_or(0);
    // The indentation is ASCII spaces and tabs, so slicing it off stays on a char boundary.
    let lines: Vec<&str> = lines
        .iter()
        .map(|line| line.get(indent..).unwrap_or(""))
        .collect();
    let verbatim = lines.iter().any(|line| {
        indentation(line) >= 4 || line.starts_with('\t') || line.contains(['`', '<', '[', '&'])
    });
    let doc_line = |line: &&str| match *line {
        "" => String::new(),
        line => format!(" {line}"),
    };
    if !verbatim {
        return lines.iter().map(doc_line).collect();
    }
    // A fence longer than any run of backticks inside, so nothing in the text closes it.
    let longest_run = lines
        .iter()
        .flat_map(|line| line.split(|c| c != '`'))
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = "`".repeat((longest_run + 1).max(3));
    let mut out = vec![format!(" {fence}text")];
    out.extend(lines.iter().map(doc_line));
    out.push(format!(" {fence}"));
    out
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

#[cfg(test)]
mod tests {
    use super::doc_lines;

    #[test]
    fn prose_stays_prose_without_its_common_indentation() {
        assert_eq!(
            doc_lines("  A user.\n  Has a name.\n"),
            [" A user.", " Has a name."]
        );
    }

    #[test]
    fn text_rustdoc_would_misread_is_fenced() {
        // Parquet's comments indent their examples: rustdoc would run them as doctests.
        assert_eq!(
            doc_lines("Sort order:\n\n    ASC\n    DESC"),
            [
                " ```text",
                " Sort order:",
                "",
                "     ASC",
                "     DESC",
                " ```"
            ]
        );
        assert_eq!(
            doc_lines("A list<string> of [names]"),
            [" ```text", " A list<string> of [names]", " ```"]
        );
        // A fence inside the comment cannot close ours.
        assert_eq!(
            doc_lines("Example:\n```\ncode\n```"),
            [" ````text", " Example:", " ```", " code", " ```", " ````"]
        );
    }
}
