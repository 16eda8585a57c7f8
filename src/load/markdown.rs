//! Markdown files with YAML front matter between `---` lines.

use crate::diagnostics::{Diagnostic, line_column};
use std::path::Path;

/// Bytes a markdown file may have: a long decision is a few hundred KB.
pub const MAX_BYTES: usize = 1_000_000;
/// Quotes and lists one line may open inside each other (`> > - x` opens three): rendering
/// deeper nesting takes time that grows with its square.
pub const MAX_DEPTH: usize = 32;

/// The first limit the markdown file `text` is past, located where it is passed.
pub fn check_limits(text: &str, shown: &Path) -> Option<Diagnostic> {
    if text.len() > MAX_BYTES {
        let mut at = MAX_BYTES;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let (line, column) = line_column(text, at);
        return Some(
            Diagnostic::error(
                shown,
                format!(
                    "is {:.1} MB; Khula reads markdown files of at most 1 MB, and this is where the file passes it",
                    text.len() as f64 / 1_000_000.0
                ),
            )
            .at_source(text, line, column, 1)
            .hint("split the text into several pages, or publish the document as a PDF in documents/ and link to it"),
        );
    }
    for (number, line) in text.split('\n').enumerate() {
        if let Some(byte) = too_deep(line) {
            let column = line.get(..byte).map_or(0, |s| s.chars().count()) + 1;
            return Some(
                Diagnostic::error(
                    shown,
                    format!(
                        "opens more than {MAX_DEPTH} quotes or lists inside each other on this line"
                    ),
                )
                .at_line(number + 1, column, 1, line)
                .hint(format!(
                    "use at most {MAX_DEPTH} > or list markers at the start of a line; a quote inside a quote is rarely needed"
                )),
            );
        }
    }
    None
}

/// Byte offset of the `>` or list marker that opens level [`MAX_DEPTH`] + 1 in `line`.
fn too_deep(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let space = |i: usize| matches!(b.get(i), Some(b' ' | b'\t'));
    let mut i = 0;
    let mut depth = 0;
    loop {
        while space(i) {
            i += 1;
        }
        let marker = i;
        match b.get(i) {
            Some(b'>') => i += 1,
            Some(b'-' | b'*' | b'+') if space(i + 1) => i += 2,
            Some(b'0'..=b'9') => {
                let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                if digits <= 9
                    && matches!(b.get(i + digits), Some(b'.' | b')'))
                    && space(i + digits + 1)
                {
                    i += digits + 2;
                } else {
                    return None;
                }
            }
            _ => return None,
        }
        depth += 1;
        if depth > MAX_DEPTH {
            return Some(marker);
        }
    }
}

/// A markdown file split into its front matter and body.
#[derive(Debug, Clone)]
pub struct FrontMatter<'a> {
    /// The YAML between the fences (empty when there is none).
    pub yaml: &'a str,
    /// Lines before the YAML starts, to report YAML errors at the file's own line numbers.
    pub yaml_line_offset: usize,
    pub body: &'a str,
}

/// Splits `---\nyaml\n---\nbody`. Without an opening fence the whole text is the body.
/// Returns `None` when a fence is opened but never closed.
pub fn split(source: &str) -> Option<FrontMatter<'_>> {
    let mut lines = source.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Some(FrontMatter {
            yaml: "",
            yaml_line_offset: 0,
            body: source,
        });
    }
    let yaml_start = first.len();
    let mut pos = yaml_start;
    for line in lines {
        if line.trim_end() == "---" {
            return Some(FrontMatter {
                yaml: source.get(yaml_start..pos).unwrap_or(""),
                yaml_line_offset: 1,
                body: source.get(pos + line.len()..).unwrap_or(""),
            });
        }
        pos += line.len();
    }
    None
}

/// [`split`], or an error at line 1 of `file` when its front matter is never closed.
pub fn split_or_report<'a>(
    file: &'a super::SourceFile,
    diags: &mut crate::diagnostics::Diagnostics,
) -> Option<FrontMatter<'a>> {
    let split = split(&file.text);
    if split.is_none() {
        diags.push(
            crate::diagnostics::Diagnostic::error(
                &file.shown,
                "the front matter opened by --- on line 1 is never closed",
            )
            .at_source(&file.text, 1, 1, 3)
            .hint("end the front matter with a line of three dashes (---) before the text"),
        );
    }
    split
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let fm = split("---\nref: 2080-001\n---\n\nText\n").unwrap();
        assert_eq!(fm.yaml, "ref: 2080-001\n");
        assert_eq!(fm.body, "\nText\n");
        assert_eq!(fm.yaml_line_offset, 1);
    }

    #[test]
    fn crlf_and_no_front_matter() {
        let fm = split("---\r\ntitle: A\r\n---\r\nBody").unwrap();
        assert_eq!(fm.yaml, "title: A\r\n");
        assert_eq!(fm.body, "Body");
        assert_eq!(split("# Hi\n").unwrap().body, "# Hi\n");
    }

    #[test]
    fn nesting_past_the_limit_is_located_at_the_marker() {
        let ok = format!("title\n\n{}x\n", "> ".repeat(MAX_DEPTH));
        assert!(check_limits(&ok, Path::new("p.md")).is_none());
        let lists = format!("{}x", "- 1. * ".repeat(MAX_DEPTH));
        let d = check_limits(&format!("a\n{lists}\n"), Path::new("p.md")).unwrap();
        // Marker 33 is the `*` of the eleventh `- 1. * `, 7 characters each.
        assert_eq!((d.line, d.column), (2, 7 * 10 + 5 + 1));
        let quotes = format!("---\ntitle: A\n---\n{}\n", ">".repeat(100_000));
        let d = check_limits(&quotes, Path::new("p.md")).unwrap();
        assert_eq!((d.line, d.column), (4, MAX_DEPTH + 1));
        assert!(d.message.contains("more than 32"), "{}", d.message);
        // Text that only looks like markers is not nesting.
        assert!(check_limits(&"-x 1.5 *a ".repeat(100), Path::new("p.md")).is_none());
    }

    #[test]
    fn file_past_one_megabyte_is_located_where_it_passes_it() {
        let line = format!("{}\n", "अ".repeat(99));
        let text = line.repeat(MAX_BYTES / line.len() + 1);
        let d = check_limits(&text, Path::new("p.md")).unwrap();
        let lines = MAX_BYTES / line.len();
        let column = (MAX_BYTES - lines * line.len()) / 3 + 1;
        assert_eq!((d.line, d.column), (lines + 1, column));
        assert!(d.message.contains("at most 1 MB"), "{}", d.message);
    }

    #[test]
    fn unclosed_fence() {
        assert!(split("---\ntitle: A\n").is_none());
    }
}
