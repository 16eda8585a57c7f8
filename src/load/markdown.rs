//! Markdown files with YAML front matter between `---` lines.

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
    fn unclosed_fence() {
        assert!(split("---\ntitle: A\n").is_none());
    }
}
